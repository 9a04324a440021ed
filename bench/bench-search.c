/* bench-search.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times searches inside one process, so that starting a program and opening the archive are
 * not part of the figures: bench/run reads what it prints. Each line of QUERIES is a category,
 * a tab and the query as typed.
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "bd-archive.h"
#include "bd-query.h"
#include "bd-report.h"
#include "bd-search.h"
#include "bd-search-result.h"

/* How a search counts what it finds. */
typedef enum
{
  COUNT_NONE,    /* the first page alone */
  COUNT_TOTAL,   /* and the number of matches, as baodao-cli prints it */
  COUNT_FACETS,  /* and the counts by level, outlet, tag and quarter the app shows for each
                  * thing typed, its number of matches among them */
} Count;

/* One search: parse what was typed, find the first page with its snippets, and count. */
static GPtrArray *
run_query (BdArchive   *archive,
           const char  *text,
           guint        limit,
           Count        count,
           guint       *total,
           GError     **error)
{
  g_autoptr(BdQuery) query = bd_query_parse (text, error);
  g_autoptr(BdFacets) facets = NULL;

  if (query == NULL)
    return NULL;

  if (count == COUNT_FACETS)
    {
      if (!(facets = bd_archive_get_facets (archive, query, NULL, error)))
        return NULL;
      *total = facets->total;
    }

  return bd_archive_search (archive, query, 0, limit, count == COUNT_TOTAL ? total : NULL, NULL,
                            error);
}

static gboolean
time_run (BdArchive   *archive,
          guint        index,
          const char  *text,
          Count        count,
          GError     **error)
{
  guint total = 0;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) results = run_query (archive, text, 20, count, &total, error);
  gint64 end = g_get_monotonic_time ();

  if (results == NULL)
    return FALSE;

  g_print ("time\t%u\t%u\t%" G_GINT64_FORMAT "\t%u\t%u\n",
           index, count, end - start, results->len, total);
  return TRUE;
}

/* Times @text with each way of counting in @counts, alternated so that none always follows
 * another. */
static gboolean
time_query (BdArchive    *archive,
            guint         index,
            const char   *text,
            const Count  *counts,
            guint         n_counts,
            guint         runs,
            GError      **error)
{
  guint total = 0;
  /* the first run reads the pages from the disk into the cache: the figures are of a warm
   * archive, as when someone refines what they typed */
  g_autoptr(GPtrArray) warm = run_query (archive, text, 20, counts[0], &total, error);

  if (warm == NULL)
    return FALSE;

  for (guint run = 0; run < runs; run++)
    for (guint i = 0; i < n_counts; i++)
      if (!time_run (archive, index, text, counts[i], error))
        return FALSE;

  return TRUE;
}

static gboolean
list_results (BdArchive   *archive,
              guint        index,
              const char  *text,
              GError     **error)
{
  guint total = 0;
  g_autoptr(GPtrArray) results = run_query (archive, text, 0, COUNT_TOTAL, &total, error);

  if (results == NULL)
    return FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      BdReport *report = bd_search_result_get_report (g_ptr_array_index (results, i));

      g_print ("result\t%u\t%s\n", index, bd_report_get_import_path (report));
    }
  g_print ("total\t%u\t%u\n", index, total);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean all = FALSE;
  gint runs = 25;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Time each query this many times", "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      "List every result of each query instead of timing it", NULL },
    G_OPTION_ENTRY_NULL
  };
  static const Count searches[] = { COUNT_NONE, COUNT_TOTAL };
  static const Count facets[] = { COUNT_FACETS };
  static const struct {
    const Count *counts;
    guint        n_counts;
  } passes[] = {
    { searches, G_N_ELEMENTS (searches) },
    { facets, G_N_ELEMENTS (facets) },
  };
  guint index = 0;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("ARCHIVE QUERIES");
  g_option_context_set_summary (context, "Times Baodao's searches in one process, or lists "
                                         "what they find.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc != 3 || runs <= 0)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_FAILURE;
    }

  if (!(archive = bd_archive_open (argv[1], &error)) ||
      !g_file_get_contents (argv[2], &contents, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  lines = g_strsplit (contents, "\n", -1);
  /* the facets walk every match and several indexes, which leaves a different page cache
   * behind: they are timed in a pass of their own, after the searches alone */
  for (guint pass = 0; pass < (all ? 1 : G_N_ELEMENTS (passes)) && error == NULL; pass++)
    {
      index = 0;
      for (guint i = 0; lines[i] != NULL && error == NULL; i++)
        {
          const char *tab = strchr (lines[i], '\t');

          if (tab == NULL)
            continue;
          if (all)
            list_results (archive, index, tab + 1, &error);
          else
            time_query (archive, index, tab + 1, passes[pass].counts, passes[pass].n_counts,
                        (guint) runs, &error);
          index++;
        }
    }

  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
