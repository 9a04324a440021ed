/* test-export.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <archive.h>
#include <archive_entry.h>
#include <json-glib/json-glib.h>

#include "bd-archive.h"
#include "bd-bundle.h"
#include "bd-error.h"
#include "bd-exporter.h"
#include "bd-importer.h"
#include "bd-query.h"
#include "bd-report.h"
#include "bd-test-fixtures.h"

/* The shared archive every export test reads: reports of each level, one with characters no
 * file name may hold, two whose names collide, tags, and one undated. */
static char *shared_tmp;
static char *shared_archive_path;
static BdArchive *shared_archive;

typedef struct
{
  const char *file;
  const char *title;
  const char *source;
  const char *date;     /* the byline's, or NULL */
  const char *paragraph;
  const char *tag;
} CorpusReport;

static const CorpusReport corpus[] = {
  { "people.html", "竹溪县茶产业助力乡村振兴", "人民网", "2023-08-15 09:12",
    "竹溪县茶产业综合产值突破54.49亿元，茶农人均增收三千元。", "乡村振兴" },
  { "jingchu.html", "竹溪县能力作风建设年活动启动", "荆楚网", "2023-09-30 10:00",
    "竹溪县开展能力作风建设年活动，干部走进田间地头。", NULL },
  { "shiyan.html", "十堰日报聚焦竹溪基层党建", "十堰日报", "2023-07-02 08:00",
    "记者走进竹溪县各乡镇，聚焦基层党建工作。", "乡村振兴" },
  { "unsafe.html", "标题/含:非法*字符?\"<>|的报道", "荆楚网", "2023-08-01 08:00",
    "这篇报道的标题里有文件名不能有的字符。", NULL },
  { "twin-1.html", "同题报道", "十堰日报", "2023-08-20 08:00",
    "第一篇同题报道的正文，讲的是茶园。", NULL },
  { "twin-2.html", "同题报道", "十堰日报", "2023-08-20 08:00",
    "第二篇同题报道的正文，讲的是党建。", NULL },
  { "life.html", "县城新开一家茶馆", "某某生活网", "2023-10-01 08:00",
    "县城新开一家茶馆，市民纷纷前来品茶。", NULL },
  { "undated.html", "一篇没有日期的报道", "某某生活网", NULL,
    "这篇报道没有注明日期。", "待核" },
};

static void
write_corpus (const char *dir)
{
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      const char *const paragraphs[] = { corpus[i].paragraph, "全县上下共同努力。", NULL };
      g_autofree char *page_title = g_strdup_printf ("%s_%s", corpus[i].title, corpus[i].source);
      g_autofree char *path = g_build_filename (dir, corpus[i].file, NULL);
      g_autoptr(GError) error = NULL;
      BdSampleHtml spec = {
        .title = page_title,
        .heading = corpus[i].title,
        .source = corpus[i].source,
        .byline_date = corpus[i].date,
        .paragraphs = paragraphs,
      };

      g_assert_true (bd_sample_write_html (path, &spec, &error));
      g_assert_no_error (error);
    }

  {
    const char *const pages[] = { "茶园里，茶农们正忙着采摘春茶。\n竹溪县坚持以茶产业为抓手。", NULL };
    g_autofree char *path = g_build_filename (dir, "湖北日报第3版.pdf", NULL);
    g_autoptr(GError) error = NULL;
    BdSamplePdf spec = {
      .header = "湖北日报 2023年5月12日 第3版",
      .heading = "竹溪：茶园里的共同富裕路",
      .pages = pages,
    };

    g_assert_true (bd_sample_write_pdf (path, &spec, &error));
    g_assert_no_error (error);
  }
}

static void
import_into (BdArchive  *archive,
             const char *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_FAILED), ==, 0);
}

static void
shared_set_up (void)
{
  g_autofree char *reports = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  shared_tmp = bd_test_make_tmp_dir ();
  reports = g_build_filename (shared_tmp, "reports", NULL);
  shared_archive_path = g_build_filename (shared_tmp, "archive", NULL);
  write_corpus (reports);

  shared_archive = bd_archive_open (shared_archive_path, &error);
  g_assert_no_error (error);
  import_into (shared_archive, reports);

  all = bd_archive_list_reports (shared_archive, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (corpus) + 1);

  for (guint i = 0; i < all->len; i++)
    {
      BdReport *report = g_ptr_array_index (all, i);
      gint64 id = bd_report_get_id (report);

      for (guint j = 0; j < G_N_ELEMENTS (corpus); j++)
        {
          const char *tags[] = { corpus[j].tag, NULL };
          BdReportChanges changes = { .add_tags = tags };

          if (corpus[j].tag == NULL ||
              !g_str_equal (bd_report_get_file_name (report), corpus[j].file))
            continue;
          g_assert_true (bd_archive_update_reports (shared_archive, &id, 1, &changes, &error));
          g_assert_no_error (error);
        }
    }
}

static void
shared_tear_down (void)
{
  g_clear_object (&shared_archive);
  _bd_remove_tree (shared_tmp);
  g_clear_pointer (&shared_tmp, g_free);
  g_clear_pointer (&shared_archive_path, g_free);
}

/* Helpers */

static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (shared_tmp, name, NULL);

  _bd_remove_tree (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  return dir;
}

static BdQuery *
parse_query (const char *text)
{
  g_autoptr(GError) error = NULL;
  BdQuery *query = bd_query_parse (text, &error);

  g_assert_no_error (error);
  return query;
}

static void
export_to (BdArchive      *archive,
           BdQuery        *query,
           BdBundleFormat  format,
           const char     *path)
{
  g_autoptr(BdExporter) exporter = bd_exporter_new (archive);
  g_autoptr(GError) error = NULL;

  bd_exporter_set_query (exporter, query);
  bd_exporter_set_format (exporter, format);
  g_assert_true (bd_exporter_run (exporter, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (bd_exporter_get_sha256 (exporter));
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;

  return n;
}

/* Every regular entry of a bundle, read with libarchive: name → contents. */
static GHashTable *
read_bundle (const char *path)
{
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)g_bytes_unref);
  struct archive *reader = archive_read_new ();
  struct archive_entry *entry;
  int rc;

  archive_read_support_format_all (reader);
  archive_read_support_filter_all (reader);
  g_assert_cmpint (archive_read_open_filename (reader, path, 64 * 1024), ==, ARCHIVE_OK);

  while ((rc = archive_read_next_header (reader, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      GByteArray *data = g_byte_array_new ();
      guint8 buffer[16 * 1024];
      la_ssize_t n;

      g_assert_nonnull (name);
      g_assert_cmpint (archive_entry_mtime (entry), >, 0);
      if (archive_entry_filetype (entry) == AE_IFDIR)
        {
          g_byte_array_unref (data);
          continue;
        }
      g_assert_cmpint (archive_entry_filetype (entry), ==, AE_IFREG);

      while ((n = archive_read_data (reader, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, buffer, n);
      g_assert_cmpint (n, ==, 0);
      g_assert_false (g_hash_table_contains (entries, name));
      g_hash_table_insert (entries, g_strdup (name), g_byte_array_free_to_bytes (data));
    }
  g_assert_cmpint (rc, ==, ARCHIVE_EOF);
  archive_read_free (reader);

  return entries;
}

static GBytes *
entry_of (GHashTable *entries,
          const char *name)
{
  GBytes *bytes = g_hash_table_lookup (entries, name);

  if (bytes == NULL)
    {
      g_autofree char **names = (char **)g_hash_table_get_keys_as_array (entries, NULL);
      g_autofree char *listing = g_strjoinv ("\n", names);

      g_error ("%s is not in the bundle, which holds:\n%s", name, listing);
    }

  return bytes;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data, size);
}

static const char * const format_names[] = { "zip", "tar.gz", "tar.xz", "7z" };

/* Tests */

static void
test_reproducible (gconstpointer data)
{
  BdBundleFormat format = GPOINTER_TO_UINT (data);
  g_autofree char *dir = make_dir ("reproducible");
  g_autofree char *first = g_build_filename (dir, "first", NULL);
  g_autofree char *second = g_build_filename (dir, "second", NULL);
  g_autofree char *first_data = NULL;
  g_autofree char *second_data = NULL;
  gsize first_len, second_len;

  export_to (shared_archive, NULL, format, first);
  /* the clock moves on between the two: nothing in the bundle may depend on it */
  g_usleep (1100 * 1000);
  export_to (shared_archive, NULL, format, second);

  g_assert_true (g_file_get_contents (first, &first_data, &first_len, NULL));
  g_assert_true (g_file_get_contents (second, &second_data, &second_len, NULL));
  g_assert_cmpuint (first_len, >, 0);
  g_assert_cmpmem (first_data, first_len, second_data, second_len);
}

static void
test_layout (gconstpointer data)
{
  BdBundleFormat format = GPOINTER_TO_UINT (data);
  g_autofree char *dir = make_dir ("layout");
  g_autofree char *path = g_build_filename (dir, "bundle", NULL);
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *csv = NULL;
  g_autofree char *sums = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_originals = 0;

  export_to (shared_archive, NULL, format, path);
  entries = read_bundle (path);

  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = key;

      g_assert_true (g_str_has_prefix (name, "宣传报道_全部/"));
      g_assert_cmpuint (strlen (strrchr (name, '/') + 1), <=, 120);
      if (g_str_has_suffix (name, ".pdf") || g_str_has_suffix (name, ".html"))
        n_originals++;
      if (g_str_has_suffix (name, ".pdf"))
        g_assert_true (g_str_has_prefix (name, "宣传报道_全部/省级/2023-05-12_湖北日报_"));
    }
  g_assert_cmpuint (n_originals, ==, G_N_ELEMENTS (corpus) + 1);

  /* readable names, by level; characters no file system takes replaced; collisions numbered */
  entry_of (entries, "宣传报道_全部/国家级/2023-08-15_人民日报_竹溪县茶产业助力乡村振兴.html");
  entry_of (entries, "宣传报道_全部/省级/2023-08-01_荆楚网_标题_含_非法_字符_____的报道.html");
  entry_of (entries, "宣传报道_全部/市级/2023-08-20_十堰日报_同题报道.html");
  entry_of (entries, "宣传报道_全部/市级/2023-08-20_十堰日报_同题报道(2).html");
  entry_of (entries, "宣传报道_全部/未分级/无日期_某某生活网_一篇没有日期的报道.html");

  /* the manifest: a BOM, the header, one row per report in level, date, title order */
  csv = bytes_to_string (entry_of (entries, "宣传报道_全部/manifest.csv"));
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf序号,标题,媒体,级别,发布日期,标签,文件,SHA-256,来源链接\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (corpus) + 1 + 2);
  g_assert_true (g_str_has_prefix (lines[1], "1,竹溪县茶产业助力乡村振兴,人民日报,国家级,2023-08-15,乡村振兴,"));
  g_assert_true (g_str_has_prefix (lines[2], "2,"));
  g_assert_nonnull (strstr (lines[2], ",湖北日报,省级,2023-05-12,,省级/2023-05-12_湖北日报_"));
  /* RFC 4180: a field with a quote is quoted, the quote doubled */
  g_assert_nonnull (strstr (csv, ",\"标题/含:非法*字符?\"\"<>|的报道\",荆楚网,"));
  g_assert_true (g_str_has_prefix (lines[9], "9,一篇没有日期的报道,某某生活网,未分级,,待核,"));

  entry_of (entries, "宣传报道_全部/manifest.xlsx");
  entry_of (entries, "宣传报道_全部/manifest.json");

  /* SHA256SUMS covers every other file, and every sum is right */
  sums = bytes_to_string (entry_of (entries, "宣传报道_全部/SHA256SUMS"));
  g_strfreev (lines);
  lines = g_strsplit (sums, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines) - 1, ==, g_hash_table_size (entries) - 1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autofree char *name = g_strconcat ("宣传报道_全部/", lines[i] + 66, NULL);
      GBytes *bytes = entry_of (entries, name);
      g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

      g_assert_cmpmem (lines[i], 64, sha256, 64);
      g_assert_cmpmem (lines[i] + 64, 2, "  ", 2);
    }
}

/* The common tools list the Chinese names intact. */
static void
test_tools (void)
{
  g_autofree char *dir = make_dir ("tools");
  g_autofree char *zip = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *tgz = g_build_filename (dir, "bundle.tar.gz", NULL);
  g_autofree char *txz = g_build_filename (dir, "bundle.tar.xz", NULL);
  const char *expected = "宣传报道_全部/国家级/2023-08-15_人民日报_竹溪县茶产业助力乡村振兴.html";
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  g_autofree char *tar = g_find_program_in_path ("tar");

  export_to (shared_archive, NULL, BD_BUNDLE_ZIP, zip);
  export_to (shared_archive, NULL, BD_BUNDLE_TAR_GZ, tgz);
  export_to (shared_archive, NULL, BD_BUNDLE_TAR_XZ, txz);

  if (unzip != NULL)
    {
      const char *argv[] = { unzip, "-Z1", zip, NULL };
      g_autofree char *out = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                   NULL, &out, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, expected));
    }
  else
    g_test_message ("unzip is not installed: the zip is read with libarchive only");

  if (tar != NULL)
    {
      const char * const archives[] = { tgz, txz };

      for (guint i = 0; i < G_N_ELEMENTS (archives); i++)
        {
          const char *argv[] = { tar, "-tf", archives[i], NULL };
          g_autofree char *out = NULL;
          int status;

          g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                       NULL, NULL, &out, NULL, &status, NULL));
          g_assert_true (g_spawn_check_wait_status (status, NULL));
          g_assert_nonnull (strstr (out, expected));
        }
    }
}

/* The period names the bundle; the statistics count exactly its reports. */
static void
test_query (void)
{
  g_autoptr(BdQuery) query = parse_query ("2023Q3");
  g_autofree char *dir = make_dir ("query");
  g_autofree char *path = g_build_filename (dir, "q3.zip", NULL);
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stats = NULL;
  GBytes *json;
  JsonObject *manifest;

  bd_query_add_level (query, BD_LEVEL_MUNICIPAL);
  bd_query_add_level (query, BD_LEVEL_PROVINCIAL);
  export_to (shared_archive, query, BD_BUNDLE_ZIP, path);
  entries = read_bundle (path);

  json = entry_of (entries, "宣传报道_2023Q3/manifest.json");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (json, NULL),
                                             g_bytes_get_size (json), &error));
  g_assert_no_error (error);
  manifest = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (manifest, "format"), ==, "baodao-bundle");
  g_assert_cmpint (json_object_get_int_member (manifest, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (manifest, "first_day"), ==, "2023-07-01");
  /* 荆楚网 twice, 十堰日报 three times, all in the third quarter */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "reports")),
                    ==, 5);

  stats = bytes_to_string (entry_of (entries, "宣传报道_2023Q3/统计.txt"));
  g_assert_nonnull (strstr (stats, "国家级\t0\r\n省级\t2\r\n市级\t3\r\n未分级\t0\r\n合计\t5\r\n"));
  g_assert_nonnull (strstr (stats, "2023-07\t0\t0\t1\t0\t1\r\n"));
  g_assert_nonnull (strstr (stats, "2023-08\t0\t1\t2\t0\t3\r\n"));
  g_assert_nonnull (strstr (stats, "2023-09\t0\t1\t0\t0\t1\r\n"));
}

static void
test_ids (void)
{
  g_autoptr(GPtrArray) all = bd_archive_list_reports (shared_archive, NULL);
  g_autofree char *dir = make_dir ("ids");
  g_autofree char *path = g_build_filename (dir, "two.zip", NULL);
  g_autoptr(BdExporter) exporter = bd_exporter_new (shared_archive);
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  /* list_reports is newest first: 2023-10-01, then 2023-09-30 */
  ids[0] = bd_report_get_id (g_ptr_array_index (all, 0));
  ids[1] = bd_report_get_id (g_ptr_array_index (all, 1));
  ids[2] = ids[0];
  bd_exporter_set_ids (exporter, ids, G_N_ELEMENTS (ids));
  bd_exporter_set_title (exporter, "竹溪宣传报道");
  g_assert_true (bd_exporter_run (exporter, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_exporter_get_n_reports (exporter), ==, 2);

  entries = read_bundle (path);
  entry_of (entries, "竹溪宣传报道_2023-09-30至2023-10-01/manifest.csv");

  ids[0] = G_MAXINT32;
  bd_exporter_set_overwrite (exporter, TRUE);
  bd_exporter_set_ids (exporter, ids, 1);
  g_assert_false (bd_exporter_run (exporter, path, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
}

static void
on_progress_cancel (BdExporter *exporter,
                    guint       done,
                    guint       total,
                    const char *path,
                    gpointer    user_data)
{
  g_assert_cmpuint (done, <=, total);
  if (done == 2)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autofree char *dir = make_dir ("cancel");
  g_autofree char *path = g_build_filename (dir, "cancelled.zip", NULL);
  g_autoptr(BdExporter) exporter = bd_exporter_new (shared_archive);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_signal_connect (exporter, "progress", G_CALLBACK (on_progress_cancel), cancellable);
  g_assert_false (bd_exporter_run (exporter, path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (dir), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  guint      n_progress;
  GThread   *thread;
} AsyncState;

static void
on_progress_count (BdExporter *exporter,
                   guint       done,
                   guint       total,
                   const char *path,
                   gpointer    user_data)
{
  AsyncState *state = user_data;

  /* delivered in the main context that started the export */
  g_assert_true (g_thread_self () == state->thread);
  state->n_progress++;
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = bd_exporter_run_finish (BD_EXPORTER (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (void)
{
  g_autofree char *dir = make_dir ("async");
  g_autofree char *path = g_build_filename (dir, "bundle.7z", NULL);
  g_autoptr(BdExporter) exporter = bd_exporter_new (shared_archive);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, FALSE, NULL, 0, g_thread_self () };

  bd_exporter_set_format (exporter, BD_BUNDLE_7Z);
  g_signal_connect (exporter, "progress", G_CALLBACK (on_progress_count), &state);
  bd_exporter_run_async (exporter, path, NULL, on_export_done, &state);
  g_main_loop_run (loop);

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  /* the last progress may still be queued behind the result */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (state.n_progress, ==, G_N_ELEMENTS (corpus) + 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_overwrite (void)
{
  g_autofree char *dir = make_dir ("overwrite");
  g_autofree char *path = g_build_filename (dir, "bundle.zip", NULL);
  g_autoptr(BdExporter) exporter = bd_exporter_new (shared_archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "someone else's file", -1, NULL));
  g_assert_false (bd_exporter_run (exporter, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "someone else's file");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  bd_exporter_set_overwrite (exporter, TRUE);
  g_clear_error (&error);
  g_assert_true (bd_exporter_run (exporter, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

static void
test_unwritable (void)
{
  g_autofree char *dir = make_dir ("unwritable");
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *path = NULL;
  g_autoptr(BdExporter) exporter = bd_exporter_new (shared_archive);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  /* root writes through permissions: a folder in /proc refuses everyone */
  path = geteuid () == 0 ? g_strdup ("/proc/self/baodao-bundle.zip")
                         : g_build_filename (locked, "bundle.zip", NULL);

  g_assert_false (bd_exporter_run (exporter, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, error->code);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (locked), ==, 0);
  g_chmod (locked, 0755);
}

static void
write_file (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "PK\003\004 cut short", -1, &error));
  g_assert_no_error (error);
}

static gboolean
exists_in (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* What killed exports left in the folder goes with the next export there; what a running
 * export holds, a backup's folder and other people's files stay. */
static void
test_stale_partials (void)
{
  g_autofree char *dir = make_dir ("stale");
  g_autofree char *path = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *running = g_build_filename (dir, ".other.tar.gz.partial-Run123", NULL);
  g_autofree char *backup = g_build_filename (dir, ".备份.partial-Dir456", NULL);
  g_autoptr(BdExporter) exporter = bd_exporter_new (shared_archive);
  g_autoptr(GError) error = NULL;
  int fd;

  write_file (dir, ".bundle.zip.partial-aB3dE9");
  write_file (dir, ".bundle.zip.partial-aB3dE9.xlsx");
  write_file (dir, ".上季度.zip.partial-Zz0000");
  write_file (dir, "notes.partial-abcdef");
  write_file (dir, ".hidden.partial-toolong");
  g_assert_cmpint (g_mkdir (backup, 0755), ==, 0);
  write_file (dir, ".other.tar.gz.partial-Run123");
  fd = g_open (running, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  g_assert_true (bd_exporter_run (exporter, path, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (exists_in (dir, ".bundle.zip.partial-aB3dE9"));
  g_assert_false (exists_in (dir, ".bundle.zip.partial-aB3dE9.xlsx"));
  g_assert_false (exists_in (dir, ".上季度.zip.partial-Zz0000"));
  g_assert_true (exists_in (dir, ".other.tar.gz.partial-Run123"));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_DIR));
  g_assert_true (exists_in (dir, "notes.partial-abcdef"));
  g_assert_true (exists_in (dir, ".hidden.partial-toolong"));
  g_assert_true (exists_in (dir, "bundle.zip"));
  g_assert_cmpuint (count_entries (dir), ==, 5);
  close (fd);
}

/* A failure halfway — here a damaged original — leaves no file behind. */
static void
test_damaged_original (void)
{
  g_autofree char *dir = make_dir ("damaged");
  g_autofree char *reports = g_build_filename (dir, "reports", NULL);
  g_autofree char *archive_path = g_build_filename (dir, "archive", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (out, "bundle.zip", NULL);
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(BdExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  write_corpus (reports);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  archive = bd_archive_open (archive_path, &error);
  g_assert_no_error (error);
  import_into (archive, reports);

  all = bd_archive_list_reports (archive, &error);
  stored = bd_archive_get_original_path (archive, g_ptr_array_index (all, 3));
  g_chmod (stored, 0644);
  g_assert_true (g_file_set_contents (stored, "<html>changed</html>", -1, NULL));

  exporter = bd_exporter_new (archive);
  g_assert_false (bd_exporter_run (exporter, path, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_CORRUPT);
  g_assert_cmpuint (count_entries (out), ==, 0);
}

/* Bundles built by hand */

typedef struct
{
  const char *name;
  mode_t      type;
  const char *data;       /* a file's contents */
  const char *link;       /* a symbolic link's target */
  const char *hardlink;   /* the entry a hard link names */
  gsize       size;       /* of data, when not a string */
} HandEntry;

static void
write_tar (const char      *path,
           const HandEntry *entries,
           guint            n_entries)
{
  struct archive *writer = archive_write_new ();

  archive_write_set_format_pax_restricted (writer);
  g_assert_cmpint (archive_write_open_filename (writer, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize size = entries[i].size > 0 ? entries[i].size
                 : entries[i].data != NULL ? strlen (entries[i].data) : 0;

      archive_entry_set_pathname_utf8 (entry, entries[i].name);
      archive_entry_set_filetype (entry, entries[i].type);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, size);
      if (entries[i].link != NULL)
        archive_entry_set_symlink (entry, entries[i].link);
      if (entries[i].hardlink != NULL)
        {
          archive_entry_set_hardlink (entry, entries[i].hardlink);
          archive_entry_set_size (entry, 0);
        }
      g_assert_cmpint (archive_write_header (writer, entry), ==, ARCHIVE_OK);
      if (size > 0)
        g_assert_cmpint (archive_write_data (writer, entries[i].data, size), ==, size);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (writer), ==, ARCHIVE_OK);
  archive_write_free (writer);
}

#define MANIFEST "{\"format\": \"baodao-bundle\", \"version\": 1, \"reports\": []}"

typedef struct
{
  const char *name;
  const char *bad_entry;  /* named in the error */
  HandEntry   entry;
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "absolute", "/etc/cron.d/x", { "/etc/cron.d/x", AE_IFREG, "x" } },
  { "dotdot", "b/../../x", { "b/../../x", AE_IFREG, "x" } },
  { "symlink", "b/link", { "b/link", AE_IFLNK, NULL, "/etc/passwd" } },
  { "hardlink", "b/hard", { "b/hard", AE_IFREG, NULL, NULL, "b/manifest.json" } },
  { "fifo", "b/fifo", { "b/fifo", AE_IFIFO } },
  { "duplicate", "b/manifest.json", { "b/manifest.json", AE_IFREG, MANIFEST } },
  { "outside", "other/x", { "other/x", AE_IFREG, "x" } },
};

static void
test_hostile (gconstpointer data)
{
  const HostileCase *hostile = data;
  g_autofree char *dir = make_dir ("hostile");
  g_autofree char *path = g_build_filename (dir, "hostile.tar", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const HandEntry entries[] = {
    { "b/", AE_IFDIR },
    { "b/manifest.json", AE_IFREG, MANIFEST },
    hostile->entry,
  };

  write_tar (path, entries, G_N_ELEMENTS (entries));
  g_assert_false (bd_bundle_verify (path, &problems, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, hostile->bad_entry));
  g_assert_null (problems);
}

/* A sound bundle verifies; one with an original changed or added names it. */
static void
test_verify (void)
{
  g_autofree char *dir = make_dir ("verify");
  g_autofree char *path = g_build_filename (dir, "bundle.tar", NULL);
  g_autofree char *tampered = g_build_filename (dir, "tampered.tar", NULL);
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GArray) hand = g_array_new (FALSE, TRUE, sizeof (HandEntry));
  g_autoptr(GError) error = NULL;
  const char *changed = "宣传报道_全部/市级/2023-08-20_十堰日报_同题报道.html";
  GHashTableIter iter;
  gpointer key, value;

  export_to (shared_archive, NULL, BD_BUNDLE_TAR_GZ, path);
  g_assert_true (bd_bundle_verify (path, &problems, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  entries = read_bundle (path);
  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      HandEntry entry = { key, AE_IFREG };
      gsize size;
      const char *bytes = g_bytes_get_data (value, &size);

      entry.data = g_str_equal (key, changed) ? "<html>changed</html>" : bytes;
      entry.size = g_str_equal (key, changed) ? 0 : size;
      g_array_append_val (hand, entry);
    }
  {
    HandEntry extra = { "宣传报道_全部/未分级/extra.html", AE_IFREG, "<html>extra</html>" };

    g_array_append_val (hand, extra);
  }
  write_tar (tampered, (HandEntry *)hand->data, hand->len);

  g_assert_true (bd_bundle_verify (tampered, &problems, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "市级/2023-08-20_十堰日报_同题报道.html does not match its SHA-256 in SHA256SUMS");
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==,
                   "市级/2023-08-20_十堰日报_同题报道.html does not match its SHA-256 or size in manifest.json");
  g_assert_cmpstr (g_ptr_array_index (problems, 2), ==,
                   "未分级/extra.html is not listed in SHA256SUMS");
  g_assert_cmpstr (g_ptr_array_index (problems, 3), ==,
                   "未分级/extra.html is not listed in manifest.json");
}

static void
test_format_parse (void)
{
  BdBundleFormat format;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      g_assert_true (bd_bundle_format_parse (format_names[i], &format, NULL));
      g_assert_cmpuint (format, ==, i);
      g_assert_cmpstr (bd_bundle_format_to_nick (format), ==, format_names[i]);
    }
  g_assert_false (bd_bundle_format_parse ("rar", &format, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
}

/* A title that a spreadsheet would run as a formula opens as text. */
static void
test_csv_formulas (void)
{
  g_autofree char *dir = make_dir ("formulas");
  g_autofree char *copy_path = g_build_filename (dir, "archive", NULL);
  g_autofree char *path = g_build_filename (dir, "all.zip", NULL);
  g_autoptr(BdArchive) copy = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(BdQuery) query = parse_query ("");
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  BdReportChanges changes = { .title = "=1+2", .outlet = "@人民" };
  gint64 id;

  g_assert_true (bd_archive_backup (shared_archive, copy_path, NULL, &error));
  g_assert_no_error (error);
  copy = bd_archive_open (copy_path, &error);
  g_assert_no_error (error);
  all = bd_archive_list_reports (copy, &error);
  g_assert_no_error (error);
  id = bd_report_get_id (g_ptr_array_index (all, 0));
  g_assert_true (bd_archive_update_reports (copy, &id, 1, &changes, &error));
  g_assert_no_error (error);

  export_to (copy, query, BD_BUNDLE_ZIP, path);
  entries = read_bundle (path);
  csv = bytes_to_string (entry_of (entries, "宣传报道_全部/manifest.csv"));

  g_assert_nonnull (strstr (csv, ",'=1+2,'@人民,"));
  g_assert_null (strstr (csv, ",=1+2,"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      g_autofree char *reproducible = g_strdup_printf ("/core/export/reproducible/%s",
                                                       format_names[i]);
      g_autofree char *layout = g_strdup_printf ("/core/export/layout/%s", format_names[i]);

      g_test_add_data_func (reproducible, GUINT_TO_POINTER (i), test_reproducible);
      g_test_add_data_func (layout, GUINT_TO_POINTER (i), test_layout);
    }
  g_test_add_func ("/core/export/tools", test_tools);
  g_test_add_func ("/core/export/query", test_query);
  g_test_add_func ("/core/export/ids", test_ids);
  g_test_add_func ("/core/export/cancel", test_cancel);
  g_test_add_func ("/core/export/async", test_async);
  g_test_add_func ("/core/export/overwrite", test_overwrite);
  g_test_add_func ("/core/export/unwritable", test_unwritable);
  g_test_add_func ("/core/export/stale-partials", test_stale_partials);
  g_test_add_func ("/core/export/damaged-original", test_damaged_original);
  g_test_add_func ("/core/export/format", test_format_parse);
  g_test_add_func ("/core/export/csv-formulas", test_csv_formulas);
  g_test_add_func ("/core/bundle/verify", test_verify);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/bundle/hostile/%s", hostile_cases[i].name);

      g_test_add_data_func (path, &hostile_cases[i], test_hostile);
    }

  shared_set_up ();
  status = g_test_run ();
  shared_tear_down ();

  return status;
}
