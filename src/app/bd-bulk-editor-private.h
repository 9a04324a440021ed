/* bd-bulk-editor-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bd-bulk-editor.h"

G_BEGIN_DECLS

/* What the tests wait for: no change being saved. */
gboolean _bd_bulk_editor_is_busy (BdBulkEditor *self);

G_END_DECLS
