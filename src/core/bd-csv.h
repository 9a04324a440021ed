/* bd-csv.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* UTF-8 with a byte order mark, which Excel needs to read Chinese from a CSV file. */
#define BD_CSV_BOM "\xEF\xBB\xBF"

void bd_csv_append_field (GString    *csv,
                          const char *value,
                          gboolean    last);

G_END_DECLS
