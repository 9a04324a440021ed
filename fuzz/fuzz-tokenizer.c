/* fuzz-tokenizer.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "bd-tokenizer.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Offsets must stay inside the text and in order, as FTS5 trusts them for snippets. */
static gboolean
check_token (const char  *token,
             gsize        token_len,
             gsize        start,
             gsize        end,
             BdTokenKind  kind,
             gpointer     user_data)
{
  gsize *last_start = user_data;

  if (token == NULL || token_len == 0 || start > end || end > last_start[1] ||
      start < last_start[0])
    abort ();
  last_start[0] = start;

  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  gsize bounds[2] = { 0, size };
  g_autofree char *folded = NULL;

  /* FTS5 hands the tokenizer whatever bytes were stored, valid UTF-8 or not */
  bd_tokenize ((const char *)data, size, BD_TOKENIZE_DOCUMENT, check_token, bounds);
  bounds[0] = 0;
  bd_tokenize ((const char *)data, size, BD_TOKENIZE_QUERY, check_token, bounds);
  folded = bd_fold_text ((const char *)data, size);

  return 0;
}
