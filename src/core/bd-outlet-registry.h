/* bd-outlet-registry.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bd-level.h"
#include "bd-types.h"

G_BEGIN_DECLS

#define BD_TYPE_OUTLET_REGISTRY (bd_outlet_registry_get_type ())

G_DECLARE_FINAL_TYPE (BdOutletRegistry, bd_outlet_registry, BD, OUTLET_REGISTRY, GObject)

BdOutletRegistry *bd_outlet_registry_new           (void);
char             *bd_outlet_registry_default_path  (void);
gboolean          bd_outlet_registry_load_file     (BdOutletRegistry    *self,
                                                    const char          *path,
                                                    GError             **error);
void              bd_outlet_registry_add           (BdOutletRegistry    *self,
                                                    const char          *name,
                                                    BdLevel              level,
                                                    const char * const  *aliases,
                                                    const char * const  *domains,
                                                    gboolean             local);
gboolean          bd_outlet_registry_lookup        (BdOutletRegistry    *self,
                                                    const char          *name_or_url,
                                                    const char         **name,
                                                    BdLevel             *level);
gboolean          bd_outlet_registry_find_in_text  (BdOutletRegistry    *self,
                                                    const char          *text,
                                                    gsize                max_chars,
                                                    const char         **name,
                                                    BdLevel             *level);
GPtrArray        *bd_outlet_registry_list          (BdOutletRegistry    *self);
BdOutlet         *bd_outlet_registry_get_outlet    (BdOutletRegistry    *self,
                                                    const char          *name);
BdOutlet         *bd_outlet_registry_match_name    (BdOutletRegistry    *self,
                                                    const char          *name);
BdOutlet         *bd_outlet_registry_match_domain  (BdOutletRegistry    *self,
                                                    const char          *text);
gboolean          bd_outlet_registry_check_names   (BdOutletRegistry    *self,
                                                    const char          *name,
                                                    const char * const  *aliases,
                                                    GError             **error);
gboolean          bd_outlet_registry_check_domains (BdOutletRegistry    *self,
                                                    const char          *name,
                                                    const char * const  *domains,
                                                    GError             **error);
void              bd_outlet_registry_swap          (BdOutletRegistry    *self,
                                                    BdOutletRegistry    *other);
char             *bd_outlet_registry_normalize_domain (const char          *text);

G_END_DECLS
