/* bd-bundle.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* No entry of a bundle is read past this; originals are refused above it at import too. */
#define BD_BUNDLE_MAX_ENTRY_SIZE (G_GUINT64_CONSTANT (200) * 1024 * 1024)

gboolean bd_bundle_verify (const char    *path,
                           GPtrArray    **problems,
                           GCancellable  *cancellable,
                           GError       **error);

G_END_DECLS
