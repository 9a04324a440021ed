/* bd-progress.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

void bd_progress_emit (gpointer      instance,
                       guint         signal_id,
                       GMainContext *context,
                       guint         done,
                       guint         total,
                       const char   *path);

G_END_DECLS
