/* test-corpus.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imports a small sample corpus written by bench/baodao-make-corpus into a real archive and
 * holds the archive to the corpus's truth.json: each report classified as written, and each
 * query finding exactly the reports whose text contains it.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "bd-archive.h"
#include "bd-importer.h"
#include "bd-query.h"
#include "bd-report.h"
#include "bd-search.h"
#include "bd-search-result.h"
#include "bd-test-fixtures.h"

#define SCALE "60"

static char *tmp_dir;
static char *corpus_dir;
static BdArchive *archive;
static JsonObject *truth;
static BdImporter *importer;
static GHashTable *files;  /* report id → file relative to the corpus */

static void
make_corpus (void)
{
  const char *generator = g_getenv ("BAODAO_MAKE_CORPUS");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *truth_path = NULL;
  const char *argv[] = { generator, "--scale", SCALE, NULL, NULL };
  int status = 0;

  g_assert_nonnull (generator);

  tmp_dir = bd_test_make_tmp_dir ();
  corpus_dir = g_build_filename (tmp_dir, "corpus", NULL);
  argv[3] = corpus_dir;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  truth_path = g_build_filename (corpus_dir, "truth.json", NULL);
  json_parser_load_from_file (parser, truth_path, &error);
  g_assert_no_error (error);
  truth = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
import_corpus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *archive_dir = g_build_filename (tmp_dir, "archive", NULL);
  g_autofree char *reports_dir = g_build_filename (corpus_dir, "reports", NULL);
  const char *paths[] = { reports_dir, NULL };
  GPtrArray *items;

  archive = bd_archive_open (archive_dir, &error);
  g_assert_no_error (error);

  importer = bd_importer_new (archive);
  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);

  files = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  items = bd_importer_get_items (importer);
  for (guint i = 0; i < items->len; i++)
    {
      BdImportItem *item = g_ptr_array_index (items, i);

      g_assert_true (g_str_has_prefix (item->path, corpus_dir));
      g_hash_table_insert (files, g_memdup2 (&item->report_id, sizeof (gint64)),
                           g_strdup (item->path + strlen (corpus_dir) + 1));
    }
}

static void
test_import (void)
{
  JsonArray *reports = json_object_get_array_member (truth, "reports");
  GPtrArray *items = bd_importer_get_items (importer);

  for (guint i = 0; i < items->len; i++)
    {
      BdImportItem *item = g_ptr_array_index (items, i);

      if (item->status != BD_IMPORT_IMPORTED)
        g_test_message ("%s: %s", item->path, item->error ? item->error->message : "duplicate");
    }

  g_assert_cmpuint (json_array_get_length (reports), ==, atoi (SCALE));
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_FAILED), ==, 0);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_DUPLICATE), ==, 0);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, atoi (SCALE));
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, atoi (SCALE));
}

static gint64
find_report (const char *file)
{
  GHashTableIter iter;
  gpointer id, path;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &id, &path))
    if (g_str_equal (path, file))
      return *(gint64 *) id;

  return 0;
}

/* Checks every report before failing, so that one run shows all that is misread. */
static void
test_reports (void)
{
  JsonArray *reports = json_object_get_array_member (truth, "reports");
  static const char *const fields[] = { "title", "outlet", "level", "date", "media_type" };
  guint n_wrong = 0;

  for (guint i = 0; i < json_array_get_length (reports); i++)
    {
      JsonObject *expected = json_array_get_object_element (reports, i);
      const char *file = json_object_get_string_member (expected, "file");
      g_autoptr(BdReport) report = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id = find_report (file);
      const char *actual[G_N_ELEMENTS (fields)];

      g_assert_cmpint (id, >, 0);
      report = bd_archive_get_report (archive, id, FALSE, &error);
      g_assert_no_error (error);

      actual[0] = bd_report_get_title (report);
      actual[1] = bd_report_get_outlet (report);
      actual[2] = bd_level_to_nick (bd_report_get_level (report));
      actual[3] = bd_report_get_date (report);
      actual[4] = bd_report_get_media_type (report);

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const char *want = json_object_get_string_member (expected, fields[f]);

          if (g_strcmp0 (want, actual[f]) != 0)
            {
              g_test_message ("%s: %s is “%s”, not “%s”", file, fields[f],
                              actual[f] ? actual[f] : "(none)", want);
              n_wrong++;
            }
        }
    }

  g_assert_cmpuint (n_wrong, ==, 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_query (gconstpointer data)
{
  JsonObject *spec = (JsonObject *) data;
  const char *text = json_object_get_string_member (spec, "query");
  JsonArray *expected = json_object_get_array_member (spec, "expected");
  g_autoptr(GError) error = NULL;
  g_autoptr(BdQuery) query = bd_query_parse (text, &error);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GString) diff = g_string_new (NULL);
  guint total = 0;
  guint e = 0, f = 0;

  g_assert_no_error (error);
  results = bd_archive_search (archive, query, 0, 0, &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, results->len);

  for (guint i = 0; i < results->len; i++)
    {
      BdReport *report = bd_search_result_get_report (g_ptr_array_index (results, i));
      gint64 id = bd_report_get_id (report);

      g_ptr_array_add (found, g_hash_table_lookup (files, &id));
    }
  g_ptr_array_sort (found, compare_strings);

  /* both lists are sorted: walk them together to name what is missing and what is extra */
  while (e < json_array_get_length (expected) || f < found->len)
    {
      const char *want = e < json_array_get_length (expected)
                       ? json_array_get_string_element (expected, e) : NULL;
      const char *got = f < found->len ? g_ptr_array_index (found, f) : NULL;
      int order = want == NULL ? 1 : got == NULL ? -1 : strcmp (want, got);

      if (order < 0)
        g_string_append_printf (diff, "  missing %s\n", want);
      else if (order > 0)
        g_string_append_printf (diff, "  extra   %s\n", got);
      e += order <= 0;
      f += order >= 0;
    }

  if (diff->len > 0)
    g_test_message ("%s:\n%s", text, diff->str);
  g_assert_cmpuint (diff->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  JsonArray *queries;
  int status;

  /* file names and titles in the messages are Chinese */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* one misread report or query must not hide the others */
  g_test_set_nonfatal_assertions ();

  make_corpus ();
  import_corpus ();

  g_test_add_func ("/core/corpus/import", test_import);
  g_test_add_func ("/core/corpus/reports", test_reports);

  queries = json_object_get_array_member (truth, "queries");
  for (guint i = 0; i < json_array_get_length (queries); i++)
    {
      JsonObject *spec = json_array_get_object_element (queries, i);
      g_autofree char *path = g_strdup_printf ("/core/corpus/query/%s/%u",
                                               json_object_get_string_member (spec, "category"),
                                               i);

      g_test_add_data_func (path, spec, test_query);
    }

  status = g_test_run ();

  g_clear_object (&importer);
  g_clear_object (&archive);
  g_clear_pointer (&files, g_hash_table_unref);
  g_clear_pointer (&truth, json_object_unref);
  _bd_remove_tree (tmp_dir);
  g_free (corpus_dir);
  g_free (tmp_dir);

  return status;
}
