/* bd-periods.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-periods"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "bd-periods.h"
#include "bd-stats.h"

void
bd_period_free (BdPeriod *period)
{
  g_free (period->label);
  g_free (period->name);
  g_free (period->first_day);
  g_free (period->last_day);
  g_free (period);
}

static char *
describe_quarter (guint year,
                  guint quarter)
{
  switch (quarter)
    {
    /* Translators: a quarter in the period choosers: "2023年第一季度" */
    case 1: return g_strdup_printf (_("Q1 %u"), year);
    case 2: return g_strdup_printf (_("Q2 %u"), year);
    case 3: return g_strdup_printf (_("Q3 %u"), year);
    default: return g_strdup_printf (_("Q4 %u"), year);
    }
}

/**
 * bd_periods_describe_quarter:
 * @name: a quarter as the facets name it, "2023Q3"
 *
 * Returns: (nullable): the quarter as the period choosers show it, or %NULL when @name is not
 *   a quarter
 */
char *
bd_periods_describe_quarter (const char *name)
{
  guint year, quarter;
  char tail;

  g_return_val_if_fail (name != NULL, NULL);

  if (sscanf (name, "%4uQ%1u%c", &year, &quarter, &tail) != 2 || quarter < 1 || quarter > 4)
    return NULL;

  return describe_quarter (year, quarter);
}

/* The quarters that have reports, newest first, then the years if asked. */
static GPtrArray *
list_periods (BdStats  *all,
              gboolean  with_years)
{
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_period_free);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  guint last_quarter = 0;

  for (guint i = all->months->len; i > 0; i--)
    {
      const BdStatsMonth *month = g_ptr_array_index (all->months, i - 1);
      guint year, number, quarter;
      BdPeriod *period;

      if (sscanf (month->month, "%4u-%2u", &year, &number) != 2 || month->total == 0)
        continue;

      quarter = (number - 1) / 3 + 1;
      if (year * 10 + quarter == last_quarter)
        continue;
      last_quarter = year * 10 + quarter;
      if (years->len == 0 || g_array_index (years, guint, years->len - 1) != year)
        g_array_append_val (years, year);

      period = g_new0 (BdPeriod, 1);
      period->label = describe_quarter (year, quarter);
      period->name = g_strdup_printf ("%uQ%u", year, quarter);
      period->first_day = g_strdup_printf ("%u-%02u-01", year, quarter * 3 - 2);
      period->last_day = g_strdup_printf ("%u-%02u-%02u", year, quarter * 3,
                                          g_date_get_days_in_month (quarter * 3, year));
      g_ptr_array_add (periods, period);
    }

  for (guint i = 0; with_years && i < years->len; i++)
    {
      guint year = g_array_index (years, guint, i);
      BdPeriod *period = g_new0 (BdPeriod, 1);

      /* Translators: a whole year in the period choosers: "2023年" */
      period->label = g_strdup_printf (_("Year %u"), year);
      period->name = g_strdup_printf ("%u", year);
      period->first_day = g_strdup_printf ("%u-01-01", year);
      period->last_day = g_strdup_printf ("%u-12-31", year);
      g_ptr_array_add (periods, period);
    }

  return g_steal_pointer (&periods);
}

/**
 * bd_periods_list:
 * @with_years: whether to list the years after the quarters
 *
 * Returns: (transfer container) (element-type BdPeriod): the quarters that have reports,
 *   newest first, then the years if asked
 */
GPtrArray *
bd_periods_list (BdArchive  *archive,
                 gboolean    with_years,
                 GError    **error)
{
  g_autoptr(BdStats) all = NULL;

  g_return_val_if_fail (BD_IS_ARCHIVE (archive), NULL);

  if (!(all = bd_archive_get_stats (archive, NULL, NULL, error)))
    return NULL;

  return list_periods (all, with_years);
}

static void
on_all_counted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BdStats) all = NULL;
  GError *error = NULL;

  if (!(all = bd_archive_get_stats_finish (BD_ARCHIVE (object), result, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task,
                           list_periods (all, GPOINTER_TO_INT (g_task_get_task_data (task))),
                           (GDestroyNotify)g_ptr_array_unref);
}

/**
 * bd_periods_list_async:
 * @with_years: whether to list the years after the quarters
 *
 * Lists the periods as bd_periods_list() does, counting the reports on a worker thread.
 */
void
bd_periods_list_async (BdArchive           *archive,
                       gboolean             with_years,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BD_IS_ARCHIVE (archive));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (archive, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_periods_list_async);
  g_task_set_task_data (task, GINT_TO_POINTER (with_years), NULL);
  bd_archive_get_stats_async (archive, NULL, NULL, cancellable, on_all_counted_cb, task);
}

/**
 * bd_periods_list_finish:
 *
 * Returns: (transfer container) (element-type BdPeriod): as bd_periods_list()
 */
GPtrArray *
bd_periods_list_finish (BdArchive     *archive,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (BD_IS_ARCHIVE (archive), NULL);
  g_return_val_if_fail (g_task_is_valid (result, archive), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
