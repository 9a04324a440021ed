/* bd-cli-export.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "bd-bundle.h"
#include "bd-cli.h"
#include "bd-exporter.h"

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} RunState;

static void
on_progress (BdExporter *exporter,
             guint       done,
             guint       total,
             const char *path,
             gpointer    user_data)
{
  g_printerr ("\r%u/%u", done, total);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RunState *state = user_data;

  state->ok = bd_exporter_run_finish (BD_EXPORTER (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

/* The format a file name asks for, zip when it says none. */
static BdBundleFormat
format_from_name (const char *path)
{
  static const struct {
    const char     *suffix;
    BdBundleFormat  format;
  } suffixes[] = {
    { ".tar.gz", BD_BUNDLE_TAR_GZ },
    { ".tgz", BD_BUNDLE_TAR_GZ },
    { ".tar.xz", BD_BUNDLE_TAR_XZ },
    { ".txz", BD_BUNDLE_TAR_XZ },
    { ".7z", BD_BUNDLE_7Z },
  };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      if (g_str_has_suffix (lower, suffixes[i].suffix))
        return suffixes[i].format;
    }

  return BD_BUNDLE_ZIP;
}

int
bd_cli_export (BdCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(BdExporter) exporter = NULL;
  g_autoptr(BdQuery) query = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *quarter = NULL;
  g_autofree char *year = NULL;
  g_auto(GStrv) levels = NULL;
  g_auto(GStrv) outlets = NULL;
  g_auto(GStrv) tags = NULL;
  gboolean overwrite = FALSE;
  gboolean show_progress;
  BdBundleFormat format;
  RunState run = { 0 };
  guint interrupt_source;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The bundle to write"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("zip (the default), tar.gz, tar.xz or 7z; taken from the file name when not given"),
      N_("FORMAT") },
    { "quarter", 'q', 0, G_OPTION_ARG_STRING, &quarter,
      N_("Only reports published in this quarter (2023Q3), month or year"), N_("PERIOD") },
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year,
      N_("Only reports published in this year"), N_("YEAR") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Only reports published on or after this date"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Only reports published on or before this date"), N_("DATE") },
    { "level", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &levels,
      N_("Only reports of this level (may be repeated)"), N_("LEVEL") },
    { "outlet", 0, 0, G_OPTION_ARG_STRING_ARRAY, &outlets,
      N_("Only reports from an outlet whose name contains this"), N_("OUTLET") },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Only reports with this tag (may be repeated: all of them)"), N_("TAG") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("Name the bundle’s folder with this before the period (default: 宣传报道)"), N_("TITLE") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
      N_("Replace the file if it exists"), NULL },
    { NULL }
  };

  context = bd_cli_option_context_new (cli, _("[QUERY…] -o FILE"),
                                       _("Writes the chosen reports into one bundle to hand on or "
                                         "file away: the originals in a folder per level, named "
                                         "date_outlet_title, with manifest.csv, manifest.xlsx, "
                                         "manifest.json, 统计.txt and SHA256SUMS. The same reports "
                                         "always give the same bytes. Another archive takes the "
                                         "bundle in with “baodao-cli import FILE”."),
                                       entries);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (output == NULL)
    return bd_cli_usage_error (cli, _("Name the bundle to write with -o FILE"));

  if (quarter != NULL && year != NULL)
    return bd_cli_usage_error (cli, _("Give either --quarter or --year, not both"));

  format = format_from_name (output);
  if (format_text != NULL && !bd_bundle_format_parse (format_text, &format, &error))
    return bd_cli_usage_error (cli, "%s", error->message);

  text = g_strjoinv (" ", &argv[1]);
  if (!(query = bd_query_parse (text, &error)))
    return bd_cli_usage_error (cli, "%s", error->message);

  if (!bd_cli_apply_filters (cli, query, levels, outlets, tags, from, to,
                             quarter != NULL ? quarter : year))
    return BD_CLI_USAGE;

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  exporter = bd_exporter_new (archive);
  bd_exporter_set_query (exporter, query);
  bd_exporter_set_format (exporter, format);
  bd_exporter_set_overwrite (exporter, overwrite);
  if (title != NULL)
    bd_exporter_set_title (exporter, title);

  show_progress = !cli->json && isatty (STDERR_FILENO);
  if (show_progress)
    g_signal_connect (exporter, "progress", G_CALLBACK (on_progress), NULL);

  /* Ctrl+C stops the export and removes the unfinished file */
  interrupt_source = g_unix_signal_add (SIGINT, on_interrupt, cancellable);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  bd_exporter_run_async (exporter, output, cancellable, on_export_done, &run);
  g_main_loop_run (loop);
  g_source_remove (interrupt_source);

  if (show_progress)
    g_printerr ("\r");

  if (!run.ok)
    {
      int status = bd_cli_error (cli, run.error);

      g_clear_error (&run.error);
      return status;
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *file = g_filename_display_name (output);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, file);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, bd_bundle_format_to_nick (format));
      json_builder_set_member_name (builder, "reports");
      json_builder_add_int_value (builder, bd_exporter_get_n_reports (exporter));
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, bd_exporter_get_size (exporter));
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, bd_exporter_get_sha256 (exporter));
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }
  else
    {
      g_autofree char *file = g_filename_display_name (output);
      g_autofree char *size = g_format_size (bd_exporter_get_size (exporter));
      guint n_reports = bd_exporter_get_n_reports (exporter);

      g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u report to %s (%s).\n",
                            "Exported %u reports to %s (%s).\n", n_reports),
               n_reports, file, size);
      g_print ("SHA-256: %s\n", bd_exporter_get_sha256 (exporter));
    }

  return BD_CLI_OK;
}

int
bd_cli_verify_bundle (BdCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;

  context = bd_cli_option_context_new (cli, _("FILE"),
                                       _("Checks a bundle written by export: every SHA-256 in "
                                         "SHA256SUMS, and that manifest.json lists exactly the "
                                         "originals it holds.\n\n"
                                         "Exit status: 0 when the bundle is sound, 1 with each "
                                         "problem named, 2 on usage errors."),
                                       NULL);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (argc != 2)
    return bd_cli_usage_error (cli, _("Name one bundle to check"));

  if (!bd_bundle_verify (argv[1], &problems, NULL, &error))
    return bd_cli_error (cli, error);

  file = g_filename_display_name (argv[1]);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, file);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, problems->len == 0);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (problems, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }
  else if (problems->len == 0)
    g_print (_("%s is sound: every file matches its SHA-256 and the manifest.\n"), file);
  else
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s\n", (const char *)g_ptr_array_index (problems, i));
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s has %u problem.\n", "%s has %u problems.\n",
                               problems->len),
                  file, problems->len);
    }

  return problems->len == 0 ? BD_CLI_OK : BD_CLI_FAILED;
}
