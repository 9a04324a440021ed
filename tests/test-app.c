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
#include "bd-export-dialog-private.h"
#include "bd-failures-dialog.h"
#include "bd-hits.h"
#include "bd-importer.h"
#include "bd-outlet-editor.h"
#include "bd-outlet-registry.h"
#include "bd-outlets-window-private.h"
#include "bd-preferences-window.h"
#include "bd-report-view-private.h"
#include "bd-report.h"
#include "bd-result-row.h"
#include "bd-sample-corpus.h"
#include "bd-search-result.h"
#include "bd-stats-chart.h"
#include "bd-stats-window-private.h"
#include "bd-test-fixtures.h"
#include "bd-window-private.h"
#include "bd-window.h"

/* The window is driven as staff would: typing, clicking a level, selecting a row, editing and
 * importing, on a real archive of generated Chinese reports. The tests run in Chinese. */

/* How long a wait may take before the test calls it a hang. Under ASan the display suite keeps
 * the whole stack of every allocation (see tests/meson.build), which makes building widgets fifty
 * times slower: saving a shipped outlet, which lists every outlet again, took 20 s there. */
#ifdef UNDER_ASAN
# define WAIT_TIMEOUT_MS 120000
#else
# define WAIT_TIMEOUT_MS 20000
#endif
/* as wide as the report view draws a page, in logical pixels */
#define PAGE_LOGICAL_WIDTH 900
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

static gboolean
view_idle (gpointer data)
{
  return !_bd_report_view_is_busy (data);
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
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

/* Until what the window started on worker threads is done: a search, a report being read, a
 * change being saved, a deletion. */
static void
wait_idle (const char *what)
{
  wait_for (window_idle, window, what);
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
  BdSampleHtml spec = {
    .title = page_title,
    .heading = doc->title,
    .source = doc->source,
    .byline_date = doc->date,
    .paragraphs = paragraphs,
  };

  g_assert_true (bd_sample_write_html (path, &spec, &error));
  g_assert_no_error (error);
}

static void
write_pdf (const char *dir)
{
  static const char *const pages[] = { PDF_BODY, NULL };
  g_autofree char *path = g_build_filename (dir, "e.pdf", NULL);
  g_autoptr(GError) error = NULL;
  BdSamplePdf spec = {
    .title = PDF_HEADING,
    .header = "湖北日报 2023年8月20日 第5版",
    .heading = PDF_HEADING,
    .pages = pages,
  };

  g_assert_true (bd_sample_write_pdf (path, &spec, &error));
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
    BD_TYPE_OUTLETS_WINDOW, BD_TYPE_OUTLET_EDITOR, BD_TYPE_PREFERENCES_WINDOW,
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

/* The keys the windows bind, each listed in the shortcuts window's group for it. */
static const struct
{
  const char *group;
  const char *accelerator;
} listed_keys[] = {
  { "常规", "<Control>f" },
  { "常规", "<Control>o" },
  { "常规", "<Control><Shift>o" },
  { "常规", "<Control>e" },
  { "常规", "<Control>comma" },
  { "常规", "<Control>q" },
  { "报道", "<Control>a" },
  { "报道", "Delete" },
  { "媒体名录窗口", "<Control>n" },
};

/* The shortcuts window GTK shows for Ctrl+? builds, in Chinese, with every group and key. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  /* "group|accelerator", one per accelerator a shortcut lists */
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWindow *overlay;

  builder = gtk_builder_new_from_resource ("/io/github/baodao/Baodao/gtk/help-overlay.ui");
  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  g_ptr_array_add (stack, overlay);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_SHORTCUTS_GROUP (w))
        {
          g_autofree char *title = NULL;

          g_object_get (w, "title", &title, NULL);
          for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
            {
              g_autofree char *accelerators = NULL;
              g_auto(GStrv) each = NULL;

              if (!GTK_IS_SHORTCUTS_SHORTCUT (c))
                continue;
              g_object_get (c, "accelerator", &accelerators, NULL);
              each = g_strsplit (accelerators, " ", -1);
              for (guint i = 0; each[i] != NULL; i++)
                g_hash_table_add (listed, g_strdup_printf ("%s|%s", title, each[i]));
            }
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }

  for (guint i = 0; i < G_N_ELEMENTS (listed_keys); i++)
    {
      g_autofree char *key = g_strdup_printf ("%s|%s", listed_keys[i].group,
                                              listed_keys[i].accelerator);

      if (!g_hash_table_contains (listed, key))
        g_error ("the shortcuts window does not list %s", key);
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

/* Selects a report as a click does, not waiting for the view to read it. */
static BdSearchResult *
click_title (const char *title)
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

static BdSearchResult *
select_title (const char *title)
{
  BdSearchResult *result = click_title (title);

  wait_idle (title);
  return result;
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

  /* saved on a worker thread: the fields wait, insensitive, with a spinner */
  adw_combo_row_set_selected (child (view, BD_TYPE_REPORT_VIEW, "level_row"), BD_LEVEL_MUNICIPAL);
  g_assert_false (gtk_widget_get_sensitive (child (view, BD_TYPE_REPORT_VIEW, "fields_group")));
  g_assert_false (gtk_widget_get_sensitive (child (view, BD_TYPE_REPORT_VIEW, "tags_group")));
  g_assert_true (gtk_widget_get_visible (child (view, BD_TYPE_REPORT_VIEW, "save_spinner")));
  wait_idle ("the level saved");
  g_assert_true (gtk_widget_get_sensitive (child (view, BD_TYPE_REPORT_VIEW, "fields_group")));
  g_assert_true (gtk_widget_get_sensitive (child (view, BD_TYPE_REPORT_VIEW, "tags_group")));
  g_assert_false (gtk_widget_get_visible (child (view, BD_TYPE_REPORT_VIEW, "save_spinner")));

  add_tag_row = child (view, BD_TYPE_REPORT_VIEW, "add_tag_row");
  gtk_editable_set_text (GTK_EDITABLE (add_tag_row), "茶产业");
  g_signal_emit_by_name (add_tag_row, "apply");
  wait_idle ("the tag saved");
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
  wait_idle ("the date saved");
  g_assert_cmpstr (gtk_editable_get_text (child (view, BD_TYPE_REPORT_VIEW, "date_row")), ==,
                   "2023-08-16");
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
  g_assert_false (gtk_widget_get_sensitive (child (editor, BD_TYPE_BULK_EDITOR, "tags_group")));
  g_assert_true (gtk_widget_get_visible (child (editor, BD_TYPE_BULK_EDITOR, "save_spinner")));
  wait_idle ("the tag saved on both");
  g_assert_true (gtk_widget_get_sensitive (child (editor, BD_TYPE_BULK_EDITOR, "tags_group")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_tag_row)), ==, "");
  adw_combo_row_set_selected (child (editor, BD_TYPE_BULK_EDITOR, "level_row"),
                              1 + BD_LEVEL_PROVINCIAL);
  wait_idle ("the level saved on both");

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
  wait_idle ("the level saved");
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
  wait_idle ("the tag saved");
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

static gboolean
stats_idle (gpointer data)
{
  return !_bd_stats_window_is_busy (data);
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
        wait_for (stats_idle, gtk_widget_get_root (GTK_WIDGET (dropdown)), label);
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
  /* the periods are listed and the newest counted on worker threads */
  g_assert_true (gtk_widget_get_visible (child (stats, BD_TYPE_STATS_WINDOW, "spinner")));
  wait_for (stats_idle, stats, "the periods and the newest quarter");
  g_assert_false (gtk_widget_get_visible (child (stats, BD_TYPE_STATS_WINDOW, "spinner")));
  dropdown = child (stats, BD_TYPE_STATS_WINDOW, "period_dropdown");
  summary = child (stats, BD_TYPE_STATS_WINDOW, "summary_label");
  levels = child (stats, BD_TYPE_STATS_WINDOW, "level_grid");
  months = child (stats, BD_TYPE_STATS_WINDOW, "month_grid");

  /* the newest quarter first, then the year, all time and a range */
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)),
                                               0), ==, "2023年第三季度");

  g_assert_cmpstr (bd_stats_window_get_stats (stats)->first_day, ==, "2023-07-01");
  g_assert_cmpstr (bd_stats_window_get_stats (stats)->last_day, ==, "2023-09-30");
  choose_period (dropdown, "2023年");
  g_assert_cmpstr (bd_stats_window_get_stats (stats)->first_day, ==, "2023-01-01");
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
  wait_for (stats_idle, stats, "a range that is not one");
  g_assert_true (gtk_widget_has_css_class (child (stats, BD_TYPE_STATS_WINDOW, "first_entry"),
                                           "error"));
  g_assert_cmpuint (bd_stats_window_get_stats (stats)->total, ==, 4);

  gtk_editable_set_text (child (stats, BD_TYPE_STATS_WINDOW, "first_entry"), "2023年8月1日");
  g_signal_emit_by_name (child (stats, BD_TYPE_STATS_WINDOW, "last_entry"), "activate");
  wait_for (stats_idle, stats, "the range");
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

static gboolean
export_dialog_idle (gpointer data)
{
  return !_bd_export_dialog_is_busy (data);
}

/* The current search, exported from the dialog to a zip that verifies; the quarters are listed
 * while the dialog is open, and one can be exported once they are. */
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
  GtkWidget *export_button;
  GtkDropDown *quarters;

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

  /* a quarter chosen before the quarters are listed waits for them */
  export_button = child (dialog, BD_TYPE_EXPORT_DIALOG, "export_button");
  quarters = child (dialog, BD_TYPE_EXPORT_DIALOG, "quarter_dropdown");
  g_assert_true (_bd_export_dialog_is_busy (dialog));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (quarters)));
  bd_export_dialog_set_choice (dialog, BD_EXPORT_QUARTER);
  g_assert_false (gtk_widget_get_sensitive (export_button));
  bd_export_dialog_set_choice (dialog, BD_EXPORT_SEARCH);
  g_assert_true (gtk_widget_get_sensitive (export_button));
  bd_export_dialog_set_choice (dialog, BD_EXPORT_QUARTER);

  wait_for (export_dialog_idle, dialog, "the export dialog's quarters");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (quarters)));
  g_assert_false (gtk_widget_get_visible (child (dialog, BD_TYPE_EXPORT_DIALOG,
                                                 "quarter_spinner")));
  /* the newest first */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (quarters)),
                                               0), ==, "2023年第三季度");
  g_assert_true (gtk_check_button_get_active (child (dialog, BD_TYPE_EXPORT_DIALOG,
                                                     "quarter_check")));
  g_assert_true (gtk_widget_get_sensitive (export_button));
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

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (shows_text (c, text))
        return TRUE;
    }

  return FALSE;
}

static void
close_toast (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0)
    {
      g_signal_emit_by_name (widget, "clicked");
      return;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    close_toast (c);
}

/* Whether a toast says @data; the ones before it are closed as someone would close them, since
 * the import's stays until it is. */
static gboolean
toast_shown (gpointer data)
{
  GtkWidget *overlay = child (window, BD_TYPE_WINDOW, "toast_overlay");

  for (GtkWidget *c = gtk_widget_get_first_child (overlay); c; c = gtk_widget_get_next_sibling (c))
    {
      gint64 *seen;

      if (!g_str_equal (G_OBJECT_TYPE_NAME (c), "AdwToastWidget") || shows_text (c, data))
        continue;

      /* Closed once, and only after its slide in is over, as a person would: libadwaita 1.2
       * frees a toast whose 300 ms hiding ends before its 500 ms showing (a toast replacing
       * another) and then writes to it when the showing ends. */
      if (!(seen = g_object_get_data (G_OBJECT (c), "bd-test-seen")))
        {
          seen = g_new (gint64, 1);
          *seen = g_get_monotonic_time ();
          g_object_set_data_full (G_OBJECT (c), "bd-test-seen", seen, g_free);
        }
      else if (*seen > 0 && g_get_monotonic_time () - *seen > 600 * G_TIME_SPAN_MILLISECOND)
        {
          *seen = 0;
          close_toast (c);
        }
    }

  return shows_text (overlay, data);
}

/* The menu's backup, past its file chooser, of the archive the window shows: the copy opens as
 * an archive of its own, checks clean and holds the same reports, and a toast says where it is. */
static void
test_backup (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "档案备份", NULL);
  g_autofree char *other_path = g_build_filename (tmp_dir, "另一个备份", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autofree char *toast = g_strdup_printf ("档案库已备份到“%s”", path);
  g_autofree char *source_reports = NULL;
  g_autofree char *copy_reports = NULL;
  g_autoptr(BdArchive) copy = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GtkRevealer *revealer = child (window, BD_TYPE_WINDOW, "import_revealer");

  wait_for (window_idle, window, "the searches before the backup");
  g_assert_true (bd_window_backup (window, destination));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_label_get_text (child (window, BD_TYPE_WINDOW, "import_label")), ==,
                   "正在将档案库备份到“档案备份”…");
  /* one task at a time */
  g_assert_false (bd_window_backup (window, other));
  g_assert_false (bd_window_import_files (window, &other, 1));

  wait_for (window_idle, window, "the backup");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  wait_for (toast_shown, toast, "the backup's toast");
  g_assert_false (g_file_test (other_path, G_FILE_TEST_EXISTS));
  bd_test_assert_nothing_partial (tmp_dir);

  copy = bd_archive_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bd_archive_verify (copy, NULL, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  source_reports = bd_test_describe_reports (archive);
  copy_reports = bd_test_describe_reports (copy);
  g_assert_cmpuint (bd_archive_count_reports (copy), ==, bd_archive_count_reports (archive));
  g_assert_cmpuint (bd_archive_count_reports (copy), >, 0);
  g_assert_cmpstr (copy_reports, ==, source_reports);
}

/* Cancel, as the bar's button does, leaves nothing behind and says so. */
static void
test_backup_cancel (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "取消的备份", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);

  wait_for (window_idle, window, "the searches before the backup");
  g_assert_true (bd_window_backup (window, destination));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-task", NULL);
  wait_for (window_idle, window, "the cancelled backup");
  wait_for (toast_shown, (gpointer)"已取消备份", "the cancelled backup's toast");
  g_assert_false (gtk_revealer_get_reveal_child (child (window, BD_TYPE_WINDOW,
                                                         "import_revealer")));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  bd_test_assert_nothing_partial (tmp_dir);
  g_assert_null (find_message_dialog ());
}

typedef struct
{
  const char *name;
  /* makes the place the backup cannot go, and returns it */
  char     *(*prepare) (void);
  /* whether the reason names the backup's folder or the one it would go in */
  gboolean    names_parent;
} BackupFailure;

/* A regular file where the backup's folder would go in: nothing can be written there. */
static char *
prepare_unwritable (void)
{
  g_autofree char *file = g_build_filename (tmp_dir, "不是文件夹", NULL);

  g_assert_true (g_file_set_contents (file, "文件", -1, NULL));
  return g_build_filename (file, "备份", NULL);
}

/* A folder of something else's, which a backup must leave alone. */
static char *
prepare_existing (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "已有的文件夹", NULL);
  g_autofree char *kept = g_build_filename (folder, "留着.txt", NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (kept, "留着", -1, NULL));
  return g_steal_pointer (&folder);
}

static const BackupFailure backup_failures[] = {
  { "unwritable", prepare_unwritable, TRUE },
  { "exists", prepare_existing, FALSE },
};

/* A backup that cannot be made says why in a dialog and leaves nothing behind. */
static void
test_backup_failure (gconstpointer data)
{
  const BackupFailure *failure = data;
  g_autofree char *path = failure->prepare ();
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  AdwMessageDialog *dialog;

  wait_for (window_idle, window, "the searches before the backup");
  g_assert_true (bd_window_backup (window, destination));
  wait_for (window_idle, window, "the backup");
  g_assert_false (gtk_revealer_get_reveal_child (child (window, BD_TYPE_WINDOW,
                                                         "import_revealer")));

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "备份失败");
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            failure->names_parent ? parent : path));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  if (existed)
    {
      g_autoptr(GDir) listing = g_dir_open (path, 0, NULL);

      g_assert_cmpstr (g_dir_read_name (listing), ==, "留着.txt");
      g_assert_null (g_dir_read_name (listing));
    }
  else
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  bd_test_assert_nothing_partial (tmp_dir);

  /* and the window is ready for the next task */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  g_assert_false (_bd_window_is_busy (window));
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

typedef struct
{
  BdWindow *window;
  gboolean  narrow;
} Layout;

/* Whether @window shows the results and the report as the leaflet's pages (narrow) or the
 * paned's panes, laid out. */
static gboolean
layout_is (gpointer data)
{
  Layout *layout = data;
  AdwSqueezer *squeezer = child (layout->window, BD_TYPE_WINDOW, "content_squeezer");
  GtkWidget *results = child (layout->window, BD_TYPE_WINDOW, "results_box");
  GtkWidget *shown = child (layout->window, BD_TYPE_WINDOW,
                            layout->narrow ? "content_leaflet" : "content_paned");
  GtkWidget *holder = child (layout->window, BD_TYPE_WINDOW,
                             layout->narrow ? "results_slot" : "content_paned");

  return !_bd_window_is_busy (layout->window) &&
         adw_squeezer_get_visible_child (squeezer) == shown &&
         gtk_widget_get_parent (results) == holder &&
         gtk_widget_get_width (results) > 0;
}

static gboolean
leaflet_settled (gpointer data)
{
  return !adw_leaflet_get_child_transition_running (data);
}

static void
assert_wide (BdWindow *wide,
             int       position)
{
  GtkPaned *paned = child (wide, BD_TYPE_WINDOW, "content_paned");
  int width_request, minimum;

  /* Its minimum is the one it keeps when emptied, else the squeezer would flip between it and
   * the leaflet at widths it cannot have with the boxes in. */
  gtk_widget_get_size_request (GTK_WIDGET (paned), &width_request, NULL);
  gtk_widget_measure (GTK_WIDGET (paned), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  g_assert_cmpint (minimum, ==, width_request);

  g_assert_true (gtk_paned_get_start_child (paned) ==
                 child (wide, BD_TYPE_WINDOW, "results_box"));
  g_assert_true (gtk_paned_get_end_child (paned) == child (wide, BD_TYPE_WINDOW, "detail_box"));
  g_assert_cmpint (gtk_paned_get_position (paned), ==, position);
  g_assert_cmpint (gtk_widget_get_width (child (wide, BD_TYPE_WINDOW, "results_box")), ==,
                   position);
  g_assert_false (gtk_widget_get_visible (child (wide, BD_TYPE_WINDOW, "back_button")));
}

/* A wide window shows the list and the report side by side with a divider that can be dragged
 * and stays where it was left; a narrow one shows them one at a time, with a way back. */
static void
test_narrow_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  BdWindow *other;
  AdwLeaflet *leaflet;
  Layout layout;

  /* the main window, wide from the start */
  layout = (Layout) { window, FALSE };
  wait_for (layout_is, &layout, "the main window's wide layout");

  g_settings_set_int (settings, "results-width", 430);
  other = bd_window_new (NULL, archive);
  gtk_window_set_default_size (GTK_WINDOW (other), 1100, 700);
  gtk_window_present (GTK_WINDOW (other));
  layout = (Layout) { other, FALSE };
  wait_for (layout_is, &layout, "the wide layout");
  draw_window ();
  assert_wide (other, 430);

  /* the divider, moved, is remembered */
  gtk_paned_set_position (child (other, BD_TYPE_WINDOW, "content_paned"), 500);
  g_assert_cmpint (g_settings_get_int (settings, "results-width"), ==, 500);
  draw_window ();
  assert_wide (other, 500);

  /* narrowed: the report is a page of its own, reached from the list, with a way back */
  gtk_window_set_default_size (GTK_WINDOW (other), 600, 700);
  layout.narrow = TRUE;
  wait_for (layout_is, &layout, "the narrow layout");
  draw_window ();
  leaflet = child (other, BD_TYPE_WINDOW, "content_leaflet");
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "results");
  g_assert_true (gtk_widget_get_parent (child (other, BD_TYPE_WINDOW, "detail_box")) ==
                 child (other, BD_TYPE_WINDOW, "detail_slot"));
  g_assert_null (gtk_paned_get_start_child (child (other, BD_TYPE_WINDOW, "content_paned")));

  gtk_selection_model_select_item (child (other, BD_TYPE_WINDOW, "selection"), 0, TRUE);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  g_assert_true (gtk_widget_get_visible (child (other, BD_TYPE_WINDOW, "back_button")));
  wait_for (window_idle, other, "the report");
  g_assert_nonnull (bd_report_view_get_report (child (other, BD_TYPE_WINDOW, "report_view")));
  wait_for (leaflet_settled, leaflet, "the leaflet's slide to the report");
  g_assert_true (gtk_widget_get_mapped (child (other, BD_TYPE_WINDOW, "report_view")));
  g_assert_false (gtk_widget_get_mapped (child (other, BD_TYPE_WINDOW, "results_scroller")));

  gtk_widget_activate_action (GTK_WIDGET (other), "win.show-results", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "results");

  /* wide again: side by side, the divider where it was left, the report still shown */
  gtk_window_set_default_size (GTK_WINDOW (other), 1100, 700);
  layout.narrow = FALSE;
  wait_for (layout_is, &layout, "the wide layout again");
  draw_window ();
  assert_wide (other, 500);
  g_assert_cmpint (g_settings_get_int (settings, "results-width"), ==, 500);
  g_assert_true (gtk_widget_get_mapped (child (other, BD_TYPE_WINDOW, "report_view")));
  g_assert_true (gtk_widget_get_mapped (child (other, BD_TYPE_WINDOW, "results_scroller")));
  g_assert_nonnull (bd_report_view_get_report (child (other, BD_TYPE_WINDOW, "report_view")));
  gtk_window_destroy (GTK_WINDOW (other));

  /* a window that opens narrow starts on the list */
  other = bd_window_new (NULL, archive);
  gtk_window_set_default_size (GTK_WINDOW (other), 600, 700);
  gtk_window_present (GTK_WINDOW (other));
  layout = (Layout) { other, TRUE };
  wait_for (layout_is, &layout, "the narrow window");
  leaflet = child (other, BD_TYPE_WINDOW, "content_leaflet");
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "results");
  gtk_window_destroy (GTK_WINDOW (other));

  /* the windows share their size through the settings: the main one is wide again */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  layout = (Layout) { window, FALSE };
  wait_for (layout_is, &layout, "the main window's wide layout again");
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

static gboolean
is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static BdWindow *
find_window (BdArchive *not_this)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (BD_IS_WINDOW (toplevel) && BD_WINDOW (toplevel) != window &&
          bd_window_get_archive (BD_WINDOW (toplevel)) != not_this)
        return BD_WINDOW (toplevel);
    }

  return NULL;
}

/* The empty archive's window opens the sample archive: written, imported and shown in a window
 * that says it is the sample, leaving the staff's own archive as it was, closed, one click
 * away. */
static void
test_sample_archive (void)
{
  g_autofree char *own_dir = g_build_filename (tmp_dir, "own", NULL);
  g_autofree char *sample_dir = g_build_filename (g_get_user_cache_dir (), "baodao", "sample",
                                                  "archive", NULL);
  g_autoptr(BdArchive) own = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  BdWindow *empty;
  BdWindow *sample;
  BdWindow *back;

  g_assert_true (g_str_has_prefix (sample_dir, tmp_dir));
  own = bd_archive_open (own_dir, &error);
  g_assert_no_error (error);
  empty = bd_window_new (NULL, own);
  gtk_window_present (GTK_WINDOW (empty));
  wait_for (window_idle, empty, "the search of an empty archive");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (empty, BD_TYPE_WINDOW, "main_stack")),
                   ==, "empty");
  g_assert_false (gtk_revealer_get_reveal_child (child (empty, BD_TYPE_WINDOW, "sample_bar")));

  /* the window is the archive's last user: it closes it as it goes */
  g_object_add_weak_pointer (G_OBJECT (own), (gpointer *)&own);
  g_object_unref (own);
  g_object_add_weak_pointer (G_OBJECT (empty), (gpointer *)&empty);

  _bd_window_set_sample_size (empty, 12);
  button = child (empty, BD_TYPE_WINDOW, "sample_button");
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Cancel leaves the window as it was */
  g_signal_emit_by_name (button, "clicked");
  gtk_widget_activate_action (GTK_WIDGET (empty), "win.cancel-task", NULL);
  wait_for (window_idle, empty, "the cancelled sample");
  g_assert_nonnull (empty);
  g_assert_false (gtk_revealer_get_reveal_child (child (empty, BD_TYPE_WINDOW,
                                                         "import_revealer")));
  g_assert_true (gtk_widget_is_sensitive (button));

  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_revealer_get_reveal_child (child (empty, BD_TYPE_WINDOW,
                                                        "import_revealer")));
  g_assert_false (gtk_widget_is_sensitive (button));

  wait_for (is_null, &empty, "the sample archive's window");
  wait_for (is_null, &own, "the own archive to close");
  sample = find_window (NULL);
  g_assert_nonnull (sample);
  g_assert_cmpstr (bd_archive_get_path (bd_window_get_archive (sample)), ==, sample_dir);
  wait_for (window_idle, sample, "the sample archive's reports");
  g_assert_cmpstr (gtk_label_get_text (child (sample, BD_TYPE_WINDOW, "count_label")), ==,
                   "找到 12 条报道");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (sample, BD_TYPE_WINDOW,
                                                            "main_stack")), ==, "browse");
  g_assert_true (gtk_revealer_get_reveal_child (child (sample, BD_TYPE_WINDOW, "sample_bar")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (sample)), ==, "报道档案 — 示例档案");

  /* the own archive is as it was */
  own = bd_archive_open (own_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bd_archive_count_reports (own), ==, 0);
  g_clear_object (&own);

  g_object_add_weak_pointer (G_OBJECT (sample), (gpointer *)&sample);
  gtk_widget_activate_action (GTK_WIDGET (sample), "win.open-own-archive", NULL);
  g_assert_null (sample);
  back = find_window (NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (bd_archive_get_path (bd_window_get_archive (back)), ==, own_dir);
  wait_for (window_idle, back, "the own archive's window");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (back, BD_TYPE_WINDOW, "main_stack")),
                   ==, "empty");
  g_assert_false (gtk_revealer_get_reveal_child (child (back, BD_TYPE_WINDOW, "sample_bar")));
  g_assert_true (gtk_widget_is_sensitive (child (back, BD_TYPE_WINDOW, "sample_button")));
  gtk_window_destroy (GTK_WINDOW (back));
}

static gboolean
outlets_idle (gpointer data)
{
  return !_bd_outlets_window_is_busy (data) && !_bd_window_is_busy (window);
}

static GtkWidget *
find_outlet_row (BdOutletsWindow *outlets,
                 const char      *name)
{
  GtkWidget *box = child (outlets, BD_TYPE_OUTLETS_WINDOW, "sections_box");

  for (GtkWidget *list = gtk_widget_get_first_child (box); list;
       list = gtk_widget_get_next_sibling (list))
    {
      if (!GTK_IS_LIST_BOX (list) || !gtk_widget_get_visible (list))
        continue;

      for (GtkWidget *row = gtk_widget_get_first_child (list); row;
           row = gtk_widget_get_next_sibling (row))
        if (ADW_IS_ACTION_ROW (row) &&
            g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name))
          return row;
    }

  return NULL;
}

/* The labels beside a row's title, joined: its source and its count of reports. */
static char *
row_suffixes (GtkWidget *row)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  g_ptr_array_add (stack, row);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, 0);

      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "caption"))
        g_ptr_array_add (texts, (gpointer)gtk_label_get_text (GTK_LABEL (w)));
      else if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "numeric"))
        g_ptr_array_add (texts, (gpointer)gtk_label_get_text (GTK_LABEL (w)));
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_add (texts, NULL);

  return g_strjoinv ("|", (char **)texts->pdata);
}

static BdReport *
find_report (const char *title)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = bd_archive_list_reports (archive, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    if (g_str_equal (bd_report_get_title (g_ptr_array_index (reports, i)), title))
      return g_object_ref (g_ptr_array_index (reports, i));

  g_error ("the archive has no report “%s”", title);
}

static void
import_and_wait (const char *dir)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  g_assert_true (bd_window_import_files (window, &folder, 1));
  wait_for (window_idle, window, "the import");
}

static void
wait_for_label (const char *name,
                const char *text)
{
  LabelIs check = { child (window, BD_TYPE_WINDOW, name), text };
  g_autofree char *what = g_strdup_printf ("“%s” in %s", text, name);

  wait_for (label_is, &check, what);
}

/* As a click does, when the button can be clicked. */
static void
click_save (BdOutletEditor *editor)
{
  GtkWidget *button = child (editor, BD_TYPE_OUTLET_EDITOR, "save_button");

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

#define NEWS_TITLE "竹溪县举办网络文明宣传周"
#define NEWS_SITE "竹溪新闻网"
#define NEWS_ALIAS_TITLE "竹溪县茶园迎来春茶采摘季"

static void
count_changes_cb (BdOutletsWindow *outlets,
                  guint            n_reclassified,
                  guint           *n_changes)
{
  (*n_changes)++;
}

/* An outlet the office keeps seeing is added from the outlets window, with a domain typed
 * wrongly first and another outlet's name refused; its reports take its level, the one
 * stored under its other name its name too, and the main window shows it; removed again, the
 * reports have none. A shipped outlet changed here is restored as shipped. */
static void
test_outlets (void)
{
  static const Doc news = {
    "h.html", NEWS_TITLE, NEWS_SITE, "2023-11-02 09:00", "网络文明宣传周在竹溪县城开幕。",
  };
  static const Doc by_alias = {
    "i.html", NEWS_ALIAS_TITLE, "竹溪发布", "2023-11-03 09:00", "春茶开采，茶农忙着采摘。",
  };
  g_autofree char *dir = g_build_filename (tmp_dir, "outlets", NULL);
  g_autoptr(BdReport) report = NULL;
  BdOutletsWindow *outlets;
  BdOutletEditor *editor;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  g_autofree char *suffixes = NULL;
  const char *name = NULL;
  BdLevel level = BD_LEVEL_UNSET;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  write_doc (dir, &news);
  write_doc (dir, &by_alias);
  import_and_wait (dir);
  report = find_report (NEWS_TITLE);
  g_assert_cmpstr (bd_report_get_outlet (report), ==, NEWS_SITE);
  g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_UNSET);
  g_clear_object (&report);
  type_query ("网络文明");
  wait_for_count ("找到 1 条报道");
  g_assert_cmpstr (count_of ("unset_count"), ==, "1");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-outlets", NULL);
  outlets = BD_OUTLETS_WINDOW (find_toplevel (BD_TYPE_OUTLETS_WINDOW));
  g_assert_nonnull (outlets);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (outlets)) == GTK_WINDOW (window));
  wait_for (outlets_idle, outlets, "the outlets");

  /* the shipped list, by level, with the reports of each */
  row = find_outlet_row (outlets, "湖北日报");
  g_assert_nonnull (row);
  suffixes = row_suffixes (row);
  g_assert_cmpstr (suffixes, ==, "2 条报道");
  g_clear_pointer (&suffixes, g_free);
  g_assert_nonnull (find_outlet_row (outlets, "人民日报"));

  /* found by a domain; a level shown alone */
  gtk_editable_set_text (child (outlets, BD_TYPE_OUTLETS_WINDOW, "search_entry"), "hubeidaily");
  g_signal_emit_by_name (child (outlets, BD_TYPE_OUTLETS_WINDOW, "search_entry"),
                         "search-changed");
  g_assert_nonnull (find_outlet_row (outlets, "湖北日报"));
  g_assert_null (find_outlet_row (outlets, "人民日报"));
  gtk_editable_set_text (child (outlets, BD_TYPE_OUTLETS_WINDOW, "search_entry"), "");
  g_signal_emit_by_name (child (outlets, BD_TYPE_OUTLETS_WINDOW, "search_entry"),
                         "search-changed");
  gtk_drop_down_set_selected (child (outlets, BD_TYPE_OUTLETS_WINDOW, "show_dropdown"), 1);
  g_assert_nonnull (find_outlet_row (outlets, "人民日报"));
  g_assert_null (find_outlet_row (outlets, "湖北日报"));
  gtk_drop_down_set_selected (child (outlets, BD_TYPE_OUTLETS_WINDOW, "show_dropdown"), 0);

  /* added, with a mistake in the domains shown where it was typed */
  gtk_widget_activate_action (GTK_WIDGET (outlets), "outlets.add", NULL);
  editor = BD_OUTLET_EDITOR (find_toplevel (BD_TYPE_OUTLET_EDITOR));
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_sensitive (child (editor, BD_TYPE_OUTLET_EDITOR, "save_button")));
  gtk_editable_set_text (child (editor, BD_TYPE_OUTLET_EDITOR, "name_row"), "湖北日报");
  click_save (editor);
  g_assert_true (gtk_widget_get_visible (child (editor, BD_TYPE_OUTLET_EDITOR, "error_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (editor, BD_TYPE_OUTLET_EDITOR,
                                                       "error_label")), "湖北日报"));

  gtk_editable_set_text (child (editor, BD_TYPE_OUTLET_EDITOR, "name_row"), " " NEWS_SITE " ");
  adw_combo_row_set_selected (child (editor, BD_TYPE_OUTLET_EDITOR, "level_row"), 2);
  gtk_editable_set_text (child (editor, BD_TYPE_OUTLET_EDITOR, "aliases_row"),
                         "竹溪新闻客户端、人民网");
  click_save (editor);
  g_assert_cmpstr (gtk_label_get_text (child (editor, BD_TYPE_OUTLET_EDITOR, "error_label")), ==,
                   "“人民网”是“人民日报”的另一个名称：请在那里修改");
  g_assert_true (gtk_widget_has_css_class (child (editor, BD_TYPE_OUTLET_EDITOR, "aliases_row"),
                                           "error"));
  g_assert_false (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), NEWS_SITE,
                                             NULL, NULL));
  gtk_editable_set_text (child (editor, BD_TYPE_OUTLET_EDITOR, "aliases_row"),
                         "竹溪新闻客户端、竹溪发布");
  g_assert_false (gtk_widget_has_css_class (child (editor, BD_TYPE_OUTLET_EDITOR, "aliases_row"),
                                            "error"));
  gtk_editable_set_text (child (editor, BD_TYPE_OUTLET_EDITOR, "domains_row"),
                         "zxnews.cn 竹溪.网址");
  click_save (editor);
  g_assert_true (gtk_widget_get_visible (child (editor, BD_TYPE_OUTLET_EDITOR, "error_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (editor, BD_TYPE_OUTLET_EDITOR,
                                                       "error_label")), "竹溪.网址"));
  g_assert_true (gtk_widget_has_css_class (child (editor, BD_TYPE_OUTLET_EDITOR, "domains_row"),
                                           "error"));
  g_assert_false (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), NEWS_SITE,
                                             NULL, NULL));

  gtk_editable_set_text (child (editor, BD_TYPE_OUTLET_EDITOR, "domains_row"),
                         "https://www.zxnews.cn/");
  click_save (editor);
  wait_for (outlets_idle, outlets, "the outlet saved");
  g_assert_null (find_toplevel (BD_TYPE_OUTLET_EDITOR));
  g_assert_cmpstr (_bd_outlets_window_get_last_toast (outlets), ==,
                   "已保存“" NEWS_SITE "”，2 条报道随之更新");

  g_assert_true (bd_outlet_registry_lookup (bd_archive_get_outlets (archive),
                                            "https://www.zxnews.cn/2023/a.html", &name, &level));
  g_assert_cmpstr (name, ==, NEWS_SITE);
  g_assert_cmpint (level, ==, BD_LEVEL_MUNICIPAL);
  g_assert_true (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), "竹溪发布",
                                            &name, NULL));
  g_assert_cmpstr (name, ==, NEWS_SITE);
  report = find_report (NEWS_TITLE);
  g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_MUNICIPAL);
  g_clear_object (&report);
  report = find_report (NEWS_ALIAS_TITLE);
  g_assert_cmpstr (bd_report_get_outlet (report), ==, NEWS_SITE);
  g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_MUNICIPAL);
  g_clear_object (&report);

  /* the main window's results and counts follow */
  wait_for_label ("municipal_count", "1");
  g_assert_cmpstr (count_of ("unset_count"), ==, "0");

  row = find_outlet_row (outlets, NEWS_SITE);
  g_assert_nonnull (row);
  suffixes = row_suffixes (row);
  g_assert_cmpstr (suffixes, ==, "本档案添加|2 条报道");
  g_clear_pointer (&suffixes, g_free);

  /* a shipped outlet changed here is marked so, and restored as shipped */
  gtk_widget_activate_action (GTK_WIDGET (outlets), "outlets.edit", "s", "湖北日报");
  editor = BD_OUTLET_EDITOR (find_toplevel (BD_TYPE_OUTLET_EDITOR));
  g_assert_nonnull (editor);
  g_assert_false (gtk_editable_get_editable (child (editor, BD_TYPE_OUTLET_EDITOR, "name_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, BD_TYPE_OUTLET_EDITOR,
                                                       "level_row")), ==, 1);
  adw_combo_row_set_selected (child (editor, BD_TYPE_OUTLET_EDITOR, "level_row"), 0);
  click_save (editor);
  wait_for (outlets_idle, outlets, "the shipped outlet changed");
  g_assert_true (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), "湖北日报客户端",
                                            &name, &level));
  g_assert_cmpint (level, ==, BD_LEVEL_NATIONAL);
  suffixes = row_suffixes (find_outlet_row (outlets, "湖北日报"));
  g_assert_true (g_str_has_prefix (suffixes, "本档案修改|"));
  g_clear_pointer (&suffixes, g_free);

  gtk_widget_activate_action (GTK_WIDGET (outlets), "outlets.remove", "s", "湖北日报");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (outlets_idle, outlets, "the shipped outlet restored");
  g_assert_true (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), "湖北日报客户端",
                                            &name, &level));
  g_assert_cmpint (level, ==, BD_LEVEL_PROVINCIAL);
  suffixes = row_suffixes (find_outlet_row (outlets, "湖北日报"));
  g_assert_false (g_str_has_prefix (suffixes, "本档案"));
  g_clear_pointer (&suffixes, g_free);

  /* removed: asked first, and only "Remove" removes */
  gtk_widget_activate_action (GTK_WIDGET (outlets), "outlets.remove", "s", NEWS_SITE);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (outlets_idle, outlets, "nothing");
  g_assert_true (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), NEWS_SITE,
                                            NULL, NULL));

  gtk_widget_activate_action (GTK_WIDGET (outlets), "outlets.remove", "s", NEWS_SITE);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (outlets_idle, outlets, "the outlet removed");
  g_assert_cmpstr (_bd_outlets_window_get_last_toast (outlets), ==,
                   "已移除“" NEWS_SITE "”，2 条报道的级别随之改变");
  g_assert_false (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), NEWS_SITE,
                                             NULL, NULL));
  g_assert_null (find_outlet_row (outlets, NEWS_SITE));
  report = find_report (NEWS_TITLE);
  g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_UNSET);
  g_clear_object (&report);
  report = find_report (NEWS_ALIAS_TITLE);
  g_assert_cmpstr (bd_report_get_outlet (report), ==, NEWS_SITE);
  g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_UNSET);
  wait_for_label ("unset_count", "1");
  g_assert_cmpstr (count_of ("municipal_count"), ==, "0");

  gtk_window_destroy (GTK_WINDOW (outlets));
}

/* An outlet with no level shows so in the editor, and keeps none when only its domains change. */
static void
test_outlets_unclassified (void)
{
  const char *domains[] = { "unset.example.cn", NULL };
  BdOutletsWindow *outlets;
  BdOutletEditor *editor;
  g_autoptr(BdOutlet) saved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_archive_add_outlet (archive, "某某未分级网", BD_LEVEL_UNSET, NULL, NULL, NULL,
                                        &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-outlets", NULL);
  outlets = BD_OUTLETS_WINDOW (find_toplevel (BD_TYPE_OUTLETS_WINDOW));
  wait_for (outlets_idle, outlets, "the outlets");
  g_assert_nonnull (find_outlet_row (outlets, "某某未分级网"));

  gtk_widget_activate_action (GTK_WIDGET (outlets), "outlets.edit", "s", "某某未分级网");
  editor = BD_OUTLET_EDITOR (find_toplevel (BD_TYPE_OUTLET_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_string_object_get_string (
                     adw_combo_row_get_selected_item (child (editor, BD_TYPE_OUTLET_EDITOR,
                                                             "level_row"))), ==, "未分级");
  gtk_editable_set_text (child (editor, BD_TYPE_OUTLET_EDITOR, "domains_row"), domains[0]);
  click_save (editor);
  wait_for (outlets_idle, outlets, "the unclassified outlet saved");
  g_assert_null (find_toplevel (BD_TYPE_OUTLET_EDITOR));

  saved = bd_outlet_registry_get_outlet (bd_archive_get_outlets (archive), "某某未分级网");
  g_assert_cmpint (bd_outlet_get_level (saved), ==, BD_LEVEL_UNSET);
  g_assert_cmpstr (bd_outlet_get_domains (saved)[0], ==, domains[0]);

  g_assert_true (bd_archive_remove_outlet (archive, "某某未分级网", NULL, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (outlets));
}

/* Closing the outlets window while an outlet saves still saves it, and tells the main window;
 * the editor, closed with it, goes on the main thread. */
static void
test_outlets_closed (void)
{
  g_autoptr(BdOutletsWindow) outlets = NULL;
  BdOutletEditor *editor;
  g_autoptr(GError) error = NULL;
  guint n_changes = 0;
  const char *name = NULL;
  BdLevel level = BD_LEVEL_UNSET;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-outlets", NULL);
  outlets = g_object_ref (BD_OUTLETS_WINDOW (find_toplevel (BD_TYPE_OUTLETS_WINDOW)));
  wait_for (outlets_idle, outlets, "the outlets");
  g_signal_connect (outlets, "changed", G_CALLBACK (count_changes_cb), &n_changes);

  gtk_widget_activate_action (GTK_WIDGET (outlets), "outlets.add", NULL);
  editor = BD_OUTLET_EDITOR (find_toplevel (BD_TYPE_OUTLET_EDITOR));
  g_assert_nonnull (editor);
  gtk_editable_set_text (child (editor, BD_TYPE_OUTLET_EDITOR, "name_row"), "竹溪电视台");
  adw_combo_row_set_selected (child (editor, BD_TYPE_OUTLET_EDITOR, "level_row"), 2);
  click_save (editor);
  gtk_window_destroy (GTK_WINDOW (outlets));

  wait_for (outlets_idle, outlets, "the outlet saved after its window closed");
  g_assert_null (find_toplevel (BD_TYPE_OUTLET_EDITOR));
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_true (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), "竹溪电视台",
                                            &name, &level));
  g_assert_cmpint (level, ==, BD_LEVEL_MUNICIPAL);

  g_assert_true (bd_archive_remove_outlet (archive, "竹溪电视台", NULL, &error));
  g_assert_no_error (error);
}

/* The preferences apply at once: an import through the window refuses a file over the size
 * limit, for that reason, and the export dialog proposes the title and format. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autofree char *dir = g_build_filename (tmp_dir, "large", NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *limit = g_format_size (1024 * 1024);
  g_autofree char *name = NULL;
  g_autofree char *format = NULL;
  GtkWidget *prefs;
  GtkWidget *dialog;
  GtkListBox *list;
  GtkWidget *row;
  Doc large = { "large.html", "竹溪县茶叶博览会专题", "十堰日报", "2023-11-05 09:00", NULL };

  while (body->len < 1200 * 1024)
    g_string_append (body, "竹溪县茶叶博览会吸引了来自全国各地的客商。");
  large.body = body->str;
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  write_doc (dir, &large);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preferences", NULL);
  prefs = find_toplevel (BD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_cmpfloat (gtk_spin_button_get_value (child (prefs, BD_TYPE_PREFERENCES_WINDOW,
                                                       "size_spin")), ==, 200);
  g_assert_cmpfloat (gtk_spin_button_get_value (child (prefs, BD_TYPE_PREFERENCES_WINDOW,
                                                       "time_spin")), ==, 120);
  gtk_spin_button_set_value (child (prefs, BD_TYPE_PREFERENCES_WINDOW, "size_spin"), 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "import-max-file-size"), ==, 1);

  import_and_wait (dir);
  g_assert_cmpstr (_bd_window_get_import_summary (window), ==, "已导入 0 条报道，1 个文件失败");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-import-failures", NULL);
  dialog = find_failures_dialog ();
  g_assert_nonnull (dialog);
  list = child (dialog, BD_TYPE_FAILURES_DIALOG, "failures_list");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), limit));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* at the default limit it is imported */
  gtk_spin_button_set_value (child (prefs, BD_TYPE_PREFERENCES_WINDOW, "size_spin"), 200);
  import_and_wait (dir);
  g_assert_cmpstr (_bd_window_get_import_summary (window), ==, "已导入 1 条报道");

  gtk_editable_set_text (child (prefs, BD_TYPE_PREFERENCES_WINDOW, "title_row"),
                         "竹溪县宣传报道");
  adw_combo_row_set_selected (child (prefs, BD_TYPE_PREFERENCES_WINDOW, "format_row"),
                              BD_BUNDLE_TAR_XZ);
  format = g_settings_get_string (settings, "export-format");
  g_assert_cmpstr (format, ==, "tar.xz");
  gtk_window_destroy (GTK_WINDOW (prefs));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  dialog = find_toplevel (BD_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  bd_export_dialog_set_choice (BD_EXPORT_DIALOG (dialog), BD_EXPORT_SEARCH);
  name = bd_export_dialog_suggest_name (BD_EXPORT_DIALOG (dialog));
  g_assert_cmpstr (name, ==, "竹溪县宣传报道.tar.xz");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_settings_reset (settings, "export-title");
  g_settings_reset (settings, "export-format");
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

/* A report selected while another is still being read wins: the view never ends on the first
 * one's late result, its fields nor its pages. */
static void
test_report_race (void)
{
  BdReportView *view = child (window, BD_TYPE_WINDOW, "report_view");
  GtkStackPage *pages_page = child (view, BD_TYPE_REPORT_VIEW, "pages_page");

  /* as many as the import before found */
  type_query ("茶产业");
  wait_for_count ("找到 5 条报道");
  select_title ("竹溪茶产业迈上新台阶");

  /* a PDF, whose pages would be drawn, then a web page, before either is read */
  click_title (PDF_HEADING);
  click_title ("竹溪茶农采茶忙");
  g_assert_true (_bd_report_view_is_busy (view));
  wait_idle ("the second report");
  draw_window ();

  g_assert_cmpstr (bd_report_get_title (bd_report_view_get_report (view)), ==, "竹溪茶农采茶忙");
  g_assert_cmpstr (gtk_editable_get_text (child (view, BD_TYPE_REPORT_VIEW, "title_row")), ==,
                   "竹溪茶农采茶忙");
  g_assert_cmpstr (gtk_editable_get_text (child (view, BD_TYPE_REPORT_VIEW, "outlet_row")), ==,
                   "湖北日报");
  g_assert_false (gtk_stack_page_get_visible (pages_page));
  g_assert_null (gtk_widget_get_first_child (child (view, BD_TYPE_REPORT_VIEW, "pages_box")));

  /* and the other way round */
  click_title ("竹溪茶产业迈上新台阶");
  click_title (PDF_HEADING);
  wait_idle ("the PDF");
  wait_for (has_pages, child (view, BD_TYPE_REPORT_VIEW, "pages_box"), "the PDF's pages");
  g_assert_cmpstr (bd_report_get_title (bd_report_view_get_report (view)), ==, PDF_HEADING);
  g_assert_true (gtk_stack_page_get_visible (pages_page));
}

typedef enum
{
  GO_WHILE_READING,
  GO_WHILE_SAVING,
} GoneCase;

/* A report view closed while its worker thread runs is let go once the thread is done: the
 * thread's result never reaches the disposed view, and a change asked for is still saved. */
static void
test_view_gone (gconstpointer data)
{
  GoneCase gone_case = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(BdReport) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *other = gtk_window_new ();
  GtkWidget *view = g_object_new (BD_TYPE_REPORT_VIEW, "archive", archive, NULL);
  GtkWidget *view_pointer = view;
  gint64 id;

  reports = bd_archive_list_reports (archive, &error);
  g_assert_no_error (error);
  id = bd_report_get_id (g_ptr_array_index (reports, 0));

  gtk_window_set_child (GTK_WINDOW (other), view);
  gtk_window_present (GTK_WINDOW (other));
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *)&view_pointer);
  bd_report_view_show_report (BD_REPORT_VIEW (view), id, NULL);

  if (gone_case == GO_WHILE_SAVING)
    {
      AdwEntryRow *add_tag_row = child (view, BD_TYPE_REPORT_VIEW, "add_tag_row");

      wait_for (view_idle, view, "the report read");
      g_assert_nonnull (bd_report_view_get_report (BD_REPORT_VIEW (view)));
      gtk_editable_set_text (GTK_EDITABLE (add_tag_row), "关闭时保存");
      g_signal_emit_by_name (add_tag_row, "apply");
    }

  g_assert_true (_bd_report_view_is_busy (BD_REPORT_VIEW (view)));
  gtk_window_destroy (GTK_WINDOW (other));
  wait_for (pointer_is_null, &view_pointer, "the view to go");

  if (gone_case == GO_WHILE_SAVING)
    {
      stored = bd_archive_get_report (archive, id, FALSE, &error);
      g_assert_no_error (error);
      g_assert_true (g_strv_contains (bd_report_get_tags (stored), "关闭时保存"));
    }
}

/* More than the importer makes durable at once, so that it reports progress before it is done. */
#define CLOSING_REPORTS 80

typedef struct
{
  const char *name;
  /* starts the work on @other's archive; returns where it writes, or NULL */
  char     *(*start)           (BdWindow   *other,
                                const char *dir);
  /* checks what the work left behind in @dir, its output at @output */
  void      (*check)           (BdArchive  *from,
                                const char *dir,
                                const char *output);
  /* whether the window closes once the work has said how far it got, rather than at once */
  gboolean    after_progress;
} ClosingCase;

static char *closing_corpus;

/* Real reports, PDFs and web pages as the sample archive's, written once for all the cases. */
static const char *
get_closing_corpus (void)
{
  g_autoptr(BdSampleCorpus) corpus = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (closing_corpus != NULL)
    return closing_corpus;

  dir = g_build_filename (tmp_dir, "closing-corpus", NULL);
  corpus = bd_sample_corpus_new (CLOSING_REPORTS, BD_SAMPLE_DEFAULT_SEED);
  g_assert_true (bd_sample_corpus_write (corpus, dir, NULL, &error));
  g_assert_no_error (error);
  closing_corpus = g_build_filename (dir, "reports", NULL);

  return closing_corpus;
}

static void
fill_archive (BdArchive *to)
{
  g_autoptr(BdImporter) importer = bd_importer_new (to);
  g_autoptr(GError) error = NULL;
  const char *paths[] = { get_closing_corpus (), NULL };

  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bd_archive_count_reports (to), ==, CLOSING_REPORTS);
}

static char *
start_import (BdWindow   *other,
              const char *dir)
{
  g_autoptr(GFile) folder = g_file_new_for_path (get_closing_corpus ());

  g_assert_true (bd_window_import_files (other, &folder, 1));
  return NULL;
}

static void
check_import (BdArchive  *from,
              const char *dir,
              const char *output)
{
  g_assert_cmpuint (bd_archive_count_reports (from), <=, CLOSING_REPORTS);
}

static char *
start_export (BdWindow   *other,
              const char *dir)
{
  BdArchive *from = bd_window_get_archive (other);
  char *path = g_build_filename (dir, "关闭时导出.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BdExporter) exporter = bd_exporter_new (from);
  g_autoptr(BdQuery) everything = bd_query_parse ("", NULL);

  fill_archive (from);
  bd_exporter_set_query (exporter, everything);
  bd_exporter_set_format (exporter, BD_BUNDLE_ZIP);
  g_assert_true (bd_window_export (other, exporter, file));

  return path;
}

/* Stopped, the bundle is not there at all; finished before the stop was seen, it is whole. */
static void
check_export (BdArchive  *from,
              const char *dir,
              const char *output)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  bd_test_assert_nothing_partial (dir);
  if (!g_file_test (output, G_FILE_TEST_EXISTS))
    return;
  g_assert_true (bd_bundle_verify (output, &problems, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static char *
start_backup (BdWindow   *other,
              const char *dir)
{
  char *path = g_build_filename (dir, "关闭时备份", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);

  fill_archive (bd_window_get_archive (other));
  g_assert_true (bd_window_backup (other, destination));

  return path;
}

static void
check_backup (BdArchive  *from,
              const char *dir,
              const char *output)
{
  g_autoptr(BdArchive) copy = NULL;

  bd_test_assert_nothing_partial (dir);
  if (!g_file_test (output, G_FILE_TEST_EXISTS))
    return;
  copy = bd_test_open_archive (output);
  bd_test_assert_verified (copy);
  g_assert_cmpuint (bd_archive_count_reports (copy), ==, CLOSING_REPORTS);
}

static const ClosingCase closing_cases[] = {
  { "import", start_import, check_import, FALSE },
  { "import-progress", start_import, check_import, TRUE },
  { "export", start_export, check_export, FALSE },
  { "export-progress", start_export, check_export, TRUE },
  { "backup", start_backup, check_backup, FALSE },
};

/* The work's progress has reached the bar (which keeps it once the work is over). */
static gboolean
progress_shown (gpointer data)
{
  BdWindow *other = data;
  const char *text = gtk_label_get_text (child (other, BD_TYPE_WINDOW, "import_label"));

  return g_str_has_prefix (text, "正在导入第") || g_str_has_prefix (text, "正在导出第");
}

/* A window closed while its import, export or backup runs goes at once, and so cancels the work:
 * the work's late progress and end never reach it (a critical is fatal here), the work ends and
 * lets the archive close, and the archive is whole. */
static void
test_close_while_working (gconstpointer data)
{
  const ClosingCase *closing = data;
  g_autofree char *name = g_strconcat ("closing-", closing->name, NULL);
  g_autofree char *dir = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *archive_dir = g_build_filename (dir, "archive", NULL);
  g_autofree char *output = NULL;
  g_autoptr(BdArchive) reopened = NULL;
  BdArchive *from;
  BdWindow *other;
  gboolean working;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  from = bd_test_open_archive (archive_dir);
  other = bd_window_new (NULL, from);
  gtk_window_present (GTK_WINDOW (other));
  wait_for (window_idle, other, "the closing window's first search");

  output = closing->start (other, dir);
  g_assert_true (_bd_window_is_busy (other));
  if (closing->after_progress)
    wait_for (progress_shown, other, "the work's progress");

  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *)&other);
  g_object_add_weak_pointer (G_OBJECT (from), (gpointer *)&from);
  g_object_unref (from);
  working = gtk_revealer_get_reveal_child (child (other, BD_TYPE_WINDOW, "import_revealer"));
  gtk_window_destroy (GTK_WINDOW (other));
  /* The work may have ended before its progress was seen, and started a search that holds the
   * window until it is done. */
  if (working)
    g_assert_null (other);
  wait_for (pointer_is_null, &other, "the window to go");
  wait_for (pointer_is_null, &from, "the work to end and close the archive");

  reopened = bd_test_open_archive (archive_dir);
  bd_test_assert_verified (reopened);
  closing->check (reopened, dir, output);
}

static void
collect_label_texts (GtkWidget *widget,
                     GString   *texts)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_label_texts (c, texts);
}

/* A change the archive refuses says why in a toast, and the fields show what is stored. */
static void
test_edit_failure (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "refusing", NULL);
  g_autofree char *files_dir = g_build_filename (dir, "files", NULL);
  g_autofree char *archive_dir = g_build_filename (dir, "archive", NULL);
  g_autofree char *prefix = NULL;
  g_autoptr(BdArchive) refusing = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *paths[] = { files_dir, NULL };
  GtkWidget *other = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *view;
  AdwEntryRow *title_row;
  gint64 id;

  g_assert_cmpint (g_mkdir_with_parents (files_dir, 0755), ==, 0);
  write_doc (files_dir, &docs[0]);
  refusing = bd_archive_open (archive_dir, &error);
  g_assert_no_error (error);
  importer = bd_importer_new (refusing);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  reports = bd_archive_list_reports (refusing, &error);
  g_assert_no_error (error);
  id = bd_report_get_id (g_ptr_array_index (reports, 0));

  view = g_object_new (BD_TYPE_REPORT_VIEW, "archive", refusing, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), view);
  gtk_window_set_child (GTK_WINDOW (other), overlay);
  gtk_window_present (GTK_WINDOW (other));
  bd_report_view_show_report (BD_REPORT_VIEW (view), id, NULL);
  wait_for (view_idle, view, "the report");

  /* gone from under the view, as another window may delete it */
  g_assert_true (bd_archive_delete_reports (refusing, &id, 1, &error));
  g_assert_no_error (error);

  title_row = child (view, BD_TYPE_REPORT_VIEW, "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "改不了的标题");
  g_signal_emit_by_name (title_row, "apply");
  g_assert_false (gtk_widget_get_sensitive (child (view, BD_TYPE_REPORT_VIEW, "fields_group")));
  wait_for (view_idle, view, "the refusal");

  g_assert_true (gtk_widget_get_sensitive (child (view, BD_TYPE_REPORT_VIEW, "fields_group")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, docs[0].title);
  g_assert_cmpstr (bd_report_get_title (bd_report_view_get_report (BD_REPORT_VIEW (view))), ==,
                   docs[0].title);

  /* the toast names what failed and why */
  collect_label_texts (overlay, texts);
  prefix = g_strdup (_("The change was not saved: %s"));
  *strstr (prefix, "%s") = '\0';
  g_assert_nonnull (strstr (texts->str, prefix));
  g_assert_true (g_str_has_prefix (_("The change was not saved: %s"), "更改"));

  gtk_window_destroy (GTK_WINDOW (other));
}

/* The background of the first hit a row's snippet marks. */
static gboolean
snippet_hit_color (GtkWidget *row,
                   PangoColor *color)
{
  PangoAttrList *attributes = gtk_label_get_attributes (child (row, BD_TYPE_RESULT_ROW,
                                                               "snippet_label"));
  g_autoptr(GSList) list = attributes != NULL ? pango_attr_list_get_attributes (attributes) : NULL;
  gboolean found = FALSE;

  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attribute = l->data;

      if (!found && attribute->klass->type == PANGO_ATTR_BACKGROUND)
        {
          *color = ((PangoAttrColor *)attribute)->color;
          found = TRUE;
        }
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify)pango_attribute_destroy);

  return found;
}

/* The hits' colour follows the style, in the text preview and in the list, as soon as it
 * changes. */
static void
test_dark_style (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  BdReportView *view = child (window, BD_TYPE_WINDOW, "report_view");
  GtkTextTag *hit = gtk_text_tag_table_lookup (
    gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (child (view, BD_TYPE_REPORT_VIEW,
                                                                    "text_view"))), "hit");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GdkRGBA *shown = NULL;
  GdkRGBA light, dark;
  PangoColor light_row = { 0 }, dark_row = { 0 };
  GtkWidget *row;

  type_query ("茶产业");
  wait_for_count ("找到 5 条报道");
  draw_window ();
  collect_rows (child (window, BD_TYPE_WINDOW, "results_scroller"), rows);
  g_assert_cmpuint (rows->len, >, 0);
  row = g_ptr_array_index (rows, 0);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  bd_hits_get_color (&light);
  g_object_get (hit, "background-rgba", &shown, NULL);
  g_assert_true (gdk_rgba_equal (shown, &light));
  g_clear_pointer (&shown, gdk_rgba_free);
  g_assert_true (snippet_hit_color (row, &light_row));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  bd_hits_get_color (&dark);
  g_assert_false (gdk_rgba_equal (&light, &dark));
  g_object_get (hit, "background-rgba", &shown, NULL);
  g_assert_true (gdk_rgba_equal (shown, &dark));
  g_clear_pointer (&shown, gdk_rgba_free);
  g_assert_true (snippet_hit_color (row, &dark_row));
  g_assert_cmpuint (light_row.red, ==, (guint16)(light.red * G_MAXUINT16));
  g_assert_cmpuint (dark_row.red, ==, (guint16)(dark.red * G_MAXUINT16));
  draw_window ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* At twice the scale, as a HiDPI screen has it, the pages are drawn in twice the pixels and
 * shown at the same size; the hits are marked where they are in those pixels. */
static void
test_hidpi (void)
{
  BdReportView *view;
  GtkWidget *picture;
  GdkTexture *texture;

  if (!g_test_subprocess ())
    {
      /* the scale is read when the display opens: a process of its own */
      g_setenv ("GDK_SCALE", "2", TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("GDK_SCALE");
      g_test_trap_assert_passed ();
      return;
    }

  view = child (window, BD_TYPE_WINDOW, "report_view");
  wait_idle ("the first search");
  draw_window ();
  g_assert_cmpint (gtk_widget_get_scale_factor (GTK_WIDGET (window)), ==, 2);

  type_query ("茶产业");
  wait_for_count ("找到 3 条报道");
  select_title (PDF_HEADING);
  wait_for (has_pages, child (view, BD_TYPE_REPORT_VIEW, "pages_box"), "the PDF's pages");
  /* and any drawing again that the window's scale asked for */
  wait_idle ("the PDF's pages at the window's scale");
  draw_window ();

  picture = gtk_widget_get_first_child (child (view, BD_TYPE_REPORT_VIEW, "pages_box"));
  texture = GDK_TEXTURE (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 2 * PAGE_LOGICAL_WIDTH);
  /* shown no wider than at scale 1: the extra pixels are for sharpness */
  g_assert_cmpint (gtk_widget_get_width (picture), <=, PAGE_LOGICAL_WIDTH);
  assert_page_highlighted (view);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BAODAO_LOCALEDIR");
  g_autofree char *cache_dir = NULL;
  int status;

  /* the sample archive goes into the cache: this one, before anything asks where it is */
  tmp_dir = bd_test_make_tmp_dir ();
  cache_dir = g_build_filename (tmp_dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() sets an English locale; the environment asks for Chinese */
  setlocale (LC_ALL, "");
  adw_init ();
  /* the catalog built beside the tests: the window is checked in Chinese */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

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
  g_test_add_func ("/app/window/backup/copy", test_backup);
  g_test_add_func ("/app/window/backup/cancel", test_backup_cancel);
  for (guint i = 0; i < G_N_ELEMENTS (backup_failures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/app/window/backup/%s", backup_failures[i].name);

      g_test_add_data_func (path, &backup_failures[i], test_backup_failure);
    }
  g_test_add_func ("/app/window/keys", test_keys);
  g_test_add_func ("/app/window/import", test_import);
  g_test_add_func ("/app/window/pages", test_pages);
  g_test_add_func ("/app/window/narrow", test_narrow_window);
  g_test_add_func ("/app/window/empty-archive", test_empty_archive);
  g_test_add_func ("/app/window/sample-archive", test_sample_archive);
  g_test_add_func ("/app/window/outlets", test_outlets);
  g_test_add_func ("/app/window/outlets-unclassified", test_outlets_unclassified);
  g_test_add_func ("/app/window/outlets-closed", test_outlets_closed);
  g_test_add_func ("/app/window/preferences", test_preferences);
  g_test_add_func ("/app/window/screenshot", test_screenshot);
  g_test_add_func ("/app/window/report-race", test_report_race);
  g_test_add_data_func ("/app/report-view/gone-while-reading", GINT_TO_POINTER (GO_WHILE_READING),
                        test_view_gone);
  g_test_add_data_func ("/app/report-view/gone-while-saving", GINT_TO_POINTER (GO_WHILE_SAVING),
                        test_view_gone);
  for (guint i = 0; i < G_N_ELEMENTS (closing_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/app/window/close-while/%s",
                                               closing_cases[i].name);

      g_test_add_data_func (path, &closing_cases[i], test_close_while_working);
    }
  g_test_add_func ("/app/report-view/edit-failure", test_edit_failure);
  g_test_add_func ("/app/report-view/hidpi", test_hidpi);
  g_test_add_func ("/app/window/dark-style", test_dark_style);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&window);
  g_clear_object (&archive);
  g_clear_pointer (&closing_corpus, g_free);
  _bd_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
