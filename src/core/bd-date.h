/* bd-date.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates are kept as ISO 8601 calendar dates, "YYYY-MM-DD", which sort and compare as strings. */

char     *bd_date_normalize  (const char  *text);
gboolean  bd_period_parse    (const char  *text,
                              char       **first_day,
                              char       **last_day,
                              GError     **error);
char     *bd_date_quarter    (const char  *iso_date);

G_END_DECLS
