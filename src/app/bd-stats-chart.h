/* bd-stats-chart.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bd-stats.h"

G_BEGIN_DECLS

#define BD_TYPE_STATS_CHART (bd_stats_chart_get_type ())

G_DECLARE_FINAL_TYPE (BdStatsChart, bd_stats_chart, BD, STATS_CHART, GtkWidget)

void       bd_stats_chart_set_stats  (BdStatsChart *self,
                                      BdStats      *stats);
guint      bd_stats_chart_get_n_bars (BdStatsChart *self);

G_END_DECLS
