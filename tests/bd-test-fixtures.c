/* bd-test-fixtures.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bd-archive.h"
#include "bd-report.h"
#include "bd-test-fixtures.h"

/**
 * bd_test_make_tmp_dir:
 *
 * Returns: (transfer full): a new empty directory; remove it with _bd_remove_tree()
 */
char *
bd_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("baodao-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

BdArchive *
bd_test_open_archive (const char *path)
{
  g_autoptr(GError) error = NULL;
  BdArchive *archive = bd_archive_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (archive);

  return archive;
}

/* verify's every check passes: PRAGMA integrity_check, the search index, every original against
 * its SHA-256, and no stored file without its report. */
void
bd_test_assert_verified (BdArchive *archive)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_archive_verify (archive, NULL, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Every report's id, bytes and fields, one a line in id order: to tell whether anything
 * changed. */
char *
bd_test_describe_reports (BdArchive *archive)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  reports = bd_archive_list_reports (archive, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT " %s %s|%s|%d|%s\n",
                              bd_report_get_id (report), bd_report_get_sha256 (report),
                              bd_report_get_title (report), bd_report_get_outlet (report),
                              bd_report_get_level (report), bd_report_get_date (report));
    }

  return g_string_free (text, FALSE);
}

/* The files below @path, in every subfolder. */
guint
bd_test_count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? bd_test_count_files (child) : 1;
    }

  return n;
}

/* Nothing that failed or was cancelled left its partial file or folder in @dir. */
void
bd_test_assert_nothing_partial (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)))
    {
      if (strstr (name, "partial") != NULL)
        g_error ("%s/%s was left behind", dir, name);
    }
}
