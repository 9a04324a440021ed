/* bd-outlet-editor.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bd-archive.h"
#include "bd-outlet.h"

G_BEGIN_DECLS

#define BD_TYPE_OUTLET_EDITOR (bd_outlet_editor_get_type ())

G_DECLARE_FINAL_TYPE (BdOutletEditor, bd_outlet_editor, BD, OUTLET_EDITOR, AdwWindow)

GtkWidget *bd_outlet_editor_new        (GtkWindow       *parent,
                                        BdArchive       *archive,
                                        BdOutlet        *outlet);
BdOutlet  *bd_outlet_editor_get_outlet (BdOutletEditor  *self);
void       bd_outlet_editor_set_busy   (BdOutletEditor  *self,
                                        gboolean         busy);
void       bd_outlet_editor_show_error (BdOutletEditor  *self,
                                        const char      *message);

G_END_DECLS
