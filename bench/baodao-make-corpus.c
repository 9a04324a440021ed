/* baodao-make-corpus.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the sample corpus (bd-sample-corpus.c) of any size, for trying Baodao out and timing
 * it: the reports and truth.json about them.
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "bd-sample-corpus.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdSampleCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seed = BD_SAMPLE_DEFAULT_SEED;
  gint scale = BD_SAMPLE_DEFAULT_REPORTS;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the random choices", "N" },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, "How many reports to write", "N" },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("OUTDIR");
  g_option_context_set_summary (context, "Writes a sample corpus of a county office's media "
                                         "reports, and truth.json about it.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc != 2 || scale <= 0 || seed < 0 || seed > G_MAXUINT32)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_FAILURE;
    }

  corpus = bd_sample_corpus_new (scale, (guint32) seed);
  if (!bd_sample_corpus_write (corpus, argv[1], NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
