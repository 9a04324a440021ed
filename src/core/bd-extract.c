/* bd-extract.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bd-error.h"
#include "bd-extract-private.h"

/* Acrobat accepts a PDF header anywhere in the first kilobyte, and so do mail gateways and
 * download scripts that prepend junk; the start of an HTML page is found as soon. */
#define SNIFF_BYTES 1024

static gboolean
is_pdf (const guint8 *data,
        gsize         len)
{
  static const char header[] = "%PDF-";
  gsize header_len = strlen (header);
  gsize n = MIN (len, SNIFF_BYTES);

  for (gsize i = 0; i + header_len < n; i++)
    if (memcmp (data + i, header, header_len) == 0 && g_ascii_isdigit (data[i + header_len]))
      return TRUE;

  return FALSE;
}

/* The ASCII skeleton of the start of the file: UTF-16 loses its zero bytes, so one test
 * serves all encodings. */
static char *
sniff_head (const guint8 *data,
            gsize         len)
{
  gsize n = MIN (len, SNIFF_BYTES);
  GString *head = g_string_sized_new (n);
  gsize i = 0;
  guint step = 1;
  guint offset = 0;

  if (n >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  else if (n >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      i = 2;
      step = 2;
      offset = data[0] == 0xff ? 0 : 1;
    }

  for (; i + offset < n; i += step)
    g_string_append_c (head, g_ascii_tolower (data[i + offset]));

  return g_string_free (head, FALSE);
}

static const char *
skip_to_after (const char *p,
               const char *end_marker)
{
  const char *end = strstr (p, end_marker);

  return end != NULL ? end + strlen (end_marker) : NULL;
}

static gboolean
starts_with_tag (const char *p,
                 const char *tag)
{
  gsize len = strlen (tag);

  return strncmp (p, tag, len) == 0 &&
         (p[len] == '>' || p[len] == '/' || g_ascii_isspace (p[len]));
}

static gboolean
is_html (const guint8 *data,
         gsize         len)
{
  static const char *const tags[] = {
    "<!doctype html", "<html", "<head", "<meta", "<body", "<title",
  };
  g_autofree char *head = sniff_head (data, len);
  const char *p = head;

  while (p != NULL && *p != '\0')
    {
      while (g_ascii_isspace (*p))
        p++;

      if (g_str_has_prefix (p, "<!-- saved from url="))
        return TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
        if (starts_with_tag (p, tags[i]))
          return TRUE;

      /* an XML declaration or a comment may come before the markup */
      if (g_str_has_prefix (p, "<?xml"))
        p = skip_to_after (p, "?>");
      else if (g_str_has_prefix (p, "<!--"))
        p = skip_to_after (p, "-->");
      else
        return FALSE;
    }

  return FALSE;
}

/**
 * bd_sniff_media_type:
 * @data: (array length=len): the start of a file, or all of it
 * @len: the length of @data
 *
 * Tells a PDF from a web page by content, whatever the file is called.
 *
 * Returns: (nullable): %BD_MEDIA_TYPE_PDF, %BD_MEDIA_TYPE_HTML, or %NULL for anything else
 */
const char *
bd_sniff_media_type (const guint8 *data,
                     gsize         len)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len == 0)
    return NULL;

  if (is_pdf (data, len))
    return BD_MEDIA_TYPE_PDF;

  if (is_html (data, len))
    return BD_MEDIA_TYPE_HTML;

  return NULL;
}

/**
 * bd_extract:
 * @bytes: the whole file
 * @file_name: the file's name, for messages
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Reads the text and what metadata there is from a PDF or a web page. Safe to call from any
 * thread, for different files at once.
 *
 * Returns: (transfer full): the extraction, or %NULL with @error set
 */
BdExtraction *
bd_extract (GBytes        *bytes,
            const char    *file_name,
            GCancellable  *cancellable,
            GError       **error)
{
  const guint8 *data;
  gsize len;
  const char *media_type;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  media_type = bd_sniff_media_type (data, len);

  if (g_strcmp0 (media_type, BD_MEDIA_TYPE_PDF) == 0)
    return bd_extract_pdf (bytes, file_name, cancellable, error);

  if (g_strcmp0 (media_type, BD_MEDIA_TYPE_HTML) == 0)
    return bd_extract_html (bytes, file_name, cancellable, error);

  g_set_error (error, BD_ERROR, BD_ERROR_UNSUPPORTED,
               _("%s is neither a PDF nor a web page"), file_name);
  return NULL;
}

void
bd_extraction_free (BdExtraction *extraction)
{
  if (extraction == NULL)
    return;

  g_free (extraction->title);
  g_free (extraction->outlet);
  g_free (extraction->date);
  g_free (extraction->source_url);
  g_free (extraction->text);
  g_free (extraction);
}
