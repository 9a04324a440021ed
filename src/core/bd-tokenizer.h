/* bd-tokenizer.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The name the tokenizer is registered under with FTS5: tokenize='baodao' */
#define BD_TOKENIZER_NAME "baodao"

/* The bytes of a BD_TOKEN_BOUNDARY token: not UTF-8, so no folded text can ever equal them. */
#define BD_TOKEN_BOUNDARY_TEXT "\xff"

typedef enum
{
  BD_TOKEN_HAN,       /* one Han, Kana or Hangul character */
  BD_TOKEN_WORD,      /* a run of Latin (or other alphabetic) letters, folded */
  BD_TOKEN_NUMBER,    /* a digit run with its inner . and , (8.2, 1,000) */
  BD_TOKEN_SYMBOL,    /* + % # & @ ℃ ¥ … */
  BD_TOKEN_BOUNDARY,  /* punctuation between two tokens: a phrase never matches across it */
} BdTokenKind;

typedef enum
{
  BD_TOKENIZE_DOCUMENT = 0,
  BD_TOKENIZE_QUERY    = 1 << 0,  /* no boundary tokens at the start or the end */
} BdTokenizeFlags;

/* @token is folded (NFKC, case fold, traditional → simplified); @start and @end are byte offsets
 * into the original text. Return FALSE to stop. */
typedef gboolean (*BdTokenFunc) (const char  *token,
                                 gsize        token_len,
                                 gsize        start,
                                 gsize        end,
                                 BdTokenKind  kind,
                                 gpointer     user_data);

char     *bd_fold_text           (const char      *text,
                                  gssize           len);
void      bd_tokenize            (const char      *text,
                                  gssize           len,
                                  BdTokenizeFlags  flags,
                                  BdTokenFunc      func,
                                  gpointer         user_data);
int       bd_tokenizer_register  (sqlite3         *db);

G_END_DECLS
