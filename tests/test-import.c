/* test-import.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bd-archive.h"
#include "bd-archive-private.h"
#include "bd-error.h"
#include "bd-importer.h"
#include "bd-query.h"
#include "bd-report.h"
#include "bd-search.h"
#include "bd-search-result.h"
#include "bd-test-fixtures.h"

static const char *self_path;

#define PARAGRAPH_1 "近日，竹溪县委宣传部组织开展基层党建工作观摩活动，全县各乡镇党委书记参加。"
#define PARAGRAPH_2 "今年以来，全县GDP增长8.2%，新建5G基站152个，茶产业综合产值突破54.49亿元。"

typedef struct
{
  char *dir;      /* files to import */
  char *archive;  /* the archive folder */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *tmp = bd_test_make_tmp_dir ();

  fixture->dir = g_build_filename (tmp, "reports", NULL);
  fixture->archive = g_build_filename (tmp, "archive", NULL);
  g_assert_cmpint (g_mkdir (fixture->dir, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->dir);

  _bd_remove_tree (tmp);
  g_free (fixture->dir);
  g_free (fixture->archive);
}

static char *
write_html (const char *dir,
            const char *name,
            const char *title,
            const char *source,
            const char *date,
            const char *encoding,
            const char *declared)
{
  const char *const paragraphs[] = { PARAGRAPH_1, PARAGRAPH_2, title, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *page_title = g_strdup_printf ("%s_%s", title, source != NULL ? source : "网站");
  BdSampleHtml spec = {
    .title = page_title,
    .heading = title,
    .source = source,
    .byline_date = date,
    .paragraphs = paragraphs,
    .encoding = encoding,
    .declared = declared,
  };
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (bd_sample_write_html (path, &spec, &error));
  g_assert_no_error (error);

  return path;
}

static char *
write_epaper (const char *dir,
              const char *name,
              const char *header,
              const char *heading)
{
  const char *const pages[] = { PARAGRAPH_1 "\n" PARAGRAPH_2, "第二版的内容，关于乡村振兴。", NULL };
  g_autoptr(GError) error = NULL;
  BdSamplePdf spec = {
    .title = "Microsoft Word - 稿件.doc",
    .created = "2023-09-01T10:00:00",
    .header = header,
    .heading = heading,
    .pages = pages,
  };
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (bd_sample_write_pdf (path, &spec, &error));
  g_assert_no_error (error);

  return path;
}

static void
write_bytes (const char *path,
             const char *data,
             gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
}

static BdArchive *
open_archive (Fixture *fixture)
{
  return bd_test_open_archive (fixture->archive);
}

static BdImporter *
run_import (BdArchive   *archive,
            const char  *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  BdImporter *importer = bd_importer_new (archive);

  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);

  return importer;
}

static BdImportItem *
find_item (BdImporter *importer,
           const char *name)
{
  GPtrArray *items = bd_importer_get_items (importer);

  for (guint i = 0; i < items->len; i++)
    {
      BdImportItem *item = g_ptr_array_index (items, i);

      if (g_str_has_suffix (item->path, name))
        return item;
    }

  g_error ("%s was not imported at all", name);
}

static BdReport *
report_of (BdArchive  *archive,
           BdImporter *importer,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  BdImportItem *item = find_item (importer, name);
  BdReport *report;

  g_assert_cmpint (item->status, ==, BD_IMPORT_IMPORTED);
  report = bd_archive_get_report (archive, item->report_id, TRUE, &error);
  g_assert_no_error (error);

  return report;
}

static void
assert_original_intact (BdArchive  *archive,
                        BdReport   *report,
                        const char *source)
{
  g_autofree char *stored = bd_archive_get_original_path (archive, report);
  g_autofree char *stored_data = NULL;
  g_autofree char *source_data = NULL;
  g_autofree char *sha256 = NULL;
  gsize stored_len, source_len;

  g_assert_true (g_file_get_contents (stored, &stored_data, &stored_len, NULL));
  g_assert_true (g_file_get_contents (source, &source_data, &source_len, NULL));
  g_assert_cmpmem (stored_data, stored_len, source_data, source_len);

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)stored_data, stored_len);
  g_assert_cmpstr (sha256, ==, bd_report_get_sha256 (report));
  g_assert_cmpuint (bd_report_get_size (report), ==, stored_len);
}

static void
test_import_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(BdReport) people = NULL;
  g_autoptr(BdReport) shiyan = NULL;
  g_autoptr(BdReport) jingchu = NULL;
  g_autoptr(BdReport) epaper = NULL;
  g_autoptr(BdReport) unknown = NULL;
  g_autofree char *sub = g_build_filename (fixture->dir, "十月", NULL);
  g_autofree char *resources = g_build_filename (fixture->dir, "page_files", NULL);
  g_autofree char *people_path = NULL;
  g_autofree char *shiyan_path = NULL;
  g_autofree char *epaper_path = NULL;
  g_autofree char *junk = NULL;
  BdImportItem *item;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (resources, 0755), ==, 0);

  people_path = write_html (fixture->dir, "people.html", "竹溪县茶产业助力乡村振兴", "人民网",
                            "2023-08-15 09:12", NULL, NULL);
  shiyan_path = write_html (sub, "shiyan.htm", "十堰日报聚焦竹溪基层党建", "十堰日报",
                            "2023-07-02 10:00", "GBK", NULL);
  g_free (write_html (sub, "jingchu.html", "荆楚网：竹溪县能力作风建设", "荆楚网",
                      "2023-09-30 18:00", "GBK", "gb2312"));
  g_free (write_html (fixture->dir, "page.html", "县里的一则消息", "某某生活网",
                      "2023-10-01 08:00", NULL, NULL));
  epaper_path = write_epaper (fixture->dir, "湖北日报第3版.pdf", "湖北日报 2023年5月12日 第3版",
                              "竹溪：茶园里的共同富裕路");

  /* what a folder of saved pages also holds */
  junk = g_build_filename (resources, "jquery.js", NULL);
  write_bytes (junk, "function () {}", -1);
  g_free (junk);
  junk = g_build_filename (fixture->dir, ".DS_Store", NULL);
  write_bytes (junk, "\0\0\0\1Bud1", 9);
  g_free (junk);
  junk = g_build_filename (fixture->dir, "empty.pdf", NULL);
  write_bytes (junk, "", 0);
  g_free (junk);
  junk = g_build_filename (fixture->dir, "photo.png", NULL);
  write_bytes (junk, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_free (junk);
  junk = g_build_filename (fixture->dir, "broken.pdf", NULL);
  write_bytes (junk, "%PDF-1.7\n1 0 obj\n<< /Type /Catalog", -1);

  importer = run_import (archive, fixture->dir);

  g_assert_cmpuint (bd_importer_get_items (importer)->len, ==, 8);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, 5);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_DUPLICATE), ==, 0);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_FAILED), ==, 3);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 5);

  /* each failure says which file and why */
  item = find_item (importer, "empty.pdf");
  g_assert_cmpint (item->status, ==, BD_IMPORT_FAILED);
  g_assert_error (item->error, BD_ERROR, BD_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (item->error->message, "empty.pdf"));
  item = find_item (importer, "photo.png");
  g_assert_error (item->error, BD_ERROR, BD_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (item->error->message, "photo.png"));
  item = find_item (importer, "broken.pdf");
  g_assert_error (item->error, BD_ERROR, BD_ERROR_DAMAGED);
  g_assert_nonnull (strstr (item->error->message, "broken.pdf"));

  people = report_of (archive, importer, "people.html");
  g_assert_cmpstr (bd_report_get_title (people), ==, "竹溪县茶产业助力乡村振兴");
  g_assert_cmpstr (bd_report_get_outlet (people), ==, "人民日报");
  g_assert_cmpint (bd_report_get_level (people), ==, BD_LEVEL_NATIONAL);
  g_assert_cmpstr (bd_report_get_date (people), ==, "2023-08-15");
  g_assert_cmpstr (bd_report_get_media_type (people), ==, "text/html");
  g_assert_cmpstr (bd_report_get_file_name (people), ==, "people.html");
  g_assert_cmpstr (bd_report_get_import_path (people), ==, people_path);
  g_assert_nonnull (strstr (bd_report_get_text (people), "GDP增长8.2%"));
  assert_original_intact (archive, people, people_path);

  shiyan = report_of (archive, importer, "shiyan.htm");
  g_assert_cmpstr (bd_report_get_outlet (shiyan), ==, "十堰日报");
  g_assert_cmpint (bd_report_get_level (shiyan), ==, BD_LEVEL_MUNICIPAL);
  g_assert_cmpstr (bd_report_get_date (shiyan), ==, "2023-07-02");
  g_assert_nonnull (strstr (bd_report_get_text (shiyan), "基层党建工作观摩活动"));
  assert_original_intact (archive, shiyan, shiyan_path);

  jingchu = report_of (archive, importer, "jingchu.html");
  g_assert_cmpstr (bd_report_get_outlet (jingchu), ==, "荆楚网");
  g_assert_cmpint (bd_report_get_level (jingchu), ==, BD_LEVEL_PROVINCIAL);

  /* the e-paper's header names the outlet and the date, not the PDF's metadata */
  epaper = report_of (archive, importer, "湖北日报第3版.pdf");
  g_assert_cmpstr (bd_report_get_outlet (epaper), ==, "湖北日报");
  g_assert_cmpint (bd_report_get_level (epaper), ==, BD_LEVEL_PROVINCIAL);
  g_assert_cmpstr (bd_report_get_date (epaper), ==, "2023-05-12");
  g_assert_cmpstr (bd_report_get_media_type (epaper), ==, "application/pdf");
  g_assert_cmpuint (bd_report_get_n_pages (epaper), ==, 2);
  g_assert_nonnull (strstr (bd_report_get_text (epaper), "乡村振兴"));
  assert_original_intact (archive, epaper, epaper_path);

  /* an outlet nobody registered keeps its name and no level */
  unknown = report_of (archive, importer, "page.html");
  g_assert_cmpstr (bd_report_get_outlet (unknown), ==, "某某生活网");
  g_assert_cmpint (bd_report_get_level (unknown), ==, BD_LEVEL_UNSET);

  bd_test_assert_verified (archive);
}

static void
test_import_duplicates (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) first = NULL;
  g_autoptr(BdImporter) again = NULL;
  g_autoptr(BdImporter) copy = NULL;
  g_autofree char *path = write_html (fixture->dir, "a.html", "竹溪新闻", "十堰日报",
                                      "2023-07-02 10:00", NULL, NULL);
  g_autofree char *copy_dir = g_build_filename (fixture->dir, "copies", NULL);
  g_autofree char *copy_path = g_build_filename (copy_dir, "same bytes, other name.htm", NULL);
  g_autofree char *data_bytes = NULL;
  gsize length;
  const char *twice[] = { path, path, NULL };
  gint64 id;

  first = run_import (archive, path);
  g_assert_cmpuint (bd_importer_count (first, BD_IMPORT_IMPORTED), ==, 1);
  id = find_item (first, "a.html")->report_id;

  again = run_import (archive, path);
  g_assert_cmpuint (bd_importer_count (again, BD_IMPORT_DUPLICATE), ==, 1);
  g_assert_cmpint (find_item (again, "a.html")->report_id, ==, id);

  g_assert_cmpint (g_mkdir (copy_dir, 0755), ==, 0);
  g_assert_true (g_file_get_contents (path, &data_bytes, &length, NULL));
  write_bytes (copy_path, data_bytes, length);
  copy = bd_importer_new (archive);
  g_assert_true (bd_importer_run (copy, twice, NULL, NULL));
  g_assert_cmpuint (bd_importer_count (copy, BD_IMPORT_DUPLICATE), ==, 2);
  g_clear_object (&copy);

  copy = run_import (archive, copy_path);
  g_assert_cmpint (find_item (copy, "other name.htm")->status, ==, BD_IMPORT_DUPLICATE);
  g_assert_cmpint (find_item (copy, "other name.htm")->report_id, ==, id);

  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 1);
  bd_test_assert_verified (archive);
}

static void
test_import_same_file_twice_at_once (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autofree char *path = write_html (fixture->dir, "a.html", "竹溪新闻", "十堰日报",
                                      "2023-07-02 10:00", NULL, NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "b.html", NULL);
  g_autofree char *bytes = NULL;
  const char *paths[] = { path, other, NULL };
  gsize length;

  /* both are read before either is written: the second is caught at its commit */
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  write_bytes (other, bytes, length);

  g_assert_true (bd_importer_run (importer, paths, NULL, NULL));
  g_assert_cmpint (find_item (importer, "a.html")->status, ==, BD_IMPORT_IMPORTED);
  g_assert_cmpint (find_item (importer, "b.html")->status, ==, BD_IMPORT_DUPLICATE);
  g_assert_cmpint (find_item (importer, "b.html")->report_id, ==,
                   find_item (importer, "a.html")->report_id);
  bd_test_assert_verified (archive);
}

/* Copies of one file, read and stored in the same batch, make one report and one stored file. */
static void
test_import_same_bytes_in_a_batch (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = NULL;
  g_autofree char *path = write_html (fixture->dir, "a.html", "竹溪新闻", "十堰日报",
                                      "2023-07-02 10:00", NULL, NULL);
  g_autofree char *other = write_html (fixture->dir, "c.html", "竹山新闻", "十堰日报",
                                       "2023-07-03 10:00", NULL, NULL);
  g_autofree char *originals = g_build_filename (fixture->archive, "originals", NULL);
  g_autofree char *tmp = g_build_filename (fixture->archive, "tmp", NULL);
  g_autofree char *bytes = NULL;
  const char *copies[] = { "b.html", "d.html" };
  gint64 id;
  gsize length;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_autofree char *copy = g_build_filename (fixture->dir, copies[i], NULL);

      write_bytes (copy, bytes, length);
    }

  importer = run_import (archive, fixture->dir);
  g_assert_cmpint (find_item (importer, "a.html")->status, ==, BD_IMPORT_IMPORTED);
  g_assert_cmpint (find_item (importer, "c.html")->status, ==, BD_IMPORT_IMPORTED);
  id = find_item (importer, "a.html")->report_id;
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_assert_cmpint (find_item (importer, copies[i])->status, ==, BD_IMPORT_DUPLICATE);
      g_assert_cmpint (find_item (importer, copies[i])->report_id, ==, id);
    }

  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 2);
  g_assert_cmpuint (bd_test_count_files (originals), ==, 2);
  g_assert_cmpuint (bd_test_count_files (tmp), ==, 0);
  bd_test_assert_verified (archive);
}

static void
test_import_level_and_tags (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autoptr(BdReport) report = NULL;
  g_autofree char *path = write_html (fixture->dir, "a.html", "竹溪新闻", "人民网",
                                      "2023-07-02 10:00", NULL, NULL);
  const char *paths[] = { path, NULL };
  const char * const *tags;

  bd_importer_set_level (importer, BD_LEVEL_MUNICIPAL);
  bd_importer_add_tag (importer, "  乡村振兴 ");
  bd_importer_add_tag (importer, "第三季度");
  g_assert_true (bd_importer_run (importer, paths, NULL, NULL));

  report = report_of (archive, importer, "a.html");
  g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_MUNICIPAL);
  tags = bd_report_get_tags (report);
  g_assert_cmpuint (g_strv_length ((char **)tags), ==, 2);
  g_assert_true (g_strv_contains (tags, "乡村振兴"));
  g_assert_true (g_strv_contains (tags, "第三季度"));
}

static void
test_import_bad_tag (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_html (fixture->dir, "a.html", "竹溪新闻", "人民网",
                                      "2023-07-02 10:00", NULL, NULL);
  const char *paths[] = { path, NULL };

  bd_importer_add_tag (importer, "   ");
  g_assert_false (bd_importer_run (importer, paths, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 0);
}

static void
test_import_too_large (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autofree char *small = write_html (fixture->dir, "a.html", "短", "人民网", NULL, NULL, NULL);
  g_autofree char *large = write_epaper (fixture->dir, "b.pdf", NULL, "长");
  const char *paths[] = { fixture->dir, NULL };
  BdImportItem *item;
  GStatBuf st;

  g_assert_cmpint (g_stat (large, &st), ==, 0);
  bd_importer_set_max_file_size (importer, st.st_size - 1);
  g_assert_true (bd_importer_run (importer, paths, NULL, NULL));

  item = find_item (importer, "b.pdf");
  g_assert_cmpint (item->status, ==, BD_IMPORT_FAILED);
  g_assert_error (item->error, BD_ERROR, BD_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (item->error->message, "b.pdf"));
  g_assert_cmpint (find_item (importer, "a.html")->status, ==, BD_IMPORT_IMPORTED);
}

static void
test_import_unreadable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autofree char *missing = g_build_filename (fixture->dir, "nowhere.pdf", NULL);
  g_autofree char *loop = g_build_filename (fixture->dir, "loop", NULL);
  g_autofree char *good = write_html (fixture->dir, "a.html", "竹溪", "人民网", NULL, NULL, NULL);
  const char *paths[] = { missing, fixture->dir, NULL };
  BdImportItem *item;

  /* a folder linking back to itself is walked once */
  g_assert_cmpint (symlink (".", loop), ==, 0);

  g_assert_true (bd_importer_run (importer, paths, NULL, NULL));
  item = find_item (importer, "nowhere.pdf");
  g_assert_cmpint (item->status, ==, BD_IMPORT_FAILED);
  g_assert_error (item->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (item->error->message, "nowhere.pdf"));
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (bd_importer_get_items (importer)->len, ==, 2);
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint         last_done;
  guint         total;
  guint         cancel_after;
} Progress;

static void
on_progress (BdImporter *importer,
             guint       done,
             guint       total,
             const char *path,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, ==, progress->last_done + 1);
  g_assert_nonnull (path);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;

  if (progress->cancel_after > 0 && done == progress->cancel_after)
    g_cancellable_cancel (progress->cancellable);
}

static void
write_many (const char *dir,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("report-%03u.html", i);
      g_autofree char *title = g_strdup_printf ("第%u篇报道：竹溪县新闻", i);

      g_free (write_html (dir, name, title, "十堰日报", "2023-07-02 10:00", NULL, NULL));
    }
}

static void
test_import_progress_and_cancel (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autoptr(BdImporter) rest = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { fixture->dir, NULL };
  g_autofree char *originals = g_build_filename (fixture->archive, "originals", NULL);
  g_autofree char *tmp = g_build_filename (fixture->archive, "tmp", NULL);
  Progress progress = { cancellable, 0, 0, 0, 5 };

  write_many (fixture->dir, 30);

  g_signal_connect (importer, "progress", G_CALLBACK (on_progress), &progress);
  g_assert_false (bd_importer_run (importer, paths, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 5);
  g_assert_cmpuint (progress.total, ==, 30);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, 5);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 5);
  /* the originals stored for the rest of the batch are gone with it */
  g_assert_cmpuint (bd_test_count_files (originals), ==, 5);
  g_assert_cmpuint (bd_test_count_files (tmp), ==, 0);
  bd_test_assert_verified (archive);

  /* importing the folder again finishes the job */
  rest = run_import (archive, fixture->dir);
  g_assert_cmpuint (bd_importer_count (rest, BD_IMPORT_DUPLICATE), ==, 5);
  g_assert_cmpuint (bd_importer_count (rest, BD_IMPORT_IMPORTED), ==, 25);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 30);
  bd_test_assert_verified (archive);
}

typedef struct
{
  BdArchive *archive;
  char      *originals;
  guint      calls;
  guint      stored_at_first;
} Announced;

static void
on_batch_progress (BdImporter *importer,
                   guint       done,
                   guint       total,
                   const char *path,
                   gpointer    user_data)
{
  Announced *announced = user_data;
  GPtrArray *items = bd_importer_get_items (importer);
  BdImportItem *item = g_ptr_array_index (items, items->len - 1);
  g_autoptr(BdReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* what is announced is in the archive already, with its original */
  g_assert_cmpstr (item->path, ==, path);
  g_assert_cmpint (item->status, ==, BD_IMPORT_IMPORTED);
  report = bd_archive_get_report (announced->archive, item->report_id, FALSE, &error);
  g_assert_no_error (error);
  assert_original_intact (announced->archive, report, path);

  if (announced->calls++ == 0)
    announced->stored_at_first = bd_test_count_files (announced->originals);
}

/* Originals are made durable a batch at a time, yet progress does not wait for the end. */
static void
test_import_batches (Fixture       *fixture,
                     gconstpointer  data)
{
  const guint n_files = 150;
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autofree char *originals = g_build_filename (fixture->archive, "originals", NULL);
  g_autoptr(GError) error = NULL;
  const char *paths[] = { fixture->dir, NULL };
  Announced announced = { archive, originals, 0, 0 };

  write_many (fixture->dir, n_files);

  g_signal_connect (importer, "progress", G_CALLBACK (on_batch_progress), &announced);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (announced.calls, ==, n_files);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, n_files);
  /* the first reports were announced before the last ones were even stored */
  g_assert_cmpuint (announced.stored_at_first, >=, 1);
  g_assert_cmpuint (announced.stored_at_first, <, n_files);
  bd_test_assert_verified (archive);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GThread   *main_thread;
  guint      progress_calls;
} AsyncState;

static void
on_async_progress (BdImporter *importer,
                   guint       done,
                   guint       total,
                   const char *path,
                   gpointer    user_data)
{
  AsyncState *state = user_data;

  /* a window may update its widgets right here */
  g_assert_true (g_thread_self () == state->main_thread);
  state->progress_calls++;
}

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->ok = bd_importer_run_finish (BD_IMPORTER (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
test_import_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdImporter) importer = bd_importer_new (archive);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *paths[] = { fixture->dir, NULL };
  AsyncState state = { loop, FALSE, g_thread_self (), 0 };

  write_many (fixture->dir, 12);

  g_signal_connect (importer, "progress", G_CALLBACK (on_async_progress), &state);
  bd_importer_run_async (importer, paths, NULL, on_async_done, &state);
  g_main_loop_run (loop);

  /* progress queued before the end is delivered before or right after it */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (state.ok);
  g_assert_cmpuint (state.progress_calls, ==, 12);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, 12);
}

static void
test_import_busy (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdArchive) other = open_archive (fixture);
  g_autoptr(BdImporter) importer = bd_importer_new (other);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_html (fixture->dir, "a.html", "竹溪", "人民网", NULL, NULL, NULL);
  const char *paths[] = { path, NULL };

  /* another window or process is importing into the same archive */
  g_assert_true (_bd_archive_begin_import (archive, NULL));

  g_assert_false (bd_importer_run (importer, paths, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_BUSY);
  g_assert_cmpuint (bd_archive_count_reports (other), ==, 0);

  _bd_archive_end_import (archive);
  g_clear_error (&error);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_archive_count_reports (other), ==, 1);
}

/* An archive opened while another process imports into it still ranks what it finds: opening
 * it cannot take the import lock, and that once left it with no rank window, so every search
 * listed its matches by date alone. */
static void
test_import_busy_search (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(BdArchive) archive = open_archive (fixture);
  g_autoptr(BdArchive) other = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(BdQuery) query = bd_query_parse ("竹溪", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_html (fixture->dir, "a.html", "竹溪", "人民网", NULL, NULL, NULL);

  importer = run_import (archive, path);
  g_assert_true (_bd_archive_begin_import (archive, NULL));

  other = open_archive (fixture);
  found = bd_archive_search (other, query, 0, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpfloat (bd_search_result_get_score (g_ptr_array_index (found, 0)), >, 0);

  _bd_archive_end_import (archive);
}

/* The child of the crash test: imports a folder and announces each report on stdout as soon as
 * it is committed, until it is killed. */
static void
announce_committed (BdImporter *importer,
                    guint       done,
                    guint       total,
                    const char *path,
                    gpointer    user_data)
{
  GPtrArray *items = bd_importer_get_items (importer);
  BdImportItem *item = g_ptr_array_index (items, items->len - 1);

  if (item->status == BD_IMPORT_IMPORTED)
    {
      printf ("%" G_GINT64_FORMAT " %s\n", item->report_id, item->path);
      fflush (stdout);
    }
}

static int
run_import_child (const char *archive_path,
                  const char *dir)
{
  g_autoptr(BdArchive) archive = bd_archive_open (archive_path, NULL);
  g_autoptr(BdImporter) importer = NULL;
  const char *paths[] = { dir, NULL };

  if (archive == NULL)
    return 3;

  importer = bd_importer_new (archive);
  g_signal_connect (importer, "progress", G_CALLBACK (announce_committed), NULL);

  return bd_importer_run (importer, paths, NULL, NULL) ? 0 : 1;
}

static void
test_import_killed (Fixture       *fixture,
                    gconstpointer  data)
{
  const guint n_files = 120;
  g_autofree char *last_archive = NULL;

  write_many (fixture->dir, n_files - 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("epaper-%u.pdf", i);
      g_autofree char *header = g_strdup_printf ("湖北日报 2023年5月%u日 第%u版", 10 + i, i + 1);

      g_free (write_epaper (fixture->dir, name, header, "竹溪县新闻"));
    }

  /* kill an importer at a different moment each round, then check what it left: in the first
   * rounds at once, in the others while it announces what it has committed */
  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDataInputStream) announced = NULL;
      g_autoptr(BdArchive) archive = NULL;
      g_autofree char *first = NULL;
      char *line;
      guint delay_ms = g_test_rand_int_range (5, 150);
      guint n_announced = 0;

      g_free (last_archive);
      last_archive = g_strdup_printf ("%s-%u", fixture->archive, round);

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self_path, "--import-child", last_archive, fixture->dir, NULL);
      g_assert_no_error (error);
      announced = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

      if (round >= 2)
        {
          first = g_data_input_stream_read_line (announced, NULL, NULL, &error);
          g_assert_no_error (error);
        }
      g_usleep (delay_ms * 1000);
      g_subprocess_force_exit (child);
      g_assert_true (g_subprocess_wait (child, NULL, &error));
      g_assert_no_error (error);

      archive = bd_archive_open (last_archive, &error);
      g_assert_no_error (error);
      bd_test_assert_verified (archive);

      while ((line = first != NULL ? g_steal_pointer (&first)
                                   : g_data_input_stream_read_line (announced, NULL, NULL, &error)))
        {
          g_autoptr(BdReport) report = NULL;
          gint64 id = g_ascii_strtoll (line, NULL, 10);
          const char *path = strchr (line, ' ') + 1;

          /* every report announced survived the kill, with its original */
          report = bd_archive_get_report (archive, id, FALSE, &error);
          g_assert_no_error (error);
          assert_original_intact (archive, report, path);
          n_announced++;
          g_free (line);
        }
      g_assert_no_error (error);

      bd_test_assert_verified (archive);
      g_assert_cmpuint (bd_archive_count_reports (archive), >=, n_announced);
      g_test_message ("round %u: killed after %u ms, %u reports announced, %u in the archive",
                      round, delay_ms, n_announced, bd_archive_count_reports (archive));
    }

  /* importing the folder again completes the rest */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BdArchive) archive = bd_archive_open (last_archive, &error);
    g_autoptr(BdImporter) rest = NULL;

    g_assert_no_error (error);
    rest = run_import (archive, fixture->dir);
    g_assert_cmpuint (bd_importer_count (rest, BD_IMPORT_FAILED), ==, 0);
    g_assert_cmpuint (bd_archive_count_reports (archive), ==, n_files);
    bd_test_assert_verified (archive);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--import-child"))
    return run_import_child (argv[2], argv[3]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/import/folder", test_import_folder);
  ADD ("/core/import/duplicates", test_import_duplicates);
  ADD ("/core/import/same-bytes-at-once", test_import_same_file_twice_at_once);
  ADD ("/core/import/same-bytes-in-a-batch", test_import_same_bytes_in_a_batch);
  ADD ("/core/import/level-and-tags", test_import_level_and_tags);
  ADD ("/core/import/bad-tag", test_import_bad_tag);
  ADD ("/core/import/too-large", test_import_too_large);
  ADD ("/core/import/unreadable", test_import_unreadable);
  ADD ("/core/import/progress-and-cancel", test_import_progress_and_cancel);
  ADD ("/core/import/batches", test_import_batches);
  ADD ("/core/import/async", test_import_async);
  ADD ("/core/import/busy", test_import_busy);
  ADD ("/core/import/busy-search", test_import_busy_search);
  ADD ("/core/import/killed", test_import_killed);

#undef ADD

  return g_test_run ();
}
