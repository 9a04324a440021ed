/* bd-test-fixtures.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bd-test-fixtures.h"

/**
 * bd_test_make_tmp_dir:
 *
 * Returns: (transfer full): a new empty directory; remove it with bd_test_remove_tree()
 */
char *
bd_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("baodao-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
bd_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        bd_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}
