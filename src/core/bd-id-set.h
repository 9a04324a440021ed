/* bd-id-set.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The reports a search's filters leave, listed once so that each full-text match is tested
 * against them in memory rather than by looking up its report. */
typedef struct _BdIdSet BdIdSet;

BdIdSet  *bd_id_set_new        (const gint64  *ids,
                                guint          n_ids);
void      bd_id_set_free       (BdIdSet       *set);
guint     bd_id_set_get_size   (const BdIdSet *set);
gint64    bd_id_set_get_first  (const BdIdSet *set);
gint64    bd_id_set_get_last   (const BdIdSet *set);
gboolean  bd_id_set_contains   (const BdIdSet *set,
                                gint64         id);
int       bd_id_set_bind       (BdIdSet       *set,
                                sqlite3_stmt  *stmt,
                                int            index);
int       bd_id_set_register   (sqlite3       *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdIdSet, bd_id_set_free)

G_END_DECLS
