/* bd-cli-admin.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bd-cli.h"
#include "bd-date.h"
#include "bd-stats.h"

static void
add_levels (JsonBuilder *builder,
            const guint *levels)
{
  json_builder_set_member_name (builder, "levels");
  json_builder_begin_object (builder);
  for (BdLevel level = 0; level < BD_N_LEVELS; level++)
    {
      json_builder_set_member_name (builder, bd_level_to_nick (level));
      json_builder_add_int_value (builder, levels[level]);
    }
  json_builder_end_object (builder);
}

static void
print_stats_json (BdStats *stats)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *summary = bd_stats_format_summary (stats);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  stats->first_day ? json_builder_add_string_value (builder, stats->first_day)
                   : json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "to");
  stats->last_day ? json_builder_add_string_value (builder, stats->last_day)
                  : json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, stats->total);
  add_levels (builder, stats->levels);

  json_builder_set_member_name (builder, "outlets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stats->outlets->len; i++)
    {
      BdStatsOutlet *outlet = g_ptr_array_index (stats->outlets, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "outlet");
      json_builder_add_string_value (builder, outlet->name);
      json_builder_set_member_name (builder, "level");
      json_builder_add_string_value (builder, bd_level_to_nick (outlet->level));
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, outlet->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "months");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stats->months->len; i++)
    {
      BdStatsMonth *month = g_ptr_array_index (stats->months, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "month");
      json_builder_add_string_value (builder, month->month);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, month->total);
      add_levels (builder, month->levels);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, summary);
  json_builder_end_object (builder);

  bd_cli_print_json (builder);
}

static void
print_stats_text (BdStats *stats)
{
  g_autofree char *summary = bd_stats_format_summary (stats);

  g_print ("%s\n\n", summary);

  g_print ("%-10s", _("Month"));
  for (BdLevel level = BD_LEVEL_NATIONAL; level < BD_N_LEVELS; level++)
    g_print ("\t%s", bd_level_to_label (level));
  g_print ("\t%s\t%s\n", bd_level_to_label (BD_LEVEL_UNSET), _("Total"));

  for (guint i = 0; i < stats->months->len; i++)
    {
      BdStatsMonth *month = g_ptr_array_index (stats->months, i);

      g_print ("%-10s", *month->month ? month->month : _("undated"));
      for (BdLevel level = BD_LEVEL_NATIONAL; level < BD_N_LEVELS; level++)
        g_print ("\t%u", month->levels[level]);
      g_print ("\t%u\t%u\n", month->levels[BD_LEVEL_UNSET], month->total);
    }

  g_print ("%-10s", _("Total"));
  for (BdLevel level = BD_LEVEL_NATIONAL; level < BD_N_LEVELS; level++)
    g_print ("\t%u", stats->levels[level]);
  g_print ("\t%u\t%u\n\n", stats->levels[BD_LEVEL_UNSET], stats->total);

  for (guint i = 0; i < stats->outlets->len; i++)
    {
      BdStatsOutlet *outlet = g_ptr_array_index (stats->outlets, i);

      g_print ("%6u  %s  %s\n", outlet->count, bd_level_to_label (outlet->level),
               *outlet->name ? outlet->name : _("unknown outlet"));
    }
}

int
bd_cli_stats (BdCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(BdStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *period = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const GOptionEntry entries[] = {
    { "quarter", 'q', 0, G_OPTION_ARG_STRING, &period,
      N_("The quarter (2023Q3), month (2023-08) or year (2023) to count"), N_("PERIOD") },
    { "year", 'y', 0, G_OPTION_ARG_STRING, &period,
      N_("The year to count"), N_("YEAR") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Count from this date"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Count up to this date, inclusive"), N_("DATE") },
    { NULL }
  };

  context = bd_cli_option_context_new (cli, "",
                                       _("Counts the reports published in a period by level, "
                                         "month and outlet, with the summary sentence for the "
                                         "office’s report. Without a period, counts them all."),
                                       entries);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (argc > 1)
    return bd_cli_usage_error (cli, _("stats takes no arguments besides its options"));
  if (period != NULL && (from != NULL || to != NULL))
    return bd_cli_usage_error (cli, _("Give either a period or --from and --to"));

  if (period != NULL && !bd_period_parse (period, &first, &last, &error))
    return bd_cli_usage_error (cli, "%s", error->message);

  if (from != NULL || to != NULL)
    {
      g_autofree char *ignored = NULL;

      if ((from != NULL && !bd_period_parse (from, &first, &ignored, &error)) ||
          (to != NULL && !bd_period_parse (to, &ignored, &last, &error)))
        return bd_cli_usage_error (cli, "%s", error->message);
    }

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  if (!(stats = bd_archive_get_stats (archive, first, last, &error)))
    return bd_cli_error (cli, error);

  if (cli->json)
    print_stats_json (stats);
  else
    print_stats_text (stats);

  return BD_CLI_OK;
}

int
bd_cli_verify (BdCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  context = bd_cli_option_context_new (cli, "",
                                       _("Checks the database’s integrity, the search index, and "
                                         "every stored original against its SHA-256.\n\n"
                                         "Exit status: 0 when all is well, 1 when a problem was "
                                         "found."),
                                       NULL);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  if (!bd_archive_verify (archive, NULL, &problems, &error))
    return bd_cli_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reports");
      json_builder_add_int_value (builder, bd_archive_count_reports (archive));
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (problems, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }
  else if (problems->len == 0)
    {
      guint n_reports = bd_archive_count_reports (archive);

      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%u report and its original are intact.\n",
                            "All %u reports and their originals are intact.\n",
                            n_reports),
               n_reports);
    }
  else
    {
      for (guint i = 0; i < problems->len; i++)
        g_print ("%s\n", (char *)g_ptr_array_index (problems, i));
    }

  return problems->len == 0 ? BD_CLI_OK : BD_CLI_FAILED;
}

int
bd_cli_backup (BdCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GError) error = NULL;

  context = bd_cli_option_context_new (cli, _("FOLDER"),
                                       _("Copies the archive into a new folder while it may be in "
                                         "use: a consistent snapshot of the database and the "
                                         "originals it holds. The copy opens with --archive FOLDER."),
                                       NULL);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (argc != 2)
    return bd_cli_usage_error (cli, _("Name the folder to create for the backup"));

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  if (!bd_archive_backup (archive, argv[1], NULL, &error))
    return bd_cli_error (cli, error);

  if (!cli->json)
    {
      guint n_reports = bd_archive_count_reports (archive);

      g_print (g_dngettext (GETTEXT_PACKAGE, "Backed up %u report to %s.\n",
                            "Backed up %u reports to %s.\n", n_reports),
               n_reports, argv[1]);
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reports");
      json_builder_add_int_value (builder, bd_archive_count_reports (archive));
      json_builder_set_member_name (builder, "backup");
      json_builder_add_string_value (builder, argv[1]);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }

  return BD_CLI_OK;
}
