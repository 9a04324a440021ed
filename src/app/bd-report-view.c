/* bd-report-view.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-report-view"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <poppler.h>

#include "bd-date.h"
#include "bd-error.h"
#include "bd-fts-functions.h"
#include "bd-hits.h"
#include "bd-report-view-private.h"
#include "bd-search.h"
#include "bd-tag-completion.h"
#include "bd-toast.h"

/* Pages are drawn this wide, in logical pixels, whatever their size in points; in as many
 * device pixels as the screen's scale asks, so that they stay sharp on a HiDPI screen. */
#define PAGE_WIDTH 900
/* about the width the report view gives a page */
#define PAGE_SHOWN_WIDTH 540
#define MAX_PREVIEW_PAGES 2

/* The report selected in the result list: its details, editable and saved one field at a time,
 * and a preview that never renders a web page as such: the extracted text with the search's
 * hits, and for a PDF pictures of its first pages. */
struct _BdReportView
{
  GtkWidget          parent_instance;

  BdArchive         *archive;
  BdReport          *report;
  /* the report being read, superseded by the next one selected */
  GCancellable      *load_cancellable;
  /* cancelled only when the view goes: a change asked for is saved even when another report
   * is selected meanwhile */
  GCancellable      *save_cancellable;
  gboolean           saving;
  gboolean           adding_tag;
  GCancellable      *preview_cancellable;
  /* what the pages are drawn from, kept to draw them anew when the screen's scale changes */
  char              *pdf_path;
  GPtrArray         *hit_texts;
  GPtrArray         *tag_rows;
  BdTagCompletion   *tag_completion;
  /* set while the fields are filled from the archive, so that no change is saved back */
  gboolean           loading;

  GtkStack          *stack;
  AdwPreferencesGroup *fields_group;
  GtkSpinner        *save_spinner;
  AdwEntryRow       *title_row;
  AdwEntryRow       *outlet_row;
  AdwComboRow       *level_row;
  AdwEntryRow       *date_row;
  AdwEntryRow       *url_row;
  AdwPreferencesGroup *tags_group;
  AdwEntryRow       *add_tag_row;
  GtkLabel          *file_label;
  GtkStack          *preview_stack;
  GtkStackPage      *pages_page;
  GtkTextView       *text_view;
  GtkBox            *pages_box;
  /* per page shown: the GArray of graphene_rect_t drawn over the hits, in the page's pixels */
  GPtrArray         *highlights;
};

G_DEFINE_FINAL_TYPE (BdReportView, bd_report_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARCHIVE,
  PROP_REPORT,
  N_PROPS
};

enum {
  REPORT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
on_remove_tag_clicked_cb (GtkButton    *button,
                          BdReportView *self);

static void
fill_tags (BdReportView *self)
{
  const char * const *tags = bd_report_get_tags (self->report);

  for (guint i = 0; i < self->tag_rows->len; i++)
    adw_preferences_group_remove (self->tags_group, g_ptr_array_index (self->tag_rows, i));
  g_ptr_array_set_size (self->tag_rows, 0);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tags[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove Tag"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Tag"),
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (tags[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_tag_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->tags_group, row);
      g_ptr_array_add (self->tag_rows, row);
    }
}

static void
fill_fields (BdReportView *self)
{
  const char *file_name = bd_report_get_file_name (self->report);

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), bd_report_get_title (self->report));
  gtk_editable_set_text (GTK_EDITABLE (self->outlet_row),
                         bd_report_get_outlet (self->report) ?: "");
  adw_combo_row_set_selected (self->level_row, bd_report_get_level (self->report));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), bd_report_get_date (self->report) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row),
                         bd_report_get_source_url (self->report) ?: "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_label_set_text (self->file_label, file_name != NULL ? file_name : "");
  fill_tags (self);

  self->loading = FALSE;
}

static void
set_saving (BdReportView *self,
            gboolean      saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_group), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tags_group), !saving);
  gtk_widget_set_visible (GTK_WIDGET (self->save_spinner), saving);
  gtk_spinner_set_spinning (self->save_spinner, saving);
}

static void
on_changes_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BdReportView) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  BdReport *report;

  reports = bd_archive_update_reports_finish (BD_ARCHIVE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_saving (self, FALSE);

  if (reports == NULL)
    {
      bd_toast_show_unsaved (GTK_WIDGET (self), error);
      if (self->report != NULL)
        fill_fields (self);
      return;
    }

  report = g_ptr_array_index (reports, 0);
  if (self->adding_tag)
    gtk_editable_set_text (GTK_EDITABLE (self->add_tag_row), "");

  /* the list shows the change even when another report was selected meanwhile */
  if (self->report != NULL && bd_report_get_id (self->report) == bd_report_get_id (report))
    {
      g_set_object (&self->report, report);
      fill_fields (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REPORT]);
    }
  g_signal_emit (self, signals [REPORT_CHANGED], 0, report);
}

/* Saves one change on a worker thread, the fields insensitive until it is done; the archive
 * may change more than was asked (a new outlet brings its level along), so the fields show
 * the report as it reads back. */
static void
save_changes (BdReportView          *self,
              const BdReportChanges *changes)
{
  gint64 id;

  g_assert (self->report != NULL);

  /* the fields are insensitive meanwhile: nothing a person does gets here */
  if (self->saving)
    return;

  id = bd_report_get_id (self->report);
  self->adding_tag = changes->add_tags != NULL;
  set_saving (self, TRUE);
  bd_archive_update_reports_async (self->archive, &id, 1, changes, self->save_cancellable,
                                   on_changes_saved_cb, g_object_ref (self));
}

static void
on_title_apply_cb (AdwEntryRow  *row,
                   BdReportView *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  BdReportChanges changes = { .title = title };

  /* a report always has a title: an emptied one goes back to what it was */
  if (*title == '\0')
    {
      fill_fields (self);
      return;
    }

  save_changes (self, &changes);
}

static void
on_outlet_apply_cb (AdwEntryRow  *row,
                    BdReportView *self)
{
  g_autofree char *outlet = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  BdReportChanges changes = { .outlet = outlet };

  save_changes (self, &changes);
}

static void
on_date_apply_cb (AdwEntryRow  *row,
                  BdReportView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *date = *text == '\0' ? g_strdup ("") : bd_date_normalize (text);
  BdReportChanges changes = { .date = date };

  if (date == NULL)
    {
      g_autoptr(GError) error = g_error_new (BD_ERROR, BD_ERROR_INVALID,
                                             _("“%s” is not a date: write it as 2023-08-15"),
                                             text);

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      bd_toast_show (GTK_WIDGET (self), error->message);
      return;
    }

  save_changes (self, &changes);
}

static void
on_url_apply_cb (AdwEntryRow  *row,
                 BdReportView *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  BdReportChanges changes = { .source_url = url };

  save_changes (self, &changes);
}

static void
on_level_selected_cb (AdwComboRow  *row,
                      GParamSpec   *pspec,
                      BdReportView *self)
{
  BdReportChanges changes = { .set_level = TRUE };
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading || self->saving || self->report == NULL || selected >= BD_N_LEVELS ||
      selected == bd_report_get_level (self->report))
    return;

  changes.level = selected;
  save_changes (self, &changes);
}

static void
on_add_tag_apply_cb (AdwEntryRow  *row,
                     BdReportView *self)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  const char *add[] = { tag, NULL };
  BdReportChanges changes = { .add_tags = add };

  if (*tag == '\0')
    return;

  save_changes (self, &changes);
}

static void
on_remove_tag_clicked_cb (GtkButton    *button,
                          BdReportView *self)
{
  const char *remove[] = { g_object_get_data (G_OBJECT (button), "tag"), NULL };
  BdReportChanges changes = { .remove_tags = remove };

  save_changes (self, &changes);
}

static void
on_launch_finished_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BdReportView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    bd_toast_show (GTK_WIDGET (self), error->message);
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BdReportView *self = BD_REPORT_VIEW (widget);
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  if (self->report == NULL)
    return;

  path = bd_archive_get_original_path (self->archive, self->report);
  uri = g_filename_to_uri (path, NULL, NULL);
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
                                    gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, on_launch_finished_cb,
                                           g_object_ref (self));
}

static void
show_text (BdReportView *self,
           const char   *text,
           GArray       *hits)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  glong offset = 0;
  guint done = 0;

  gtk_text_buffer_set_text (buffer, text, -1);

  /* the hits are in bytes, the buffer counts characters: walk the text once */
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      const BdRange *hit = &g_array_index (hits, BdRange, i);

      offset += g_utf8_strlen (text + done, hit->start - done);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
      offset += g_utf8_strlen (text + hit->start, hit->end - hit->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, offset);
      gtk_text_buffer_apply_tag_by_name (buffer, "hit", &start, &end);
      done = hit->end;

      if (i == 0)
        gtk_text_buffer_place_cursor (buffer, &start);
    }

  if (hits == NULL || hits->len == 0)
    {
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_place_cursor (buffer, &start);
    }
}

typedef struct
{
  char      *path;
  GPtrArray *hit_texts;   /* the words found, each once, as the text has them */
  int        scale_factor;
} RenderRequest;

typedef struct
{
  GPtrArray *textures;
  GPtrArray *highlights;
} RenderedPages;

static void
render_request_free (RenderRequest *request)
{
  g_free (request->path);
  g_ptr_array_unref (request->hit_texts);
  g_free (request);
}

static void
rendered_pages_free (RenderedPages *pages)
{
  g_ptr_array_unref (pages->textures);
  g_ptr_array_unref (pages->highlights);
  g_free (pages);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenderedPages, rendered_pages_free)

/* Marks where the page has the hits, as the text preview does, in the page's pixels. The
 * multiply operator leaves the glyphs as dark as they were. A page is paper-white in the dark
 * style too, so its marks keep the light style's yellow. */
static GArray *
highlight_hits (PopplerPage *page,
                cairo_t     *cr,
                GPtrArray   *hit_texts,
                double       scale,
                int          scale_factor)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  double width, height;

  poppler_page_get_size (page, &width, &height);

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_set_source_rgba (cr, 246 / 255.0, 211 / 255.0, 45 / 255.0, 0.8);

  for (guint i = 0; i < hit_texts->len; i++)
    {
      GList *found = poppler_page_find_text_with_options (page, g_ptr_array_index (hit_texts, i),
                                                          POPPLER_FIND_MULTILINE);

      for (GList *l = found; l != NULL; l = l->next)
        {
          PopplerRectangle *match = l->data;
          /* poppler counts from the page's bottom, the picture from its top */
          graphene_rect_t rect = GRAPHENE_RECT_INIT (match->x1 * scale,
                                                     (height - match->y2) * scale,
                                                     (match->x2 - match->x1) * scale,
                                                     (match->y2 - match->y1) * scale);

          cairo_rectangle (cr, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
          /* drawn in logical pixels, kept in the picture's */
          graphene_rect_scale (&rect, scale_factor, scale_factor, &rect);
          g_array_append_val (rects, rect);
        }
      cairo_fill (cr);
      g_list_free_full (found, (GDestroyNotify)poppler_rectangle_free);
    }

  cairo_restore (cr);

  return rects;
}

static void
render_pages_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  RenderRequest *request = task_data;
  g_autoptr(RenderedPages) pages = g_new0 (RenderedPages, 1);
  PopplerDocument *document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (request->path, NULL, &error);
  int n_pages;

  pages->textures = g_ptr_array_new_with_free_func (g_object_unref);
  pages->highlights = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);

  if (uri == NULL || !(document = poppler_document_new_from_file (uri, NULL, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  n_pages = MIN (poppler_document_get_n_pages (document), MAX_PREVIEW_PAGES);
  for (int i = 0; i < n_pages && !g_cancellable_is_cancelled (cancellable); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autoptr(GBytes) bytes = NULL;
      cairo_surface_t *surface;
      cairo_t *cr;
      double width, height, scale;
      int stride, pixel_width, pixel_height;

      poppler_page_get_size (page, &width, &height);
      if (width <= 0 || height <= 0)
        {
          g_object_unref (page);
          continue;
        }
      scale = PAGE_WIDTH / width;
      pixel_width = PAGE_WIDTH * request->scale_factor;
      pixel_height = MAX (1, (int)(height * scale * request->scale_factor));

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
      cairo_surface_set_device_scale (surface, request->scale_factor, request->scale_factor);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      poppler_page_render (page, cr);
      g_ptr_array_add (pages->highlights, highlight_hits (page, cr, request->hit_texts, scale,
                                                          request->scale_factor));
      cairo_destroy (cr);
      g_object_unref (page);
      cairo_surface_flush (surface);

      stride = cairo_image_surface_get_stride (surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize)stride * pixel_height);
      cairo_surface_destroy (surface);

      /* cairo's ARGB32 is premultiplied BGRA in memory on the little-endian machines GTK runs
       * on, which GDK_MEMORY_DEFAULT names */
      g_ptr_array_add (pages->textures, gdk_memory_texture_new (pixel_width, pixel_height,
                                                                GDK_MEMORY_DEFAULT, bytes,
                                                                stride));
    }
  g_object_unref (document);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&pages), (GDestroyNotify)rendered_pages_free);
}

static void remove_pages (BdReportView *self);

static void
on_pages_rendered_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BdReportView) self = user_data;
  g_autoptr(RenderedPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *textures;

  /* a cancelled rendering was replaced by a newer one, which owns the cancellable now */
  if (!(pages = g_task_propagate_pointer (G_TASK (result), &error)) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->preview_cancellable);
  if (pages == NULL)
    {
      g_debug ("No preview of the pages: %s", error->message);
      return;
    }

  textures = pages->textures;
  remove_pages (self);
  self->highlights = g_ptr_array_ref (pages->highlights);
  for (guint i = 0; i < textures->len; i++)
    {
      GdkTexture *texture = g_ptr_array_index (textures, i);
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      /* GTK 4.8 gives a shrinkable picture in a scrolled box no height of its own: ask for
       * the page's height at the width it is shown */
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, -1,
                                   gdk_texture_get_height (texture) * PAGE_SHOWN_WIDTH /
                                   MAX (gdk_texture_get_width (texture), 1));
      gtk_widget_add_css_class (picture, "card");
      gtk_box_append (self->pages_box, picture);
    }
  gtk_stack_page_set_visible (self->pages_page, textures->len > 0);
}

static void
remove_pages (BdReportView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))))
    gtk_box_remove (self->pages_box, child);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
}

static void
render_pages (BdReportView *self)
{
  RenderRequest *request;
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  if (self->pdf_path == NULL)
    return;

  request = g_new0 (RenderRequest, 1);
  request->path = g_strdup (self->pdf_path);
  request->hit_texts = g_ptr_array_ref (self->hit_texts);
  request->scale_factor = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  self->preview_cancellable = g_cancellable_new ();
  /* no source object: the view's last reference must not go on the worker thread */
  task = g_task_new (NULL, self->preview_cancellable, on_pages_rendered_cb, g_object_ref (self));
  g_task_set_source_tag (task, render_pages);
  g_task_set_task_data (task, request, (GDestroyNotify)render_request_free);
  g_task_run_in_thread (task, render_pages_thread);
}

static void
on_scale_factor_changed_cb (BdReportView *self,
                            GParamSpec   *pspec,
                            gpointer      user_data)
{
  render_pages (self);
}

static void
forget_pages (BdReportView *self)
{
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->pdf_path, g_free);
  g_clear_pointer (&self->hit_texts, g_ptr_array_unref);
  remove_pages (self);
  gtk_stack_page_set_visible (self->pages_page, FALSE);
  gtk_stack_set_visible_child_name (self->preview_stack, "text");
}

/* The text's hits as the result list has them, in the light or the dark style. */
static void
on_dark_changed_cb (BdReportView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (buffer);
  GdkRGBA color;

  bd_hits_get_color (&color);
  g_object_set (gtk_text_tag_table_lookup (tags, "hit"), "background-rgba", &color, NULL);
}

static void
bd_report_view_dispose (GObject *object)
{
  BdReportView *self = (BdReportView *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->save_cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  /* first: it takes its popover from the entry, which the template's disposal destroys */
  g_clear_object (&self->tag_completion);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_REPORT_VIEW);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->save_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->archive);
  g_clear_object (&self->report);
  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  g_clear_pointer (&self->pdf_path, g_free);
  g_clear_pointer (&self->hit_texts, g_ptr_array_unref);

  G_OBJECT_CLASS (bd_report_view_parent_class)->dispose (object);
}

static void
bd_report_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BdReportView *self = BD_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARCHIVE:
      g_value_set_object (value, self->archive);
      break;

    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_report_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BdReportView *self = BD_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARCHIVE:
      bd_report_view_set_archive (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_report_view_class_init (BdReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_report_view_dispose;
  object_class->get_property = bd_report_view_get_property;
  object_class->set_property = bd_report_view_set_property;

  properties [PROP_ARCHIVE] =
    g_param_spec_object ("archive", NULL, NULL,
                         BD_TYPE_ARCHIVE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         BD_TYPE_REPORT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BdReportView::report-changed:
   * @report: the report as the archive has it now
   *
   * Emitted after a change to the report was saved.
   */
  signals [REPORT_CHANGED] =
    g_signal_new ("report-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BD_TYPE_REPORT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baodao/Baodao/bd-report-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, stack);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, fields_group);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, title_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, outlet_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, level_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, date_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, url_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, tags_group);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, add_tag_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, file_label);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, pages_page);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, text_view);
  gtk_widget_class_bind_template_child (widget_class, BdReportView, pages_box);
  gtk_widget_class_bind_template_callback (widget_class, on_title_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_outlet_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_tag_apply_cb);

  gtk_widget_class_install_action (widget_class, "report.open-original", NULL,
                                   open_original_action);
}

static void
bd_report_view_init (BdReportView *self)
{
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);

  self->tag_rows = g_ptr_array_new ();
  self->save_cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->tag_completion = bd_tag_completion_new (self->add_tag_row);

  /* in BdLevel's order, so that a row's position is its level */
  for (guint i = 0; i < BD_N_LEVELS; i++)
    gtk_string_list_append (levels, bd_level_to_label (i));
  self->loading = TRUE;
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
  self->loading = FALSE;

  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->text_view), "hit",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  on_dark_changed_cb (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.open-original", FALSE);

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);
}

BdArchive *
bd_report_view_get_archive (BdReportView *self)
{
  g_return_val_if_fail (BD_IS_REPORT_VIEW (self), NULL);

  return self->archive;
}

void
bd_report_view_set_archive (BdReportView *self,
                            BdArchive    *archive)
{
  g_return_if_fail (BD_IS_REPORT_VIEW (self));
  g_return_if_fail (archive == NULL || BD_IS_ARCHIVE (archive));

  if (!g_set_object (&self->archive, archive))
    return;

  bd_tag_completion_set_archive (self->tag_completion, archive);
  bd_report_view_clear (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ARCHIVE]);
}

BdReport *
bd_report_view_get_report (BdReportView *self)
{
  g_return_val_if_fail (BD_IS_REPORT_VIEW (self), NULL);

  return self->report;
}

void
bd_report_view_clear (BdReportView *self)
{
  g_return_if_fail (BD_IS_REPORT_VIEW (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  forget_pages (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.open-original", FALSE);

  if (self->report != NULL)
    {
      g_clear_object (&self->report);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REPORT]);
    }
}

typedef struct
{
  BdArchive *archive;
  BdQuery   *query;
  gint64     id;
} LoadRequest;

typedef struct
{
  BdReport *report;
  char     *text;
  GArray   *hits;
} LoadedReport;

static void
load_request_free (LoadRequest *request)
{
  g_object_unref (request->archive);
  g_object_unref (request->query);
  g_free (request);
}

static void
loaded_report_free (LoadedReport *loaded)
{
  g_clear_object (&loaded->report);
  g_free (loaded->text);
  g_clear_pointer (&loaded->hits, g_array_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadedReport, loaded_report_free)

static void
load_report_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  g_autoptr(LoadedReport) loaded = g_new0 (LoadedReport, 1);
  GError *error = NULL;

  if (!(loaded->report = bd_archive_get_report (request->archive, request->id, FALSE, &error)) ||
      !(loaded->text = bd_archive_highlight_text (request->archive, request->query, request->id,
                                                  &loaded->hits, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify)loaded_report_free);
}

static void
show_loaded (BdReportView *self,
             LoadedReport *loaded)
{
  g_set_object (&self->report, loaded->report);

  fill_fields (self);
  show_text (self, loaded->text, loaded->hits);
  forget_pages (self);
  gtk_stack_set_visible_child_name (self->stack, "report");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.open-original", TRUE);

  if (g_strcmp0 (bd_report_get_media_type (self->report), "application/pdf") == 0)
    {
      GArray *hits = loaded->hits;

      self->pdf_path = bd_archive_get_original_path (self->archive, self->report);
      self->hit_texts = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; hits != NULL && i < hits->len; i++)
        {
          const BdRange *hit = &g_array_index (hits, BdRange, i);
          char *hit_text = g_strndup (loaded->text + hit->start, hit->end - hit->start);

          if (g_ptr_array_find_with_equal_func (self->hit_texts, hit_text, g_str_equal, NULL))
            g_free (hit_text);
          else
            g_ptr_array_add (self->hit_texts, hit_text);
        }
      render_pages (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REPORT]);
}

static void
on_report_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BdReportView) self = user_data;
  g_autoptr(LoadedReport) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* a report selected since has cancelled this one */
  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  if (loaded == NULL)
    {
      bd_toast_show (GTK_WIDGET (self), error->message);
      bd_report_view_clear (self);
      return;
    }

  show_loaded (self, loaded);
}

/**
 * bd_report_view_show_report:
 * @id: the report to show
 * @query: (nullable): the search that found it, whose hits the preview highlights
 *
 * Shows a report as the archive has it now, which may be newer than the search result. It is
 * read on a worker thread; a report asked for later wins over one still being read.
 */
void
bd_report_view_show_report (BdReportView *self,
                            gint64        id,
                            BdQuery      *query)
{
  g_autoptr(GTask) task = NULL;
  LoadRequest *request;

  g_return_if_fail (BD_IS_REPORT_VIEW (self));
  g_return_if_fail (query == NULL || BD_IS_QUERY (query));
  g_return_if_fail (self->archive != NULL);

  request = g_new0 (LoadRequest, 1);
  request->archive = g_object_ref (self->archive);
  request->query = query != NULL ? g_object_ref (query) : bd_query_parse ("", NULL);
  request->id = id;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->load_cancellable, on_report_loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, bd_report_view_show_report);
  g_task_set_task_data (task, request, (GDestroyNotify)load_request_free);
  g_task_run_in_thread (task, load_report_thread);
}

/* What the tests wait for: no report being read, page being drawn or change being saved. */
gboolean
_bd_report_view_is_busy (BdReportView *self)
{
  return self->load_cancellable != NULL || self->preview_cancellable != NULL || self->saving;
}

/* What the tests check: the rectangles drawn over the hits on a page shown, in its pixels. */
GArray *
_bd_report_view_get_highlights (BdReportView *self,
                                guint         page)
{
  if (self->highlights == NULL || page >= self->highlights->len)
    return NULL;

  return g_ptr_array_index (self->highlights, page);
}
