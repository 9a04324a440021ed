/* baodao-cli.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bd-cli.h"

static const struct {
  const char       *name;
  BdCliCommandFunc  func;
  const char       *summary;
} commands[] = {
  { "import", bd_cli_import, N_("Import PDF and HTML reports, files or whole folders") },
  { "search", bd_cli_search, N_("Find reports by their text, level, outlet, tag or date") },
  { "list", bd_cli_list, N_("List reports, newest first") },
  { "show", bd_cli_show, N_("Show one report") },
  { "tag", bd_cli_tag, N_("Change reports: level, outlet, title, date, tags") },
  { "delete", bd_cli_delete, N_("Remove reports and their stored originals") },
  { "stats", bd_cli_stats, N_("Count reports by level, outlet and month") },
  { "outlets", bd_cli_outlets, N_("List the outlets, or add one to the archive") },
  { "verify", bd_cli_verify, N_("Check the database and every stored original") },
  { "backup", bd_cli_backup, N_("Copy the archive while it is in use") },
  { "export", bd_cli_export, N_("Write chosen reports with their manifests into one zip, tar or 7z bundle") },
  { "verify-bundle", bd_cli_verify_bundle, N_("Check a bundle’s SHA-256 sums and manifest") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: baodao-cli [--archive DIR] COMMAND [OPTION…]"));
  fprintf (out, "%s\n\n", _("Baodao keeps a county’s media coverage in a searchable archive."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-13s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “baodao-cli COMMAND --help” for the options of a command."));
}

static void
setup_i18n (void)
{
  const char *localedir = g_getenv ("BAODAO_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  BdCli cli = { 0 };
  int command_index = 0;
  int status;

  setup_i18n ();
  g_set_prgname ("baodao-cli");

  /* The command is the first word that is not an option, so --archive may come before it. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--archive") || g_str_equal (argv[i], "-a"))
        i++;
      else if (argv[i][0] != '-')
        {
          command_index = i;
          break;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return BD_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("baodao-cli %s\n", PACKAGE_VERSION);
          return BD_CLI_OK;
        }
    }

  if (command_index == 0)
    {
      print_usage (stderr);
      return BD_CLI_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[command_index], commands[i].name))
        {
          cli.command = commands[i].name;

          /* the command parses the remaining arguments, the global ones included */
          memmove (&argv[command_index], &argv[command_index + 1],
                   (argc - command_index) * sizeof (char *));
          argc--;

          status = commands[i].func (&cli, argc, argv);
          g_free (cli.archive_path);
          return status;
        }
    }

  g_printerr (_("baodao-cli: “%s” is not a command\n\n"), argv[command_index]);
  print_usage (stderr);
  return BD_CLI_USAGE;
}
