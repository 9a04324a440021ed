/* fuzz-pdf.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "bd-extract.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* The import path for any bytes: sniffed, then read by Poppler (or libxml2) into an
 * extraction of valid UTF-8, or refused with an error. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(BdExtraction) extraction = NULL;
  g_autoptr(GError) error = NULL;

  extraction = bd_extract (bytes, "fuzz.pdf", NULL, &error);
  if ((extraction == NULL) == (error == NULL))
    abort ();
  if (extraction != NULL && !g_utf8_validate (extraction->text, -1, NULL))
    abort ();

  return 0;
}
