/* test-crash.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bd-archive.h"
#include "bd-archive-private.h"
#include "bd-bundle.h"
#include "bd-error.h"
#include "bd-extract.h"
#include "bd-original-batch-private.h"
#include "bd-report.h"
#include "bd-test-fixtures.h"

/* Processes killed with SIGKILL at random moments, round after round, while they export or
 * edit: what they leave must be whole, and the next run must finish the job. (An import killed
 * the same way is /core/import/killed in test-import.c.) The moments come from g_test_rand, so
 * `--seed` replays a run; the checks hold wherever a kill lands. */

static const char *self_path;
static const char *cli_path;

#define KILL_ROUNDS 8

typedef struct
{
  char *tmp;
  char *archive;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp = bd_test_make_tmp_dir ();
  fixture->archive = g_build_filename (fixture->tmp, "archive", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  _bd_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->archive);
}

/* Stores @n reports of random bytes straight into the archive: what they go through here comes
 * after an import, so they need no extraction. */
static void
add_reports (BdArchive          *archive,
             const char         *prefix,
             guint               n,
             gsize               size,
             gboolean            with_levels,
             const char * const *tags)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint i = 0; i < n; i++)
    {
      guint32 *data = g_new (guint32, size / 4);
      g_autoptr(BdOriginalBatch) batch = _bd_original_batch_new (archive);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *sha256 = NULL;
      g_autofree char *title = g_strdup_printf ("竹溪县第%u篇报道", i);
      g_autofree char *file_name = g_strdup_printf ("%s-%03u.html", prefix, i);
      g_autofree char *date = g_strdup_printf ("2023-%02u-%02u", 7 + i % 3, 1 + i % 28);
      gint64 duplicate_of = 0;
      BdNewReport report = {
        .title = title,
        .outlet = "十堰日报",
        .level = with_levels ? i % BD_N_LEVELS : BD_LEVEL_UNSET,
        .date = date,
        .file_name = file_name,
        .import_path = file_name,
        .media_type = BD_MEDIA_TYPE_HTML,
        .size = size / 4 * 4,
        .text = title,
        .tags = tags,
      };

      for (gsize j = 0; j < size / 4; j++)
        data[j] = g_rand_int (rand);
      bytes = g_bytes_new_take (data, size / 4 * 4);
      sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      report.sha256 = sha256;

      /* a batch of one: the original is durable before its row commits, as in an import */
      g_assert_true (_bd_original_batch_add (batch, sha256, bytes, &error));
      g_assert_no_error (error);
      g_assert_true (_bd_original_batch_sync (batch, &error));
      g_assert_no_error (error);
      g_assert_cmpint (_bd_archive_insert_report (archive, &report, batch, &duplicate_of, &error),
                       >, 0);
      g_assert_no_error (error);
    }
}

static GSubprocess *
spawn (Fixture            *fixture,
       GSubprocessFlags    flags,
       const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autofree char *data_home = g_build_filename (fixture->tmp, "data", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "BAODAO_ARCHIVE");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  return process;
}

/* Kills @process after @delay_ms unless it has finished; returns whether it finished, with its
 * output in @output. */
static gboolean
kill_after (GSubprocess  *process,
            guint         delay_ms,
            char        **output)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data;

  g_usleep (delay_ms * 1000);
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_communicate (process, NULL, NULL, &bytes, NULL, &error));
  g_assert_no_error (error);

  data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  *output = g_strndup (data != NULL ? data : "", size);

  if (!g_subprocess_get_if_exited (process))
    return FALSE;
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return TRUE;
}

/* Export */

typedef struct
{
  const char *format;
  gsize       report_size;  /* of each of the EXPORT_REPORTS originals */
} ExportCase;

#define EXPORT_REPORTS 40

static GSubprocess *
spawn_export (Fixture    *fixture,
              const char *format,
              const char *bundle,
              gboolean    capture_errors)
{
  const char * const argv[] = {
    cli_path, "--archive", fixture->archive, "export", "--format", format,
    "--title", "竹溪宣传报道", "--overwrite", "-o", bundle, NULL
  };

  return spawn (fixture,
                G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                (capture_errors ? G_SUBPROCESS_FLAGS_STDERR_PIPE : G_SUBPROCESS_FLAGS_STDERR_SILENCE),
                argv);
}

static void
export_to_end (Fixture    *fixture,
               const char *format,
               const char *bundle)
{
  g_autoptr(GSubprocess) process = spawn_export (fixture, format, bundle, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &errors, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("baodao-cli export failed: %s", errors);
}

static char *
file_sha256 (const char *path)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *)g_mapped_file_get_contents (file),
                                      g_mapped_file_get_length (file));
}

/* A bundle under its final name is the whole bundle: verify-bundle's checks pass, and its bytes
 * are those of an export that ran to the end. */
static void
assert_complete_bundle (const char *bundle,
                        const char *expected_sha256)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = file_sha256 (bundle);

  g_assert_true (bd_bundle_verify (bundle, &problems, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (sha256, ==, expected_sha256);
}

/* How many exports left partial files in @dir: ".NAME.partial-XXXXXX" and its spreadsheet,
 * the same name with ".xlsx", are one export's; @n_files counts the files. */
static guint
count_partials (const char *dir,
                guint      *n_files)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GHashTable) exports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name;

  *n_files = 0;
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      const char *suffix = g_str_has_suffix (name, ".xlsx") ? name + strlen (name) - 5 : NULL;

      if (strstr (name, ".partial-") == NULL)
        continue;
      (*n_files)++;
      g_hash_table_add (exports, suffix != NULL ? g_strndup (name, suffix - name) : g_strdup (name));
    }

  return g_hash_table_size (exports);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;

  return n;
}

static void
test_crash_export (Fixture       *fixture,
                   gconstpointer  data)
{
  const ExportCase *test_case = data;
  const char *format = test_case->format;
  g_autofree char *out = g_build_filename (fixture->tmp, "out", NULL);
  g_autofree char *name = g_strdup_printf ("竹溪宣传报道.%s", format);
  g_autofree char *bundle = g_build_filename (out, name, NULL);
  g_autofree char *reference = NULL;
  g_autofree char *before = NULL;
  guint n_killed = 0;
  guint duration_ms;
  gint64 started;

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  {
    g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);

    add_reports (archive, "report", EXPORT_REPORTS, test_case->report_size, TRUE, NULL);
    before = bd_test_describe_reports (archive);
  }

  /* an export that runs to the end: the bundle every other must be, and how long one takes */
  started = g_get_monotonic_time ();
  export_to_end (fixture, format, bundle);
  duration_ms = (g_get_monotonic_time () - started) / 1000;
  reference = file_sha256 (bundle);
  assert_complete_bundle (bundle, reference);
  g_assert_cmpint (g_unlink (bundle), ==, 0);

  for (guint round = 0; round < KILL_ROUNDS; round++)
    {
      g_autoptr(GSubprocess) process = spawn_export (fixture, format, bundle, FALSE);
      g_autoptr(BdArchive) archive = NULL;
      g_autofree char *output = NULL;
      g_autofree char *after = NULL;
      guint delay_ms = g_test_rand_int_range (0, duration_ms + 1);
      gboolean finished = kill_after (process, delay_ms, &output);
      gboolean exists = g_file_test (bundle, G_FILE_TEST_EXISTS);
      guint n_partial_files;
      guint n_partial_exports = count_partials (out, &n_partial_files);

      /* whole or absent under its name; at most the killed export's own partial files beside
       * it, as each export sweeps those of the exports killed before it */
      if (exists)
        assert_complete_bundle (bundle, reference);
      g_assert_cmpuint (n_partial_exports, <=, 1);
      g_assert_cmpuint (count_entries (out), ==, (exists ? 1 : 0) + n_partial_files);

      /* the archive only was read */
      archive = bd_test_open_archive (fixture->archive);
      bd_test_assert_verified (archive);
      after = bd_test_describe_reports (archive);
      g_assert_cmpstr (after, ==, before);

      n_killed += finished ? 0 : 1;
      g_test_message ("round %u: %s after %u of ~%u ms; bundle %s, %u partial files left",
                      round, finished ? "finished" : "killed", delay_ms, duration_ms,
                      exists ? "complete" : "absent", n_partial_files);
    }

  /* an export to the same folder runs to the end and sweeps what the killed ones left */
  export_to_end (fixture, format, bundle);
  assert_complete_bundle (bundle, reference);
  g_assert_cmpuint (count_entries (out), ==, 1);
  {
    g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);

    bd_test_assert_verified (archive);
  }
  g_test_message ("%u of %u exports killed", n_killed, KILL_ROUNDS);
}

/* Edits
 *
 * One process changes reports batch after batch, announcing each on stdout once it has
 * committed. Batch b either deletes the DELETE_SIZE oldest reports of the delete pool
 * (every DELETE_EVERY-th batch), or, on one chunk of the edit pool, sets a level, adds the
 * tag 批次b and removes the tag 原始. The batches run in order, so what committed is the
 * announced batches and at most one more, and each batch shows whether it is all there. */

#define EDIT_CHUNKS     10
#define EDIT_CHUNK_SIZE 6
#define DELETE_POOL     150
#define DELETE_SIZE     3
#define DELETE_EVERY    6
#define BATCHES_PER_RUN 48
#define BASE_TAG        "原始"

static gboolean
is_delete_batch (guint batch)
{
  return batch % DELETE_EVERY == DELETE_EVERY - 1;
}

static guint
chunk_of_batch (guint batch)
{
  /* the delete batches take no turn */
  return (batch - batch / DELETE_EVERY) % EDIT_CHUNKS;
}

static BdLevel
level_of_batch (guint batch)
{
  return BD_LEVEL_NATIONAL + batch % 3;
}

static char *
tag_of_batch (guint batch)
{
  return g_strdup_printf ("批次%u", batch);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* The edit pool's reports by chunk (@chunks holds EDIT_CHUNKS * EDIT_CHUNK_SIZE ids), and what
 * is left of the delete pool, oldest first. */
static GArray *
find_pools (BdArchive *archive,
            gint64    *chunks)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  GArray *pool = g_array_new (FALSE, FALSE, sizeof (gint64));

  reports = bd_archive_list_reports (archive, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);
      gint64 id = bd_report_get_id (report);
      guint n;

      if (sscanf (bd_report_get_file_name (report), "edit-%u.html", &n) == 1)
        chunks[n] = id;
      else
        g_array_append_val (pool, id);
    }
  g_array_sort (pool, compare_ids);

  return pool;
}

static int
run_edit_child (const char *archive_path,
                guint       first,
                guint       n)
{
  g_autoptr(BdArchive) archive = bd_archive_open (archive_path, NULL);
  g_autoptr(GArray) pool = NULL;
  gint64 chunks[EDIT_CHUNKS * EDIT_CHUNK_SIZE] = { 0 };

  if (archive == NULL)
    return 3;

  pool = find_pools (archive, chunks);

  for (guint batch = first; batch < first + n; batch++)
    {
      g_autoptr(GError) error = NULL;

      if (is_delete_batch (batch))
        {
          /* the pool holds whole batches; once it is empty, a delete batch has nothing to do */
          guint n_ids = MIN (pool->len, DELETE_SIZE);

          if (!bd_archive_delete_reports (archive, (gint64 *)(gpointer)pool->data, n_ids, &error))
            {
              g_printerr ("batch %u: %s\n", batch, error->message);
              return 1;
            }
          printf ("%u", batch);
          for (guint i = 0; i < n_ids; i++)
            printf (" %" PRId64, g_array_index (pool, gint64, i));
          printf ("\n");
          g_array_remove_range (pool, 0, n_ids);
        }
      else
        {
          g_autofree char *tag = tag_of_batch (batch);
          const char *add[] = { tag, NULL };
          const char *remove[] = { BASE_TAG, NULL };
          BdReportChanges changes = {
            .set_level = TRUE,
            .level = level_of_batch (batch),
            .add_tags = add,
            .remove_tags = remove,
          };

          if (!bd_archive_update_reports (archive, &chunks[chunk_of_batch (batch) * EDIT_CHUNK_SIZE],
                                          EDIT_CHUNK_SIZE, &changes, &error))
            {
              g_printerr ("batch %u: %s\n", batch, error->message);
              return 1;
            }
          printf ("%u\n", batch);
        }
      fflush (stdout);
    }

  return 0;
}

typedef struct
{
  GArray *initial_pool;  /* the delete pool before any batch */
  int     last_done;     /* the last batch announced by any run, or -1 */
} EditState;

/* Reads a run's announcements; every report a delete batch announced is gone. */
static guint
take_announcements (BdArchive  *archive,
                    const char *output,
                    EditState  *state)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      int batch = atoi (fields[0]);

      g_assert_cmpint (batch, ==, state->last_done + 1);
      state->last_done = batch;
      n++;

      for (guint j = 1; fields[j] != NULL; j++)
        {
          g_autoptr(BdReport) report = NULL;
          g_autoptr(GError) error = NULL;

          report = bd_archive_get_report (archive, g_ascii_strtoll (fields[j], NULL, 10), FALSE,
                                          &error);
          g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
        }
    }

  return n;
}

static gboolean
has_tag (BdReport   *report,
         const char *tag)
{
  return g_strv_contains (bd_report_get_tags (report), tag);
}

/* Every batch is all there or not at all; the announced ones are there, and at most one more. */
static void
check_edits (BdArchive *archive,
             EditState *state)
{
  gint64 chunks[EDIT_CHUNKS * EDIT_CHUNK_SIZE] = { 0 };
  g_autoptr(GArray) pool = find_pools (archive, chunks);
  g_autoptr(GHashTable) n_tagged = g_hash_table_new (NULL, NULL);
  guint max_batch = state->last_done + 1;
  int last_committed[EDIT_CHUNKS];
  guint n_deleted;

  /* which batches tagged which reports: only those of their chunk */
  for (guint i = 0; i < EDIT_CHUNKS * EDIT_CHUNK_SIZE; i++)
    {
      g_autoptr(BdReport) report = NULL;
      g_autoptr(GError) error = NULL;
      const char * const *tags;

      report = bd_archive_get_report (archive, chunks[i], FALSE, &error);
      g_assert_no_error (error);
      tags = bd_report_get_tags (report);
      for (guint j = 0; tags[j] != NULL; j++)
        {
          guint batch;

          if (sscanf (tags[j], "批次%u", &batch) != 1)
            continue;
          g_assert_cmpuint (batch, <=, max_batch);
          g_assert_false (is_delete_batch (batch));
          g_assert_cmpuint (chunk_of_batch (batch), ==, i / EDIT_CHUNK_SIZE);
          g_hash_table_insert (n_tagged, GUINT_TO_POINTER (batch),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n_tagged, GUINT_TO_POINTER (batch))) + 1));
        }
    }

  /* each update batch on every report of its chunk or on none, and on all when announced */
  for (guint c = 0; c < EDIT_CHUNKS; c++)
    last_committed[c] = -1;
  for (guint batch = 0; batch <= max_batch; batch++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (n_tagged, GUINT_TO_POINTER (batch)));

      if (is_delete_batch (batch))
        continue;
      g_assert_true (n == 0 || n == EDIT_CHUNK_SIZE);
      if (batch <= (guint)state->last_done)
        g_assert_cmpuint (n, ==, EDIT_CHUNK_SIZE);
      if (n > 0)
        last_committed[chunk_of_batch (batch)] = batch;
    }

  /* each chunk: the level of the last batch that committed on it, or none, and 原始 on all
   * its reports or none */
  for (guint i = 0; i < EDIT_CHUNKS * EDIT_CHUNK_SIZE; i++)
    {
      g_autoptr(BdReport) report = NULL;
      g_autoptr(GError) error = NULL;
      int last = last_committed[i / EDIT_CHUNK_SIZE];

      report = bd_archive_get_report (archive, chunks[i], FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bd_report_get_level (report), ==,
                       last < 0 ? BD_LEVEL_UNSET : level_of_batch (last));
      g_assert_true (has_tag (report, BASE_TAG) == (last < 0));
    }

  /* the delete batches: whole batches of the oldest reports are gone, the rest untouched */
  n_deleted = state->initial_pool->len - pool->len;
  g_assert_cmpuint (n_deleted % DELETE_SIZE, ==, 0);
  g_assert_cmpmem (pool->data, pool->len * sizeof (gint64),
                   &g_array_index (state->initial_pool, gint64, n_deleted),
                   pool->len * sizeof (gint64));
}

static GSubprocess *
spawn_edits (Fixture *fixture,
             guint    first)
{
  g_autofree char *first_text = g_strdup_printf ("%u", first);
  g_autofree char *n_text = g_strdup_printf ("%u", BATCHES_PER_RUN);
  const char * const argv[] = {
    self_path, "--edit-child", fixture->archive, first_text, n_text, NULL
  };

  return spawn (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE, argv);
}

static void
test_crash_edits (Fixture       *fixture,
                  gconstpointer  data)
{
  EditState state = { NULL, -1 };
  g_autoptr(GArray) initial_pool = NULL;
  guint n_killed = 0;
  guint duration_ms;
  gint64 started;

  {
    g_autoptr(BdArchive) archive = bd_test_open_archive (fixture->archive);
    const char *base[] = { BASE_TAG, NULL };
    gint64 chunks[EDIT_CHUNKS * EDIT_CHUNK_SIZE] = { 0 };

    add_reports (archive, "edit", EDIT_CHUNKS * EDIT_CHUNK_SIZE, 2048, FALSE, base);
    add_reports (archive, "delete", DELETE_POOL, 2048, FALSE, NULL);
    initial_pool = find_pools (archive, chunks);
    state.initial_pool = initial_pool;
  }

  /* a run to the end, to learn how long one takes */
  {
    g_autoptr(GSubprocess) process = spawn_edits (fixture, 0);
    g_autoptr(BdArchive) archive = NULL;
    g_autofree char *output = NULL;
    g_autoptr(GError) error = NULL;

    started = g_get_monotonic_time ();
    g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_successful (process));
    duration_ms = (g_get_monotonic_time () - started) / 1000;

    archive = bd_test_open_archive (fixture->archive);
    g_assert_cmpuint (take_announcements (archive, output, &state), ==, BATCHES_PER_RUN);
    check_edits (archive, &state);
    bd_test_assert_verified (archive);
  }

  for (guint round = 0; round < KILL_ROUNDS; round++)
    {
      g_autoptr(GSubprocess) process = spawn_edits (fixture, state.last_done + 1);
      g_autoptr(BdArchive) archive = NULL;
      g_autofree char *output = NULL;
      guint delay_ms = g_test_rand_int_range (0, duration_ms + 1);
      gboolean finished = kill_after (process, delay_ms, &output);
      guint n_announced;

      archive = bd_test_open_archive (fixture->archive);
      bd_test_assert_verified (archive);
      n_announced = take_announcements (archive, output, &state);
      check_edits (archive, &state);

      n_killed += finished ? 0 : 1;
      g_test_message ("round %u: %s after %u of ~%u ms; %u batches announced, %u reports left",
                      round, finished ? "finished" : "killed", delay_ms, duration_ms,
                      n_announced, bd_archive_count_reports (archive));
    }

  /* the next run carries on where the last announced batch left off, to the end */
  {
    g_autoptr(GSubprocess) process = spawn_edits (fixture, state.last_done + 1);
    g_autoptr(BdArchive) archive = NULL;
    g_autofree char *output = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_successful (process));

    archive = bd_test_open_archive (fixture->archive);
    g_assert_cmpuint (take_announcements (archive, output, &state), ==, BATCHES_PER_RUN);
    check_edits (archive, &state);
    bd_test_assert_verified (archive);
  }
  g_test_message ("%u of %u runs killed, %d batches done", n_killed, KILL_ROUNDS,
                  state.last_done + 1);
}

/* The originals are smaller where compressing takes longer, so each export takes about as long. */
static const ExportCase export_cases[] = {
  { "zip", 128 * 1024 },
  { "tar.gz", 128 * 1024 },
  { "tar.xz", 8 * 1024 },
  { "7z", 8 * 1024 },
};

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--edit-child"))
    return run_edit_child (argv[2], atoi (argv[3]), atoi (argv[4]));

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("BAODAO_CLI");
  if (cli_path == NULL)
    g_error ("BAODAO_CLI must name the built baodao-cli");

  for (guint i = 0; i < G_N_ELEMENTS (export_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/crash/export/%s", export_cases[i].format);

      g_test_add (path, Fixture, &export_cases[i], fixture_set_up, test_crash_export,
                  fixture_tear_down);
    }
  g_test_add ("/core/crash/edits", Fixture, NULL, fixture_set_up, test_crash_edits,
              fixture_tear_down);

  return g_test_run ();
}
