/* bd-tag-completion.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-tag-completion"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bd-tag-completion.h"

#define MAX_MATCHES 8

/* The archive's tags that hold what is typed in a tag entry, in a popover under it, the most
 * used first: choosing one applies it as the entry's apply button does. GtkEntryCompletion
 * needs a GtkEntry, which an AdwEntryRow is not, and is deprecated after GTK 4.8 anyway. */
struct _BdTagCompletion
{
  GObject             parent_instance;

  /* not a reference: the row's owner holds both, and drops this first */
  AdwEntryRow        *row;
  BdArchive          *archive;
  /* the tags' names, read afresh for each tag typed, since one applied may be new */
  GPtrArray          *tags;
  GCancellable       *cancellable;

  GtkWidget          *popover;
  GtkListBox         *list;
  GtkEventController *keys;
  /* set while a chosen tag is put into the entry, which is no typing to complete */
  gboolean            choosing;
};

G_DEFINE_FINAL_TYPE (BdTagCompletion, bd_tag_completion, G_TYPE_OBJECT)

static void
list_tags_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  if (!(counts = bd_archive_list_tags (task_data, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < counts->len; i++)
    {
      BdCount *count = g_ptr_array_index (counts, i);

      g_ptr_array_add (names, g_steal_pointer (&count->name));
    }

  g_task_return_pointer (task, g_steal_pointer (&names), (GDestroyNotify)g_ptr_array_unref);
}

static void
update_matches (BdTagCompletion *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row))));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GtkWidget *row;
  guint n_matches = 0;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, row);

  for (guint i = 0; *folded != '\0' && i < self->tags->len && n_matches < MAX_MATCHES; i++)
    {
      const char *tag = g_ptr_array_index (self->tags, i);
      g_autofree char *folded_tag = g_utf8_casefold (tag, -1);
      GtkWidget *label;

      if (strstr (folded_tag, folded) == NULL)
        continue;

      label = gtk_label_new (tag);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      /* the focus stays in the entry, where typing goes on */
      gtk_widget_set_focusable (row, FALSE);
      g_object_set_data_full (G_OBJECT (row), "tag", g_strdup (tag), g_free);
      gtk_list_box_append (self->list, row);
      n_matches++;
    }

  if (n_matches == 0)
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }

  gtk_widget_set_size_request (self->popover, gtk_widget_get_width (GTK_WIDGET (self->row)), -1);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
on_tags_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BdTagCompletion *self = BD_TAG_COMPLETION (object);
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  if (!(tags = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No tags to complete: %s", error->message);
      return;
    }

  g_clear_object (&self->cancellable);
  self->tags = g_steal_pointer (&tags);
  update_matches (self);
}

static void
forget_tags (BdTagCompletion *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_changed_cb (GtkEditable     *editable,
               BdTagCompletion *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->choosing || self->archive == NULL)
    return;

  /* an emptied entry ends a tag: the next is completed from the tags as they are then */
  if (*gtk_editable_get_text (editable) == '\0')
    {
      forget_tags (self);
      return;
    }

  if (self->tags != NULL)
    {
      update_matches (self);
      return;
    }

  if (self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_tags_listed_cb, NULL);
  g_task_set_source_tag (task, on_changed_cb);
  g_task_set_task_data (task, g_object_ref (self->archive), g_object_unref);
  g_task_run_in_thread (task, list_tags_thread);
}

static void
on_apply_cb (AdwEntryRow     *row,
             BdTagCompletion *self)
{
  forget_tags (self);
}

static void
on_row_activated_cb (GtkListBox      *list,
                     GtkListBoxRow   *row,
                     BdTagCompletion *self)
{
  self->choosing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->row), g_object_get_data (G_OBJECT (row), "tag"));
  gtk_editable_set_position (GTK_EDITABLE (self->row), -1);
  self->choosing = FALSE;

  g_signal_emit_by_name (self->row, "apply");
}

static void
move_selection (BdTagCompletion *self,
                int              step)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);
  int index = selected != NULL ? gtk_list_box_row_get_index (selected) + step : 0;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, MAX (index, 0));

  if (row != NULL)
    gtk_list_box_select_row (self->list, row);
}

/* The arrows go through the matches and Enter takes the one chosen, without the focus ever
 * leaving the entry. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   BdTagCompletion       *self)
{
  GtkListBoxRow *selected;

  if (!gtk_widget_get_visible (self->popover))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!(selected = gtk_list_box_get_selected_row (self->list)))
        return FALSE;
      on_row_activated_cb (self->list, selected, self);
      return TRUE;

    case GDK_KEY_Escape:
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return TRUE;

    default:
      return FALSE;
    }
}

static void
bd_tag_completion_dispose (GObject *object)
{
  BdTagCompletion *self = (BdTagCompletion *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->row != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->row, self);
      gtk_widget_remove_controller (GTK_WIDGET (self->row), self->keys);
      g_clear_pointer (&self->popover, gtk_widget_unparent);
      self->row = NULL;
    }

  g_clear_object (&self->archive);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (bd_tag_completion_parent_class)->dispose (object);
}

static void
bd_tag_completion_class_init (BdTagCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bd_tag_completion_dispose;
}

static void
bd_tag_completion_init (BdTagCompletion *self)
{
}

/**
 * bd_tag_completion_new:
 * @row: the entry where tags are typed; it must outlive the completion
 *
 * Returns: (transfer full): a completion of @row from the archive's tags, once it has one
 */
BdTagCompletion *
bd_tag_completion_new (AdwEntryRow *row)
{
  BdTagCompletion *self;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  self = g_object_new (BD_TYPE_TAG_COMPLETION, NULL);
  self->row = row;

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags in Use"),
                                  -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);

  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->popover, "menu");
  gtk_popover_set_child (GTK_POPOVER (self->popover), GTK_WIDGET (self->list));
  gtk_widget_set_parent (self->popover, GTK_WIDGET (row));

  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (row), self->keys);

  g_signal_connect (row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_after (row, "apply", G_CALLBACK (on_apply_cb), self);

  return self;
}

void
bd_tag_completion_set_archive (BdTagCompletion *self,
                               BdArchive       *archive)
{
  g_return_if_fail (BD_IS_TAG_COMPLETION (self));
  g_return_if_fail (archive == NULL || BD_IS_ARCHIVE (archive));

  if (!g_set_object (&self->archive, archive))
    return;

  forget_tags (self);
}
