/* bd-stats.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bd-archive-private.h"
#include "bd-date.h"
#include "bd-error.h"
#include "bd-report.h"
#include "bd-stats.h"

static void
stats_outlet_free (BdStatsOutlet *outlet)
{
  g_free (outlet->name);
  g_free (outlet);
}

static void
stats_month_free (BdStatsMonth *month)
{
  g_free (month->month);
  g_free (month);
}

void
bd_stats_free (BdStats *stats)
{
  g_free (stats->first_day);
  g_free (stats->last_day);
  g_clear_pointer (&stats->outlets, g_ptr_array_unref);
  g_clear_pointer (&stats->months, g_ptr_array_unref);
  g_free (stats);
}

/* An outlet's reports in each level, to find the level most of them have. */
typedef struct
{
  BdStatsOutlet *outlet;
  guint          levels[BD_N_LEVELS];
} OutletTally;

/* Ties go to the higher level, and to a level rather than none. */
static BdLevel
most_common_level (const OutletTally *tally)
{
  static const BdLevel order[] = {
    BD_LEVEL_NATIONAL, BD_LEVEL_PROVINCIAL, BD_LEVEL_MUNICIPAL, BD_LEVEL_UNSET
  };
  BdLevel best = order[0];

  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    {
      if (tally->levels[order[i]] > tally->levels[best])
        best = order[i];
    }

  return best;
}

static int
compare_outlets (gconstpointer a,
                 gconstpointer b)
{
  const BdStatsOutlet *outlet_a = *(BdStatsOutlet * const *)a;
  const BdStatsOutlet *outlet_b = *(BdStatsOutlet * const *)b;

  if (outlet_a->count != outlet_b->count)
    return outlet_a->count > outlet_b->count ? -1 : 1;

  return strcmp (outlet_a->name, outlet_b->name);
}

static int
compare_months (gconstpointer a,
                gconstpointer b)
{
  const BdStatsMonth *month_a = *(BdStatsMonth * const *)a;
  const BdStatsMonth *month_b = *(BdStatsMonth * const *)b;

  /* undated reports last */
  if ((*month_a->month == '\0') != (*month_b->month == '\0'))
    return *month_a->month == '\0' ? 1 : -1;

  return strcmp (month_a->month, month_b->month);
}

/* Counts added group by group; every table is filled from the same groups, so they agree. */
typedef struct
{
  BdStats    *stats;
  GHashTable *outlets;  /* name → OutletTally */
  GHashTable *months;   /* month → BdStatsMonth, owned by stats */
} StatsTally;

static void
stats_tally_init (StatsTally *tally,
                  const char *first_day,
                  const char *last_day)
{
  tally->stats = g_new0 (BdStats, 1);
  tally->stats->first_day = g_strdup (first_day);
  tally->stats->last_day = g_strdup (last_day);
  tally->stats->outlets = g_ptr_array_new_with_free_func ((GDestroyNotify)stats_outlet_free);
  tally->stats->months = g_ptr_array_new_with_free_func ((GDestroyNotify)stats_month_free);
  tally->outlets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  tally->months = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
stats_tally_add (StatsTally *tally,
                 const char *month_name,
                 const char *outlet_name,
                 int         level,
                 guint       count)
{
  BdStatsMonth *month;
  OutletTally *outlet;

  if (level < 0 || level >= BD_N_LEVELS)
    level = BD_LEVEL_UNSET;

  if (!(month = g_hash_table_lookup (tally->months, month_name)))
    {
      month = g_new0 (BdStatsMonth, 1);
      month->month = g_strdup (month_name);
      g_ptr_array_add (tally->stats->months, month);
      g_hash_table_insert (tally->months, month->month, month);
    }
  month->levels[level] += count;
  month->total += count;

  if (!(outlet = g_hash_table_lookup (tally->outlets, outlet_name)))
    {
      outlet = g_new0 (OutletTally, 1);
      outlet->outlet = g_new0 (BdStatsOutlet, 1);
      outlet->outlet->name = g_strdup (outlet_name);
      g_ptr_array_add (tally->stats->outlets, outlet->outlet);
      g_hash_table_insert (tally->outlets, outlet->outlet->name, outlet);
    }
  outlet->outlet->count += count;
  outlet->levels[level] += count;

  tally->stats->levels[level] += count;
  tally->stats->total += count;
}

static void
stats_tally_clear (StatsTally *tally)
{
  g_clear_pointer (&tally->stats, bd_stats_free);
  g_clear_pointer (&tally->outlets, g_hash_table_unref);
  g_clear_pointer (&tally->months, g_hash_table_unref);
}

static BdStats *
stats_tally_finish (StatsTally *tally)
{
  BdStats *stats;
  OutletTally *outlet;
  GHashTableIter iter;

  /* an outlet counts under the level most of its reports have */
  g_hash_table_iter_init (&iter, tally->outlets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&outlet))
    outlet->outlet->level = most_common_level (outlet);
  g_ptr_array_sort (tally->stats->outlets, compare_outlets);
  g_ptr_array_sort (tally->stats->months, compare_months);

  stats = g_steal_pointer (&tally->stats);
  stats_tally_clear (tally);

  return stats;
}

static sqlite3_stmt *
prepare_period (BdArchive   *self,
                const char  *sql,
                const char  *first_day,
                const char  *last_day,
                GError     **error)
{
  sqlite3_stmt *stmt = _bd_archive_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  if (first_day != NULL)
    sqlite3_bind_text (stmt, 1, first_day, -1, SQLITE_TRANSIENT);
  if (last_day != NULL)
    sqlite3_bind_text (stmt, 2, last_day, -1, SQLITE_TRANSIENT);

  return stmt;
}

/* Reports with no date fall in no period: they count only when no period is asked for. */
#define PERIOD_CONDITION                                            \
  "((?1 IS NULL AND ?2 IS NULL) OR "                                \
  " (published >= coalesce (?1, '0000') AND published <= coalesce (?2, '9999')))"

/**
 * bd_archive_get_stats:
 * @first_day: (nullable): the first day of the period, "YYYY-MM-DD"
 * @last_day: (nullable): its last day, inclusive
 *
 * Returns: (transfer full): the counts, free with bd_stats_free()
 */
BdStats *
bd_archive_get_stats (BdArchive   *self,
                      const char  *first_day,
                      const char  *last_day,
                      GError     **error)
{
  StatsTally tally;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);

  stats_tally_init (&tally, first_day, last_day);

  db = _bd_archive_lock (self);

  /* One pass over (day, outlet, level) groups gives every table, so they always agree; days,
   * in the order of the index on (published, outlet, level), are added up into months here
   * rather than sorted into them by SQLite. */
  stmt = prepare_period (self,
                         "SELECT coalesce (substr (published, 1, 7), '') AS month, outlet, level, "
                         "  count(*) "
                         "FROM reports WHERE " PERIOD_CONDITION " "
                         "GROUP BY published, outlet, level",
                         first_day, last_day, error);

  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    stats_tally_add (&tally,
                     (const char *)sqlite3_column_text (stmt, 0),
                     (const char *)sqlite3_column_text (stmt, 1),
                     sqlite3_column_int (stmt, 2),
                     sqlite3_column_int (stmt, 3));

  if (stmt != NULL)
    {
      if (rc != SQLITE_DONE)
        _bd_sqlite_error (error, db, rc);
      sqlite3_reset (stmt);
    }

  _bd_archive_unlock (self);

  if (stmt == NULL || rc != SQLITE_DONE)
    {
      stats_tally_clear (&tally);
      return NULL;
    }

  return stats_tally_finish (&tally);
}

typedef struct
{
  char *first_day;
  char *last_day;
} StatsRequest;

static void
stats_request_free (StatsRequest *request)
{
  g_free (request->first_day);
  g_free (request->last_day);
  g_free (request);
}

static void
get_stats_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  StatsRequest *request = task_data;
  GError *error = NULL;
  BdStats *stats = bd_archive_get_stats (source_object, request->first_day, request->last_day,
                                         &error);

  if (stats != NULL)
    g_task_return_pointer (task, stats, (GDestroyNotify)bd_stats_free);
  else
    g_task_return_error (task, error);
}

/**
 * bd_archive_get_stats_async:
 * @first_day: (nullable): as for bd_archive_get_stats()
 * @last_day: (nullable): as for bd_archive_get_stats()
 * @cancellable: (nullable): makes the result %G_IO_ERROR_CANCELLED, for a caller that asked
 *   for another period meanwhile
 *
 * Counts a period on a worker thread.
 */
void
bd_archive_get_stats_async (BdArchive           *self,
                            const char          *first_day,
                            const char          *last_day,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StatsRequest *request;

  g_return_if_fail (BD_IS_ARCHIVE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (StatsRequest, 1);
  request->first_day = g_strdup (first_day);
  request->last_day = g_strdup (last_day);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_archive_get_stats_async);
  g_task_set_task_data (task, request, (GDestroyNotify)stats_request_free);
  g_task_run_in_thread (task, get_stats_thread);
}

/**
 * bd_archive_get_stats_finish:
 *
 * Returns: (transfer full): the counts, free with bd_stats_free(); %NULL on error
 */
BdStats *
bd_archive_get_stats_finish (BdArchive     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bd_archive_get_stats_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bd_stats_new_for_reports:
 * @reports: (element-type BdReport): the reports to count
 * @first_day: (nullable): the first day of the period they were chosen from
 * @last_day: (nullable): its last day
 *
 * Counts a chosen set of reports (an export's) the way bd_archive_get_stats() counts a period.
 *
 * Returns: (transfer full): the counts, free with bd_stats_free()
 */
BdStats *
bd_stats_new_for_reports (GPtrArray  *reports,
                          const char *first_day,
                          const char *last_day)
{
  StatsTally tally;

  g_return_val_if_fail (reports != NULL, NULL);

  stats_tally_init (&tally, first_day, last_day);

  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);
      const char *date = bd_report_get_date (report);
      const char *outlet = bd_report_get_outlet (report);
      g_autofree char *month = date != NULL ? g_strndup (date, 7) : g_strdup ("");

      stats_tally_add (&tally, month, outlet != NULL ? outlet : "",
                       bd_report_get_level (report), 1);
    }

  return stats_tally_finish (&tally);
}

static char *
describe_quarter (guint year,
                  guint quarter)
{
  switch (quarter)
    {
    /* Translators: %u is a year: "2023年第一季度" */
    case 1: return g_strdup_printf (_("the first quarter of %u"), year);
    case 2: return g_strdup_printf (_("the second quarter of %u"), year);
    case 3: return g_strdup_printf (_("the third quarter of %u"), year);
    default: return g_strdup_printf (_("the fourth quarter of %u"), year);
    }
}

/**
 * bd_stats_describe_period:
 *
 * Returns: (transfer full): the period as an office writes it: a quarter, a year, a month or
 *   two dates
 */
char *
bd_stats_describe_period (BdStats *stats)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint y1, m1, d1, y2, m2, d2;

  if (stats->first_day == NULL && stats->last_day == NULL)
    return g_strdup (_("all time"));

  if (stats->first_day == NULL || stats->last_day == NULL ||
      sscanf (stats->first_day, "%4u-%2u-%2u", &y1, &m1, &d1) != 3 ||
      sscanf (stats->last_day, "%4u-%2u-%2u", &y2, &m2, &d2) != 3)
    return g_strdup_printf (_("the period from %s to %s"),
                            stats->first_day != NULL ? stats->first_day : "…",
                            stats->last_day != NULL ? stats->last_day : "…");

  if (y1 == y2 && d1 == 1 && g_date_valid_dmy (d2, m2, y2) &&
      d2 == g_date_get_days_in_month (m2, y2))
    {
      if (m1 == 1 && m2 == 12)
        /* Translators: a whole year: "2023年" */
        return g_strdup_printf (_("the year %u"), y1);
      if (m1 % 3 == 1 && m2 == m1 + 2)
        return describe_quarter (y1, (m1 + 2) / 3);
      if (m1 == m2)
        /* Translators: a month: "2023年8月" */
        return g_strdup_printf (_("%2$u/%1$u"), y1, m1);
    }

  /* Translators: a range of dates: "2023年7月1日至2023年9月30日" */
  return g_strdup_printf (_("the period from %1$u-%2$02u-%3$02u to %4$u-%5$02u-%6$02u"), y1, m1, d1, y2, m2, d2);
}

/**
 * bd_stats_format_summary:
 *
 * Returns: (transfer full): the sentence a publicity office writes in its summary:
 *   "2023年第三季度，共推出宣传报道1523条，其中在国家级媒体刊发20条，在省级媒体刊发953条，
 *   在市级媒体刊发550条。"
 */
char *
bd_stats_format_summary (BdStats *stats)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  if (stats->first_day == NULL && stats->last_day == NULL)
    g_string_append_printf (summary,
                            /* Translators: the summary sentence of the office, over the whole archive */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "In all, %1$u report was published, of which %2$u in "
                                         "national media, %3$u in provincial media and %4$u in "
                                         "municipal media.",
                                         "In all, %1$u reports were published, of which %2$u in "
                                         "national media, %3$u in provincial media and %4$u in "
                                         "municipal media.",
                                         stats->total),
                            stats->total,
                            stats->levels[BD_LEVEL_NATIONAL],
                            stats->levels[BD_LEVEL_PROVINCIAL],
                            stats->levels[BD_LEVEL_MUNICIPAL]);
  else
    {
      g_autofree char *period = bd_stats_describe_period (stats);

      g_string_append_printf (summary,
                              /* Translators: the summary sentence of the office; %1$s is a period
                               * such as "the third quarter of 2023" */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "In %1$s, %2$u report was published, of which %3$u in "
                                           "national media, %4$u in provincial media and %5$u in "
                                           "municipal media.",
                                           "In %1$s, %2$u reports were published, of which %3$u in "
                                           "national media, %4$u in provincial media and %5$u in "
                                           "municipal media.",
                                           stats->total),
                              period, stats->total,
                              stats->levels[BD_LEVEL_NATIONAL],
                              stats->levels[BD_LEVEL_PROVINCIAL],
                              stats->levels[BD_LEVEL_MUNICIPAL]);
    }

  if (stats->levels[BD_LEVEL_UNSET] > 0)
    g_string_append_printf (summary,
                            g_dngettext (GETTEXT_PACKAGE,
                                         " %u more report is not yet classified.",
                                         " %u more reports are not yet classified.",
                                         stats->levels[BD_LEVEL_UNSET]),
                            stats->levels[BD_LEVEL_UNSET]);

  return g_string_free (g_steal_pointer (&summary), FALSE);
}
