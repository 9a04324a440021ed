/* bd-window.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bd-archive.h"
#include "bd-exporter.h"

G_BEGIN_DECLS

#define BD_TYPE_WINDOW (bd_window_get_type ())

G_DECLARE_FINAL_TYPE (BdWindow, bd_window, BD, WINDOW, AdwApplicationWindow)

BdWindow  *bd_window_new          (GtkApplication *application,
                                   BdArchive      *archive);
BdArchive *bd_window_get_archive  (BdWindow       *self);
gboolean   bd_window_import_files (BdWindow       *self,
                                   GFile         **files,
                                   guint           n_files);
gboolean   bd_window_export       (BdWindow       *self,
                                   BdExporter     *exporter,
                                   GFile          *file);
gboolean   bd_window_backup       (BdWindow       *self,
                                   GFile          *destination);

G_END_DECLS
