/* baodao-screenshots.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "bd-archive.h"
#include "bd-report-view.h"
#include "bd-report.h"
#include "bd-search-result.h"
#include "bd-stats-window-private.h"
#include "bd-window-private.h"
#include "bd-window.h"

/* baodao-screenshots ARCHIVE OUTDIR: the README's pictures of the real windows, drawn by the
 * windows themselves, on whatever archive is given (build-aux/screenshots gives the sample
 * corpus): a search, a PDF report's pages and a quarter's statistics. */

#define QUERY "茶旅融合"
#define WAIT_TIMEOUT_MS 30000

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (object == NULL)
    g_error ("%s has no %s", G_OBJECT_TYPE_NAME (widget), name);
  return object;
}

static void
iterate (guint times)
{
  for (guint i = 0; i < times; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static void
wait_for (gboolean (*condition) (gpointer),
          gpointer  data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* and for the rows and pictures to be drawn */
  iterate (40);
}

static gboolean
window_idle (gpointer data)
{
  return !_bd_window_is_busy (data);
}

static gboolean
stats_idle (gpointer data)
{
  return !_bd_stats_window_is_busy (data);
}

static gboolean
has_pages (gpointer data)
{
  return gtk_widget_get_first_child (data) != NULL;
}

/* A window is drawn on a frame clock of its own: until its first frame it has nothing to show. */
static GskRenderNode *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                              gtk_widget_get_height (widget));
      if ((node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot))) != NULL)
        return node;
      iterate (10);
    }

  g_error ("%s is never drawn", G_OBJECT_TYPE_NAME (widget));
}

static void
save (GtkWidget  *widget,
      const char *dir,
      const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GskRenderNode) node = render (widget);
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot write %s", path);
  g_print ("%s\n", path);
}

/* Selects the first result, or the first PDF. */
static void
select_first (BdWindow *window,
              gboolean  pdf)
{
  GListModel *results = child (window, BD_TYPE_WINDOW, "results");

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(BdSearchResult) result = g_list_model_get_item (results, i);
      const char *type = bd_report_get_media_type (bd_search_result_get_report (result));

      if (!pdf || g_strcmp0 (type, "application/pdf") == 0)
        {
          gtk_selection_model_select_item (child (window, BD_TYPE_WINDOW, "selection"), i, TRUE);
          return;
        }
    }

  g_error ("no %s found for %s", pdf ? "PDF" : "report", QUERY);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BAODAO_LOCALEDIR");
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  BdWindow *window;
  GtkWidget *stats;
  gpointer view;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc != 3)
    {
      g_printerr ("Usage: %s ARCHIVE OUTDIR\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  if (!(archive = bd_archive_open (argv[1], &error)))
    g_error ("%s", error->message);

  window = bd_window_new (NULL, archive);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 960);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (window_idle, window, "the first search");

  gtk_editable_set_text (child (window, BD_TYPE_WINDOW, "search_entry"), QUERY);
  /* the entry waits a moment for more typing before it searches */
  iterate (100);
  wait_for (window_idle, window, "the search");
  select_first (window, FALSE);
  wait_for (window_idle, window, "the report");
  save (GTK_WIDGET (window), argv[2], "search.png");

  select_first (window, TRUE);
  view = child (window, BD_TYPE_WINDOW, "report_view");
  wait_for (has_pages, child (view, BD_TYPE_REPORT_VIEW, "pages_box"),
            "the PDF's pages");
  gtk_stack_set_visible_child_name (child (view, BD_TYPE_REPORT_VIEW,
                                           "preview_stack"), "pages");
  iterate (40);
  save (GTK_WIDGET (window), argv[2], "report.png");

  stats = bd_stats_window_new (GTK_WINDOW (window), archive);
  gtk_window_set_default_size (GTK_WINDOW (stats), 960, 900);
  gtk_window_present (GTK_WINDOW (stats));
  wait_for (stats_idle, stats, "the statistics");
  iterate (80);
  save (stats, argv[2], "statistics.png");

  gtk_window_destroy (GTK_WINDOW (stats));
  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
