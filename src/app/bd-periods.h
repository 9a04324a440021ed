/* bd-periods.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bd-archive.h"

G_BEGIN_DECLS

/* A quarter or a year that has reports, as the period choosers offer it. */
typedef struct
{
  char *label;        /* "2023年第三季度" */
  char *name;         /* "2023Q3", "2023": for file names */
  char *first_day;
  char *last_day;
} BdPeriod;

GPtrArray *bd_periods_list             (BdArchive   *archive,
                                        gboolean     with_years,
                                        GError     **error);
void       bd_periods_list_async       (BdArchive           *archive,
                                        gboolean             with_years,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray *bd_periods_list_finish      (BdArchive           *archive,
                                        GAsyncResult        *result,
                                        GError             **error);
void       bd_period_free              (BdPeriod    *period);
char      *bd_periods_describe_quarter (const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdPeriod, bd_period_free)

G_END_DECLS
