/* bd-report-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "bd-report.h"

G_BEGIN_DECLS

/* Tags are joined with a character no tag can hold (tags are stripped of control characters). */
#define BD_TAG_SEPARATOR "\x1f"

/* The columns _bd_report_new_from_row() reads, from `reports r`. */
#define BD_REPORT_COLUMNS                                                         \
  "r.id, r.title, r.outlet, r.level, r.published, r.source_url, r.file_name, "    \
  "r.import_path, r.media_type, r.sha256, r.size, r.n_pages, r.imported_at, "     \
  "(SELECT group_concat (name, char (31)) FROM "                                 \
  "  (SELECT t.name FROM report_tags rt JOIN tags t ON t.id = rt.tag_id "         \
  "   WHERE rt.report_id = r.id ORDER BY t.name)), "                             \
  "r.level_manual"

BdReport *_bd_report_new_from_row (sqlite3_stmt *stmt,
                                   gboolean      with_text);

G_END_DECLS
