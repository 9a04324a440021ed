/* bd-files.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bd-files-private.h"

/**
 * _bd_remove_tree:
 * @path: a folder, or a file
 *
 * Removes @path and everything below it, as far as it can; a link is removed, never followed.
 * What cannot be removed is left: this cleans up after work that failed, and has nothing
 * better to do with an error.
 */
void
_bd_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        _bd_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}
