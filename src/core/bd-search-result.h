/* bd-search-result.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bd-types.h"

G_BEGIN_DECLS

#define BD_TYPE_SEARCH_RESULT (bd_search_result_get_type ())

G_DECLARE_FINAL_TYPE (BdSearchResult, bd_search_result, BD, SEARCH_RESULT, GObject)

BdSearchResult *bd_search_result_new                 (BdReport       *report,
                                                      double          score,
                                                      const char     *marked_title,
                                                      const char     *marked_snippet);
BdReport       *bd_search_result_get_report          (BdSearchResult *self);
double          bd_search_result_get_score           (BdSearchResult *self);
const char     *bd_search_result_get_title           (BdSearchResult *self);
GArray         *bd_search_result_get_title_hits      (BdSearchResult *self);
const char     *bd_search_result_get_snippet         (BdSearchResult *self);
GArray         *bd_search_result_get_snippet_hits    (BdSearchResult *self);

G_END_DECLS
