/* test-app.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#endif

#include "bd-archive.h"
#include "bd-bundle.h"
#include "bd-bulk-editor.h"
#include "bd-export-dialog.h"
#include "bd-failures-dialog.h"
#include "bd-importer.h"
#include "bd-report-view-private.h"
#include "bd-report.h"
#include "bd-result-row.h"
#include "bd-search-result.h"
#include "bd-stats-chart.h"
#include "bd-stats-window.h"
#include "bd-test-fixtures.h"
#include "bd-window-private.h"
#include "bd-window.h"

/* The window is driven as staff would: typing, clicking a level, selecting a row, editing and
 * importing, on a real archive of generated Chinese reports. The tests run in Chinese. */

#define WAIT_TIMEOUT_MS 20000
#define RESULT_ITEM_UI "/io/github/baodao/Baodao/bd-result-item.ui"

typedef struct
{
  const char *name;
  const char *title;
  const char *source;
  const char *date;
  const char *body;
} Doc;

static const Doc docs[] = {
  { "a.html", "竹溪茶产业迈上新台阶", "人民网", "2023-08-15 09:12",
    "竹溪县大力发展茶产业，全县茶园面积突破三十万亩，带动数万农户增收。" },
  { "b.html", "竹溪茶农采茶忙", "湖北日报", "2023-07-10 10:00",
    "清明前后，竹溪县各茶园一片繁忙，茶产业成为乡村振兴的支柱。" },
  { "c.html", "竹溪县召开乡村振兴推进会", "十堰日报", "2023-09-01 08:30",
    "会议总结上半年工作，部署下一阶段乡村振兴重点任务。" },
  { "d.html", "竹溪县开展能力作风建设年活动", "竹溪县融媒体中心", "2023-06-01 08:00",
    "全县各单位围绕能力作风建设开展专题学习。" },
};

#define PDF_HEADING "竹溪县茶产业发展调查"
#define PDF_BODY "近年来，竹溪县坚持把茶产业作为富民强县的主导产业来抓，茶叶品牌影响力不断提升。"

static char *tmp_dir;
static BdArchive *archive;
static BdWindow *window;

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

/* Iterates the main loop until @condition holds, failing the test after a while. */
static void
wait_for (gboolean (*condition) (gpointer),
          gpointer  data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          GtkLabel *count_label = child (window, BD_TYPE_WINDOW, "count_label");

          /* printed as bytes: g_error() would turn Chinese into question marks in a C locale */
          g_printerr ("Timed out waiting for %s; the count says “%s”\n", what,
                      gtk_label_get_text (count_label));
          g_assert_not_reached ();
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
window_idle (gpointer data)
{
  return !_bd_window_is_busy (data);
}

typedef struct
{
  GtkLabel   *label;
  const char *text;
} LabelIs;

static gboolean
label_is (gpointer data)
{
  LabelIs *check = data;

  return !_bd_window_is_busy (window) &&
         g_strcmp0 (gtk_label_get_text (check->label), check->text) == 0;
}

static void
wait_for_count (const char *text)
{
  LabelIs check = { child (window, BD_TYPE_WINDOW, "count_label"), text };
  g_autofree char *what = g_strdup_printf ("“%s” where the count goes", text);

  wait_for (label_is, &check, what);
  g_assert_cmpstr (gtk_label_get_text (check.label), ==, text);
}

/* Lets the list create and bind its rows. */
static void
draw_window (void)
{
  for (guint i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (BD_IS_RESULT_ROW (widget) && gtk_widget_get_mapped (widget) &&
      bd_result_row_get_result (BD_RESULT_ROW (widget)) != NULL)
    g_ptr_array_add (rows, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, rows);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* The titles the list shows, sorted, read from the rows' labels. */
static char *
shown_titles (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  draw_window ();
  collect_rows (child (window, BD_TYPE_WINDOW, "results_scroller"), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkLabel *label = child (g_ptr_array_index (rows, i), BD_TYPE_RESULT_ROW, "title_label");

      g_ptr_array_add (titles, (gpointer)gtk_label_get_text (label));
    }
  g_ptr_array_sort (titles, compare_strings);
  g_ptr_array_add (titles, NULL);

  return g_strjoinv ("|", (char **)titles->pdata);
}

static void
type_query (const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (window, BD_TYPE_WINDOW, "search_entry")), text);
}

static void
select_level_row (guint index)
{
  GtkListBox *list = child (window, BD_TYPE_WINDOW, "level_list");

  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, index));
}

static void
write_doc (const char *dir,
           const Doc  *doc)
{
  const char *const paragraphs[] = { doc->body, NULL };
  g_autofree char *path = g_build_filename (dir, doc->name, NULL);
  g_autofree char *page_title = g_strdup_printf ("%s_%s", doc->title, doc->source);
  g_autoptr(GError) error = NULL;
  BdTestHtml spec = {
    .title = page_title,
    .heading = doc->title,
    .source = doc->source,
    .byline_date = doc->date,
    .paragraphs = paragraphs,
  };

  g_assert_true (bd_test_write_html (path, &spec, &error));
  g_assert_no_error (error);
}

static void
write_pdf (const char *dir)
{
  static const char *const pages[] = { PDF_BODY, NULL };
  g_autofree char *path = g_build_filename (dir, "e.pdf", NULL);
  g_autoptr(GError) error = NULL;
  BdTestPdf spec = {
    .title = PDF_HEADING,
    .header = "湖北日报 2023年8月20日 第5版",
    .heading = PDF_HEADING,
    .pages = pages,
  };

  g_assert_true (bd_test_write_pdf (path, &spec, &error));
  g_assert_no_error (error);
}

static void
build_archive (void)
{
  g_autofree char *files_dir = g_build_filename (tmp_dir, "files", NULL);
  g_autofree char *archive_dir = g_build_filename (tmp_dir, "archive", NULL);
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { files_dir, NULL };

  g_assert_cmpint (g_mkdir (files_dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    write_doc (files_dir, &docs[i]);
  write_pdf (files_dir);

  archive = bd_archive_open (archive_dir, &error);
  g_assert_no_error (error);
  importer = bd_importer_new (archive);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, G_N_ELEMENTS (docs) + 1);
}

static void
test_templates (void)
{
  const GType types[] = {
    BD_TYPE_RESULT_ROW, BD_TYPE_REPORT_VIEW, BD_TYPE_BULK_EDITOR, BD_TYPE_FAILURES_DIALOG,
  };
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GPtrArray) no_items = g_ptr_array_new ();

  /* GTK checks a template only when it is built; a broken one is a critical, and fatal here */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));

      g_assert_true (g_type_is_a (G_OBJECT_TYPE (widget), types[i]));
      if (GTK_IS_WINDOW (widget))
        gtk_window_destroy (GTK_WINDOW (widget));
      g_object_unref (widget);
    }

  factory = gtk_builder_list_item_factory_new_from_resource (NULL, RESULT_ITEM_UI);
  g_assert_nonnull (
    gtk_builder_list_item_factory_get_bytes (GTK_BUILDER_LIST_ITEM_FACTORY (factory)));

  /* the window's template, its menu and the failures dialog with no failures */
  {
    BdWindow *other = bd_window_new (NULL, archive);
    GtkWidget *dialog = bd_failures_dialog_new (GTK_WINDOW (other), no_items);

    g_assert_cmpuint (bd_failures_dialog_get_n_failures (BD_FAILURES_DIALOG (dialog)), ==, 0);
    gtk_window_destroy (GTK_WINDOW (dialog));
    wait_for (window_idle, other, "the other window's first search");
    gtk_window_destroy (GTK_WINDOW (other));
  }
}

/* The shortcuts window GTK shows for Ctrl+? builds, in Chinese, with every group. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *overlay;
  GtkWidget *group = NULL;

  builder = gtk_builder_new_from_resource ("/io/github/baodao/Baodao/gtk/help-overlay.ui");
  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();
    g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (stack, overlay);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_SHORTCUTS_GROUP (w))
          {
            g_autofree char *title = NULL;

            g_object_get (w, "title", &title, NULL);
            g_ptr_array_add (titles, g_steal_pointer (&title));
            group = w;
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_assert_nonnull (group);
    g_assert_true (g_ptr_array_find_with_equal_func (titles, "常规", g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (titles, "报道", g_str_equal, NULL));
  }

  gtk_window_destroy (overlay);
}

static const char *
count_of (const char *name)
{
  return gtk_label_get_text (child (window, BD_TYPE_WINDOW, name));
}

static void
test_first_view (void)
{
  GtkStack *main_stack = child (window, BD_TYPE_WINDOW, "main_stack");

  wait_for_count ("找到 5 条报道");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "browse");
  g_assert_cmpstr (count_of ("all_count"), ==, "5");
  g_assert_cmpstr (count_of ("national_count"), ==, "1");
  g_assert_cmpstr (count_of ("provincial_count"), ==, "2");
  g_assert_cmpstr (count_of ("municipal_count"), ==, "1");
  g_assert_cmpstr (count_of ("unset_count"), ==, "1");
}

static void
test_search (void)
{
  g_autofree char *titles = NULL;
  GListModel *results = child (window, BD_TYPE_WINDOW, "results");

  type_query ("茶产业");
  wait_for_count ("找到 3 条报道");

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 3);
  titles = shown_titles ();
  g_assert_cmpstr (titles, ==, "竹溪县茶产业发展调查|竹溪茶产业迈上新台阶|竹溪茶农采茶忙");

  /* the level counts follow what was typed */
  g_assert_cmpstr (count_of ("provincial_count"), ==, "2");
  g_assert_cmpstr (count_of ("municipal_count"), ==, "0");

  type_query ("并不存在的词");
  wait_for_count ("找到 0 条报道");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, BD_TYPE_WINDOW,
                                                             "results_stack")), ==, "none");
}

static void
test_level_filter (void)
{
  g_autofree char *titles = NULL;
  g_autofree char *municipal = NULL;

  type_query ("茶产业");
  wait_for_count ("找到 3 条报道");

  select_level_row (2);
  wait_for_count ("找到 2 条报道");
  titles = shown_titles ();
  g_assert_cmpstr (titles, ==, "竹溪县茶产业发展调查|竹溪茶农采茶忙");

  select_level_row (3);
  wait_for_count ("找到 0 条报道");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, BD_TYPE_WINDOW,
                                                             "results_stack")), ==, "none");

  /* the empty state's button clears the filter */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  wait_for_count ("找到 3 条报道");

  type_query ("");
  select_level_row (3);
  wait_for_count ("找到 1 条报道");
  municipal = shown_titles ();
  g_assert_cmpstr (municipal, ==, "竹溪县召开乡村振兴推进会");

  select_level_row (0);
  wait_for_count ("找到 5 条报道");
}

static BdSearchResult *
select_title (const char *title)
{
  GListModel *results = child (window, BD_TYPE_WINDOW, "results");
  GtkSelectionModel *selection = child (window, BD_TYPE_WINDOW, "selection");

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(BdSearchResult) result = g_list_model_get_item (results, i);

      if (g_strcmp0 (bd_report_get_title (bd_search_result_get_report (result)), title) == 0)
        {
          gtk_selection_model_select_item (selection, i, TRUE);
          return result;
        }
    }

  g_error ("“%s” is not listed", title);
}

static gboolean
has_pages (gpointer data)
{
  return gtk_widget_get_first_child (data) != NULL;
}

/* Whether a page's pixel is the hits' yellow: neither the paper's white nor the glyphs' black. */
static gboolean
is_highlight (const guchar *pixel)
{
  /* cairo's ARGB32 as GDK downloads it: B, G, R, A in memory here */
  return pixel[2] > 200 && pixel[1] > 170 && pixel[0] < 150;
}

/* The page is drawn with the search's words marked where poppler finds them on it. */
static void
assert_page_highlighted (BdReportView *view)
{
  GtkWidget *picture = gtk_widget_get_first_child (child (view, BD_TYPE_REPORT_VIEW, "pages_box"));
  GdkTexture *texture = GDK_TEXTURE (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize)width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  GArray *rects = _bd_report_view_get_highlights (view, 0);
  guint n_marked = 0;

  g_assert_nonnull (rects);
  /* the heading and the body both have 茶产业 */
  g_assert_cmpuint (rects->len, >=, 2);
  gdk_texture_download (texture, pixels, stride);

  for (guint i = 0; i < rects->len; i++)
    {
      const graphene_rect_t *rect = &g_array_index (rects, graphene_rect_t, i);
      gboolean marked = FALSE;

      g_assert_cmpfloat (rect->origin.x, >=, 0);
      g_assert_cmpfloat (rect->origin.y, >=, 0);
      g_assert_cmpfloat (rect->origin.x + rect->size.width, <=, width);
      g_assert_cmpfloat (rect->origin.y + rect->size.height, <=, height);
      for (int y = rect->origin.y + 1; !marked && y < rect->origin.y + rect->size.height - 1; y++)
        for (int x = rect->origin.x + 1; !marked && x < rect->origin.x + rect->size.width - 1; x++)
          marked = is_highlight (pixels + y * stride + x * 4);
      n_marked += marked;
    }
  g_assert_cmpuint (n_marked, ==, rects->len);

  /* and nowhere else: the page's corner is paper */
  g_assert_false (is_highlight (pixels + 4 * stride + 4 * 4));
}

static void
test_report_view (void)
{
  BdReportView *view = child (window, BD_TYPE_WINDOW, "report_view");
  GtkTextBuffer *buffer;
  GtkTextTag *hit;
  GtkTextIter iter;
  g_autofree char *text = NULL;
  const char *found;
  glong offset;

  type_query ("茶产业");
  wait_for_count ("找到 3 条报道");
  select_title ("竹溪茶农采茶忙");

  g_assert_cmpstr (bd_report_get_title (bd_report_view_get_report (view)), ==, "竹溪茶农采茶忙");
  g_assert_cmpstr (gtk_editable_get_text (child (view, BD_TYPE_REPORT_VIEW, "title_row")), ==,
                   "竹溪茶农采茶忙");
  g_assert_cmpstr (gtk_editable_get_text (child (view, BD_TYPE_REPORT_VIEW, "outlet_row")), ==,
                   "湖北日报");
  g_assert_cmpstr (gtk_editable_get_text (child (view, BD_TYPE_REPORT_VIEW, "date_row")), ==,
                   "2023-07-10");
  g_assert_cmpuint (adw_combo_row_get_selected (child (view, BD_TYPE_REPORT_VIEW, "level_row")),
                    ==, BD_LEVEL_PROVINCIAL);

  /* the preview holds the text, with the hit highlighted where it is */
  buffer = gtk_text_view_get_buffer (child (view, BD_TYPE_REPORT_VIEW, "text_view"));
  g_object_get (buffer, "text", &text, NULL);
  found = strstr (text, "茶产业成为乡村振兴的支柱");
  g_assert_nonnull (found);
  offset = g_utf8_pointer_to_offset (text, found);
  hit = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "hit");
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  g_assert_true (gtk_text_iter_starts_tag (&iter, hit));
  gtk_text_iter_forward_chars (&iter, 3);
  g_assert_true (gtk_text_iter_ends_tag (&iter, hit));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset + 4);
  g_assert_false (gtk_text_iter_has_tag (&iter, hit));

  /* a PDF's first page is drawn beside its text */
  select_title (PDF_HEADING);
  wait_for (has_pages, child (view, BD_TYPE_REPORT_VIEW, "pages_box"), "the PDF's pages");
  g_assert_true (GTK_IS_PICTURE (gtk_widget_get_first_child (child (view, BD_TYPE_REPORT_VIEW,
                                                                     "pages_box"))));
  assert_page_highlighted (view);
}

static void
test_edit (void)
{
  BdReportView *view = child (window, BD_TYPE_WINDOW, "report_view");
  GtkSelectionModel *selection = child (window, BD_TYPE_WINDOW, "selection");
  g_autoptr(GtkBitset) selected_set = NULL;
  g_autoptr(BdSearchResult) selected = NULL;
  g_autoptr(BdReport) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;
  BdSearchResult *result;
  AdwEntryRow *add_tag_row;
  gint64 id;

  type_query ("茶产业");
  wait_for_count ("找到 3 条报道");
  select_title ("竹溪茶产业迈上新台阶");
  id = bd_report_get_id (bd_report_view_get_report (view));

  adw_combo_row_set_selected (child (view, BD_TYPE_REPORT_VIEW, "level_row"), BD_LEVEL_MUNICIPAL);

  add_tag_row = child (view, BD_TYPE_REPORT_VIEW, "add_tag_row");
  gtk_editable_set_text (GTK_EDITABLE (add_tag_row), "茶产业");
  g_signal_emit_by_name (add_tag_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_tag_row)), ==, "");

  stored = bd_archive_get_report (archive, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bd_report_get_level (stored), ==, BD_LEVEL_MUNICIPAL);
  g_assert_true (g_strv_contains (bd_report_get_tags (stored), "茶产业"));

  /* the row shows the change in place, still selected, with its hits */
  selected_set = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected_set), ==, 1);
  selected = g_list_model_get_item (G_LIST_MODEL (selection),
                                    gtk_bitset_get_minimum (selected_set));
  g_assert_cmpint (bd_report_get_level (bd_search_result_get_report (selected)), ==,
                   BD_LEVEL_MUNICIPAL);
  g_assert_cmpuint (bd_search_result_get_title_hits (selected)->len, ==, 1);
  result = select_title ("竹溪茶产业迈上新台阶");
  g_assert_true (result == selected);

  /* a date that is not one is refused, and the archive keeps the old one */
  gtk_editable_set_text (child (view, BD_TYPE_REPORT_VIEW, "date_row"), "八月某日");
  g_signal_emit_by_name (child (view, BD_TYPE_REPORT_VIEW, "date_row"), "apply");
  g_assert_true (gtk_widget_has_css_class (child (view, BD_TYPE_REPORT_VIEW, "date_row"), "error"));
  g_clear_object (&stored);
  stored = bd_archive_get_report (archive, id, FALSE, &error);
  g_assert_cmpstr (bd_report_get_date (stored), ==, "2023-08-15");

  gtk_editable_set_text (child (view, BD_TYPE_REPORT_VIEW, "date_row"), "2023年8月16日");
  g_signal_emit_by_name (child (view, BD_TYPE_REPORT_VIEW, "date_row"), "apply");
  g_clear_object (&stored);
  stored = bd_archive_get_report (archive, id, FALSE, &error);
  g_assert_cmpstr (bd_report_get_date (stored), ==, "2023-08-16");

  /* the row's details say so too */
  titles = shown_titles ();
  g_assert_cmpstr (titles, ==, "竹溪县茶产业发展调查|竹溪茶产业迈上新台阶|竹溪茶农采茶忙");
}

static guint
n_selected (void)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (child (window, BD_TYPE_WINDOW,
                                                                            "selection"));

  return gtk_bitset_get_size (selected);
}

static void
assert_stored (const char *title,
               BdLevel     level,
               const char *tag,
               gboolean    tagged)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  reports = bd_archive_list_reports (archive, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);
      const char * const *tags = bd_report_get_tags (report);

      if (g_strcmp0 (bd_report_get_title (report), title) != 0)
        continue;
      found++;
      g_assert_cmpint (bd_report_get_level (report), ==, level);
      g_assert_cmpint (tags != NULL && g_strv_contains (tags, tag), ==, tagged);
    }
  g_assert_cmpuint (found, ==, 1);
}

/* Several reports selected are changed at once, in the archive and in their rows. */
static void
test_bulk_edit (void)
{
  GtkSelectionModel *selection = child (window, BD_TYPE_WINDOW, "selection");
  GListModel *results = child (window, BD_TYPE_WINDOW, "results");
  BdBulkEditor *editor = child (window, BD_TYPE_WINDOW, "bulk_editor");
  AdwEntryRow *add_tag_row = child (editor, BD_TYPE_BULK_EDITOR, "add_tag_row");

  type_query ("乡村振兴");
  wait_for_count ("找到 2 条报道");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-all", NULL);
  g_assert_cmpuint (n_selected (), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, BD_TYPE_WINDOW,
                                                             "detail_stack")), ==, "bulk");
  g_assert_cmpstr (gtk_label_get_text (child (editor, BD_TYPE_BULK_EDITOR, "heading_label")), ==,
                   "已选择 2 条报道");
  /* a provincial and a municipal report: no one level to show */
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, BD_TYPE_BULK_EDITOR, "level_row")),
                    ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (add_tag_row), "重点报道");
  g_signal_emit_by_name (add_tag_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_tag_row)), ==, "");
  adw_combo_row_set_selected (child (editor, BD_TYPE_BULK_EDITOR, "level_row"),
                              1 + BD_LEVEL_PROVINCIAL);

  assert_stored ("竹溪茶农采茶忙", BD_LEVEL_PROVINCIAL, "重点报道", TRUE);
  assert_stored ("竹溪县召开乡村振兴推进会", BD_LEVEL_PROVINCIAL, "重点报道", TRUE);

  /* the rows show the change and stay selected */
  g_assert_cmpuint (n_selected (), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(BdSearchResult) result = g_list_model_get_item (results, i);
      BdReport *report = bd_search_result_get_report (result);

      g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_PROVINCIAL);
      g_assert_true (g_strv_contains (bd_report_get_tags (report), "重点报道"));
      g_assert_true (gtk_selection_model_is_selected (selection, i));
    }

  /* one selected report is shown as such again */
  select_title ("竹溪县召开乡村振兴推进会");
  g_assert_cmpuint (n_selected (), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, BD_TYPE_WINDOW,
                                                             "detail_stack")), ==, "report");

  /* and back to its level, for the tests after this one */
  gtk_selection_model_select_item (selection, 0, FALSE);
  gtk_selection_model_select_item (selection, 1, FALSE);
  g_assert_cmpuint (n_selected (), ==, 2);
  adw_combo_row_set_selected (child (editor, BD_TYPE_BULK_EDITOR, "level_row"), 0);
  select_title ("竹溪县召开乡村振兴推进会");
  adw_combo_row_set_selected (child (child (window, BD_TYPE_WINDOW, "report_view"),
                                     BD_TYPE_REPORT_VIEW, "level_row"), BD_LEVEL_MUNICIPAL);
  assert_stored ("竹溪县召开乡村振兴推进会", BD_LEVEL_MUNICIPAL, "重点报道", TRUE);
}

/* What a sidebar list shows: each row's label and count, top to bottom. */
static char *
facet_rows (const char *list_name)
{
  GtkWidget *list = child (window, BD_TYPE_WINDOW, list_name);
  g_autoptr(GString) shown = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      g_string_append_printf (shown, "%s%s %s", shown->len > 0 ? "|" : "",
                              gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))),
                              gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box))));
    }

  return g_string_free (g_steal_pointer (&shown), FALSE);
}

static void
activate_facet (const char *list_name,
                const char *label)
{
  GtkWidget *list = child (window, BD_TYPE_WINDOW, list_name);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      if (g_str_equal (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))), label))
        {
          g_signal_emit_by_name (list, "row-activated", row);
          return;
        }
    }

  g_error ("the sidebar's %s has no “%s”", list_name, label);
}

static void
enter_date (const char *entry_name,
            const char *text)
{
  GtkEntry *entry = child (window, BD_TYPE_WINDOW, entry_name);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
assert_facet (const char *list,
              const char *shown)
{
  g_autofree char *now = NULL;

  wait_for (window_idle, window, "the search");
  now = facet_rows (list);
  g_assert_cmpstr (now, ==, shown);
}

/* The quarters, outlets and tags of what is listed, with their counts, narrow the list as the
 * level filter does and with it, as do two dates; each is cleared on its own or all at once.
 * As the archive is after the edits: a municipal report of 人民日报 in August tagged 茶产业,
 * provincial ones of 湖北日报 in July (tagged 重点报道) and August, a municipal one of 十堰日报
 * in September (重点报道) and an unclassified one in June. */
static void
test_filters (void)
{
  g_autofree char *titles = NULL;

  type_query ("");
  select_level_row (0);
  wait_for_count ("找到 5 条报道");
  assert_facet ("quarter_list", "2023年第三季度 4|2023年第二季度 1");
  assert_facet ("outlet_list", "湖北日报 2|人民日报 1|十堰日报 1|竹溪县融媒体中心 1");
  assert_facet ("tag_list", "重点报道 2|茶产业 1");
  g_assert_false (gtk_widget_get_visible (child (window, BD_TYPE_WINDOW, "quarter_clear")));

  activate_facet ("quarter_list", "2023年第三季度");
  wait_for_count ("找到 4 条报道");
  g_assert_true (gtk_widget_get_visible (child (window, BD_TYPE_WINDOW, "quarter_clear")));
  g_assert_cmpstr (count_of ("all_count"), ==, "4");
  g_assert_cmpstr (count_of ("unset_count"), ==, "0");
  assert_facet ("quarter_list", "2023年第三季度 4");

  activate_facet ("outlet_list", "湖北日报");
  wait_for_count ("找到 2 条报道");
  titles = shown_titles ();
  g_assert_cmpstr (titles, ==, "竹溪县茶产业发展调查|竹溪茶农采茶忙");

  /* with the level filter: the level counts are of the other filters, the others of all */
  select_level_row (3);
  wait_for_count ("找到 0 条报道");
  g_assert_cmpstr (count_of ("provincial_count"), ==, "2");
  assert_facet ("outlet_list", "湖北日报 0");
  select_level_row (0);
  wait_for_count ("找到 2 条报道");

  /* activated again, the selected row clears its filter; so does the section's button */
  activate_facet ("outlet_list", "湖北日报");
  wait_for_count ("找到 4 条报道");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filter", "s", "quarter");
  wait_for_count ("找到 5 条报道");

  activate_facet ("tag_list", "重点报道");
  wait_for_count ("找到 2 条报道");
  type_query ("茶");
  wait_for_count ("找到 1 条报道");
  assert_facet ("tag_list", "重点报道 1");
  type_query ("");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  wait_for_count ("找到 5 条报道");
  g_assert_false (gtk_widget_get_visible (child (window, BD_TYPE_WINDOW, "tag_clear")));

  /* dates as staff write them, understood and shown as the archive keeps them */
  enter_date ("first_day_entry", "2023年8月1日");
  wait_for_count ("找到 3 条报道");
  g_assert_cmpstr (gtk_editable_get_text (child (window, BD_TYPE_WINDOW, "first_day_entry")), ==,
                   "2023-08-01");
  enter_date ("last_day_entry", "2023-08-31");
  wait_for_count ("找到 2 条报道");
  enter_date ("last_day_entry", "八月底");
  g_assert_true (gtk_widget_has_css_class (child (window, BD_TYPE_WINDOW, "last_day_entry"),
                                           "error"));
  wait_for_count ("找到 2 条报道");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filter", "s", "dates");
  wait_for_count ("找到 5 条报道");
  g_assert_cmpstr (gtk_editable_get_text (child (window, BD_TYPE_WINDOW, "last_day_entry")), ==,
                   "");
  g_assert_false (gtk_widget_has_css_class (child (window, BD_TYPE_WINDOW, "last_day_entry"),
                                            "error"));
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c))
      return c;

  return NULL;
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

/* Typing a tag offers the archive's tags that hold what was typed; choosing one adds it. */
static void
test_tag_completion (void)
{
  BdReportView *view = child (window, BD_TYPE_WINDOW, "report_view");
  GtkWidget *add_tag_row = child (view, BD_TYPE_REPORT_VIEW, "add_tag_row");
  g_autoptr(BdReport) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *popover = find_popover (add_tag_row);
  GtkListBox *matches;
  GtkListBoxRow *match;
  gint64 id;

  type_query ("茶产业");
  wait_for_count ("找到 3 条报道");
  select_title ("竹溪茶产业迈上新台阶");
  id = bd_report_get_id (bd_report_view_get_report (view));
  g_assert_nonnull (popover);
  g_assert_false (gtk_widget_get_visible (popover));

  gtk_editable_set_text (GTK_EDITABLE (add_tag_row), "点报");
  wait_for (popover_shown, popover, "the tags that match");
  matches = GTK_LIST_BOX (gtk_popover_get_child (GTK_POPOVER (popover)));
  match = gtk_list_box_get_row_at_index (matches, 0);
  g_assert_nonnull (match);
  g_assert_null (gtk_list_box_get_row_at_index (matches, 1));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (match))), ==,
                   "重点报道");

  /* nothing matches: nothing is offered */
  gtk_editable_set_text (GTK_EDITABLE (add_tag_row), "点报道外");
  g_assert_false (gtk_widget_get_visible (popover));
  gtk_editable_set_text (GTK_EDITABLE (add_tag_row), "重");
  wait_for (popover_shown, popover, "the tags that match again");
  match = gtk_list_box_get_row_at_index (matches, 0);

  g_signal_emit_by_name (matches, "row-activated", match);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_tag_row)), ==, "");
  stored = bd_archive_get_report (archive, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains (bd_report_get_tags (stored), "重点报道"));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_OBJECT_TYPE (toplevel) == ADW_TYPE_MESSAGE_DIALOG &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

/* Deleting asks first, and only "Delete" deletes. */
static void
test_delete (void)
{
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  type_query ("能力作风建设");
  wait_for_count ("找到 1 条报道");
  select_title ("竹溪县开展能力作风建设年活动");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selected", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "要删除这条报道吗？");
  /* as a click on a button does: the response, then the dialog closes */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  reports = bd_archive_list_reports (archive, &error);
  g_assert_cmpuint (reports->len, ==, 5);
  g_clear_pointer (&reports, g_ptr_array_unref);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selected", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for_count ("找到 0 条报道");
  reports = bd_archive_list_reports (archive, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 4);
  for (guint i = 0; i < reports->len; i++)
    g_assert_cmpstr (bd_report_get_title (g_ptr_array_index (reports, i)), !=,
                     "竹溪县开展能力作风建设年活动");

  /* nothing is selected now, and so nothing can be deleted */
  g_assert_cmpuint (n_selected (), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selected", NULL);
  g_assert_null (find_message_dialog ());
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      /* GTK keeps its toplevels alive */
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return GTK_WIDGET (toplevel);
    }

  return NULL;
}

static const char *
grid_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *cell = gtk_grid_get_child_at (grid, column, row);

  g_assert_true (GTK_IS_LABEL (cell));
  return gtk_label_get_text (GTK_LABEL (cell));
}

static void
choose_period (GtkDropDown *dropdown,
               const char  *label)
{
  GListModel *periods = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (periods); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (periods), i), label))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }

  g_error ("the period chooser has no “%s”", label);
}

/* The counts of a quarter and of two dates typed in, as the archive holds them after the tests
 * before: in the third quarter of 2023 two provincial reports (July and August) and two
 * municipal ones (August and September). */
static void
test_statistics (void)
{
  g_autofree char *csv_path = g_build_filename (tmp_dir, "统计.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  GValue copied = G_VALUE_INIT;
  BdStatsWindow *stats;
  GtkDropDown *dropdown;
  GtkGrid *levels;
  GtkGrid *months;
  GtkLabel *summary;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-statistics", NULL);
  stats = BD_STATS_WINDOW (find_toplevel (BD_TYPE_STATS_WINDOW));
  g_assert_nonnull (stats);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (stats)) == GTK_WINDOW (window));
  dropdown = child (stats, BD_TYPE_STATS_WINDOW, "period_dropdown");
  summary = child (stats, BD_TYPE_STATS_WINDOW, "summary_label");
  levels = child (stats, BD_TYPE_STATS_WINDOW, "level_grid");
  months = child (stats, BD_TYPE_STATS_WINDOW, "month_grid");

  /* the newest quarter first, then the year, all time and a range */
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)),
                                               0), ==, "2023年第三季度");

  choose_period (dropdown, "2023年");
  choose_period (dropdown, "2023年第三季度");
  g_assert_cmpstr (gtk_label_get_text (summary), ==,
                   "2023年第三季度，共推出宣传报道4条，其中在国家级媒体刊发0条，"
                   "在省级媒体刊发2条，在市级媒体刊发2条。");
  g_assert_cmpstr (grid_text (levels, 0, 0), ==, "国家级");
  g_assert_cmpstr (grid_text (levels, 1, 0), ==, "0");
  g_assert_cmpstr (grid_text (levels, 1, 1), ==, "2");
  g_assert_cmpstr (grid_text (levels, 1, 2), ==, "2");
  g_assert_cmpstr (grid_text (levels, 1, 3), ==, "0");
  g_assert_cmpstr (grid_text (levels, 0, 4), ==, "合计");
  g_assert_cmpstr (grid_text (levels, 1, 4), ==, "4");
  g_assert_cmpstr (grid_text (months, 0, 2), ==, "2023-08");
  g_assert_cmpstr (grid_text (months, 2, 2), ==, "1");
  g_assert_cmpstr (grid_text (months, 3, 2), ==, "1");
  g_assert_cmpstr (grid_text (months, 5, 2), ==, "2");
  g_assert_cmpuint (bd_stats_chart_get_n_bars (child (stats, BD_TYPE_STATS_WINDOW, "chart")), ==,
                    3);

  gtk_widget_activate_action (GTK_WIDGET (stats), "stats.copy-summary", NULL);
  g_value_init (&copied, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (
    gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (stats))), &copied, &error));
  g_assert_cmpstr (g_value_get_string (&copied), ==, gtk_label_get_text (summary));
  g_value_unset (&copied);

  /* a range typed in as staff write dates; a day that is not one is marked */
  choose_period (dropdown, "自定义时间段…");
  g_assert_true (gtk_revealer_get_reveal_child (child (stats, BD_TYPE_STATS_WINDOW,
                                                       "range_revealer")));
  gtk_editable_set_text (child (stats, BD_TYPE_STATS_WINDOW, "first_entry"), "八月初");
  gtk_editable_set_text (child (stats, BD_TYPE_STATS_WINDOW, "last_entry"), "2023/8/31");
  g_signal_emit_by_name (child (stats, BD_TYPE_STATS_WINDOW, "last_entry"), "activate");
  g_assert_true (gtk_widget_has_css_class (child (stats, BD_TYPE_STATS_WINDOW, "first_entry"),
                                           "error"));
  g_assert_cmpuint (bd_stats_window_get_stats (stats)->total, ==, 4);

  gtk_editable_set_text (child (stats, BD_TYPE_STATS_WINDOW, "first_entry"), "2023年8月1日");
  g_signal_emit_by_name (child (stats, BD_TYPE_STATS_WINDOW, "last_entry"), "activate");
  g_assert_false (gtk_widget_has_css_class (child (stats, BD_TYPE_STATS_WINDOW, "first_entry"),
                                            "error"));
  g_assert_cmpstr (gtk_editable_get_text (child (stats, BD_TYPE_STATS_WINDOW, "first_entry")), ==,
                   "2023-08-01");
  g_assert_cmpstr (gtk_label_get_text (summary), ==,
                   "2023年8月，共推出宣传报道2条，其中在国家级媒体刊发0条，"
                   "在省级媒体刊发1条，在市级媒体刊发1条。");

  /* the table for a spreadsheet: UTF-8 with a BOM, the months by level, then the outlets */
  g_assert_true (bd_stats_window_save_table (stats, csv_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF时间段,2023年8月\r\n\r\n"
                                        "月份,国家级,省级,市级,未分级,合计\r\n"
                                        "2023-08,0,1,1,0,2\r\n"
                                        "合计,0,1,1,0,2\r\n\r\n"
                                        "媒体,级别,报道数\r\n"));

  gtk_window_destroy (GTK_WINDOW (stats));
}

/* The current search, exported from the dialog to a zip that verifies. */
static void
test_export (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "茶产业报道.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *quarter_name = NULL;
  BdExportDialog *dialog;

  type_query ("茶产业");
  wait_for_count ("找到 3 条报道");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  dialog = BD_EXPORT_DIALOG (find_toplevel (BD_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (dialog, BD_TYPE_EXPORT_DIALOG,
                                                       "search_row")), ==, "3 条报道");
  /* nothing is selected after a search */
  g_assert_false (gtk_widget_get_sensitive (child (dialog, BD_TYPE_EXPORT_DIALOG,
                                                   "selected_row")));
  g_assert_true (gtk_check_button_get_active (child (dialog, BD_TYPE_EXPORT_DIALOG,
                                                     "search_check")));

  bd_export_dialog_set_choice (dialog, BD_EXPORT_QUARTER);
  quarter_name = bd_export_dialog_suggest_name (dialog);
  g_assert_cmpstr (quarter_name, ==, "宣传报道_2023Q3.zip");
  bd_export_dialog_set_choice (dialog, BD_EXPORT_SEARCH);
  bd_export_dialog_set_format (dialog, BD_BUNDLE_ZIP);
  name = bd_export_dialog_suggest_name (dialog);
  g_assert_cmpstr (name, ==, "宣传报道.zip");

  bd_export_dialog_export_to (dialog, file);
  g_assert_null (find_toplevel (BD_TYPE_EXPORT_DIALOG));
  g_assert_true (gtk_revealer_get_reveal_child (child (window, BD_TYPE_WINDOW,
                                                        "import_revealer")));
  wait_for (window_idle, window, "the export");
  g_assert_false (gtk_revealer_get_reveal_child (child (window, BD_TYPE_WINDOW,
                                                         "import_revealer")));

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (bd_bundle_verify (path, &problems, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

#ifdef HAVE_XTEST
/* Presses a key as a person would, through the X server, so that it takes the way real keys
 * take: past the search entry, which takes all typing it can. */
static void
press_key (guint    keyval,
           gboolean control)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  KeyCode control_code = XKeysymToKeycode (display, GDK_KEY_Control_L);
  KeyCode code = XKeysymToKeycode (display, keyval);

  if (control)
    XTestFakeKeyEvent (display, control_code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, False, CurrentTime);
  if (control)
    XTestFakeKeyEvent (display, control_code, False, CurrentTime);
  XFlush (display);
  draw_window ();
}

static gboolean
focus_in_search (void)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, child (window, BD_TYPE_WINDOW,
                                                                "search_entry"));
}
#endif

/* Ctrl+A and Delete act on the list unless the focus is in text; Ctrl+F and Ctrl+E as shown in
 * the shortcuts window. */
static void
test_keys (void)
{
#ifdef HAVE_XTEST
  GtkWidget *dialog;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    {
      g_test_skip ("keys are pressed through X11");
      return;
    }

  gtk_window_present (GTK_WINDOW (window));
  type_query ("乡村振兴");
  wait_for_count ("找到 2 条报道");
  gtk_widget_grab_focus (gtk_scrolled_window_get_child (child (window, BD_TYPE_WINDOW,
                                                               "results_scroller")));
  draw_window ();

  press_key (GDK_KEY_a, TRUE);
  g_assert_cmpuint (n_selected (), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (child (window, BD_TYPE_WINDOW, "search_entry")), ==,
                   "乡村振兴");

  press_key (GDK_KEY_Delete, FALSE);
  dialog = GTK_WIDGET (find_message_dialog ());
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "要删除 2 条报道吗？");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (window));
  draw_window ();

  /* in the search entry the keys edit the text */
  press_key (GDK_KEY_f, TRUE);
  g_assert_true (focus_in_search ());
  gtk_editable_set_position (child (window, BD_TYPE_WINDOW, "search_entry"), 0);
  press_key (GDK_KEY_Delete, FALSE);
  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (gtk_editable_get_text (child (window, BD_TYPE_WINDOW, "search_entry")), ==,
                   "村振兴");
  type_query ("乡村振兴");
  wait_for_count ("找到 2 条报道");

  press_key (GDK_KEY_e, TRUE);
  dialog = find_toplevel (BD_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
#else
  g_test_skip ("built without XTest");
#endif
}

static GtkWidget *
find_failures_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      /* GTK keeps its toplevels alive */
      if (BD_IS_FAILURES_DIALOG (toplevel))
        return GTK_WIDGET (toplevel);
    }

  return NULL;
}

static void
test_import (void)
{
  static const Doc new_docs[] = {
    { "f.html", "竹溪县举办茶文化节", "人民网", "2023-10-01 09:00",
      "第十届竹溪茶文化节开幕，茶产业链条不断延伸。" },
    { "g.html", "竹溪县新建茶叶加工厂", "十堰日报", "2023-10-02 09:00",
      "新建的茶叶加工厂投产，全县茶产业再添新动能。" },
  };
  g_autofree char *dir = g_build_filename (tmp_dir, "more", NULL);
  g_autofree char *broken = g_build_filename (dir, "损坏.pdf", NULL);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkListBox *list;
  GtkWidget *row;
  const char *summary;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (new_docs); i++)
    write_doc (dir, &new_docs[i]);
  g_assert_true (g_file_set_contents (broken, "%PDF-1.4\nnot really a PDF", -1, &error));

  type_query ("茶产业");
  wait_for_count ("找到 3 条报道");

  folder = g_file_new_for_path (dir);
  g_assert_true (bd_window_import_files (window, &folder, 1));
  g_assert_true (gtk_revealer_get_reveal_child (child (window, BD_TYPE_WINDOW,
                                                        "import_revealer")));
  /* one import at a time */
  g_assert_false (bd_window_import_files (window, &folder, 1));

  wait_for_count ("找到 5 条报道");
  g_assert_false (gtk_revealer_get_reveal_child (child (window, BD_TYPE_WINDOW,
                                                         "import_revealer")));
  summary = _bd_window_get_import_summary (window);
  g_assert_cmpstr (summary, ==, "已导入 2 条报道，1 个文件失败");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-import-failures", NULL);
  dialog = find_failures_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (bd_failures_dialog_get_n_failures (BD_FAILURES_DIALOG (dialog)), ==, 1);
  list = child (dialog, BD_TYPE_FAILURES_DIALOG, "failures_list");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "损坏.pdf");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, "");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* importing the same files again finds them all archived */
  g_assert_true (bd_window_import_files (window, &folder, 1));
  wait_for (window_idle, window, "the second import");
  g_assert_cmpstr (_bd_window_get_import_summary (window), ==,
                   "已导入 0 条报道，2 条已在档案库中，1 个文件失败");
}

typedef struct
{
  BdWindow *window;
  guint     n_items;
} Listed;

static gboolean
window_lists (gpointer data)
{
  Listed *listed = data;
  GListModel *results = child (listed->window, BD_TYPE_WINDOW, "results");

  return !_bd_window_is_busy (listed->window) &&
         g_list_model_get_n_items (results) == listed->n_items;
}

/* A long list is read a page at a time, the next when it is scrolled near its end. */
static void
test_pages (void)
{
  g_autofree char *files_dir = g_build_filename (tmp_dir, "many", NULL);
  g_autofree char *archive_dir = g_build_filename (tmp_dir, "many-archive", NULL);
  g_autoptr(BdArchive) many = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { files_dir, NULL };
  GtkAdjustment *adjustment;
  BdWindow *other;
  Listed listed;

  g_assert_cmpint (g_mkdir (files_dir, 0755), ==, 0);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("%03u.html", i);
      g_autofree char *title = g_strdup_printf ("竹溪县第%u期工作简报", i);
      g_autofree char *body = g_strdup_printf ("第%u期简报记录全县重点工作进展。", i);
      g_autofree char *date = g_strdup_printf ("2023-%02u-%02u 08:00", 1 + i % 12, 1 + i % 28);
      Doc doc = { name, title, "十堰日报", date, body };

      write_doc (files_dir, &doc);
    }
  many = bd_archive_open (archive_dir, &error);
  g_assert_no_error (error);
  importer = bd_importer_new (many);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);

  other = bd_window_new (NULL, many);
  gtk_window_set_default_size (GTK_WINDOW (other), 1000, 700);
  gtk_window_present (GTK_WINDOW (other));

  listed = (Listed) { other, 100 };
  wait_for (window_lists, &listed, "the first page");
  g_assert_cmpstr (gtk_label_get_text (child (other, BD_TYPE_WINDOW, "count_label")), ==,
                   "找到 150 条报道");
  draw_window ();
  g_assert_cmpuint (g_list_model_get_n_items (child (other, BD_TYPE_WINDOW, "results")), ==, 100);

  adjustment = gtk_scrolled_window_get_vadjustment (child (other, BD_TYPE_WINDOW,
                                                           "results_scroller"));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  listed.n_items = 150;
  wait_for (window_lists, &listed, "the second page");

  gtk_window_destroy (GTK_WINDOW (other));
}

static gboolean
window_drawn (gpointer data)
{
  return !_bd_window_is_busy (data) && gtk_widget_get_width (data) > 0;
}

/* A narrow window shows the list and the report one at a time, with a way back; a wide one
 * side by side. */
static void
test_narrow_window (void)
{
  AdwLeaflet *leaflet = child (window, BD_TYPE_WINDOW, "content_leaflet");
  BdWindow *narrow;

  draw_window ();
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_visible (child (window, BD_TYPE_WINDOW, "back_button")));

  narrow = bd_window_new (NULL, archive);
  gtk_window_set_default_size (GTK_WINDOW (narrow), 600, 700);
  gtk_window_present (GTK_WINDOW (narrow));
  wait_for (window_drawn, narrow, "the narrow window");
  draw_window ();
  leaflet = child (narrow, BD_TYPE_WINDOW, "content_leaflet");
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "results");

  gtk_selection_model_select_item (child (narrow, BD_TYPE_WINDOW, "selection"), 0, TRUE);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  g_assert_true (gtk_widget_get_visible (child (narrow, BD_TYPE_WINDOW, "back_button")));
  g_assert_nonnull (bd_report_view_get_report (child (narrow, BD_TYPE_WINDOW, "report_view")));

  gtk_widget_activate_action (GTK_WIDGET (narrow), "win.show-results", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "results");

  gtk_window_destroy (GTK_WINDOW (narrow));
  /* the windows share their size through the settings: the main one is wide again */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
}

static void
test_empty_archive (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "empty", NULL);
  g_autoptr(BdArchive) empty = NULL;
  g_autoptr(GError) error = NULL;
  BdWindow *other;

  empty = bd_archive_open (dir, &error);
  g_assert_no_error (error);
  other = bd_window_new (NULL, empty);
  gtk_window_present (GTK_WINDOW (other));
  wait_for (window_idle, other, "the search of an empty archive");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (other, BD_TYPE_WINDOW, "main_stack")),
                   ==, "empty");
  gtk_window_destroy (GTK_WINDOW (other));
}

static void
save_screenshot (const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* With BAODAO_SCREENSHOT set, saves what the window looks like after a search. */
static void
test_screenshot (void)
{
  const char *path = g_getenv ("BAODAO_SCREENSHOT");

  if (path == NULL)
    {
      g_test_skip ("BAODAO_SCREENSHOT is not set");
      return;
    }

  type_query ("茶产业");
  wait_for_count ("找到 5 条报道");
  select_title ("竹溪茶农采茶忙");
  draw_window ();
  save_screenshot (path);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BAODAO_LOCALEDIR");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() sets an English locale; the environment asks for Chinese */
  setlocale (LC_ALL, "");
  adw_init ();
  /* the catalog built beside the tests: the window is checked in Chinese */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  tmp_dir = bd_test_make_tmp_dir ();
  build_archive ();
  window = g_object_ref_sink (bd_window_new (NULL, archive));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/app/ui/templates", test_templates);
  g_test_add_func ("/app/ui/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/app/window/first-view", test_first_view);
  g_test_add_func ("/app/window/search", test_search);
  g_test_add_func ("/app/window/level-filter", test_level_filter);
  g_test_add_func ("/app/window/report-view", test_report_view);
  g_test_add_func ("/app/window/edit", test_edit);
  g_test_add_func ("/app/window/bulk-edit", test_bulk_edit);
  g_test_add_func ("/app/window/filters", test_filters);
  g_test_add_func ("/app/window/tag-completion", test_tag_completion);
  g_test_add_func ("/app/window/delete", test_delete);
  g_test_add_func ("/app/window/statistics", test_statistics);
  g_test_add_func ("/app/window/export", test_export);
  g_test_add_func ("/app/window/keys", test_keys);
  g_test_add_func ("/app/window/import", test_import);
  g_test_add_func ("/app/window/pages", test_pages);
  g_test_add_func ("/app/window/narrow", test_narrow_window);
  g_test_add_func ("/app/window/empty-archive", test_empty_archive);
  g_test_add_func ("/app/window/screenshot", test_screenshot);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&window);
  g_clear_object (&archive);
  _bd_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
