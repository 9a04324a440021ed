/* bd-fts-functions.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Hits in the text bd_snippet() and bd_highlight() return are wrapped in these two characters,
 * which stored text never holds (the archive strips control characters). */
#define BD_MARK_START '\x02'
#define BD_MARK_END   '\x03'

/* A hit, as byte offsets into the plain text. */
typedef struct
{
  guint start;
  guint end;
} BdRange;

/* Where bd_rank() found the hits of each row it ranked, so that snippets for a page of results
 * need no second full-text lookup per report. */
typedef struct _BdHitLog BdHitLog;

fts5_api *bd_fts5_api_get             (sqlite3     *db);
int       bd_fts_functions_register   (sqlite3     *db);
char     *bd_marked_text_split        (const char  *marked,
                                       GArray     **ranges);

BdHitLog *bd_hit_log_new              (void);
void      bd_hit_log_free             (BdHitLog     *log);
int       bd_hit_log_bind             (BdHitLog     *log,
                                       sqlite3_stmt *stmt,
                                       int           index);
gboolean  bd_hit_log_contains         (BdHitLog     *log,
                                       gint64        rowid);
gboolean  bd_hit_log_mark             (BdHitLog     *log,
                                       gint64        rowid,
                                       int           column,
                                       const char   *text,
                                       int           text_len,
                                       int           max_chars,
                                       char        **marked);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdHitLog, bd_hit_log_free)

G_END_DECLS
