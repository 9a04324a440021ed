/* bd-bundle-private.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <locale.h>

#include <gio/gio.h>

#include "bd-level.h"

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

/* One report as manifest.json gives it. */
typedef struct
{
  char     *path;          /* inside the top folder: "国家级/2023-08-15_人民日报_….pdf" */
  char     *sha256;
  guint64   size;
  char     *title;
  char     *outlet;
  BdLevel   level;
  gboolean  level_manual;
  char     *date;
  char     *source_url;
  char     *file_name;
  GStrv     tags;
} BdBundleReport;

/* A local outlet of the archive that wrote the bundle. */
typedef struct
{
  char     *name;
  BdLevel   level;
  GStrv     aliases;
  GStrv     domains;
} BdBundleOutlet;

/* A bundle read once through and found sound, open for reading its originals. */
typedef struct _BdBundle BdBundle;

locale_t    _bd_bundle_use_utf8_locale  (void);
void        _bd_bundle_restore_locale   (locale_t          previous);

gboolean    _bd_bundle_open             (const char       *path,
                                         guint64           limit,
                                         BdBundle        **bundle,
                                         GCancellable     *cancellable,
                                         GError          **error);
GPtrArray  *_bd_bundle_get_reports      (BdBundle         *bundle);
GPtrArray  *_bd_bundle_get_outlets      (BdBundle         *bundle);
gboolean    _bd_bundle_rewind           (BdBundle         *bundle,
                                         GError          **error);
gboolean    _bd_bundle_next             (BdBundle         *bundle,
                                         BdBundleReport  **report,
                                         GBytes          **original,
                                         GCancellable     *cancellable,
                                         GError          **error);
void        _bd_bundle_free             (BdBundle         *bundle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdBundle, _bd_bundle_free)

G_END_DECLS
