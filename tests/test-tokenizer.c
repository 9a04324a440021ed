/* test-tokenizer.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bd-tokenizer.h"

static const char * const kind_names[] = {
  [BD_TOKEN_HAN] = "han",
  [BD_TOKEN_WORD] = "word",
  [BD_TOKEN_NUMBER] = "number",
  [BD_TOKEN_SYMBOL] = "symbol",
  [BD_TOKEN_BOUNDARY] = "-",
};

typedef struct
{
  char *name;
  BdTokenizeFlags flags;
  GString *text;
  char *expected;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->name);
  g_string_free (c->text, TRUE);
  g_free (c->expected);
  g_free (c);
}

/* Like g_strcompress(), with \xHH so that cases can hold invalid UTF-8. */
static GString *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }

      p++;
      switch (*p)
        {
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'x':
          g_assert_true (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]));
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 +
                                          g_ascii_xdigit_value (p[2])));
          p += 2;
          break;
        default:
          g_string_append_c (out, *p);
        }
    }

  return out;
}

static gboolean
collect_cb (const char  *token,
            gsize        token_len,
            gsize        start,
            gsize        end,
            BdTokenKind  kind,
            gpointer     user_data)
{
  GString *out = user_data;

  g_assert_cmpuint (start, <, end);

  if (kind == BD_TOKEN_BOUNDARY)
    {
      g_assert_cmpmem (token, token_len, BD_TOKEN_BOUNDARY_TEXT, strlen (BD_TOKEN_BOUNDARY_TEXT));
      g_string_append_printf (out, "- - %zu %zu\n", start, end);
    }
  else
    {
      g_assert_true (g_utf8_validate (token, token_len, NULL));
      g_string_append_printf (out, "%s %.*s %zu %zu\n", kind_names[kind], (int) token_len, token,
                              start, end);
    }

  return TRUE;
}

static char *
tokenize (const char      *text,
          gssize           len,
          BdTokenizeFlags  flags)
{
  GString *out = g_string_new (NULL);

  bd_tokenize (text, len, flags, collect_cb, out);
  return g_string_free (out, FALSE);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *tokens = tokenize (c->text->str, c->text->len, c->flags);

  g_assert_cmpstr (tokens, ==, c->expected);
}

static GPtrArray *
load_cases (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "tokenizer-cases.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);
  GString *expected = NULL;
  Case *current = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '#')
        continue;

      if (g_str_has_prefix (line, "doc ") || g_str_has_prefix (line, "query "))
        {
          const char *name = strchr (line, ' ') + 1;
          const char *text = strchr (name, ' ');

          g_assert_null (current);
          g_assert_nonnull (text);

          current = g_new0 (Case, 1);
          current->flags = line[0] == 'q' ? BD_TOKENIZE_QUERY : BD_TOKENIZE_DOCUMENT;
          current->name = g_strndup (name, text - name);
          current->text = unescape (text + 1);
          expected = g_string_new (NULL);
        }
      else if (line[0] == '\0')
        {
          if (current != NULL)
            {
              current->expected = g_string_free (expected, FALSE);
              g_ptr_array_add (cases, current);
              current = NULL;
            }
        }
      else
        {
          g_assert_nonnull (current);
          g_string_append_printf (expected, "%s\n", line);
        }
    }

  g_assert_null (current);
  return cases;
}

static void
test_fold (void)
{
  static const struct {
    const char *text;
    const char *folded;
  } cases[] = {
    { "ＧＤＰ", "gdp" },
    { "１５２３", "1523" },
    { "竹溪縣", "竹溪县" },
    { "網絡", "网络" },
    { "臺灣", "台湾" },
    { "豈", "岂" },
    { "Hello, World!", "hello, world!" },
    { "ｈｅｌｌｏ！　ｗｏｒｌｄ", "hello! world" },
    { "１，０００", "1，000" },
    { "①㎏", "1kg" },
    { "e\xcc\x81", "é" },
    { "ab\xc2\xad" "cd\xe2\x80\x8b", "abcd" },
    { "a\xff", "a\xef\xbf\xbd" },
    { "2023年５月", "2023年5月" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = bd_fold_text (cases[i].text, -1);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static void
test_fold_length (void)
{
  g_autofree char *folded = bd_fold_text ("縣城XYZ", strlen ("縣城X"));

  g_assert_cmpstr (folded, ==, "县城x");
}

static gboolean
token_text_cb (const char  *token,
               gsize        token_len,
               gsize        start,
               gsize        end,
               BdTokenKind  kind,
               gpointer     user_data)
{
  g_string_append_printf (user_data, "%d:%.*s ", kind, (int) token_len, token);
  return TRUE;
}

/* Folding is idempotent and the tokenizer folds as bd_fold_text() does, so folded text and the
 * original give the same tokens: queries and documents meet whatever their form. */
static void
test_fold_consistency (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *folded = bd_fold_text (c->text->str, c->text->len);
  g_autofree char *twice = bd_fold_text (folded, -1);
  g_autoptr(GString) original_tokens = g_string_new (NULL);
  g_autoptr(GString) folded_tokens = g_string_new (NULL);

  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_cmpstr (twice, ==, folded);

  bd_tokenize (c->text->str, c->text->len, c->flags, token_text_cb, original_tokens);
  bd_tokenize (folded, -1, c->flags, token_text_cb, folded_tokens);

  /* An invalid byte folds to U+FFFD, which is punctuation just like the byte. */
  g_assert_cmpstr (folded_tokens->str, ==, original_tokens->str);
}

static gboolean
stop_after_two_cb (const char  *token,
                   gsize        token_len,
                   gsize        start,
                   gsize        end,
                   BdTokenKind  kind,
                   gpointer     user_data)
{
  guint *count = user_data;

  return ++(*count) < 2;
}

static void
test_stop (void)
{
  guint count = 0;

  bd_tokenize ("一二三 four 5", -1, BD_TOKENIZE_DOCUMENT, stop_after_two_cb, &count);
  g_assert_cmpuint (count, ==, 2);

  count = 0;
  bd_tokenize ("one, two three", -1, BD_TOKENIZE_DOCUMENT, stop_after_two_cb, &count);
  g_assert_cmpuint (count, ==, 2);
}

typedef struct
{
  gsize text_len;
  gsize last_end;
  guint n_tokens;
} Check;

static gboolean
check_cb (const char  *token,
          gsize        token_len,
          gsize        start,
          gsize        end,
          BdTokenKind  kind,
          gpointer     user_data)
{
  Check *check = user_data;

  g_assert_cmpuint (token_len, >, 0);
  g_assert_cmpuint (start, <, end);
  g_assert_cmpuint (end, <=, check->text_len);
  g_assert_true (kind == BD_TOKEN_BOUNDARY || g_utf8_validate (token, token_len, NULL));
  check->n_tokens++;
  check->last_end = end;
  return TRUE;
}

/* Random bytes and random characters: every offset stays inside the text and every token is
 * valid UTF-8, whatever the input. */
static void
test_random (void)
{
  static const gunichar alphabet[] = {
    'a', 'Z', '0', '9', '.', ',', ' ', '\n', '-', '+', '%', '"', 0x4E2D, 0x7E23, 0x3002, 0xFF0C,
    0xFF21, 0xFF11, 0x0301, 0xFE0F, 0x200B, 0x2103, 0x1F600, 0x3042, 0xAC00, 0xFF8E, 0x2460,
  };

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint len = g_test_rand_int_range (0, 64);
      Check check = { 0, };

      for (guint i = 0; i < len; i++)
        {
          if (round % 2 == 0)
            g_string_append_c (text, (char) g_test_rand_int_range (1, 256));
          else
            g_string_append_unichar (text, alphabet[g_test_rand_int_range (0, G_N_ELEMENTS (alphabet))]);
        }

      check.text_len = text->len;
      bd_tokenize (text->str, text->len, BD_TOKENIZE_DOCUMENT, check_cb, &check);
      g_free (bd_fold_text (text->str, text->len));
    }
}

static gboolean
count_cb (const char  *token,
          gsize        token_len,
          gsize        start,
          gsize        end,
          BdTokenKind  kind,
          gpointer     user_data)
{
  (*(guint64 *) user_data)++;
  return TRUE;
}

/* Informational: run with -m perf to see how fast the importer can tokenize. */
static void
test_throughput (void)
{
  static const char * const sentences[] = {
    "竹溪县融媒体中心记者报道，2023年第三季度全县GDP增长8.2%，完成固定资产投资54.49亿元。",
    "县委书记强调，要加强党的建设，全面提升干部队伍能力作风建设水平，推动高质量发展。",
    "縣城網絡覆蓋率達到９８．５％，新建5G基站1,000座。",
    "“十四五”以来，该县坚持1+N政策体系，实施乡村振兴战略，農業發展穩中向好。\n",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GTimer) timer = NULL;
  guint64 n_tokens = 0;
  double seconds;

  if (!g_test_perf ())
    {
      g_test_skip ("Run with -m perf");
      return;
    }

  while (text->len < 8 * 1024 * 1024)
    g_string_append (text, sentences[g_test_rand_int_range (0, G_N_ELEMENTS (sentences))]);

  timer = g_timer_new ();
  bd_tokenize (text->str, text->len, BD_TOKENIZE_DOCUMENT, count_cb, &n_tokens);
  seconds = g_timer_elapsed (timer, NULL);

  g_test_minimized_result (seconds, "tokenized %.1f MB, %" G_GUINT64_FORMAT " tokens in %.3f s: %.1f MB/s",
                           text->len / 1048576.0, n_tokens, seconds,
                           text->len / 1048576.0 / seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = NULL;

  g_test_init (&argc, &argv, NULL);

  cases = load_cases ();
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      g_autofree char *path = g_strdup_printf ("/core/tokenizer/case/%s", c->name);
      g_autofree char *fold_path = g_strdup_printf ("/core/tokenizer/fold-consistency/%s", c->name);

      g_test_add_data_func (path, c, test_case);
      g_test_add_data_func (fold_path, c, test_fold_consistency);
    }

  g_test_add_func ("/core/tokenizer/fold", test_fold);
  g_test_add_func ("/core/tokenizer/fold-length", test_fold_length);
  g_test_add_func ("/core/tokenizer/stop", test_stop);
  g_test_add_func ("/core/tokenizer/random", test_random);
  g_test_add_func ("/core/tokenizer/throughput", test_throughput);

  return g_test_run ();
}
