/* test-concurrency.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bd-archive.h"
#include "bd-importer.h"
#include "bd-report.h"
#include "bd-test-fixtures.h"

/* The desktop app and baodao-cli on one archive at the same time, and an import that must not
 * reach out to the network whatever the pages it reads point at. The client runs as built, as a
 * script would run it. */

/* Enough that the import outlasts three client start-ups after its first batch is announced,
 * even now that originals are flushed a batch at a time. */
#define N_FIRST   500
#define N_SECOND  5

static const char *cli_path;

typedef struct
{
  char *dir;
  char *data_home;   /* XDG_DATA_HOME of every run, so no run finds a real archive */
  char *archive;
  char *first;
  char *second;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

/* @prefix: programs to run the client under, or NULL */
static CliRun *
run_cli (Fixture            *fixture,
         const char * const *prefix,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *asan_options = g_getenv ("ASAN_OPTIONS");
  CliRun *run = g_new0 (CliRun, 1);

  for (guint i = 0; prefix != NULL && prefix[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)prefix[i]);
  g_ptr_array_add (argv, (char *)cli_path);
  g_ptr_array_add (argv, "--archive");
  g_ptr_array_add (argv, fixture->archive);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **)argv->pdata);

      g_test_message ("$ %s", line);
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_unsetenv (launcher, "BAODAO_ARCHIVE");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->data_home, TRUE);
  /* LeakSanitizer cannot stop the world under a tracer and would fail the run */
  if (prefix != NULL && asan_options != NULL)
    {
      g_autofree char *options = g_strconcat (asan_options, ":detect_leaks=0", NULL);

      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  if (g_test_verbose ())
    g_test_message ("exit %d\n%s%s", run->status, run->out, run->err);

  return run;
}

static CliRun *cli (Fixture *fixture, ...) G_GNUC_NULL_TERMINATED;

static CliRun *
cli (Fixture *fixture,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, fixture);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_cli (fixture, NULL, (const char * const *)args->pdata);
}

static void
assert_status (CliRun *run,
               int     expected)
{
  if (run->status != expected)
    g_printerr ("exit %d\nstdout:\n%s\nstderr:\n%s\n", run->status, run->out, run->err);
  g_assert_cmpint (run->status, ==, expected);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The titles of every report `list --json` prints, sorted. */
static GPtrArray *
listed_titles (Fixture *fixture)
{
  g_autoptr(CliRun) run = cli (fixture, "list", "--json", NULL);
  g_autoptr(JsonObject) object = NULL;
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  JsonArray *results;

  assert_status (run, 0);
  object = parse_object (run->out);
  results = json_object_get_array_member (object, "results");
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==,
                   json_array_get_length (results));
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *report = json_array_get_object_element (results, i);

      g_ptr_array_add (titles, g_strdup (json_object_get_string_member (report, "title")));
    }
  g_ptr_array_sort (titles, compare_strings);

  return titles;
}

static char *
report_title (const char *batch,
              guint       n)
{
  return g_strdup_printf ("竹溪县%s第%03u号报道", batch, n);
}

/* Reports long enough that extracting and indexing each takes a moment, each unlike the others
 * so that none is a duplicate. */
static void
write_reports (const char *dir,
               const char *batch,
               guint       n_reports)
{
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  for (guint n = 0; n < n_reports; n++)
    {
      g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = report_title (batch, n);
      g_autofree char *page_title = g_strconcat (title, "_十堰新闻网", NULL);
      g_autofree char *name = g_strdup_printf ("%s-%03u.html", batch, n);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      BdSampleHtml spec = {
        .title = page_title,
        .heading = title,
        .source = "十堰日报",
        .byline_date = "2023-08-15 09:12",
      };

      for (guint p = 0; p < 12; p++)
        g_ptr_array_add (paragraphs,
                         g_strdup_printf ("竹溪县%s第%u篇第%u段：全县茶园面积达到四十万亩，"
                                          "茶农人均增收%u元，乡村振兴取得新成效。",
                                          batch, n, p, 3000 + n * 13 + p));
      g_ptr_array_add (paragraphs, NULL);
      spec.paragraphs = (const char * const *)paragraphs->pdata;

      g_assert_true (bd_sample_write_html (path, &spec, &error));
      g_assert_no_error (error);
    }
}

static GPtrArray *
expected_titles (const char *first_batch,
                 guint       n_first,
                 const char *second_batch,
                 guint       n_second)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint n = 0; n < n_first; n++)
    g_ptr_array_add (titles, report_title (first_batch, n));
  for (guint n = 0; n < n_second; n++)
    g_ptr_array_add (titles, report_title (second_batch, n));
  g_ptr_array_sort (titles, compare_strings);

  return titles;
}

static void
assert_titles (GPtrArray *titles,
               GPtrArray *expected)
{
  g_assert_cmpuint (titles->len, ==, expected->len);
  for (guint i = 0; i < titles->len; i++)
    g_assert_cmpstr (g_ptr_array_index (titles, i), ==, g_ptr_array_index (expected, i));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = bd_test_make_tmp_dir ();
  fixture->data_home = g_build_filename (fixture->dir, "data", NULL);
  fixture->archive = g_build_filename (fixture->dir, "archive", NULL);
  fixture->first = g_build_filename (fixture->dir, "first", NULL);
  fixture->second = g_build_filename (fixture->dir, "second", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->data_home, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  _bd_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_home);
  g_free (fixture->archive);
  g_free (fixture->first);
  g_free (fixture->second);
}

/* The desktop app imports while a script uses the client */

typedef struct
{
  Fixture   *fixture;
  GMainLoop *loop;
  gboolean   done;
  gboolean   ok;
  gboolean   checked;
  guint      progress_calls;
} SharedRun;

/* Runs on the main thread while the import goes on in its workers; the clients run to their end
 * before this returns, so the import cannot take its lock back before they have tried. */
static void
check_clients_during_import (SharedRun *state)
{
  Fixture *fixture = state->fixture;
  g_autoptr(CliRun) search = NULL;
  g_autoptr(CliRun) list = NULL;
  g_autoptr(CliRun) import = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *busy = NULL;
  JsonArray *results;

  /* Readers go first: the refused import after them shows the import was running all along. */
  search = cli (fixture, "search", "竹溪", "--json", NULL);
  assert_status (search, 0);
  object = parse_object (search->out);
  results = json_object_get_array_member (object, "results");
  g_assert_cmpint (json_object_get_int_member (object, "total"), <=, N_FIRST);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *report = json_array_get_object_element (results, i);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (report, "title"),
                                       "竹溪县甲"));
    }
  g_clear_pointer (&object, json_object_unref);

  list = cli (fixture, "list", "--json", NULL);
  assert_status (list, 0);
  object = parse_object (list->out);
  g_assert_cmpint (json_object_get_int_member (object, "total"), <=, N_FIRST);

  import = cli (fixture, "import", fixture->second, NULL);
  if (import->status == 0)
    g_error ("The import finished before the client tried its own; nothing was tested:\n%s%s",
             import->out, import->err);
  g_assert_true (import->status == 1 || import->status == 2);
  busy = g_strdup_printf ("Another import into %s is running; try again when it has finished",
                          fixture->archive);
  if (strstr (import->err, busy) == NULL)
    g_error ("The refused import did not say why:\n%s", import->err);
  g_assert_null (strstr (import->out, "Imported"));
  g_assert_false (state->done);
}

static void
on_shared_progress (BdImporter *importer,
                    guint       done,
                    guint       total,
                    const char *path,
                    gpointer    user_data)
{
  SharedRun *state = user_data;

  state->progress_calls++;
  if (state->checked)
    return;
  state->checked = TRUE;
  check_clients_during_import (state);
}

static void
on_shared_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SharedRun *state = user_data;
  g_autoptr(GError) error = NULL;

  state->ok = bd_importer_run_finish (BD_IMPORTER (object), result, &error);
  g_assert_no_error (error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

static void
test_concurrency_gui_and_cli (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(CliRun) verify = NULL;
  g_autoptr(CliRun) again = NULL;
  const char *paths[] = { fixture->first, NULL };
  SharedRun state = { fixture, loop, FALSE, FALSE, FALSE, 0 };

  write_reports (fixture->first, "甲", N_FIRST);
  write_reports (fixture->second, "乙", N_SECOND);

  archive = bd_archive_open (fixture->archive, &error);
  g_assert_no_error (error);
  importer = bd_importer_new (archive);
  /* one worker, as on a slow laptop: the import outlasts the clients' start-up */
  bd_importer_set_n_workers (importer, 1);

  g_signal_connect (importer, "progress", G_CALLBACK (on_shared_progress), &state);
  bd_importer_run_async (importer, paths, NULL, on_shared_done, &state);
  g_main_loop_run (loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (state.ok);
  g_assert_true (state.checked);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, N_FIRST);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_FAILED), ==, 0);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, N_FIRST);

  verify = cli (fixture, "verify", NULL);
  assert_status (verify, 0);

  /* exactly the first folder: the refused import left nothing behind */
  titles = listed_titles (fixture);
  expected = expected_titles ("甲", N_FIRST, NULL, 0);
  assert_titles (titles, expected);
  g_clear_pointer (&titles, g_ptr_array_unref);
  g_clear_pointer (&expected, g_ptr_array_unref);

  again = cli (fixture, "import", fixture->second, NULL);
  assert_status (again, 0);
  g_assert_nonnull (strstr (again->out, "Imported 5, duplicates 0, failed 0."));

  titles = listed_titles (fixture);
  expected = expected_titles ("甲", N_FIRST, "乙", N_SECOND);
  assert_titles (titles, expected);
  g_clear_pointer (&verify, cli_run_free);
  verify = cli (fixture, "verify", NULL);
  assert_status (verify, 0);
}

/* No network */

typedef struct
{
  const char *file;
  const char *head;   /* markup in <head> */
  const char *body;   /* markup in <body> before the article */
  const char *tail;   /* markup in <body> after the article */
} RemotePage;

/* Addresses as IP literals too, so that a fetch would connect without asking DNS first. */
static const RemotePage remote_pages[] = {
  { "base.html",
    "<base href=\"http://93.184.216.34/news/\">",
    "<img src=\"photo.jpg\"><a href=\"next.html\">下一篇</a>" },
  { "images.html",
    "",
    "<img src=\"http://img.example.com/a.jpg\" srcset=\"https://img.example.com/a2.jpg 2x\">"
    "<picture><source srcset=\"https://[2606:2800:220:1::248]/b.webp\"><img src=\"//cdn.example.com/b.jpg\"></picture>"
    "<video poster=\"http://93.184.216.34/poster.jpg\" src=\"http://93.184.216.34/v.mp4\"></video>"
    "<object data=\"http://93.184.216.34/x.swf\"></object>"
    "<svg><image href=\"http://93.184.216.34/z.png\"/></svg>"
    "<embed src=\"http://93.184.216.34/y.swf\">",
    "" },
  { "styles.html",
    "<link rel=\"stylesheet\" href=\"https://static.example.com/site.css\">"
    "<link rel=\"preconnect\" href=\"https://93.184.216.34\"><link rel=\"dns-prefetch\" href=\"//example.org\">"
    "<style>@import url(\"http://93.184.216.34/more.css\");"
    "body { background: url(http://93.184.216.34/bg.png); }</style>",
    "<div style=\"background-image: url('https://93.184.216.34/div.png')\"></div>" },
  { "scripts.html",
    "<script src=\"http://93.184.216.34/jquery.js\"></script>"
    "<script async src=\"https://hm.baidu.com/hm.js?0123\"></script>",
    "<script>fetch('http://93.184.216.34/beacon');"
    "new XMLHttpRequest().open('GET', 'http://93.184.216.34/x');</script>"
    "<noscript><img src=\"http://93.184.216.34/pixel.gif\"></noscript>" },
  { "frames.html",
    "<meta http-equiv=\"refresh\" content=\"30; url=http://93.184.216.34/\">",
    "<iframe src=\"http://93.184.216.34/ad.html\"></iframe>"
    "<iframe srcdoc=\"&lt;img src='http://93.184.216.34/in-srcdoc.png'&gt;\"></iframe>" },
  { "fonts.html",
    "<link rel=\"preload\" as=\"font\" href=\"https://fonts.example.com/noto.woff2\" crossorigin>"
    "<style>@font-face { font-family: Noto; src: url(http://93.184.216.34/noto.woff2) "
    "format(\"woff2\"), url(//fonts.example.com/noto.ttf); }</style>",
    "" },
};

static char *
remote_page_paragraph (guint n,
                       guint p)
{
  return g_strdup_printf ("竹溪县第%u篇外链网页第%u段：县融媒体中心记者走进茶园，"
                          "记录茶农采摘春茶的忙碌景象，全县茶叶产值持续增长。", n, p);
}

static char *
remote_page_title (guint n)
{
  return g_strdup_printf ("竹溪县外链网页第%u篇", n);
}

static void
write_remote_pages (const char *dir)
{
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  for (guint n = 0; n < G_N_ELEMENTS (remote_pages); n++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autofree char *title = remote_page_title (n);
      g_autofree char *path = g_build_filename (dir, remote_pages[n].file, NULL);
      g_autoptr(GError) error = NULL;

      g_string_append_printf (html,
                              "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                              "<title>%s_竹溪新闻网</title>%s</head>\n<body>%s"
                              "<article><h1>%s</h1><div class=\"info\">来源：竹溪融媒 "
                              "2023-08-20 10:00</div>\n",
                              title, remote_pages[n].head, remote_pages[n].body, title);
      for (guint p = 0; p < 4; p++)
        {
          g_autofree char *paragraph = remote_page_paragraph (n, p);

          g_string_append_printf (html, "<p>%s</p>\n", paragraph);
        }
      g_string_append_printf (html, "</article>%s</body></html>\n",
                              remote_pages[n].tail != NULL ? remote_pages[n].tail : "");

      g_assert_true (g_file_set_contents (path, html->str, html->len, &error));
      g_assert_no_error (error);
    }
}

/* The path of a strace that can trace here (not in every container), or %NULL after skipping
 * the test. */
static char *
find_strace (void)
{
  g_autofree char *strace = g_find_program_in_path ("strace");
  g_autofree char *probe_err = NULL;
  g_autoptr(GError) error = NULL;
  const char *probe[] = { NULL, "-f", "-o", "/dev/null", "true", NULL };
  int probe_status;

  if (strace == NULL)
    {
      g_test_skip ("strace is not installed");
      return NULL;
    }
  probe[0] = strace;
  if (!g_spawn_sync (NULL, (char **)probe, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &probe_err, &probe_status, &error) ||
      !g_spawn_check_wait_status (probe_status, NULL))
    {
      g_autofree char *message = g_strdup_printf ("strace cannot trace here: %s",
                                                  error != NULL ? error->message : probe_err);

      g_test_skip (message);
      return NULL;
    }

  return g_steal_pointer (&strace);
}

static void
test_concurrency_no_network (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *strace = find_strace ();
  g_autofree char *log = g_build_filename (fixture->dir, "strace.log", NULL);
  g_autofree char *trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_auto(GStrv) lines = NULL;
  const char *prefix[] = { NULL, "-f", "-e", "trace=socket,connect", "-o", log, NULL };
  const char *args[] = { "import", NULL, NULL };
  guint n_sockets = 0;

  if (strace == NULL)
    return;

  write_remote_pages (fixture->first);
  prefix[0] = strace;
  args[1] = fixture->first;
  run = run_cli (fixture, prefix, args);
  assert_status (run, 0);
  g_assert_nonnull (strstr (run->out, "Imported 6, duplicates 0, failed 0."));

  g_assert_true (g_file_get_contents (log, &trace, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (trace, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* AF_INET also matches AF_INET6; local sockets such as D-Bus's and the journal's are fine */
      if (strstr (lines[i], "AF_INET") != NULL)
        {
          g_printerr ("network access: %s\n", lines[i]);
          n_sockets++;
        }
    }
  g_assert_cmpuint (n_sockets, ==, 0);

  archive = bd_archive_open (fixture->archive, &error);
  g_assert_no_error (error);
  reports = bd_archive_list_reports (archive, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, G_N_ELEMENTS (remote_pages));
  for (guint n = 0; n < G_N_ELEMENTS (remote_pages); n++)
    {
      g_autoptr(BdReport) report = NULL;
      g_autofree char *title = remote_page_title (n);
      gint64 id = 0;

      for (guint i = 0; i < reports->len; i++)
        if (g_str_equal (bd_report_get_file_name (g_ptr_array_index (reports, i)),
                         remote_pages[n].file))
          id = bd_report_get_id (g_ptr_array_index (reports, i));
      g_assert_cmpint (id, >, 0);

      report = bd_archive_get_report (archive, id, TRUE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (bd_report_get_title (report), ==, title);
      for (guint p = 0; p < 4; p++)
        {
          g_autofree char *paragraph = remote_page_paragraph (n, p);

          if (strstr (bd_report_get_text (report), paragraph) == NULL)
            g_error ("%s lacks “%s”:\n%s", remote_pages[n].file, paragraph,
                     bd_report_get_text (report));
        }
      g_assert_null (strstr (bd_report_get_text (report), "93.184.216.34"));
    }
}

/* Imports the remote pages, then runs `baodao-cli ARGS` under @strace with @options and
 * returns the lines of its trace. */
static GStrv
trace_after_import (Fixture            *fixture,
                    const char         *strace,
                    const char * const *options,
                    const char * const *args)
{
  g_autofree char *log = g_build_filename (fixture->dir, "strace.log", NULL);
  g_autofree char *trace = NULL;
  g_autoptr(GPtrArray) prefix = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) run = NULL;
  const char *import_args[] = { "import", fixture->first, NULL };

  write_remote_pages (fixture->first);
  import = run_cli (fixture, NULL, import_args);
  assert_status (import, 0);

  g_ptr_array_add (prefix, (char *)strace);
  for (guint i = 0; options[i] != NULL; i++)
    g_ptr_array_add (prefix, (char *)options[i]);
  g_ptr_array_add (prefix, "-o");
  g_ptr_array_add (prefix, log);
  g_ptr_array_add (prefix, NULL);
  run = run_cli (fixture, (const char * const *)prefix->pdata, args);
  assert_status (run, 0);

  g_assert_true (g_file_get_contents (log, &trace, NULL, &error));
  g_assert_no_error (error);
  return g_strsplit (trace, "\n", -1);
}

/* A backup is on the disk before it takes its name, and its name is on the disk before the
 * backup is announced: a USB stick pulled out after "backed up" holds the whole backup. */
static void
test_concurrency_backup_durable (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *strace = find_strace ();
  g_autofree char *destination = g_build_filename (fixture->dir, "backup", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdArchive) backup = NULL;
  g_auto(GStrv) lines = NULL;
  const char *options[] = { "-f", "-e", "trace=fsync,syncfs,rename,renameat,renameat2", NULL };
  const char *backup_args[] = { "backup", destination, NULL };
  guint n_syncfs_before = 0;
  guint n_fsync_before = 0;
  int rename_line = -1;
  int first_sync_after = -1;

  if (strace == NULL)
    return;

  lines = trace_after_import (fixture, strace, options, backup_args);
  for (int i = 0; lines[i] != NULL; i++)
    {
      gboolean is_sync = strstr (lines[i], "fsync(") != NULL || strstr (lines[i], "syncfs(") != NULL;

      if (rename_line < 0 && strstr (lines[i], "rename") != NULL &&
          strstr (lines[i], ".backup.partial-") != NULL)
        rename_line = i;
      else if (is_sync && rename_line < 0)
        {
          n_syncfs_before += strstr (lines[i], "syncfs(") != NULL;
          n_fsync_before += strstr (lines[i], "fsync(") != NULL;
        }
      else if (is_sync && first_sync_after < 0)
        first_sync_after = i;
    }
  g_assert_cmpint (rename_line, >=, 0);
  /* the whole file system at once, or each original and more (the database, the folders) */
  g_assert_true (n_syncfs_before > 0 || n_fsync_before > G_N_ELEMENTS (remote_pages));
  g_assert_cmpint (first_sync_after, >, rename_line);

  backup = bd_archive_open (destination, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bd_archive_count_reports (backup), ==, G_N_ELEMENTS (remote_pages));
  bd_test_assert_verified (backup);
}

/* An exported bundle is on the disk before it takes its name, and its name is on the disk
 * before the export is announced: a USB stick pulled out after "exported" holds the bundle. */
static void
test_concurrency_export_durable (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *strace = find_strace ();
  g_autofree char *bundle = g_build_filename (fixture->dir, "bundle.zip", NULL);
  g_auto(GStrv) lines = NULL;
  const char *options[] = { "-f", "-y", "-e", "trace=fsync,fdatasync,rename,renameat,renameat2",
                            NULL };
  const char *export_args[] = { "export", "-o", bundle, NULL };
  int rename_line = -1;
  int bundle_sync = -1;
  int folder_sync = -1;

  if (strace == NULL)
    return;

  lines = trace_after_import (fixture, strace, options, export_args);
  for (int i = 0; lines[i] != NULL; i++)
    {
      gboolean is_sync = strstr (lines[i], "fsync(") != NULL ||
                         strstr (lines[i], "fdatasync(") != NULL;
      g_autofree char *folder = g_strdup_printf ("<%s>", fixture->dir);

      if (rename_line < 0 && strstr (lines[i], "rename") != NULL &&
          strstr (lines[i], bundle) != NULL)
        rename_line = i;
      else if (is_sync && rename_line < 0 && strstr (lines[i], "bundle.zip") != NULL)
        bundle_sync = i;
      else if (is_sync && rename_line >= 0 && strstr (lines[i], folder) != NULL)
        folder_sync = i;
    }
  g_assert_cmpint (rename_line, >=, 0);
  g_assert_cmpint (bundle_sync, >=, 0);
  g_assert_cmpint (folder_sync, >, rename_line);
  g_assert_true (g_file_test (bundle, G_FILE_TEST_IS_REGULAR));
}

/* A deletion's commit is on the disk before its originals go: after a power cut, a report whose
 * row came back still has its original. */
static void
test_concurrency_delete_durable (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *strace = find_strace ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_auto(GStrv) lines = NULL;
  const char *options[] = { "-f", "-y", "-e", "trace=pwrite64,fsync,fdatasync,unlink,unlinkat",
                            NULL };
  const char *delete_args[] = { "delete", "--yes", "1", "2", NULL };
  int last_commit = -1;
  int last_sync = -1;
  int first_unlink = -1;

  if (strace == NULL)
    return;

  lines = trace_after_import (fixture, strace, options, delete_args);
  for (int i = 0; lines[i] != NULL && first_unlink < 0; i++)
    {
      gboolean on_database = strstr (lines[i], ".sqlite3-wal>") != NULL ||
                             strstr (lines[i], ".sqlite3>") != NULL;

      if (strstr (lines[i], "unlink") != NULL && strstr (lines[i], "/originals/") != NULL)
        first_unlink = i;
      else if (strstr (lines[i], "pwrite64(") != NULL && on_database)
        last_commit = i;
      else if ((strstr (lines[i], "fsync(") != NULL || strstr (lines[i], "fdatasync(") != NULL) &&
               on_database)
        last_sync = i;
    }
  g_assert_cmpint (first_unlink, >, 0);
  g_assert_cmpint (last_commit, >=, 0);
  g_assert_cmpint (last_sync, >, last_commit);

  archive = bd_archive_open (fixture->archive, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, G_N_ELEMENTS (remote_pages) - 2);
  bd_test_assert_verified (archive);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("BAODAO_CLI");
  g_assert_nonnull (cli_path);

  g_test_add ("/core/concurrency/gui-and-cli", Fixture, NULL,
              fixture_set_up, test_concurrency_gui_and_cli, fixture_tear_down);
  g_test_add ("/core/concurrency/no-network", Fixture, NULL,
              fixture_set_up, test_concurrency_no_network, fixture_tear_down);
  g_test_add ("/core/concurrency/backup-durable", Fixture, NULL,
              fixture_set_up, test_concurrency_backup_durable, fixture_tear_down);
  g_test_add ("/core/concurrency/export-durable", Fixture, NULL,
              fixture_set_up, test_concurrency_export_durable, fixture_tear_down);
  g_test_add ("/core/concurrency/delete-durable", Fixture, NULL,
              fixture_set_up, test_concurrency_delete_durable, fixture_tear_down);

  return g_test_run ();
}
