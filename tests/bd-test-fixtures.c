/* bd-test-fixtures.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bd-archive.h"
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
