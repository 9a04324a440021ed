/* bd-stats-window.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-stats-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bd-csv.h"
#include "bd-date.h"
#include "bd-periods.h"
#include "bd-stats-chart.h"
#include "bd-stats-window-private.h"

/* A period the chooser offers; first_day NULL is all time. */
typedef struct
{
  char *first_day;
  char *last_day;
} Period;

/* The counts an office reports for a quarter, a year or any two dates: by level, by month and
 * by outlet, a chart of the months, the summary sentence to paste into a report, and the table
 * as CSV for a spreadsheet. */
struct _BdStatsWindow
{
  AdwWindow        parent_instance;

  BdArchive       *archive;
  BdStats         *stats;
  GArray          *periods;
  /* the periods being listed, cancelled when the window goes */
  GCancellable    *periods_cancellable;
  /* the period being counted, superseded by the next one chosen */
  GCancellable    *stats_cancellable;

  AdwToastOverlay *toast_overlay;
  GtkSpinner      *spinner;
  GtkDropDown     *period_dropdown;
  GtkRevealer     *range_revealer;
  GtkEntry        *first_entry;
  GtkEntry        *last_entry;
  GtkLabel        *summary_label;
  BdStatsChart    *chart;
  GtkGrid         *level_grid;
  GtkGrid         *month_grid;
  GtkGrid         *outlet_grid;
};

G_DEFINE_FINAL_TYPE (BdStatsWindow, bd_stats_window, ADW_TYPE_WINDOW)

static void
clear_period (gpointer data)
{
  Period *period = data;

  g_free (period->first_day);
  g_free (period->last_day);
}

static void
show_error (BdStatsWindow *self,
            const GError  *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *cell;

  while ((cell = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, cell);
}

static void
add_cell (GtkGrid    *grid,
          int         column,
          int         row,
          const char *text,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  /* the first column names, the others count */
  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (column == 0)
    {
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
add_count (GtkGrid *grid,
           int      column,
           int      row,
           guint    count,
           gboolean heading)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  add_cell (grid, column, row, text, heading);
}

static const char *
month_label (const BdStatsMonth *month)
{
  /* Translators: the row of reports with no date in the table by month */
  return *month->month != '\0' ? month->month : _("Undated");
}

static const char *
outlet_label (const BdStatsOutlet *outlet)
{
  /* Translators: the row of reports with no outlet in the table by outlet */
  return *outlet->name != '\0' ? outlet->name : _("Unknown outlet");
}

static void
fill_tables (BdStatsWindow *self)
{
  BdStats *stats = self->stats;
  g_autofree char *summary = bd_stats_format_summary (stats);

  gtk_label_set_text (self->summary_label, summary);
  bd_stats_chart_set_stats (self->chart, stats);

  clear_grid (self->level_grid);
  for (guint i = 0; i < BD_N_LEVELS; i++)
    {
      /* national first, unclassified last, as the office lists them */
      BdLevel level = (i + 1) % BD_N_LEVELS;

      add_cell (self->level_grid, 0, i, bd_level_to_label (level), FALSE);
      add_count (self->level_grid, 1, i, stats->levels[level], FALSE);
    }
  add_cell (self->level_grid, 0, BD_N_LEVELS, _("Total"), TRUE);
  add_count (self->level_grid, 1, BD_N_LEVELS, stats->total, TRUE);

  clear_grid (self->month_grid);
  add_cell (self->month_grid, 0, 0, _("Month"), TRUE);
  for (guint i = 0; i < BD_N_LEVELS; i++)
    add_cell (self->month_grid, i + 1, 0, bd_level_to_label ((i + 1) % BD_N_LEVELS), TRUE);
  add_cell (self->month_grid, BD_N_LEVELS + 1, 0, _("Total"), TRUE);
  for (guint i = 0; i < stats->months->len; i++)
    {
      const BdStatsMonth *month = g_ptr_array_index (stats->months, i);

      add_cell (self->month_grid, 0, i + 1, month_label (month), FALSE);
      for (guint j = 0; j < BD_N_LEVELS; j++)
        add_count (self->month_grid, j + 1, i + 1, month->levels[(j + 1) % BD_N_LEVELS], FALSE);
      add_count (self->month_grid, BD_N_LEVELS + 1, i + 1, month->total, FALSE);
    }

  clear_grid (self->outlet_grid);
  add_cell (self->outlet_grid, 0, 0, _("Outlet"), TRUE);
  add_cell (self->outlet_grid, 1, 0, _("Level"), TRUE);
  add_cell (self->outlet_grid, 2, 0, _("Reports"), TRUE);
  for (guint i = 0; i < stats->outlets->len; i++)
    {
      const BdStatsOutlet *outlet = g_ptr_array_index (stats->outlets, i);

      add_cell (self->outlet_grid, 0, i + 1, outlet_label (outlet), FALSE);
      add_cell (self->outlet_grid, 1, i + 1, bd_level_to_label (outlet->level), FALSE);
      add_count (self->outlet_grid, 2, i + 1, outlet->count, FALSE);
    }
}

static void
update_spinner (BdStatsWindow *self)
{
  gboolean busy = _bd_stats_window_is_busy (self);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
on_stats_counted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BdStatsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  BdStats *stats;

  /* another period chosen since, or the window closed, cancelled this one */
  stats = bd_archive_get_stats_finish (BD_ARCHIVE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->stats_cancellable);
  update_spinner (self);

  if (stats == NULL)
    {
      show_error (self, error);
      return;
    }

  g_clear_pointer (&self->stats, bd_stats_free);
  self->stats = stats;
  fill_tables (self);
}

/**
 * bd_stats_window_show_period:
 * @first_day: (nullable): "YYYY-MM-DD", or %NULL with @last_day for all time
 * @last_day: (nullable): "YYYY-MM-DD"
 *
 * Counts the reports of a period on a worker thread and shows them; a period chosen later wins
 * over one still being counted, and a failure shows in a toast.
 */
void
bd_stats_window_show_period (BdStatsWindow *self,
                             const char    *first_day,
                             const char    *last_day)
{
  g_return_if_fail (BD_IS_STATS_WINDOW (self));

  g_cancellable_cancel (self->stats_cancellable);
  g_clear_object (&self->stats_cancellable);
  self->stats_cancellable = g_cancellable_new ();
  update_spinner (self);

  bd_archive_get_stats_async (self->archive, first_day, last_day, self->stats_cancellable,
                              on_stats_counted_cb, g_object_ref (self));
}

static void
add_period (BdStatsWindow *self,
            GtkStringList *labels,
            const char    *label,
            char          *first_day,
            char          *last_day)
{
  Period period = { first_day, last_day };

  gtk_string_list_append (labels, label);
  g_array_append_val (self->periods, period);
}

static void
on_period_selected_cb (GtkDropDown   *dropdown,
                       GParamSpec    *pspec,
                       BdStatsWindow *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const Period *period;

  if (selected >= self->periods->len)
    return;

  if (selected == self->periods->len - 1)
    {
      gtk_revealer_set_reveal_child (self->range_revealer, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->first_entry));
      return;
    }

  gtk_revealer_set_reveal_child (self->range_revealer, FALSE);
  period = &g_array_index (self->periods, Period, selected);
  bd_stats_window_show_period (self, period->first_day, period->last_day);
}

/* The quarters and years that have reports, newest first, then all time and a custom range;
 * the newest is shown first. */
static void
on_periods_listed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BdStatsWindow) self = user_data;
  g_autoptr(GtkStringList) labels = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GError) error = NULL;

  periods = bd_periods_list_finish (BD_ARCHIVE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->periods_cancellable);
  update_spinner (self);

  if (periods == NULL)
    {
      show_error (self, error);
      return;
    }

  labels = gtk_string_list_new (NULL);
  for (guint i = 0; i < periods->len; i++)
    {
      BdPeriod *period = g_ptr_array_index (periods, i);

      add_period (self, labels, period->label, g_steal_pointer (&period->first_day),
                  g_steal_pointer (&period->last_day));
    }
  add_period (self, labels, _("All Time"), NULL, NULL);
  /* the last choice, with no dates of its own: the two entries give them */
  add_period (self, labels, _("Custom Range…"), NULL, NULL);

  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (labels));
  /* a model whose first choice was already selected says nothing */
  if (self->stats_cancellable == NULL)
    on_period_selected_cb (self->period_dropdown, NULL, self);
}

/* Reads a day as staff may type it ("2023年7月1日", "2023/7/1"), marking the entry when it is
 * not one. */
static char *
read_day (GtkEntry *entry)
{
  char *day = bd_date_normalize (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (day == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");

  return day;
}

static void
show_range (BdStatsWindow *self)
{
  g_autofree char *first_day = read_day (self->first_entry);
  g_autofree char *last_day = read_day (self->last_entry);

  if (first_day == NULL || last_day == NULL)
    return;

  if (strcmp (first_day, last_day) > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->last_entry), "error");
      return;
    }

  /* shows the dates as they were read */
  gtk_editable_set_text (GTK_EDITABLE (self->first_entry), first_day);
  gtk_editable_set_text (GTK_EDITABLE (self->last_entry), last_day);
  bd_stats_window_show_period (self, first_day, last_day);
}

static void
on_range_activate_cb (GtkEntry      *entry,
                      BdStatsWindow *self)
{
  show_range (self);
}

static void
on_range_show_clicked_cb (GtkButton     *button,
                          BdStatsWindow *self)
{
  show_range (self);
}

static void
copy_summary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BdStatsWindow *self = BD_STATS_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          gtk_label_get_text (self->summary_label));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Summary copied")));
}

static void
append_csv_row (GString            *csv,
                const char * const *fields,
                guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    bd_csv_append_field (csv, fields[i], i + 1 == n_fields);
}

/**
 * bd_stats_window_save_table:
 *
 * Saves the counts shown as CSV in UTF-8 with a byte order mark, which Excel needs to read
 * Chinese: the period, the months by level, then the outlets.
 */
gboolean
bd_stats_window_save_table (BdStatsWindow  *self,
                            GFile          *file,
                            GError        **error)
{
  g_autoptr(GString) csv = g_string_new (BD_CSV_BOM);
  g_autofree char *period = NULL;
  char counts[BD_N_LEVELS + 1][16];
  const char *fields[BD_N_LEVELS + 2];

  g_return_val_if_fail (BD_IS_STATS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->stats != NULL, FALSE);

  period = bd_stats_describe_period (self->stats);
  fields[0] = _("Period");
  fields[1] = period;
  append_csv_row (csv, fields, 2);
  g_string_append (csv, "\r\n");

  fields[0] = _("Month");
  for (guint i = 0; i < BD_N_LEVELS; i++)
    fields[i + 1] = bd_level_to_label ((i + 1) % BD_N_LEVELS);
  fields[BD_N_LEVELS + 1] = _("Total");
  append_csv_row (csv, fields, BD_N_LEVELS + 2);

  for (guint i = 0; i <= self->stats->months->len; i++)
    {
      const BdStatsMonth *month = NULL;

      if (i < self->stats->months->len)
        month = g_ptr_array_index (self->stats->months, i);
      fields[0] = month != NULL ? month_label (month) : _("Total");
      for (guint j = 0; j < BD_N_LEVELS; j++)
        {
          guint level = (j + 1) % BD_N_LEVELS;

          g_snprintf (counts[j], sizeof counts[j], "%u",
                      month != NULL ? month->levels[level] : self->stats->levels[level]);
          fields[j + 1] = counts[j];
        }
      g_snprintf (counts[BD_N_LEVELS], sizeof counts[BD_N_LEVELS], "%u",
                  month != NULL ? month->total : self->stats->total);
      fields[BD_N_LEVELS + 1] = counts[BD_N_LEVELS];
      append_csv_row (csv, fields, BD_N_LEVELS + 2);
    }
  g_string_append (csv, "\r\n");

  fields[0] = _("Outlet");
  fields[1] = _("Level");
  fields[2] = _("Reports");
  append_csv_row (csv, fields, 3);
  for (guint i = 0; i < self->stats->outlets->len; i++)
    {
      const BdStatsOutlet *outlet = g_ptr_array_index (self->stats->outlets, i);

      g_snprintf (counts[0], sizeof counts[0], "%u", outlet->count);
      fields[0] = outlet_label (outlet);
      fields[1] = bd_level_to_label (outlet->level);
      fields[2] = counts[0];
      append_csv_row (csv, fields, 3);
    }

  /* GIO's message names the file and the reason */
  return g_file_replace_contents (file, csv->str, csv->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
on_table_chooser_response_cb (GtkNativeDialog *dialog,
                              int              response,
                              BdStatsWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!bd_stats_window_save_table (self, file, &error))
        show_error (self, error);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is the name of the saved file */
          g_autofree char *done = g_strdup_printf (_("Saved “%s”"), name);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (done));
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BdStatsWindow *self = BD_STATS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *period = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->stats == NULL)
    return;

  period = bd_stats_describe_period (self->stats);
  /* Translators: the suggested file name of the table; %s is the period */
  name = g_strdup_printf (_("Statistics for %s.csv"), period);
  chooser = gtk_file_chooser_native_new (_("Export Table"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("CSV Tables"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_table_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
bd_stats_window_dispose (GObject *object)
{
  BdStatsWindow *self = (BdStatsWindow *)object;

  g_cancellable_cancel (self->periods_cancellable);
  g_cancellable_cancel (self->stats_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_STATS_WINDOW);
  g_clear_object (&self->periods_cancellable);
  g_clear_object (&self->stats_cancellable);
  g_clear_object (&self->archive);
  g_clear_pointer (&self->stats, bd_stats_free);
  g_clear_pointer (&self->periods, g_array_unref);

  G_OBJECT_CLASS (bd_stats_window_parent_class)->dispose (object);
}

static void
bd_stats_window_class_init (BdStatsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_stats_window_dispose;

  g_type_ensure (BD_TYPE_STATS_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-stats-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, range_revealer);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, first_entry);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, last_entry);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, level_grid);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, month_grid);
  gtk_widget_class_bind_template_child (widget_class, BdStatsWindow, outlet_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_range_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_range_show_clicked_cb);

  gtk_widget_class_install_action (widget_class, "stats.copy-summary", NULL,
                                   copy_summary_action);
  gtk_widget_class_install_action (widget_class, "stats.export-table", NULL,
                                   export_table_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bd_stats_window_init (BdStatsWindow *self)
{
  self->periods = g_array_new (FALSE, TRUE, sizeof (Period));
  g_array_set_clear_func (self->periods, clear_period);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bd_stats_window_new:
 *
 * Returns: (transfer floating): a window that shows the newest quarter's counts once it has
 *   listed the periods
 */
GtkWidget *
bd_stats_window_new (GtkWindow *parent,
                     BdArchive *archive)
{
  BdStatsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BD_IS_ARCHIVE (archive), NULL);

  self = g_object_new (BD_TYPE_STATS_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->archive = g_object_ref (archive);

  self->periods_cancellable = g_cancellable_new ();
  update_spinner (self);
  bd_periods_list_async (archive, TRUE, self->periods_cancellable, on_periods_listed_cb,
                         g_object_ref (self));

  return GTK_WIDGET (self);
}

BdStats *
bd_stats_window_get_stats (BdStatsWindow *self)
{
  g_return_val_if_fail (BD_IS_STATS_WINDOW (self), NULL);

  return self->stats;
}

/* What the tests wait for: no period being listed or counted. */
gboolean
_bd_stats_window_is_busy (BdStatsWindow *self)
{
  return self->periods_cancellable != NULL || self->stats_cancellable != NULL;
}
