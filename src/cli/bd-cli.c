/* bd-cli.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "bd-cli.h"

/**
 * bd_cli_option_context_new:
 * @parameters: what follows the options, e.g. "PATH…"
 * @entries: the command's own options
 *
 * Every command takes --archive and --json beside its own options.
 */
GOptionContext *
bd_cli_option_context_new (BdCli              *cli,
                           const char         *parameters,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  const GOptionEntry common_entries[] = {
    { "archive", 'a', 0, G_OPTION_ARG_FILENAME, &cli->archive_path,
      N_("The archive folder (default: $BAODAO_ARCHIVE or ~/.local/share/baodao)"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print machine-readable JSON"), NULL },
    { NULL }
  };
  g_autofree char *full_parameters = g_strdup_printf ("%s %s", cli->command, parameters);
  GOptionContext *context = g_option_context_new (full_parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);

  return context;
}

gboolean
bd_cli_parse (BdCli            *cli,
              GOptionContext   *context,
              int              *argc,
              char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      bd_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }

  /* GLib leaves the "--" that ends the options in place when what follows it starts with a
   * dash, so `search -- -茶` would look for "--" too */
  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal ((*argv)[i], "--"))
        {
          memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i - 1) * sizeof (char *));
          (*argc)--;
          (*argv)[*argc] = NULL;
          break;
        }
    }

  return TRUE;
}

int
bd_cli_usage_error (BdCli      *cli,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("baodao-cli %s: %s\n", cli->command, message);
  g_printerr (_("Run “baodao-cli %s --help” to see its options.\n"), cli->command);

  return BD_CLI_USAGE;
}

int
bd_cli_error (BdCli        *cli,
              const GError *error)
{
  g_printerr ("baodao-cli %s: %s\n", cli->command, error->message);

  return BD_CLI_FAILED;
}

/**
 * bd_cli_open_archive:
 *
 * Opens the archive named by --archive, $BAODAO_ARCHIVE or the default, printing why when it
 * cannot.
 *
 * Returns: (transfer full) (nullable): the archive
 */
BdArchive *
bd_cli_open_archive (BdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cli->archive_path != NULL ? g_strdup (cli->archive_path)
                                                    : bd_archive_default_path ();
  BdArchive *archive;

  if (!(archive = bd_archive_open (path, &error)))
    bd_cli_error (cli, error);

  return archive;
}

gboolean
bd_cli_parse_id (BdCli      *cli,
                 const char *text,
                 gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      bd_cli_usage_error (cli, _("“%s” is not a report number"), text);
      return FALSE;
    }

  *id = value;
  return TRUE;
}

gboolean
bd_cli_parse_level (BdCli      *cli,
                    const char *text,
                    BdLevel    *level)
{
  g_autoptr(GError) error = NULL;

  if (!bd_level_parse (text, level, &error))
    {
      bd_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

void
bd_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  g_print ("%s\n", text);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The members of a report's JSON object; the caller opens and closes the object. */
void
bd_cli_add_report (JsonBuilder *builder,
                   BdReport    *report)
{
  const char * const *tags = bd_report_get_tags (report);
  g_autofree char *imported_at = g_date_time_format_iso8601 (bd_report_get_imported_at (report));

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, bd_report_get_id (report));
  add_string_or_null (builder, "title", bd_report_get_title (report));
  add_string_or_null (builder, "outlet", bd_report_get_outlet (report));
  add_string_or_null (builder, "level", bd_level_to_nick (bd_report_get_level (report)));
  add_string_or_null (builder, "date", bd_report_get_date (report));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  add_string_or_null (builder, "source_url", bd_report_get_source_url (report));
  add_string_or_null (builder, "source_path", bd_report_get_import_path (report));
  add_string_or_null (builder, "file_name", bd_report_get_file_name (report));
  add_string_or_null (builder, "media_type", bd_report_get_media_type (report));
  add_string_or_null (builder, "sha256", bd_report_get_sha256 (report));
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, bd_report_get_size (report));
  json_builder_set_member_name (builder, "pages");
  json_builder_add_int_value (builder, bd_report_get_n_pages (report));
  add_string_or_null (builder, "imported_at", imported_at);
}

gboolean
bd_cli_stdout_is_terminal (void)
{
  return isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL;
}
