/* bd-archive-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "bd-archive.h"
#include "bd-original-batch-private.h"

G_BEGIN_DECLS

/* Originals larger than this are refused unless the importer is told otherwise. */
#define BD_DEFAULT_MAX_FILE_SIZE (200 * 1024 * 1024)

/* How many of the newest matches a search ranks exactly; older ones follow, newest first. */
#define BD_DEFAULT_RANK_WINDOW 5000

typedef struct
{
  const char         *sha256;
  const char         *title;
  const char         *outlet;
  BdLevel             level;
  gboolean            level_manual;
  const char         *date;
  const char         *source_url;
  const char         *file_name;
  const char         *import_path;
  const char         *media_type;
  guint64             size;
  guint               n_pages;
  const char         *text;
  const char * const *tags;
} BdNewReport;

/* Tests run it in a backup once the snapshot is taken, before the originals are copied. */
typedef void (*BdArchiveHook) (BdArchive *self,
                               gpointer   data);

guint         _bd_archive_schema_version    (void);
sqlite3      *_bd_archive_lock              (BdArchive          *self);
void          _bd_archive_unlock            (BdArchive          *self);
sqlite3_stmt *_bd_archive_prepare           (BdArchive          *self,
                                             const char         *sql,
                                             GError            **error);
gboolean      _bd_archive_begin_import      (BdArchive          *self,
                                             GError            **error);
void          _bd_archive_end_import        (BdArchive          *self);
GHashTable   *_bd_archive_dup_sha256_set    (BdArchive          *self,
                                             GError            **error);
gint64        _bd_archive_find_sha256       (BdArchive          *self,
                                             const char         *sha256);
char         *_bd_archive_original_path     (BdArchive          *self,
                                             const char         *sha256);
const char   *_bd_archive_get_tmp_dir       (BdArchive          *self);
gint64        _bd_archive_insert_report     (BdArchive          *self,
                                             const BdNewReport  *report,
                                             BdOriginalBatch    *originals,
                                             gint64             *duplicate_of,
                                             GError            **error);
guint         _bd_archive_get_rank_window   (BdArchive          *self);
void          _bd_archive_set_rank_window   (BdArchive          *self,
                                             guint               rank_window);
void          _bd_archive_set_backup_hook   (BdArchive          *self,
                                             BdArchiveHook       hook,
                                             gpointer            data);
gboolean      _bd_sqlite_error              (GError            **error,
                                             sqlite3            *db,
                                             int                 rc);
char         *_bd_clean_tag                 (const char         *tag,
                                             GError            **error);

G_END_DECLS
