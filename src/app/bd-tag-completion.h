/* bd-tag-completion.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bd-archive.h"

G_BEGIN_DECLS

#define BD_TYPE_TAG_COMPLETION (bd_tag_completion_get_type ())

G_DECLARE_FINAL_TYPE (BdTagCompletion, bd_tag_completion, BD, TAG_COMPLETION, GObject)

BdTagCompletion *bd_tag_completion_new         (AdwEntryRow     *row);
void             bd_tag_completion_set_archive (BdTagCompletion *self,
                                                BdArchive       *archive);

G_END_DECLS
