/* bd-bulk-editor.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-bulk-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-bulk-editor-private.h"
#include "bd-report.h"
#include "bd-tag-completion.h"
#include "bd-toast.h"

/* The level row's first choice stands for reports of different levels: it changes nothing. */
#define MIXED_LEVEL 0

/* Several reports selected at once: a level or a tag set on all of them in one transaction, so
 * that they change together or not at all. */
struct _BdBulkEditor
{
  GtkWidget            parent_instance;

  BdArchive           *archive;
  GPtrArray           *reports;
  GPtrArray           *tag_rows;
  BdTagCompletion     *tag_completion;
  /* set while the fields are filled, so that no change is saved back */
  gboolean             loading;
  /* cancelled only when the editor goes: a change asked for is saved even when the selection
   * changes meanwhile */
  GCancellable        *save_cancellable;
  gboolean             saving;
  gboolean             adding_tag;

  GtkLabel            *heading_label;
  AdwPreferencesGroup *level_group;
  GtkSpinner          *save_spinner;
  AdwComboRow         *level_row;
  AdwPreferencesGroup *tags_group;
  AdwEntryRow         *add_tag_row;
};

G_DEFINE_FINAL_TYPE (BdBulkEditor, bd_bulk_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARCHIVE,
  N_PROPS
};

enum {
  REPORTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void on_remove_tag_clicked_cb (GtkButton    *button,
                                      BdBulkEditor *self);

/* Every tag any of the reports has, with how many have it, in the order first met. */
static void
fill_tags (BdBulkEditor *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  for (guint i = 0; i < self->tag_rows->len; i++)
    adw_preferences_group_remove (self->tags_group, g_ptr_array_index (self->tag_rows, i));
  g_ptr_array_set_size (self->tag_rows, 0);

  for (guint i = 0; i < self->reports->len; i++)
    {
      const char * const *report_tags = bd_report_get_tags (g_ptr_array_index (self->reports, i));

      for (guint j = 0; report_tags != NULL && report_tags[j] != NULL; j++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, report_tags[j]));

          if (n == 0)
            g_ptr_array_add (tags, (gpointer)report_tags[j]);
          g_hash_table_insert (counts, (gpointer)report_tags[j], GUINT_TO_POINTER (n + 1));
        }
    }

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, tag));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *subtitle = NULL;

      /* Translators: how many of the selected reports have a tag */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "In %u of %u report",
                                               "In %u of %u reports",
                                               self->reports->len),
                                  n, self->reports->len);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tag);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove from All"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove from All"),
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (tag), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_tag_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->tags_group, row);
      g_ptr_array_add (self->tag_rows, row);
    }
}

static void
fill_fields (BdBulkEditor *self)
{
  g_autofree char *heading = NULL;
  guint level = MIXED_LEVEL;

  self->loading = TRUE;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u Report Selected",
                                          "%u Reports Selected",
                                          self->reports->len),
                             self->reports->len);
  gtk_label_set_text (self->heading_label, heading);

  for (guint i = 0; i < self->reports->len; i++)
    {
      guint report_level = 1 + bd_report_get_level (g_ptr_array_index (self->reports, i));

      if (i == 0)
        level = report_level;
      else if (level != report_level)
        {
          level = MIXED_LEVEL;
          break;
        }
    }
  adw_combo_row_set_selected (self->level_row, level);
  fill_tags (self);

  self->loading = FALSE;
}

static void
set_saving (BdBulkEditor *self,
            gboolean      saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (GTK_WIDGET (self->level_group), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tags_group), !saving);
  gtk_widget_set_visible (GTK_WIDGET (self->save_spinner), saving);
  gtk_spinner_set_spinning (self->save_spinner, saving);
}

/* Whether @reports are the ones the editor shows, which they no longer are when the selection
 * changed while they were saved. */
static gboolean
shows_reports (BdBulkEditor *self,
               GPtrArray    *reports)
{
  if (reports->len != self->reports->len)
    return FALSE;

  for (guint i = 0; i < reports->len; i++)
    if (bd_report_get_id (g_ptr_array_index (reports, i)) !=
        bd_report_get_id (g_ptr_array_index (self->reports, i)))
      return FALSE;

  return TRUE;
}

static void
on_changes_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BdBulkEditor) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = bd_archive_update_reports_finish (BD_ARCHIVE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_saving (self, FALSE);

  if (reports == NULL)
    {
      bd_toast_show_unsaved (GTK_WIDGET (self), error);
      fill_fields (self);
      return;
    }

  if (shows_reports (self, reports))
    {
      if (self->adding_tag)
        gtk_editable_set_text (GTK_EDITABLE (self->add_tag_row), "");
      g_ptr_array_unref (self->reports);
      self->reports = g_ptr_array_ref (reports);
      fill_fields (self);
    }

  g_signal_emit (self, signals [REPORTS_CHANGED], 0, reports);
}

/* Saves a change to all the reports on a worker thread, the fields insensitive until it is
 * done, then shows them as they read back, since the archive may change more than was asked. */
static void
save_changes (BdBulkEditor          *self,
              const BdReportChanges *changes)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->reports->len);

  g_assert (self->archive != NULL);

  /* the fields are insensitive meanwhile: nothing a person does gets here */
  if (self->saving)
    return;

  for (guint i = 0; i < self->reports->len; i++)
    {
      gint64 id = bd_report_get_id (g_ptr_array_index (self->reports, i));

      g_array_append_val (ids, id);
    }

  self->adding_tag = changes->add_tags != NULL;
  set_saving (self, TRUE);
  bd_archive_update_reports_async (self->archive, (const gint64 *)ids->data, ids->len, changes,
                                   self->save_cancellable, on_changes_saved_cb,
                                   g_object_ref (self));
}

static void
on_level_selected_cb (AdwComboRow  *row,
                      GParamSpec   *pspec,
                      BdBulkEditor *self)
{
  BdReportChanges changes = { .set_level = TRUE };
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading || self->saving || self->reports->len == 0 || selected == MIXED_LEVEL ||
      selected > BD_N_LEVELS)
    return;

  changes.level = selected - 1;
  save_changes (self, &changes);
}

static void
on_add_tag_apply_cb (AdwEntryRow  *row,
                     BdBulkEditor *self)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  const char *add[] = { tag, NULL };
  BdReportChanges changes = { .add_tags = add };

  if (*tag == '\0' || self->reports->len == 0)
    return;

  save_changes (self, &changes);
}

static void
on_remove_tag_clicked_cb (GtkButton    *button,
                          BdBulkEditor *self)
{
  const char *remove[] = { g_object_get_data (G_OBJECT (button), "tag"), NULL };
  BdReportChanges changes = { .remove_tags = remove };

  save_changes (self, &changes);
}

static void
bd_bulk_editor_dispose (GObject *object)
{
  BdBulkEditor *self = (BdBulkEditor *)object;

  g_cancellable_cancel (self->save_cancellable);
  /* first: it takes its popover from the entry, which the template's disposal destroys */
  g_clear_object (&self->tag_completion);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_BULK_EDITOR);
  g_clear_object (&self->save_cancellable);
  g_clear_object (&self->archive);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bd_bulk_editor_parent_class)->dispose (object);
}

static void
bd_bulk_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BdBulkEditor *self = BD_BULK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ARCHIVE:
      g_value_set_object (value, self->archive);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_bulk_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BdBulkEditor *self = BD_BULK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ARCHIVE:
      bd_bulk_editor_set_archive (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_bulk_editor_class_init (BdBulkEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_bulk_editor_dispose;
  object_class->get_property = bd_bulk_editor_get_property;
  object_class->set_property = bd_bulk_editor_set_property;

  properties [PROP_ARCHIVE] =
    g_param_spec_object ("archive", NULL, NULL,
                         BD_TYPE_ARCHIVE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BdBulkEditor::reports-changed:
   * @reports: (element-type BdReport): the reports as the archive has them now
   *
   * Emitted after a change to all the reports was saved.
   */
  signals [REPORTS_CHANGED] =
    g_signal_new ("reports-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-bulk-editor.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* bound for gtk_widget_dispose_template() to unparent; no field needs it */
  gtk_widget_class_bind_template_child_full (widget_class, "scroller", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, BdBulkEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, BdBulkEditor, level_group);
  gtk_widget_class_bind_template_child (widget_class, BdBulkEditor, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, BdBulkEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, BdBulkEditor, tags_group);
  gtk_widget_class_bind_template_child (widget_class, BdBulkEditor, add_tag_row);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_tag_apply_cb);
}

static void
bd_bulk_editor_init (BdBulkEditor *self)
{
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);

  self->reports = g_ptr_array_new_with_free_func (g_object_unref);
  self->tag_rows = g_ptr_array_new ();
  self->save_cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->tag_completion = bd_tag_completion_new (self->add_tag_row);

  /* Translators: the level of selected reports that do not all have the same */
  gtk_string_list_append (levels, _("Mixed"));
  for (guint i = 0; i < BD_N_LEVELS; i++)
    gtk_string_list_append (levels, bd_level_to_label (i));
  self->loading = TRUE;
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
  self->loading = FALSE;
}

BdArchive *
bd_bulk_editor_get_archive (BdBulkEditor *self)
{
  g_return_val_if_fail (BD_IS_BULK_EDITOR (self), NULL);

  return self->archive;
}

void
bd_bulk_editor_set_archive (BdBulkEditor *self,
                            BdArchive    *archive)
{
  g_return_if_fail (BD_IS_BULK_EDITOR (self));
  g_return_if_fail (archive == NULL || BD_IS_ARCHIVE (archive));

  if (!g_set_object (&self->archive, archive))
    return;

  bd_tag_completion_set_archive (self->tag_completion, archive);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ARCHIVE]);
}

/**
 * bd_bulk_editor_set_reports:
 * @reports: (element-type BdReport): the selected reports
 */
void
bd_bulk_editor_set_reports (BdBulkEditor *self,
                            GPtrArray    *reports)
{
  g_return_if_fail (BD_IS_BULK_EDITOR (self));
  g_return_if_fail (reports != NULL);

  g_ptr_array_set_size (self->reports, 0);
  for (guint i = 0; i < reports->len; i++)
    g_ptr_array_add (self->reports, g_object_ref (g_ptr_array_index (reports, i)));
  gtk_editable_set_text (GTK_EDITABLE (self->add_tag_row), "");
  fill_fields (self);
}

gboolean
_bd_bulk_editor_is_busy (BdBulkEditor *self)
{
  return self->saving;
}
