/* bd-cli-edit.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bd-cli.h"
#include "bd-outlet.h"
#include "bd-outlet-registry.h"

static gboolean
parse_ids (BdCli   *cli,
           int      argc,
           char   **argv,
           GArray  *ids)
{
  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      gboolean named = FALSE;

      if (!bd_cli_parse_id (cli, argv[i], &id))
        return FALSE;

      /* a report named twice is changed or removed once: removing it again would fail */
      for (guint j = 0; j < ids->len && !named; j++)
        named = g_array_index (ids, gint64, j) == id;
      if (!named)
        g_array_append_val (ids, id);
    }

  if (ids->len == 0)
    {
      bd_cli_usage_error (cli, _("Name the reports by their numbers"));
      return FALSE;
    }

  return TRUE;
}

int
bd_cli_tag (BdCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *level_text = NULL;
  g_autofree char *outlet = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) add = NULL;
  g_auto(GStrv) remove = NULL;
  BdReportChanges changes = { 0 };
  const GOptionEntry entries[] = {
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level_text,
      N_("Set the level"), N_("LEVEL") },
    { "outlet", 'o', 0, G_OPTION_ARG_STRING, &outlet,
      N_("Set the outlet (its level follows unless set by hand)"), N_("OUTLET") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("Set the title"), N_("TITLE") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date,
      N_("Set the publication date (\"\" clears it)"), N_("DATE") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("Set the source URL"), N_("URL") },
    { "add", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add,
      N_("Add a tag (may be repeated)"), N_("TAG") },
    { "remove", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove,
      N_("Remove a tag (may be repeated)"), N_("TAG") },
    { NULL }
  };

  context = bd_cli_option_context_new (cli, _("ID…"),
                                       _("Changes one or many reports at once: all of them "
                                         "change, or none."),
                                       entries);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (!parse_ids (cli, argc, argv, ids))
    return BD_CLI_USAGE;

  if (level_text != NULL)
    {
      if (!bd_cli_parse_level (cli, level_text, &changes.level))
        return BD_CLI_USAGE;
      changes.set_level = TRUE;
    }

  if (!changes.set_level && !outlet && !title && !date && !url && !add && !remove)
    return bd_cli_usage_error (cli, _("Say what to change, e.g. --level or --add"));

  changes.outlet = outlet;
  changes.title = title;
  changes.date = date;
  changes.source_url = url;
  changes.add_tags = (const char * const *)add;
  changes.remove_tags = (const char * const *)remove;

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  if (!bd_archive_update_reports (archive, (gint64 *)(gpointer)ids->data, ids->len, &changes, &error))
    return bd_cli_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reports");
      json_builder_begin_array (builder);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(BdReport) report = bd_archive_get_report (archive, g_array_index (ids, gint64, i),
                                                              FALSE, NULL);

          if (report == NULL)
            continue;
          json_builder_begin_object (builder);
          bd_cli_add_report (builder, report);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Changed %u report.\n", "Changed %u reports.\n", ids->len),
             ids->len);

  return BD_CLI_OK;
}

int
bd_cli_delete (BdCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Really remove them (required: there is no undo)"), NULL },
    { NULL }
  };

  context = bd_cli_option_context_new (cli, _("ID…"),
                                       _("Removes reports with their stored originals."),
                                       entries);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (!parse_ids (cli, argc, argv, ids))
    return BD_CLI_USAGE;

  if (!yes)
    return bd_cli_usage_error (cli, _("Removing reports cannot be undone: add --yes to confirm"));

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  if (!bd_archive_delete_reports (archive, (gint64 *)(gpointer)ids->data, ids->len, &error))
    return bd_cli_error (cli, error);

  if (!cli->json)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Removed %u report.\n", "Removed %u reports.\n", ids->len),
             ids->len);
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "removed");
      json_builder_add_int_value (builder, ids->len);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }

  return BD_CLI_OK;
}

static int
list_outlets (BdCli     *cli,
              BdArchive *archive)
{
  g_autoptr(GPtrArray) outlets = bd_outlet_registry_list (bd_archive_get_outlets (archive));
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);

  for (guint i = 0; i < outlets->len; i++)
    {
      BdOutlet *outlet = g_ptr_array_index (outlets, i);
      const char * const *aliases = bd_outlet_get_aliases (outlet);
      const char * const *domains = bd_outlet_get_domains (outlet);

      if (cli->json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, bd_outlet_get_name (outlet));
          json_builder_set_member_name (builder, "level");
          json_builder_add_string_value (builder, bd_level_to_nick (bd_outlet_get_level (outlet)));
          json_builder_set_member_name (builder, "aliases");
          json_builder_begin_array (builder);
          for (guint j = 0; aliases[j] != NULL; j++)
            json_builder_add_string_value (builder, aliases[j]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "domains");
          json_builder_begin_array (builder);
          for (guint j = 0; domains[j] != NULL; j++)
            json_builder_add_string_value (builder, domains[j]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "local");
          json_builder_add_boolean_value (builder, bd_outlet_get_local (outlet));
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *joined_aliases = g_strjoinv ("、", (char **)aliases);
          g_autofree char *joined_domains = g_strjoinv (" ", (char **)domains);

          g_print ("%s\t%s%s%s%s%s%s\n",
                   bd_level_to_label (bd_outlet_get_level (outlet)),
                   bd_outlet_get_name (outlet),
                   *joined_aliases ? "（" : "", joined_aliases, *joined_aliases ? "）" : "",
                   *joined_domains ? "  " : "", joined_domains);
        }
    }

  json_builder_end_array (builder);
  if (cli->json)
    bd_cli_print_json (builder);

  return BD_CLI_OK;
}

/* Forgets an outlet this archive added, or its change to a shipped one: reports not set by hand
 * follow the registry again. */
static int
remove_outlet (BdCli      *cli,
               BdArchive  *archive,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdOutlet) shipped = NULL;
  guint reclassified = 0;

  if (!bd_archive_remove_outlet (archive, name, &reclassified, &error))
    return bd_cli_error (cli, error);

  shipped = bd_outlet_registry_get_outlet (bd_archive_get_outlets (archive), name);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "level");
      if (shipped != NULL)
        json_builder_add_string_value (builder, bd_level_to_nick (bd_outlet_get_level (shipped)));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "reclassified");
      json_builder_add_int_value (builder, reclassified);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }
  else if (shipped != NULL)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Restored %s as shipped (%s); %u report changed level.\n",
                          "Restored %s as shipped (%s); %u reports changed level.\n",
                          reclassified),
             name, bd_level_to_label (bd_outlet_get_level (shipped)), reclassified);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Removed %s; %u report changed level.\n",
                          "Removed %s; %u reports changed level.\n",
                          reclassified),
             name, reclassified);

  return BD_CLI_OK;
}

int
bd_cli_outlets (BdCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *level_text = NULL;
  g_auto(GStrv) aliases = NULL;
  g_auto(GStrv) domains = NULL;
  guint reclassified = 0;
  BdLevel level;
  const GOptionEntry entries[] = {
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level_text,
      N_("The level of the outlet to add"), N_("LEVEL") },
    { "alias", 0, 0, G_OPTION_ARG_STRING_ARRAY, &aliases,
      N_("Another name of the outlet (may be repeated)"), N_("NAME") },
    { "domain", 0, 0, G_OPTION_ARG_STRING_ARRAY, &domains,
      N_("A web domain of the outlet (may be repeated)"), N_("DOMAIN") },
    { NULL }
  };

  context = bd_cli_option_context_new (cli, _("[list | add NAME | remove NAME]"),
                                       _("Lists the outlets Baodao knows, with their levels, "
                                         "adds one to this archive (it overrides the shipped list; "
                                         "reports from it take its level unless set by hand, and "
                                         "those stored under one of its other names take its "
                                         "name), or "
                                         "removes one this archive added or changed."),
                                       entries);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (argc == 1 || (argc == 2 && g_str_equal (argv[1], "list")))
    {
      if (!(archive = bd_cli_open_archive (cli)))
        return BD_CLI_FAILED;
      return list_outlets (cli, archive);
    }

  if (argc == 3 && g_str_equal (argv[1], "remove"))
    {
      if (!(archive = bd_cli_open_archive (cli)))
        return BD_CLI_FAILED;
      return remove_outlet (cli, archive, argv[2]);
    }

  if (argc != 3 || !g_str_equal (argv[1], "add"))
    return bd_cli_usage_error (cli, _("Use “outlets list”, “outlets add NAME --level LEVEL” or "
                                      "“outlets remove NAME”"));

  if (level_text == NULL)
    return bd_cli_usage_error (cli, _("An outlet needs a level: add --level"));
  if (!bd_cli_parse_level (cli, level_text, &level))
    return BD_CLI_USAGE;

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  if (!bd_archive_add_outlet (archive, argv[2], level,
                              (const char * const *)aliases, (const char * const *)domains,
                              &reclassified, &error))
    return bd_cli_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, argv[2]);
      json_builder_set_member_name (builder, "level");
      json_builder_add_string_value (builder, bd_level_to_nick (level));
      json_builder_set_member_name (builder, "reclassified");
      json_builder_add_int_value (builder, reclassified);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Added %s (%s); %u report changed.\n",
                          "Added %s (%s); %u reports changed.\n",
                          reclassified),
             argv[2], bd_level_to_label (level), reclassified);

  return BD_CLI_OK;
}
