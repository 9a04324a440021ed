/* bd-outlet-editor.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-outlet-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-outlet-editor.h"
#include "bd-outlet-registry.h"

/* The name, level, other names and domains of an outlet, checked as they are typed; whoever
 * listens to #BdOutletEditor::save writes them to the archive and closes the editor, or shows
 * why it could not. */
struct _BdOutletEditor
{
  AdwWindow     parent_instance;

  BdArchive    *archive;
  BdOutlet     *outlet;

  AdwEntryRow  *name_row;
  AdwComboRow  *level_row;
  AdwEntryRow  *aliases_row;
  AdwEntryRow  *domains_row;
  GtkWidget    *save_button;
  GtkSpinner   *spinner;
  GtkLabel     *error_label;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (BdOutletEditor, bd_outlet_editor, ADW_TYPE_WINDOW)

enum {
  SAVE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The level combo's rows, top to bottom: an outlet with no level yet shows so, and keeps none
 * unless one is picked. */
static const BdLevel combo_levels[] = {
  BD_LEVEL_NATIONAL, BD_LEVEL_PROVINCIAL, BD_LEVEL_MUNICIPAL, BD_LEVEL_UNSET,
};

static guint
level_to_row (BdLevel level)
{
  for (guint i = 0; i < G_N_ELEMENTS (combo_levels); i++)
    if (combo_levels[i] == level)
      return i;

  g_return_val_if_reached (G_N_ELEMENTS (combo_levels) - 1);
}

static GStrv
split_list (const char *text,
            gboolean    at_spaces)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) item = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || c == ',' || c == ';' || c == 0xFF0C /* ， */ || c == 0x3001 /* 、 */ ||
          c == 0xFF1B /* ； */ || (at_spaces && g_unichar_isspace (c)))
        {
          g_autofree char *stripped = g_strstrip (g_strdup (item->str));

          if (*stripped != '\0')
            g_strv_builder_add (builder, stripped);
          g_string_truncate (item, 0);
          if (c == 0)
            break;
        }
      else
        g_string_append_unichar (item, c);
    }

  return g_strv_builder_end (builder);
}

static void
clear_error (BdOutletEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->aliases_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->domains_row), "error");
}

static void
set_error (BdOutletEditor *self,
           AdwEntryRow    *row,
           const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (row != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static char *
get_name (BdOutletEditor *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

static void
update_save_button (BdOutletEditor *self)
{
  g_autofree char *name = get_name (self);

  gtk_widget_set_sensitive (self->save_button, !self->busy && *name != '\0');
}

/* Says what is wrong with the typed values, if anything. */
static gboolean
validate (BdOutletEditor *self)
{
  g_autofree char *name = get_name (self);
  g_auto(GStrv) aliases = split_list (gtk_editable_get_text (GTK_EDITABLE (self->aliases_row)),
                                      FALSE);
  g_auto(GStrv) domains = split_list (gtk_editable_get_text (GTK_EDITABLE (self->domains_row)),
                                      TRUE);
  BdOutletRegistry *registry = bd_archive_get_outlets (self->archive);
  g_autoptr(GError) error = NULL;

  clear_error (self);

  if (*name == '\0')
    {
      set_error (self, self->name_row, _("Give the outlet a name"));
      return FALSE;
    }

  /* a new outlet under a listed name would silently replace that one */
  if (self->outlet == NULL)
    {
      g_autoptr(BdOutlet) listed = NULL;

      listed = bd_outlet_registry_get_outlet (bd_archive_get_outlets (self->archive), name);
      if (listed != NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("“%s” is already in the list: change it there"),
                                     bd_outlet_get_name (listed));
          set_error (self, self->name_row, message);
          return FALSE;
        }
    }

  /* another outlet's name would take its reports; the archive refuses it too, but here it is
   * shown where it was typed */
  if (!bd_outlet_registry_check_names (registry, name, NULL, &error))
    {
      set_error (self, self->name_row, error->message);
      return FALSE;
    }
  if (!bd_outlet_registry_check_names (registry, name, (const char * const *)aliases, &error))
    {
      set_error (self, self->aliases_row, error->message);
      return FALSE;
    }

  for (guint i = 0; domains[i] != NULL; i++)
    {
      g_autofree char *domain = bd_outlet_registry_normalize_domain (domains[i]);

      if (domain == NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("“%s” is not a web domain; write it as news.example.cn"),
                                     domains[i]);
          set_error (self, self->domains_row, message);
          return FALSE;
        }
    }
  if (!bd_outlet_registry_check_domains (registry, name, (const char * const *)domains, &error))
    {
      set_error (self, self->domains_row, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
on_name_changed_cb (GtkEditable    *editable,
                    BdOutletEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  update_save_button (self);
}

static void
on_aliases_changed_cb (GtkEditable    *editable,
                       BdOutletEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->aliases_row), "error");
}

static void
on_domains_changed_cb (GtkEditable    *editable,
                       BdOutletEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->domains_row), "error");
}

static void
on_save_clicked_cb (GtkButton      *button,
                    BdOutletEditor *self)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) aliases = NULL;
  g_auto(GStrv) domains = NULL;
  BdLevel level;

  if (self->busy || !validate (self))
    return;

  name = get_name (self);
  level = combo_levels[MIN (adw_combo_row_get_selected (self->level_row),
                            G_N_ELEMENTS (combo_levels) - 1)];
  aliases = split_list (gtk_editable_get_text (GTK_EDITABLE (self->aliases_row)), FALSE);
  domains = split_list (gtk_editable_get_text (GTK_EDITABLE (self->domains_row)), TRUE);

  g_signal_emit (self, signals [SAVE], 0, name, level, aliases, domains);
}

static void
on_entry_activated_cb (AdwEntryRow    *row,
                       BdOutletEditor *self)
{
  if (gtk_widget_get_sensitive (self->save_button))
    on_save_clicked_cb (NULL, self);
}

static void
bd_outlet_editor_dispose (GObject *object)
{
  BdOutletEditor *self = (BdOutletEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_OUTLET_EDITOR);
  g_clear_object (&self->archive);
  g_clear_object (&self->outlet);

  G_OBJECT_CLASS (bd_outlet_editor_parent_class)->dispose (object);
}

static void
bd_outlet_editor_class_init (BdOutletEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_outlet_editor_dispose;

  /**
   * BdOutletEditor::save:
   * @name: the outlet's name, trimmed
   * @level: a #BdLevel
   * @aliases: other names
   * @domains: web domains, each a host name once normalized
   */
  signals [SAVE] =
    g_signal_new ("save",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRING, BD_TYPE_LEVEL, G_TYPE_STRV, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-outlet-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BdOutletEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, BdOutletEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, BdOutletEditor, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, BdOutletEditor, domains_row);
  gtk_widget_class_bind_template_child (widget_class, BdOutletEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, BdOutletEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, BdOutletEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_aliases_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_domains_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bd_outlet_editor_init (BdOutletEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bd_outlet_editor_new:
 * @outlet: (nullable): the outlet to change, or %NULL to add one
 *
 * Returns: (transfer floating): an editor; a listed outlet keeps its name
 */
GtkWidget *
bd_outlet_editor_new (GtkWindow *parent,
                      BdArchive *archive,
                      BdOutlet  *outlet)
{
  BdOutletEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BD_IS_ARCHIVE (archive), NULL);
  g_return_val_if_fail (outlet == NULL || BD_IS_OUTLET (outlet), NULL);

  self = g_object_new (BD_TYPE_OUTLET_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->archive = g_object_ref (archive);

  if (outlet != NULL)
    {
      g_autofree char *aliases = g_strjoinv ("、", (char **)bd_outlet_get_aliases (outlet));
      g_autofree char *domains = g_strjoinv (" ", (char **)bd_outlet_get_domains (outlet));

      self->outlet = g_object_ref (outlet);
      gtk_window_set_title (GTK_WINDOW (self), _("Change Outlet"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), bd_outlet_get_name (outlet));
      /* the archive keeps an outlet under its name: another name is another outlet */
      gtk_editable_set_editable (GTK_EDITABLE (self->name_row), FALSE);
      adw_combo_row_set_selected (self->level_row, level_to_row (bd_outlet_get_level (outlet)));
      gtk_editable_set_text (GTK_EDITABLE (self->aliases_row), aliases);
      gtk_editable_set_text (GTK_EDITABLE (self->domains_row), domains);
    }

  return GTK_WIDGET (self);
}

/**
 * bd_outlet_editor_get_outlet:
 *
 * Returns: (transfer none) (nullable): the outlet being changed, %NULL when adding one
 */
BdOutlet *
bd_outlet_editor_get_outlet (BdOutletEditor *self)
{
  g_return_val_if_fail (BD_IS_OUTLET_EDITOR (self), NULL);

  return self->outlet;
}

/* While the archive saves, Save waits and a spinner turns. */
void
bd_outlet_editor_set_busy (BdOutletEditor *self,
                           gboolean        busy)
{
  g_return_if_fail (BD_IS_OUTLET_EDITOR (self));

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update_save_button (self);
}

void
bd_outlet_editor_show_error (BdOutletEditor *self,
                             const char     *message)
{
  g_return_if_fail (BD_IS_OUTLET_EDITOR (self));
  g_return_if_fail (message != NULL);

  set_error (self, NULL, message);
}
