/* bd-bundle-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <locale.h>

#include <glib.h>

G_BEGIN_DECLS

/* What manifest.json's "format" and "version" say; a reader refuses any other. */
#define BD_BUNDLE_FORMAT_NAME  "baodao-bundle"
#define BD_BUNDLE_VERSION      1

/* The files beside the originals, in the top folder. */
#define BD_BUNDLE_MANIFEST_JSON "manifest.json"
#define BD_BUNDLE_MANIFEST_CSV  "manifest.csv"
#define BD_BUNDLE_MANIFEST_XLSX "manifest.xlsx"
#define BD_BUNDLE_STATS_TEXT    "统计.txt"
#define BD_BUNDLE_CHECKSUMS     "SHA256SUMS"

locale_t _bd_bundle_use_utf8_locale  (void);
void     _bd_bundle_restore_locale   (locale_t previous);

G_END_DECLS
