/* bd-report-view-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bd-report-view.h"

G_BEGIN_DECLS

GArray   *_bd_report_view_get_highlights (BdReportView *self,
                                          guint         page);
gboolean  _bd_report_view_is_busy        (BdReportView *self);

G_END_DECLS
