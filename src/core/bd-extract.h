/* bd-extract.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bd-types.h"

G_BEGIN_DECLS

#define BD_MEDIA_TYPE_PDF  "application/pdf"
#define BD_MEDIA_TYPE_HTML "text/html"

/* What a file says about itself. Every string is UTF-8; the optional ones are NULL when the
 * file does not say. */
struct _BdExtraction
{
  const char *media_type;  /* BD_MEDIA_TYPE_PDF or BD_MEDIA_TYPE_HTML */
  char       *title;
  char       *outlet;      /* as written in the file (来源：…, og:site_name), not yet classified */
  char       *date;        /* "YYYY-MM-DD" */
  char       *source_url;  /* canonical or og:url, or the URL a saved page records */
  char       *text;        /* never NULL: the readable text, paragraphs separated by "\n" */
  guint       n_pages;     /* 0 for HTML */
};

const char   *bd_sniff_media_type  (const guint8  *data,
                                    gsize          len);
BdExtraction *bd_extract           (GBytes        *bytes,
                                    const char    *file_name,
                                    GCancellable  *cancellable,
                                    GError       **error);
void          bd_extraction_free   (BdExtraction  *extraction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdExtraction, bd_extraction_free)

G_END_DECLS
