/* bd-export-dialog.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-export-dialog-private.h"
#include "bd-periods.h"

/* What to export and how: the window runs the export itself, with its progress and a way to
 * cancel, once a file is chosen. */
struct _BdExportDialog
{
  AdwWindow        parent_instance;

  BdArchive       *archive;
  BdQuery         *query;
  GArray          *ids;
  /* NULL until they are listed, on a worker thread */
  GPtrArray       *quarters;
  GCancellable    *quarters_cancellable;

  AdwActionRow    *search_row;
  AdwActionRow    *selected_row;
  AdwActionRow    *quarter_row;
  GtkCheckButton  *search_check;
  GtkCheckButton  *selected_check;
  GtkCheckButton  *quarter_check;
  GtkDropDown     *quarter_dropdown;
  GtkSpinner      *quarter_spinner;
  AdwEntryRow     *title_row;
  AdwComboRow     *format_row;
  GtkWidget       *export_button;
};

G_DEFINE_FINAL_TYPE (BdExportDialog, bd_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORT,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static BdExportChoice
get_choice (BdExportDialog *self)
{
  if (gtk_check_button_get_active (self->selected_check))
    return BD_EXPORT_SELECTED;
  if (gtk_check_button_get_active (self->quarter_check))
    return BD_EXPORT_QUARTER;
  return BD_EXPORT_SEARCH;
}

static const BdPeriod *
get_quarter (BdExportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->quarter_dropdown);

  if (self->quarters == NULL || selected >= self->quarters->len)
    return NULL;

  return g_ptr_array_index (self->quarters, selected);
}

/* A quarter can be exported once the quarters are listed. */
static void
update_export_button (BdExportDialog *self)
{
  gtk_widget_set_sensitive (self->export_button,
                            get_choice (self) != BD_EXPORT_QUARTER || get_quarter (self) != NULL);
}

static char *
get_title (BdExportDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *title = g_strstrip (g_strdup (text));

  return *title != '\0' ? g_steal_pointer (&title) : g_strdup (BD_EXPORTER_DEFAULT_TITLE);
}

/**
 * bd_export_dialog_suggest_name:
 *
 * Returns: (transfer full): the file name the save dialog proposes: the title, the quarter if
 *   one was chosen, and the format's extension
 */
char *
bd_export_dialog_suggest_name (BdExportDialog *self)
{
  g_autofree char *title = NULL;
  const char *nick;
  const BdPeriod *quarter;

  g_return_val_if_fail (BD_IS_EXPORT_DIALOG (self), NULL);

  title = get_title (self);
  nick = bd_bundle_format_to_nick (adw_combo_row_get_selected (self->format_row));
  quarter = get_quarter (self);

  if (get_choice (self) == BD_EXPORT_QUARTER && quarter != NULL)
    return g_strdup_printf ("%s_%s.%s", title, quarter->name, nick);

  return g_strdup_printf ("%s.%s", title, nick);
}

/**
 * bd_export_dialog_export_to:
 * @file: where the bundle goes
 *
 * Sets up an exporter as chosen, hands it to whoever listens to #BdExportDialog::export and
 * closes the dialog.
 */
void
bd_export_dialog_export_to (BdExportDialog *self,
                            GFile          *file)
{
  g_autoptr(BdExporter) exporter = NULL;
  g_autofree char *title = NULL;
  const BdPeriod *quarter;

  g_return_if_fail (BD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  title = get_title (self);
  exporter = bd_exporter_new (self->archive);
  bd_exporter_set_title (exporter, title);
  bd_exporter_set_format (exporter, adw_combo_row_get_selected (self->format_row));
  /* the file chooser has asked before a file is replaced */
  bd_exporter_set_overwrite (exporter, TRUE);

  switch (get_choice (self))
    {
    case BD_EXPORT_SELECTED:
      bd_exporter_set_ids (exporter, (const gint64 *)self->ids->data, self->ids->len);
      break;

    case BD_EXPORT_QUARTER:
      {
        g_autoptr(BdQuery) query = bd_query_parse ("", NULL);

        quarter = get_quarter (self);
        g_return_if_fail (quarter != NULL);
        bd_query_restrict_dates (query, quarter->first_day, quarter->last_day);
        bd_exporter_set_query (exporter, query);
      }
      break;

    case BD_EXPORT_SEARCH:
    default:
      bd_exporter_set_query (exporter, self->query);
      break;
    }

  g_signal_emit (self, signals [EXPORT], 0, exporter, file);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        BdExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      bd_export_dialog_export_to (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_export_clicked_cb (GtkButton      *button,
                      BdExportDialog *self)
{
  g_autofree char *name = bd_export_dialog_suggest_name (self);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Reports"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_quarter_selected_cb (GtkDropDown    *dropdown,
                        GParamSpec     *pspec,
                        BdExportDialog *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->quarter_row)))
    gtk_check_button_set_active (self->quarter_check, TRUE);
}

static void
on_choice_toggled_cb (GtkCheckButton *check,
                      BdExportDialog *self)
{
  update_export_button (self);
}

static void
on_quarters_listed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BdExportDialog) self = user_data;
  g_autoptr(GtkStringList) labels = NULL;
  g_autoptr(GError) error = NULL;

  self->quarters = bd_periods_list_finish (BD_ARCHIVE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->quarters_cancellable);
  gtk_spinner_set_spinning (self->quarter_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->quarter_spinner), FALSE);

  if (self->quarters == NULL)
    {
      g_warning ("%s", error->message);
      self->quarters = g_ptr_array_new ();
    }

  labels = gtk_string_list_new (NULL);
  for (guint i = 0; i < self->quarters->len; i++)
    gtk_string_list_append (labels, ((BdPeriod *)g_ptr_array_index (self->quarters, i))->label);

  /* the first quarter picks itself: that is no choice of a quarter */
  g_signal_handlers_block_by_func (self->quarter_dropdown, on_quarter_selected_cb, self);
  gtk_drop_down_set_model (self->quarter_dropdown, G_LIST_MODEL (labels));
  g_signal_handlers_unblock_by_func (self->quarter_dropdown, on_quarter_selected_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->quarter_dropdown), TRUE);

  if (self->quarters->len == 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->quarter_row), FALSE);
      if (get_choice (self) == BD_EXPORT_QUARTER)
        bd_export_dialog_set_choice (self, self->ids->len > 0 ? BD_EXPORT_SELECTED
                                                                : BD_EXPORT_SEARCH);
    }

  update_export_button (self);
}

static void
bd_export_dialog_dispose (GObject *object)
{
  BdExportDialog *self = (BdExportDialog *)object;

  g_cancellable_cancel (self->quarters_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->quarters_cancellable);
  g_clear_object (&self->archive);
  g_clear_object (&self->query);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->quarters, g_ptr_array_unref);

  G_OBJECT_CLASS (bd_export_dialog_parent_class)->dispose (object);
}

static void
bd_export_dialog_class_init (BdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_export_dialog_dispose;

  /**
   * BdExportDialog::export:
   * @exporter: set up to write what was chosen
   * @file: where
   */
  signals [EXPORT] =
    g_signal_new ("export",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BD_TYPE_EXPORTER, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, search_row);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, selected_row);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, quarter_row);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, search_check);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, selected_check);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, quarter_check);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, quarter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, quarter_spinner);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, BdExportDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_quarter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_toggled_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bd_export_dialog_init (BdExportDialog *self)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *title = NULL;
  g_autofree char *format_nick = NULL;
  BdBundleFormat format;

  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* what the preferences say, which the dialog does not change */
  settings = g_settings_new (SCHEMA_ID);
  title = g_settings_get_string (settings, "export-title");
  format_nick = g_settings_get_string (settings, "export-format");
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         *g_strstrip (title) != '\0' ? title : BD_EXPORTER_DEFAULT_TITLE);
  if (bd_bundle_format_parse (format_nick, &format, NULL))
    adw_combo_row_set_selected (self->format_row, format);
}

/**
 * bd_export_dialog_new:
 * @query: the search listed in the window, with its filters
 * @n_found: how many reports it found
 * @ids: (array length=n_ids): the selected reports
 *
 * Returns: (transfer floating): a dialog that offers the search, the selected reports (when
 *   there are any) or a quarter, once the quarters are listed
 */
GtkWidget *
bd_export_dialog_new (GtkWindow    *parent,
                      BdArchive    *archive,
                      BdQuery      *query,
                      guint         n_found,
                      const gint64 *ids,
                      guint         n_ids)
{
  BdExportDialog *self;
  g_autofree char *found = NULL;
  g_autofree char *selected = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BD_IS_ARCHIVE (archive), NULL);
  g_return_val_if_fail (BD_IS_QUERY (query), NULL);

  self = g_object_new (BD_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->archive = g_object_ref (archive);
  self->query = g_object_ref (query);
  g_array_append_vals (self->ids, ids, n_ids);

  found = g_strdup_printf (ngettext ("%u report", "%u reports", n_found), n_found);
  adw_action_row_set_subtitle (self->search_row, found);
  selected = g_strdup_printf (ngettext ("%u report", "%u reports", n_ids), n_ids);
  adw_action_row_set_subtitle (self->selected_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->selected_row), n_ids > 0);

  bd_export_dialog_set_choice (self, n_ids > 0 ? BD_EXPORT_SELECTED : BD_EXPORT_SEARCH);

  /* counting an archive's reports by date takes a while: the dialog opens meanwhile */
  self->quarters_cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->quarter_spinner, TRUE);
  bd_periods_list_async (archive, FALSE, self->quarters_cancellable, on_quarters_listed_cb,
                         g_object_ref (self));

  return GTK_WIDGET (self);
}

void
bd_export_dialog_set_choice (BdExportDialog *self,
                             BdExportChoice  choice)
{
  g_return_if_fail (BD_IS_EXPORT_DIALOG (self));

  switch (choice)
    {
    case BD_EXPORT_SELECTED:
      gtk_check_button_set_active (self->selected_check, TRUE);
      break;
    case BD_EXPORT_QUARTER:
      gtk_check_button_set_active (self->quarter_check, TRUE);
      break;
    case BD_EXPORT_SEARCH:
    default:
      gtk_check_button_set_active (self->search_check, TRUE);
      break;
    }
}

void
bd_export_dialog_set_format (BdExportDialog *self,
                             BdBundleFormat  format)
{
  g_return_if_fail (BD_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->format_row, format);
}

gboolean
_bd_export_dialog_is_busy (BdExportDialog *self)
{
  return self->quarters_cancellable != NULL;
}
