/* bd-failures-dialog.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-failures-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-failures-dialog.h"
#include "bd-importer.h"

/* The files an import could not take, each with its reason, so that staff can fix or replace
 * them: a toast says how many, this says which. */
struct _BdFailuresDialog
{
  AdwMessageDialog  parent_instance;

  GtkListBox       *failures_list;
  guint             n_failures;
};

G_DEFINE_FINAL_TYPE (BdFailuresDialog, bd_failures_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
bd_failures_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BD_TYPE_FAILURES_DIALOG);

  G_OBJECT_CLASS (bd_failures_dialog_parent_class)->dispose (object);
}

static void
bd_failures_dialog_class_init (BdFailuresDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_failures_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-failures-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BdFailuresDialog, failures_list);
}

static void
bd_failures_dialog_init (BdFailuresDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bd_failures_dialog_new:
 * @parent: the window the import ran in
 * @items: (element-type BdImportItem): what became of each file; only failures are listed
 */
GtkWidget *
bd_failures_dialog_new (GtkWindow *parent,
                        GPtrArray *items)
{
  BdFailuresDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  self = g_object_new (BD_TYPE_FAILURES_DIALOG,
                       "transient-for", parent,
                       NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const BdImportItem *item = g_ptr_array_index (items, i);
      g_autofree char *name = NULL;
      GtkWidget *row;

      if (item->status != BD_IMPORT_FAILED)
        continue;

      name = g_filename_display_basename (item->path);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   item->error != NULL ? item->error->message : "");
      gtk_widget_set_tooltip_text (row, item->path);
      gtk_list_box_append (self->failures_list, row);
      self->n_failures++;
    }

  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self),
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "%u File Was Not Imported",
                                                  "%u Files Were Not Imported",
                                                  self->n_failures),
                                     self->n_failures);

  return GTK_WIDGET (self);
}

guint
bd_failures_dialog_get_n_failures (BdFailuresDialog *self)
{
  g_return_val_if_fail (BD_IS_FAILURES_DIALOG (self), 0);

  return self->n_failures;
}
