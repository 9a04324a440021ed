/* test-search.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "bd-archive.h"
#include "bd-archive-private.h"
#include "bd-error.h"
#include "bd-fts-functions.h"
#include "bd-importer.h"
#include "bd-query.h"
#include "bd-report.h"
#include "bd-search.h"
#include "bd-search-result.h"
#include "bd-test-fixtures.h"

/* Every report of the corpus is named by a one-word title the queries never contain, so a
 * result set is written as the letters of its reports. */
typedef struct
{
  const char *letter;
  const char *title;
  const char *source;
  const char *date;
  const char *body;
} Doc;

#define LONG_FILLER_REPEAT 1500

static const Doc docs[] = {
  { "A", "Alpha", "人民网", "2023-08-15 09:12",
    "竹溪县发展中国家级茶叶基地，全县GDP增长8.2%，新建5G基站152个。" },
  { "B", "Bravo", "荆楚网", "2023-07-10 10:00",
    "上午召开会议，投资54.49亿元，1,000人参加，C919大飞机项目通报。" },
  { "C", "Charlie", "十堰日报", "2023-09-01 08:30",
    "会议在中午，上级领导出席。2022年工作总结。" },
  { "D", "Delta", "十堰日报", "2023-10-05 16:00",
    "全年完成20221个项目，实施1+N帮扶机制。" },
  { "E", "Echo", "湖北日报", "2023-05-20 07:00",
    "竹溪縣網絡建設加快，一季度增长明显。" },
  { "F", "Foxtrot", "人民网", "2023-11-11 11:11",
    "ＧＤＰ总量１５２３亿元，“能力作风建设”年活动启动。" },
  { "I", "India", "长江云", "2023-08-20 12:00",
    "1000名志愿者参加茶叶采摘。" },
  { "J", "茶叶丰收", "十堰晚报", "2023-08-21 12:00",
    "今年秋天，县里的好消息很多。" },
  { "K", "Kilo", "十堰晚报", "2023-08-01 12:00",
    "相同的正文讲述全县乡村振兴。" },
  { "L", "Lima", "十堰晚报", "2023-08-02 12:00",
    "相同的正文讲述全县乡村振兴。" },
};

/* G is a long report whose last words come after more than 10,000 tokens; H is a PDF whose
 * line breaks fall inside 党建. */
#define H_PARAGRAPH "竹溪县委宣传部近日组织全县乡镇党委书记和县直单位负责人开展党建工作观摩活动，大家一致认为要持续深化能力作风建设。"

/* Tags given to reports once they are imported, for the facets to count. */
static const struct {
  const char *letter;
  const char *tag;
} corpus_tags[] = {
  { "A", "茶产业" }, { "E", "茶产业" }, { "I", "茶产业" }, { "A", "重点" }, { "D", "重点" },
  { "K", "乡村振兴" },
};

static char *archive_dir;
static char *files_dir;
static BdArchive *archive;
static GHashTable *letters;  /* report id → letter */

static void
write_doc (const Doc *doc)
{
  const char *const paragraphs[] = { doc->body, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *page_title = g_strdup_printf ("%s_%s", doc->title, doc->source);
  g_autofree char *name = g_strdup_printf ("%s.html", doc->letter);
  g_autofree char *path = g_build_filename (files_dir, name, NULL);
  BdSampleHtml spec = {
    .title = page_title,
    .heading = doc->title,
    .source = doc->source,
    .byline_date = doc->date,
    .paragraphs = paragraphs,
  };

  g_assert_true (bd_sample_write_html (path, &spec, &error));
  g_assert_no_error (error);
}

static void
write_long_doc (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (files_dir, "G.html", NULL);
  const char *paragraphs[] = { NULL, NULL };
  BdSampleHtml spec = {
    .title = "Golf",
    .heading = "Golf",
    .source = "某某生活网",
    .paragraphs = paragraphs,
  };

  for (guint i = 0; i < LONG_FILLER_REPEAT; i++)
    g_string_append (body, "县里工作扎实推进。");
  g_string_append (body, "独一无二的结尾词。");
  paragraphs[0] = body->str;

  g_assert_true (bd_sample_write_html (path, &spec, &error));
  g_assert_no_error (error);
}

static void
write_pdf_doc (void)
{
  static const char *const pages[] = { H_PARAGRAPH, NULL };
  BdSamplePdf spec = {
    .header = "湖北日报 2023年6月18日 第5版",
    .heading = "Hotel",
    .pages = pages,
    .chars_per_line = 30,
  };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GObject) document = NULL;
  g_autoptr(GObject) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *path = g_build_filename (files_dir, "H.pdf", NULL);

  /* the case only means something if the PDF really breaks the line inside the word */
  document = G_OBJECT (poppler_document_new_from_bytes (pdf, NULL, &error));
  g_assert_no_error (error);
  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
  raw = poppler_page_get_text (POPPLER_PAGE (page));
  g_assert_nonnull (strstr (raw, "党\n建"));

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                      &error));
  g_assert_no_error (error);
}

static gint64
id_of_letter (const char *letter)
{
  GHashTableIter iter;
  gpointer id, value;

  g_hash_table_iter_init (&iter, letters);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      if (g_str_equal (value, letter))
        return GPOINTER_TO_INT (id);
    }

  g_assert_not_reached ();
}

static void
build_corpus (void)
{
  g_autofree char *tmp = bd_test_make_tmp_dir ();
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { NULL, NULL };
  GPtrArray *items;

  files_dir = g_build_filename (tmp, "files", NULL);
  archive_dir = g_build_filename (tmp, "archive", NULL);
  g_assert_cmpint (g_mkdir (files_dir, 0755), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    write_doc (&docs[i]);
  write_long_doc ();
  write_pdf_doc ();

  archive = bd_archive_open (archive_dir, &error);
  g_assert_no_error (error);

  importer = bd_importer_new (archive);
  paths[0] = files_dir;
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);

  letters = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  items = bd_importer_get_items (importer);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (docs) + 2);
  for (guint i = 0; i < items->len; i++)
    {
      BdImportItem *item = g_ptr_array_index (items, i);
      g_autofree char *base = g_path_get_basename (item->path);

      g_assert_cmpint (item->status, ==, BD_IMPORT_IMPORTED);
      *strchr (base, '.') = '\0';
      g_hash_table_insert (letters, GINT_TO_POINTER (item->report_id), g_steal_pointer (&base));
    }

  for (guint i = 0; i < G_N_ELEMENTS (corpus_tags); i++)
    {
      const char *tags[] = { corpus_tags[i].tag, NULL };
      BdReportChanges changes = { .add_tags = tags };
      gint64 id = id_of_letter (corpus_tags[i].letter);

      g_assert_true (bd_archive_update_reports (archive, &id, 1, &changes, &error));
      g_assert_no_error (error);
    }
}

static GPtrArray *
search (const char *text,
        guint      *total)
{
  g_autoptr(BdQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  query = bd_query_parse (text, &error);
  g_assert_no_error (error);

  results = bd_archive_search (archive, query, 0, 0, total, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);

  return results;
}

static const char *
letter_of (BdSearchResult *result)
{
  gint64 id = bd_report_get_id (bd_search_result_get_report (result));

  return g_hash_table_lookup (letters, GINT_TO_POINTER (id));
}

static int
compare_letters (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The letters of the reports found, sorted: "AE". */
static char *
found_letters (const char *text)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  guint total = 0;

  results = search (text, &total);
  g_assert_cmpuint (total, ==, results->len);

  for (guint i = 0; i < results->len; i++)
    g_ptr_array_add (found, (gpointer)letter_of (g_ptr_array_index (results, i)));
  g_ptr_array_sort (found, compare_letters);
  for (guint i = 0; i < found->len; i++)
    g_string_append (out, g_ptr_array_index (found, i));

  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *query;
  const char *expected;
} Case;

static const Case cases[] = {
  /* single characters and short words */
  { "竹", "AEH" },
  { "竹溪县", "AEH" },
  { "茶叶", "AIJ" },
  /* substrings inside and across words */
  { "中国", "A" },
  { "国家级", "A" },
  /* order matters, and punctuation is a boundary */
  { "上午", "B" },
  { "午上", "" },
  /* numbers */
  { "2022", "C" },
  { "2022年", "C" },
  { "20221", "D" },
  { "8.2%", "A" },
  { "8.2", "A" },
  { "54.49亿元", "B" },
  { "1,000", "B" },
  { "1000", "I" },
  { "1523", "F" },
  { "１５２３", "F" },
  { "一季度", "E" },
  /* Latin inside Chinese */
  { "GDP增长", "A" },
  { "gdp", "AF" },
  { "ＧＤＰ", "AF" },
  { "5G基站", "A" },
  { "5g", "A" },
  { "C919", "B" },
  { "c919大飞机", "B" },
  { "1+N", "D" },
  /* traditional and simplified */
  { "網絡", "E" },
  { "网络", "E" },
  { "竹溪縣", "AEH" },
  /* quotes */
  { "\"能力作风建设\"", "FH" },
  { "“能力作风建设”", "FH" },
  { "「能力作风」", "FH" },
  /* a PDF line break inside a word */
  { "党建", "H" },
  { "党建工作观摩", "H" },
  /* far into a long report */
  { "独一无二的结尾词", "G" },
  /* operators */
  { "竹溪 GDP", "A" },
  { "上午 OR 中午", "BC" },
  { "上午 或 中午", "BC" },
  { "竹溪 -网络", "AH" },
  { "竹溪 NOT 网络", "AH" },
  { "-竹溪 -茶叶 -乡村 -县", "BCDF" },
  { "(上午 OR 中午) 2022", "C" },
  /* filters */
  { "level:national", "AF" },
  { "竹溪 level:省级", "EH" },
  { "level:unset", "G" },
  { "date:2023Q3", "ABCIJKL" },
  { "2023Q2", "EH" },
  { "date:2023-08-01..2023-08-15", "AKL" },
  { "outlet:十堰", "CDJKL" },
  { "乡村振兴 outlet:十堰晚报", "KL" },
  /* an alias or a domain finds the outlet's reports, stored under its own name */
  { "outlet:人民网", "AF" },
  { "outlet:people.com.cn", "AF" },
  { "outlet:湖北日报客户端", "EH" },
  /* nothing that merely holds the characters apart */
  { "竹林", "" },
  { "县竹", "" },
};

static void
test_search_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *found = found_letters (c->query);

  if (g_strcmp0 (found, c->expected) != 0)
    g_error ("“%s” found “%s”, expected “%s”", c->query, found, c->expected);
}

/* A rank window of two runs the path of a large archive: the two newest matches ranked, the
 * others after them; the set found must not change. */
static void
test_search_case_windowed (gconstpointer data)
{
  _bd_archive_set_rank_window (archive, 2);
  test_search_case (data);
  _bd_archive_set_rank_window (archive, BD_DEFAULT_RANK_WINDOW);
}

static void
test_search_hostile (void)
{
  static const char *const inputs[] = {
    "\"", "\"\"", "*", "**", "^", ":", "::", "-", "--", "OR", "AND", "NOT", "NOT NOT", "(((",
    ")))", "()", "\"竹溪", "竹溪\"", "竹溪*", "*竹溪", "竹溪^2", "title:竹溪", "body:竹溪",
    "reports_fts:x", "NEAR(竹 溪)", "竹溪 OR", "OR 竹溪", "- 竹溪", "'; DROP TABLE reports; --",
    "%", "+", "@", "&", "#", "#竹溪", "……", "。。。", "\t\n", "level:", "tag:", "outlet:",
    "level:national OR", "😀", "竹溪😀县", "\xe7\xab\xb9\xff\xfe", "\\", "\\\"", "a\"b\"c",
    "date:", "2023Q", "Q3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(BdQuery) query = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;

      query = bd_query_parse (inputs[i], &error);
      if (query == NULL)
        {
          /* a value that makes no sense is said so, never an SQL error */
          g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
          continue;
        }

      results = bd_archive_search (archive, query, 0, 10, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (results);
    }
}

/* The hit's text in the snippet, as the user sees it highlighted. */
static char *
first_hit (BdSearchResult *result)
{
  GArray *hits = bd_search_result_get_snippet_hits (result);
  const char *snippet = bd_search_result_get_snippet (result);
  const BdRange *range;

  g_assert_cmpuint (hits->len, >, 0);
  range = &g_array_index (hits, BdRange, 0);
  g_assert_cmpuint (range->end, <=, strlen (snippet));

  return g_strndup (snippet + range->start, range->end - range->start);
}

static BdSearchResult *
result_for (GPtrArray  *results,
            const char *letter)
{
  for (guint i = 0; i < results->len; i++)
    {
      if (g_str_equal (letter_of (g_ptr_array_index (results, i)), letter))
        return g_ptr_array_index (results, i);
    }

  g_error ("%s is not among the results", letter);
}

static void
test_search_highlights (void)
{
  static const struct {
    const char *query;
    const char *letter;
    const char *hit;
  } hits[] = {
    /* the original characters are marked, whatever form was typed */
    { "竹溪县", "A", "竹溪县" },
    { "竹溪县", "E", "竹溪縣" },
    { "网络", "E", "網絡" },
    { "gdp", "F", "ＧＤＰ" },
    { "1523", "F", "１５２３" },
    { "8.2%", "A", "8.2%" },
    { "1+N", "D", "1+N" },
    { "党建", "H", "党建" },
    { "独一无二", "G", "独一无二" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (hits); i++)
    {
      g_autoptr(GPtrArray) results = search (hits[i].query, NULL);
      g_autofree char *hit = first_hit (result_for (results, hits[i].letter));

      g_assert_cmpstr (hit, ==, hits[i].hit);
    }
}

static void
test_search_snippet (void)
{
  g_autoptr(GPtrArray) results = search ("独一无二的结尾词", NULL);
  BdSearchResult *result;
  const char *snippet;

  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  snippet = bd_search_result_get_snippet (result);

  /* about 100 characters around the hit, cut at a sentence, not the report's start */
  g_assert_true (g_str_has_prefix (snippet, "…"));
  g_assert_cmpuint (g_utf8_strlen (snippet, -1), <=, 102);
  g_assert_cmpuint (g_utf8_strlen (snippet, -1), >=, 20);
  g_assert_nonnull (strstr (snippet, "县里工作扎实推进。独一无二的结尾词"));
  g_assert_null (strchr (snippet, '\n'));
}

static void
test_search_title_hits (void)
{
  g_autoptr(GPtrArray) results = search ("茶叶", NULL);
  BdSearchResult *result = result_for (results, "J");
  GArray *hits = bd_search_result_get_title_hits (result);
  const BdRange *range;

  g_assert_cmpstr (bd_search_result_get_title (result), ==, "茶叶丰收");
  g_assert_cmpuint (hits->len, ==, 1);
  range = &g_array_index (hits, BdRange, 0);
  g_assert_cmpuint (range->start, ==, 0);
  g_assert_cmpuint (range->end, ==, strlen ("茶叶"));
}

static void
test_search_ranking (void)
{
  g_autoptr(GPtrArray) tea = search ("茶叶", NULL);
  g_autoptr(GPtrArray) county = search ("县", NULL);
  g_autoptr(GPtrArray) same = search ("乡村振兴", NULL);

  /* a word in the title weighs more than in the body */
  g_assert_cmpstr (letter_of (g_ptr_array_index (tea, 0)), ==, "J");

  /* a character found in most reports still ranks them: its IDF stays positive */
  g_assert_cmpuint (county->len, >, G_N_ELEMENTS (docs) / 2);
  for (guint i = 0; i < county->len; i++)
    g_assert_cmpfloat (bd_search_result_get_score (g_ptr_array_index (county, i)), >, 0);

  /* equal scores: newest first */
  g_assert_cmpuint (same->len, ==, 2);
  g_assert_cmpfloat (bd_search_result_get_score (g_ptr_array_index (same, 0)), ==,
                     bd_search_result_get_score (g_ptr_array_index (same, 1)));
  g_assert_cmpstr (letter_of (g_ptr_array_index (same, 0)), ==, "L");
  g_assert_cmpstr (letter_of (g_ptr_array_index (same, 1)), ==, "K");
}

static void
test_search_pages (gconstpointer data)
{
  g_autoptr(BdQuery) query = bd_query_parse ("县", NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  guint total = 0;

  _bd_archive_set_rank_window (archive, GPOINTER_TO_UINT (data));

  all = bd_archive_search (archive, query, 0, 0, &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, all->len);
  g_assert_cmpuint (total, ==, 7);

  /* every page is the matching slice of the whole list, each report once */
  for (guint offset = 0; offset < total + 3; offset += 3)
    {
      g_autoptr(GPtrArray) page = NULL;
      guint page_total = 0;

      page = bd_archive_search (archive, query, offset, 3, &page_total, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page_total, ==, total);
      g_assert_cmpuint (page->len, ==, MIN (3, total - MIN (offset, total)));
      for (guint i = 0; i < page->len; i++)
        {
          BdReport *report = bd_search_result_get_report (g_ptr_array_index (page, i));
          BdReport *expected = bd_search_result_get_report (g_ptr_array_index (all, offset + i));

          g_assert_cmpint (bd_report_get_id (report), ==, bd_report_get_id (expected));
          g_assert_true (g_hash_table_add (seen, g_memdup2 (&(gint64) { bd_report_get_id (report) },
                                                            sizeof (gint64))));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, total);

  _bd_archive_set_rank_window (archive, BD_DEFAULT_RANK_WINDOW);
}

/* Words with a filter find exactly the reports the words find that the filter alone finds, in
 * the same order with the same scores; with a small rank window, the same reports. Filters that
 * leave few reports and filters that leave most of them are both here: the list of the reports
 * a filter leaves bounds the span of matches searched. */
static const char *const filtered_words[] = { "县", "茶叶", "竹溪", "乡村振兴" };
static const char *const filtered_filters[] = {
  "level:national", "level:provincial", "level:unset", "-level:provincial", "date:2023Q3",
  "date:2023-08-01..2023-08-15", "date:2023-08 level:national", "outlet:十堰 date:2023Q3",
  "date:2023-01-01..2023-12-31", "level:national date:2024Q1",
};

static GHashTable *
ids_of (GPtrArray *results)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < results->len; i++)
    {
      gint64 id = bd_report_get_id (bd_search_result_get_report (g_ptr_array_index (results, i)));

      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }

  return ids;
}

static void
test_search_filtered (gconstpointer data)
{
  guint window = GPOINTER_TO_UINT (data);

  for (guint f = 0; f < G_N_ELEMENTS (filtered_filters); f++)
    {
      g_autoptr(GPtrArray) passing = search (filtered_filters[f], NULL);
      g_autoptr(GHashTable) passing_ids = ids_of (passing);

      for (guint w = 0; w < G_N_ELEMENTS (filtered_words); w++)
        {
          g_autofree char *text = g_strdup_printf ("%s %s", filtered_words[w], filtered_filters[f]);
          g_autoptr(GPtrArray) words = NULL;
          g_autoptr(GPtrArray) found = NULL;
          g_autoptr(GPtrArray) expected = g_ptr_array_new ();
          g_autoptr(GHashTable) found_ids = NULL;
          guint total = 0;

          words = search (filtered_words[w], NULL);
          for (guint i = 0; i < words->len; i++)
            {
              BdSearchResult *result = g_ptr_array_index (words, i);
              gint64 id = bd_report_get_id (bd_search_result_get_report (result));

              if (g_hash_table_contains (passing_ids, &id))
                g_ptr_array_add (expected, result);
            }

          _bd_archive_set_rank_window (archive, window);
          found = search (text, &total);
          _bd_archive_set_rank_window (archive, BD_DEFAULT_RANK_WINDOW);

          g_assert_cmpuint (total, ==, expected->len);
          g_assert_cmpuint (found->len, ==, expected->len);
          found_ids = ids_of (found);
          for (guint i = 0; i < expected->len; i++)
            {
              BdSearchResult *want = g_ptr_array_index (expected, i);
              BdSearchResult *got = g_ptr_array_index (found, i);
              gint64 id = bd_report_get_id (bd_search_result_get_report (want));

              if (window != BD_DEFAULT_RANK_WINDOW)
                {
                  g_assert_true (g_hash_table_contains (found_ids, &id));
                  continue;
                }
              if (bd_report_get_id (bd_search_result_get_report (got)) != id)
                g_error ("“%s”: result %u is %s, expected %s", text, i, letter_of (got),
                         letter_of (want));
              g_assert_cmpfloat (bd_search_result_get_score (got), ==,
                                 bd_search_result_get_score (want));
              g_assert_cmpstr (bd_search_result_get_snippet (got), ==,
                               bd_search_result_get_snippet (want));
            }
        }
    }
}

/* Without words, every report the filters leave, newest first, undated last. */
static void
test_search_browse (void)
{
  static const struct {
    const char *text;
    const char *letters;
  } browses[] = {
    { "", "ABCDEFGHIJKL" },
    { "-竹溪", "BCDFGIJKL" },
    { "-竹溪 date:2023-08", "IJKL" },
    { "level:municipal -县", "CD" },
    { "date:2024", "" },
  };

  for (guint b = 0; b < G_N_ELEMENTS (browses); b++)
    {
      g_autoptr(GPtrArray) results = NULL;
      g_autofree char *found = found_letters (browses[b].text);
      const char *previous = "9999-99-99";
      guint total = 0;

      g_assert_cmpstr (found, ==, browses[b].letters);
      results = search (browses[b].text, &total);
      g_assert_cmpuint (total, ==, results->len);
      for (guint i = 0; i < results->len; i++)
        {
          BdReport *report = bd_search_result_get_report (g_ptr_array_index (results, i));
          const char *date = bd_report_get_date (report);

          if (date == NULL)
            {
              previous = "";
              continue;
            }
          g_assert_cmpstr (date, <=, previous);
          previous = date;
          g_assert_cmpstr (bd_search_result_get_snippet (g_ptr_array_index (results, i)), !=, "");
        }
    }
}

static void
test_search_cancelled (void)
{
  g_autoptr(BdQuery) query = bd_query_parse ("县", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  results = bd_archive_search (archive, query, 0, 0, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
}

static void
count_name (GHashTable *counts,
            const char *name)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

  g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (n + 1));
}

/* @facet holds the names and counts of @expected, most first and then by name, or for quarters
 * newest first with undated reports last. */
static void
assert_counts (const char *text,
               GPtrArray  *facet,
               GHashTable *expected,
               gboolean    by_name)
{
  if (facet->len != g_hash_table_size (expected))
    g_error ("“%s”: %u counts, expected %u", text, facet->len, g_hash_table_size (expected));

  for (guint i = 0; i < facet->len; i++)
    {
      BdCount *count = g_ptr_array_index (facet, i);
      BdCount *previous = i > 0 ? g_ptr_array_index (facet, i - 1) : NULL;

      if (count->count != GPOINTER_TO_UINT (g_hash_table_lookup (expected, count->name)))
        g_error ("“%s”: %s counted %u, expected %u", text, count->name, count->count,
                 GPOINTER_TO_UINT (g_hash_table_lookup (expected, count->name)));
      if (previous == NULL)
        continue;
      if (by_name)
        g_assert_true (*count->name == '\0' || strcmp (previous->name, count->name) > 0);
      else
        g_assert_true (previous->count > count->count ||
                       (previous->count == count->count &&
                        strcmp (previous->name, count->name) < 0));
    }
}

/* The facets of a query count, by level, outlet, tag and quarter, exactly the reports its
 * search finds. */
static void
test_search_facets (void)
{
  static const char * const texts[] = {
    "", "竹溪", "县", "-竹溪", "县 level:provincial", "县 -level:provincial", "茶叶 date:2023Q3",
    "tag:茶产业", "县 tag:重点", "outlet:十堰", "date:2023-08", "没有这样的词", "level:unset",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(GPtrArray) found = search (texts[t], NULL);
      g_autoptr(BdQuery) query = bd_query_parse (texts[t], NULL);
      g_autoptr(BdFacets) facets = NULL;
      g_autoptr(GHashTable) outlets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) quarters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GError) error = NULL;
      guint levels[BD_N_LEVELS] = { 0 };

      facets = bd_archive_get_facets (archive, query, NULL, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < found->len; i++)
        {
          BdReport *result = bd_search_result_get_report (g_ptr_array_index (found, i));
          g_autoptr(BdReport) report = NULL;
          const char *date;
          g_autofree char *quarter = NULL;

          report = bd_archive_get_report (archive, bd_report_get_id (result), FALSE, &error);
          g_assert_no_error (error);

          levels[bd_report_get_level (report)]++;
          count_name (outlets, bd_report_get_outlet (report));
          for (const char * const *tag = bd_report_get_tags (report); *tag != NULL; tag++)
            count_name (tags, *tag);
          date = bd_report_get_date (report);
          if (date != NULL)
            quarter = g_strdup_printf ("%.4sQ%d", date, (atoi (date + 5) + 2) / 3);
          count_name (quarters, quarter != NULL ? quarter : "");
        }

      g_assert_cmpuint (facets->total, ==, found->len);
      for (guint level = 0; level < BD_N_LEVELS; level++)
        g_assert_cmpuint (facets->levels[level], ==, levels[level]);
      assert_counts (texts[t], facets->outlets, outlets, FALSE);
      assert_counts (texts[t], facets->tags, tags, FALSE);
      assert_counts (texts[t], facets->quarters, quarters, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  build_corpus ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/search/case/%s", cases[i].query);

      g_autofree char *windowed = NULL;

      g_strdelimit (path + strlen ("/core/search/case/"), "/", '_');
      windowed = g_strdup_printf ("/core/search/windowed/%s", path + strlen ("/core/search/case/"));

      g_test_add_data_func (path, &cases[i], test_search_case);
      g_test_add_data_func (windowed, &cases[i], test_search_case_windowed);
    }
  g_test_add_func ("/core/search/hostile", test_search_hostile);
  g_test_add_func ("/core/search/highlights", test_search_highlights);
  g_test_add_func ("/core/search/snippet", test_search_snippet);
  g_test_add_func ("/core/search/title-hits", test_search_title_hits);
  g_test_add_func ("/core/search/ranking", test_search_ranking);
  g_test_add_data_func ("/core/search/pages", GUINT_TO_POINTER (BD_DEFAULT_RANK_WINDOW),
                        test_search_pages);
  g_test_add_data_func ("/core/search/pages-windowed", GUINT_TO_POINTER (2), test_search_pages);
  g_test_add_data_func ("/core/search/filtered", GUINT_TO_POINTER (BD_DEFAULT_RANK_WINDOW),
                        test_search_filtered);
  g_test_add_data_func ("/core/search/filtered-windowed", GUINT_TO_POINTER (2),
                        test_search_filtered);
  g_test_add_data_func ("/core/search/filtered-window-one", GUINT_TO_POINTER (1),
                        test_search_filtered);
  g_test_add_func ("/core/search/browse", test_search_browse);
  g_test_add_func ("/core/search/cancelled", test_search_cancelled);
  g_test_add_func ("/core/search/facets", test_search_facets);

  status = g_test_run ();

  g_clear_object (&archive);
  g_clear_pointer (&letters, g_hash_table_unref);
  {
    g_autofree char *tmp = g_path_get_dirname (files_dir);

    _bd_remove_tree (tmp);
  }
  g_free (files_dir);
  g_free (archive_dir);

  return status;
}
