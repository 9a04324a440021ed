/* bd-test-fixtures.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* the tests clean up their folders as the core does */
#include "bd-files-private.h"
#include "bd-types.h"

G_BEGIN_DECLS

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
} BdTestPdf;

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
} BdTestHtml;

/* Words in the chrome around every fixture page that no extraction should keep. */
extern const char *const bd_test_html_chrome_words[];

gboolean  bd_test_write_pdf       (const char        *path,
                                   const BdTestPdf   *spec,
                                   GError           **error);
GBytes   *bd_test_pdf_bytes       (const BdTestPdf   *spec);
char     *bd_test_html_markup     (const BdTestHtml  *spec);
gboolean  bd_test_write_html      (const char        *path,
                                   const BdTestHtml  *spec,
                                   GError           **error);
GBytes   *bd_test_html_bytes      (const BdTestHtml  *spec);
char     *bd_test_make_tmp_dir    (void);
BdArchive *bd_test_open_archive   (const char        *path);
void      bd_test_assert_verified (BdArchive         *archive);

G_END_DECLS
