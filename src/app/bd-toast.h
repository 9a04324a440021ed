/* bd-toast.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void bd_toast_show         (GtkWidget    *widget,
                            const char   *message);
void bd_toast_show_unsaved (GtkWidget    *widget,
                            const GError *error);

G_END_DECLS
