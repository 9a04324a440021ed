/* bd-report-view.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bd-archive.h"
#include "bd-query.h"
#include "bd-report.h"

G_BEGIN_DECLS

#define BD_TYPE_REPORT_VIEW (bd_report_view_get_type ())

G_DECLARE_FINAL_TYPE (BdReportView, bd_report_view, BD, REPORT_VIEW, GtkWidget)

BdArchive *bd_report_view_get_archive (BdReportView *self);
void       bd_report_view_set_archive (BdReportView *self,
                                       BdArchive    *archive);
BdReport  *bd_report_view_get_report  (BdReportView *self);
void       bd_report_view_show_report (BdReportView *self,
                                       gint64        id,
                                       BdQuery      *query);
void       bd_report_view_clear       (BdReportView *self);

G_END_DECLS
