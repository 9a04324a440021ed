/* bd-sample-corpus.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The office's real half-year of coverage, and the seed that writes the sample everyone sees. */
#define BD_SAMPLE_DEFAULT_REPORTS 1523
#define BD_SAMPLE_DEFAULT_SEED    20231231

#define BD_TYPE_SAMPLE_CORPUS (bd_sample_corpus_get_type ())

G_DECLARE_FINAL_TYPE (BdSampleCorpus, bd_sample_corpus, BD, SAMPLE_CORPUS, GObject)

BdSampleCorpus *bd_sample_corpus_new   (guint            n_reports,
                                        guint32          seed);
gboolean        bd_sample_corpus_write (BdSampleCorpus  *self,
                                        const char      *dir,
                                        GCancellable    *cancellable,
                                        GError         **error);

G_END_DECLS
