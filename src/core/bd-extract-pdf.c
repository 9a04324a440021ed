/* bd-extract-pdf.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "bd-date.h"
#include "bd-error.h"
#include "bd-extract-private.h"

/* E-paper pages print their date in the header; printed articles in the byline under the
 * title. Further down, a date is one the report talks about. */
#define HEAD_BYTES 600

static void
set_load_error (GError     **error,
                const char  *file_name,
                GError      *poppler_error)
{
  if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error (error, BD_ERROR, BD_ERROR_ENCRYPTED,
                 _("%s is protected by a password"), file_name);
  else
    g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
                 _("%s is a damaged PDF: %s"), file_name, poppler_error->message);
}

static char *
creation_date (PopplerDocument *document)
{
  g_autoptr(GDateTime) created = poppler_document_get_creation_date_time (document);
  g_autofree char *formatted = NULL;

  if (created == NULL)
    return NULL;

  formatted = g_date_time_format (created, "%Y-%m-%d");
  return bd_date_normalize (formatted);
}

/* Poppler only gained autoptr support after the version Debian 12 ships, so its objects are
 * released by hand. */
static char *
read_pages (PopplerDocument  *document,
            int               n_pages,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GString) raw = g_string_new (NULL);

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page;
      g_autofree char *page_text = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      page = poppler_document_get_page (document, i);
      if (page == NULL)
        continue;

      page_text = poppler_page_get_text (page);
      g_object_unref (page);

      if (page_text != NULL)
        {
          g_autofree char *paragraphs = bd_extract_join_pdf_lines (page_text);

          /* a paragraph running over a page break would pick up the running header and
           * footer, so a page always ends a paragraph */
          if (raw->len > 0)
            g_string_append_c (raw, '\n');
          g_string_append (raw, paragraphs);
        }
    }

  return bd_extract_tidy_text (raw->str);
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* The printed title is the first run of the page's largest print, when that print is clearly
 * larger than the body's: it may wrap over several lines, which the text alone cannot tell from
 * short paragraphs. */
static char *
largest_print (PopplerPage *page)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autoptr(GHashTable) chars_by_size = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GString) heading = g_string_new (NULL);
  GList *attributes;
  double largest = 0;
  double body = 0;
  guint body_chars = 0;
  glong n_chars;

  if (text == NULL)
    return NULL;

  n_chars = g_utf8_strlen (text, -1);
  attributes = poppler_page_get_text_attributes (page);

  /* sizes in tenths of a point, weighted by how many characters use them */
  for (GList *l = attributes; l != NULL; l = l->next)
    {
      PopplerTextAttributes *attr = l->data;
      int size = (int)(attr->font_size * 10 + 0.5);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (chars_by_size, GINT_TO_POINTER (size)));

      n += MAX (attr->end_index - attr->start_index + 1, 0);
      g_hash_table_insert (chars_by_size, GINT_TO_POINTER (size), GUINT_TO_POINTER (n));
      if (n > body_chars)
        {
          body_chars = n;
          body = attr->font_size;
        }
      largest = MAX (largest, attr->font_size);
    }

  if (largest >= body * 1.2)
    {
      for (GList *l = attributes; l != NULL; l = l->next)
        {
          PopplerTextAttributes *attr = l->data;
          const char *start;
          const char *end;

          if (attr->start_index < 0 || attr->end_index >= n_chars || attr->end_index < attr->start_index)
            continue;

          start = g_utf8_offset_to_pointer (text, attr->start_index);
          end = g_utf8_offset_to_pointer (text, attr->end_index + 1);

          if (attr->font_size >= largest - 0.05)
            g_string_append_len (heading, start, end - start);
          else if (heading->len > 0 && !is_blank (start, end - start))
            break;
        }
    }

  poppler_page_free_text_attributes (attributes);

  if (heading->len == 0)
    return NULL;

  {
    g_autofree char *joined = bd_extract_join_pdf_lines (heading->str);

    /* a heading is one paragraph, however it wrapped */
    return g_strdelimit (bd_extract_tidy_text (joined), "\n", ' ');
  }
}

static BdExtraction *
extract_document (PopplerDocument  *document,
                  const char       *file_name,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autofree char *text = NULL;
  g_autofree char *info_title = NULL;
  BdExtraction *extraction;
  int n_pages;

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
                   _("%s is a damaged PDF: it has no pages"), file_name);
      return NULL;
    }

  text = read_pages (document, n_pages, cancellable, error);
  if (text == NULL)
    return NULL;

  if (*text == '\0')
    {
      g_set_error (error, BD_ERROR, BD_ERROR_EMPTY,
                   _("%s contains no text; scanned pages need OCR first"), file_name);
      return NULL;
    }

  extraction = g_new0 (BdExtraction, 1);
  extraction->media_type = BD_MEDIA_TYPE_PDF;
  extraction->n_pages = n_pages;

  info_title = poppler_document_get_title (document);
  extraction->title = bd_extract_clean_title (info_title, file_name);
  if (extraction->title == NULL)
    {
      PopplerPage *first = poppler_document_get_page (document, 0);

      if (first != NULL)
        {
          extraction->title = largest_print (first);
          g_object_unref (first);
        }
    }
  if (extraction->title == NULL)
    extraction->title = bd_extract_first_heading (text);

  /* the document's creation date is when the PDF was made, maybe long after printing */
  extraction->date = bd_extract_find_date (text, HEAD_BYTES);
  if (extraction->date == NULL)
    extraction->date = creation_date (document);

  extraction->outlet = bd_extract_find_outlet (text);
  extraction->text = g_steal_pointer (&text);

  return extraction;
}

BdExtraction *
bd_extract_pdf (GBytes        *bytes,
                const char    *file_name,
                GCancellable  *cancellable,
                GError       **error)
{
  PopplerDocument *document;
  g_autoptr(GError) local_error = NULL;
  BdExtraction *extraction;

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      set_load_error (error, file_name, local_error);
      return NULL;
    }

  extraction = extract_document (document, file_name, cancellable, error);
  g_object_unref (document);

  return extraction;
}
