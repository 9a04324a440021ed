/* bd-types.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _BdArchive         BdArchive;
typedef struct _BdExporter        BdExporter;
typedef struct _BdExtraction      BdExtraction;
typedef struct _BdImporter        BdImporter;
typedef struct _BdOutlet          BdOutlet;
typedef struct _BdOutletRegistry  BdOutletRegistry;
typedef struct _BdQuery           BdQuery;
typedef struct _BdReport          BdReport;
typedef struct _BdSearchResult    BdSearchResult;

G_END_DECLS
