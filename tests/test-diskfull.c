/* test-diskfull.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bd-archive.h"
#include "bd-error.h"
#include "bd-exporter.h"
#include "bd-importer.h"
#include "bd-report.h"
#include "bd-test-fixtures.h"

#define PARAGRAPH "近日，竹溪县委宣传部组织开展基层党建工作观摩活动，全县各乡镇党委书记参加。"

/* The archive lives on a small tmpfs of its own, so the disk it fills is a real one. */
typedef struct
{
  char     *tmp;
  char     *dir;      /* files to import, on the ordinary disk */
  char     *fs;       /* the small file system */
  char     *archive;
  gboolean  mounted;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp = bd_test_make_tmp_dir ();
  fixture->dir = g_build_filename (fixture->tmp, "reports", NULL);
  fixture->fs = g_build_filename (fixture->tmp, "fs", NULL);
  fixture->archive = g_build_filename (fixture->fs, "archive", NULL);
  g_assert_cmpint (g_mkdir (fixture->dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->fs, 0755), ==, 0);

  fixture->mounted = mount ("tmpfs", fixture->fs, "tmpfs", MS_NOSUID | MS_NODEV, "size=4m") == 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->mounted)
    g_assert_cmpint (umount2 (fixture->fs, MNT_DETACH), ==, 0);
  _bd_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->dir);
  g_free (fixture->fs);
  g_free (fixture->archive);
}

static gboolean
skip_unless_mounted (Fixture *fixture)
{
  if (!fixture->mounted)
    g_test_skip ("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)");
  return fixture->mounted;
}

static void
grow_fs (Fixture *fixture)
{
  g_assert_cmpint (mount ("tmpfs", fixture->fs, "tmpfs", MS_REMOUNT | MS_NOSUID | MS_NODEV,
                          "size=64m"), ==, 0);
}

static void
write_html (const char *path,
            guint       n,
            gsize       body_chars)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (n);
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (html, "<html><head><meta charset=\"utf-8\"><title>竹溪县第%u篇报道</title>"
                          "</head><body><p>%s</p><p>", n, PARAGRAPH);
  /* Chinese characters at random: text that neither compresses nor repeats in the index */
  for (gsize i = 0; i < body_chars; i++)
    g_string_append_unichar (html, g_rand_int_range (rand, 0x4e00, 0x9fa5));
  g_string_append (html, "</p></body></html>");

  g_assert_true (g_file_set_contents (path, html->str, html->len, &error));
  g_assert_no_error (error);
}

static BdArchive *
open_archive (Fixture *fixture)
{
  return bd_test_open_archive (fixture->archive);
}

/* Nothing half written: no temporary files, and exactly one stored original per report. */
static void
assert_nothing_partial (Fixture   *fixture,
                        BdArchive *archive)
{
  g_autofree char *tmp = g_build_filename (fixture->archive, "tmp", NULL);
  g_autofree char *originals = g_build_filename (fixture->archive, "originals", NULL);

  g_assert_cmpuint (bd_test_count_files (tmp), ==, 0);
  g_assert_cmpuint (bd_test_count_files (originals), ==, bd_archive_count_reports (archive));
  bd_test_assert_verified (archive);
}

static void
assert_clear_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == BD_ERROR || error->domain == G_IO_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%s", error->message);
}

static void
test_diskfull_import (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { fixture->dir, NULL };
  guint before;

  if (!skip_unless_mounted (fixture))
    return;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("a-%u.html", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      write_html (path, i, 200);
    }

  archive = open_archive (fixture);
  importer = bd_importer_new (archive);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, 3);
  before = bd_archive_count_reports (archive);

  /* a page whose original, text and index cannot all fit in what is left */
  {
    g_autofree char *big = g_build_filename (fixture->dir, "b-big.html", NULL);

    write_html (big, 100, 1200 * 1000);
  }

  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < bd_importer_get_items (importer)->len; i++)
    {
      BdImportItem *item = g_ptr_array_index (bd_importer_get_items (importer), i);

      if (g_str_has_suffix (item->path, "b-big.html"))
        {
          g_assert_cmpint (item->status, ==, BD_IMPORT_FAILED);
          assert_clear_error (item->error);
        }
      else
        g_assert_cmpint (item->status, ==, BD_IMPORT_DUPLICATE);
    }
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, before);
  assert_nothing_partial (fixture, archive);

  /* space is back: the same import finishes the job */
  grow_fs (fixture);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, before + 1);
  assert_nothing_partial (fixture, archive);
}

/* The disk fills up in the middle of a batch: the report that does not fit fails on its own,
 * and those before and after it are imported. */
static void
test_diskfull_mid_batch (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { fixture->dir, NULL };
  const char *names[] = { "a.html", "b-big.html", "c.html" };

  if (!skip_unless_mounted (fixture))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);

      /* the big one is larger than the whole disk */
      write_html (path, i, i == 1 ? 1500 * 1000 : 200);
    }

  archive = open_archive (fixture);
  importer = bd_importer_new (archive);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_importer_get_items (importer)->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      BdImportItem *item = g_ptr_array_index (bd_importer_get_items (importer), i);

      g_assert_true (g_str_has_suffix (item->path, names[i]));
      if (i == 1)
        {
          g_assert_cmpint (item->status, ==, BD_IMPORT_FAILED);
          assert_clear_error (item->error);
        }
      else
        g_assert_cmpint (item->status, ==, BD_IMPORT_IMPORTED);
    }
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 2);
  assert_nothing_partial (fixture, archive);
}

/* Writes a file until the disk is full. */
static void
fill_disk (const char *path)
{
  static char block[64 * 1024];
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  memset (block, 'x', sizeof block);
  while (write (fd, block, sizeof block) > 0)
    ;
  /* the last few bytes too */
  while (write (fd, block, 1) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

static void
test_diskfull_edits_and_export (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(BdExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = g_build_filename (fixture->fs, "filler", NULL);
  g_autofree char *bundle = g_build_filename (fixture->fs, "out.zip", NULL);
  const char *paths[] = { fixture->dir, NULL };
  const char *tags[] = { "满盘测试", NULL };
  BdReportChanges changes = { .title = "改过的标题", .add_tags = tags };
  gint64 ids[3];
  gboolean edited;

  if (!skip_unless_mounted (fixture))
    return;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("a-%u.html", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      write_html (path, i, 20 * 1000);
    }
  archive = open_archive (fixture);
  importer = bd_importer_new (archive);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    ids[i] = ((BdImportItem *)g_ptr_array_index (bd_importer_get_items (importer), i))->report_id;

  fill_disk (filler);

  /* an edit either happens to every report or to none, and says why when it cannot */
  edited = bd_archive_update_reports (archive, ids, 3, &changes, &error);
  if (!edited)
    assert_clear_error (error);
  g_clear_error (&error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BdReport) report = bd_archive_get_report (archive, ids[i], FALSE, &error);

      g_assert_no_error (error);
      if (edited)
        g_assert_cmpstr (bd_report_get_title (report), ==, "改过的标题");
      else
        g_assert_cmpstr (bd_report_get_title (report), !=, "改过的标题");
    }

  /* an export that cannot be written leaves no half bundle behind */
  exporter = bd_exporter_new (archive);
  bd_exporter_set_ids (exporter, ids, 3);
  bd_exporter_set_format (exporter, BD_BUNDLE_ZIP);
  g_assert_false (bd_exporter_run (exporter, bundle, NULL, &error));
  assert_clear_error (error);
  g_clear_error (&error);
  g_assert_cmpuint (bd_test_count_files (fixture->fs) - bd_test_count_files (fixture->archive), ==, 1);
  g_assert_false (g_file_test (bundle, G_FILE_TEST_EXISTS));

  /* with space back, everything works again */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  assert_nothing_partial (fixture, archive);
  g_assert_true (bd_archive_update_reports (archive, ids, 3, &changes, &error));
  g_assert_no_error (error);
  g_assert_true (bd_exporter_run (exporter, bundle, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (bundle, G_FILE_TEST_IS_REGULAR));
  assert_nothing_partial (fixture, archive);
}

/* Imports three pages of @body_chars characters; @ids receives their reports. */
static BdArchive *
import_three (Fixture *fixture,
              gsize    body_chars,
              gint64  *ids)
{
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { fixture->dir, NULL };
  BdArchive *archive;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("a-%u.html", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      write_html (path, i, body_chars);
    }

  archive = open_archive (fixture);
  importer = bd_importer_new (archive);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, 3);
  for (guint i = 0; i < 3; i++)
    ids[i] = ((BdImportItem *)g_ptr_array_index (bd_importer_get_items (importer), i))->report_id;

  return archive;
}

/* An edit that needs more room than there is fails as a whole, and says so; a deletion, which
 * frees room, goes through whole or not at all. */
static void
test_diskfull_edits (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autofree char *filler = g_build_filename (fixture->fs, "filler", NULL);
  g_autofree char *gone = NULL;
  const char *add[] = { "满盘测试", NULL };
  const char *remove[] = { "原有", NULL };
  const char *had[] = { "原有", NULL };
  BdReportChanges tag = { .add_tags = had };
  BdReportChanges changes = {
    .set_level = TRUE,
    .level = BD_LEVEL_PROVINCIAL,
    .add_tags = add,
    .remove_tags = remove,
  };
  gint64 ids[3];
  gboolean deleted;

  if (!skip_unless_mounted (fixture))
    return;

  archive = import_three (fixture, 20 * 1000, ids);
  g_assert_true (bd_archive_update_reports (archive, ids, 3, &tag, &error));
  g_assert_no_error (error);

  /* a title the search index must take in too: far more than the write-ahead log has room for */
  for (guint i = 0; i < 100 * 1000; i++)
    g_string_append (long_title, "竹溪");
  changes.title = long_title->str;

  fill_disk (filler);

  g_assert_false (bd_archive_update_reports (archive, ids, 3, &changes, &error));
  assert_clear_error (error);
  g_clear_error (&error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BdReport) report = bd_archive_get_report (archive, ids[i], FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (bd_report_get_title (report), !=, long_title->str);
      g_assert_cmpint (bd_report_get_level (report), !=, BD_LEVEL_PROVINCIAL);
      g_assert_true (g_strv_contains (bd_report_get_tags (report), "原有"));
      g_assert_false (g_strv_contains (bd_report_get_tags (report), "满盘测试"));
    }

  {
    g_autoptr(BdReport) report = bd_archive_get_report (archive, ids[2], FALSE, &error);

    g_assert_no_error (error);
    gone = bd_archive_get_original_path (archive, report);
  }
  deleted = bd_archive_delete_reports (archive, &ids[2], 1, &error);
  if (!deleted)
    assert_clear_error (error);
  g_clear_error (&error);
  g_test_message ("deleting a report on a full disk %s", deleted ? "worked" : "failed");
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, deleted ? 2 : 3);

  /* with space back, the same edit and deletion go through and nothing is left over */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_clear_object (&archive);
  archive = open_archive (fixture);
  assert_nothing_partial (fixture, archive);
  g_assert_false (deleted && g_file_test (gone, G_FILE_TEST_EXISTS));

  if (!deleted)
    {
      g_assert_true (bd_archive_delete_reports (archive, &ids[2], 1, &error));
      g_assert_no_error (error);
      g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
    }
  grow_fs (fixture);
  g_assert_true (bd_archive_update_reports (archive, ids, 2, &changes, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BdReport) report = bd_archive_get_report (archive, ids[i], FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (bd_report_get_title (report), ==, long_title->str);
      g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_PROVINCIAL);
      g_assert_false (g_strv_contains (bd_report_get_tags (report), "原有"));
      g_assert_true (g_strv_contains (bd_report_get_tags (report), "满盘测试"));
    }
  assert_nothing_partial (fixture, archive);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/diskfull/import", Fixture, NULL,
              fixture_set_up, test_diskfull_import, fixture_tear_down);
  g_test_add ("/core/diskfull/mid-batch", Fixture, NULL,
              fixture_set_up, test_diskfull_mid_batch, fixture_tear_down);
  g_test_add ("/core/diskfull/edits", Fixture, NULL,
              fixture_set_up, test_diskfull_edits, fixture_tear_down);
  g_test_add ("/core/diskfull/edits-and-export", Fixture, NULL,
              fixture_set_up, test_diskfull_edits_and_export, fixture_tear_down);

  return g_test_run ();
}
