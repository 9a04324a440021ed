/* bd-outlet.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bd-level.h"
#include "bd-types.h"

G_BEGIN_DECLS

#define BD_TYPE_OUTLET (bd_outlet_get_type ())

G_DECLARE_FINAL_TYPE (BdOutlet, bd_outlet, BD, OUTLET, GObject)

BdOutlet           *bd_outlet_new          (const char          *name,
                                            BdLevel              level,
                                            const char * const  *aliases,
                                            const char * const  *domains,
                                            gboolean             local);
const char         *bd_outlet_get_name     (BdOutlet            *self);
BdLevel             bd_outlet_get_level    (BdOutlet            *self);
const char * const *bd_outlet_get_aliases  (BdOutlet            *self);
const char * const *bd_outlet_get_domains  (BdOutlet            *self);
gboolean            bd_outlet_get_local    (BdOutlet            *self);

G_END_DECLS
