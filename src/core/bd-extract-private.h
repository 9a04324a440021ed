/* bd-extract-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bd-extract.h"

G_BEGIN_DECLS

/* Stands for a line break inside flowing text: bd_extract_tidy_text() drops it next to a
 * Chinese character and turns it into a space between Latin words. */
#define BD_SOFT_BREAK '\r'

/* bd_extract_tidy_text() for text that arrives in pieces. */
typedef struct
{
  GString  *out;
  gunichar  prev;
  guint     gap;
  gsize     n_chars;  /* written to @out so far */
} BdTidy;

BdExtraction *bd_extract_pdf             (GBytes        *bytes,
                                          const char    *file_name,
                                          GCancellable  *cancellable,
                                          GError       **error);
BdExtraction *bd_extract_html            (GBytes        *bytes,
                                          const char    *file_name,
                                          GCancellable  *cancellable,
                                          GError       **error);

gboolean      bd_extract_is_wide         (gunichar       c);
void          bd_extract_tidy_init       (BdTidy        *tidy,
                                          GString       *out);
void          bd_extract_tidy_append     (BdTidy        *tidy,
                                          const char    *text,
                                          gsize          len);
char         *bd_extract_tidy_text       (const char    *text);
char         *bd_extract_join_pdf_lines  (const char    *page_text);
char         *bd_extract_find_date       (const char    *text,
                                          gsize          max_bytes);
char         *bd_extract_find_outlet     (const char    *text);
char         *bd_extract_clean_title     (const char    *title,
                                          const char    *file_name);
char         *bd_extract_first_heading   (const char    *text);

G_END_DECLS
