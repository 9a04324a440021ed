/* bd-level.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The values are stored in the archive: never renumber them. */
typedef enum
{
  BD_LEVEL_UNSET      = 0,
  BD_LEVEL_NATIONAL   = 1,
  BD_LEVEL_PROVINCIAL = 2,
  BD_LEVEL_MUNICIPAL  = 3,
} BdLevel;

#define BD_N_LEVELS 4
#define BD_TYPE_LEVEL (bd_level_get_type ())

GType        bd_level_get_type     (void) G_GNUC_CONST;
gboolean     bd_level_parse        (const char  *text,
                                    BdLevel     *level,
                                    GError     **error);
const char  *bd_level_to_nick      (BdLevel      level);
const char  *bd_level_to_label     (BdLevel      level);
const char  *bd_level_to_chinese   (BdLevel      level);

G_END_DECLS
