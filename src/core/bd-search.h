/* bd-search.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bd-archive.h"
#include "bd-level.h"
#include "bd-types.h"

G_BEGIN_DECLS

/* How many reports of a result set fall in each level, outlet, tag and quarter. */
typedef struct
{
  guint      total;
  guint      levels[BD_N_LEVELS];
  GPtrArray *outlets;   /* BdCount, most first; "" for reports with no outlet */
  GPtrArray *tags;      /* BdCount, most first */
  GPtrArray *quarters;  /* BdCount "2023Q3", newest first; "" for undated reports */
} BdFacets;

GPtrArray *bd_archive_search      (BdArchive     *self,
                                   BdQuery       *query,
                                   guint          offset,
                                   guint          limit,
                                   guint         *total,
                                   GCancellable  *cancellable,
                                   GError       **error);
BdFacets  *bd_archive_get_facets  (BdArchive     *self,
                                   BdQuery       *query,
                                   GCancellable  *cancellable,
                                   GError       **error);
char      *bd_archive_highlight_text (BdArchive    *self,
                                      BdQuery      *query,
                                      gint64        id,
                                      GArray      **hits,
                                      GCancellable *cancellable,
                                      GError      **error);
void       bd_facets_free         (BdFacets      *facets);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdFacets, bd_facets_free)

G_END_DECLS
