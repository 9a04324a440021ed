/* bd-window.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-bulk-editor-private.h"
#include "bd-date.h"
#include "bd-error.h"
#include "bd-export-dialog.h"
#include "bd-failures-dialog.h"
#include "bd-hits.h"
#include "bd-importer.h"
#include "bd-outlets-window.h"
#include "bd-periods.h"
#include "bd-preferences-window.h"
#include "bd-query.h"
#include "bd-report-view-private.h"
#include "bd-report.h"
#include "bd-result-row.h"
#include "bd-sample-archive.h"
#include "bd-sample-corpus.h"
#include "bd-search-result.h"
#include "bd-search.h"
#include "bd-stats-window.h"
#include "bd-window-private.h"

/* Results are read this many at a time, the next page when the list nears its end, so that an
 * archive of 100,000 reports lists as fast as one of a hundred. */
#define PAGE_SIZE 100

/* The sidebar lists this many quarters, outlets and tags, the most frequent first. */
#define MAX_FACET_ROWS 10

/* The level filter's rows, top to bottom. */
static const int filter_levels[] = {
  -1, BD_LEVEL_NATIONAL, BD_LEVEL_PROVINCIAL, BD_LEVEL_MUNICIPAL, BD_LEVEL_UNSET,
};

struct _BdWindow
{
  AdwApplicationWindow  parent_instance;

  BdArchive            *archive;
  GSettings            *settings;
  /* set when the window shows the sample archive: the archive to go back to */
  char                 *own_archive_path;
  guint                 sample_size;

  /* the search whose results are listed: pages of more results come from the same query */
  BdQuery              *query;
  guint                 total;
  int                   level;
  /* the sidebar's other filters, NULL when unset; quarters are named as the facets name them */
  char                 *quarter;
  char                 *outlet;
  char                 *tag;
  char                 *first_day;
  char                 *last_day;
  GCancellable         *search_cancellable;
  guint                 n_searching;
  gboolean              loading_page;
  BdSearchResult       *shown_result;

  BdImporter           *importer;
  GCancellable         *import_cancellable;
  gboolean              importing;

  BdExporter           *exporter;
  GFile                *export_file;
  GCancellable         *export_cancellable;
  char                 *import_summary;
  GCancellable         *delete_cancellable;
  guint                 n_deleting;

  GFile                *backup_file;
  GCancellable         *backup_cancellable;
  guint                 backup_pulse_id;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *sample_bar;
  GtkRevealer          *import_revealer;
  GtkProgressBar       *import_progress;
  GtkLabel             *import_label;
  GtkListBox           *level_list;
  GtkLabel             *count_labels[G_N_ELEMENTS (filter_levels)];
  GtkWidget            *quarter_section;
  GtkListBox           *quarter_list;
  GtkWidget            *quarter_clear;
  GtkWidget            *outlet_section;
  GtkListBox           *outlet_list;
  GtkWidget            *outlet_clear;
  GtkWidget            *tag_section;
  GtkListBox           *tag_list;
  GtkWidget            *tag_clear;
  GtkWidget            *dates_clear;
  GtkEntry             *first_day_entry;
  GtkEntry             *last_day_entry;
  GtkLabel             *count_label;
  GtkStack             *results_stack;
  GtkScrolledWindow    *results_scroller;
  GListStore           *results;
  GtkMultiSelection    *selection;
  AdwSqueezer          *content_squeezer;
  GtkPaned             *content_paned;
  AdwLeaflet           *content_leaflet;
  GtkWidget            *results_box;
  GtkWidget            *detail_box;
  GtkBox               *results_slot;
  GtkBox               *detail_slot;
  GtkWidget            *back_button;
  /* whether the results and the report are the leaflet's pages rather than the paned's panes */
  gboolean              narrow;
  GtkStack             *detail_stack;
  BdReportView         *report_view;
  BdBulkEditor         *bulk_editor;
  /* set while rows are replaced by their edited reports and their selection restored */
  gboolean              refreshing;
};

G_DEFINE_FINAL_TYPE (BdWindow, bd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ARCHIVE,
  PROP_OWN_ARCHIVE_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct
{
  BdArchive *archive;
  char      *text;
  BdQuery   *query;   /* for a further page: the query of the first */
  int        level;
  char      *quarter;
  char      *outlet;
  char      *tag;
  char      *first_day;
  char      *last_day;
  guint      offset;
} SearchRequest;

typedef struct
{
  BdQuery   *query;
  GPtrArray *results;
  guint      total;
  BdFacets  *facets;          /* before the level filter, for the level counts */
  BdFacets  *filter_facets;   /* after it, for the other filters; NULL when there is none */
} SearchOutcome;

static void
search_request_free (SearchRequest *request)
{
  g_clear_object (&request->archive);
  g_clear_object (&request->query);
  g_free (request->text);
  g_free (request->quarter);
  g_free (request->outlet);
  g_free (request->tag);
  g_free (request->first_day);
  g_free (request->last_day);
  g_free (request);
}

static void
search_outcome_free (SearchOutcome *outcome)
{
  g_clear_object (&outcome->query);
  g_clear_pointer (&outcome->results, g_ptr_array_unref);
  g_clear_pointer (&outcome->facets, bd_facets_free);
  g_clear_pointer (&outcome->filter_facets, bd_facets_free);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchOutcome, search_outcome_free)

static void
show_error (BdWindow     *self,
            const GError *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static gboolean
apply_filters (BdQuery              *query,
               const SearchRequest  *request,
               GError              **error)
{
  if (request->quarter != NULL)
    {
      g_autofree char *first_day = NULL;
      g_autofree char *last_day = NULL;

      if (!bd_period_parse (request->quarter, &first_day, &last_day, error))
        return FALSE;
      bd_query_restrict_dates (query, first_day, last_day);
    }

  if (request->first_day != NULL || request->last_day != NULL)
    bd_query_restrict_dates (query, request->first_day, request->last_day);
  if (request->outlet != NULL)
    bd_query_add_outlet (query, request->outlet);
  if (request->tag != NULL)
    bd_query_add_tag (query, request->tag);

  return TRUE;
}

/* Runs on a worker thread: the first page brings the counts by level of what was typed and the
 * other filters, before the level filter narrows it, for the level rows; and the counts by
 * quarter, outlet and tag after it, for theirs. */
static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchRequest *request = task_data;
  g_autoptr(SearchOutcome) outcome = g_new0 (SearchOutcome, 1);
  g_autoptr(GError) error = NULL;

  if (request->query != NULL)
    outcome->query = g_object_ref (request->query);
  else
    {
      if (!(outcome->query = bd_query_parse (request->text, &error)) ||
          !apply_filters (outcome->query, request, &error) ||
          !(outcome->facets = bd_archive_get_facets (request->archive, outcome->query,
                                                     cancellable, &error)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (request->level >= 0)
        {
          bd_query_add_level (outcome->query, request->level);
          if (!(outcome->filter_facets = bd_archive_get_facets (request->archive, outcome->query,
                                                                cancellable, &error)))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
        }
    }

  /* the facets of the query as searched have counted its reports already */
  if (!(outcome->results = bd_archive_search (request->archive, outcome->query,
                                              request->offset, PAGE_SIZE, NULL,
                                              cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (request->query == NULL)
    outcome->total = outcome->filter_facets != NULL ? outcome->filter_facets->total
                                                    : outcome->facets->total;

  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify)search_outcome_free);
}

/* The selected results, in list order. */
static GPtrArray *
get_selected_results (BdWindow *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  GPtrArray *results = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (results, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return results;
}

/* One report selected shows it; several, what can be changed for all of them at once. */
static void
update_detail (BdWindow *self)
{
  g_autoptr(GPtrArray) selected = get_selected_results (self);
  BdSearchResult *result = selected->len == 1 ? g_ptr_array_index (selected, 0) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-selected",
                                 selected->len > 0 && self->delete_cancellable == NULL);

  if (selected->len > 1)
    {
      g_autoptr(GPtrArray) reports = g_ptr_array_new ();

      for (guint i = 0; i < selected->len; i++)
        g_ptr_array_add (reports, bd_search_result_get_report (g_ptr_array_index (selected, i)));
      bd_bulk_editor_set_reports (self->bulk_editor, reports);
      gtk_stack_set_visible_child_name (self->detail_stack, "bulk");
      g_clear_object (&self->shown_result);
      bd_report_view_clear (self->report_view);
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "report");
  if (result == self->shown_result)
    return;

  g_set_object (&self->shown_result, result);
  if (result != NULL)
    bd_report_view_show_report (self->report_view,
                                bd_report_get_id (bd_search_result_get_report (result)),
                                self->query);
  else
    bd_report_view_clear (self->report_view);
}

static void load_next_page (BdWindow *self);

static void
on_page_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BdWindow *self = BD_WINDOW (object);
  g_autoptr(SearchOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  self->n_searching--;

  if (!(outcome = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->loading_page = FALSE;
          show_error (self, error);
        }
      return;
    }

  self->loading_page = FALSE;
  g_list_store_splice (self->results, g_list_model_get_n_items (G_LIST_MODEL (self->results)), 0,
                       outcome->results->pdata, outcome->results->len);

  /* a page may not fill the view, which then never scrolls */
  if (outcome->results->len > 0)
    load_next_page (self);
}

static void
load_next_page (BdWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->results_scroller);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  double page_size = gtk_adjustment_get_page_size (adjustment);
  SearchRequest *request;
  g_autoptr(GTask) task = NULL;

  if (self->loading_page || self->query == NULL || n_items >= self->total)
    return;

  /* an unallocated list would take every page; it asks again when it gets its size */
  if (page_size <= 0 ||
      gtk_adjustment_get_value (adjustment) + 3 * page_size < gtk_adjustment_get_upper (adjustment))
    return;

  request = g_new0 (SearchRequest, 1);
  request->archive = g_object_ref (self->archive);
  request->query = g_object_ref (self->query);
  request->offset = n_items;

  self->loading_page = TRUE;
  self->n_searching++;
  task = g_task_new (self, self->search_cancellable, on_page_loaded_cb, NULL);
  g_task_set_source_tag (task, load_next_page);
  g_task_set_task_data (task, request, (GDestroyNotify)search_request_free);
  g_task_run_in_thread (task, search_thread);
}

static void
on_results_scrolled_cb (GtkAdjustment *adjustment,
                        BdWindow      *self)
{
  load_next_page (self);
}

static GtkWidget *
facet_row_new (const char *value,
               const char *label,
               guint       count)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (label);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (count_text);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_set_tooltip_text (name_label, label);
  gtk_label_set_xalign (GTK_LABEL (count_label), 1);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "value", g_strdup (value), g_free);

  return row;
}

/* Lists the most frequent values with their counts, the active one selected, and listed even
 * when nothing has it any more, so that it can be seen and cleared. */
static void
fill_facet (GtkListBox *list,
            GtkWidget  *section,
            GPtrArray  *counts,
            const char *active,
            gboolean    quarters)
{
  GtkWidget *row;
  gboolean active_listed = FALSE;
  guint n_rows = 0;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, row);

  for (guint i = 0; i < counts->len && n_rows < MAX_FACET_ROWS; i++)
    {
      BdCount *count = g_ptr_array_index (counts, i);
      g_autofree char *label = NULL;

      /* reports with no outlet or no date: nothing to filter by */
      if (*count->name == '\0')
        continue;

      label = quarters ? bd_periods_describe_quarter (count->name) : g_strdup (count->name);
      if (label == NULL)
        continue;

      row = facet_row_new (count->name, label, count->count);
      gtk_list_box_append (list, row);
      n_rows++;
      if (g_strcmp0 (active, count->name) == 0)
        {
          gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
          active_listed = TRUE;
        }
    }

  if (active != NULL && !active_listed)
    {
      g_autofree char *label = quarters ? bd_periods_describe_quarter (active) : NULL;

      row = facet_row_new (active, label != NULL ? label : active, 0);
      gtk_list_box_prepend (list, row);
      gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
      n_rows++;
    }

  gtk_widget_set_visible (section, n_rows > 0);
}

static void
show_counts (BdWindow       *self,
             const BdFacets *facets,
             const BdFacets *filter_facets)
{
  fill_facet (self->quarter_list, self->quarter_section, filter_facets->quarters, self->quarter,
              TRUE);
  fill_facet (self->outlet_list, self->outlet_section, filter_facets->outlets, self->outlet,
              FALSE);
  fill_facet (self->tag_list, self->tag_section, filter_facets->tags, self->tag, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (filter_levels); i++)
    {
      g_autofree char *count = NULL;
      guint n = filter_levels[i] < 0 ? facets->total : facets->levels[filter_levels[i]];

      count = g_strdup_printf ("%u", n);
      gtk_label_set_text (self->count_labels[i], count);
    }
}

static void
on_search_finished_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BdWindow *self = BD_WINDOW (object);
  g_autoptr(SearchOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  gboolean archive_empty;

  self->n_searching--;

  if (!(outcome = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* what was typed is not a query (yet): say why where the count goes */
      g_list_store_remove_all (self->results);
      g_clear_object (&self->query);
      self->total = 0;
      gtk_label_set_text (self->count_label, error->message);
      gtk_stack_set_visible_child_name (self->results_stack, "none");
      update_detail (self);
      return;
    }

  g_set_object (&self->query, outcome->query);
  self->total = outcome->total;
  self->loading_page = FALSE;

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       outcome->results->pdata, outcome->results->len);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->results_scroller), 0);

  show_counts (self, outcome->facets,
               outcome->filter_facets != NULL ? outcome->filter_facets : outcome->facets);
  count = g_strdup_printf (ngettext ("%u report found", "%u reports found", self->total),
                           self->total);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->results_stack, self->total > 0 ? "list" : "none");

  archive_empty = outcome->facets->total == 0 && bd_query_is_empty (outcome->query) &&
                  self->level < 0;
  gtk_stack_set_visible_child_name (self->main_stack, archive_empty ? "empty" : "browse");

  update_detail (self);
  load_next_page (self);
}

static void
start_search (BdWindow *self)
{
  g_autoptr(GTask) task = NULL;
  SearchRequest *request;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();

  request = g_new0 (SearchRequest, 1);
  request->archive = g_object_ref (self->archive);
  request->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  request->level = self->level;
  request->quarter = g_strdup (self->quarter);
  request->outlet = g_strdup (self->outlet);
  request->tag = g_strdup (self->tag);
  request->first_day = g_strdup (self->first_day);
  request->last_day = g_strdup (self->last_day);

  self->n_searching++;
  task = g_task_new (self, self->search_cancellable, on_search_finished_cb, NULL);
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, request, (GDestroyNotify)search_request_free);
  g_task_run_in_thread (task, search_thread);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      BdWindow       *self)
{
  start_search (self);
}

static void
on_level_row_selected_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          BdWindow      *self)
{
  int level = row != NULL ? filter_levels[gtk_list_box_row_get_index (row)] : -1;

  if (level == self->level)
    return;

  self->level = level;
  start_search (self);
}

static void
filters_changed (BdWindow *self)
{
  gtk_widget_set_visible (self->quarter_clear, self->quarter != NULL);
  gtk_widget_set_visible (self->outlet_clear, self->outlet != NULL);
  gtk_widget_set_visible (self->tag_clear, self->tag != NULL);
  gtk_widget_set_visible (self->dates_clear, self->first_day != NULL || self->last_day != NULL);
  start_search (self);
}

/* A row selects its value; the selected row, activated again, clears the filter. */
static void
on_facet_row_activated_cb (GtkListBox    *list,
                           GtkListBoxRow *row,
                           BdWindow      *self)
{
  const char *value = g_object_get_data (G_OBJECT (row), "value");
  char **filter;

  if (list == self->quarter_list)
    filter = &self->quarter;
  else if (list == self->outlet_list)
    filter = &self->outlet;
  else
    filter = &self->tag;

  if (g_strcmp0 (*filter, value) == 0)
    g_clear_pointer (filter, g_free);
  else
    {
      g_free (*filter);
      *filter = g_strdup (value);
    }

  filters_changed (self);
}

static void
clear_dates (BdWindow *self)
{
  g_clear_pointer (&self->first_day, g_free);
  g_clear_pointer (&self->last_day, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->first_day_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->last_day_entry), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->first_day_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->last_day_entry), "error");
}

/* A date is taken as the search takes dates, and shown as it was understood; an empty entry
 * leaves that end of the range open. */
static void
on_date_entry_activate_cb (GtkEntry *entry,
                           BdWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  char **bound = entry == self->first_day_entry ? &self->first_day : &self->last_day;
  g_autofree char *day = NULL;

  if (*text != '\0' && !(day = bd_date_normalize (text)))
    {
      g_autoptr(GError) error = g_error_new (BD_ERROR, BD_ERROR_INVALID,
                                             _("“%s” is not a date: write it as 2023-08-15"),
                                             text);

      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      show_error (self, error);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_editable_set_text (GTK_EDITABLE (entry), day != NULL ? day : "");
  if (g_strcmp0 (*bound, day) == 0)
    return;

  g_free (*bound);
  *bound = g_steal_pointer (&day);
  filters_changed (self);
}

static void
on_selection_changed_cb (GtkSelectionModel *selection,
                         guint              position,
                         guint              n_items,
                         BdWindow          *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->refreshing)
    return;

  update_detail (self);

  /* a narrow window shows the report in place of the list */
  selected = gtk_selection_model_get_selection (selection);
  if (self->narrow && !gtk_bitset_is_empty (selected))
    adw_leaflet_set_visible_child_name (self->content_leaflet, "detail");
}

/* The squeezer shows the paned while the results and the report fit side by side, the leaflet
 * when they do not: the two boxes move to whichever it shows. A narrowed window starts on the
 * results, as a narrow one opens. */
static void
on_content_layout_cb (AdwSqueezer *squeezer,
                      GParamSpec  *pspec,
                      BdWindow    *self)
{
  gboolean narrow = adw_squeezer_get_visible_child (squeezer) == GTK_WIDGET (self->content_leaflet);
  g_autoptr(GtkWidget) results = NULL;
  g_autoptr(GtkWidget) detail = NULL;

  /* also notified while the template is torn down */
  if (narrow == self->narrow || self->results_box == NULL || self->detail_box == NULL)
    return;

  self->narrow = narrow;
  results = g_object_ref (self->results_box);
  detail = g_object_ref (self->detail_box);

  if (narrow)
    {
      gtk_paned_set_start_child (self->content_paned, NULL);
      gtk_paned_set_end_child (self->content_paned, NULL);
      gtk_box_append (self->results_slot, results);
      gtk_box_append (self->detail_slot, detail);
      adw_leaflet_set_visible_child_name (self->content_leaflet, "results");
    }
  else
    {
      gtk_box_remove (self->results_slot, results);
      gtk_box_remove (self->detail_slot, detail);
      gtk_paned_set_start_child (self->content_paned, results);
      gtk_paned_set_end_child (self->content_paned, detail);
    }

  gtk_widget_set_visible (self->back_button, narrow);
}

/* Edited reports keep their place in the list, with the hits they were found by, and stay
 * selected, until the next search sorts them anew. */
static void
replace_reports (BdWindow  *self,
                 GPtrArray *reports)
{
  GListModel *model = G_LIST_MODEL (self->results);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) current = gtk_selection_model_get_selection (selection);
  /* a copy: the model may hand out the very set that the splices below change */
  g_autoptr(GtkBitset) selected = gtk_bitset_copy (current);
  g_autoptr(GtkBitset) all = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);

      g_hash_table_insert (by_id, g_memdup2 (&(gint64) { bd_report_get_id (report) },
                                             sizeof (gint64)), report);
    }

  self->refreshing = TRUE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BdSearchResult) old = g_list_model_get_item (model, i);
      BdReport *old_report = bd_search_result_get_report (old);
      gint64 id = bd_report_get_id (old_report);
      BdReport *report = g_hash_table_lookup (by_id, &id);
      g_autoptr(BdSearchResult) result = NULL;
      g_autofree char *title = NULL;
      g_autofree char *snippet = NULL;

      if (report == NULL)
        continue;

      if (g_strcmp0 (bd_report_get_title (old_report), bd_report_get_title (report)) == 0)
        title = bd_hits_mark (bd_search_result_get_title (old),
                              bd_search_result_get_title_hits (old));
      else
        title = g_strdup (bd_report_get_title (report));
      snippet = bd_hits_mark (bd_search_result_get_snippet (old),
                              bd_search_result_get_snippet_hits (old));
      result = bd_search_result_new (report, bd_search_result_get_score (old), title, snippet);

      if (self->shown_result == old)
        g_set_object (&self->shown_result, result);
      g_list_store_splice (self->results, i, 1, (gpointer *)&result, 1);
    }

  all = gtk_bitset_new_range (0, n_items);
  gtk_selection_model_set_selection (selection, selected, all);

  self->refreshing = FALSE;
}

static void
on_report_changed_cb (BdReportView *view,
                      BdReport     *report,
                      BdWindow     *self)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new ();

  g_ptr_array_add (reports, report);
  replace_reports (self, reports);
}

static void
on_bulk_reports_changed_cb (BdBulkEditor *editor,
                            GPtrArray    *reports,
                            BdWindow     *self)
{
  replace_reports (self, reports);
}

/* An import, export, backup or deletion on a worker thread does not keep a closed window alive:
 * GTK 4 disposes a destroyed window only once nothing holds it, and its dispose is what cancels
 * the work. The work's end then finds the window gone. */
static GWeakRef *
window_ref_new (BdWindow *self)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

/* Returns: (transfer full) (nullable): the window, or %NULL once it is disposed */
static BdWindow *
window_ref_take (GWeakRef *ref)
{
  BdWindow *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

/* One import, export or backup at a time: they show their progress in the same bar. */
static gboolean
task_running (BdWindow *self)
{
  return self->importing || self->exporter != NULL || self->backup_cancellable != NULL;
}

/* The bar that imports, exports and backups share: what is being done, and how far. */
static void
show_task_progress (BdWindow   *self,
                    const char *text,
                    guint       done,
                    guint       total)
{
  gtk_label_set_text (self->import_label, text);
  gtk_progress_bar_set_fraction (self->import_progress, total > 0 ? (double)done / total : 0);
}

static void
set_task_running (BdWindow *self,
                  gboolean  running)
{
  gtk_revealer_set_reveal_child (self->import_revealer, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-files", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample",
                                 !running && self->own_archive_path == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", !running);
}

static void
show_failure (BdWindow     *self,
              const char   *heading,
              const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_set_body (dialog, error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Also the progress of the sample archive's import. */
static void
on_import_progress_cb (GObject    *source,
                       guint       done,
                       guint       total,
                       const char *path,
                       BdWindow   *self)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *text = NULL;

  /* Translators: %u of %u files, then the name of the file */
  text = g_strdup_printf (_("Importing %u of %u: %s"), done, total, name);
  show_task_progress (self, text, done, total);
}

static char *
summarize_import (BdImporter   *importer,
                  const GError *error)
{
  guint imported = bd_importer_count (importer, BD_IMPORT_IMPORTED);
  guint duplicates = bd_importer_count (importer, BD_IMPORT_DUPLICATE);
  guint failed = bd_importer_count (importer, BD_IMPORT_FAILED);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u report imported",
                                                      "%u reports imported", imported),
                                            imported));
  if (duplicates > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u already in the archive",
                                                        "%u already in the archive",
                                                        duplicates),
                                              duplicates));
  if (failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u file failed",
                                                        "%u files failed", failed),
                                              failed));
  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of an import's summary */
  joined = g_strjoinv (C_("import summary", ", "), (char **)parts->pdata);

  if (error != NULL)
    /* Translators: the import was stopped; %s says what it did until then */
    return g_strdup_printf (_("Import stopped: %s"), joined);

  return g_steal_pointer (&joined);
}

static void
on_import_finished_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BdWindow) self = window_ref_take (user_data);
  BdImporter *importer = BD_IMPORTER (object);
  g_autoptr(GError) error = NULL;
  gboolean done = bd_importer_run_finish (importer, result, &error);
  AdwToast *toast;

  /* the window was closed meanwhile, which cancelled the import: nobody to tell */
  if (self == NULL)
    return;

  if (!done && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error);

  self->importing = FALSE;
  g_clear_object (&self->import_cancellable);
  set_task_running (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-import-failures",
                                 bd_importer_count (importer, BD_IMPORT_FAILED) > 0);

  g_free (self->import_summary);
  self->import_summary = summarize_import (importer, error);
  toast = adw_toast_new (self->import_summary);
  if (bd_importer_count (importer, BD_IMPORT_FAILED) > 0)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-import-failures");
      adw_toast_set_timeout (toast, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  start_search (self);
}

/**
 * bd_window_import_files:
 * @files: (array length=n_files): files and folders to import
 *
 * Imports files as the file chooser and a drop do, showing the progress; the window stays
 * responsive and a toast sums up the import at the end.
 *
 * Returns: %FALSE when an import is already running
 */
gboolean
bd_window_import_files (BdWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (BD_IS_WINDOW (self), FALSE);

  if (task_running (self))
    return FALSE;

  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return FALSE;
  g_ptr_array_add (paths, NULL);

  g_clear_object (&self->importer);
  self->importer = bd_importer_new (self->archive);
  bd_importer_set_max_file_size (self->importer,
                                 (guint64)g_settings_get_uint (self->settings,
                                                               "import-max-file-size") << 20);
  bd_importer_set_time_limit (self->importer,
                              g_settings_get_uint (self->settings, "import-time-limit") * 1000);
  self->import_cancellable = g_cancellable_new ();
  self->importing = TRUE;
  g_signal_connect_object (self->importer, "progress", G_CALLBACK (on_import_progress_cb), self,
                           G_CONNECT_DEFAULT);

  show_task_progress (self, _("Looking for reports…"), 0, 0);
  set_task_running (self, TRUE);

  bd_importer_run_async (self->importer, (const char * const *)paths->pdata,
                         self->import_cancellable, on_import_finished_cb, window_ref_new (self));

  return TRUE;
}

/* The other archive replaces this one in a new window, and this window, the last user of its
 * archive, closes it. */
static void
show_in_new_window (BdWindow   *self,
                    BdArchive  *archive,
                    const char *own_archive_path)
{
  BdWindow *other = g_object_new (BD_TYPE_WINDOW,
                                  "application", gtk_window_get_application (GTK_WINDOW (self)),
                                  "archive", archive,
                                  "own-archive-path", own_archive_path,
                                  NULL);

  gtk_window_present (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_sample_writing_cb (BdSampleArchive *sample,
                      guint            done,
                      guint            total,
                      const char      *path,
                      BdWindow        *self)
{
  g_autofree char *text = NULL;

  /* Translators: %u of %u reports of the sample archive written */
  text = g_strdup_printf (_("Writing the sample archive’s reports: %u of %u"), done, total);
  show_task_progress (self, text, done, total);
}

static void
on_sample_prepared_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BdWindow) self = window_ref_take (user_data);
  g_autoptr(BdArchive) sample = NULL;
  g_autoptr(GError) error = NULL;

  sample = bd_sample_archive_prepare_finish (BD_SAMPLE_ARCHIVE (object), result, &error);

  /* the window was closed meanwhile, which cancelled the preparation */
  if (self == NULL)
    return;

  self->importing = FALSE;
  g_clear_object (&self->import_cancellable);
  set_task_running (self, FALSE);

  if (sample == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  show_in_new_window (self, sample, bd_archive_get_path (self->archive));
}

/* The sample is written and imported once, into the cache, and opened from there after. */
static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  g_autofree char *folder = bd_sample_archive_default_folder ();
  g_autoptr(BdSampleArchive) sample = NULL;

  if (task_running (self) || self->own_archive_path != NULL)
    return;

  sample = bd_sample_archive_new (folder, self->sample_size);
  self->import_cancellable = g_cancellable_new ();
  self->importing = TRUE;
  g_signal_connect_object (sample, "writing", G_CALLBACK (on_sample_writing_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (sample, "importing", G_CALLBACK (on_import_progress_cb), self,
                           G_CONNECT_DEFAULT);

  show_task_progress (self, _("Preparing the sample archive…"), 0, 0);
  set_task_running (self, TRUE);

  bd_sample_archive_prepare_async (sample, self->import_cancellable, on_sample_prepared_cb,
                                   window_ref_new (self));
}

static void
open_own_archive_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  g_autoptr(BdArchive) own = NULL;
  g_autoptr(GError) error = NULL;

  if (self->own_archive_path == NULL)
    return;

  if (!(own = bd_archive_open (self->own_archive_path, &error)))
    {
      show_error (self, error);
      return;
    }

  show_in_new_window (self, own, NULL);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        BdWindow        *self)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
    }

  if (files->len > 0)
    {
      g_autoptr(GFile) folder = g_file_get_parent (g_ptr_array_index (files, 0));

      if (folder != NULL)
        {
          g_autofree char *uri = g_file_get_uri (folder);

          g_settings_set_string (self->settings, "last-import-folder", uri);
        }
      bd_window_import_files (self, (GFile **)files->pdata, files->len);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_files (BdWindow             *self,
              GtkFileChooserAction  action,
              const char           *title)
{
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-import-folder");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  if (*last_folder != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr(GtkFileFilter) reports = gtk_file_filter_new ();

      gtk_file_filter_set_name (reports, _("PDF and Web Pages"));
      gtk_file_filter_add_mime_type (reports, "application/pdf");
      gtk_file_filter_add_mime_type (reports, "text/html");
      gtk_file_filter_add_mime_type (reports, "application/xhtml+xml");
      gtk_file_filter_add_suffix (reports, "pdf");
      gtk_file_filter_add_suffix (reports, "html");
      gtk_file_filter_add_suffix (reports, "htm");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), reports);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_files_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_files (BD_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Files"));
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_files (BD_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("Import Folders"));
}

static void
cancel_task_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_cancellable_cancel (BD_WINDOW (widget)->import_cancellable);
  g_cancellable_cancel (BD_WINDOW (widget)->export_cancellable);
  g_cancellable_cancel (BD_WINDOW (widget)->backup_cancellable);
}

static void
show_import_failures_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  GPtrArray *items;

  if (self->importer == NULL || self->importing)
    return;

  items = bd_importer_get_items (self->importer);
  gtk_window_present (GTK_WINDOW (bd_failures_dialog_new (GTK_WINDOW (self), items)));
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  const char *filter = g_variant_get_string (parameter, NULL);

  if (g_str_equal (filter, "quarter"))
    g_clear_pointer (&self->quarter, g_free);
  else if (g_str_equal (filter, "outlet"))
    g_clear_pointer (&self->outlet, g_free);
  else if (g_str_equal (filter, "tag"))
    g_clear_pointer (&self->tag, g_free);
  else if (g_str_equal (filter, "dates"))
    clear_dates (self);
  else
    g_return_if_reached ();

  filters_changed (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);

  /* one search for all: the level row's handler searches only when the level changes */
  self->level = -1;
  gtk_list_box_select_row (self->level_list, gtk_list_box_get_row_at_index (self->level_list, 0));
  g_clear_pointer (&self->quarter, g_free);
  g_clear_pointer (&self->outlet, g_free);
  g_clear_pointer (&self->tag, g_free);
  clear_dates (self);
  filters_changed (self);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            BdWindow      *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  for (GSList *l = gdk_file_list_get_files (g_value_get_boxed (value)); l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);

  return bd_window_import_files (self, (GFile **)files->pdata, files->len);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (BD_WINDOW (widget)->search_entry));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);

  if (gtk_stack_get_visible_child_name (self->main_stack) != NULL &&
      g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "browse"))
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

static void
on_reports_deleted_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BdWindow) self = window_ref_take (user_data);
  g_autoptr(GError) error = NULL;
  gboolean deleted = bd_archive_delete_reports_finish (BD_ARCHIVE (object), result, &error);
  g_autofree char *done = NULL;

  if (self == NULL || (!deleted && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    return;

  g_clear_object (&self->delete_cancellable);
  update_detail (self);

  if (error != NULL)
    {
      show_error (self, error);
      return;
    }

  done = g_strdup_printf (ngettext ("%u report deleted", "%u reports deleted", self->n_deleting),
                          self->n_deleting);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (done));
  start_search (self);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       BdWindow         *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");

  if (!g_str_equal (response, "delete") || self->delete_cancellable != NULL)
    return;

  /* one deletion at a time: the action waits until this one is done */
  self->delete_cancellable = g_cancellable_new ();
  self->n_deleting = ids->len;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-selected", FALSE);
  bd_archive_delete_reports_async (self->archive, (const gint64 *)ids->data, ids->len,
                                   self->delete_cancellable, on_reports_deleted_cb,
                                   window_ref_new (self));
}

/* Asks first: a deleted report takes its stored original with it. */
static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  g_autoptr(GPtrArray) selected = get_selected_results (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  AdwMessageDialog *dialog;

  if (selected->len == 0)
    return;

  for (guint i = 0; i < selected->len; i++)
    {
      gint64 id = bd_report_get_id (bd_search_result_get_report (g_ptr_array_index (selected, i)));

      g_array_append_val (ids, id);
    }

  if (selected->len == 1)
    {
      BdReport *report = bd_search_result_get_report (g_ptr_array_index (selected, 0));

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Delete the Report?"), NULL));
      /* Translators: %s is the report's title */
      adw_message_dialog_format_body (dialog, _("“%s” and its original file will be removed "
                                                "from the archive. This cannot be undone."),
                                      bd_report_get_title (report));
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
      adw_message_dialog_format_heading (dialog,
                                         ngettext ("Delete %u Report?", "Delete %u Reports?",
                                                   selected->len),
                                         selected->len);
      adw_message_dialog_set_body (dialog, _("The selected reports and their original files will "
                                             "be removed from the archive. This cannot be "
                                             "undone."));
    }

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids),
                          (GDestroyNotify)g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_results_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (BD_WINDOW (widget)->content_leaflet, "results");
}

static void
show_statistics_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (bd_stats_window_new (GTK_WINDOW (self), self->archive)));
}

/* Levels that changed show in the results and the filters' counts. */
static void
on_outlets_changed_cb (BdOutletsWindow *outlets,
                       guint            n_reclassified,
                       BdWindow        *self)
{
  if (n_reclassified > 0)
    start_search (self);
}

static void
show_outlets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  GtkWidget *outlets = bd_outlets_window_new (GTK_WINDOW (self), self->archive);

  g_signal_connect_object (outlets, "changed", G_CALLBACK (on_outlets_changed_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (outlets));
}

static void
show_preferences_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (bd_preferences_window_new (GTK_WINDOW (widget))));
}

static void
on_export_progress_cb (BdExporter *exporter,
                       guint       done,
                       guint       total,
                       const char *path,
                       BdWindow   *self)
{
  g_autofree char *text = NULL;

  /* Translators: %u of %u reports written into a bundle */
  text = g_strdup_printf (_("Exporting %u of %u reports"), done, total);
  show_task_progress (self, text, done, total);
}

static void
on_export_finished_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BdWindow) self = window_ref_take (user_data);
  BdExporter *exporter = BD_EXPORTER (object);
  g_autoptr(GError) error = NULL;
  gboolean exported = bd_exporter_run_finish (exporter, result, &error);
  g_autofree char *done = NULL;

  /* the window was closed meanwhile, which cancelled the export: nobody to tell */
  if (self == NULL)
    return;

  if (!exported)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Export cancelled")));
      else
        show_failure (self, _("Export Failed"), error);
    }
  else
    {
      guint n = bd_exporter_get_n_reports (exporter);
      g_autofree char *name = g_file_get_basename (self->export_file);

      /* Translators: %u reports were written into the file named %s */
      done = g_strdup_printf (ngettext ("%u report exported to “%s”",
                                        "%u reports exported to “%s”", n),
                              n, name);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (done));
    }

  g_clear_object (&self->exporter);
  g_clear_object (&self->export_file);
  g_clear_object (&self->export_cancellable);
  set_task_running (self, FALSE);
}

/**
 * bd_window_export:
 * @exporter: set up with what to export
 * @file: where the bundle goes
 *
 * Runs an export, showing its progress with a way to cancel it; a toast or an error dialog
 * says how it ended.
 *
 * Returns: %FALSE when an import or export is already running or @file is not local
 */
gboolean
bd_window_export (BdWindow   *self,
                  BdExporter *exporter,
                  GFile      *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (BD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (BD_IS_EXPORTER (exporter), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (task_running (self) || !(path = g_file_get_path (file)))
    return FALSE;

  self->exporter = g_object_ref (exporter);
  self->export_file = g_object_ref (file);
  self->export_cancellable = g_cancellable_new ();
  g_signal_connect_object (exporter, "progress", G_CALLBACK (on_export_progress_cb), self,
                           G_CONNECT_DEFAULT);

  show_task_progress (self, _("Preparing the export…"), 0, 0);
  set_task_running (self, TRUE);

  bd_exporter_run_async (exporter, path, self->export_cancellable, on_export_finished_cb,
                         window_ref_new (self));

  return TRUE;
}

static void
on_export_chosen_cb (BdExportDialog *dialog,
                     BdExporter     *exporter,
                     GFile          *file,
                     BdWindow       *self)
{
  bd_window_export (self, exporter, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  g_autoptr(GPtrArray) selected = get_selected_results (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(BdQuery) everything = NULL;
  GtkWidget *dialog;

  for (guint i = 0; i < selected->len; i++)
    {
      gint64 id = bd_report_get_id (bd_search_result_get_report (g_ptr_array_index (selected, i)));

      g_array_append_val (ids, id);
    }

  /* what was typed may not be a query yet: then the whole archive is "the search" */
  if (self->query == NULL)
    everything = bd_query_parse ("", NULL);

  dialog = bd_export_dialog_new (GTK_WINDOW (self), self->archive,
                                 self->query != NULL ? self->query : everything,
                                 self->query != NULL ? self->total : 0,
                                 (const gint64 *)ids->data, ids->len);
  g_signal_connect_object (dialog, "export", G_CALLBACK (on_export_chosen_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
pulse_backup_cb (gpointer user_data)
{
  BdWindow *self = user_data;

  gtk_progress_bar_pulse (self->import_progress);
  return G_SOURCE_CONTINUE;
}

static void
on_backup_finished_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BdWindow) self = window_ref_take (user_data);
  g_autoptr(GError) error = NULL;
  gboolean done = bd_archive_backup_finish (BD_ARCHIVE (object), result, &error);
  g_autoptr(GFile) destination = NULL;

  /* the window was closed meanwhile, which cancelled the backup: nobody to tell */
  if (self == NULL)
    return;

  destination = g_steal_pointer (&self->backup_file);
  g_clear_handle_id (&self->backup_pulse_id, g_source_remove);
  g_clear_object (&self->backup_cancellable);
  set_task_running (self, FALSE);

  if (done)
    {
      g_autofree char *where = g_file_get_parse_name (destination);
      g_autofree char *text = NULL;

      /* Translators: %s is the folder the backup was written into */
      text = g_strdup_printf (_("Archive backed up to “%s”"), where);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Backup cancelled")));
  else
    show_failure (self, _("Backup Failed"), error);
}

/**
 * bd_window_backup:
 * @destination: the folder to create for the backup
 *
 * Backs the archive up while it stays in use, as the menu does once a folder is chosen,
 * showing that it runs with a way to cancel it; a toast or an error dialog says how it ended.
 * A backup that fails or is cancelled leaves nothing at @destination.
 *
 * Returns: %FALSE when an import, export or backup is already running or @destination is not
 *   local
 */
gboolean
bd_window_backup (BdWindow *self,
                  GFile    *destination)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (BD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  if (task_running (self) || !(path = g_file_get_path (destination)))
    return FALSE;

  self->backup_file = g_object_ref (destination);
  self->backup_cancellable = g_cancellable_new ();

  name = g_filename_display_basename (path);
  /* Translators: %s is the name of the folder the backup goes into */
  text = g_strdup_printf (_("Backing up the archive to “%s”…"), name);
  gtk_label_set_text (self->import_label, text);
  /* The core does not say how far a backup has got: the bar only shows that it is working. */
  gtk_progress_bar_pulse (self->import_progress);
  self->backup_pulse_id = g_timeout_add (100, pulse_backup_cb, self);
  set_task_running (self, TRUE);

  bd_archive_backup_async (self->archive, path, self->backup_cancellable, on_backup_finished_cb,
                           window_ref_new (self));

  return TRUE;
}

static void
on_backup_chooser_response_cb (GtkNativeDialog *dialog,
                               int              response,
                               BdWindow        *self)
{
  g_autoptr(GFile) destination = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    destination = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (destination != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (destination);

      if (folder != NULL)
        {
          g_autofree char *uri = g_file_get_uri (folder);

          g_settings_set_string (self->settings, "last-backup-folder", uri);
        }
      bd_window_backup (self, destination);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* A backup is a new folder: the chooser asks for its name, suggesting one with today's date. */
static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-backup-folder");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Back Up Archive"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* Translators: the suggested name of a backup's folder; %s is today's date, 2026-03-01 */
  name = g_strdup_printf (_("Baodao Backup %s"), today);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (*last_folder != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
focus_in_text (BdWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

/* Ctrl+A and Delete are for the list wherever the focus is, except in text, which keeps them
 * for its own use. They are caught on their way down: on the way up the search entry would
 * take them, as it takes all typing. */
static gboolean
on_select_all_key_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  if (focus_in_text (BD_WINDOW (widget)))
    return FALSE;

  return gtk_widget_activate_action (widget, "win.select-all", NULL);
}

static gboolean
on_delete_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  if (focus_in_text (BD_WINDOW (widget)))
    return FALSE;

  return gtk_widget_activate_action (widget, "win.delete-selected", NULL);
}

static void
add_list_keys (BdWindow *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (keys);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK),
                      gtk_callback_action_new (on_select_all_key_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                      gtk_callback_action_new (on_delete_key_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                      gtk_callback_action_new (on_delete_key_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

static void
bd_window_constructed (GObject *object)
{
  BdWindow *self = (BdWindow *)object;

  G_OBJECT_CLASS (bd_window_parent_class)->constructed (object);

  g_assert (self->archive != NULL);

  bd_report_view_set_archive (self->report_view, self->archive);
  bd_bulk_editor_set_archive (self->bulk_editor, self->archive);

  gtk_revealer_set_reveal_child (self->sample_bar, self->own_archive_path != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample",
                                 self->own_archive_path == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-own-archive",
                                 self->own_archive_path != NULL);
  if (self->own_archive_path != NULL)
    gtk_window_set_title (GTK_WINDOW (self), _("Baodao — Sample Archive"));

  start_search (self);
}

static void
bd_window_dispose (GObject *object)
{
  BdWindow *self = (BdWindow *)object;

  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_cancellable_cancel (self->backup_cancellable);
  g_clear_handle_id (&self->backup_pulse_id, g_source_remove);
  g_cancellable_cancel (self->delete_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_WINDOW);

  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->importer);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->exporter);
  g_clear_object (&self->export_file);
  g_clear_object (&self->backup_cancellable);
  g_clear_object (&self->backup_file);
  g_clear_object (&self->delete_cancellable);
  g_clear_object (&self->query);
  g_clear_object (&self->shown_result);
  g_clear_object (&self->settings);
  g_clear_object (&self->archive);
  g_clear_pointer (&self->own_archive_path, g_free);
  g_clear_pointer (&self->import_summary, g_free);
  g_clear_pointer (&self->quarter, g_free);
  g_clear_pointer (&self->outlet, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->first_day, g_free);
  g_clear_pointer (&self->last_day, g_free);

  G_OBJECT_CLASS (bd_window_parent_class)->dispose (object);
}

static void
bd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BdWindow *self = BD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ARCHIVE:
      g_value_set_object (value, self->archive);
      break;

    case PROP_OWN_ARCHIVE_PATH:
      g_value_set_string (value, self->own_archive_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BdWindow *self = BD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ARCHIVE:
      self->archive = g_value_dup_object (value);
      break;

    case PROP_OWN_ARCHIVE_PATH:
      self->own_archive_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_window_class_init (BdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bd_window_constructed;
  object_class->dispose = bd_window_dispose;
  object_class->get_property = bd_window_get_property;
  object_class->set_property = bd_window_set_property;

  properties [PROP_ARCHIVE] =
    g_param_spec_object ("archive", NULL, NULL,
                         BD_TYPE_ARCHIVE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* the sample archive's window offers the way back to the archive it was opened from */
  properties [PROP_OWN_ARCHIVE_PATH] =
    g_param_spec_string ("own-archive-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the list's rows and the preview are built from the templates */
  g_type_ensure (BD_TYPE_RESULT_ROW);
  g_type_ensure (BD_TYPE_REPORT_VIEW);
  g_type_ensure (BD_TYPE_BULK_EDITOR);
  g_type_ensure (BD_TYPE_SEARCH_RESULT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, sample_bar);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, level_list);
  gtk_widget_class_bind_template_child_full (widget_class, "all_count", FALSE,
                                             G_STRUCT_OFFSET (BdWindow, count_labels[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "national_count", FALSE,
                                             G_STRUCT_OFFSET (BdWindow, count_labels[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "provincial_count", FALSE,
                                             G_STRUCT_OFFSET (BdWindow, count_labels[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "municipal_count", FALSE,
                                             G_STRUCT_OFFSET (BdWindow, count_labels[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "unset_count", FALSE,
                                             G_STRUCT_OFFSET (BdWindow, count_labels[4]));
  gtk_widget_class_bind_template_child (widget_class, BdWindow, quarter_section);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, quarter_list);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, quarter_clear);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, outlet_section);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, outlet_list);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, outlet_clear);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, tag_section);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, tag_list);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, tag_clear);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, dates_clear);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, first_day_entry);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, last_day_entry);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, results_stack);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, results);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, content_squeezer);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, content_paned);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, content_leaflet);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, results_box);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, detail_box);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, results_slot);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, detail_slot);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, back_button);
  /* named for the tests, which press it */
  gtk_widget_class_bind_template_child_full (widget_class, "sample_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, report_view);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, bulk_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_level_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_facet_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_content_layout_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_report_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bulk_reports_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.import-files", NULL, import_files_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-task", NULL, cancel_task_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.show-import-failures", NULL,
                                   show_import_failures_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filter", "s", clear_filter_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "win.show-results", NULL, show_results_action);
  gtk_widget_class_install_action (widget_class, "win.show-statistics", NULL,
                                   show_statistics_action);
  gtk_widget_class_install_action (widget_class, "win.delete-selected", NULL,
                                   delete_selected_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-own-archive", NULL,
                                   open_own_archive_action);
  gtk_widget_class_install_action (widget_class, "win.show-outlets", NULL, show_outlets_action);
  gtk_widget_class_install_action (widget_class, "win.show-preferences", NULL,
                                   show_preferences_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.import-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.show-preferences", NULL);
}

static void
bd_window_init (BdWindow *self)
{
  GtkDropTarget *drop_target;

  self->level = -1;
  self->sample_size = BD_SAMPLE_DEFAULT_REPORTS;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SCHEMA_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "results-width", self->content_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  add_list_keys (self);
  gtk_list_box_select_row (self->level_list, gtk_list_box_get_row_at_index (self->level_list, 0));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->results_scroller),
                           "value-changed", G_CALLBACK (on_results_scrolled_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->results_scroller),
                           "changed", G_CALLBACK (on_results_scrolled_cb), self,
                           G_CONNECT_DEFAULT);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-import-failures", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-selected", FALSE);
}

BdWindow *
bd_window_new (GtkApplication *application,
               BdArchive      *archive)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (BD_IS_ARCHIVE (archive), NULL);

  return g_object_new (BD_TYPE_WINDOW,
                       "application", application,
                       "archive", archive,
                       NULL);
}

BdArchive *
bd_window_get_archive (BdWindow *self)
{
  g_return_val_if_fail (BD_IS_WINDOW (self), NULL);

  return self->archive;
}

gboolean
_bd_window_is_busy (BdWindow *self)
{
  return self->n_searching > 0 || task_running (self) || self->delete_cancellable != NULL ||
         _bd_report_view_is_busy (self->report_view) || _bd_bulk_editor_is_busy (self->bulk_editor);
}

const char *
_bd_window_get_import_summary (BdWindow *self)
{
  return self->import_summary;
}

/* The tests open a small sample. */
void
_bd_window_set_sample_size (BdWindow *self,
                            guint     n_reports)
{
  self->sample_size = n_reports;
}
