/* bd-original-batch-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bd-types.h"

G_BEGIN_DECLS

typedef struct _BdOriginalBatch BdOriginalBatch;

BdOriginalBatch *_bd_original_batch_new       (BdArchive         *archive);
void             _bd_original_batch_free      (BdOriginalBatch   *batch);
gboolean         _bd_original_batch_add       (BdOriginalBatch   *batch,
                                               const char        *sha256,
                                               GBytes            *bytes,
                                               GError           **error);
guint64          _bd_original_batch_get_size  (BdOriginalBatch   *batch);
gboolean         _bd_original_batch_sync      (BdOriginalBatch   *batch,
                                               GError           **error);
gboolean         _bd_original_batch_restore   (BdOriginalBatch   *batch,
                                               const char        *sha256,
                                               GError           **error);
gboolean         _bd_original_batch_is_durable (BdOriginalBatch  *batch,
                                               const char        *sha256);
void             _bd_original_batch_keep      (BdOriginalBatch   *batch,
                                               const char        *sha256);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdOriginalBatch, _bd_original_batch_free)

G_END_DECLS
