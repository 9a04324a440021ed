/* bd-outlets-window.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bd-archive.h"

G_BEGIN_DECLS

#define BD_TYPE_OUTLETS_WINDOW (bd_outlets_window_get_type ())

G_DECLARE_FINAL_TYPE (BdOutletsWindow, bd_outlets_window, BD, OUTLETS_WINDOW, AdwWindow)

GtkWidget *bd_outlets_window_new (GtkWindow *parent,
                                  BdArchive *archive);

G_END_DECLS
