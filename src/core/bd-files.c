/* bd-files.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* syncfs() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

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

/**
 * _bd_fsync_directory:
 * @path: a folder
 *
 * Flushes @path's entries to the disk, so that a file created or renamed in it is found there
 * after a power cut.
 *
 * Returns: %TRUE on success
 */
gboolean
_bd_fsync_directory (const char  *path,
                     GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }

  saved_errno = errno;
  if (fd >= 0)
    close (fd);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot save the folder %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * _bd_syncfs_is_durable:
 * @fd: a descriptor of a file or folder on the file system in question
 *
 * syncfs() writes back and waits for the whole file system. The disk file systems named here
 * make everything durable with it; on others, FUSE ones above all, it may not reach the disk,
 * and each file and folder has to be flushed instead.
 *
 * Returns: whether one syncfs() on @fd makes every file written on its file system durable
 */
gboolean
_bd_syncfs_is_durable (int fd)
{
  struct statfs st;

  if (fstatfs (fd, &st) != 0)
    return FALSE;

  return (st.f_type == EXT4_SUPER_MAGIC || st.f_type == XFS_SUPER_MAGIC ||
          st.f_type == BTRFS_SUPER_MAGIC || st.f_type == F2FS_SUPER_MAGIC);
}

static gboolean
sync_tree_entries (const char  *path,
                   GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int saved_errno;

  if (!(dir = g_dir_open (path, 0, error)))
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      int fd;

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!sync_tree_entries (child, error))
            return FALSE;
          continue;
        }

      fd = open (child, O_RDONLY | O_CLOEXEC);
      if (fd < 0 || fsync (fd) != 0)
        {
          saved_errno = errno;
          if (fd >= 0)
            close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot save %s: %s"), child, g_strerror (saved_errno));
          return FALSE;
        }
      close (fd);
    }

  return _bd_fsync_directory (path, error);
}

/**
 * _bd_sync_tree:
 * @path: a folder
 *
 * Makes every file below @path durable, with the folders naming them: at once with syncfs()
 * where that is enough, file by file elsewhere.
 *
 * Returns: %TRUE on success
 */
gboolean
_bd_sync_tree (const char  *path,
               GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd >= 0 && _bd_syncfs_is_durable (fd))
    {
      if (syncfs (fd) == 0)
        {
          close (fd);
          return TRUE;
        }
    }
  else if (fd >= 0)
    {
      close (fd);
      return sync_tree_entries (path, error);
    }

  saved_errno = errno;
  if (fd >= 0)
    close (fd);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot save %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}
