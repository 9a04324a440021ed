/* fuzz-html.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "bd-extract-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Any bytes as a web page: an extraction of valid UTF-8, or an error. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(BdExtraction) extraction = NULL;
  g_autoptr(GError) error = NULL;

  extraction = bd_extract_html (bytes, "fuzz.html", NULL, &error);
  if ((extraction == NULL) == (error == NULL))
    abort ();
  if (extraction != NULL &&
      (extraction->text == NULL || !g_utf8_validate (extraction->text, -1, NULL) ||
       (extraction->title != NULL && !g_utf8_validate (extraction->title, -1, NULL))))
    abort ();

  return 0;
}
