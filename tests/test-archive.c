/* test-archive.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bd-archive.h"
#include "bd-archive-private.h"
#include "bd-error.h"
#include "bd-importer.h"
#include "bd-outlet-registry.h"
#include "bd-query.h"
#include "bd-report.h"
#include "bd-search.h"
#include "bd-search-result.h"
#include "bd-stats.h"
#include "bd-test-fixtures.h"

#define PARAGRAPH_1 "近日，竹溪县委宣传部组织开展基层党建工作观摩活动，全县各乡镇党委书记参加。"
#define PARAGRAPH_2 "今年以来，全县新建基站152个，综合产值持续增长，群众满意度稳步提高。"

/* No report exists with this id. */
#define MISSING_ID G_GINT64_CONSTANT (987654)

typedef struct
{
  char  *tmp;      /* everything the test writes */
  char  *dir;      /* files to import */
  char  *archive;  /* the archive folder */
  guint  n_batches;
} Fixture;

/* A web page to import: its title, the outlet its byline names and its date. */
typedef struct
{
  const char *title;
  const char *source;
  const char *date;
  const char *body;   /* a paragraph of its own, or NULL */
  const char *url;    /* its address, or NULL */
} Page;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp = bd_test_make_tmp_dir ();
  fixture->dir = g_build_filename (fixture->tmp, "reports", NULL);
  fixture->archive = g_build_filename (fixture->tmp, "archive", NULL);
  g_assert_cmpint (g_mkdir (fixture->dir, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  _bd_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->dir);
  g_free (fixture->archive);
}

/* Writes @pages as web pages and imports them; @ids receives their reports, in order. */
static void
import_pages (Fixture    *fixture,
              BdArchive  *archive,
              const Page *pages,
              guint       n_pages,
              gint64     *ids)
{
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *batch = g_strdup_printf ("%s/batch-%u", fixture->dir, fixture->n_batches++);
  GPtrArray *items;

  g_assert_cmpint (g_mkdir (batch, 0755), ==, 0);

  for (guint i = 0; i < n_pages; i++)
    {
      const char *const paragraphs[] = {
        PARAGRAPH_1, pages[i].body != NULL ? pages[i].body : PARAGRAPH_2, NULL
      };
      g_autofree char *page_title = pages[i].source != NULL
                                    ? g_strdup_printf ("%s_%s", pages[i].title, pages[i].source)
                                    : g_strdup (pages[i].title);
      BdSampleHtml spec = {
        .title = page_title,
        .heading = pages[i].title,
        .source = pages[i].source,
        .byline_date = pages[i].date,
        .paragraphs = paragraphs,
        .canonical = pages[i].url,
      };
      char *path = g_strdup_printf ("%s/page-%02u.html", batch, i);

      g_assert_true (bd_sample_write_html (path, &spec, &error));
      g_assert_no_error (error);
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);

  g_assert_true (bd_importer_run (importer, (const char * const *)paths->pdata, NULL, &error));
  g_assert_no_error (error);

  items = bd_importer_get_items (importer);
  g_assert_cmpuint (items->len, ==, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      ids[i] = 0;
      for (guint j = 0; j < items->len; j++)
        {
          BdImportItem *item = g_ptr_array_index (items, j);

          if (g_str_equal (item->path, path))
            {
              g_assert_no_error (item->error);
              g_assert_cmpint (item->status, ==, BD_IMPORT_IMPORTED);
              ids[i] = item->report_id;
            }
        }
      g_assert_cmpint (ids[i], >, 0);
    }
}

static BdReport *
get_report (BdArchive *archive,
            gint64     id)
{
  g_autoptr(GError) error = NULL;
  BdReport *report = bd_archive_get_report (archive, id, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static void
update (BdArchive             *archive,
        const gint64          *ids,
        guint                  n_ids,
        const BdReportChanges *changes)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_archive_update_reports (archive, ids, n_ids, changes, &error));
  g_assert_no_error (error);
}

/* The tags as "name:count name:count", most used first. */
static char *
list_tags (BdArchive *archive)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  tags = bd_archive_list_tags (archive, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < tags->len; i++)
    {
      BdCount *tag = g_ptr_array_index (tags, i);

      g_string_append_printf (text, "%s%s:%u", i > 0 ? " " : "", tag->name, tag->count);
    }

  return g_string_free (text, FALSE);
}

static char *
join_tags (BdReport *report)
{
  return g_strjoinv (",", (char **)bd_report_get_tags (report));
}

/* Runs @sql on a connection of its own, as another program would, and returns the rows, one a
 * line, with columns separated by "|". */
static char *
query_db (const char *archive_path,
          const char *sql)
{
  g_autofree char *db_path = g_build_filename (archive_path, "archive.sqlite3", NULL);
  GString *rows = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (rows->len > 0)
        g_string_append_c (rows, '\n');
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *)sqlite3_column_text (stmt, i);

          g_string_append_printf (rows, "%s%s", i > 0 ? "|" : "", value != NULL ? value : "NULL");
        }
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (rows, FALSE);
}

/* Every report's fields and tags, to tell whether anything changed. */
static char *
snapshot (Fixture *fixture)
{
  g_autofree char *reports = NULL;
  g_autofree char *tags = NULL;

  reports = query_db (fixture->archive,
                      "SELECT id, title, outlet, level, level_manual, published, source_url, "
                      "  modified_at FROM reports ORDER BY id");
  tags = query_db (fixture->archive,
                   "SELECT rt.report_id, t.name FROM report_tags rt "
                   "  JOIN tags t ON t.id = rt.tag_id "
                   "UNION ALL SELECT 'tag', name FROM tags ORDER BY 1, 2");

  return g_strconcat (reports, "\n--\n", tags, NULL);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 id_a = *(const gint64 *)a;
  gint64 id_b = *(const gint64 *)b;

  return (id_a > id_b) - (id_a < id_b);
}

/* The ids of the reports a search finds, in increasing order. */
static GArray *
search_ids (BdArchive  *archive,
            const char *text)
{
  g_autoptr(BdQuery) query = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint total = 0;

  query = bd_query_parse (text, &error);
  g_assert_no_error (error);
  results = bd_archive_search (archive, query, 0, 0, &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, results->len);

  for (guint i = 0; i < results->len; i++)
    {
      gint64 id = bd_report_get_id (bd_search_result_get_report (g_ptr_array_index (results, i)));

      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);

  return ids;
}

static gboolean
search_finds (BdArchive  *archive,
              const char *text,
              gint64      id)
{
  g_autoptr(GArray) ids = search_ids (archive, text);

  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
verify (BdArchive *archive)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_archive_verify (archive, NULL, &problems, &error));
  g_assert_no_error (error);
  g_assert_nonnull (problems);

  return g_steal_pointer (&problems);
}

static char *
original_of (BdArchive *archive,
             gint64     id)
{
  g_autoptr(BdReport) report = get_report (archive, id);

  return bd_archive_get_original_path (archive, report);
}

static const Page three_pages[] = {
  { "竹溪县召开基层党建座谈会", "人民网", "2023-08-15 09:12", NULL },
  { "竹溪县茶叶采摘进入旺季", "十堰日报", "2023-07-02 10:00", NULL },
  { "竹溪县开展能力作风建设", "荆楚网", "2023-09-30 18:00", NULL },
};

/* Opening */

static void
test_open_layout (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BdArchive) archive = NULL;
  g_autofree char *path = g_build_filename (fixture->tmp, "deep", "er", "archive", NULL);
  g_autofree char *db_path = g_build_filename (path, "archive.sqlite3", NULL);
  g_autofree char *originals = g_build_filename (path, "originals", NULL);
  g_autofree char *tmp = g_build_filename (path, "tmp", NULL);
  g_autofree char *journal_mode = NULL;
  g_autofree char *user_version = NULL;
  g_autofree char *expected_version = NULL;
  g_autofree char *canonical = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  /* the folder and its parents do not exist yet */
  g_free (fixture->archive);
  fixture->archive = g_strdup (path);

  archive = bd_test_open_archive (fixture->archive);
  canonical = g_canonicalize_filename (fixture->archive, NULL);
  g_assert_cmpstr (bd_archive_get_path (archive), ==, canonical);

  g_assert_true (g_file_test (db_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (originals, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (tmp, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 0);

  /* WAL is a property of the file: another connection sees it */
  journal_mode = query_db (fixture->archive, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  user_version = query_db (fixture->archive, "PRAGMA user_version");
  expected_version = g_strdup_printf ("%u", _bd_archive_schema_version ());
  g_assert_cmpuint (_bd_archive_schema_version (), >, 0);
  g_assert_cmpstr (user_version, ==, expected_version);

  /* foreign keys are a property of the connection: ask the archive's own */
  db = _bd_archive_lock (archive);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  _bd_archive_unlock (archive);

  bd_test_assert_verified (archive);
}

static void
test_open_reopen (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdReport) report = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *user_version = NULL;
  g_autofree char *expected_version = NULL;
  const char *add[] = { "乡村振兴", NULL };
  BdReportChanges changes = { .title = "改过的标题", .add_tags = add };
  gint64 ids[G_N_ELEMENTS (three_pages)];

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);
  update (archive, ids, 1, &changes);
  before = snapshot (fixture);
  g_clear_object (&archive);

  /* opening an archive again migrates nothing and loses nothing */
  archive = bd_test_open_archive (fixture->archive);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 3);

  report = get_report (archive, ids[0]);
  g_assert_cmpstr (bd_report_get_title (report), ==, "改过的标题");
  g_assert_cmpstr (bd_report_get_outlet (report), ==, "人民日报");
  g_assert_cmpstr (bd_report_get_date (report), ==, "2023-08-15");
  tags = list_tags (archive);
  g_assert_cmpstr (tags, ==, "乡村振兴:1");

  user_version = query_db (fixture->archive, "PRAGMA user_version");
  expected_version = g_strdup_printf ("%u", _bd_archive_schema_version ());
  g_assert_cmpstr (user_version, ==, expected_version);
  bd_test_assert_verified (archive);
}

/* An archive of the schema before the last is brought up to date when opened, with its reports
 * as they were. */
static void
test_open_migrates (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *indexes = NULL;
  g_autofree char *user_version = NULL;
  g_autofree char *expected_version = NULL;
  g_autofree char *downgrade = NULL;
  gint64 ids[G_N_ELEMENTS (three_pages)];

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);
  before = snapshot (fixture);
  g_clear_object (&archive);

  /* as the previous schema left it */
  g_free (query_db (fixture->archive, "DROP INDEX reports_period"));
  g_free (query_db (fixture->archive, "CREATE INDEX reports_published ON reports (published)"));
  downgrade = g_strdup_printf ("PRAGMA user_version = %u", _bd_archive_schema_version () - 1);
  g_free (query_db (fixture->archive, downgrade));

  archive = bd_test_open_archive (fixture->archive);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  user_version = query_db (fixture->archive, "PRAGMA user_version");
  expected_version = g_strdup_printf ("%u", _bd_archive_schema_version ());
  g_assert_cmpstr (user_version, ==, expected_version);
  indexes = query_db (fixture->archive,
                      "SELECT name FROM sqlite_master WHERE type = 'index' "
                      "AND tbl_name = 'reports' AND sql IS NOT NULL ORDER BY name");
  g_assert_cmpstr (indexes, ==, "reports_level\nreports_outlet\nreports_period");

  stats = bd_archive_get_stats (archive, "2023-07-01", "2023-09-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->total, ==, 3);
  g_assert_cmpuint (stats->months->len, ==, 3);
  bd_test_assert_verified (archive);
}

static void
test_open_newer_schema (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *set_version = NULL;
  g_autofree char *user_version = NULL;
  g_autofree char *expected_version = NULL;
  g_autofree char *n_reports = NULL;
  gint64 ids[1];

  import_pages (fixture, archive, three_pages, 1, ids);
  g_clear_object (&archive);

  /* a later Baodao upgraded it */
  expected_version = g_strdup_printf ("%u", _bd_archive_schema_version () + 1);
  set_version = g_strdup_printf ("PRAGMA user_version = %s", expected_version);
  g_free (query_db (fixture->archive, set_version));

  archive = bd_archive_open (fixture->archive, &error);
  g_assert_null (archive);
  g_assert_error (error, BD_ERROR, BD_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "update Baodao"));
  g_assert_nonnull (strstr (error->message, fixture->archive));

  /* and it is left exactly as it was */
  user_version = query_db (fixture->archive, "PRAGMA user_version");
  g_assert_cmpstr (user_version, ==, expected_version);
  n_reports = query_db (fixture->archive, "SELECT count(*) FROM reports");
  g_assert_cmpstr (n_reports, ==, "1");
}

typedef struct
{
  const char *name;
  const char *data;
  gsize       length;
} Garbage;

static const Garbage garbage_cases[] = {
  { "text", "这不是数据库。This is not a database, only a note someone saved under the wrong "
            "name. It goes on for a while so that it is longer than SQLite's header.\n", 0 },
  { "pdf", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"
           "%%EOF\n", 0 },
  { "short", "SQLite", 0 },
  { "header-only", "SQLite format 3\0\x10\0\1\1\0\x40\x20\x20", 24 },
};

static void
test_open_not_a_database (gconstpointer data)
{
  const Garbage *garbage = data;
  g_autofree char *tmp = bd_test_make_tmp_dir ();
  g_autofree char *archive_path = g_build_filename (tmp, "archive", NULL);
  g_autofree char *db_path = g_build_filename (archive_path, "archive.sqlite3", NULL);
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = garbage->length > 0 ? garbage->length : strlen (garbage->data);
  gsize read_length;

  g_assert_cmpint (g_mkdir (archive_path, 0755), ==, 0);
  g_assert_true (g_file_set_contents (db_path, garbage->data, length, NULL));

  archive = bd_archive_open (archive_path, &error);
  g_assert_null (archive);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", garbage->name, error->message);
  g_assert_true (error->domain == BD_ERROR);
  g_assert_cmpint (error->code, ==, BD_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, archive_path));

  /* whatever the file is, it is not Baodao's to overwrite */
  g_assert_true (g_file_get_contents (db_path, &contents, &read_length, NULL));
  g_assert_cmpmem (contents, read_length, garbage->data, length);

  _bd_remove_tree (tmp);
}

static void
test_open_not_a_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (fixture->archive, "一个文件", -1, NULL));

  archive = bd_archive_open (fixture->archive, &error);
  g_assert_null (archive);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fixture->archive));
  g_assert_true (g_file_get_contents (fixture->archive, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "一个文件");
}

static void
test_default_path (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = NULL;

      /* the user data folder is read once: set it before anything asks */
      g_unsetenv ("BAODAO_ARCHIVE");
      g_setenv ("XDG_DATA_HOME", "/nonexistent/数据", TRUE);

      path = bd_archive_default_path ();
      g_assert_cmpstr (path, ==, "/nonexistent/数据/baodao");
      g_free (path);

      g_setenv ("BAODAO_ARCHIVE", "", TRUE);
      path = bd_archive_default_path ();
      g_assert_cmpstr (path, ==, "/nonexistent/数据/baodao");
      g_free (path);

      g_setenv ("BAODAO_ARCHIVE", "/srv/宣传部/报道档案", TRUE);
      path = bd_archive_default_path ();
      g_assert_cmpstr (path, ==, "/srv/宣传部/报道档案");
      return;
    }

  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

/* Editing */

static void
test_update_one (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdReport) report = NULL;
  g_autoptr(BdReport) other = NULL;
  g_autofree char *other_before = NULL;
  g_autofree char *other_after = NULL;
  g_autofree char *others_sql = NULL;
  gint64 ids[G_N_ELEMENTS (three_pages)];
  BdReportChanges changes = {
    .title = "竹溪县召开全县基层党建工作座谈会",
    .outlet = "湖北日报",
    .date = "2023年9月1日",
    .source_url = "https://epaper.hubeidaily.net/pc/content/202309/01/content_1.html",
    .set_level = TRUE,
    .level = BD_LEVEL_MUNICIPAL,
  };

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);
  others_sql = g_strdup_printf ("SELECT * FROM reports WHERE id != %" G_GINT64_FORMAT, ids[0]);
  other_before = query_db (fixture->archive, others_sql);

  update (archive, ids, 1, &changes);

  report = get_report (archive, ids[0]);
  g_assert_cmpstr (bd_report_get_title (report), ==, "竹溪县召开全县基层党建工作座谈会");
  g_assert_cmpstr (bd_report_get_outlet (report), ==, "湖北日报");
  g_assert_cmpstr (bd_report_get_date (report), ==, "2023-09-01");
  g_assert_cmpstr (bd_report_get_source_url (report), ==,
                   "https://epaper.hubeidaily.net/pc/content/202309/01/content_1.html");
  /* the level typed wins over the outlet's */
  g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_MUNICIPAL);

  /* fields left NULL stay as they are */
  {
    BdReportChanges title_only = { .title = "只改标题" };

    update (archive, ids, 1, &title_only);
    g_clear_object (&report);
    report = get_report (archive, ids[0]);
    g_assert_cmpstr (bd_report_get_title (report), ==, "只改标题");
    g_assert_cmpstr (bd_report_get_outlet (report), ==, "湖北日报");
    g_assert_cmpstr (bd_report_get_date (report), ==, "2023-09-01");
    g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_MUNICIPAL);
  }

  other_after = query_db (fixture->archive, others_sql);
  g_assert_cmpstr (other_after, ==, other_before);

  other = get_report (archive, ids[1]);
  g_assert_cmpstr (bd_report_get_title (other), ==, "竹溪县茶叶采摘进入旺季");
  bd_test_assert_verified (archive);
}

static void
test_update_many (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  gint64 ids[G_N_ELEMENTS (three_pages)];
  gint64 chosen[2];
  BdReportChanges changes = {
    .title = "同一组稿件",
    .outlet = "新华社",
    .date = "2023-10-08",
    .source_url = "http://www.news.cn/local/2023-10/08/c_1.htm",
  };
  BdReportChanges by_hand = { .set_level = TRUE, .level = BD_LEVEL_PROVINCIAL };

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);
  chosen[0] = ids[0];
  chosen[1] = ids[2];

  update (archive, chosen, G_N_ELEMENTS (chosen), &changes);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(BdReport) report = get_report (archive, ids[i]);

      if (i == 1)
        {
          g_assert_cmpstr (bd_report_get_title (report), ==, "竹溪县茶叶采摘进入旺季");
          g_assert_cmpstr (bd_report_get_outlet (report), ==, "十堰日报");
          g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_MUNICIPAL);
          g_assert_cmpstr (bd_report_get_date (report), ==, "2023-07-02");
          continue;
        }

      g_assert_cmpstr (bd_report_get_title (report), ==, "同一组稿件");
      g_assert_cmpstr (bd_report_get_outlet (report), ==, "新华社");
      /* the outlet brings its level, whatever each report had */
      g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_NATIONAL);
      g_assert_cmpstr (bd_report_get_date (report), ==, "2023-10-08");
      g_assert_cmpstr (bd_report_get_source_url (report), ==,
                       "http://www.news.cn/local/2023-10/08/c_1.htm");
    }

  update (archive, ids, G_N_ELEMENTS (ids), &by_hand);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(BdReport) report = get_report (archive, ids[i]);

      g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_PROVINCIAL);
    }

  /* no reports: nothing to do, and no error */
  update (archive, NULL, 0, &changes);
  bd_test_assert_verified (archive);
}

#define TEN_CHARS "一二三四五六七八九十"

static void
test_update_tags (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdReport) report = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *report_tags = NULL;
  g_autofree char *stored = NULL;
  gint64 ids[G_N_ELEMENTS (three_pages)];
  const char *spaced[] = { "  乡村   振兴 ", "ＡＢＣ　专题", "乡村\t振兴", NULL };
  const char *same[] = { "乡村 振兴", NULL };
  const char *full_width[] = { "乡村　振兴", NULL };
  const char *abc[] = { "ABC 专题", NULL };
  const char *fresh[] = { "新标签", NULL };
  const char *longest[] = { TEN_CHARS TEN_CHARS TEN_CHARS TEN_CHARS TEN_CHARS TEN_CHARS
                            "一二三四", NULL };
  BdReportChanges changes = { 0 };

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);

  /* spaces trimmed and collapsed, full-width forms folded: three ways of writing two tags */
  changes.add_tags = spaced;
  update (archive, ids, 2, &changes);
  report = get_report (archive, ids[0]);
  report_tags = join_tags (report);
  g_assert_cmpstr (report_tags, ==, "ABC 专题,乡村 振兴");
  tags = list_tags (archive);
  g_assert_cmpstr (tags, ==, "ABC 专题:2 乡村 振兴:2");

  changes.add_tags = same;
  update (archive, ids, G_N_ELEMENTS (ids), &changes);
  g_free (tags);
  tags = list_tags (archive);
  g_assert_cmpstr (tags, ==, "乡村 振兴:3 ABC 专题:2");

  /* removing folds the same way; a tag the report does not have is no error */
  changes.add_tags = NULL;
  changes.remove_tags = full_width;
  update (archive, ids, 1, &changes);
  changes.remove_tags = abc;
  update (archive, ids, G_N_ELEMENTS (ids), &changes);
  g_free (tags);
  tags = list_tags (archive);
  g_assert_cmpstr (tags, ==, "乡村 振兴:2");

  /* a tag no report has is gone from the archive */
  stored = query_db (fixture->archive, "SELECT name FROM tags ORDER BY name");
  g_assert_cmpstr (stored, ==, "乡村 振兴");

  /* adding and removing at once, on several reports */
  changes.add_tags = fresh;
  changes.remove_tags = same;
  update (archive, ids, G_N_ELEMENTS (ids), &changes);
  g_free (tags);
  tags = list_tags (archive);
  g_assert_cmpstr (tags, ==, "新标签:3");
  g_free (stored);
  stored = query_db (fixture->archive, "SELECT name FROM tags ORDER BY name");
  g_assert_cmpstr (stored, ==, "新标签");

  /* 64 characters is the longest a tag may be */
  changes.add_tags = longest;
  changes.remove_tags = NULL;
  update (archive, ids, 1, &changes);
  g_clear_object (&report);
  report = get_report (archive, ids[0]);
  g_assert_true (g_strv_contains (bd_report_get_tags (report), longest[0]));

  g_clear_object (&report);
  report = get_report (archive, ids[1]);
  g_free (report_tags);
  report_tags = join_tags (report);
  g_assert_cmpstr (report_tags, ==, "新标签");
  bd_test_assert_verified (archive);
}

static const Page outlet_pages[] = {
  { "竹溪县茶叶采摘进入旺季", "某某生活网", "2023-07-02 10:00", NULL },
  { "竹溪县开展能力作风建设", "某某生活网", "2023-07-03 10:00", NULL },
  { "竹溪县召开基层党建座谈会", "人民网", "2023-07-04 10:00", NULL },
};

static void
assert_outlet (BdArchive  *archive,
               gint64      id,
               const char *outlet,
               BdLevel     level)
{
  g_autoptr(BdReport) report = get_report (archive, id);

  g_assert_cmpstr (bd_report_get_outlet (report), ==, outlet);
  g_assert_cmpint (bd_report_get_level (report), ==, level);
}

static void
test_update_outlet_level (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  gint64 ids[G_N_ELEMENTS (outlet_pages)];
  BdReportChanges changes = { 0 };

  import_pages (fixture, archive, outlet_pages, G_N_ELEMENTS (outlet_pages), ids);
  assert_outlet (archive, ids[0], "某某生活网", BD_LEVEL_UNSET);
  assert_outlet (archive, ids[2], "人民日报", BD_LEVEL_NATIONAL);

  /* a corrected outlet brings its level */
  changes.outlet = "湖北日报";
  update (archive, ids, 1, &changes);
  assert_outlet (archive, ids[0], "湖北日报", BD_LEVEL_PROVINCIAL);

  /* typed as another name of it, or with stray spaces, it is still that outlet */
  changes.outlet = "湖北日报客户端";
  update (archive, ids, 1, &changes);
  assert_outlet (archive, ids[0], "湖北日报", BD_LEVEL_PROVINCIAL);
  changes.outlet = " 十堰日报 ";
  update (archive, ids, 1, &changes);
  assert_outlet (archive, ids[0], "十堰日报", BD_LEVEL_MUNICIPAL);

  /* an outlet nobody registered has no level */
  changes.outlet = "竹溪新闻网";
  update (archive, ids, 1, &changes);
  assert_outlet (archive, ids[0], "竹溪新闻网", BD_LEVEL_UNSET);

  /* a level set by hand stays when the outlet changes */
  changes.outlet = NULL;
  changes.set_level = TRUE;
  changes.level = BD_LEVEL_NATIONAL;
  update (archive, &ids[1], 1, &changes);
  assert_outlet (archive, ids[1], "某某生活网", BD_LEVEL_NATIONAL);
  changes.set_level = FALSE;
  changes.outlet = "十堰日报";
  update (archive, &ids[1], 1, &changes);
  assert_outlet (archive, ids[1], "十堰日报", BD_LEVEL_NATIONAL);
  changes.outlet = "湖北日报";
  update (archive, ids, 2, &changes);
  assert_outlet (archive, ids[0], "湖北日报", BD_LEVEL_PROVINCIAL);
  assert_outlet (archive, ids[1], "湖北日报", BD_LEVEL_NATIONAL);

  /* the outlet and the level at once: the level typed wins */
  changes.outlet = "湖北日报";
  changes.set_level = TRUE;
  changes.level = BD_LEVEL_MUNICIPAL;
  update (archive, &ids[2], 1, &changes);
  assert_outlet (archive, ids[2], "湖北日报", BD_LEVEL_MUNICIPAL);

  /* and the outlet's level no longer applies to it */
  changes.outlet = "人民网";
  changes.set_level = FALSE;
  update (archive, &ids[2], 1, &changes);
  assert_outlet (archive, ids[2], "人民日报", BD_LEVEL_MUNICIPAL);
}

static void
test_update_dates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  gint64 ids[G_N_ELEMENTS (three_pages)];
  BdReportChanges changes = { 0 };
  static const struct {
    const char *typed;
    const char *stored;
  } dates[] = {
    { "2023/8/5", "2023-08-05" },
    { "２０２３年５月１２日", "2023-05-12" },
    { "", NULL },
    { "", NULL },
    { " 2024-02-29 ", "2024-02-29" },
  };

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(BdReport) report = NULL;
      g_autoptr(BdReport) other = NULL;

      changes.date = dates[i].typed;
      update (archive, ids, 1, &changes);
      report = get_report (archive, ids[0]);
      g_assert_cmpstr (bd_report_get_date (report), ==, dates[i].stored);

      other = get_report (archive, ids[1]);
      g_assert_cmpstr (bd_report_get_date (other), ==, "2023-07-02");
    }

  /* a cleared date leaves the report out of every period */
  changes.date = "";
  update (archive, ids, G_N_ELEMENTS (ids), &changes);
  {
    g_autoptr(BdStats) all = NULL;
    g_autoptr(BdStats) year = NULL;
    g_autoptr(GError) error = NULL;

    all = bd_archive_get_stats (archive, NULL, NULL, &error);
    g_assert_no_error (error);
    year = bd_archive_get_stats (archive, "2023-01-01", "2023-12-31", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (all->total, ==, 3);
    g_assert_cmpuint (year->total, ==, 0);
  }
}

/* An edit that cannot be made, among good ones: nothing may change. */
typedef struct
{
  const char         *name;
  const char         *date;
  const char * const *add_tags;
  const char * const *remove_tags;
  gboolean            set_level;
  guint               level;
  gboolean            missing_id;
  BdError             code;
} AtomicCase;

static const char * const blank_tag[] = { "好标签", "   ", NULL };
static const char * const long_tag[] = { "好标签", TEN_CHARS TEN_CHARS TEN_CHARS TEN_CHARS TEN_CHARS
                                         TEN_CHARS "一二三四五", NULL };
static const char * const control_tag[] = { "\x01\x02", NULL };
static const char * const good_tag[] = { "好标签", NULL };

static const AtomicCase atomic_cases[] = {
  { "impossible-date", "2023-02-30", NULL, NULL, FALSE, 0, FALSE, BD_ERROR_INVALID },
  { "not-a-date", "昨天", NULL, NULL, FALSE, 0, FALSE, BD_ERROR_INVALID },
  { "blank-tag", NULL, blank_tag, NULL, FALSE, 0, FALSE, BD_ERROR_INVALID },
  { "long-tag", NULL, long_tag, NULL, FALSE, 0, FALSE, BD_ERROR_INVALID },
  { "control-tag-removed", NULL, good_tag, control_tag, FALSE, 0, FALSE, BD_ERROR_INVALID },
  { "no-such-level", NULL, good_tag, NULL, TRUE, 7, FALSE, BD_ERROR_INVALID },
  { "missing-report", "2023-10-01", good_tag, NULL, FALSE, 0, TRUE, BD_ERROR_NOT_FOUND },
};

static void
test_update_atomic (Fixture       *fixture,
                    gconstpointer  data)
{
  const AtomicCase *test = data;
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *tags = NULL;
  gint64 ids[G_N_ELEMENTS (three_pages)];
  gint64 targets[4];
  guint n_targets = 0;
  const char *old_tag[] = { "原有", NULL };
  BdReportChanges setup = { .add_tags = old_tag };
  BdReportChanges changes = {
    .title = "不该留下的标题",
    .outlet = "新华社",
    .source_url = "https://example.com/",
    .date = test->date,
    .add_tags = test->add_tags,
    .remove_tags = test->remove_tags,
    .set_level = test->set_level,
    .level = test->level,
  };
  BdReportChanges fine = { .title = "可以改的标题" };

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);
  update (archive, ids, G_N_ELEMENTS (ids), &setup);
  before = snapshot (fixture);

  /* the bad part comes after good edits to other reports */
  targets[n_targets++] = ids[0];
  targets[n_targets++] = ids[1];
  if (test->missing_id)
    targets[n_targets++] = MISSING_ID;
  targets[n_targets++] = ids[2];

  g_assert_false (bd_archive_update_reports (archive, targets, n_targets, &changes, &error));
  g_assert_error (error, BD_ERROR, (int)test->code);
  if (test->missing_id)
    g_assert_nonnull (strstr (error->message, "987654"));

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  tags = list_tags (archive);
  g_assert_cmpstr (tags, ==, "原有:3");

  /* the failed edit left no transaction open */
  update (archive, ids, G_N_ELEMENTS (ids), &fine);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(BdReport) report = get_report (archive, ids[i]);

      g_assert_cmpstr (bd_report_get_title (report), ==, "可以改的标题");
    }
  bd_test_assert_verified (archive);
}

static void
test_update_search (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GArray) found = NULL;
  gint64 ids[G_N_ELEMENTS (three_pages)];
  BdReportChanges dragon_boats = { .title = "竹溪县举办龙舟赛事" };
  BdReportChanges lion_dance = { .title = "竹溪县元宵节舞狮表演" };
  BdReportChanges other_fields = { .outlet = "新华社", .date = "2024-02-24" };

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);
  g_assert_false (search_finds (archive, "龙舟", ids[0]));

  update (archive, ids, 1, &dragon_boats);
  found = search_ids (archive, "龙舟");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, ids[0]);

  update (archive, ids, 1, &lion_dance);
  g_assert_true (search_finds (archive, "舞狮", ids[0]));
  g_assert_true (search_finds (archive, "元宵节", ids[0]));
  g_clear_pointer (&found, g_array_unref);
  found = search_ids (archive, "龙舟");
  g_assert_cmpuint (found->len, ==, 0);

  /* the body is still indexed after the title changed, and other fields leave the index be */
  update (archive, ids, 1, &other_fields);
  g_clear_pointer (&found, g_array_unref);
  found = search_ids (archive, "观摩活动");
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_true (search_finds (archive, "舞狮", ids[0]));

  /* one title for several reports */
  update (archive, ids, G_N_ELEMENTS (ids), &dragon_boats);
  g_clear_pointer (&found, g_array_unref);
  found = search_ids (archive, "龙舟");
  g_assert_cmpuint (found->len, ==, 3);
  g_clear_pointer (&found, g_array_unref);
  found = search_ids (archive, "舞狮");
  g_assert_cmpuint (found->len, ==, 0);

  bd_test_assert_verified (archive);
}

/* Deleting */

static const Page delete_pages[] = {
  { "竹溪县召开基层党建座谈会", "人民网", "2023-08-15 09:12", "会上，与会人员交流了经验做法。" },
  { "竹溪县举办龙舟赛事", "十堰日报", "2023-06-22 10:00", "端午节当天，龙舟赛事吸引数千群众观看。" },
  { "竹溪县开展能力作风建设", "荆楚网", "2023-09-30 18:00", "活动为期三个月，覆盖全县各单位。" },
};

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdReport) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *stored_tags = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *rows_sql = NULL;
  g_autofree char *others_before = NULL;
  g_autofree char *others_after = NULL;
  g_autofree char *others_sql = NULL;
  char *originals[G_N_ELEMENTS (delete_pages)];
  gint64 ids[G_N_ELEMENTS (delete_pages)];
  const char *shared[] = { "共同", NULL };
  const char *own[] = { "独有", NULL };
  BdReportChanges tag_all = { .add_tags = shared };
  BdReportChanges tag_one = { .add_tags = own };

  import_pages (fixture, archive, delete_pages, G_N_ELEMENTS (delete_pages), ids);
  update (archive, ids, G_N_ELEMENTS (ids), &tag_all);
  update (archive, &ids[1], 1, &tag_one);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      originals[i] = original_of (archive, ids[i]);
      g_assert_true (g_file_test (originals[i], G_FILE_TEST_IS_REGULAR));
    }
  g_assert_true (search_finds (archive, "龙舟", ids[1]));
  others_sql = g_strdup_printf ("SELECT * FROM reports WHERE id != %" G_GINT64_FORMAT, ids[1]);
  others_before = query_db (fixture->archive, others_sql);

  g_assert_true (bd_archive_delete_reports (archive, &ids[1], 1, &error));
  g_assert_no_error (error);

  gone = bd_archive_get_report (archive, ids[1], FALSE, &error);
  g_assert_null (gone);
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 2);

  /* its tags went with it, and a tag only it had is gone */
  tags = list_tags (archive);
  g_assert_cmpstr (tags, ==, "共同:2");
  stored_tags = query_db (fixture->archive, "SELECT name FROM tags ORDER BY name");
  g_assert_cmpstr (stored_tags, ==, "共同");
  rows_sql = g_strdup_printf ("SELECT count(*) FROM report_tags "
                              "WHERE report_id = %" G_GINT64_FORMAT, ids[1]);
  rows = query_db (fixture->archive, rows_sql);
  g_assert_cmpstr (rows, ==, "0");

  /* so did its original, and the search no longer finds it */
  g_assert_false (g_file_test (originals[1], G_FILE_TEST_EXISTS));
  found = search_ids (archive, "龙舟");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);
  found = search_ids (archive, "观摩活动");
  g_assert_cmpuint (found->len, ==, 2);

  /* the others are as they were */
  others_after = query_db (fixture->archive, others_sql);
  g_assert_cmpstr (others_after, ==, others_before);
  g_assert_true (g_file_test (originals[0], G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (originals[2], G_FILE_TEST_IS_REGULAR));
  bd_test_assert_verified (archive);

  /* the rest at once */
  {
    gint64 rest[] = { ids[0], ids[2] };

    g_assert_true (bd_archive_delete_reports (archive, rest, G_N_ELEMENTS (rest), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 0);
  g_free (tags);
  tags = list_tags (archive);
  g_assert_cmpstr (tags, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_false (g_file_test (originals[i], G_FILE_TEST_EXISTS));
      g_free (originals[i]);
    }
  bd_test_assert_verified (archive);
}

static void
test_delete_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ids[G_N_ELEMENTS (delete_pages)];
  gint64 targets[3];

  import_pages (fixture, archive, delete_pages, G_N_ELEMENTS (delete_pages), ids);
  before = snapshot (fixture);

  targets[0] = ids[0];
  targets[1] = MISSING_ID;
  targets[2] = ids[2];
  g_assert_false (bd_archive_delete_reports (archive, targets, G_N_ELEMENTS (targets), &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "987654"));

  /* the reports before the missing one are still there, originals and all */
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 3);
  g_assert_true (search_finds (archive, "与会人员", ids[0]));
  bd_test_assert_verified (archive);

  /* and nothing is left half done */
  g_clear_error (&error);
  g_assert_true (bd_archive_delete_reports (archive, ids, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 2);
  bd_test_assert_verified (archive);
}

/* What a deletion killed between committing and removing its originals leaves: the rows are
 * gone, the files are not. */
static void
delete_rows_only (BdArchive *archive,
                  gint64     id)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM reports WHERE id = %" G_GINT64_FORMAT, id);
  sqlite3 *db = _bd_archive_lock (archive);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  _bd_archive_unlock (archive);
}

static void
test_delete_killed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GArray) found = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *back = NULL;
  g_autofree char *pending = NULL;
  gint64 ids[G_N_ELEMENTS (delete_pages)];
  gint64 again[1];

  import_pages (fixture, archive, delete_pages, G_N_ELEMENTS (delete_pages), ids);
  gone = original_of (archive, ids[0]);
  back = original_of (archive, ids[1]);

  delete_rows_only (archive, ids[0]);
  delete_rows_only (archive, ids[1]);
  g_assert_true (g_file_test (gone, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (back, G_FILE_TEST_IS_REGULAR));

  /* before anyone cleans up, the same bytes are imported again: they keep their file */
  import_pages (fixture, archive, &delete_pages[1], 1, again);
  g_clear_object (&archive);

  archive = bd_test_open_archive (fixture->archive);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (back, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 2);
  found = search_ids (archive, "龙舟");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, again[0]);
  pending = query_db (fixture->archive, "SELECT count(*) FROM deleted_originals");
  g_assert_cmpstr (pending, ==, "0");
  bd_test_assert_verified (archive);
}

/* A deletion still pending for the bytes an import stores: the original must outlive it, even
 * when the removal runs between the batch storing the file and the row's commit. */
typedef struct
{
  const char *name;
  gboolean    file_gone;  /* a removal killed after unlinking: the batch writes the file anew */
} PendingCase;

static const PendingCase pending_cases[] = {
  { "reused", FALSE },
  { "rewritten", TRUE },
};

static void
test_delete_pending_import (Fixture       *fixture,
                            gconstpointer  data)
{
  const PendingCase *test = data;
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdArchive) other = NULL;
  g_autoptr(BdReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *pending = NULL;
  BdOriginalBatch *batch;
  BdNewReport new_report = { 0 };
  gint64 ids[1];
  gint64 duplicate_of = -1;
  gint64 id;
  gsize length;

  import_pages (fixture, archive, delete_pages, 1, ids);
  original = original_of (archive, ids[0]);
  sha256 = g_path_get_basename (original);
  g_assert_true (g_file_get_contents (original, &contents, &length, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new (contents, length);

  delete_rows_only (archive, ids[0]);
  if (test->file_gone)
    g_assert_cmpint (g_unlink (original), ==, 0);

  batch = _bd_original_batch_new (archive);
  g_assert_true (_bd_original_batch_add (batch, sha256, bytes, &error));
  g_assert_no_error (error);
  g_assert_true (_bd_original_batch_sync (batch, &error));
  g_assert_no_error (error);

  /* the worst moment for another program to open the archive and finish the deletion */
  other = bd_test_open_archive (fixture->archive);
  g_clear_object (&other);
  g_assert_false (g_file_test (original, G_FILE_TEST_EXISTS));

  new_report.sha256 = sha256;
  new_report.title = "竹溪县召开基层党建座谈会";
  new_report.file_name = "page-00.html";
  new_report.import_path = "/reports/page-00.html";
  new_report.media_type = "text/html";
  new_report.size = length;
  new_report.text = PARAGRAPH_1;
  id = _bd_archive_insert_report (archive, &new_report, batch, &duplicate_of, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (duplicate_of, ==, 0);
  _bd_original_batch_free (batch);

  /* nothing is pending any more: the next open keeps the file */
  other = bd_test_open_archive (fixture->archive);
  g_clear_object (&other);
  g_assert_true (g_file_test (original, G_FILE_TEST_IS_REGULAR));
  pending = query_db (fixture->archive, "SELECT count(*) FROM deleted_originals");
  g_assert_cmpstr (pending, ==, "0");
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 1);
  report = get_report (archive, id);
  g_assert_cmpstr (bd_report_get_sha256 (report), ==, sha256);
  bd_test_assert_verified (archive);
}

/* Outlets */

static void
assert_lookup (BdArchive  *archive,
               const char *typed,
               const char *name,
               BdLevel     level)
{
  const char *found_name = NULL;
  BdLevel found_level = BD_LEVEL_UNSET;

  g_assert_true (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), typed,
                                            &found_name, &found_level));
  g_assert_cmpstr (found_name, ==, name);
  g_assert_cmpint (found_level, ==, level);
}

static void
add_outlet (BdArchive          *archive,
            const char         *name,
            BdLevel             level,
            const char * const *aliases,
            const char * const *domains,
            guint               expect_reclassified)
{
  g_autoptr(GError) error = NULL;
  guint n_reclassified = G_MAXUINT;

  g_assert_true (bd_archive_add_outlet (archive, name, level, aliases, domains,
                                        &n_reclassified, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_reclassified, ==, expect_reclassified);
}

static const Page local_pages[] = {
  { "竹溪县茶叶采摘进入旺季", "某某生活网", "2023-07-02 10:00", NULL },
  { "竹溪县开展能力作风建设", "某某生活网", "2023-07-03 10:00", NULL },
  { "竹溪县召开基层党建座谈会", "湖北日报", "2023-07-04 10:00", NULL },
  { "竹溪县举办龙舟赛事", "人民日报海外版", "2023-07-05 10:00", NULL },
};

static void
test_outlets_add (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  gint64 ids[G_N_ELEMENTS (local_pages)];
  const char *aliases[] = { "某某网", "生活网客户端", NULL };
  const char *domains[] = { "moumou.cn", NULL };
  BdReportChanges by_hand = { .set_level = TRUE, .level = BD_LEVEL_PROVINCIAL };

  import_pages (fixture, archive, local_pages, G_N_ELEMENTS (local_pages), ids);
  assert_outlet (archive, ids[0], "某某生活网", BD_LEVEL_UNSET);
  assert_outlet (archive, ids[2], "湖北日报", BD_LEVEL_PROVINCIAL);
  assert_outlet (archive, ids[3], "人民日报", BD_LEVEL_NATIONAL);
  update (archive, &ids[1], 1, &by_hand);

  /* the office registers the site it keeps seeing: only the report classified by the
   * registry takes its level */
  add_outlet (archive, "某某生活网", BD_LEVEL_MUNICIPAL, aliases, domains, 1);
  assert_outlet (archive, ids[0], "某某生活网", BD_LEVEL_MUNICIPAL);
  assert_outlet (archive, ids[1], "某某生活网", BD_LEVEL_PROVINCIAL);
  assert_lookup (archive, "某某生活网", "某某生活网", BD_LEVEL_MUNICIPAL);
  assert_lookup (archive, "生活网客户端", "某某生活网", BD_LEVEL_MUNICIPAL);
  assert_lookup (archive, "https://news.moumou.cn/2023/07/a.html", "某某生活网", BD_LEVEL_MUNICIPAL);

  /* the same again changes nothing; another level changes it again */
  add_outlet (archive, "某某生活网", BD_LEVEL_MUNICIPAL, aliases, domains, 0);
  add_outlet (archive, "某某生活网", BD_LEVEL_NATIONAL, aliases, domains, 1);
  assert_outlet (archive, ids[0], "某某生活网", BD_LEVEL_NATIONAL);
  assert_outlet (archive, ids[1], "某某生活网", BD_LEVEL_PROVINCIAL);

  /* a local entry overrides the shipped one and keeps its other names */
  add_outlet (archive, "湖北日报", BD_LEVEL_MUNICIPAL, NULL, NULL, 1);
  assert_outlet (archive, ids[2], "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (archive, "湖北日报", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (archive, "湖北日报客户端", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (archive, "http://epaper.hubeidaily.net/pc/", "湖北日报", BD_LEVEL_MUNICIPAL);

  /* an outlet needs a name and a real level */
  g_assert_false (bd_archive_add_outlet (archive, "  ", BD_LEVEL_NATIONAL, NULL, NULL, NULL,
                                         &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bd_archive_add_outlet (archive, "某报", 9, NULL, NULL, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);

  stored = query_db (fixture->archive,
                     "SELECT name, level, aliases, domains FROM outlets ORDER BY name");
  g_assert_cmpstr (stored, ==,
                   "某某生活网|1|某某网;生活网客户端|moumou.cn\n"
                   "湖北日报|3||");

  /* all of it is the archive's, not this process's */
  g_clear_object (&archive);
  archive = bd_test_open_archive (fixture->archive);
  assert_lookup (archive, "生活网客户端", "某某生活网", BD_LEVEL_NATIONAL);
  assert_lookup (archive, "https://news.moumou.cn/2023/07/a.html", "某某生活网", BD_LEVEL_NATIONAL);
  assert_lookup (archive, "湖北日报客户端", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_outlet (archive, ids[0], "某某生活网", BD_LEVEL_NATIONAL);
  assert_outlet (archive, ids[2], "湖北日报", BD_LEVEL_MUNICIPAL);

  /* and what is imported later is classified by it */
  {
    const Page later[] = { { "竹溪县新闻一则", "生活网客户端", "2023-08-01 10:00", NULL } };
    gint64 later_id;

    import_pages (fixture, archive, later, 1, &later_id);
    assert_outlet (archive, later_id, "某某生活网", BD_LEVEL_NATIONAL);
  }
}

static void
remove_outlet (BdArchive  *archive,
               const char *name,
               guint       expect_reclassified)
{
  g_autoptr(GError) error = NULL;
  guint n_reclassified = G_MAXUINT;

  g_assert_true (bd_archive_remove_outlet (archive, name, &n_reclassified, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_reclassified, ==, expect_reclassified);
}

static void
test_outlets_remove (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *unchanged = NULL;
  gint64 ids[G_N_ELEMENTS (local_pages)];
  const char *aliases[] = { "生活网客户端", NULL };
  const char *domains[] = { "moumou.cn", NULL };
  const char *fewer[] = { NULL };
  BdReportChanges by_hand = { .set_level = TRUE, .level = BD_LEVEL_NATIONAL };
  const char *name = NULL;

  import_pages (fixture, archive, local_pages, G_N_ELEMENTS (local_pages), ids);
  add_outlet (archive, "某某生活网", BD_LEVEL_MUNICIPAL, aliases, domains, 2);
  add_outlet (archive, "湖北日报", BD_LEVEL_MUNICIPAL, NULL, NULL, 1);
  update (archive, &ids[1], 1, &by_hand);

  /* an archive from before another outlet's name was refused may have taken one */
  g_clear_object (&archive);
  g_free (query_db (fixture->archive, "INSERT INTO outlets (name, level, added_at) "
                                      "VALUES ('人民日报海外版', 2, 0)"));
  archive = bd_test_open_archive (fixture->archive);
  assert_lookup (archive, "人民日报海外版", "人民日报海外版", BD_LEVEL_PROVINCIAL);

  /* an outlet the office added is forgotten: what staff did not classify by hand has no
   * level again, and its other names and domains find nothing */
  remove_outlet (archive, "某某生活网", 1);
  assert_outlet (archive, ids[0], "某某生活网", BD_LEVEL_UNSET);
  assert_outlet (archive, ids[1], "某某生活网", BD_LEVEL_NATIONAL);
  g_assert_false (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), "生活网客户端",
                                             NULL, NULL));
  g_assert_false (bd_outlet_registry_lookup (bd_archive_get_outlets (archive),
                                             "https://news.moumou.cn/a.html", NULL, NULL));

  /* an overridden shipped outlet is as shipped again, its reports too */
  remove_outlet (archive, "湖北日报", 1);
  assert_outlet (archive, ids[2], "湖北日报", BD_LEVEL_PROVINCIAL);
  assert_lookup (archive, "湖北日报客户端", "湖北日报", BD_LEVEL_PROVINCIAL);

  /* a name taken from a shipped outlet goes back to it */
  remove_outlet (archive, "人民日报海外版", 0);
  assert_lookup (archive, "人民日报海外版", "人民日报", BD_LEVEL_NATIONAL);

  /* only what the archive added can be removed; a failure changes nothing */
  unchanged = query_db (fixture->archive, "SELECT id, level FROM reports ORDER BY id");
  g_assert_false (bd_archive_remove_outlet (archive, "人民日报", NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "人民日报"));
  g_clear_error (&error);
  g_assert_false (bd_archive_remove_outlet (archive, "某某生活网", NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  stored = query_db (fixture->archive, "SELECT id, level FROM reports ORDER BY id");
  g_assert_cmpstr (stored, ==, unchanged);
  g_clear_pointer (&stored, g_free);
  assert_lookup (archive, "湖北日报", "湖北日报", BD_LEVEL_PROVINCIAL);

  /* changing an outlet of the archive drops the names it no longer gives, now as after a
   * reopening */
  add_outlet (archive, "某某生活网", BD_LEVEL_MUNICIPAL, aliases, domains, 1);
  assert_lookup (archive, "生活网客户端", "某某生活网", BD_LEVEL_MUNICIPAL);
  add_outlet (archive, "某某生活网", BD_LEVEL_MUNICIPAL, fewer, fewer, 0);
  g_assert_false (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), "生活网客户端",
                                             &name, NULL));
  g_assert_true (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), "某某生活网",
                                            &name, NULL));

  stored = query_db (fixture->archive, "SELECT name, level, aliases, domains FROM outlets");
  g_assert_cmpstr (stored, ==, "某某生活网|3||");

  g_clear_object (&archive);
  archive = bd_test_open_archive (fixture->archive);
  assert_lookup (archive, "湖北日报", "湖北日报", BD_LEVEL_PROVINCIAL);
  assert_lookup (archive, "人民日报海外版", "人民日报", BD_LEVEL_NATIONAL);
  assert_outlet (archive, ids[0], "某某生活网", BD_LEVEL_MUNICIPAL);
  assert_outlet (archive, ids[1], "某某生活网", BD_LEVEL_NATIONAL);
}

static const Page adopted_pages[] = {
  { "竹溪县茶叶采摘进入旺季", "某某县融媒", "2023-07-02 10:00", NULL },
  { "竹溪县开展能力作风建设", "某某县融媒", "2023-07-03 10:00", NULL },
  { "竹溪县召开基层党建座谈会", "某某县融媒号", "2023-07-04 10:00", NULL },
  { "竹溪县举办龙舟赛事", "某某县融媒体中心", "2023-07-05 10:00", NULL },
};

/* Staff import pages whose byline the registry does not know, then add the outlet with that
 * byline as another name: those reports are that outlet's, under its name and with its level. */
static void
test_outlets_adopt (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autofree char *counted = NULL;
  gint64 ids[G_N_ELEMENTS (adopted_pages)];
  const char *aliases[] = { "某某县融媒", " 某某融媒 ", NULL };
  const char *other[] = { "某某县融媒号", NULL };
  BdReportChanges by_hand = { .set_level = TRUE, .level = BD_LEVEL_NATIONAL };

  import_pages (fixture, archive, adopted_pages, G_N_ELEMENTS (adopted_pages), ids);
  update (archive, &ids[1], 1, &by_hand);
  for (guint i = 0; i < G_N_ELEMENTS (adopted_pages); i++)
    assert_outlet (archive, ids[i], adopted_pages[i].source,
                   i == 1 ? BD_LEVEL_NATIONAL : BD_LEVEL_UNSET);

  /* the two under the other name change outlet, the one by its name its level; the level
   * set by hand stays, and a name that only starts like it is another outlet */
  add_outlet (archive, "某某县融媒体中心", BD_LEVEL_MUNICIPAL, aliases, NULL, 3);
  assert_outlet (archive, ids[0], "某某县融媒体中心", BD_LEVEL_MUNICIPAL);
  assert_outlet (archive, ids[1], "某某县融媒体中心", BD_LEVEL_NATIONAL);
  assert_outlet (archive, ids[2], "某某县融媒号", BD_LEVEL_UNSET);
  assert_outlet (archive, ids[3], "某某县融媒体中心", BD_LEVEL_MUNICIPAL);
  counted = query_db (fixture->archive,
                      "SELECT outlet, count (*) FROM reports GROUP BY outlet ORDER BY outlet");
  g_assert_cmpstr (counted, ==, "某某县融媒体中心|3\n某某县融媒号|1");

  /* saved again, nothing changes; another level changes the two not set by hand */
  add_outlet (archive, "某某县融媒体中心", BD_LEVEL_MUNICIPAL, aliases, NULL, 0);
  add_outlet (archive, "某某县融媒体中心", BD_LEVEL_PROVINCIAL, aliases, NULL, 2);
  assert_outlet (archive, ids[0], "某某县融媒体中心", BD_LEVEL_PROVINCIAL);
  assert_outlet (archive, ids[1], "某某县融媒体中心", BD_LEVEL_NATIONAL);

  /* removed, its reports keep the name they were given and lose its level */
  remove_outlet (archive, "某某县融媒体中心", 2);
  assert_outlet (archive, ids[0], "某某县融媒体中心", BD_LEVEL_UNSET);
  assert_outlet (archive, ids[1], "某某县融媒体中心", BD_LEVEL_NATIONAL);
  assert_outlet (archive, ids[3], "某某县融媒体中心", BD_LEVEL_UNSET);

  /* a shipped outlet changed here with another name takes its reports too; restored as
   * shipped, they keep its name and take its shipped level */
  add_outlet (archive, "湖北日报", BD_LEVEL_MUNICIPAL, other, NULL, 1);
  assert_outlet (archive, ids[2], "湖北日报", BD_LEVEL_MUNICIPAL);
  remove_outlet (archive, "湖北日报", 1);
  assert_outlet (archive, ids[2], "湖北日报", BD_LEVEL_PROVINCIAL);
  bd_test_assert_verified (archive);
}

static const Page unnamed_pages[] = {
  { "竹溪县茶叶采摘进入旺季", NULL, "2023-07-02 10:00", NULL, "https://news.zxrm.example.cn/a.html" },
  { "竹溪县开展能力作风建设", NULL, "2023-07-03 10:00", NULL, "https://other.example.org/b.html" },
  { "竹溪县召开基层党建座谈会", "某某县融媒号", "2023-07-04 10:00", NULL,
    "https://zxrm.example.cn/c.html" },
};

/* Staff import pages that name no outlet, stored under their host, then add the outlet of the
 * site they come from: those reports are that outlet's, as an import would now find them by
 * their address. A report that names an outlet keeps it. */
static void
test_outlets_adopt_by_domain (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  gint64 ids[G_N_ELEMENTS (unnamed_pages)];
  const char *domains[] = { "zxrm.example.cn", NULL };
  BdReportChanges by_hand = { .set_level = TRUE, .level = BD_LEVEL_NATIONAL };

  import_pages (fixture, archive, unnamed_pages, G_N_ELEMENTS (unnamed_pages), ids);
  assert_outlet (archive, ids[0], "news.zxrm.example.cn", BD_LEVEL_UNSET);
  assert_outlet (archive, ids[1], "other.example.org", BD_LEVEL_UNSET);
  assert_outlet (archive, ids[2], "某某县融媒号", BD_LEVEL_UNSET);

  add_outlet (archive, "竹溪县融媒体中心", BD_LEVEL_MUNICIPAL, NULL, domains, 1);
  assert_outlet (archive, ids[0], "竹溪县融媒体中心", BD_LEVEL_MUNICIPAL);
  assert_outlet (archive, ids[1], "other.example.org", BD_LEVEL_UNSET);
  assert_outlet (archive, ids[2], "某某县融媒号", BD_LEVEL_UNSET);

  /* once adopted, a report is the outlet's like any other: its level set by hand stays */
  update (archive, &ids[0], 1, &by_hand);
  add_outlet (archive, "竹溪县融媒体中心", BD_LEVEL_PROVINCIAL, NULL, domains, 0);
  assert_outlet (archive, ids[0], "竹溪县融媒体中心", BD_LEVEL_NATIONAL);
  bd_test_assert_verified (archive);
}

/* A name or another name of an outlet that another outlet already has. */
typedef struct
{
  const char *path;
  const char *name;
  const char *aliases[3];
  const char *refused;   /* the start of the error, or NULL when the outlet may have them */
} TakenCase;

static const TakenCase taken_cases[] = {
  { "shipped-alias", "人民网", { NULL }, "“人民网” is another name of “人民日报”" },
  { "alias-is-shipped-alias", "某某新闻", { "某某客户端", "人民日报海外版" },
    "“人民日报海外版” is another name of “人民日报”" },
  { "alias-is-shipped-name", "某某新闻", { "新华社" }, "“新华社” is already in the list" },
  { "alias-spaced", "某某新闻", { " 人 民 网 " }, "“人 民 网” is another name of “人民日报”" },
  { "alias-is-local-alias", "某某网", { "生活网客户端" },
    "“生活网客户端” is another name of “某某生活网”" },
  { "name-is-local-alias", "生活网客户端", { NULL },
    "“生活网客户端” is another name of “某某生活网”" },
  { "own-names-shipped", "人民日报", { "人民网", "人民日报评论" }, NULL },
  { "own-names-local", "某某生活网", { "生活网客户端", "某某网" }, NULL },
  { "containing-a-name", "人民网评论", { "新华社湖北分社" }, NULL },
};

static void
test_outlets_taken (Fixture       *fixture,
                    gconstpointer  data)
{
  const TakenCase *taken = data;
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *aliases[] = { "生活网客户端", NULL };
  gboolean ok;

  add_outlet (archive, "某某生活网", BD_LEVEL_MUNICIPAL, aliases, NULL, 0);
  before = query_db (fixture->archive, "SELECT name, level, aliases FROM outlets");

  ok = bd_archive_add_outlet (archive, taken->name, BD_LEVEL_PROVINCIAL, taken->aliases, NULL,
                              NULL, &error);
  if (taken->refused == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }

  g_assert_false (ok);
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, taken->refused));

  /* the editor asks the registry the same before it saves */
  g_clear_error (&error);
  g_assert_false (bd_outlet_registry_check_names (bd_archive_get_outlets (archive), taken->name,
                                                  taken->aliases, &error));
  g_assert_true (g_str_has_prefix (error->message, taken->refused));

  /* and nothing was written */
  after = query_db (fixture->archive, "SELECT name, level, aliases FROM outlets");
  g_assert_cmpstr (after, ==, before);
}

/* Verifying */

typedef enum
{
  DAMAGE_NONE,
  DAMAGE_FLIP_BYTE,
  DAMAGE_TRUNCATE,
  DAMAGE_DELETE,
  DAMAGE_STRAY_FILE,
  DAMAGE_STALE_INDEX,
} Damage;

typedef struct
{
  const char *name;
  Damage      damage;
  const char *says;   /* what the problem says, or NULL for no problem */
} VerifyCase;

static const VerifyCase verify_cases[] = {
  { "clean", DAMAGE_NONE, NULL },
  { "flipped-byte", DAMAGE_FLIP_BYTE, "SHA-256" },
  { "truncated", DAMAGE_TRUNCATE, "SHA-256" },
  { "missing", DAMAGE_DELETE, "missing" },
  { "orphan", DAMAGE_STRAY_FILE, "belongs to no report" },
  { "stale-index", DAMAGE_STALE_INDEX, "search index" },
};

#define STRAY_NAME "ab00000000000000000000000000000000000000000000000000000000000000"

static void
test_verify (Fixture       *fixture,
             gconstpointer  data)
{
  const VerifyCase *test = data;
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(BdReport) victim = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *stray_dir = g_build_filename (fixture->archive, "originals", "ab", NULL);
  g_autofree char *stray = g_build_filename (stray_dir, STRAY_NAME, NULL);
  g_autofree char *id_text = NULL;
  gint64 ids[G_N_ELEMENTS (three_pages)];
  gsize length;
  GStatBuf st;

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);
  victim = get_report (archive, ids[1]);
  path = bd_archive_get_original_path (archive, victim);

  /* originals are kept read-only, against slips */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0222, ==, 0);

  switch (test->damage)
    {
    case DAMAGE_NONE:
      break;

    case DAMAGE_FLIP_BYTE:
    case DAMAGE_TRUNCATE:
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (test->damage == DAMAGE_FLIP_BYTE)
        contents[length / 2] ^= 0x20;
      else
        length /= 2;
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
      break;

    case DAMAGE_DELETE:
      g_assert_cmpint (g_unlink (path), ==, 0);
      break;

    case DAMAGE_STRAY_FILE:
      g_assert_cmpint (g_mkdir_with_parents (stray_dir, 0755), ==, 0);
      g_assert_true (g_file_set_contents (stray, "not a report", -1, NULL));
      break;

    case DAMAGE_STALE_INDEX:
      /* another program edits a title behind the index's back */
      g_free (query_db (fixture->archive, "DROP TRIGGER reports_fts_update"));
      g_free (query_db (fixture->archive,
                        "UPDATE reports SET title = '索引里没有的标题' WHERE id = "
                        "(SELECT min (id) FROM reports)"));
      break;

    default:
      g_assert_not_reached ();
    }

  problems = verify (archive);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)g_ptr_array_index (problems, i));

  if (test->says == NULL)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GPtrArray) unset = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (problems->len, ==, 0);

      g_cancellable_cancel (cancellable);
      g_assert_false (bd_archive_verify (archive, cancellable, &unset, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (unset);
      return;
    }

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), test->says));

  if (test->damage == DAMAGE_STALE_INDEX)
    return;

  if (test->damage == DAMAGE_STRAY_FILE)
    {
      g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), STRAY_NAME));
      /* checking is not repairing */
      g_assert_true (g_file_test (stray, G_FILE_TEST_IS_REGULAR));
      return;
    }

  /* the problem names the report, so staff can find and re-import it */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, ids[1]);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), id_text));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "竹溪县茶叶采摘进入旺季"));
}

/* Backing up */

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdArchive) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->tmp, "备份 2023", NULL);
  g_autofree char *reports_sql = NULL;
  g_autofree char *source_rows = NULL;
  g_autofree char *copy_rows = NULL;
  g_autofree char *source_tags = NULL;
  g_autofree char *copy_tags = NULL;
  g_autofree char *journal_mode = NULL;
  gint64 ids[G_N_ELEMENTS (delete_pages)];
  const char *tags[] = { "备份", NULL };
  BdReportChanges tag_all = { .add_tags = tags };
  BdReportChanges later = { .title = "备份之后改的标题" };

  import_pages (fixture, archive, delete_pages, G_N_ELEMENTS (delete_pages), ids);
  update (archive, ids, 2, &tag_all);
  add_outlet (archive, "某某生活网", BD_LEVEL_MUNICIPAL, NULL, NULL, 0);

  /* the archive stays open and in use */
  g_assert_true (bd_archive_backup (archive, backup, NULL, &error));
  g_assert_no_error (error);
  bd_test_assert_nothing_partial (fixture->tmp);
  update (archive, ids, 1, &later);

  copy = bd_test_open_archive (backup);
  journal_mode = query_db (backup, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpuint (bd_archive_count_reports (copy), ==, G_N_ELEMENTS (ids));
  bd_test_assert_verified (copy);

  /* the same reports, tags and outlets, as they were when it was made */
  reports_sql = g_strdup_printf ("SELECT id, sha256, title, outlet, level, published, body "
                                 "FROM reports WHERE id != %" G_GINT64_FORMAT " ORDER BY id",
                                 ids[0]);
  source_rows = query_db (fixture->archive, reports_sql);
  copy_rows = query_db (backup, reports_sql);
  g_assert_cmpstr (copy_rows, ==, source_rows);
  {
    g_autoptr(BdReport) before = get_report (copy, ids[0]);

    g_assert_cmpstr (bd_report_get_title (before), ==, "竹溪县召开基层党建座谈会");
  }
  source_tags = list_tags (archive);
  copy_tags = list_tags (copy);
  g_assert_cmpstr (copy_tags, ==, source_tags);
  g_assert_cmpstr (copy_tags, ==, "备份:2");
  assert_lookup (copy, "某某生活网", "某某生活网", BD_LEVEL_MUNICIPAL);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *original = original_of (archive, ids[i]);
      g_autofree char *copied = original_of (copy, ids[i]);
      g_autofree char *original_data = NULL;
      g_autofree char *copied_data = NULL;
      gsize original_length, copied_length;

      g_assert_cmpstr (original, !=, copied);
      g_assert_true (g_str_has_prefix (copied, bd_archive_get_path (copy)));
      g_assert_true (g_file_get_contents (original, &original_data, &original_length, NULL));
      g_assert_true (g_file_get_contents (copied, &copied_data, &copied_length, NULL));
      g_assert_cmpmem (copied_data, copied_length, original_data, original_length);
    }

  /* the copy is an archive of its own, and searchable */
  g_assert_true (search_finds (copy, "龙舟", ids[1]));
  bd_test_assert_verified (archive);
}

/* A report deleted while a backup copies the originals: from this archive, or from another
 * program with a connection of its own. */
typedef struct
{
  const char *name;
  gboolean    other_program;
} BackupDeleteCase;

static const BackupDeleteCase backup_delete_cases[] = {
  { "same-archive", FALSE },
  { "other-program", TRUE },
};

typedef struct
{
  const BackupDeleteCase *test;
  const char             *archive_path;
  gint64                  id;
  gboolean                ran;
} DeleteDuringBackup;

static void
delete_during_backup (BdArchive *archive,
                      gpointer   data)
{
  DeleteDuringBackup *during = data;
  g_autoptr(BdArchive) other = NULL;
  g_autoptr(GError) error = NULL;

  if (during->test->other_program)
    archive = other = bd_test_open_archive (during->archive_path);

  g_assert_true (bd_archive_delete_reports (archive, &during->id, 1, &error));
  g_assert_no_error (error);
  during->ran = TRUE;
}

static void
test_backup_delete (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdArchive) copy = NULL;
  g_autoptr(BdReport) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->tmp, "backup", NULL);
  g_autofree char *gone = NULL;
  g_autofree char *pending = NULL;
  gint64 ids[G_N_ELEMENTS (delete_pages)];
  DeleteDuringBackup during = { .test = data, .archive_path = fixture->archive };

  import_pages (fixture, archive, delete_pages, G_N_ELEMENTS (delete_pages), ids);
  gone = original_of (archive, ids[0]);
  during.id = ids[0];

  _bd_archive_set_backup_hook (archive, delete_during_backup, &during);
  g_assert_true (bd_archive_backup (archive, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (during.ran);
  bd_test_assert_nothing_partial (fixture->tmp);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, G_N_ELEMENTS (ids) - 1);

  /* the backup holds the report as it was when the backup began */
  copy = bd_test_open_archive (backup);
  g_assert_cmpuint (bd_archive_count_reports (copy), ==, G_N_ELEMENTS (ids));
  deleted = get_report (copy, ids[0]);
  g_assert_cmpstr (bd_report_get_title (deleted), ==, delete_pages[0].title);
  bd_test_assert_verified (copy);

  /* and the archive lets go of the original once the backup no longer needs it */
  g_clear_object (&archive);
  archive = bd_test_open_archive (fixture->archive);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  pending = query_db (fixture->archive, "SELECT count(*) FROM deleted_originals");
  g_assert_cmpstr (pending, ==, "0");
  bd_test_assert_verified (archive);
}

static void
test_backup_exists (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->tmp, "existing", NULL);
  g_autofree char *kept = g_build_filename (folder, "keep.txt", NULL);
  g_autofree char *file = g_build_filename (fixture->tmp, "a-file", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  gint64 ids[1];

  import_pages (fixture, archive, delete_pages, 1, ids);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (kept, "留着", -1, NULL));
  g_assert_true (g_file_set_contents (file, "文件", -1, NULL));

  g_assert_false (bd_archive_backup (archive, folder, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);

  g_assert_false (bd_archive_backup (archive, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* nothing was written into either */
  listing = g_dir_open (folder, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "keep.txt");
  g_assert_null (g_dir_read_name (listing));
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "留着");
  g_free (contents);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "文件");
  bd_test_assert_nothing_partial (fixture->tmp);
}

static void
test_backup_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->tmp, "backup", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->tmp, "no", "such", "folder", NULL);
  g_autofree char *original = NULL;
  gint64 ids[G_N_ELEMENTS (delete_pages)];

  import_pages (fixture, archive, delete_pages, G_N_ELEMENTS (delete_pages), ids);

  /* a folder that cannot be made */
  g_assert_false (bd_archive_backup (archive, nowhere, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* an original that cannot be copied, once the database is already copied */
  original = original_of (archive, ids[2]);
  g_assert_cmpint (g_unlink (original), ==, 0);
  g_assert_false (bd_archive_backup (archive, backup, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  bd_test_assert_nothing_partial (fixture->tmp);

  /* a cancelled backup leaves nothing either */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    gint64 damaged[] = { ids[2] };

    g_clear_error (&error);
    g_assert_true (bd_archive_delete_reports (archive, damaged, 1, &error));
    g_assert_no_error (error);
    g_cancellable_cancel (cancellable);
    g_assert_false (bd_archive_backup (archive, backup, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
    bd_test_assert_nothing_partial (fixture->tmp);

    /* and the next one works */
    g_clear_error (&error);
    g_assert_true (bd_archive_backup (archive, backup, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
on_backup_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  *out = g_object_ref (result);
}

/* Backs up on a thread of its own; the answer comes back in the caller's main context. */
static void
test_backup_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdArchive) copy = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->tmp, "异步备份", NULL);
  gint64 ids[G_N_ELEMENTS (delete_pages)];

  import_pages (fixture, archive, delete_pages, G_N_ELEMENTS (delete_pages), ids);

  bd_archive_backup_async (archive, backup, NULL, on_backup_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (bd_archive_backup_finish (archive, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  bd_test_assert_nothing_partial (fixture->tmp);

  copy = bd_test_open_archive (backup);
  g_assert_cmpuint (bd_archive_count_reports (copy), ==, G_N_ELEMENTS (ids));
  bd_test_assert_verified (copy);

  /* a second backup to the same place fails, and says why */
  bd_archive_backup_async (archive, backup, NULL, on_backup_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (bd_archive_backup_finish (archive, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, backup));
  bd_test_assert_nothing_partial (fixture->tmp);
}

/* Statistics */

static const Page stats_pages[] = {
  /* the third quarter of 2023 */
  { "竹溪县茶叶采摘进入旺季", "人民网", "2023-07-05 10:00", NULL },
  { "竹溪县召开基层党建座谈会", "湖北日报", "2023-07-10 10:00", NULL },
  { "竹溪县开展能力作风建设", "某某生活网", "2023-07-20 10:00", NULL },
  { "竹溪县举办龙舟赛事", "湖北日报", "2023-08-15 09:12", NULL },
  { "竹溪县推进乡村振兴", "湖北日报", "2023-08-20 09:12", NULL },
  { "竹溪县秋季招商引资", "十堰日报", "2023-09-30 18:00", NULL },
  /* the fourth */
  { "竹溪县庆祝国庆", "新华社", "2023-10-01 08:00", NULL },
  { "竹溪县辞旧迎新", "十堰日报", "2023-12-31 20:00", NULL },
  /* the year before, and a report nobody dated */
  { "竹溪县冬季防火", "荆楚网", "2022-12-31 20:00", NULL },
  { "竹溪县一则旧闻", "荆楚网", NULL, NULL },
};

/* The totals of a BdStats agree with each other, and its tables are in order. */
static void
assert_reconciled (BdStats *stats)
{
  guint levels = 0;
  guint months = 0;
  guint outlets = 0;

  for (guint level = 0; level < BD_N_LEVELS; level++)
    levels += stats->levels[level];

  for (guint i = 0; i < stats->months->len; i++)
    {
      BdStatsMonth *month = g_ptr_array_index (stats->months, i);
      guint month_levels = 0;

      for (guint level = 0; level < BD_N_LEVELS; level++)
        month_levels += month->levels[level];
      g_assert_cmpuint (month_levels, ==, month->total);
      g_assert_cmpuint (month->total, >, 0);
      months += month->total;

      /* in order, the undated last */
      if (i > 0)
        {
          BdStatsMonth *previous = g_ptr_array_index (stats->months, i - 1);

          g_assert_cmpstr (previous->month, !=, "");
          if (*month->month != '\0')
            g_assert_cmpstr (previous->month, <, month->month);
        }
    }

  for (guint i = 0; i < stats->outlets->len; i++)
    {
      BdStatsOutlet *outlet = g_ptr_array_index (stats->outlets, i);

      outlets += outlet->count;
      if (i > 0)
        {
          BdStatsOutlet *previous = g_ptr_array_index (stats->outlets, i - 1);

          g_assert_cmpuint (previous->count, >=, outlet->count);
        }
    }

  g_assert_cmpuint (levels, ==, stats->total);
  g_assert_cmpuint (months, ==, stats->total);
  g_assert_cmpuint (outlets, ==, stats->total);
}

static char *
format_months (BdStats *stats)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < stats->months->len; i++)
    {
      BdStatsMonth *month = g_ptr_array_index (stats->months, i);

      g_string_append_printf (text, "%s%s:%u/%u/%u/%u", i > 0 ? " " : "",
                              *month->month != '\0' ? month->month : "undated",
                              month->levels[BD_LEVEL_NATIONAL], month->levels[BD_LEVEL_PROVINCIAL],
                              month->levels[BD_LEVEL_MUNICIPAL], month->levels[BD_LEVEL_UNSET]);
    }

  return g_string_free (text, FALSE);
}

static char *
format_outlets (BdStats *stats)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < stats->outlets->len; i++)
    {
      BdStatsOutlet *outlet = g_ptr_array_index (stats->outlets, i);

      g_string_append_printf (text, "%s%s:%u:%s", i > 0 ? " " : "", outlet->name, outlet->count,
                              bd_level_to_nick (outlet->level));
    }

  return g_string_free (text, FALSE);
}

static BdStats *
get_stats (BdArchive  *archive,
           const char *first_day,
           const char *last_day)
{
  g_autoptr(GError) error = NULL;
  BdStats *stats = bd_archive_get_stats (archive, first_day, last_day, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  assert_reconciled (stats);

  return stats;
}

static void
assert_levels (BdStats *stats,
               guint    total,
               guint    national,
               guint    provincial,
               guint    municipal,
               guint    unset)
{
  g_assert_cmpuint (stats->total, ==, total);
  g_assert_cmpuint (stats->levels[BD_LEVEL_NATIONAL], ==, national);
  g_assert_cmpuint (stats->levels[BD_LEVEL_PROVINCIAL], ==, provincial);
  g_assert_cmpuint (stats->levels[BD_LEVEL_MUNICIPAL], ==, municipal);
  g_assert_cmpuint (stats->levels[BD_LEVEL_UNSET], ==, unset);
}

static void
test_stats (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(BdStats) quarter = NULL;
  g_autoptr(BdStats) year = NULL;
  g_autoptr(BdStats) all = NULL;
  g_autoptr(BdStats) since = NULL;
  g_autoptr(BdStats) empty = NULL;
  g_autofree char *text = NULL;
  gint64 ids[G_N_ELEMENTS (stats_pages)];
  BdReportChanges by_hand = { .set_level = TRUE, .level = BD_LEVEL_MUNICIPAL };

  import_pages (fixture, archive, stats_pages, G_N_ELEMENTS (stats_pages), ids);
  {
    g_autoptr(BdReport) undated = get_report (archive, ids[9]);

    g_assert_null (bd_report_get_date (undated));
    g_assert_cmpstr (bd_report_get_outlet (undated), ==, "荆楚网");
  }

  /* staff counted one of the 湖北日报 reports as a municipal one */
  update (archive, &ids[1], 1, &by_hand);

  quarter = get_stats (archive, "2023-07-01", "2023-09-30");
  assert_levels (quarter, 6, 1, 2, 2, 1);
  text = format_months (quarter);
  g_assert_cmpstr (text, ==, "2023-07:1/0/1/1 2023-08:0/2/0/0 2023-09:0/0/1/0");
  g_free (text);
  /* most reports first; an outlet counts under the level most of its reports have */
  text = format_outlets (quarter);
  g_assert_cmpstr (text, ==, "湖北日报:3:provincial 人民日报:1:national 十堰日报:1:municipal "
                             "某某生活网:1:unset");
  g_free (text);
  text = bd_stats_format_summary (quarter);
  g_assert_cmpstr (text, ==,
                   "In the third quarter of 2023, 6 reports were published, of which 1 in national "
                   "media, 2 in provincial media and 2 in municipal media. "
                   "1 more report is not yet classified.");
  g_free (text);

  year = get_stats (archive, "2023-01-01", "2023-12-31");
  assert_levels (year, 8, 2, 2, 3, 1);
  text = format_months (year);
  g_assert_cmpstr (text, ==, "2023-07:1/0/1/1 2023-08:0/2/0/0 2023-09:0/0/1/0 "
                             "2023-10:1/0/0/0 2023-12:0/0/1/0");
  g_free (text);
  text = bd_stats_format_summary (year);
  g_assert_true (g_str_has_prefix (text, "In the year 2023, 8 reports were published, of which 2 "
                                         "in national media, 2 in provincial media and 3 in "
                                         "municipal media."));
  g_free (text);

  /* only the whole archive counts the undated report, under a month of its own, last */
  all = get_stats (archive, NULL, NULL);
  assert_levels (all, 10, 2, 4, 3, 1);
  text = format_months (all);
  g_assert_cmpstr (text, ==, "2022-12:0/1/0/0 2023-07:1/0/1/1 2023-08:0/2/0/0 2023-09:0/0/1/0 "
                             "2023-10:1/0/0/0 2023-12:0/0/1/0 undated:0/1/0/0");
  g_free (text);
  text = format_outlets (all);
  g_assert_cmpstr (text, ==, "湖北日报:3:provincial 十堰日报:2:municipal 荆楚网:2:provincial "
                             "人民日报:1:national 新华社:1:national 某某生活网:1:unset");
  g_free (text);
  text = bd_stats_format_summary (all);
  g_assert_cmpstr (text, ==,
                   "In all, 10 reports were published, of which 2 in national media, "
                   "4 in provincial media and 3 in municipal media. "
                   "1 more report is not yet classified.");
  g_free (text);

  /* open at one end: dated reports only */
  since = get_stats (archive, "2023-08-01", NULL);
  assert_levels (since, 5, 1, 2, 2, 0);

  /* a period without reports */
  empty = get_stats (archive, "2021-01-01", "2021-12-31");
  assert_levels (empty, 0, 0, 0, 0, 0);
  g_assert_cmpuint (empty->months->len, ==, 0);
  g_assert_cmpuint (empty->outlets->len, ==, 0);
  text = bd_stats_format_summary (empty);
  g_assert_cmpstr (text, ==, "In the year 2021, 0 reports were published, of which 0 in national "
                             "media, 0 in provincial media and 0 in municipal media.");
}

typedef struct
{
  const char *name;
  const char *first_day;
  const char *last_day;
  const char *described;
} PeriodCase;

static const PeriodCase period_cases[] = {
  { "all-time", NULL, NULL, "all time" },
  { "first-quarter", "2023-01-01", "2023-03-31", "the first quarter of 2023" },
  { "second-quarter", "2023-04-01", "2023-06-30", "the second quarter of 2023" },
  { "third-quarter", "2023-07-01", "2023-09-30", "the third quarter of 2023" },
  { "fourth-quarter", "2023-10-01", "2023-12-31", "the fourth quarter of 2023" },
  { "year", "2023-01-01", "2023-12-31", "the year 2023" },
  { "month", "2023-08-01", "2023-08-31", "8/2023" },
  { "leap-february", "2024-02-01", "2024-02-29", "2/2024" },
  { "february", "2023-02-01", "2023-02-28", "2/2023" },
  { "custom", "2023-07-05", "2023-08-10", "the period from 2023-07-05 to 2023-08-10" },
  { "two-months", "2023-07-01", "2023-08-31", "the period from 2023-07-01 to 2023-08-31" },
  { "unaligned-quarter", "2023-02-01", "2023-04-30", "the period from 2023-02-01 to 2023-04-30" },
  { "short-month", "2023-08-01", "2023-08-30", "the period from 2023-08-01 to 2023-08-30" },
  { "two-years", "2023-01-01", "2024-12-31", "the period from 2023-01-01 to 2024-12-31" },
  { "open-end", "2023-08-01", NULL, "the period from 2023-08-01 to …" },
  { "open-start", NULL, "2023-08-31", "the period from … to 2023-08-31" },
};

static void
test_stats_describe (gconstpointer data)
{
  const PeriodCase *test = data;
  BdStats stats = { .first_day = (char *)test->first_day, .last_day = (char *)test->last_day };
  g_autofree char *described = bd_stats_describe_period (&stats);

  g_assert_cmpstr (described, ==, test->described);
}

/* Two processes at once */

typedef struct
{
  BdArchive *archive;
  gint64    *ids;
  guint      n_ids;
  guint      rounds;
  gboolean   titles;  /* rename the reports, or else move their dates */
} Writer;

static gpointer
write_rounds (gpointer data)
{
  Writer *writer = data;

  for (guint round = 1; round <= writer->rounds; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("第%u轮修改的标题", round);
      g_autofree char *tag = g_strdup_printf ("轮次%u", round);
      g_autofree char *old_tag = g_strdup_printf ("轮次%u", round - 1);
      g_autofree char *date = g_strdup_printf ("2023-%02u-%02u", 1 + round % 12, 1 + round % 28);
      const char *add[] = { tag, NULL };
      const char *remove[] = { old_tag, NULL };
      BdReportChanges changes = { 0 };

      if (writer->titles)
        {
          changes.title = title;
          changes.add_tags = add;
          changes.remove_tags = round > 1 ? remove : NULL;
        }
      else
        changes.date = date;

      if (!bd_archive_update_reports (writer->archive, writer->ids, writer->n_ids, &changes,
                                      &error))
        g_error ("round %u: %s", round, error->message);
    }

  return NULL;
}

static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(BdArchive) gui = bd_test_open_archive (fixture->archive);
  g_autoptr(BdArchive) cli = NULL;
  gint64 ids[G_N_ELEMENTS (three_pages)];
  Writer writer = { gui, ids, G_N_ELEMENTS (ids), 60, TRUE };
  Writer other_writer = { NULL, ids, G_N_ELEMENTS (ids), 60, FALSE };
  BdReportChanges same_title = { .title = "尚未修改的标题" };
  g_autofree char *last_date = NULL;
  GThread *thread;
  guint reads = 0;
  guint last_round = 0;

  import_pages (fixture, gui, three_pages, G_N_ELEMENTS (three_pages), ids);
  update (gui, ids, G_N_ELEMENTS (ids), &same_title);
  cli = bd_test_open_archive (fixture->archive);
  other_writer.archive = cli;

  /* one writes while the other reads: every read sees whole edits, never part of one */
  thread = g_thread_new ("writer", write_rounds, &writer);
  while (last_round < writer.rounds)
    {
      g_autoptr(GPtrArray) reports = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *tags = NULL;
      g_autofree char *expected_tags = NULL;
      const char *title = NULL;
      g_autofree char *first_tags = NULL;
      guint round = 0;

      reports = bd_archive_list_reports (cli, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (reports->len, ==, G_N_ELEMENTS (ids));

      for (guint i = 0; i < reports->len; i++)
        {
          BdReport *report = g_ptr_array_index (reports, i);
          g_autofree char *report_tags = join_tags (report);

          if (i == 0)
            {
              title = bd_report_get_title (report);
              first_tags = g_steal_pointer (&report_tags);
              continue;
            }
          g_assert_cmpstr (bd_report_get_title (report), ==, title);
          g_assert_cmpstr (report_tags, ==, first_tags);
        }

      if (sscanf (title, "第%u轮", &round) == 1)
        {
          /* rounds only go forward */
          g_assert_cmpuint (round, >=, last_round);
          last_round = round;
          expected_tags = g_strdup_printf ("轮次%u", round);
          g_assert_cmpstr (first_tags, ==, expected_tags);
        }
      else
        g_assert_cmpstr (first_tags, ==, "");

      tags = list_tags (cli);
      g_assert_true (*tags == '\0' || g_str_has_suffix (tags, ":3"));
      reads++;
    }
  g_thread_join (thread);
  g_test_message ("%u consistent reads during %u edits", reads, writer.rounds);

  /* both write at once: the busy timeout lets each wait its turn */
  writer.rounds = 120;
  thread = g_thread_new ("writer", write_rounds, &writer);
  write_rounds (&other_writer);
  g_thread_join (thread);
  last_date = g_strdup_printf ("2023-%02u-%02u", 1 + other_writer.rounds % 12,
                               1 + other_writer.rounds % 28);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(BdReport) seen_by_gui = get_report (gui, ids[i]);
      g_autoptr(BdReport) seen_by_cli = get_report (cli, ids[i]);
      g_autofree char *tags = join_tags (seen_by_cli);

      g_assert_cmpstr (bd_report_get_title (seen_by_gui), ==, "第120轮修改的标题");
      g_assert_cmpstr (bd_report_get_title (seen_by_cli), ==, "第120轮修改的标题");
      g_assert_cmpstr (bd_report_get_date (seen_by_gui), ==, last_date);
      g_assert_cmpstr (bd_report_get_date (seen_by_cli), ==, last_date);
      g_assert_cmpstr (tags, ==, "轮次120");
    }
  bd_test_assert_verified (gui);
  bd_test_assert_verified (cli);
}

/* Asynchronous calls */

static void
on_async_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BdReport) stored = NULL;
  g_autoptr(BdStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[G_N_ELEMENTS (three_pages)];

  import_pages (fixture, archive, three_pages, G_N_ELEMENTS (three_pages), ids);

  /* the call copies what it needs: the caller's strings may go at once */
  {
    g_autofree char *outlet = g_strdup ("新华社");
    g_autofree char *tag = g_strdup ("党建");
    const char *tags[] = { tag, NULL };
    BdReportChanges changes = { .outlet = outlet, .add_tags = tags };

    bd_archive_update_reports_async (archive, ids, 2, &changes, NULL, on_async_done_cb, &result);
  }
  reports = bd_archive_update_reports_finish (archive, wait_for_result (&result), &error);
  g_assert_no_error (error);
  /* read back in the order asked, with what the archive changed besides: the outlet's level */
  g_assert_cmpuint (reports->len, ==, 2);
  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);

      g_assert_cmpint (bd_report_get_id (report), ==, ids[i]);
      g_assert_cmpstr (bd_report_get_outlet (report), ==, "新华社");
      g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_NATIONAL);
      g_assert_cmpstr (bd_report_get_tags (report)[0], ==, "党建");
    }
  g_clear_object (&result);

  /* a refused change says why and changes nothing */
  bd_archive_update_reports_async (archive, ids, 1, &(BdReportChanges) { .date = "昨天" }, NULL,
                                   on_async_done_cb, &result);
  g_assert_null (bd_archive_update_reports_finish (archive, wait_for_result (&result), &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "昨天"));
  g_clear_error (&error);
  g_clear_object (&result);
  stored = get_report (archive, ids[0]);
  g_assert_cmpstr (bd_report_get_date (stored), ==, "2023-08-15");

  /* a caller that gave up gets no result, yet the change it asked for is made */
  bd_archive_update_reports_async (archive, &ids[2], 1, &(BdReportChanges) { .title = "改了" },
                                   cancellable, on_async_done_cb, &result);
  g_cancellable_cancel (cancellable);
  g_assert_null (bd_archive_update_reports_finish (archive, wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_object (&stored);
  stored = get_report (archive, ids[2]);
  g_assert_cmpstr (bd_report_get_title (stored), ==, "改了");

  bd_archive_get_stats_async (archive, "2023-07-01", "2023-09-30", NULL, on_async_done_cb,
                              &result);
  stats = bd_archive_get_stats_finish (archive, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stats->first_day, ==, "2023-07-01");
  assert_levels (stats, 3, 2, 1, 0, 0);
  g_clear_object (&result);

  bd_archive_delete_reports_async (archive, ids, 2, NULL, on_async_done_cb, &result);
  g_assert_true (bd_archive_delete_reports_finish (archive, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 1);

  bd_archive_delete_reports_async (archive, ids, 1, NULL, on_async_done_cb, &result);
  g_assert_false (bd_archive_delete_reports_finish (archive, wait_for_result (&result), &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  bd_test_assert_verified (archive);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/archive/open/layout", test_open_layout);
  ADD ("/core/archive/open/reopen", test_open_reopen);
  ADD ("/core/archive/open/migrates", test_open_migrates);
  ADD ("/core/archive/open/newer-schema", test_open_newer_schema);
  ADD ("/core/archive/open/not-a-folder", test_open_not_a_folder);
  for (guint i = 0; i < G_N_ELEMENTS (garbage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/archive/open/not-a-database/%s",
                                               garbage_cases[i].name);

      g_test_add_data_func (path, &garbage_cases[i], test_open_not_a_database);
    }
  g_test_add_func ("/core/archive/default-path", test_default_path);

  ADD ("/core/archive/update/one", test_update_one);
  ADD ("/core/archive/update/many", test_update_many);
  ADD ("/core/archive/update/tags", test_update_tags);
  ADD ("/core/archive/update/outlet-level", test_update_outlet_level);
  ADD ("/core/archive/update/dates", test_update_dates);
  for (guint i = 0; i < G_N_ELEMENTS (atomic_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/archive/update/atomic/%s",
                                               atomic_cases[i].name);

      g_test_add (path, Fixture, &atomic_cases[i], fixture_set_up, test_update_atomic,
                  fixture_tear_down);
    }
  ADD ("/core/archive/update/search", test_update_search);

  ADD ("/core/archive/delete/some", test_delete);
  ADD ("/core/archive/delete/missing", test_delete_missing);
  ADD ("/core/archive/delete/killed", test_delete_killed);
  for (guint i = 0; i < G_N_ELEMENTS (pending_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/archive/delete/pending-import/%s",
                                               pending_cases[i].name);

      g_test_add (path, Fixture, &pending_cases[i], fixture_set_up, test_delete_pending_import,
                  fixture_tear_down);
    }

  ADD ("/core/archive/outlets/add", test_outlets_add);
  ADD ("/core/archive/outlets/remove", test_outlets_remove);
  ADD ("/core/archive/outlets/adopt", test_outlets_adopt);
  ADD ("/core/archive/outlets/adopt-by-domain", test_outlets_adopt_by_domain);
  for (guint i = 0; i < G_N_ELEMENTS (taken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/archive/outlets/taken/%s",
                                               taken_cases[i].path);

      g_test_add (path, Fixture, &taken_cases[i], fixture_set_up, test_outlets_taken,
                  fixture_tear_down);
    }

  for (guint i = 0; i < G_N_ELEMENTS (verify_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/archive/verify/%s", verify_cases[i].name);

      g_test_add (path, Fixture, &verify_cases[i], fixture_set_up, test_verify,
                  fixture_tear_down);
    }

  ADD ("/core/archive/backup/copy", test_backup);
  for (guint i = 0; i < G_N_ELEMENTS (backup_delete_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/archive/backup/delete/%s",
                                               backup_delete_cases[i].name);

      g_test_add (path, Fixture, &backup_delete_cases[i], fixture_set_up, test_backup_delete,
                  fixture_tear_down);
    }
  ADD ("/core/archive/backup/exists", test_backup_exists);
  ADD ("/core/archive/backup/failure", test_backup_failure);
  ADD ("/core/archive/backup/async", test_backup_async);

  ADD ("/core/archive/stats/periods", test_stats);
  for (guint i = 0; i < G_N_ELEMENTS (period_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/archive/stats/describe/%s",
                                               period_cases[i].name);

      g_test_add_data_func (path, &period_cases[i], test_stats_describe);
    }

  ADD ("/core/archive/concurrent", test_concurrent);
  ADD ("/core/archive/async", test_async);

#undef ADD

  return g_test_run ();
}
