/* bd-hits.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>
#include <pango/pango.h>

G_BEGIN_DECLS

void           bd_hits_get_color     (GdkRGBA    *color);
PangoAttrList *bd_hits_to_attributes (GArray     *hits);
char          *bd_hits_mark          (const char *text,
                                      GArray     *hits);

G_END_DECLS
