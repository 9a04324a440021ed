/* bd-stats-window-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bd-stats-window.h"

G_BEGIN_DECLS

gboolean _bd_stats_window_is_busy (BdStatsWindow *self);

G_END_DECLS
