/* test-sample.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sample corpus is the same bytes for the same seed, and the sample archive holds its
 * reports with the levels truth.json gives, written once and reused.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bd-archive.h"
#include "bd-importer.h"
#include "bd-report.h"
#include "bd-sample-archive.h"
#include "bd-sample-corpus.h"
#include "bd-test-fixtures.h"

#define N_REPORTS 30

static void
count_cb (gpointer    instance,
          guint       done,
          guint       total,
          const char *path,
          guint      *count)
{
  g_assert_cmpuint (done, <=, total);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  (*count)++;
}

/* Every file under @dir, relative to it, sorted. */
static void
list_files (const char *top,
            const char *dir,
            GPtrArray  *files)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files (top, path, files);
      else
        g_ptr_array_add (files, g_strdup (path + strlen (top) + 1));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static GPtrArray *
sorted_files (const char *dir)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  list_files (dir, dir, files);
  g_ptr_array_sort (files, compare_names);
  return files;
}

static void
write_corpus (const char *dir,
              guint32     seed)
{
  g_autoptr(BdSampleCorpus) corpus = bd_sample_corpus_new (N_REPORTS, seed);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_signal_connect (corpus, "progress", G_CALLBACK (count_cb), &count);
  g_assert_true (bd_sample_corpus_write (corpus, dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, N_REPORTS);
}

static void
test_deterministic (void)
{
  g_autofree char *tmp_dir = bd_test_make_tmp_dir ();
  g_autofree char *first = g_build_filename (tmp_dir, "first", NULL);
  g_autofree char *second = g_build_filename (tmp_dir, "second", NULL);
  g_autofree char *other = g_build_filename (tmp_dir, "other", NULL);
  g_autoptr(GPtrArray) first_files = NULL;
  g_autoptr(GPtrArray) second_files = NULL;
  g_autoptr(GPtrArray) other_files = NULL;
  guint n_pdf = 0;
  guint n_different = 0;

  write_corpus (first, BD_SAMPLE_DEFAULT_SEED);
  write_corpus (second, BD_SAMPLE_DEFAULT_SEED);
  write_corpus (other, BD_SAMPLE_DEFAULT_SEED + 1);

  first_files = sorted_files (first);
  second_files = sorted_files (second);
  other_files = sorted_files (other);
  /* the reports and truth.json */
  g_assert_cmpuint (first_files->len, ==, N_REPORTS + 1);
  g_assert_cmpuint (second_files->len, ==, first_files->len);

  for (guint i = 0; i < first_files->len; i++)
    {
      const char *name = g_ptr_array_index (first_files, i);
      g_autofree char *a_path = g_build_filename (first, name, NULL);
      g_autofree char *b_path = g_build_filename (second, name, NULL);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gsize a_len;
      gsize b_len;

      g_assert_cmpstr (name, ==, g_ptr_array_index (second_files, i));
      g_assert_true (g_file_get_contents (a_path, &a, &a_len, NULL));
      g_assert_true (g_file_get_contents (b_path, &b, &b_len, NULL));
      g_assert_cmpmem (a, a_len, b, b_len);
      n_pdf += g_str_has_suffix (name, ".pdf");
    }
  /* a mix of PDFs and web pages */
  g_assert_cmpuint (n_pdf, >, 0);
  g_assert_cmpuint (n_pdf, <, N_REPORTS);

  /* another seed is another corpus */
  for (guint i = 0; i < MIN (first_files->len, other_files->len); i++)
    n_different += g_strcmp0 (g_ptr_array_index (first_files, i),
                              g_ptr_array_index (other_files, i)) != 0;
  g_assert_cmpuint (n_different, >, 0);

  _bd_remove_tree (tmp_dir);
}

/* file name → level nick, from truth.json */
static GHashTable *
read_levels (const char *corpus_dir)
{
  g_autofree char *path = g_build_filename (corpus_dir, "truth.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *reports;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  reports = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "reports");
  for (guint i = 0; i < json_array_get_length (reports); i++)
    {
      JsonObject *report = json_array_get_object_element (reports, i);
      g_autofree char *name = g_path_get_basename (json_object_get_string_member (report,
                                                                                "file"));

      g_hash_table_insert (levels, g_steal_pointer (&name),
                           g_strdup (json_object_get_string_member (report, "level")));
    }

  return levels;
}

static void
test_archive (void)
{
  g_autofree char *tmp_dir = bd_test_make_tmp_dir ();
  g_autofree char *folder = g_build_filename (tmp_dir, "sample", NULL);
  g_autofree char *corpus_dir = g_build_filename (folder, "corpus", NULL);
  g_autofree char *truth_path = g_build_filename (corpus_dir, "truth.json", NULL);
  g_autoptr(BdSampleArchive) sample = bd_sample_archive_new (folder, N_REPORTS);
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GHashTable) levels = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf before;
  GStatBuf after;
  guint n_written = 0;
  guint n_imported = 0;
  guint by_level[BD_LEVEL_MUNICIPAL + 1] = { 0 };

  g_signal_connect (sample, "writing", G_CALLBACK (count_cb), &n_written);
  g_signal_connect (sample, "importing", G_CALLBACK (count_cb), &n_imported);
  archive = bd_sample_archive_prepare (sample, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (archive);
  g_assert_cmpuint (n_written, ==, N_REPORTS);
  g_assert_cmpuint (n_imported, ==, N_REPORTS);
  g_assert_true (g_file_test (truth_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (bd_importer_count (bd_sample_archive_get_importer (sample),
                                       BD_IMPORT_IMPORTED), ==, N_REPORTS);

  /* each report with the level of its outlet, in the office's proportions */
  levels = read_levels (corpus_dir);
  reports = bd_archive_list_reports (archive, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, N_REPORTS);
  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);
      const char *expected = g_hash_table_lookup (levels, bd_report_get_file_name (report));

      g_assert_nonnull (expected);
      g_assert_cmpstr (bd_level_to_nick (bd_report_get_level (report)), ==, expected);
      by_level[bd_report_get_level (report)]++;
    }
  g_assert_cmpuint (by_level[BD_LEVEL_NATIONAL], ==, 1);
  g_assert_cmpuint (by_level[BD_LEVEL_PROVINCIAL], ==, 19);
  g_assert_cmpuint (by_level[BD_LEVEL_MUNICIPAL], ==, 10);
  g_clear_object (&archive);

  /* prepared again: the reports are not written again, and all are in the archive already */
  g_assert_cmpint (g_stat (truth_path, &before), ==, 0);
  n_written = n_imported = 0;
  archive = bd_sample_archive_prepare (sample, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_written, ==, 0);
  g_assert_cmpuint (n_imported, ==, N_REPORTS);
  g_assert_cmpuint (bd_importer_count (bd_sample_archive_get_importer (sample),
                                       BD_IMPORT_DUPLICATE), ==, N_REPORTS);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, N_REPORTS);
  g_assert_cmpint (g_stat (truth_path, &after), ==, 0);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);

  g_clear_object (&archive);
  _bd_remove_tree (tmp_dir);
}

static void
on_writing_cancel_cb (BdSampleArchive *sample,
                      guint            done,
                      guint            total,
                      const char      *path,
                      GCancellable    *cancellable)
{
  if (done == 3)
    g_cancellable_cancel (cancellable);
}

typedef struct
{
  GMainLoop *loop;
  BdArchive *archive;
  GError    *error;
} Prepared;

static void
on_prepared_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Prepared *prepared = user_data;

  prepared->archive = bd_sample_archive_prepare_finish (BD_SAMPLE_ARCHIVE (object), result,
                                                        &prepared->error);
  g_main_loop_quit (prepared->loop);
}

/* Stopped while writing, the sample leaves no corpus that looks whole; the next preparation
 * finishes it, on a thread, telling the progress in the main context. */
static void
test_cancel (void)
{
  g_autofree char *tmp_dir = bd_test_make_tmp_dir ();
  g_autofree char *folder = g_build_filename (tmp_dir, "sample", NULL);
  g_autofree char *corpus_dir = g_build_filename (folder, "corpus", NULL);
  g_autoptr(BdSampleArchive) sample = bd_sample_archive_new (folder, N_REPORTS);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Prepared prepared = { loop, NULL, NULL };
  guint n_imported = 0;
  gulong handler;

  handler = g_signal_connect (sample, "writing", G_CALLBACK (on_writing_cancel_cb), cancellable);
  bd_sample_archive_prepare_async (sample, cancellable, on_prepared_cb, &prepared);
  g_main_loop_run (loop);
  g_assert_error (prepared.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (prepared.archive);
  g_assert_false (g_file_test (corpus_dir, G_FILE_TEST_EXISTS));
  g_clear_error (&prepared.error);

  g_signal_handler_disconnect (sample, handler);
  g_signal_connect (sample, "importing", G_CALLBACK (count_cb), &n_imported);
  bd_sample_archive_prepare_async (sample, NULL, on_prepared_cb, &prepared);
  g_main_loop_run (loop);
  g_assert_no_error (prepared.error);
  g_assert_nonnull (prepared.archive);
  g_assert_cmpuint (bd_archive_count_reports (prepared.archive), ==, N_REPORTS);
  g_assert_cmpuint (n_imported, ==, N_REPORTS);
  g_assert_true (g_file_test (corpus_dir, G_FILE_TEST_IS_DIR));

  g_clear_object (&prepared.archive);
  _bd_remove_tree (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sample/deterministic", test_deterministic);
  g_test_add_func ("/core/sample/archive", test_archive);
  g_test_add_func ("/core/sample/cancel", test_cancel);

  return g_test_run ();
}
