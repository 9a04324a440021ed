/* bd-export-dialog.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bd-archive.h"
#include "bd-exporter.h"
#include "bd-query.h"

G_BEGIN_DECLS

#define BD_TYPE_EXPORT_DIALOG (bd_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BdExportDialog, bd_export_dialog, BD, EXPORT_DIALOG, AdwWindow)

typedef enum
{
  BD_EXPORT_SEARCH,
  BD_EXPORT_SELECTED,
  BD_EXPORT_QUARTER,
} BdExportChoice;

GtkWidget  *bd_export_dialog_new          (GtkWindow      *parent,
                                           BdArchive      *archive,
                                           BdQuery        *query,
                                           guint           n_found,
                                           const gint64   *ids,
                                           guint           n_ids);
void        bd_export_dialog_set_choice   (BdExportDialog *self,
                                           BdExportChoice  choice);
void        bd_export_dialog_set_format   (BdExportDialog *self,
                                           BdBundleFormat  format);
char       *bd_export_dialog_suggest_name (BdExportDialog *self);
void        bd_export_dialog_export_to    (BdExportDialog *self,
                                           GFile          *file);

G_END_DECLS
