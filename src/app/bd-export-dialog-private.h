/* bd-export-dialog-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bd-export-dialog.h"

G_BEGIN_DECLS

/* What the tests wait for: the quarters still being listed. */
gboolean _bd_export_dialog_is_busy (BdExportDialog *self);

G_END_DECLS
