/* bd-stats-chart.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-stats-chart"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bd-stats-chart.h"

#define MARGIN 12
#define LEGEND_SWATCH 12
#define GRID_LINES 4
#define MAX_BAR_WIDTH 48

typedef struct
{
  char  *label;
  guint  levels[BD_N_LEVELS];
  guint  total;
} Bar;

/* Reports by month as bars stacked by level, national at the bottom. The text, axis and
 * unclassified reports take the style's foreground colour, so that the chart reads in dark mode
 * too; the levels take colours from the GNOME palette that stand out on light and dark alike. */
struct _BdStatsChart
{
  GtkWidget  parent_instance;

  GArray    *bars;
  guint      max_total;
};

G_DEFINE_FINAL_TYPE (BdStatsChart, bd_stats_chart, GTK_TYPE_WIDGET)

/* Bottom to top. */
static const BdLevel stack_order[] = {
  BD_LEVEL_NATIONAL, BD_LEVEL_PROVINCIAL, BD_LEVEL_MUNICIPAL, BD_LEVEL_UNSET,
};

static void
clear_bar (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
}

static void
level_color (BdLevel        level,
             const GdkRGBA *foreground,
             GdkRGBA       *color)
{
  switch (level)
    {
    case BD_LEVEL_NATIONAL:
      *color = (GdkRGBA) { 0.878, 0.106, 0.141, 1.0 };   /* red 3 */
      break;
    case BD_LEVEL_PROVINCIAL:
      *color = (GdkRGBA) { 0.208, 0.518, 0.894, 1.0 };   /* blue 3 */
      break;
    case BD_LEVEL_MUNICIPAL:
      *color = (GdkRGBA) { 0.180, 0.761, 0.494, 1.0 };   /* green 4 */
      break;
    case BD_LEVEL_UNSET:
    default:
      *color = *foreground;
      color->alpha *= 0.35;
      break;
    }
}

/* A round step for the grid lines: 1, 2 or 5 times a power of ten. */
static guint
nice_step (guint max)
{
  guint step = 1;

  while (step * GRID_LINES < max)
    {
      if (step * 2 * GRID_LINES >= max)
        return step * 2;
      if (step * 5 * GRID_LINES >= max)
        return step * 5;
      step *= 10;
    }

  return step;
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const GdkRGBA *color,
             float          x,
             float          y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
bd_stats_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  BdStatsChart *self = BD_STATS_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA foreground;
  GdkRGBA faint;
  float legend_x = MARGIN;
  float plot_left, plot_right, plot_top, plot_bottom, slot, bar_width;
  int text_width, text_height;
  guint step, label_every;
  g_autofree char *max_text = NULL;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &foreground);
  faint = foreground;
  faint.alpha *= 0.15;

  /* the legend, one swatch and name per level */
  pango_layout_set_text (layout, "0", -1);
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  for (guint i = 0; i < G_N_ELEMENTS (stack_order); i++)
    {
      GdkRGBA color;

      level_color (stack_order[i], &foreground, &color);
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (legend_x,
                                                      MARGIN + (text_height - LEGEND_SWATCH) / 2.0,
                                                      LEGEND_SWATCH, LEGEND_SWATCH));
      pango_layout_set_text (layout, bd_level_to_label (stack_order[i]), -1);
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      append_text (snapshot, layout, &foreground, legend_x + LEGEND_SWATCH + 6, MARGIN);
      legend_x += LEGEND_SWATCH + 6 + text_width + 18;
    }

  if (self->bars->len == 0)
    return;

  step = nice_step (MAX (self->max_total, 1));
  max_text = g_strdup_printf ("%u", step * GRID_LINES);
  pango_layout_set_text (layout, max_text, -1);
  pango_layout_get_pixel_size (layout, &text_width, NULL);

  plot_left = MARGIN + text_width + 6;
  plot_right = width - MARGIN;
  plot_top = MARGIN + text_height + 12;
  plot_bottom = height - MARGIN - text_height - 6;
  if (plot_right <= plot_left || plot_bottom <= plot_top)
    return;

  /* the grid and its counts */
  for (guint i = 0; i <= GRID_LINES; i++)
    {
      float y = plot_bottom - (plot_bottom - plot_top) * i / GRID_LINES;
      g_autofree char *count = g_strdup_printf ("%u", step * i);

      gtk_snapshot_append_color (snapshot, i == 0 ? &foreground : &faint,
                                 &GRAPHENE_RECT_INIT (plot_left, y, plot_right - plot_left, 1));
      pango_layout_set_text (layout, count, -1);
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      append_text (snapshot, layout, &foreground,
                   plot_left - 6 - text_width, y - text_height / 2.0);
    }

  slot = (plot_right - plot_left) / self->bars->len;
  bar_width = MIN (slot * 0.7, MAX_BAR_WIDTH);

  /* as many month names as fit side by side */
  pango_layout_set_text (layout, "0000-00", -1);
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  label_every = MAX (1, (guint)((text_width + 8) / slot) + 1);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      float x = plot_left + slot * i + (slot - bar_width) / 2;
      float y = plot_bottom;

      for (guint j = 0; j < G_N_ELEMENTS (stack_order); j++)
        {
          float h = (plot_bottom - plot_top) * bar->levels[stack_order[j]] / (step * GRID_LINES);
          GdkRGBA color;

          if (h <= 0)
            continue;
          level_color (stack_order[j], &foreground, &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (x, y - h, bar_width, h));
          y -= h;
        }

      if (i % label_every == 0)
        {
          pango_layout_set_text (layout, bar->label, -1);
          pango_layout_get_pixel_size (layout, &text_width, NULL);
          append_text (snapshot, layout, &foreground, x + bar_width / 2 - text_width / 2.0,
                       plot_bottom + 4);
        }
    }
}

static void
bd_stats_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    {
      *minimum = 160;
      *natural = 240;
    }
}

static void
bd_stats_chart_finalize (GObject *object)
{
  BdStatsChart *self = (BdStatsChart *)object;

  g_clear_pointer (&self->bars, g_array_unref);

  G_OBJECT_CLASS (bd_stats_chart_parent_class)->finalize (object);
}

static void
bd_stats_chart_class_init (BdStatsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bd_stats_chart_finalize;
  widget_class->snapshot = bd_stats_chart_snapshot;
  widget_class->measure = bd_stats_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "stats-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bd_stats_chart_init (BdStatsChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, clear_bar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reports by month and level"),
                                  -1);
}

/**
 * bd_stats_chart_set_stats:
 * @stats: (nullable): the counts to draw; the chart keeps a copy of the months
 */
void
bd_stats_chart_set_stats (BdStatsChart *self,
                          BdStats      *stats)
{
  g_return_if_fail (BD_IS_STATS_CHART (self));

  g_array_set_size (self->bars, 0);
  self->max_total = 0;

  for (guint i = 0; stats != NULL && i < stats->months->len; i++)
    {
      const BdStatsMonth *month = g_ptr_array_index (stats->months, i);
      Bar bar = { 0 };

      /* Translators: the bar of reports with no date in the chart by month */
      bar.label = g_strdup (*month->month != '\0' ? month->month : _("Undated"));
      memcpy (bar.levels, month->levels, sizeof bar.levels);
      bar.total = month->total;
      self->max_total = MAX (self->max_total, bar.total);
      g_array_append_val (self->bars, bar);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
bd_stats_chart_get_n_bars (BdStatsChart *self)
{
  g_return_val_if_fail (BD_IS_STATS_CHART (self), 0);

  return self->bars->len;
}
