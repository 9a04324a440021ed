/* bd-bulk-editor.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bd-archive.h"

G_BEGIN_DECLS

#define BD_TYPE_BULK_EDITOR (bd_bulk_editor_get_type ())

G_DECLARE_FINAL_TYPE (BdBulkEditor, bd_bulk_editor, BD, BULK_EDITOR, GtkWidget)

BdArchive *bd_bulk_editor_get_archive (BdBulkEditor *self);
void       bd_bulk_editor_set_archive (BdBulkEditor *self,
                                       BdArchive    *archive);
void       bd_bulk_editor_set_reports (BdBulkEditor *self,
                                       GPtrArray    *reports);

G_END_DECLS
