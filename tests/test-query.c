/* test-query.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bd-error.h"
#include "bd-query.h"

#define LEVEL(l) (1u << BD_LEVEL_##l)

typedef struct
{
  const char *name;
  const char *text;
  const char *match;
  const char *exclude;
  guint levels;
  const char *outlets;  /* joined with | */
  const char *tags;
  const char *dates;    /* first..last */
} QueryCase;

static const QueryCase cases[] = {
  /* Terms and phrases */
  { "han", "竹溪", "\"竹溪\"" },
  { "run-is-one-phrase", "能力作风建设", "\"能力作风建设\"" },
  { "spaces-are-and", "竹溪 党建", "\"竹溪\" AND \"党建\"" },
  { "ideographic-space", "竹溪\u3000党建", "\"竹溪\" AND \"党建\"" },
  { "ascii-quotes", "\"能力 作风\"", "\"能力 作风\"" },
  { "chinese-quotes", "“能力作风”建设", "\"能力作风\" AND \"建设\"" },
  { "corner-quotes", "「竹溪」『党建』", "\"竹溪\" AND \"党建\"" },
  { "mixed-quotes", "“竹溪\"", "\"竹溪\"" },
  { "quote-inside-corner-quotes", "「a\"b」", "\"a\"\"b\"" },
  { "latin-and-han", "GDP增长", "\"GDP增长\"" },
  { "numbers", "8.2% 1,000 1+N", "\"8.2%\" AND \"1,000\" AND \"1+N\"" },
  { "traditional", "竹溪縣", "\"竹溪縣\"" },
  { "full-width", "ＧＤＰ", "\"ＧＤＰ\"" },
  { "punctuation-inside", "午，上", "\"午，上\"" },
  { "unknown-field-is-text", "foo:bar", "\"foo:bar\"" },
  { "url", "http://example.com", "\"http://example.com\"" },
  { "and-is-implicit", "a AND b", "\"a\" AND \"b\"" },
  { "lower-case-operators-are-words", "a or not b", "\"a\" AND \"or\" AND \"not\" AND \"b\"" },
  { "inner-dash", "COVID-19", "\"COVID-19\"" },

  /* Prefixes */
  { "prefix", "gd*", "\"gd\"*" },
  { "prefix-digits", "202*", "\"202\"*" },
  { "prefix-mixed", "C919*", "\"C919\"*" },
  { "prefix-phrase", "\"中国 gd\"*", "\"中国 gd\"*" },
  { "prefix-full-width-star", "gd＊", "\"gd\"*" },
  { "no-prefix-after-han", "中国*", "\"中国\"" },
  { "no-prefix-after-punctuation", "gd.*", "\"gd.\"" },
  { "star-inside", "a*b", "\"a*b\"" },

  /* OR */
  { "or", "a OR b", "\"a\" OR \"b\"" },
  { "bar", "a | b｜c", "\"a\" OR \"b\" OR \"c\"" },
  { "huo", "竹溪 或 房县", "\"竹溪\" OR \"房县\"" },
  { "huo-inside-a-word", "或者", "\"或者\"" },
  { "or-binds-looser", "a b OR c", "(\"a\" AND \"b\") OR \"c\"" },
  { "groups", "(a OR b) c", "(\"a\" OR \"b\") AND \"c\"" },
  { "full-width-parentheses", "（a OR b）c", "(\"a\" OR \"b\") AND \"c\"" },

  /* NOT */
  { "exclude", "竹溪 -广告", "\"竹溪\" NOT \"广告\"" },
  { "exclude-full-width-dash", "竹溪 －广告", "\"竹溪\" NOT \"广告\"" },
  { "not-word", "竹溪 NOT 广告", "\"竹溪\" NOT \"广告\"" },
  { "exclude-several", "a -b -c", "\"a\" NOT (\"b\" OR \"c\")" },
  { "exclude-phrase", "a -\"b c\"", "\"a\" NOT \"b c\"" },
  { "exclude-group", "a -(b OR c)", "\"a\" NOT (\"b\" OR \"c\")" },
  { "exclude-only", "-广告", NULL, "\"广告\"" },
  { "not-only", "NOT 广告", NULL, "\"广告\"" },
  { "exclude-only-several", "-a -b", NULL, "\"a\" OR \"b\"" },
  { "exclude-alternatives", "-a OR -b", NULL, "\"a\" AND \"b\"" },
  { "exclude-beside-alternative", "a OR -b", "\"a\"" },
  { "exclude-alternatives-nested", "x (-a OR -b)", "\"x\" NOT (\"a\" AND \"b\")" },
  { "double-dash", "--a", NULL, "\"a\"" },
  { "not-not", "NOT NOT a", "\"a\"" },
  { "complex", "a (b OR c) -(d OR e) -f",
    "(\"a\" AND (\"b\" OR \"c\")) NOT ((\"d\" OR \"e\") OR \"f\")" },

  /* Filters */
  { "level", "level:national", NULL, NULL, LEVEL (NATIONAL) },
  { "level-chinese", "级别：省级", NULL, NULL, LEVEL (PROVINCIAL) },
  { "level-traditional", "級別:國家級", NULL, NULL, LEVEL (NATIONAL) },
  { "level-upper-case", "LEVEL:Municipal", NULL, NULL, LEVEL (MUNICIPAL) },
  { "levels-add-up", "level:national level:市级", NULL, NULL, LEVEL (NATIONAL) | LEVEL (MUNICIPAL) },
  { "level-excluded", "-level:unset", NULL, NULL,
    LEVEL (NATIONAL) | LEVEL (PROVINCIAL) | LEVEL (MUNICIPAL) },
  { "level-with-text", "竹溪 level:provincial", "\"竹溪\"", NULL, LEVEL (PROVINCIAL) },
  { "level-empty-value", "level:", NULL },
  { "outlet", "outlet:湖北日报", NULL, NULL, 0, "湖北日报" },
  { "outlets", "媒体:湖北日报 来源:\"人民 日报\" source:十堰晚报", NULL, NULL, 0,
    "湖北日报|人民 日报|十堰晚报" },
  { "outlet-chinese-quotes", "outlet:“十堰 日报”", NULL, NULL, 0, "十堰 日报" },
  { "tags", "tag:乡村振兴 标签:党建 tag:乡村振兴", NULL, NULL, 0, NULL, "乡村振兴|党建" },
  { "date-year", "date:2023", NULL, NULL, 0, NULL, NULL, "2023-01-01..2023-12-31" },
  { "date-month", "日期：2023-08", NULL, NULL, 0, NULL, NULL, "2023-08-01..2023-08-31" },
  { "date-day", "date:2023-08-15", NULL, NULL, 0, NULL, NULL, "2023-08-15..2023-08-15" },
  { "date-quarter", "date:2023Q3", NULL, NULL, 0, NULL, NULL, "2023-07-01..2023-09-30" },
  { "bare-quarter", "竹溪 2023Q3", "\"竹溪\"", NULL, 0, NULL, NULL, "2023-07-01..2023-09-30" },
  { "bare-quarter-full-width", "２０２３Ｑ４", NULL, NULL, 0, NULL, NULL, "2023-10-01..2023-12-31" },
  { "bare-year-is-text", "2023", "\"2023\"" },
  { "date-range", "date:2023-07-01..2023-09-30", NULL, NULL, 0, NULL, NULL,
    "2023-07-01..2023-09-30" },
  { "date-range-periods", "date:2022..2023Q1", NULL, NULL, 0, NULL, NULL, "2022-01-01..2023-03-31" },
  { "date-range-open-end", "date:2023-07..", NULL, NULL, 0, NULL, NULL, "2023-07-01..9999-12-31" },
  { "date-range-open-start", "date:..2023-06", NULL, NULL, 0, NULL, NULL, "0001-01-01..2023-06-30" },
  { "date-range-tilde", "date:2023-01～2023-02", NULL, NULL, 0, NULL, NULL, "2023-01-01..2023-02-28" },
  { "dates-intersect", "date:2023-07-01..2023-09-30 date:2023-08", NULL, NULL, 0, NULL, NULL,
    "2023-08-01..2023-08-31" },
  { "dates-disjoint", "date:2022 date:2023", NULL, NULL, 0, NULL, NULL, "2023-01-01..2022-12-31" },
  { "filter-inside-or", "a OR level:national", "\"a\"", NULL, LEVEL (NATIONAL) },

  /* Hostile input */
  { "empty", "" },
  { "spaces", " \t\n\u3000 " },
  { "star", "*" },
  { "caret", "^" },
  { "caret-term", "^a", "\"^a\"" },
  { "colon", ":" },
  { "colon-term", "a:", "\"a:\"" },
  { "lone-or", "OR" },
  { "lone-not", "NOT" },
  { "lone-dash", "-" },
  { "lone-bar", "|" },
  { "dangling-or", "a OR", "\"a\"" },
  { "leading-or", "OR a", "\"a\"" },
  { "double-or", "a OR OR b", "\"a\" OR \"b\"" },
  { "dangling-not", "a NOT", "\"a\"" },
  { "dangling-dash", "a -", "\"a\"" },
  { "dash-before-space", "a - b", "\"a\" AND \"b\"" },
  { "dash-before-parenthesis", "a -)", "\"a\"" },
  { "quote", "\"" },
  { "empty-quotes", "a \"\" b", "\"a\" AND \"b\"" },
  { "unclosed-quote", "\"unclosed phrase", "\"unclosed phrase\"" },
  { "quote-in-word", "a\"b", "\"a\" AND \"b\"" },
  { "doubled-quotes", "\"a\"\"b\"", "\"a\" AND \"b\"" },
  { "unclosed-parenthesis", "((a", "\"a\"" },
  { "stray-parenthesis", "a)) b", "\"a\" AND \"b\"" },
  { "empty-parentheses", "()", },
  { "punctuation-only", "。，！？" },
  { "fts5-syntax", "NEAR(a b) {title}: c + ^d", "\"NEAR\" AND (\"a\" AND \"b\") AND \"{title}:\" AND \"c\" AND \"+\" AND \"^d\"" },
  { "emoji", "😀" },
  { "emoji-in-term", "竹溪😀", "\"竹溪😀\"" },
  { "invalid-utf8", "a\xff\xfe b", "\"a\xef\xbf\xbd\xef\xbf\xbd\" AND \"b\"" },
  { "invalid-utf8-only", "\xff\xfe" },
  { "control-characters", "a\x01\x02" "b", "\"a\" AND \"b\"" },
  { "deep-nesting", "((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))", "\"a\"" },
};

static char *
join_strv (const char * const *strv)
{
  g_assert_nonnull (strv);

  if (strv[0] == NULL)
    return NULL;

  return g_strjoinv ("|", (char **) strv);
}

static void
test_case (gconstpointer data)
{
  const QueryCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdQuery) query = bd_query_parse (c->text, &error);
  g_autofree char *outlets = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *dates = NULL;
  const char *first_day, *last_day;
  gboolean empty;

  g_assert_no_error (error);
  g_assert_nonnull (query);

  g_assert_cmpstr (bd_query_get_match (query), ==, c->match);
  g_assert_cmpstr (bd_query_get_exclude_match (query), ==, c->exclude);
  g_assert_cmpuint (bd_query_get_levels (query), ==, c->levels);

  outlets = join_strv (bd_query_get_outlets (query));
  tags = join_strv (bd_query_get_tags (query));
  g_assert_cmpstr (outlets, ==, c->outlets);
  g_assert_cmpstr (tags, ==, c->tags);

  if (bd_query_get_date_range (query, &first_day, &last_day))
    dates = g_strconcat (first_day, "..", last_day, NULL);
  g_assert_cmpstr (dates, ==, c->dates);

  empty = c->match == NULL && c->exclude == NULL && c->levels == 0 &&
          c->outlets == NULL && c->tags == NULL && c->dates == NULL;
  g_assert_cmpint (bd_query_is_empty (query), ==, empty);
}

static void
test_errors (void)
{
  static const struct {
    const char *text;
    const char *named;  /* the value the message must quote */
  } errors[] = {
    { "level:bogus", "bogus" },
    { "竹溪 级别：县级", "县级" },
    { "date:2023Q5", "2023Q5" },
    { "date:yesterday", "yesterday" },
    { "date:2023-02-30", "2023-02-30" },
    { "date:2024..2023", "2024..2023" },
    { "date:2023-01..soon", "soon" },
    { "level:national -level:national", "level:national -level:national" },
    { "-tag:广告", "tag:广告" },
    { "NOT outlet:x", "outlet:x" },
    { "-2023Q3", "2023Q3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdQuery) query = bd_query_parse (errors[i].text, &error);
      g_autofree char *quoted = g_strdup_printf ("“%s”", errors[i].named);

      g_assert_null (query);
      g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, quoted));
    }
}

static void
test_text (void)
{
  g_autoptr(BdQuery) query = bd_query_parse ("竹溪 -广告", NULL);
  g_autoptr(BdQuery) invalid = bd_query_parse ("a\xffz", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpstr (bd_query_get_text (query), ==, "竹溪 -广告");
  g_object_get (query, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "竹溪 -广告");

  /* The text is a string property: it is kept valid UTF-8. */
  g_assert_cmpstr (bd_query_get_text (invalid), ==, "a\xef\xbf\xbdz");
}

static void
test_setters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdQuery) query = bd_query_parse ("竹溪 outlet:湖北日报 date:2023", &error);
  g_autoptr(BdQuery) empty = bd_query_parse ("", &error);
  const char *first_day, *last_day;

  g_assert_no_error (error);

  bd_query_add_level (query, BD_LEVEL_NATIONAL);
  bd_query_add_level (query, BD_LEVEL_UNSET);
  bd_query_add_outlet (query, "人民日报");
  bd_query_add_outlet (query, "湖北日报");
  bd_query_add_tag (query, "党建");
  bd_query_restrict_dates (query, "2023-03-01", NULL);
  bd_query_restrict_dates (query, NULL, "2023-10-31");
  bd_query_restrict_dates (query, "2022-01-01", "2024-01-01");

  g_assert_cmpuint (bd_query_get_levels (query), ==, LEVEL (NATIONAL) | LEVEL (UNSET));
  g_assert_cmpstr (bd_query_get_outlets (query)[0], ==, "湖北日报");
  g_assert_cmpstr (bd_query_get_outlets (query)[1], ==, "人民日报");
  g_assert_null (bd_query_get_outlets (query)[2]);
  g_assert_cmpstr (bd_query_get_tags (query)[0], ==, "党建");
  g_assert_null (bd_query_get_tags (query)[1]);
  g_assert_true (bd_query_get_date_range (query, &first_day, &last_day));
  g_assert_cmpstr (first_day, ==, "2023-03-01");
  g_assert_cmpstr (last_day, ==, "2023-10-31");
  g_assert_cmpstr (bd_query_get_match (query), ==, "\"竹溪\"");

  g_assert_true (bd_query_is_empty (empty));
  g_assert_false (bd_query_get_date_range (empty, NULL, NULL));
  bd_query_restrict_dates (empty, NULL, "2023-01-31");
  g_assert_false (bd_query_is_empty (empty));
  g_assert_true (bd_query_get_date_range (empty, &first_day, &last_day));
  g_assert_cmpstr (first_day, ==, "0001-01-01");
  g_assert_cmpstr (last_day, ==, "2023-01-31");
}

/* Whatever is typed, the expression keeps balanced quotes and parentheses outside quotes. */
static void
test_random (void)
{
  static const char * const pieces[] = {
    "竹溪", "a", "gd", "\"", "“", "”", "「", "」", "(", ")", "（", "）", "*", "^", ":", "：",
    "-", "－", "OR", "NOT", "AND", "|", "或", " ", " ", "level:", "date:", "tag:", "😀", "\xff",
    "\x01", "8.2%", "1,000", "NEAR", "{", "}", "+",
  };

  for (guint round = 0; round < 5000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(BdQuery) query = NULL;
      guint n = g_test_rand_int_range (0, 16);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

      query = bd_query_parse (text->str, &error);
      if (query == NULL)
        {
          g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
          continue;
        }

      for (guint which = 0; which < 2; which++)
        {
          const char *expr = which ? bd_query_get_exclude_match (query) : bd_query_get_match (query);
          gboolean quoted = FALSE;
          int depth = 0;

          if (expr == NULL)
            continue;

          g_assert_true (g_utf8_validate (expr, -1, NULL));
          for (const char *p = expr; *p != '\0'; p++)
            {
              if (*p == '"')
                quoted = !quoted;
              else if (!quoted && *p == '(')
                depth++;
              else if (!quoted && *p == ')')
                g_assert_cmpint (--depth, >=, 0);
            }
          g_assert_false (quoted);
          g_assert_cmpint (depth, ==, 0);
        }
    }
}

static void
test_long (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(BdQuery) query = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (text, i % 3 ? "竹溪 " : "(a OR -\"b");

  query = bd_query_parse (text->str, NULL);
  g_assert_nonnull (query);
  g_assert_nonnull (bd_query_get_match (query));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/query/parse/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  g_test_add_func ("/core/query/errors", test_errors);
  g_test_add_func ("/core/query/text", test_text);
  g_test_add_func ("/core/query/setters", test_setters);
  g_test_add_func ("/core/query/random", test_random);
  g_test_add_func ("/core/query/long", test_long);

  return g_test_run ();
}
