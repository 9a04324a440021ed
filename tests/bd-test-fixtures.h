/* bd-test-fixtures.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* the tests draw their PDFs and web pages as the sample archive does, and clean up their folders
 * as the core does */
#include "bd-files-private.h"
#include "bd-sample-document.h"
#include "bd-types.h"

G_BEGIN_DECLS

/* AddressSanitizer keeps freed memory in quarantine: bounds on memory hold only without it */
#if defined(__SANITIZE_ADDRESS__)
# define UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif

char      *bd_test_make_tmp_dir           (void);
BdArchive *bd_test_open_archive           (const char *path);
void       bd_test_assert_verified        (BdArchive  *archive);
char      *bd_test_describe_reports       (BdArchive  *archive);
guint      bd_test_count_files            (const char *path);
void       bd_test_assert_nothing_partial (const char *dir);

G_END_DECLS
