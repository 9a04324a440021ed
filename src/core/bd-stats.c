/* bd-stats.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "bd-archive-private.h"
#include "bd-date.h"
#include "bd-error.h"
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
  g_autoptr(BdStats) stats = g_new0 (BdStats, 1);
  g_autoptr(GHashTable) outlets = g_hash_table_new (g_str_hash, g_str_equal);
  BdStatsMonth *month = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);

  stats->first_day = g_strdup (first_day);
  stats->last_day = g_strdup (last_day);
  stats->outlets = g_ptr_array_new_with_free_func ((GDestroyNotify)stats_outlet_free);
  stats->months = g_ptr_array_new_with_free_func ((GDestroyNotify)stats_month_free);

  db = _bd_archive_lock (self);

  /* One pass over (month, outlet, level) groups gives every table, so they always agree. */
  stmt = prepare_period (self,
                         "SELECT coalesce (substr (published, 1, 7), ''), outlet, level, count(*) "
                         "FROM reports WHERE " PERIOD_CONDITION " "
                         "GROUP BY 1, 2, 3 ORDER BY 1 = '', 1, 2",
                         first_day, last_day, error);

  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *month_name = (const char *)sqlite3_column_text (stmt, 0);
      const char *outlet_name = (const char *)sqlite3_column_text (stmt, 1);
      int level = sqlite3_column_int (stmt, 2);
      guint count = sqlite3_column_int (stmt, 3);
      BdStatsOutlet *outlet;

      if (level < 0 || level >= BD_N_LEVELS)
        level = BD_LEVEL_UNSET;

      if (month == NULL || !g_str_equal (month->month, month_name))
        {
          month = g_new0 (BdStatsMonth, 1);
          month->month = g_strdup (month_name);
          g_ptr_array_add (stats->months, month);
        }
      month->levels[level] += count;
      month->total += count;

      /* an outlet counts under the level most of its reports have */
      if (!(outlet = g_hash_table_lookup (outlets, outlet_name)))
        {
          outlet = g_new0 (BdStatsOutlet, 1);
          outlet->name = g_strdup (outlet_name);
          outlet->level = level;
          g_ptr_array_add (stats->outlets, outlet);
          g_hash_table_insert (outlets, outlet->name, outlet);
        }
      outlet->count += count;

      stats->levels[level] += count;
      stats->total += count;
    }

  if (stmt != NULL)
    {
      if (rc != SQLITE_DONE)
        _bd_sqlite_error (error, db, rc);
      sqlite3_reset (stmt);
    }

  _bd_archive_unlock (self);

  if (stmt == NULL || rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&stats);
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
    return g_strdup_printf (_("From %s to %s"),
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
  return g_strdup_printf (_("%1$u-%2$02u-%3$02u to %4$u-%5$02u-%6$02u"), y1, m1, d1, y2, m2, d2);
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
                            /* Translators: the office's summary sentence over the whole archive */
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
                              /* Translators: the office's summary sentence; %1$s is a period
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
