/* bd-test-fixtures.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "bd-archive.h"
#include "bd-test-fixtures.h"

/* A4 in points */
#define PAGE_WIDTH    595.276
#define PAGE_HEIGHT   841.890
#define MARGIN        56.0
#define FONT_FAMILY   "Noto Sans CJK SC"
#define BODY_SIZE     12.0
#define DEFAULT_CHARS 30

const char *const bd_test_html_chrome_words[] = {
  "网站导航栏目",
  "当前位置面包屑",
  "脚本里的文字",
  "样式里的文字",
  "热门排行侧栏",
  "分享到微信朋友圈",
  "版权所有页脚",
  "无脚本提示",
  NULL,
};

typedef struct
{
  cairo_t *cr;
  double   y;
  guint    chars_per_line;
} Writer;

static PangoLayout *
new_layout (Writer     *writer,
            double      size,
            gboolean    bold,
            const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (writer->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);

  /* CJK glyphs are one em wide: the width fits exactly so many characters of body text */
  pango_layout_set_width (layout, (int) ((writer->chars_per_line * BODY_SIZE + 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
write_layout (Writer      *writer,
              PangoLayout *layout,
              double       space_after)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double height;
      double baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = (double) logical.height / PANGO_SCALE;

      if (writer->y + height > PAGE_HEIGHT - MARGIN)
        {
          cairo_show_page (writer->cr);
          writer->y = MARGIN;
        }

      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      cairo_move_to (writer->cr, MARGIN, writer->y + baseline);
      pango_cairo_show_layout_line (writer->cr, line);
      writer->y += height;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
  writer->y += space_after;
}

static void
write_text (Writer     *writer,
            double      size,
            gboolean    bold,
            const char *text,
            double      space_after)
{
  g_autoptr(PangoLayout) layout = new_layout (writer, size, bold, text);

  write_layout (writer, layout, space_after);
}

/* Grey speckles like a scanned page, drawn as an image. */
static void
write_scan (Writer *writer)
{
  cairo_surface_t *scan = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 280);
  guint32 *pixels;
  int stride;

  cairo_surface_flush (scan);
  pixels = (guint32 *) cairo_image_surface_get_data (scan);
  stride = cairo_image_surface_get_stride (scan) / 4;
  for (int y = 0; y < 280; y++)
    for (int x = 0; x < 200; x++)
      {
        guint8 v = (x * 7 + y * 13) % 5 == 0 && y % 12 < 8 ? 40 : 250;

        pixels[y * stride + x] = (v << 16) | (v << 8) | v;
      }
  cairo_surface_mark_dirty (scan);

  cairo_save (writer->cr);
  cairo_scale (writer->cr, PAGE_WIDTH / 200, PAGE_HEIGHT / 280);
  cairo_set_source_surface (writer->cr, scan, 0, 0);
  cairo_paint (writer->cr);
  cairo_restore (writer->cr);
  cairo_surface_destroy (scan);
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * bd_test_pdf_bytes:
 * @spec: what to draw
 *
 * Returns: (transfer full): a PDF
 */
GBytes *
bd_test_pdf_bytes (const BdTestPdf *spec)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  Writer writer = { NULL, MARGIN, spec->chars_per_line ? spec->chars_per_line : DEFAULT_CHARS };

  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  if (spec->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, spec->title);
  if (spec->created != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, spec->created);

  writer.cr = cairo_create (surface);
  cairo_set_source_rgb (writer.cr, 0, 0, 0);

  if (spec->header != NULL && !spec->image_only)
    write_text (&writer, 9, FALSE, spec->header, 18);
  if (spec->heading != NULL && !spec->image_only)
    write_text (&writer, 20, TRUE, spec->heading, 14);

  for (guint i = 0; spec->pages != NULL && spec->pages[i] != NULL; i++)
    {
      g_auto(GStrv) paragraphs = g_strsplit (spec->pages[i], "\n", -1);

      if (i > 0)
        {
          cairo_show_page (writer.cr);
          writer.y = MARGIN;
        }

      if (spec->image_only)
        {
          write_scan (&writer);
          continue;
        }

      for (guint j = 0; paragraphs[j] != NULL; j++)
        {
          cairo_set_source_rgb (writer.cr, 0, 0, 0);
          write_text (&writer, BODY_SIZE, FALSE, paragraphs[j], 6);
        }
    }

  cairo_destroy (writer.cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (pdf);
}

gboolean
bd_test_write_pdf (const char       *path,
                   const BdTestPdf  *spec,
                   GError          **error)
{
  g_autoptr(GBytes) pdf = bd_test_pdf_bytes (spec);

  return g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}

/* Chinese sites' templates break long lines in the middle of a sentence, though not inside a
 * number or a Latin word, where the break would show as a space. */
static void
append_wrapped (GString    *html,
                const char *text)
{
  const char *middle = g_utf8_strlen (text, -1) > 20 ? g_utf8_offset_to_pointer (text, 20) : NULL;

  while (middle != NULL && *middle != '\0' &&
         (g_ascii_isalnum (*middle) || g_ascii_isalnum (*g_utf8_prev_char (middle)) ||
          *middle == '.' || *middle == ','))
    middle = g_utf8_next_char (middle);

  if (middle == NULL || *middle == '\0')
    {
      g_string_append (html, text);
      return;
    }

  g_string_append_len (html, text, middle - text);
  g_string_append (html, "\n        ");
  g_string_append (html, middle);
}

/**
 * bd_test_html_markup:
 * @spec: what to write
 *
 * Returns: (transfer full): the page as UTF-8, before any encoding
 */
char *
bd_test_html_markup (const BdTestHtml *spec)
{
  GString *html = g_string_new (NULL);

  if (spec->saved_from != NULL)
    g_string_append_printf (html, "<!-- saved from url=(%04zu)%s -->\n",
                            strlen (spec->saved_from), spec->saved_from);
  g_string_append (html, "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n"
                         "<html>\n<head>\n");
  if (spec->declared != NULL && spec->http_equiv)
    g_string_append_printf (html, "<meta http-equiv=\"Content-Type\" "
                                  "content=\"text/html; charset=%s\" />\n", spec->declared);
  else if (spec->declared != NULL)
    g_string_append_printf (html, "<meta charset=\"%s\">\n", spec->declared);
  if (spec->title != NULL)
    g_string_append_printf (html, "<title>%s</title>\n", spec->title);
  if (spec->og_title != NULL)
    g_string_append_printf (html, "<meta property=\"og:title\" content=\"%s\">\n", spec->og_title);
  for (guint i = 0; spec->meta != NULL && spec->meta[i] != NULL && spec->meta[i + 1] != NULL;
       i += 2)
    g_string_append_printf (html, "<meta %s=\"%s\" content=\"%s\">\n",
                            g_str_has_prefix (spec->meta[i], "og:") ||
                            g_str_has_prefix (spec->meta[i], "article:") ? "property" : "name",
                            spec->meta[i], spec->meta[i + 1]);
  if (spec->canonical != NULL)
    g_string_append_printf (html, "<link rel=\"canonical\" href=\"%s\">\n", spec->canonical);
  g_string_append (html,
                   "<link rel=\"stylesheet\" href=\"/css/main.css\">\n"
                   "<style type=\"text/css\">\n"
                   "  .nav li { float: left; } /* 样式里的文字 */\n"
                   "</style>\n"
                   "<script type=\"text/javascript\">\n"
                   "  var tip = \"脚本里的文字\"; if (a < b && c > d) { document.write(tip); }\n"
                   "</script>\n"
                   "</head>\n<body>\n"
                   "<div class=\"top-bar\"><h1 class=\"logo\"><a href=\"/\"><img src=\"logo.png\" alt=\"\"></a></h1></div>\n"
                   "<div id=\"nav\" class=\"main-nav\"><ul>\n"
                   "  <li><a href=\"/\">首页</a></li><li><a href=\"/yw/\">网站导航栏目</a></li>\n"
                   "</ul></div>\n"
                   "<noscript>无脚本提示</noscript>\n"
                   "<div class=\"breadcrumb\">当前位置面包屑：<a href=\"/\">首页</a> &gt; 要闻</div>\n"
                   "<div class=\"wrap\">\n"
                   "<div class=\"main-left\">\n"
                   "<div class=\"article\">\n");
  if (spec->heading != NULL)
    g_string_append_printf (html, "<h1 class=\"title\">%s</h1>\n", spec->heading);
  if (spec->source != NULL || spec->byline_date != NULL)
    {
      g_string_append (html, "<div class=\"info\">");
      if (spec->source != NULL)
        g_string_append_printf (html, "<span>来源：%s</span>&nbsp;&nbsp;", spec->source);
      if (spec->byline_date != NULL)
        g_string_append_printf (html, "<span>%s</span>", spec->byline_date);
      g_string_append (html, "&nbsp;&nbsp;<span>作者：记者 张三</span></div>\n");
    }
  g_string_append (html, "<div id=\"zoom\" class=\"TRS_Editor\">\n");
  for (guint i = 0; spec->paragraphs != NULL && spec->paragraphs[i] != NULL; i++)
    {
      g_string_append (html, "<p style=\"text-indent: 2em;\">&nbsp;&nbsp;");
      append_wrapped (html, spec->paragraphs[i]);
      g_string_append (html, "</p>\n");
    }
  g_string_append (html,
                   "</div>\n"
                   "<div class=\"bdsharebuttonbox share\">分享到微信朋友圈</div>\n"
                   "</div>\n</div>\n"
                   "<div class=\"sidebar\"><h3>热门排行侧栏</h3><ul><li><a href=\"/a\">一</a></li></ul></div>\n"
                   "</div>\n"
                   "<div id=\"footer\"><p>版权所有页脚 Copyright &copy; 2023</p></div>\n"
                   "<script>var _hmt = _hmt || [];</script>\n"
                   "</body>\n</html>\n");

  return g_string_free (html, FALSE);
}

/**
 * bd_test_html_bytes:
 * @spec: what to write
 *
 * Returns: (transfer full): the page in the encoding @spec asks for
 */
GBytes *
bd_test_html_bytes (const BdTestHtml *spec)
{
  g_autofree char *markup = bd_test_html_markup (spec);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  if (spec->bom && (spec->encoding == NULL || g_str_equal (spec->encoding, "UTF-8")))
    g_byte_array_append (bytes, (const guint8 *) "\xef\xbb\xbf", 3);
  else if (spec->bom && g_str_equal (spec->encoding, "UTF-16LE"))
    g_byte_array_append (bytes, (const guint8 *) "\xff\xfe", 2);

  if (spec->encoding == NULL || g_str_equal (spec->encoding, "UTF-8"))
    g_byte_array_append (bytes, (const guint8 *) markup, strlen (markup));
  else
    {
      g_autoptr(GError) error = NULL;
      gsize len;
      g_autofree char *encoded = g_convert (markup, -1, spec->encoding, "UTF-8", NULL, &len,
                                            &error);

      g_assert_no_error (error);
      g_byte_array_append (bytes, (const guint8 *) encoded, len);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
bd_test_write_html (const char        *path,
                    const BdTestHtml  *spec,
                    GError           **error)
{
  g_autoptr(GBytes) html = bd_test_html_bytes (spec);

  return g_file_set_contents (path, g_bytes_get_data (html, NULL), g_bytes_get_size (html), error);
}

/**
 * bd_test_make_tmp_dir:
 *
 * Returns: (transfer full): a new empty directory; remove it with _bd_remove_tree()
 */
char *
bd_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("baodao-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

BdArchive *
bd_test_open_archive (const char *path)
{
  g_autoptr(GError) error = NULL;
  BdArchive *archive = bd_archive_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (archive);

  return archive;
}

/* verify's every check passes: PRAGMA integrity_check, the search index, every original against
 * its SHA-256, and no stored file without its report. */
void
bd_test_assert_verified (BdArchive *archive)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_archive_verify (archive, NULL, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}
