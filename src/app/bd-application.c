/* bd-application.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-application.h"
#include "bd-archive.h"
#include "bd-window.h"

struct _BdApplication
{
  AdwApplication  parent_instance;

  char           *archive_path;
};

G_DEFINE_FINAL_TYPE (BdApplication, bd_application, ADW_TYPE_APPLICATION)

static void
bd_application_finalize (GObject *object)
{
  BdApplication *self = (BdApplication *)object;

  g_clear_pointer (&self->archive_path, g_free);

  G_OBJECT_CLASS (bd_application_parent_class)->finalize (object);
}

static int
bd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  BdApplication *self = (BdApplication *)app;
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "archive", "^&ay", &path))
    {
      g_free (self->archive_path);
      self->archive_path = g_canonicalize_filename (path, NULL);
    }

  return G_APPLICATION_CLASS (bd_application_parent_class)->handle_local_options (app, options);
}

static void
on_open_failed_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            BdApplication    *self)
{
  g_application_release (G_APPLICATION (self));
}

static void
show_open_error (BdApplication *self,
                 const char    *path,
                 const GError  *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Cannot Open the Archive"), NULL));
  adw_message_dialog_format_body (dialog, "%s\n\n%s", path, error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  /* the dialog is the only window: hold the application until it is answered */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_failed_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bd_application_activate (GApplication *app)
{
  BdApplication *self = (BdApplication *)app;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* the window holds the archive: when it opens another one, the sample archive or back, it
   * hands over to a new window and the archive it leaves is closed */
  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdArchive) archive = NULL;
      g_autofree char *path = self->archive_path != NULL ? g_strdup (self->archive_path)
                                                         : bd_archive_default_path ();

      if (!(archive = bd_archive_open (path, &error)))
        {
          show_open_error (self, path, error);
          return;
        }

      window = GTK_WINDOW (bd_window_new (GTK_APPLICATION (self), archive));
    }

  gtk_window_present (window);
}

static void
bd_application_startup (GApplication *app)
{
  static const char *help_accels[] = { "<Control>question", "<Control>slash", NULL };

  G_APPLICATION_CLASS (bd_application_parent_class)->startup (app);

  /* after GTK found gtk/help-overlay.ui and gave it only Ctrl+? */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         help_accels);
}

static void
bd_application_class_init (BdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bd_application_finalize;
  app_class->handle_local_options = bd_application_handle_local_options;
  app_class->startup = bd_application_startup;
  app_class->activate = bd_application_activate;
}

static void
bd_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
bd_application_import_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (BD_IS_WINDOW (window))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.import-files", NULL);
}

static void
bd_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Baodao authors", NULL };
  BdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Baodao"),
                         "application-icon", APP_ID,
                         "comments", _("Keep a county’s media coverage in a searchable archive"),
                         "developer-name", _("The Baodao authors"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "copyright", _("© 2026 The Baodao authors"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one a line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", bd_application_quit_action },
  { "about", bd_application_about_action },
  { "import", bd_application_import_action },
};

static void
bd_application_init (BdApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  const GOptionEntry options[] = {
    { "archive", 'a', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The archive folder (default: $BAODAO_ARCHIVE or ~/.local/share/baodao)"), N_("DIR") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.import", import_accels);
}

BdApplication *
bd_application_new (void)
{
  return g_object_new (BD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/baodao/Baodao",
                       NULL);
}
