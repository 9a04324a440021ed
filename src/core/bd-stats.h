/* bd-stats.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bd-archive.h"
#include "bd-level.h"

G_BEGIN_DECLS

typedef struct
{
  char    *name;                 /* "" for reports with no outlet */
  BdLevel  level;
  guint    count;
} BdStatsOutlet;

typedef struct
{
  char  *month;                  /* "2023-07"; "" for undated reports */
  guint  levels[BD_N_LEVELS];
  guint  total;
} BdStatsMonth;

/* Counts of the reports published in a period; totals always reconcile: the sum over levels,
 * over outlets and over months each equal total. */
typedef struct
{
  char      *first_day;          /* NULL: since the beginning, undated reports included */
  char      *last_day;
  guint      total;
  guint      levels[BD_N_LEVELS];
  GPtrArray *outlets;            /* BdStatsOutlet, most reports first */
  GPtrArray *months;             /* BdStatsMonth, in order */
} BdStats;

BdStats *bd_archive_get_stats      (BdArchive    *self,
                                    const char   *first_day,
                                    const char   *last_day,
                                    GError      **error);
void     bd_archive_get_stats_async  (BdArchive           *self,
                                     const char          *first_day,
                                     const char          *last_day,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
BdStats *bd_archive_get_stats_finish (BdArchive           *self,
                                     GAsyncResult        *result,
                                     GError             **error);
BdStats *bd_stats_new_for_reports  (GPtrArray    *reports,
                                    const char   *first_day,
                                    const char   *last_day);
char    *bd_stats_describe_period  (BdStats      *stats);
char    *bd_stats_format_summary   (BdStats      *stats);
void     bd_stats_free             (BdStats      *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdStats, bd_stats_free)

G_END_DECLS
