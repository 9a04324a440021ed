/* bd-preferences-window.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-exporter.h"
#include "bd-preferences-window.h"

/* Every row is bound to its setting, which takes each change at once. */
struct _BdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkAdjustment        *size_adjustment;
  GtkAdjustment        *time_adjustment;
  AdwEntryRow          *title_row;
  AdwComboRow          *format_row;
};

G_DEFINE_FINAL_TYPE (BdPreferencesWindow, bd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* GSettings maps unsigned keys to integer properties only; adjustments hold doubles. */
static gboolean
get_uint_as_double (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
set_double_as_uint (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32)(g_value_get_double (value) + 0.5));
}

static gboolean
get_format (GValue   *value,
            GVariant *variant,
            gpointer  user_data)
{
  BdBundleFormat format;

  if (!bd_bundle_format_parse (g_variant_get_string (variant, NULL), &format, NULL))
    return FALSE;

  g_value_set_uint (value, format);
  return TRUE;
}

static GVariant *
set_format (const GValue       *value,
            const GVariantType *expected_type,
            gpointer            user_data)
{
  guint format = g_value_get_uint (value);

  if (format >= BD_N_BUNDLE_FORMATS)
    return NULL;

  return g_variant_new_string (bd_bundle_format_to_nick (format));
}

static void
bd_preferences_window_dispose (GObject *object)
{
  BdPreferencesWindow *self = (BdPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bd_preferences_window_parent_class)->dispose (object);
}

static void
bd_preferences_window_class_init (BdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, time_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, format_row);
  /* named for the tests, which type into them */
  gtk_widget_class_bind_template_child_full (widget_class, "size_spin", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "time_spin", FALSE, 0);
}

static void
bd_preferences_window_init (BdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SCHEMA_ID);
  g_settings_bind_with_mapping (self->settings, "import-max-file-size",
                                self->size_adjustment, "value", G_SETTINGS_BIND_DEFAULT,
                                get_uint_as_double, set_double_as_uint, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "import-time-limit",
                                self->time_adjustment, "value", G_SETTINGS_BIND_DEFAULT,
                                get_uint_as_double, set_double_as_uint, NULL, NULL);
  g_settings_bind (self->settings, "export-title", self->title_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "export-format",
                                self->format_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                get_format, set_format, NULL, NULL);
}

/**
 * bd_preferences_window_new:
 *
 * Returns: (transfer floating): the preferences, bound to the application's settings
 */
GtkWidget *
bd_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (BD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
