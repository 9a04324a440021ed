/* bd-importer.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bd-level.h"
#include "bd-types.h"

G_BEGIN_DECLS

#define BD_TYPE_IMPORTER (bd_importer_get_type ())

G_DECLARE_FINAL_TYPE (BdImporter, bd_importer, BD, IMPORTER, GObject)

typedef enum
{
  BD_IMPORT_IMPORTED,
  BD_IMPORT_DUPLICATE,
  BD_IMPORT_FAILED,
} BdImportStatus;

/* What became of one file, or of one report of a bundle. */
typedef struct
{
  char           *path;
  BdImportStatus  status;
  gint64          report_id;  /* the new report, or the one a duplicate already is */
  GError         *error;      /* why it failed */
  char           *message;    /* a note, such as what a duplicate's metadata said otherwise */
} BdImportItem;

BdImporter *bd_importer_new                (BdArchive            *archive);
void        bd_importer_set_level          (BdImporter           *self,
                                            BdLevel               level);
void        bd_importer_add_tag            (BdImporter           *self,
                                            const char           *tag);
void        bd_importer_set_max_file_size  (BdImporter           *self,
                                            guint64               max_file_size);
void        bd_importer_set_time_limit     (BdImporter           *self,
                                            guint                 milliseconds);
void        bd_importer_set_n_workers      (BdImporter           *self,
                                            guint                 n_workers);
gboolean    bd_importer_run                (BdImporter           *self,
                                            const char * const   *paths,
                                            GCancellable         *cancellable,
                                            GError              **error);
void        bd_importer_run_async          (BdImporter           *self,
                                            const char * const   *paths,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    bd_importer_run_finish         (BdImporter           *self,
                                            GAsyncResult         *result,
                                            GError              **error);
GPtrArray  *bd_importer_get_items          (BdImporter           *self);
guint       bd_importer_count              (BdImporter           *self,
                                            BdImportStatus        status);

G_END_DECLS
