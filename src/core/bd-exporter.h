/* bd-exporter.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bd-types.h"

G_BEGIN_DECLS

#define BD_TYPE_EXPORTER (bd_exporter_get_type ())

G_DECLARE_FINAL_TYPE (BdExporter, bd_exporter, BD, EXPORTER, GObject)

typedef enum
{
  BD_BUNDLE_ZIP,
  BD_BUNDLE_TAR_GZ,
  BD_BUNDLE_TAR_XZ,
  BD_BUNDLE_7Z,
} BdBundleFormat;

#define BD_N_BUNDLE_FORMATS 4

/* The bundle's own name, before the period: "宣传报道_2023Q3/". */
#define BD_EXPORTER_DEFAULT_TITLE "宣传报道"

gboolean        bd_bundle_format_parse       (const char           *text,
                                              BdBundleFormat       *format,
                                              GError              **error);
const char     *bd_bundle_format_to_nick     (BdBundleFormat        format);

BdExporter     *bd_exporter_new              (BdArchive            *archive);
void            bd_exporter_set_query        (BdExporter           *self,
                                              BdQuery              *query);
void            bd_exporter_set_ids          (BdExporter           *self,
                                              const gint64         *ids,
                                              guint                 n_ids);
void            bd_exporter_set_format       (BdExporter           *self,
                                              BdBundleFormat        format);
void            bd_exporter_set_title        (BdExporter           *self,
                                              const char           *title);
void            bd_exporter_set_overwrite    (BdExporter           *self,
                                              gboolean              overwrite);
gboolean        bd_exporter_run              (BdExporter           *self,
                                              const char           *path,
                                              GCancellable         *cancellable,
                                              GError              **error);
void            bd_exporter_run_async        (BdExporter           *self,
                                              const char           *path,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        bd_exporter_run_finish       (BdExporter           *self,
                                              GAsyncResult         *result,
                                              GError              **error);
guint           bd_exporter_get_n_reports    (BdExporter           *self);
guint64         bd_exporter_get_size         (BdExporter           *self);
const char     *bd_exporter_get_sha256       (BdExporter           *self);

G_END_DECLS
