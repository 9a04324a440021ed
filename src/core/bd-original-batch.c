/* bd-original-batch.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-archive"

/* sync_file_range() and syncfs() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bd-archive-private.h"
#include "bd-files-private.h"
#include "bd-original-batch-private.h"

/* An import writes the originals of several reports, then makes them durable all at once: the
 * file system commits its journal and the disk flushes its cache once for the batch, not twice
 * for every file. No row may point at an original before then, and those no row came to point
 * at are removed with the batch. Until its row commits, an original's bytes stay at hand: a
 * pending deletion of the same bytes may remove the file meanwhile, and it is stored again. */
struct _BdOriginalBatch
{
  BdArchive  *archive;
  GHashTable *originals;  /* sha256 → Original */
  GHashTable *folders;    /* folders whose entries changed */
  guint64     size;
  guint       n_created;
  int         fs_fd;      /* the archive's folder, open from before the batch writes anything */
  gboolean    whole_fs;   /* one syncfs() makes the batch durable */
  gboolean    durable;
};

typedef struct
{
  char     *path;
  GBytes   *bytes;    /* until a committed row points at it */
  int       fd;       /* open until the batch is made durable */
  gboolean  created;  /* written by this batch, not found in place */
  gboolean  kept;     /* a committed row points at it */
} Original;

static void
original_free (Original *original)
{
  if (original->fd >= 0)
    close (original->fd);
  if (original->created && !original->kept)
    g_unlink (original->path);
  g_clear_pointer (&original->bytes, g_bytes_unref);
  g_free (original->path);
  g_free (original);
}

BdOriginalBatch *
_bd_original_batch_new (BdArchive *archive)
{
  BdOriginalBatch *batch = g_new0 (BdOriginalBatch, 1);

  batch->archive = g_object_ref (archive);
  batch->fs_fd = -1;
  batch->originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)original_free);
  batch->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* opened now, syncfs() reports the write-back errors of everything this batch writes */
  batch->fs_fd = open (bd_archive_get_path (archive), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  batch->whole_fs = batch->fs_fd >= 0 && _bd_syncfs_is_durable (batch->fs_fd);

  return batch;
}

/* Removes every original the batch wrote that no committed row points at. */
void
_bd_original_batch_free (BdOriginalBatch *batch)
{
  g_hash_table_unref (batch->originals);
  g_hash_table_unref (batch->folders);
  if (batch->fs_fd >= 0)
    close (batch->fs_fd);
  g_object_unref (batch->archive);
  g_free (batch);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         size)
{
  gsize written = 0;

  while (written < size)
    {
      gssize n = write (fd, data + written, size - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      written += n;
    }

  return TRUE;
}

static gboolean
store_error (BdOriginalBatch  *batch,
             int               saved_errno,
             GError          **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot store the original in %s: %s"),
               bd_archive_get_path (batch->archive), g_strerror (saved_errno));
  return FALSE;
}

/* Creates @final_dir when missing; @parent_changed receives whether the folder above it
 * gained an entry. */
static gboolean
make_folder (const char  *final_dir,
             gboolean    *parent_changed,
             GError     **error)
{
  *parent_changed = FALSE;
  if (g_file_test (final_dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_mkdir_with_parents (final_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), final_dir, g_strerror (saved_errno));
      return FALSE;
    }

  *parent_changed = TRUE;
  return TRUE;
}

/* Writes @bytes to a temporary file and renames it into place, so a stored original is whole
 * or absent. Returns: the file, still open, or -1 with @error set */
static int
write_original (BdOriginalBatch  *batch,
                const char       *final_path,
                GBytes           *bytes,
                GError          **error)
{
  g_autofree char *tmp_path = NULL;
  const guint8 *data;
  gsize size;
  int saved_errno;
  int fd;

  tmp_path = g_build_filename (_bd_archive_get_tmp_dir (batch->archive), "original-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0444);
  if (fd < 0)
    goto failed;

  data = g_bytes_get_data (bytes, &size);
  if (!write_all (fd, data, size))
    goto failed;

  /* the disk starts on it now, while the rest of the batch is written */
  sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE);

  if (g_rename (tmp_path, final_path) != 0)
    goto failed;

  return fd;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  store_error (batch, saved_errno, error);
  return -1;
}

/**
 * _bd_original_batch_add:
 *
 * Stores @bytes as an original, whole or absent; it is durable only once the batch is synced.
 * Bytes stored already, in the archive or in the batch, are not written again.
 */
gboolean
_bd_original_batch_add (BdOriginalBatch  *batch,
                        const char       *sha256,
                        GBytes           *bytes,
                        GError          **error)
{
  g_autofree char *final_path = NULL;
  g_autofree char *final_dir = NULL;
  Original *original;
  gboolean parent_changed;
  int fd;

  g_return_val_if_fail (!batch->durable, FALSE);

  if (g_hash_table_contains (batch->originals, sha256))
    return TRUE;

  final_path = _bd_archive_original_path (batch->archive, sha256);
  original = g_new0 (Original, 1);
  original->bytes = g_bytes_ref (bytes);
  original->fd = -1;
  /* held until the batch ends, so it counts towards the batch's size */
  batch->size += g_bytes_get_size (bytes);

  if (g_file_test (final_path, G_FILE_TEST_IS_REGULAR))
    {
      original->path = g_steal_pointer (&final_path);
      g_hash_table_insert (batch->originals, g_strdup (sha256), original);
      return TRUE;
    }

  final_dir = g_path_get_dirname (final_path);
  if (!make_folder (final_dir, &parent_changed, error) ||
      (fd = write_original (batch, final_path, bytes, error)) < 0)
    {
      original_free (original);
      return FALSE;
    }

  /* a new folder's own entry must reach the disk too */
  if (parent_changed)
    g_hash_table_add (batch->folders, g_path_get_dirname (final_dir));
  g_hash_table_add (batch->folders, g_steal_pointer (&final_dir));

  original->path = g_steal_pointer (&final_path);
  original->created = TRUE;
  if (batch->whole_fs)
    close (fd);
  else
    original->fd = fd;
  g_hash_table_insert (batch->originals, g_strdup (sha256), original);
  batch->n_created++;

  return TRUE;
}

/**
 * _bd_original_batch_restore:
 *
 * Stores again, durably at once, an original of the batch that is gone from the archive: a
 * deletion of the same bytes, pending from before, removed it after the batch had it. The
 * caller holds the archive's write transaction, so no removal runs before its row commits.
 */
gboolean
_bd_original_batch_restore (BdOriginalBatch  *batch,
                            const char       *sha256,
                            GError          **error)
{
  g_autofree char *final_dir = NULL;
  Original *original = g_hash_table_lookup (batch->originals, sha256);
  gboolean parent_changed;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (batch->durable, FALSE);
  g_return_val_if_fail (original != NULL && original->bytes != NULL, FALSE);

  final_dir = g_path_get_dirname (original->path);
  if (!make_folder (final_dir, &parent_changed, error) ||
      (fd = write_original (batch, original->path, original->bytes, error)) < 0)
    return FALSE;

  /* no row may point at it before it is on the disk, as for the rest of the batch */
  original->created = TRUE;
  if (fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    return store_error (batch, saved_errno, error);

  if (!_bd_fsync_directory (final_dir, error))
    return FALSE;
  if (parent_changed)
    {
      g_autofree char *parent = g_path_get_dirname (final_dir);

      if (!_bd_fsync_directory (parent, error))
        return FALSE;
    }

  return TRUE;
}

/* Returns: the bytes of the originals the batch holds, found in place or written */
guint64
_bd_original_batch_get_size (BdOriginalBatch *batch)
{
  return batch->size;
}

/**
 * _bd_original_batch_sync:
 *
 * Makes every original of the batch durable, with the folder entries naming them. Once it
 * fails, none of them may be pointed at, and the batch takes no more.
 */
gboolean
_bd_original_batch_sync (BdOriginalBatch  *batch,
                         GError          **error)
{
  GHashTableIter iter;
  Original *original;
  const char *folder;

  g_return_val_if_fail (!batch->durable, FALSE);

  if (batch->n_created == 0)
    ;
  else if (batch->whole_fs)
    {
      if (syncfs (batch->fs_fd) != 0)
        return store_error (batch, errno, error);
    }
  else
    {
      g_hash_table_iter_init (&iter, batch->originals);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&original))
        {
          int fd = original->fd;
          int saved_errno = 0;

          if (fd < 0)
            continue;

          original->fd = -1;
          if (fsync (fd) != 0)
            saved_errno = errno;
          if (close (fd) != 0 && saved_errno == 0)
            saved_errno = errno;
          if (saved_errno != 0)
            return store_error (batch, saved_errno, error);
        }

      g_hash_table_iter_init (&iter, batch->folders);
      while (g_hash_table_iter_next (&iter, (gpointer *)&folder, NULL))
        {
          if (!_bd_fsync_directory (folder, error))
            return FALSE;
        }
    }

  batch->durable = TRUE;
  return TRUE;
}

gboolean
_bd_original_batch_is_durable (BdOriginalBatch *batch,
                               const char      *sha256)
{
  return batch->durable && g_hash_table_contains (batch->originals, sha256);
}

/* The row pointing at the original committed: it stays when the batch is freed. */
void
_bd_original_batch_keep (BdOriginalBatch *batch,
                         const char      *sha256)
{
  Original *original = g_hash_table_lookup (batch->originals, sha256);

  g_return_if_fail (original != NULL);

  original->kept = TRUE;
  g_clear_pointer (&original->bytes, g_bytes_unref);
}
