/* bd-outlets-window.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-outlets-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bd-outlet-editor.h"
#include "bd-outlet-registry.h"
#include "bd-outlets-window-private.h"
#include "bd-query.h"
#include "bd-search.h"

/* The show menu's rows, top to bottom: everything, one level each, or what the archive added. */
enum {
  SHOW_ALL,
  SHOW_NATIONAL,
  SHOW_PROVINCIAL,
  SHOW_MUNICIPAL,
  SHOW_UNSET,
  SHOW_LOCAL,
};

/* One section a level, in this order. */
static const BdLevel section_levels[] = {
  BD_LEVEL_NATIONAL, BD_LEVEL_PROVINCIAL, BD_LEVEL_MUNICIPAL, BD_LEVEL_UNSET,
};

typedef struct
{
  BdOutletsWindow    *window;
  BdLevel             level;
  GtkWidget          *heading;
  GtkListBox         *list;
  GtkFilterListModel *model;
} Section;

struct _BdOutletsWindow
{
  AdwWindow         parent_instance;

  BdArchive        *archive;
  GListStore       *outlets;
  /* the names of the archive's outlets that override a shipped one */
  GHashTable       *overrides;
  /* outlet name → how many reports name it */
  GHashTable       *counts;
  char             *search;
  GCancellable     *cancellable;
  guint             n_tasks;
  /* counts reloads, so that an earlier one finishing last does not show its older list */
  guint             n_reloads;
  gboolean          loaded;
  char             *last_toast;
  Section           sections[G_N_ELEMENTS (section_levels)];

  AdwToastOverlay  *toast_overlay;
  GtkSearchEntry   *search_entry;
  GtkDropDown      *show_dropdown;
  GtkStack         *stack;
  GtkBox           *sections_box;
};

G_DEFINE_FINAL_TYPE (BdOutletsWindow, bd_outlets_window, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  GPtrArray  *outlets;
  GHashTable *overrides;
  GHashTable *counts;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->outlets, g_ptr_array_unref);
  g_clear_pointer (&loaded->overrides, g_hash_table_unref);
  g_clear_pointer (&loaded->counts, g_hash_table_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

/* What one change writes: an outlet added or changed (@aliases set), or removed. It holds no
 * widget and not the window, whose archive goes when it is closed: the task, and so this, may
 * be freed on the worker thread. */
typedef struct
{
  BdArchive      *archive;
  char           *name;
  BdLevel         level;
  char          **aliases;
  char          **domains;
  gboolean        remove;
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->archive);
  g_free (change->name);
  g_strfreev (change->aliases);
  g_strfreev (change->domains);
  g_free (change);
}

/* Who waits for a task: passed to its callback and released there, on the main thread, so the
 * last reference to a widget never goes on the worker thread. */
typedef struct
{
  BdOutletsWindow *window;
  BdOutletEditor  *editor;
  guint            reload;
} Waiter;

static Waiter *
waiter_new (BdOutletsWindow *window,
            BdOutletEditor  *editor)
{
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->window = g_object_ref (window);
  waiter->editor = editor != NULL ? g_object_ref (editor) : NULL;

  return waiter;
}

static void
waiter_free (Waiter *waiter)
{
  g_clear_object (&waiter->window);
  g_clear_object (&waiter->editor);
  g_free (waiter);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Waiter, waiter_free)

static void
show_toast (BdOutletsWindow *self,
            char            *text)
{
  g_free (self->last_toast);
  self->last_toast = text;
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static gboolean
contains_folded (const char *text,
                 const char *folded_needle)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, folded_needle) != NULL;
}

static gboolean
outlet_matches (BdOutletsWindow *self,
                BdOutlet        *outlet)
{
  const char * const *aliases;
  const char * const *domains;

  if (self->search == NULL || contains_folded (bd_outlet_get_name (outlet), self->search))
    return TRUE;

  aliases = bd_outlet_get_aliases (outlet);
  for (guint i = 0; aliases[i] != NULL; i++)
    if (contains_folded (aliases[i], self->search))
      return TRUE;

  domains = bd_outlet_get_domains (outlet);
  for (guint i = 0; domains[i] != NULL; i++)
    if (contains_folded (domains[i], self->search))
      return TRUE;

  return FALSE;
}

static gboolean
filter_outlet_cb (gpointer item,
                  gpointer user_data)
{
  Section *section = user_data;
  BdOutletsWindow *self = section->window;
  BdOutlet *outlet = item;
  guint show = gtk_drop_down_get_selected (self->show_dropdown);

  if (bd_outlet_get_level (outlet) != section->level)
    return FALSE;

  if (show == SHOW_LOCAL && !bd_outlet_get_local (outlet))
    return FALSE;
  if (show >= SHOW_NATIONAL && show <= SHOW_UNSET &&
      section->level != section_levels[show - SHOW_NATIONAL])
    return FALSE;

  return outlet_matches (self, outlet);
}

static void
update_sections (BdOutletsWindow *self)
{
  guint n_shown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    {
      Section *section = &self->sections[i];
      guint n = g_list_model_get_n_items (G_LIST_MODEL (section->model));

      gtk_widget_set_visible (section->heading, n > 0);
      gtk_widget_set_visible (GTK_WIDGET (section->list), n > 0);
      n_shown += n;
    }

  gtk_stack_set_visible_child_name (self->stack, n_shown > 0 || !self->loaded ? "list" : "none");
}

static void
on_filter_changed_cb (BdOutletsWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = g_utf8_casefold (stripped, -1);

  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    gtk_filter_changed (gtk_filter_list_model_get_filter (self->sections[i].model),
                        GTK_FILTER_CHANGE_DIFFERENT);

  update_sections (self);
}

static void
on_row_activated_cb (AdwActionRow *row,
                     gpointer      user_data)
{
  const char *name = g_object_get_data (G_OBJECT (row), "name");

  gtk_widget_activate_action (GTK_WIDGET (row), "outlets.edit", "s", name);
}

static GtkWidget *
row_button_new (const char *icon_name,
                const char *tooltip,
                const char *action_name,
                const char *outlet_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", outlet_name);

  return button;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  BdOutletsWindow *self = user_data;
  BdOutlet *outlet = item;
  const char *name = bd_outlet_get_name (outlet);
  g_autofree char *aliases = g_strjoinv ("、", (char **)bd_outlet_get_aliases (outlet));
  g_autofree char *domains = g_strjoinv (" ", (char **)bd_outlet_get_domains (outlet));
  g_autofree char *subtitle = NULL;
  g_autofree char *count_text = NULL;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, name));
  gboolean overrides = g_hash_table_contains (self->overrides, name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count_label;

  if (*aliases != '\0' && *domains != '\0')
    subtitle = g_strdup_printf ("%s · %s", aliases, domains);
  else
    subtitle = g_strdup (*aliases != '\0' ? aliases : domains);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), NULL);

  if (bd_outlet_get_local (outlet))
    {
      GtkWidget *source = gtk_label_new (overrides ? _("Changed in this archive")
                                                   : _("Added in this archive"));

      gtk_widget_add_css_class (source, "accent");
      gtk_widget_add_css_class (source, "caption");
      gtk_widget_set_valign (source, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), source);
    }

  count_text = g_strdup_printf (ngettext ("%u report", "%u reports", count), count);
  count_label = gtk_label_new (count_text);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_set_valign (count_label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button_new ("document-edit-symbolic", _("Change"),
                                             "outlets.edit", name));
  if (bd_outlet_get_local (outlet))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button_new (overrides ? "edit-undo-symbolic"
                                                         : "user-trash-symbolic",
                                               overrides ? _("Restore the Shipped Entry")
                                                         : _("Remove"),
                                               "outlets.remove", name));

  return row;
}

/* Runs on a worker thread: the outlets, which of the archive's override shipped ones, and how
 * many reports each has. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BdArchive *archive = task_data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_autoptr(BdOutletRegistry) shipped = bd_outlet_registry_new ();
  g_autofree char *shipped_path = bd_outlet_registry_default_path ();
  g_autoptr(BdQuery) everything = NULL;
  g_autoptr(BdFacets) facets = NULL;
  g_autoptr(GError) error = NULL;

  if (!bd_outlet_registry_load_file (shipped, shipped_path, &error) ||
      !(everything = bd_query_parse ("", &error)) ||
      !(facets = bd_archive_get_facets (archive, everything, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  loaded->outlets = bd_outlet_registry_list (bd_archive_get_outlets (archive));
  loaded->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loaded->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < loaded->outlets->len; i++)
    {
      BdOutlet *outlet = g_ptr_array_index (loaded->outlets, i);
      g_autoptr(BdOutlet) original = NULL;

      if (bd_outlet_get_local (outlet) &&
          (original = bd_outlet_registry_get_outlet (shipped, bd_outlet_get_name (outlet))))
        g_hash_table_add (loaded->overrides, g_strdup (bd_outlet_get_name (outlet)));
    }

  for (guint i = 0; i < facets->outlets->len; i++)
    {
      BdCount *count = g_ptr_array_index (facets->outlets, i);

      g_hash_table_insert (loaded->counts, g_strdup (count->name),
                           GUINT_TO_POINTER (count->count));
    }

  g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify)loaded_free);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Waiter) waiter = user_data;
  BdOutletsWindow *self = waiter->window;
  g_autoptr(Loaded) loaded = NULL;
  g_autoptr(GError) error = NULL;

  self->n_tasks--;

  /* the window was closed, or a later reload is under way */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))) ||
      waiter->reload != self->n_reloads)
    return;

  if (!(loaded = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, g_strdup (error->message));
      return;
    }

  g_clear_pointer (&self->overrides, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  self->overrides = g_steal_pointer (&loaded->overrides);
  self->counts = g_steal_pointer (&loaded->counts);
  self->loaded = TRUE;

  g_list_store_splice (self->outlets, 0, g_list_model_get_n_items (G_LIST_MODEL (self->outlets)),
                       loaded->outlets->pdata, loaded->outlets->len);
  update_sections (self);
}

static void
reload (BdOutletsWindow *self)
{
  Waiter *waiter = waiter_new (self, NULL);
  g_autoptr(GTask) task = NULL;

  waiter->reload = ++self->n_reloads;
  /* no source object: see Waiter */
  task = g_task_new (NULL, self->cancellable, on_loaded_cb, waiter);
  self->n_tasks++;
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, g_object_ref (self->archive), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/* Runs on a worker thread: reclassifying runs an UPDATE over the reports. */
static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Change *change = task_data;
  g_autoptr(GError) error = NULL;
  guint n_reclassified = 0;
  gboolean ok;

  if (change->remove)
    ok = bd_archive_remove_outlet (change->archive, change->name, &n_reclassified, &error);
  else
    ok = bd_archive_add_outlet (change->archive, change->name, change->level,
                                (const char * const *)change->aliases,
                                (const char * const *)change->domains,
                                &n_reclassified, &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n_reclassified);
}

static void
on_changed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Waiter) waiter = user_data;
  BdOutletsWindow *self = waiter->window;
  BdOutletEditor *editor = waiter->editor;
  Change *change = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n;

  self->n_tasks--;

  n = g_task_propagate_int (G_TASK (result), &error);

  /* the window was closed while the archive saved: only the main window cares still */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (editor != NULL)
        gtk_window_destroy (GTK_WINDOW (editor));
      if (n >= 0)
        g_signal_emit (self, signals [CHANGED], 0, (guint)n);
      return;
    }

  if (n < 0)
    {
      if (editor != NULL)
        {
          bd_outlet_editor_set_busy (editor, FALSE);
          bd_outlet_editor_show_error (editor, error->message);
        }
      else
        show_toast (self, g_strdup (error->message));
      return;
    }

  if (editor != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));

  if (n > 0)
    /* Translators: the outlet's name, then how many reports took a new level, or (when it is
     * saved) were stored under one of its other names and now count as it */
    show_toast (self, g_strdup_printf (change->remove
                                       ? ngettext ("Removed “%s”; %u report changed level",
                                                   "Removed “%s”; %u reports changed level", n)
                                       : ngettext ("Saved “%s”; %u report changed",
                                                   "Saved “%s”; %u reports changed", n),
                                       change->name, (guint)n));
  else
    show_toast (self, g_strdup_printf (change->remove ? _("Removed “%s”") : _("Saved “%s”"),
                                       change->name));

  g_signal_emit (self, signals [CHANGED], 0, (guint)n);
  reload (self);
}

/* Takes @change; @editor, if any, is closed once the change is saved. */
static void
run_change (BdOutletsWindow *self,
            Change          *change,
            BdOutletEditor  *editor)
{
  g_autoptr(GTask) task = NULL;

  change->archive = g_object_ref (self->archive);
  /* no source object: see Waiter */
  task = g_task_new (NULL, self->cancellable, on_changed_cb, waiter_new (self, editor));
  self->n_tasks++;
  g_task_set_source_tag (task, run_change);
  /* a change cannot be cancelled: closing the window while it saves still saves it, and the
   * main window hears of it */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, change, (GDestroyNotify)change_free);
  g_task_run_in_thread (task, change_thread);
}

static void
on_editor_save_cb (BdOutletEditor     *editor,
                   const char         *name,
                   BdLevel             level,
                   const char * const *aliases,
                   const char * const *domains,
                   BdOutletsWindow    *self)
{
  Change *change = g_new0 (Change, 1);

  change->name = g_strdup (name);
  change->level = level;
  change->aliases = g_strdupv ((char **)aliases);
  change->domains = g_strdupv ((char **)domains);

  bd_outlet_editor_set_busy (editor, TRUE);
  run_change (self, change, editor);
}

static BdOutlet *
find_outlet (BdOutletsWindow *self,
             const char      *name)
{
  GListModel *model = G_LIST_MODEL (self->outlets);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BdOutlet) outlet = g_list_model_get_item (model, i);

      if (g_str_equal (bd_outlet_get_name (outlet), name))
        return outlet;
    }

  return NULL;
}

static void
open_editor (BdOutletsWindow *self,
             BdOutlet        *outlet)
{
  GtkWidget *editor = bd_outlet_editor_new (GTK_WINDOW (self), self->archive, outlet);

  g_signal_connect_object (editor, "save", G_CALLBACK (on_editor_save_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (BD_OUTLETS_WINDOW (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BdOutletsWindow *self = BD_OUTLETS_WINDOW (widget);
  BdOutlet *outlet = find_outlet (self, g_variant_get_string (parameter, NULL));

  if (outlet != NULL)
    open_editor (self, outlet);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       BdOutletsWindow  *self)
{
  Change *change;

  if (!g_str_equal (response, "remove"))
    return;

  change = g_new0 (Change, 1);
  change->name = g_strdup (g_object_get_data (G_OBJECT (dialog), "name"));
  change->remove = TRUE;
  run_change (self, change, NULL);
}

/* Asks first: the outlet's reports may lose or change their level. */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BdOutletsWindow *self = BD_OUTLETS_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  gboolean overrides = g_hash_table_contains (self->overrides, name);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  if (overrides)
    {
      /* Translators: %s is an outlet's name */
      adw_message_dialog_format_heading (dialog, _("Restore “%s” as Shipped?"), name);
      adw_message_dialog_set_body (dialog, _("This archive’s changes to the outlet are "
                                             "dropped. Its reports whose level was not set by "
                                             "hand take the shipped level again."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                        "remove", _("_Restore"), NULL);
    }
  else
    {
      /* Translators: %s is an outlet's name */
      adw_message_dialog_format_heading (dialog, _("Remove “%s”?"), name);
      adw_message_dialog_set_body (dialog, _("Its reports stay in the archive; those whose "
                                             "level was not set by hand lose it unless another "
                                             "outlet gives them one."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                        "remove", _("_Remove"), NULL);
    }
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_section (BdOutletsWindow *self,
             guint            index)
{
  Section *section = &self->sections[index];
  GtkCustomFilter *filter;
  GtkWidget *heading;

  section->window = self;
  section->level = section_levels[index];

  heading = gtk_label_new (bd_level_to_label (section->level));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, index > 0 ? 18 : 0);
  gtk_widget_set_margin_bottom (heading, 6);
  section->heading = heading;

  filter = gtk_custom_filter_new (filter_outlet_cb, section, NULL);
  section->model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->outlets)),
                                              GTK_FILTER (filter));

  section->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (section->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (section->list), "boxed-list");
  gtk_list_box_bind_model (section->list, G_LIST_MODEL (section->model), create_row_cb, self,
                           NULL);

  gtk_box_append (self->sections_box, heading);
  gtk_box_append (self->sections_box, GTK_WIDGET (section->list));
}

static void
bd_outlets_window_dispose (GObject *object)
{
  BdOutletsWindow *self = (BdOutletsWindow *)object;

  g_cancellable_cancel (self->cancellable);

  /* the lists go before the models and the tables their rows read */
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_OUTLETS_WINDOW);
  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    g_clear_object (&self->sections[i].model);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->archive);
  g_clear_object (&self->outlets);
  g_clear_pointer (&self->overrides, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (bd_outlets_window_parent_class)->dispose (object);
}

static void
bd_outlets_window_class_init (BdOutletsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_outlets_window_dispose;

  /**
   * BdOutletsWindow::changed:
   * @n_reclassified: how many reports changed level
   *
   * An outlet was added, changed or removed.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-outlets-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BdOutletsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BdOutletsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BdOutletsWindow, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BdOutletsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BdOutletsWindow, sections_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "outlets.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "outlets.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "outlets.remove", "s", remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "outlets.add", NULL);
}

static void
bd_outlets_window_init (BdOutletsWindow *self)
{
  self->outlets = g_list_store_new (BD_TYPE_OUTLET);
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    add_section (self, i);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/**
 * bd_outlets_window_new:
 *
 * Returns: (transfer floating): a window listing the archive's outlets, which loads them
 */
GtkWidget *
bd_outlets_window_new (GtkWindow *parent,
                       BdArchive *archive)
{
  BdOutletsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BD_IS_ARCHIVE (archive), NULL);

  self = g_object_new (BD_TYPE_OUTLETS_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->archive = g_object_ref (archive);
  reload (self);

  return GTK_WIDGET (self);
}

gboolean
_bd_outlets_window_is_busy (BdOutletsWindow *self)
{
  return self->n_tasks > 0;
}

const char *
_bd_outlets_window_get_last_toast (BdOutletsWindow *self)
{
  return self->last_toast;
}
