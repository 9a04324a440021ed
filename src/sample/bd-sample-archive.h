/* bd-sample-archive.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bd-archive.h"
#include "bd-importer.h"

G_BEGIN_DECLS

#define BD_TYPE_SAMPLE_ARCHIVE (bd_sample_archive_get_type ())

G_DECLARE_FINAL_TYPE (BdSampleArchive, bd_sample_archive, BD, SAMPLE_ARCHIVE, GObject)

char            *bd_sample_archive_default_folder (void);
BdSampleArchive *bd_sample_archive_new            (const char           *folder,
                                                   guint                 n_reports);
BdArchive       *bd_sample_archive_prepare        (BdSampleArchive      *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void             bd_sample_archive_prepare_async  (BdSampleArchive      *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
BdArchive       *bd_sample_archive_prepare_finish (BdSampleArchive      *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
BdImporter      *bd_sample_archive_get_importer   (BdSampleArchive      *self);

G_END_DECLS
