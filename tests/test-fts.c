/* test-fts.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "bd-error.h"
#include "bd-id-set.h"
#include "bd-query.h"
#include "bd-tokenizer.h"

/* The terms after this many tokens of a long report must still be found. */
#define LONG_REPORT_TOKENS 12000

static const struct {
  const char *title;
  const char *body;
} corpus[] = {
  /* 1 */ { "竹溪县召开党建工作会议", "会议强调，要加强能力作风建设。上午九点开始。" },
  /* 2 */ { "发展中国家合作论坛", "发展中国家代表参加了论坛。" },
  /* 3 */ { "统计公报", "2022年全县GDP增长8.2%，完成投资54.49亿元。" },
  /* 4 */ { "惠民", "共有1,000户家庭受益。" },
  /* 5 */ { "通信建设", "新建5G基站120座，C919大飞机首飞。" },
  /* 6 */ { "政策", "构建1+N政策体系。" },
  /* 7 */ { "午间", "中午，上班族在路边吃饭。" },
  /* 8 */ { "排版", "建 设美丽乡村" },
  /* 9 */ { "廣告", "網絡推廣服務" },
  /* 10 */ { "全角", "ＧＤＰ总量１５２３亿元" },
  /* 11 */ { "换行", "党\n建引领" },
  /* 12 */ { "English", "The quick brown fox jumps over the lazy dog; GDP data." },
  /* 13 */ { "培训", "另有1000人参加培训，编号20221。" },
  /* 14 */ { "长文", NULL },  /* LONG_REPORT_TOKENS tokens, then 独角兽 and unicorn */
};

static gboolean
count_token_cb (const char  *token,
                gsize        token_len,
                gsize        start,
                gsize        end,
                BdTokenKind  kind,
                gpointer     user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static sqlite3 *
open_corpus (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (bd_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='baodao')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO docs (rowid, title, body) VALUES (?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr(GString) body = g_string_new (corpus[i].body);

      if (corpus[i].body == NULL)
        {
          guint n_tokens = 0;

          for (guint j = 0; j < LONG_REPORT_TOKENS; j++)
            g_string_append (body, j % 10 ? "的" : "word，");

          bd_tokenize (body->str, body->len, BD_TOKENIZE_DOCUMENT, count_token_cb, &n_tokens);
          g_assert_cmpuint (n_tokens, >, LONG_REPORT_TOKENS);

          g_string_append (body, "独角兽 unicorn");
        }

      sqlite3_bind_int (stmt, 1, i + 1);
      sqlite3_bind_text (stmt, 2, corpus[i].title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, body->str, body->len, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }

  sqlite3_finalize (stmt);
  return db;
}

/* Runs a parsed query the way the archive does and returns the matching rowids, "1,3", or NULL
 * when the query has an invalid filter. */
static char *
search (sqlite3    *db,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdQuery) query = bd_query_parse (text, &error);
  g_autoptr(GString) rowids = g_string_new (NULL);
  const char *match, *exclude;
  sqlite3_stmt *stmt = NULL;
  const char *sql;
  int rc;

  if (query == NULL)
    {
      g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
      return NULL;
    }

  match = bd_query_get_match (query);
  exclude = bd_query_get_exclude_match (query);

  if (match != NULL)
    sql = "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rowid";
  else if (exclude != NULL)
    sql = "SELECT rowid FROM docs WHERE rowid NOT IN "
          "(SELECT rowid FROM docs WHERE docs MATCH ?2) ORDER BY rowid";
  else
    return g_strdup ("");

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, exclude, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (rowids, "%s%d", rowids->len ? "," : "", sqlite3_column_int (stmt, 0));

  if (rc != SQLITE_DONE)
    g_error ("“%s” → %s: %s", text, match ? match : exclude, sqlite3_errmsg (db));

  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&rowids), FALSE);
}

typedef struct
{
  const char *name;
  const char *query;
  const char *rowids;
} SearchCase;

static const SearchCase search_cases[] = {
  { "single-character", "党", "1,11" },
  { "substring-across-words", "中国", "2" },
  { "order-matters", "午上", "" },
  { "in-order", "上午", "1" },
  { "year-with-han", "2022年", "3" },
  { "number-is-whole", "2022", "3" },
  { "longer-number", "20221", "13" },
  { "percent", "8.2%", "3" },
  { "decimal", "54.49亿元", "3" },
  { "thousands-separator", "1,000", "4" },
  { "no-thousands-separator", "1000", "13" },
  { "latin-with-han", "GDP增长", "3" },
  { "latin-any-case", "gdp", "3,10,12" },
  { "digit-latin", "5G基站", "5" },
  { "latin-digit", "C919", "5" },
  { "latin-digit-lower-case", "c919", "5" },
  { "symbol", "1+N", "6" },
  { "symbol-needs-its-neighbours", "1+M", "" },
  { "chinese-quotes", "“能力作风”建设", "1" },
  { "title-and-body", "建设", "1,5,8" },
  { "layout-space", "建设美丽", "8" },
  { "pdf-line-break", "党建", "1,11" },
  { "across-punctuation", "午，上", "7" },
  { "no-match-across-punctuation", "中午上班", "" },
  { "or", "竹溪 OR 发展中国家", "1,2" },
  { "and", "quick dog", "12" },
  { "phrase", "\"quick dog\"", "" },
  { "not", "党建 -竹溪", "11" },
  { "not-only", "-党 -建", "2,3,4,7,9,10,12,13,14" },
  { "traditional-query", "竹溪縣", "1" },
  { "traditional-document", "网络推广", "9" },
  { "traditional-both", "網絡", "9" },
  { "full-width-query", "ＧＤＰ增长", "3" },
  { "full-width-document", "1523", "10" },
  { "full-width-both", "１５２３亿元", "10" },
  { "prefix-latin", "gd*", "3,10,12" },
  { "prefix-digits", "202*", "3,13" },
  { "after-many-tokens", "独角兽", "14" },
  { "latin-after-many-tokens", "unicorn", "14" },
  { "pinyin-is-not-han", "jianshe", "" },
  { "frequent-character", "的", "14" },
};

static void
test_search (gconstpointer data)
{
  const SearchCase *c = data;
  sqlite3 *db = open_corpus ();
  g_autofree char *rowids = search (db, c->query);

  g_assert_cmpstr (rowids, ==, c->rowids);
  sqlite3_close (db);
}

static void
test_highlight (void)
{
  static const struct {
    const char *query;
    int rowid;
    int column;
    const char *highlighted;
  } cases[] = {
    { "中国", 2, 1, "发展[中国]家代表参加了论坛。" },
    { "网络", 9, 1, "[網絡]推廣服務" },
    { "广告", 9, 0, "[廣告]" },
    { "gdp", 10, 1, "[ＧＤＰ]总量１５２３亿元" },
    { "1523亿", 10, 1, "ＧＤＰ总量[１５２３亿]元" },
    { "8.2%", 3, 1, "2022年全县GDP增长[8.2%]，完成投资54.49亿元。" },
    { "建设", 8, 1, "[建 设]美丽乡村" },
    { "党建", 11, 1, "[党\n建]引领" },
    { "午，上", 7, 1, "中[午，上]班族在路边吃饭。" },
    { "C919 5G", 5, 1, "新建[5G]基站120座，[C919]大飞机首飞。" },
  };
  sqlite3 *db = open_corpus ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT highlight(docs, ?3, '[', ']') FROM docs "
                                       "WHERE docs MATCH ?1 AND rowid = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BdQuery) query = bd_query_parse (cases[i].query, NULL);

      sqlite3_bind_text (stmt, 1, bd_query_get_match (query), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, cases[i].rowid);
      sqlite3_bind_int (stmt, 3, cases[i].column);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, cases[i].highlighted);
      sqlite3_reset (stmt);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Hostile and random input through the parser must never make FTS5 fail. */
static void
test_hostile (void)
{
  static const char * const hostile[] = {
    "\"", "\"\"", "\"\"\"", "*", "**", "^", ":", "：", "-", "--", "NOT", "OR", "AND", "NEAR",
    "NEAR(a b)", "a AND", "OR a", "(", ")", ")(", "((()))", "{title}:a", "title:a", "body:\"x\"",
    "a:b:c", "+", "&", "@", "'", "''", "\\", "\\\"", "a\"b\"c\"", "“", "”", "「", "」", "😀",
    "😀*", "gd*\"", "\"gd\"*\"", "-*", "-\"", "-(", "NOT (", "a OR OR OR b", "| | |", "或",
    "\xff", "\xc0\xaf", "\xed\xa0\x80", "a\001b", "\t\r\n", "竹溪 -", "-竹溪 OR", "^竹溪",
    "竹溪^", "*竹溪", "竹溪:", "(竹溪", "竹溪)", "\"竹溪", "竹溪\"", "%", "8.2%*", "1,000*",
  };
  static const char * const pieces[] = {
    "竹溪", "建设", "gdp", "5G", "a", "1", "\"", "“", "”", "「", "」", "(", ")", "*", "^", ":",
    "：", "-", "OR", "NOT", "AND", "NEAR", "|", "或", " ", " ", " ", "😀", "\xff", "\x01", "{",
    "}", "+", "%", ".", ",", "，", "'", "\\", "level", "title", "body", "...", "~",
  };
  sqlite3 *db = open_corpus ();

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *mixed = g_strdup_printf ("竹溪 %s 建设%s", hostile[i], hostile[i]);

      g_free (search (db, hostile[i]));
      g_free (search (db, mixed));
    }

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_test_rand_int_range (0, 12);

      for (guint i = 0; i < n; i++)
        {
          if (g_test_rand_int_range (0, 8) == 0)
            g_string_append_c (text, (char) g_test_rand_int_range (1, 256));
          else
            g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
        }

      g_free (search (db, text->str));
    }

  sqlite3_close (db);
}

static void
test_register (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);

  /* Without registration the table cannot be created. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE a USING fts5(x, tokenize='baodao')",
                                 NULL, NULL, NULL), !=, SQLITE_OK);

  g_assert_cmpint (bd_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE b USING fts5(x, tokenize='baodao')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* The tokenizer takes no arguments: a typo in them must not pass silently. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE c USING fts5(x, tokenize='baodao x')",
                                 NULL, NULL, NULL), !=, SQLITE_OK);

  sqlite3_close (db);
}

/* The numbers up to 200 that bd_in_set() finds in @set, as "3,66" */
static char *
in_set (sqlite3 *db,
        BdIdSet *set)
{
  sqlite3_stmt *stmt = NULL;
  char *found;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "WITH RECURSIVE n (x) AS (SELECT -3 UNION ALL "
                                       "  SELECT x + 1 FROM n WHERE x < 200) "
                                       "SELECT coalesce (group_concat (x), '') FROM n "
                                       "WHERE bd_in_set (?1, x)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (bd_id_set_bind (set, stmt, 1), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  found = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return found;
}

/* The set of reports a search's filters leave, tested where its bits cross a word. */
static void
test_id_set (void)
{
  static const gint64 ids[] = { 130, 3, 66, 67, 3, 66 };
  g_autoptr(BdIdSet) set = bd_id_set_new (ids, G_N_ELEMENTS (ids));
  g_autoptr(BdIdSet) one = bd_id_set_new (ids, 1);
  g_autoptr(BdIdSet) empty = bd_id_set_new (NULL, 0);
  g_autofree char *found = NULL;
  g_autofree char *found_one = NULL;
  g_autofree char *found_empty = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpuint (bd_id_set_get_size (set), ==, 4);
  g_assert_cmpint (bd_id_set_get_first (set), ==, 3);
  g_assert_cmpint (bd_id_set_get_last (set), ==, 130);
  g_assert_cmpuint (bd_id_set_get_size (empty), ==, 0);
  g_assert_false (bd_id_set_contains (empty, 0));
  g_assert_false (bd_id_set_contains (set, G_MININT64));
  g_assert_false (bd_id_set_contains (set, G_MAXINT64));

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (bd_id_set_register (db), ==, SQLITE_OK);

  g_assert_cmpstr ((found = in_set (db, set)), ==, "3,66,67,130");
  g_assert_cmpstr ((found_one = in_set (db, one)), ==, "130");
  g_assert_cmpstr ((found_empty = in_set (db, empty)), ==, "");

  /* a set given as anything but a bound pointer is refused, not read */
  g_assert_cmpint (sqlite3_exec (db, "SELECT bd_in_set ('x', 1)", NULL, NULL, NULL), ==,
                   SQLITE_ERROR);

  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (search_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/fts/search/%s", search_cases[i].name);

      g_test_add_data_func (path, &search_cases[i], test_search);
    }

  g_test_add_func ("/core/fts/highlight", test_highlight);
  g_test_add_func ("/core/fts/hostile", test_hostile);
  g_test_add_func ("/core/fts/register", test_register);
  g_test_add_func ("/core/fts/id-set", test_id_set);

  return g_test_run ();
}
