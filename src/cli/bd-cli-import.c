/* bd-cli-import.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "bd-cli.h"
#include "bd-importer.h"

typedef struct
{
  BdCli    *cli;
  gboolean  show;
} ProgressState;

static void
on_progress (BdImporter *importer,
             guint       done,
             guint       total,
             const char *path,
             gpointer    user_data)
{
  ProgressState *state = user_data;

  if (state->show)
    g_printerr ("\r%u/%u", done, total);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} RunState;

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RunState *state = user_data;

  state->ok = bd_importer_run_finish (BD_IMPORTER (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

int
bd_cli_import (BdCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *level_text = NULL;
  g_auto(GStrv) tags = NULL;
  GPtrArray *items;
  RunState run = { 0 };
  ProgressState progress = { cli, FALSE };
  gint64 max_size_mb = 0;
  guint imported, duplicates, failed;
  guint interrupt_source;
  const GOptionEntry entries[] = {
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level_text,
      N_("Give every report this level instead of its outlet’s"), N_("LEVEL") },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Tag every report (may be repeated)"), N_("TAG") },
    { "max-size", 0, 0, G_OPTION_ARG_INT64, &max_size_mb,
      N_("Refuse files larger than this many megabytes (default 200)"), N_("MB") },
    { NULL }
  };
  BdLevel level;

  context = bd_cli_option_context_new (cli, _("PATH…"),
                                       _("Imports PDF and HTML reports; folders are imported with "
                                         "everything in them. Each file is imported, found to be a "
                                         "duplicate, or reported with the reason it failed. A "
                                         "bundle written by “export” is imported report by "
                                         "report, once every file in it has been checked.\n\n"
                                         "Exit status: 0 when no file failed, 1 when some did, 2 on "
                                         "usage errors."),
                                       entries);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (argc < 2)
    return bd_cli_usage_error (cli, _("Name the files or folders to import"));

  if (level_text != NULL && !bd_cli_parse_level (cli, level_text, &level))
    return BD_CLI_USAGE;

  if (max_size_mb < 0)
    return bd_cli_usage_error (cli, _("The size limit cannot be negative"));

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  importer = bd_importer_new (archive);
  if (level_text != NULL)
    bd_importer_set_level (importer, level);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    bd_importer_add_tag (importer, tags[i]);
  if (max_size_mb > 0)
    bd_importer_set_max_file_size (importer, (guint64)max_size_mb * 1024 * 1024);

  progress.show = !cli->json && isatty (STDERR_FILENO);
  g_signal_connect (importer, "progress", G_CALLBACK (on_progress), &progress);

  /* Ctrl+C finishes the report being written and stops: the archive stays consistent */
  interrupt_source = g_unix_signal_add (SIGINT, on_interrupt, cancellable);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  bd_importer_run_async (importer, (const char * const *)&argv[1], cancellable,
                         on_import_done, &run);
  g_main_loop_run (loop);
  g_source_remove (interrupt_source);

  if (progress.show)
    g_printerr ("\r");

  if (!run.ok && !g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      int status = bd_cli_error (cli, run.error);

      g_clear_error (&run.error);
      return status;
    }

  items = bd_importer_get_items (importer);
  imported = bd_importer_count (importer, BD_IMPORT_IMPORTED);
  duplicates = bd_importer_count (importer, BD_IMPORT_DUPLICATE);
  failed = bd_importer_count (importer, BD_IMPORT_FAILED);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "imported");
      json_builder_add_int_value (builder, imported);
      json_builder_set_member_name (builder, "duplicates");
      json_builder_add_int_value (builder, duplicates);
      json_builder_set_member_name (builder, "failed");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          BdImportItem *item = g_ptr_array_index (items, i);
          g_autofree char *path = g_filename_display_name (item->path);

          if (item->status != BD_IMPORT_FAILED)
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, path);
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, item->error->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "reports");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          BdImportItem *item = g_ptr_array_index (items, i);

          if (item->status == BD_IMPORT_IMPORTED)
            json_builder_add_int_value (builder, item->report_id);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          static const char * const statuses[] = { "imported", "duplicate", "failed" };
          BdImportItem *item = g_ptr_array_index (items, i);
          g_autofree char *path = g_filename_display_name (item->path);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, path);
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, statuses[item->status]);
          json_builder_set_member_name (builder, "report");
          if (item->report_id > 0)
            json_builder_add_int_value (builder, item->report_id);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "message");
          if (item->message != NULL)
            json_builder_add_string_value (builder, item->message);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "cancelled");
      json_builder_add_boolean_value (builder, !run.ok);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < items->len; i++)
        {
          BdImportItem *item = g_ptr_array_index (items, i);
          g_autofree char *path = g_filename_display_name (item->path);

          if (item->status == BD_IMPORT_FAILED)
            g_printerr (_("Failed: %s — %s\n"), path, item->error->message);
          else if (item->message != NULL)
            g_print (_("Duplicate: %s — %s\n"), path, item->message);
        }

      if (!run.ok)
        g_printerr (_("The import was interrupted; importing the same files again finishes it.\n"));

      g_print (_("Imported %u, duplicates %u, failed %u.\n"), imported, duplicates, failed);
    }

  g_clear_error (&run.error);

  return failed > 0 || !run.ok ? BD_CLI_FAILED : BD_CLI_OK;
}
