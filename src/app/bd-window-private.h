/* bd-window-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bd-window.h"

G_BEGIN_DECLS

/* What the tests wait for: no search, page or import still running. */
gboolean    _bd_window_is_busy            (BdWindow *self);
const char *_bd_window_get_import_summary (BdWindow *self);
void        _bd_window_set_sample_size    (BdWindow *self,
                                           guint     n_reports);

G_END_DECLS
