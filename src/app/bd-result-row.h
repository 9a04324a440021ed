/* bd-result-row.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bd-search-result.h"

G_BEGIN_DECLS

#define BD_TYPE_RESULT_ROW (bd_result_row_get_type ())

G_DECLARE_FINAL_TYPE (BdResultRow, bd_result_row, BD, RESULT_ROW, GtkWidget)

BdSearchResult *bd_result_row_get_result (BdResultRow    *self);
void            bd_result_row_set_result (BdResultRow    *self,
                                          BdSearchResult *result);

G_END_DECLS
