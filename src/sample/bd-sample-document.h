/* bd-sample-document.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The documents of the sample archive, and of the tests: Chinese PDFs drawn with cairo and
 * Pango, and web pages as Chinese sites write them. */

/* A PDF as a newspaper's e-paper or a printed article: A4, Noto Sans CJK SC, the body wrapped
 * by Pango so lines break inside Chinese words, flowing over as many pages as it needs. */
typedef struct
{
  const char        *title;           /* the document information title, or NULL */
  const char        *created;         /* the creation date, "2023-05-20T10:00:00", or NULL */
  const char        *header;          /* an e-paper header atop the first page, or NULL */
  const char        *heading;         /* the printed title, or NULL */
  const char *const *pages;           /* NULL-terminated: the body of each page, one paragraph
                                       * a line; a page's text flows on if it does not fit */
  guint              chars_per_line;  /* Chinese characters in a full line; 0 for 30 */
  gboolean           image_only;      /* a scan: pictures of pages without any text */
} BdSamplePdf;

/* A news page as Chinese sites publish it: navigation, breadcrumbs, a share bar, scripts,
 * a sidebar and a footer around an article with a byline. */
typedef struct
{
  const char        *title;       /* <title>, usually with the site's name after the article's */
  const char        *og_title;    /* <meta property="og:title">, or NULL */
  const char        *heading;     /* the article's <h1>, or NULL */
  const char        *source;      /* the byline's 来源, or NULL */
  const char        *byline_date; /* the byline's time, "2023-08-15 09:12", or NULL */
  const char *const *paragraphs;  /* NULL-terminated */
  const char *const *meta;        /* NULL-terminated name, content pairs; "og:" and "article:"
                                   * names are written as property= */
  const char        *canonical;   /* <link rel="canonical">, or NULL */
  const char        *saved_from;  /* the URL of a browser's "saved from url" comment, or NULL */
  const char        *encoding;    /* the bytes' encoding: NULL for UTF-8, "GBK", "GB18030",
                                   * "BIG5", "UTF-16LE" … */
  const char        *declared;    /* the charset the page declares, or NULL for none */
  gboolean           http_equiv;  /* declare it the HTML 4 way, with http-equiv */
  gboolean           bom;         /* start with a byte order mark */
} BdSampleHtml;

/* Words in the chrome around every generated page that no extraction should keep. */
extern const char *const bd_sample_html_chrome_words[];

gboolean  bd_sample_write_pdf    (const char          *path,
                                  const BdSamplePdf   *spec,
                                  GError             **error);
GBytes   *bd_sample_pdf_bytes    (const BdSamplePdf   *spec);
char     *bd_sample_html_markup  (const BdSampleHtml  *spec);
gboolean  bd_sample_write_html   (const char          *path,
                                  const BdSampleHtml  *spec,
                                  GError             **error);
GBytes   *bd_sample_html_bytes   (const BdSampleHtml  *spec);

G_END_DECLS
