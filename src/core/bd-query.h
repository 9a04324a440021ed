/* bd-query.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bd-level.h"
#include "bd-types.h"

G_BEGIN_DECLS

#define BD_TYPE_QUERY (bd_query_get_type ())

G_DECLARE_FINAL_TYPE (BdQuery, bd_query, BD, QUERY, GObject)

BdQuery            *bd_query_parse              (const char   *text,
                                                 GError      **error);
const char         *bd_query_get_text           (BdQuery      *self);
gboolean            bd_query_is_empty           (BdQuery      *self);
const char         *bd_query_get_match          (BdQuery      *self);
const char         *bd_query_get_exclude_match  (BdQuery      *self);
guint               bd_query_get_levels         (BdQuery      *self);
const char * const *bd_query_get_outlets        (BdQuery      *self);
const char * const *bd_query_get_tags           (BdQuery      *self);
gboolean            bd_query_get_date_range     (BdQuery      *self,
                                                 const char  **first_day,
                                                 const char  **last_day);
void                bd_query_add_level          (BdQuery      *self,
                                                 BdLevel       level);
void                bd_query_add_outlet         (BdQuery      *self,
                                                 const char   *outlet);
void                bd_query_add_tag            (BdQuery      *self,
                                                 const char   *tag);
void                bd_query_restrict_dates     (BdQuery      *self,
                                                 const char   *first_day,
                                                 const char   *last_day);

G_END_DECLS
