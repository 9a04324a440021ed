/* fuzz-query.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "bd-fts-functions.h"
#include "bd-query.h"
#include "bd-tokenizer.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static sqlite3 *
open_index (void)
{
  sqlite3 *db = NULL;

  if (sqlite3_open (":memory:", &db) != SQLITE_OK ||
      bd_tokenizer_register (db) != SQLITE_OK ||
      bd_fts_functions_register (db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='baodao');"
                    "INSERT INTO docs VALUES ('竹溪县茶产业', '全县GDP增长8.2%，新建5G基站152个。');"
                    "INSERT INTO docs VALUES ('竹溪縣黨建', 'Party building in Zhuxi, 2023-08-15.');",
                    NULL, NULL, NULL) != SQLITE_OK)
    abort ();

  return db;
}

/* Whatever a person types, the expression the parser makes must be one FTS5 accepts. */
static void
run_match (sqlite3    *db,
           const char *match)
{
  sqlite3_stmt *stmt;
  int rc;

  if (match == NULL)
    return;

  if (sqlite3_prepare_v2 (db, "SELECT rowid, bd_rank(docs), bd_highlight(docs, 1) "
                          "FROM docs WHERE docs MATCH ?1", -1, &stmt, NULL) != SQLITE_OK)
    abort ();
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      g_printerr ("FTS5 refused %s: %s\n", match, sqlite3_errmsg (db));
      abort ();
    }
  sqlite3_finalize (stmt);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static sqlite3 *db;
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(BdQuery) query = NULL;

  if (db == NULL)
    db = open_index ();

  query = bd_query_parse (text, NULL);
  if (query == NULL)
    return 0;

  run_match (db, bd_query_get_match (query));
  run_match (db, bd_query_get_exclude_match (query));

  return 0;
}
