/* bd-files-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     _bd_remove_tree       (const char  *path);
gboolean _bd_fsync_directory   (const char  *path,
                                GError     **error);
gboolean _bd_syncfs_is_durable (int          fd);
gboolean _bd_sync_tree         (const char  *path,
                                GError     **error);

G_END_DECLS
