/* bd-archive.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bd-level.h"
#include "bd-types.h"

G_BEGIN_DECLS

#define BD_TYPE_ARCHIVE (bd_archive_get_type ())

G_DECLARE_FINAL_TYPE (BdArchive, bd_archive, BD, ARCHIVE, GObject)

/* What bd_archive_update_reports() changes; NULL fields are left as they are, "" clears. */
typedef struct
{
  const char         *title;
  const char         *outlet;
  const char         *date;
  const char         *source_url;
  gboolean            set_level;
  BdLevel             level;
  const char * const *add_tags;
  const char * const *remove_tags;
} BdReportChanges;

typedef struct
{
  char  *name;
  guint  count;
} BdCount;

char             *bd_archive_default_path    (void);
BdArchive        *bd_archive_open            (const char             *path,
                                              GError                **error);
const char       *bd_archive_get_path        (BdArchive              *self);
BdOutletRegistry *bd_archive_get_outlets     (BdArchive              *self);
guint             bd_archive_count_reports   (BdArchive              *self);
BdReport         *bd_archive_get_report      (BdArchive              *self,
                                              gint64                  id,
                                              gboolean                with_text,
                                              GError                **error);
GPtrArray        *bd_archive_list_reports    (BdArchive              *self,
                                              GError                **error);
char             *bd_archive_get_original_path (BdArchive            *self,
                                              BdReport               *report);
gboolean          bd_archive_update_reports  (BdArchive              *self,
                                              const gint64           *ids,
                                              guint                   n_ids,
                                              const BdReportChanges  *changes,
                                              GError                **error);
gboolean          bd_archive_delete_reports  (BdArchive              *self,
                                              const gint64           *ids,
                                              guint                   n_ids,
                                              GError                **error);
void              bd_archive_update_reports_async  (BdArchive              *self,
                                                    const gint64           *ids,
                                                    guint                   n_ids,
                                                    const BdReportChanges  *changes,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
GPtrArray        *bd_archive_update_reports_finish (BdArchive              *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);
void              bd_archive_delete_reports_async  (BdArchive              *self,
                                                    const gint64           *ids,
                                                    guint                   n_ids,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
gboolean          bd_archive_delete_reports_finish (BdArchive              *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);
GPtrArray        *bd_archive_list_tags       (BdArchive              *self,
                                              GError                **error);
gboolean          bd_archive_add_outlet      (BdArchive              *self,
                                              const char             *name,
                                              BdLevel                 level,
                                              const char * const     *aliases,
                                              const char * const     *domains,
                                              guint                  *n_reclassified,
                                              GError                **error);
gboolean          bd_archive_remove_outlet   (BdArchive              *self,
                                              const char             *name,
                                              guint                  *n_reclassified,
                                              GError                **error);
gboolean          bd_archive_verify          (BdArchive              *self,
                                              GCancellable           *cancellable,
                                              GPtrArray             **problems,
                                              GError                **error);
gboolean          bd_archive_backup          (BdArchive              *self,
                                              const char             *destination,
                                              GCancellable           *cancellable,
                                              GError                **error);
void              bd_archive_backup_async    (BdArchive              *self,
                                              const char             *destination,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean          bd_archive_backup_finish   (BdArchive              *self,
                                              GAsyncResult           *result,
                                              GError                **error);

void              bd_count_free          (BdCount             *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdCount, bd_count_free)

G_END_DECLS
