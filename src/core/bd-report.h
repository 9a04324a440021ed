/* bd-report.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bd-level.h"
#include "bd-types.h"

G_BEGIN_DECLS

#define BD_TYPE_REPORT (bd_report_get_type ())

G_DECLARE_FINAL_TYPE (BdReport, bd_report, BD, REPORT, GObject)

gint64              bd_report_get_id           (BdReport *self);
const char         *bd_report_get_title        (BdReport *self);
const char         *bd_report_get_outlet       (BdReport *self);
BdLevel             bd_report_get_level        (BdReport *self);
gboolean            bd_report_get_level_manual (BdReport *self);
const char         *bd_report_get_date         (BdReport *self);
const char         *bd_report_get_source_url   (BdReport *self);
const char         *bd_report_get_file_name    (BdReport *self);
const char         *bd_report_get_import_path  (BdReport *self);
const char         *bd_report_get_media_type   (BdReport *self);
const char         *bd_report_get_sha256       (BdReport *self);
guint64             bd_report_get_size         (BdReport *self);
guint               bd_report_get_n_pages      (BdReport *self);
GDateTime          *bd_report_get_imported_at  (BdReport *self);
const char * const *bd_report_get_tags         (BdReport *self);
const char         *bd_report_get_text         (BdReport *self);

G_END_DECLS
