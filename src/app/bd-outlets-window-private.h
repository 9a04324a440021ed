/* bd-outlets-window-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bd-outlets-window.h"

G_BEGIN_DECLS

/* What the tests wait for: the list loaded and no change being saved. */
gboolean    _bd_outlets_window_is_busy        (BdOutletsWindow *self);
/* The last toast's text, or NULL. */
const char *_bd_outlets_window_get_last_toast (BdOutletsWindow *self);

G_END_DECLS
