/* bd-result-row.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-result-row"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "bd-hits.h"
#include "bd-report.h"
#include "bd-result-row.h"

/* One report in the result list: its title and snippet with the hits highlighted, and what
 * staff sort by at a glance (outlet, level, date, tags) in between. */
struct _BdResultRow
{
  GtkWidget       parent_instance;

  BdSearchResult *result;

  GtkLabel       *title_label;
  GtkLabel       *meta_label;
  GtkLabel       *snippet_label;
};

G_DEFINE_FINAL_TYPE (BdResultRow, bd_result_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static char *
describe_report (BdReport *report)
{
  const char * const *tags = bd_report_get_tags (report);
  const char *outlet = bd_report_get_outlet (report);
  const char *date = bd_report_get_date (report);
  GString *meta = g_string_new (NULL);
  /* Translators: between the outlet, level, date and tags of a report in the result list */
  const char *separator = C_("result details", " · ");

  g_string_append (meta, outlet != NULL && *outlet != '\0' ? outlet : _("Unknown outlet"));
  g_string_append (meta, separator);
  g_string_append (meta, bd_level_to_label (bd_report_get_level (report)));
  g_string_append (meta, separator);
  g_string_append (meta, date != NULL && *date != '\0' ? date : _("Undated"));

  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *joined = NULL;

      /* Translators: between two tags of a report */
      joined = g_strjoinv (C_("tags", ", "), (char **)tags);
      g_string_append (meta, separator);
      g_string_append (meta, joined);
    }

  return g_string_free (meta, FALSE);
}

static void
bd_result_row_update (BdResultRow *self)
{
  g_autoptr(PangoAttrList) title_attributes = NULL;
  g_autoptr(PangoAttrList) snippet_attributes = NULL;
  g_autofree char *meta = NULL;

  if (self->result == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      gtk_label_set_text (self->snippet_label, "");
      return;
    }

  title_attributes = bd_hits_to_attributes (bd_search_result_get_title_hits (self->result));
  snippet_attributes = bd_hits_to_attributes (bd_search_result_get_snippet_hits (self->result));
  meta = describe_report (bd_search_result_get_report (self->result));

  gtk_label_set_text (self->title_label, bd_search_result_get_title (self->result));
  gtk_label_set_attributes (self->title_label, title_attributes);
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->snippet_label, bd_search_result_get_snippet (self->result));
  gtk_label_set_attributes (self->snippet_label, snippet_attributes);
}

static void
on_dark_changed_cb (BdResultRow *self)
{
  bd_result_row_update (self);
}

static void
bd_result_row_dispose (GObject *object)
{
  BdResultRow *self = (BdResultRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_RESULT_ROW);
  /* the box that holds the labels has no name to be disposed by */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->result);

  G_OBJECT_CLASS (bd_result_row_parent_class)->dispose (object);
}

static void
bd_result_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BdResultRow *self = BD_RESULT_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_result_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BdResultRow *self = BD_RESULT_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      bd_result_row_set_result (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_result_row_class_init (BdResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_result_row_dispose;
  object_class->get_property = bd_result_row_get_property;
  object_class->set_property = bd_result_row_set_property;

  properties [PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL,
                         BD_TYPE_SEARCH_RESULT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-result-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, BdResultRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BdResultRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, BdResultRow, snippet_label);
}

static void
bd_result_row_init (BdResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* the hits' colour follows the style */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

BdSearchResult *
bd_result_row_get_result (BdResultRow *self)
{
  g_return_val_if_fail (BD_IS_RESULT_ROW (self), NULL);

  return self->result;
}

void
bd_result_row_set_result (BdResultRow    *self,
                          BdSearchResult *result)
{
  g_return_if_fail (BD_IS_RESULT_ROW (self));
  g_return_if_fail (result == NULL || BD_IS_SEARCH_RESULT (result));

  if (!g_set_object (&self->result, result))
    return;

  bd_result_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RESULT]);
}
