/* bd-test-fixtures.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* the tests draw their PDFs and web pages as the sample archive does */
#include "bd-sample-document.h"

G_BEGIN_DECLS

char *bd_test_make_tmp_dir (void);
void  bd_test_remove_tree  (const char *path);

G_END_DECLS
