/* bd-stats-window.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bd-archive.h"
#include "bd-stats.h"

G_BEGIN_DECLS

#define BD_TYPE_STATS_WINDOW (bd_stats_window_get_type ())

G_DECLARE_FINAL_TYPE (BdStatsWindow, bd_stats_window, BD, STATS_WINDOW, AdwWindow)

GtkWidget *bd_stats_window_new         (GtkWindow      *parent,
                                        BdArchive      *archive);
void       bd_stats_window_show_period (BdStatsWindow  *self,
                                        const char     *first_day,
                                        const char     *last_day);
BdStats   *bd_stats_window_get_stats   (BdStatsWindow  *self);
gboolean   bd_stats_window_save_table  (BdStatsWindow  *self,
                                        GFile          *file,
                                        GError        **error);

G_END_DECLS
