/* test-cli.c
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

#include "bd-test-fixtures.h"

/* The tests run the built baodao-cli as a script would, so they see only what it prints. */

#define OK      0
#define FAILED  1
#define USAGE   2

static const char *cli_path;
static char *data_home;        /* XDG_DATA_HOME of every run, so no run finds a real archive */
static char *shared_tmp;
static char *shared_reports;   /* the corpus, imported once for the tests that only read */
static char *shared_archive;
static GHashTable *shared_ids; /* file name → report id as a string */

typedef struct
{
  const char *file;
  const char *title;
  const char *source;      /* the byline's 来源 */
  const char *epaper;      /* for a PDF: the e-paper header naming outlet and date */
  const char *date;
  const char *outlet;      /* what the import makes of the source */
  const char *level;
  const char *paragraphs[3];
} CorpusReport;

static const CorpusReport corpus[] = {
  { "people.html", "竹溪县茶产业助力乡村振兴", "人民网", NULL, "2023-08-15", "人民日报", "national",
    { "竹溪县茶产业综合产值突破54.49亿元，茶农人均增收三千元。",
      "今年以来，全县GDP增长8.2%，新建了5G基站152个。" } },
  { "jingchu.html", "竹溪县能力作风建设年活动启动", "荆楚网", NULL, "2023-09-30", "荆楚网",
    "provincial",
    { "竹溪县开展能力作风建设年活动，干部走进田间地头。",
      "全县网络信息安全宣传周同步启动。" } },
  { "shiyan.htm", "十堰日报聚焦竹溪基层党建", "十堰日报", NULL, "2023-07-02", "十堰日报",
    "municipal",
    { "记者走进竹溪县各乡镇，聚焦基层党建工作。",
      "党建引领乡村振兴取得新成效。" } },
  { "life.html", "县城新开一家茶馆", "某某生活网", NULL, "2023-10-01", "某某生活网", "unset",
    { "县城新开一家茶馆，市民纷纷前来品茶。",
      "店主通过网络直播介绍本地好茶。" } },
  { "rongmei.html", "县融媒体中心开展业务培训", "竹溪融媒", NULL, "2023-08-20", "竹溪融媒", "unset",
    { "竹溪县融媒体中心组织全体采编人员开展新闻业务培训。",
      "培训围绕短视频制作和舆论引导展开。" } },
  { "湖北日报第3版.pdf", "竹溪：茶园里的共同富裕路", NULL, "湖北日报 2023年5月12日 第3版",
    "2023-05-12", "湖北日报", "provincial",
    { "茶园里，茶农们正忙着采摘春茶，县里的技术人员在田间地头指导茶农科学管护，提高茶叶品质。",
      "竹溪县坚持以茶产业为抓手，走出一条乡村振兴的共同富裕路，全县茶园面积达到四十万亩。" } },
};

/* Running the client */

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

/* @archive_env: $BAODAO_ARCHIVE, or NULL to leave it unset */
static CliRun *
run_argv (const char         *archive_env,
          const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CliRun *run = g_new0 (CliRun, 1);

  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **)argv);

      g_test_message ("$ %s", line);
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  if (archive_env != NULL)
    g_subprocess_launcher_setenv (launcher, "BAODAO_ARCHIVE", archive_env, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "BAODAO_ARCHIVE");

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  /* communicate_utf8 also checks that everything printed is UTF-8 */
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  if (g_test_verbose ())
    g_test_message ("exit %d\n%s%s", run->status, run->out, run->err);

  return run;
}

/* Runs `baodao-cli --archive ARCHIVE COMMAND [--json] ARG…`; --json goes before the arguments
 * so that a "--" among them still ends the options. */
static CliRun *
run_command (const char         *archive,
             gboolean            json,
             const char         *command,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *)cli_path);
  if (archive != NULL)
    {
      g_ptr_array_add (argv, "--archive");
      g_ptr_array_add (argv, (char *)archive);
    }
  if (command != NULL)
    g_ptr_array_add (argv, (char *)command);
  if (json)
    g_ptr_array_add (argv, "--json");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  return run_argv (NULL, (const char * const *)argv->pdata);
}

static CliRun *
run_va (const char *archive,
        gboolean    json,
        const char *command,
        va_list     args)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new ();
  const char *arg;

  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (array, (char *)arg);
  g_ptr_array_add (array, NULL);

  return run_command (archive, json, command, (const char * const *)array->pdata);
}

static CliRun *cli (const char *archive, const char *command, ...) G_GNUC_NULL_TERMINATED;

static CliRun *
cli (const char *archive,
     const char *command,
     ...)
{
  va_list args;
  CliRun *run;

  va_start (args, command);
  run = run_va (archive, FALSE, command, args);
  va_end (args);

  return run;
}

static void
assert_status (CliRun *run,
               int     expected)
{
  if (run->status != expected)
    g_printerr ("stdout:\n%s\nstderr:\n%s\n", run->out, run->err);
  g_assert_cmpint (run->status, ==, expected);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *cli_json (const char *archive,
                           int         expected_status,
                           const char *command,
                           ...) G_GNUC_NULL_TERMINATED;

/* Runs a command with --json, checks its exit status and returns what it printed, parsed. */
static JsonNode *
cli_json (const char *archive,
          int         expected_status,
          const char *command,
          ...)
{
  g_autoptr(CliRun) run = NULL;
  va_list args;

  va_start (args, command);
  run = run_va (archive, TRUE, command, args);
  va_end (args);

  assert_status (run, expected_status);
  return parse_json (run->out);
}

static void
assert_no_sql (const char *text)
{
  static const char * const words[] = {
    "SQL", "sqlite", "fts5", "syntax error", "malformed", "unterminated", "no such column", NULL
  };

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (text, words[i]) != NULL)
      g_error ("the database shows through: “%s”", text);
}

/* The corpus */

static char *
write_report (const char         *dir,
              const CorpusReport *report)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, report->file, NULL);

  if (report->epaper != NULL)
    {
      g_autofree char *body = g_strjoinv ("\n", (char **)report->paragraphs);
      const char *const pages[] = { body, NULL };
      BdSamplePdf spec = {
        .title = "Microsoft Word - 稿件.doc",
        .created = "2023-01-01T10:00:00",
        .header = report->epaper,
        .heading = report->title,
        .pages = pages,
      };

      g_assert_true (bd_sample_write_pdf (path, &spec, &error));
    }
  else
    {
      g_autofree char *page_title = g_strdup_printf ("%s_%s", report->title, report->source);
      g_autofree char *byline = g_strdup_printf ("%s 09:30", report->date);
      BdSampleHtml spec = {
        .title = page_title,
        .heading = report->title,
        .source = report->source,
        .byline_date = byline,
        .paragraphs = report->paragraphs,
      };

      g_assert_true (bd_sample_write_html (path, &spec, &error));
    }
  g_assert_no_error (error);

  return path;
}

static void
write_corpus (const char *dir)
{
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    g_free (write_report (dir, &corpus[i]));
}

static const CorpusReport *
corpus_report (const char *file)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    if (g_str_equal (corpus[i].file, file))
      return &corpus[i];

  g_error ("%s is not in the corpus", file);
}

static void
write_bytes (const char *path,
             const char *data,
             gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)data, length);
}

/* Reads an import's "items": file name → report id as a string, which is what the other
 * commands take. */
static GHashTable *
imported_ids (JsonObject *import)
{
  JsonArray *items = json_object_get_array_member (import, "items");
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (json_object_get_null_member (item, "report"))
        continue;
      g_hash_table_insert (ids,
                           g_path_get_basename (json_object_get_string_member (item, "path")),
                           g_strdup_printf ("%" G_GINT64_FORMAT,
                                            json_object_get_int_member (item, "report")));
    }

  return ids;
}

static GHashTable *
import_corpus (const char *archive,
               const char *dir)
{
  g_autoptr(JsonNode) root = cli_json (archive, OK, "import", dir, NULL);
  JsonObject *import = json_node_get_object (root);

  g_assert_cmpint (json_object_get_int_member (import, "imported"), ==, G_N_ELEMENTS (corpus));
  return imported_ids (import);
}

/* A fresh archive for the tests that change it */

typedef struct
{
  char       *tmp;
  char       *reports;
  char       *archive;
  GHashTable *ids;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp = bd_test_make_tmp_dir ();
  fixture->reports = g_build_filename (fixture->tmp, "reports", NULL);
  fixture->archive = g_build_filename (fixture->tmp, "archive", NULL);
  write_corpus (fixture->reports);
}

/* …with the corpus imported */
static void
fixture_set_up_imported (Fixture       *fixture,
                         gconstpointer  data)
{
  fixture_set_up (fixture, data);
  fixture->ids = import_corpus (fixture->archive, fixture->reports);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  _bd_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->reports);
  g_free (fixture->archive);
  g_clear_pointer (&fixture->ids, g_hash_table_unref);
}

static const char *
id_of (GHashTable *ids,
       const char *file)
{
  const char *id = g_hash_table_lookup (ids, file);

  g_assert_nonnull (id);
  return id;
}

static JsonObject *
show (JsonNode  **root,
      const char *archive,
      const char *id)
{
  *root = cli_json (archive, OK, "show", id, NULL);
  return json_node_get_object (*root);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

static gboolean
has_string (JsonArray  *array,
            const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_array_get_string_element (array, i), value))
      return TRUE;

  return FALSE;
}

/* import */

static void
test_import_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *junk = g_build_filename (fixture->reports, "junk", NULL);
  g_autofree char *random_pdf = g_build_filename (junk, "scan.pdf", NULL);
  g_autofree char *empty = g_build_filename (junk, "empty.pdf", NULL);
  g_autofree char *png = g_build_filename (junk, "photo.png", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) list = NULL;
  const char * const junk_names[] = { "scan.pdf", "empty.pdf", "photo.png", NULL };
  char noise[4096];
  JsonObject *import;
  JsonArray *failed;
  JsonArray *reports;

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  g_assert_cmpint (g_mkdir (junk, 0755), ==, 0);
  write_bytes (random_pdf, noise, sizeof noise);
  write_bytes (empty, "", 0);
  write_bytes (png, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

  /* some files failed: exit status 1, and the rest is imported all the same */
  root = cli_json (fixture->archive, FAILED, "import", fixture->reports, NULL);
  import = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (import, "imported"), ==, G_N_ELEMENTS (corpus));
  g_assert_cmpint (json_object_get_int_member (import, "duplicates"), ==, 0);
  g_assert_false (json_object_get_boolean_member (import, "cancelled"));

  failed = json_object_get_array_member (import, "failed");
  g_assert_cmpuint (json_array_get_length (failed), ==, 3);
  for (guint i = 0; i < json_array_get_length (failed); i++)
    {
      JsonObject *failure = json_array_get_object_element (failed, i);
      const char *path = json_object_get_string_member (failure, "path");
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_true (g_strv_contains (junk_names, name));
      g_assert_cmpstr (dir, ==, junk);
      /* the reason names the file, so a long list of failures can be read on its own */
      g_assert_nonnull (strstr (json_object_get_string_member (failure, "error"), name));
    }

  reports = json_object_get_array_member (import, "reports");
  g_assert_cmpuint (json_array_get_length (reports), ==, G_N_ELEMENTS (corpus));
  for (guint i = 0; i < json_array_get_length (reports); i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = json_array_get_int_element (reports, i);
      g_assert_cmpint (*id, >, 0);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
    }

  ids = imported_ids (import);
  g_assert_cmpuint (g_hash_table_size (ids), ==, G_N_ELEMENTS (corpus));
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      const CorpusReport *expected = &corpus[i];
      g_autofree char *path = g_build_filename (fixture->reports, expected->file, NULL);
      g_autofree char *sha256 = file_sha256 (path);
      g_autoptr(JsonNode) shown = NULL;
      JsonObject *report = show (&shown, fixture->archive, id_of (ids, expected->file));
      g_autofree char *original_sha256 = NULL;

      g_test_message ("%s", expected->file);
      g_assert_cmpstr (json_object_get_string_member (report, "title"), ==, expected->title);
      g_assert_cmpstr (json_object_get_string_member (report, "outlet"), ==, expected->outlet);
      g_assert_cmpstr (json_object_get_string_member (report, "level"), ==, expected->level);
      g_assert_cmpstr (json_object_get_string_member (report, "date"), ==, expected->date);
      g_assert_cmpstr (json_object_get_string_member (report, "source_path"), ==, path);
      g_assert_cmpstr (json_object_get_string_member (report, "file_name"), ==, expected->file);
      g_assert_cmpstr (json_object_get_string_member (report, "media_type"), ==,
                       expected->epaper != NULL ? "application/pdf" : "text/html");
      g_assert_cmpstr (json_object_get_string_member (report, "sha256"), ==, sha256);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "tags")),
                        ==, 0);

      /* the stored original is the file, byte for byte */
      original_sha256 = file_sha256 (json_object_get_string_member (report, "original"));
      g_assert_cmpstr (original_sha256, ==, sha256);
    }

  /* again, without the junk: everything is a duplicate of what is there, and that is success */
  _bd_remove_tree (junk);
  again = cli_json (fixture->archive, OK, "import", fixture->reports, NULL);
  import = json_node_get_object (again);
  g_assert_cmpint (json_object_get_int_member (import, "imported"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (import, "duplicates"), ==, G_N_ELEMENTS (corpus));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (import, "failed")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (import, "reports")),
                    ==, 0);
  {
    g_autoptr(GHashTable) same = imported_ids (import);

    /* a duplicate names the report it duplicates */
    for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
      g_assert_cmpstr (id_of (same, corpus[i].file), ==, id_of (ids, corpus[i].file));
  }

  list = cli_json (fixture->archive, OK, "list", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (list), "total"), ==,
                   G_N_ELEMENTS (corpus));
}

static void
test_import_human (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (fixture->reports, "empty.pdf", NULL);
  g_autoptr(CliRun) first = NULL;
  g_autoptr(CliRun) again = NULL;
  g_autofree char *summary = NULL;

  write_bytes (empty, "", 0);

  first = cli (fixture->archive, "import", fixture->reports, NULL);
  assert_status (first, FAILED);
  summary = g_strdup_printf ("Imported %u, duplicates 0, failed 1.\n",
                             (guint)G_N_ELEMENTS (corpus));
  g_assert_cmpstr (first->out, ==, summary);
  /* the failures go to stderr, with the path and the reason */
  g_assert_true (g_str_has_prefix (first->err, "Failed: "));
  g_assert_nonnull (strstr (first->err, empty));

  g_assert_cmpint (g_unlink (empty), ==, 0);
  again = cli (fixture->archive, "import", fixture->reports, NULL);
  assert_status (again, OK);
  g_clear_pointer (&summary, g_free);
  summary = g_strdup_printf ("Imported 0, duplicates %u, failed 0.\n",
                             (guint)G_N_ELEMENTS (corpus));
  g_assert_cmpstr (again->out, ==, summary);
  /* no progress counter when stderr is not a terminal */
  g_assert_cmpstr (again->err, ==, "");
}

static void
test_import_level_and_tags (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *people = g_build_filename (fixture->reports, "people.html", NULL);
  g_autofree char *shiyan = g_build_filename (fixture->reports, "shiyan.htm", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(CliRun) bad = NULL;
  JsonArray *reports;

  /* a bad level is a usage error before anything is imported */
  bad = cli (fixture->archive, "import", "--level", "county", people, NULL);
  assert_status (bad, USAGE);
  g_assert_nonnull (strstr (bad->err, "“county” is not a level"));

  root = cli_json (fixture->archive, OK, "import", "--level", "municipal",
                   "--tag", "乡村振兴", "-t", "第三季度", people, shiyan, NULL);
  reports = json_object_get_array_member (json_node_get_object (root), "reports");
  g_assert_cmpuint (json_array_get_length (reports), ==, 2);

  list = cli_json (fixture->archive, OK, "list", NULL);
  reports = json_object_get_array_member (json_node_get_object (list), "results");
  g_assert_cmpuint (json_array_get_length (reports), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *report = json_array_get_object_element (reports, i);
      JsonArray *tags = json_object_get_array_member (report, "tags");

      /* 人民网 would be national: the level given wins over the outlet's */
      g_assert_cmpstr (json_object_get_string_member (report, "level"), ==, "municipal");
      g_assert_cmpuint (json_array_get_length (tags), ==, 2);
      g_assert_true (has_string (tags, "乡村振兴"));
      g_assert_true (has_string (tags, "第三季度"));
    }
}

/* search, on the shared archive */

typedef struct
{
  const char *path;
  const char *args[8];
  const char *expected;   /* the files found, by name, space-separated */
} SearchCase;

#define PDF "湖北日报第3版.pdf"

static const SearchCase search_cases[] = {
  { "/cli/search/one-char", { "茶" }, "people.html life.html " PDF },
  { "/cli/search/two-chars", { "党建" }, "shiyan.htm" },
  { "/cli/search/phrase", { "\"乡村振兴\"" }, "people.html shiyan.htm " PDF },
  { "/cli/search/phrase-apart", { "\"茶农增收\"" }, "" },
  { "/cli/search/words-apart", { "茶农", "增收" }, "people.html" },
  { "/cli/search/nothing", { "北京" }, "" },
  { "/cli/search/latin-chinese", { "GDP增长" }, "people.html" },
  { "/cli/search/percent", { "8.2%" }, "people.html" },
  { "/cli/search/digits-chinese", { "5G基站" }, "people.html" },
  { "/cli/search/decimal", { "54.49亿元" }, "people.html" },
  { "/cli/search/latin-lower", { "gdp" }, "people.html" },
  { "/cli/search/traditional", { "網絡" }, "jingchu.html life.html" },
  { "/cli/search/simplified", { "网络" }, "jingchu.html life.html" },
  { "/cli/search/full-width", { "ＧＤＰ" }, "people.html" },
  { "/cli/search/full-width-traditional", { "ＧＤＰ增長" }, "people.html" },
  { "/cli/search/or", { "党建", "OR", "培训" }, "shiyan.htm rongmei.html" },
  { "/cli/search/or-chinese", { "党建 或 培训" }, "shiyan.htm rongmei.html" },
  { "/cli/search/exclude", { "竹溪 -茶" }, "jingchu.html shiyan.htm rongmei.html" },
  { "/cli/search/exclude-only", { "--", "-竹溪" }, "life.html" },
  { "/cli/search/not-only", { "NOT 竹溪" }, "life.html" },
  { "/cli/search/and", { "竹溪 AND 茶" }, "people.html " PDF },
  { "/cli/search/all", { "竹溪" }, "people.html jingchu.html shiyan.htm rongmei.html " PDF },
  { "/cli/search/level", { "竹溪", "--level", "provincial" }, "jingchu.html " PDF },
  { "/cli/search/level-chinese", { "竹溪", "-l", "省级" }, "jingchu.html " PDF },
  { "/cli/search/levels", { "竹溪", "--level", "national", "--level", "municipal" },
    "people.html shiyan.htm" },
  { "/cli/search/level-unset", { "县", "--level", "unset" }, "life.html rongmei.html" },
  { "/cli/search/level-typed", { "竹溪 level:省级" }, "jingchu.html " PDF },
  { "/cli/search/outlet", { "竹溪", "--outlet", "荆楚" }, "jingchu.html" },
  { "/cli/search/outlet-full", { "竹溪", "-o", "人民日报" }, "people.html" },
  { "/cli/search/outlet-typed", { "outlet:十堰日报 竹溪" }, "shiyan.htm" },
  { "/cli/search/tag", { "竹溪", "--tag", "乡村振兴" }, "people.html shiyan.htm" },
  { "/cli/search/tags", { "竹溪", "--tag", "乡村振兴", "--tag", "重点" }, "shiyan.htm" },
  { "/cli/search/tag-typed", { "tag:乡村振兴 茶" }, "people.html" },
  { "/cli/search/from-to", { "竹溪", "--from", "2023-08-01", "--to", "2023-09-30" },
    "people.html jingchu.html rongmei.html" },
  { "/cli/search/from-month", { "竹溪", "--from", "2023-08" },
    "people.html jingchu.html rongmei.html" },
  { "/cli/search/to-month", { "竹溪", "--to", "2023-07" }, "shiyan.htm " PDF },
  { "/cli/search/quarter", { "竹溪", "--quarter", "2023Q3" },
    "people.html jingchu.html shiyan.htm rongmei.html" },
  { "/cli/search/quarter-one-char", { "茶", "-q", "2023Q3" }, "people.html" },
  { "/cli/search/quarter-4", { "茶", "--quarter", "2023Q4" }, "life.html" },
  { "/cli/search/quarter-typed", { "2023Q2 竹溪" }, PDF },
  { "/cli/search/month-typed", { "date:2023-08 竹溪" }, "people.html rongmei.html" },
  { "/cli/search/filters-only", { "--level", "provincial" }, "jingchu.html " PDF },
};

static char *
sorted_words (char **words)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (sorted, words[i]);
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);

  return g_strjoinv (" ", (char **)sorted->pdata);
}

static void
test_search_case (gconstpointer data)
{
  const SearchCase *test = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) expected_files = g_strsplit (test->expected, " ", -1);
  g_autofree char *expected = sorted_words (expected_files);
  g_autofree char *found = NULL;
  g_autofree GStrv files = NULL;
  JsonObject *search;
  JsonArray *results;
  guint n;

  g_ptr_array_add (args, "--limit");
  g_ptr_array_add (args, "0");
  for (guint i = 0; test->args[i] != NULL; i++)
    g_ptr_array_add (args, (char *)test->args[i]);
  g_ptr_array_add (args, NULL);

  run = run_command (shared_archive, TRUE, "search", (const char * const *)args->pdata);
  assert_status (run, OK);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  search = json_node_get_object (root);
  results = json_object_get_array_member (search, "results");
  n = json_array_get_length (results);
  g_assert_cmpint (json_object_get_int_member (search, "total"), ==, n);

  files = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      const char *source = json_object_get_string_member (result, "source_path");

      files[i] = (char *)json_object_get_string_member (result, "file_name");
      /* the file name is the one in the folder imported from */
      g_assert_true (g_str_has_prefix (source, shared_reports));
      g_assert_true (g_str_has_suffix (source, files[i]));
    }
  found = sorted_words (files);
  g_assert_cmpstr (found, ==, expected);
}

static JsonObject *
search_json (JsonNode   **root,
             const char  *query,
             const char  *limit)
{
  *root = cli_json (shared_archive, OK, "search", "--limit", limit, query, NULL);
  return json_node_get_object (*root);
}

static void
test_search_fields (void)
{
  const CorpusReport *people = corpus_report ("people.html");
  g_autofree char *path = g_build_filename (shared_reports, "people.html", NULL);
  g_autofree char *sha256 = file_sha256 (path);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *search = search_json (&root, "GDP增长", "20");
  JsonArray *results = json_object_get_array_member (search, "results");
  JsonObject *result;
  JsonArray *tags;
  JsonArray *hits;
  const char *snippet;

  g_assert_cmpstr (json_object_get_string_member (search, "query"), ==, "GDP增长");
  g_assert_cmpint (json_object_get_int_member (search, "total"), ==, 1);
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  result = json_array_get_object_element (results, 0);

  g_assert_cmpint (json_object_get_int_member (result, "id"), ==,
                   g_ascii_strtoll (id_of (shared_ids, "people.html"), NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (result, "title"), ==, people->title);
  g_assert_cmpstr (json_object_get_string_member (result, "outlet"), ==, "人民日报");
  g_assert_cmpstr (json_object_get_string_member (result, "level"), ==, "national");
  g_assert_cmpstr (json_object_get_string_member (result, "date"), ==, "2023-08-15");
  g_assert_cmpstr (json_object_get_string_member (result, "source_path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (result, "sha256"), ==, sha256);
  tags = json_object_get_array_member (result, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "乡村振兴");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (result, "score")), ==,
                   G_TYPE_DOUBLE);

  /* the snippet shows the hit, and the hit's offsets are in characters */
  snippet = json_object_get_string_member (result, "snippet");
  g_assert_nonnull (strstr (snippet, "GDP增长8.2%"));
  hits = json_object_get_array_member (result, "snippet_hits");
  g_assert_cmpuint (json_array_get_length (hits), >=, 1);
  {
    JsonArray *hit = json_array_get_array_element (hits, 0);
    gint64 start = json_array_get_int_element (hit, 0);
    gint64 end = json_array_get_int_element (hit, 1);
    g_autofree char *marked = NULL;

    g_assert_cmpint (start, <, end);
    g_assert_cmpint (end, <=, g_utf8_strlen (snippet, -1));
    marked = g_utf8_substring (snippet, start, end);
    g_assert_true (g_str_has_prefix (marked, "GDP") || g_str_has_prefix (marked, "增长"));
  }
}

static void
test_search_limit (void)
{
  g_autoptr(JsonNode) all_root = NULL;
  g_autoptr(JsonNode) two_root = NULL;
  g_autoptr(JsonNode) default_root = NULL;
  g_autoptr(JsonNode) rest_root = NULL;
  JsonObject *all = search_json (&all_root, "竹溪", "0");
  JsonObject *two = search_json (&two_root, "竹溪", "2");
  JsonObject *by_default = NULL;
  JsonObject *rest;
  JsonArray *all_results = json_object_get_array_member (all, "results");
  JsonArray *two_results = json_object_get_array_member (two, "results");
  JsonArray *rest_results;
  double previous = G_MAXDOUBLE;

  /* total is always every report found, however many are shown */
  g_assert_cmpint (json_object_get_int_member (all, "total"), ==, 5);
  g_assert_cmpuint (json_array_get_length (all_results), ==, 5);
  g_assert_cmpint (json_object_get_int_member (two, "total"), ==, 5);
  g_assert_cmpuint (json_array_get_length (two_results), ==, 2);

  default_root = cli_json (shared_archive, OK, "search", "竹溪", NULL);
  by_default = json_node_get_object (default_root);
  g_assert_cmpint (json_object_get_int_member (by_default, "total"), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (by_default, "results")),
                    ==, 5);

  rest_root = cli_json (shared_archive, OK, "search", "--offset", "2", "-n", "10", "竹溪", NULL);
  rest = json_node_get_object (rest_root);
  rest_results = json_object_get_array_member (rest, "results");
  g_assert_cmpint (json_object_get_int_member (rest, "total"), ==, 5);
  g_assert_cmpuint (json_array_get_length (rest_results), ==, 3);

  /* the pages are the whole list, cut, in the order of relevance */
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *result = json_array_get_object_element (all_results, i);
      JsonObject *paged = i < 2 ? json_array_get_object_element (two_results, i)
                                : json_array_get_object_element (rest_results, i - 2);
      double score = json_object_get_double_member (result, "score");

      g_assert_cmpint (json_object_get_int_member (paged, "id"), ==,
                       json_object_get_int_member (result, "id"));
      g_assert_cmpfloat (score, <=, previous);
      previous = score;
    }
}

static void
test_search_human (void)
{
  g_autoptr(CliRun) one = cli (shared_archive, "search", "党建", NULL);
  g_autoptr(CliRun) limited = cli (shared_archive, "search", "--limit", "1", "竹溪", NULL);
  g_autofree char *heading = g_strdup_printf ("\n%s  十堰日报聚焦竹溪基层【党建】\n",
                                              id_of (shared_ids, "shiyan.htm"));

  assert_status (one, OK);
  g_assert_true (g_str_has_prefix (one->out, "1 report found\n"));
  /* not a terminal: the hits are marked so that they survive a pipe */
  g_assert_nonnull (strstr (one->out, heading));
  g_assert_nonnull (strstr (one->out, "    十堰日报 · Municipal · 2023-07-02\n"));
  g_assert_nonnull (strstr (one->out, "【党建】工作"));
  g_assert_null (strstr (one->out, "\033["));
  g_assert_cmpstr (one->err, ==, "");

  assert_status (limited, OK);
  g_assert_true (g_str_has_prefix (limited->out, "5 reports found (showing 1)\n"));
}

typedef struct
{
  const char *name;
  const char *query;
  gboolean    nothing;   /* says that there is nothing to search for */
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "quote", "\"", TRUE },
  { "star", "*", TRUE },
  { "caret", "^", TRUE },
  { "colon", ":", TRUE },
  { "minus", "-", TRUE },
  { "or", "OR", TRUE },
  { "parentheses", "(((", TRUE },
  { "not", "NOT", TRUE },
  { "and", "AND", TRUE },
  { "near", "NEAR(竹溪 茶)", FALSE },
  { "open-quote", "\"竹溪", FALSE },
  { "close-quote", "竹溪\"", FALSE },
  { "prefix", "竹溪*", FALSE },
  { "trailing-or", "竹溪 OR", FALSE },
  { "leading-not", "NOT 竹溪", FALSE },
  { "empty-filter", "level:", TRUE },
  { "empty-outlet", "outlet:\"", TRUE },
  { "unknown-filter", "title:竹溪", FALSE },
  { "bad-period", "2023Q9 竹溪", FALSE },
  { "braces", "{竹溪}", FALSE },
  { "injection", "'; DROP TABLE reports; --", FALSE },
  { "backslash", "\\", TRUE },
  { "punctuation", "，。！？、", TRUE },
  { "only-minus-word", "-竹溪", FALSE },
};

static void
test_search_hostile (gconstpointer data)
{
  const HostileCase *test = data;
  const char * const args[] = { "--", test->query, NULL };
  g_autoptr(CliRun) human = run_command (shared_archive, FALSE, "search", args);
  g_autoptr(CliRun) json = run_command (shared_archive, TRUE, "search", args);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) list = NULL;

  assert_status (human, OK);
  assert_no_sql (human->err);
  assert_no_sql (human->out);
  if (test->nothing)
    {
      g_autofree char *message = g_strdup_printf ("There is nothing to search for in “%s”.\n",
                                                  test->query);

      g_assert_cmpstr (human->err, ==, message);
      g_assert_cmpstr (human->out, ==, "0 reports found\n");
    }
  else
    g_assert_cmpstr (human->err, ==, "");

  assert_status (json, OK);
  g_assert_cmpstr (json->err, ==, "");
  root = parse_json (json->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "total"), >=, 0);
  if (test->nothing)
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "total"), ==, 0);

  /* and the archive is as it was */
  list = cli_json (shared_archive, OK, "list", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (list), "total"), ==,
                   G_N_ELEMENTS (corpus));
}

/* show and list */

static void
test_show (void)
{
  const char *id = id_of (shared_ids, "people.html");
  g_autofree char *path = g_build_filename (shared_reports, "people.html", NULL);
  g_autofree char *sha256 = file_sha256 (path);
  g_autofree char *original_sha256 = NULL;
  g_autoptr(CliRun) human = cli (shared_archive, "show", id, NULL);
  g_autoptr(CliRun) text = cli (shared_archive, "show", "--text", id, NULL);
  g_autoptr(CliRun) missing = cli (shared_archive, "show", "99999", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) with_text = NULL;
  g_autofree char *number = g_strdup_printf ("Number:      %s\n", id);
  g_autofree char *imported = g_strdup_printf ("Imported:    %s\n", path);
  g_autofree char *hash = g_strdup_printf ("SHA-256:     %s\n", sha256);
  JsonObject *report;

  assert_status (human, OK);
  g_assert_true (g_str_has_prefix (human->out, "竹溪县茶产业助力乡村振兴\n\n"));
  g_assert_nonnull (strstr (human->out, number));
  g_assert_nonnull (strstr (human->out, "Outlet:      人民日报\n"));
  g_assert_nonnull (strstr (human->out, "Level:       National\n"));
  g_assert_nonnull (strstr (human->out, "Date:        2023-08-15\n"));
  g_assert_nonnull (strstr (human->out, "Tags:        乡村振兴\n"));
  g_assert_nonnull (strstr (human->out, imported));
  g_assert_nonnull (strstr (human->out, hash));
  g_assert_null (strstr (human->out, "GDP增长8.2%"));

  assert_status (text, OK);
  g_assert_true (g_str_has_prefix (text->out, human->out));
  g_assert_nonnull (strstr (text->out, "今年以来，全县GDP增长8.2%，新建了5G基站152个。"));

  report = show (&root, shared_archive, id);
  g_assert_false (json_object_has_member (report, "text"));
  original_sha256 = file_sha256 (json_object_get_string_member (report, "original"));
  g_assert_cmpstr (original_sha256, ==, sha256);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (report, "original"),
                                   shared_archive));

  with_text = cli_json (shared_archive, OK, "show", "--text", id, NULL);
  report = json_node_get_object (with_text);
  g_assert_nonnull (strstr (json_object_get_string_member (report, "text"),
                            "竹溪县茶产业综合产值突破54.49亿元"));

  /* a number that names no report fails, and says which */
  assert_status (missing, FAILED);
  g_assert_cmpstr (missing->out, ==, "");
  g_assert_nonnull (strstr (missing->err, "99999"));
}

static void
test_list (void)
{
  static const char * const newest_first[] = {
    "life.html", "jingchu.html", "rongmei.html", "people.html", "shiyan.htm", PDF,
  };
  g_autoptr(JsonNode) root = cli_json (shared_archive, OK, "list", NULL);
  g_autoptr(JsonNode) provincial = cli_json (shared_archive, OK, "list", "--level", "provincial",
                                             NULL);
  g_autoptr(CliRun) human = cli (shared_archive, "list", NULL);
  JsonObject *list = json_node_get_object (root);
  JsonArray *results = json_object_get_array_member (list, "results");

  g_assert_cmpint (json_object_get_int_member (list, "total"), ==, G_N_ELEMENTS (corpus));
  g_assert_cmpuint (json_array_get_length (results), ==, G_N_ELEMENTS (newest_first));
  for (guint i = 0; i < G_N_ELEMENTS (newest_first); i++)
    {
      JsonObject *report = json_array_get_object_element (results, i);

      g_assert_cmpstr (json_object_get_string_member (report, "file_name"), ==, newest_first[i]);
      g_assert_cmpstr (json_object_get_string_member (report, "date"), ==,
                       corpus_report (newest_first[i])->date);
    }

  g_assert_cmpint (json_object_get_int_member (json_node_get_object (provincial), "total"), ==, 2);

  assert_status (human, OK);
  g_assert_true (g_str_has_prefix (human->out, "6 reports found\n"));
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    g_assert_nonnull (strstr (human->out, corpus[i].title));
}

/* $BAODAO_ARCHIVE names the archive when --archive does not, and --archive may follow the
 * command. */
static void
test_archive_option (void)
{
  const char * const by_env[] = { cli_path, "list", "--json", NULL };
  const char * const after[] = { cli_path, "list", "--json", "--archive", shared_archive, NULL };
  const char * const short_option[] = { cli_path, "-a", shared_archive, "list", "--json", NULL };
  const char * const * const argvs[] = { by_env, after, short_option };

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    {
      g_autoptr(CliRun) run = run_argv (i == 0 ? shared_archive : NULL, argvs[i]);
      g_autoptr(JsonNode) root = NULL;

      assert_status (run, OK);
      root = parse_json (run->out);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "total"), ==,
                       G_N_ELEMENTS (corpus));
    }
}

/* tag */

static void
assert_report (const char *archive,
               const char *id,
               const char *level,
               const char *date,
               const char *tags)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = show (&root, archive, id);
  JsonArray *array = json_object_get_array_member (report, "tags");
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (found, (char *)json_array_get_string_element (array, i));
  g_ptr_array_sort (found, compare_strings);
  g_ptr_array_add (found, NULL);
  joined = g_strjoinv (" ", (char **)found->pdata);

  g_assert_cmpstr (json_object_get_string_member (report, "level"), ==, level);
  g_assert_cmpstr (json_object_get_string_member (report, "date"), ==, date);
  g_assert_cmpstr (joined, ==, tags);
}

static void
test_tag (Fixture       *fixture,
          gconstpointer  data)
{
  const char *people = id_of (fixture->ids, "people.html");
  const char *jingchu = id_of (fixture->ids, "jingchu.html");
  const char *life = id_of (fixture->ids, "life.html");
  const char *rongmei = id_of (fixture->ids, "rongmei.html");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(CliRun) human = NULL;
  JsonArray *reports;
  JsonObject *report;

  /* several reports at once */
  root = cli_json (fixture->archive, OK, "tag", people, jingchu, "--level", "municipal",
                   "--add", "重点", "--add", "第三季度", NULL);
  reports = json_object_get_array_member (json_node_get_object (root), "reports");
  g_assert_cmpuint (json_array_get_length (reports), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reports, i),
                                                    "level"), ==, "municipal");
  assert_report (fixture->archive, people, "municipal", "2023-08-15", "第三季度 重点");
  assert_report (fixture->archive, jingchu, "municipal", "2023-09-30", "第三季度 重点");

  human = cli (fixture->archive, "tag", people, jingchu, people, "--remove", "重点", NULL);
  assert_status (human, OK);
  g_assert_cmpstr (human->out, ==, "Changed 2 reports.\n");
  assert_report (fixture->archive, people, "municipal", "2023-08-15", "第三季度");
  assert_report (fixture->archive, jingchu, "municipal", "2023-09-30", "第三季度");

  /* a new outlet brings its level along, and an alias is stored as the outlet it names */
  g_clear_pointer (&root, json_node_unref);
  root = cli_json (fixture->archive, OK, "tag", rongmei, "--outlet", "人民网", NULL);
  report = show (&shown, fixture->archive, rongmei);
  g_assert_cmpstr (json_object_get_string_member (report, "outlet"), ==, "人民日报");
  g_assert_cmpstr (json_object_get_string_member (report, "level"), ==, "national");

  /* …but not over a level set by hand */
  g_clear_pointer (&root, json_node_unref);
  root = cli_json (fixture->archive, OK, "tag", jingchu, "--outlet", "竹溪县广播电视台", NULL);
  g_clear_pointer (&shown, json_node_unref);
  report = show (&shown, fixture->archive, jingchu);
  g_assert_cmpstr (json_object_get_string_member (report, "outlet"), ==, "竹溪县广播电视台");
  g_assert_cmpstr (json_object_get_string_member (report, "level"), ==, "municipal");

  /* the title and the date, and search sees both */
  g_clear_pointer (&root, json_node_unref);
  root = cli_json (fixture->archive, OK, "tag", "--title", "县城茶馆隆重开业", "--date",
                   "2023-09-05", life, NULL);
  g_clear_pointer (&shown, json_node_unref);
  report = show (&shown, fixture->archive, life);
  g_assert_cmpstr (json_object_get_string_member (report, "title"), ==, "县城茶馆隆重开业");
  g_assert_cmpstr (json_object_get_string_member (report, "date"), ==, "2023-09-05");
  found = cli_json (fixture->archive, OK, "search", "隆重", "--quarter", "2023Q3", NULL);
  reports = json_object_get_array_member (json_node_get_object (found), "results");
  g_assert_cmpuint (json_array_get_length (reports), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reports, 0),
                                                  "title"), ==, "县城茶馆隆重开业");
}

static void
test_tag_all_or_nothing (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *people = id_of (fixture->ids, "people.html");
  const char *shiyan = id_of (fixture->ids, "shiyan.htm");
  const char * const bad_dates[] = { "2023-13-45", "2023-02-30", "yesterday", NULL };

  for (guint i = 0; bad_dates[i] != NULL; i++)
    {
      g_autoptr(CliRun) run = cli (fixture->archive, "tag", people, shiyan, "--date", bad_dates[i],
                                   "--add", "坏", "--level", "provincial", NULL);

      g_test_message ("--date %s", bad_dates[i]);
      g_assert_cmpint (run->status, !=, OK);
      g_assert_nonnull (strstr (run->err, bad_dates[i]));
      assert_no_sql (run->err);
      assert_report (fixture->archive, people, "national", "2023-08-15", "");
      assert_report (fixture->archive, shiyan, "municipal", "2023-07-02", "");
    }

  /* one report that is not there, and the others do not change either */
  {
    g_autoptr(CliRun) run = cli (fixture->archive, "tag", people, "99999", "--add", "坏", NULL);

    assert_status (run, FAILED);
    g_assert_nonnull (strstr (run->err, "99999"));
    assert_report (fixture->archive, people, "national", "2023-08-15", "");
  }

  /* an empty date clears it */
  {
    g_autoptr(CliRun) run = cli (fixture->archive, "tag", shiyan, "--date", "", NULL);
    g_autoptr(JsonNode) root = NULL;
    JsonObject *report;

    assert_status (run, OK);
    report = show (&root, fixture->archive, shiyan);
    g_assert_true (json_object_get_null_member (report, "date"));
  }
}

/* delete */

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  const char *people = id_of (fixture->ids, "people.html");
  const char *shiyan = id_of (fixture->ids, "shiyan.htm");
  g_autoptr(CliRun) unconfirmed = cli (fixture->archive, "delete", people, NULL);
  g_autoptr(CliRun) gone = NULL;
  g_autoptr(CliRun) verify = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autofree char *original = NULL;

  assert_status (unconfirmed, USAGE);
  g_assert_nonnull (strstr (unconfirmed->err, "--yes"));
  original = g_strdup (json_object_get_string_member (show (&shown, fixture->archive, people),
                                                      "original"));
  g_assert_true (g_file_test (original, G_FILE_TEST_IS_REGULAR));

  /* a report named twice is removed once */
  root = cli_json (fixture->archive, OK, "delete", "--yes", people, shiyan, people, NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "removed"), ==, 2);

  gone = cli (fixture->archive, "show", people, NULL);
  assert_status (gone, FAILED);
  g_assert_false (g_file_test (original, G_FILE_TEST_EXISTS));
  list = cli_json (fixture->archive, OK, "list", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (list), "total"), ==,
                   G_N_ELEMENTS (corpus) - 2);
  found = cli_json (fixture->archive, OK, "search", "GDP", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (found), "total"), ==, 0);

  verify = cli (fixture->archive, "verify", NULL);
  assert_status (verify, OK);
}

/* stats and outlets */

static void
sum_levels (JsonObject *levels,
            gint64     *sum)
{
  static const char * const nicks[] = { "national", "provincial", "municipal", "unset" };

  *sum = 0;
  g_assert_cmpuint (json_object_get_size (levels), ==, G_N_ELEMENTS (nicks));
  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    *sum += json_object_get_int_member (levels, nicks[i]);
}

static void
test_stats (void)
{
  static const struct { const char *month; gint64 total; } months[] = {
    { "2023-07", 1 }, { "2023-08", 2 }, { "2023-09", 1 },
  };
  g_autoptr(JsonNode) root = cli_json (shared_archive, OK, "stats", "--quarter", "2023Q3", NULL);
  g_autoptr(JsonNode) everything = cli_json (shared_archive, OK, "stats", NULL);
  g_autoptr(JsonNode) month_root = cli_json (shared_archive, OK, "stats", "--quarter", "2023-07",
                                             NULL);
  g_autoptr(CliRun) human = cli (shared_archive, "stats", "-q", "2023Q3", NULL);
  JsonObject *stats = json_node_get_object (root);
  JsonObject *levels = json_object_get_object_member (stats, "levels");
  JsonArray *array;
  const char *summary = json_object_get_string_member (stats, "summary");
  gint64 sum;

  g_assert_cmpstr (json_object_get_string_member (stats, "from"), ==, "2023-07-01");
  g_assert_cmpstr (json_object_get_string_member (stats, "to"), ==, "2023-09-30");
  g_assert_cmpint (json_object_get_int_member (stats, "total"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (levels, "national"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (levels, "provincial"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (levels, "municipal"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (levels, "unset"), ==, 1);
  sum_levels (levels, &sum);
  g_assert_cmpint (sum, ==, 4);

  array = json_object_get_array_member (stats, "months");
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (months));
  sum = 0;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      JsonObject *month = json_array_get_object_element (array, i);
      gint64 month_levels;

      g_assert_cmpstr (json_object_get_string_member (month, "month"), ==, months[i].month);
      g_assert_cmpint (json_object_get_int_member (month, "total"), ==, months[i].total);
      sum_levels (json_object_get_object_member (month, "levels"), &month_levels);
      g_assert_cmpint (month_levels, ==, months[i].total);
      sum += months[i].total;
    }
  g_assert_cmpint (sum, ==, 4);

  array = json_object_get_array_member (stats, "outlets");
  sum = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *outlet = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (outlet, "outlet"), "人民日报"))
        g_assert_cmpstr (json_object_get_string_member (outlet, "level"), ==, "national");
      sum += json_object_get_int_member (outlet, "count");
    }
  g_assert_cmpint (sum, ==, 4);

  g_assert_cmpstr (summary, ==,
                   "In the third quarter of 2023, 4 reports were published, of which 1 in "
                   "national media, 1 in provincial media and 1 in municipal media. 1 more report "
                   "is not yet classified.");

  assert_status (human, OK);
  g_assert_true (g_str_has_prefix (human->out, summary));
  g_assert_nonnull (strstr (human->out, "\n2023-08   \t1\t0\t0\t1\t2\n"));
  g_assert_nonnull (strstr (human->out, "\nTotal     \t1\t1\t1\t1\t4\n"));

  /* one report, one sentence in the singular */
  stats = json_node_get_object (month_root);
  g_assert_cmpstr (json_object_get_string_member (stats, "summary"), ==,
                   "In 7/2023, 1 report was published, of which 0 in national media, 0 in "
                   "provincial media and 1 in municipal media.");

  stats = json_node_get_object (everything);
  g_assert_true (json_object_get_null_member (stats, "from"));
  g_assert_cmpint (json_object_get_int_member (stats, "total"), ==, G_N_ELEMENTS (corpus));
  sum_levels (json_object_get_object_member (stats, "levels"), &sum);
  g_assert_cmpint (sum, ==, G_N_ELEMENTS (corpus));
}

static JsonObject *
find_outlet (JsonArray  *outlets,
             const char *name)
{
  for (guint i = 0; i < json_array_get_length (outlets); i++)
    {
      JsonObject *outlet = json_array_get_object_element (outlets, i);

      if (g_str_equal (json_object_get_string_member (outlet, "name"), name))
        return outlet;
    }

  return NULL;
}

static void
test_outlets_list (void)
{
  static const struct { const char *name; const char *level; } known[] = {
    { "人民日报", "national" }, { "荆楚网", "provincial" }, { "湖北日报", "provincial" },
    { "十堰日报", "municipal" },
  };
  g_autoptr(JsonNode) root = cli_json (shared_archive, OK, "outlets", NULL);
  g_autoptr(JsonNode) listed = cli_json (shared_archive, OK, "outlets", "list", NULL);
  g_autoptr(CliRun) human = cli (shared_archive, "outlets", "list", NULL);
  JsonArray *outlets = json_node_get_array (root);
  JsonObject *people;

  g_assert_cmpuint (json_array_get_length (outlets), ==,
                    json_array_get_length (json_node_get_array (listed)));
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      JsonObject *outlet = find_outlet (outlets, known[i].name);

      g_assert_nonnull (outlet);
      g_assert_cmpstr (json_object_get_string_member (outlet, "level"), ==, known[i].level);
      g_assert_false (json_object_get_boolean_member (outlet, "local"));
    }
  people = find_outlet (outlets, "人民日报");
  g_assert_true (has_string (json_object_get_array_member (people, "aliases"), "人民网"));
  g_assert_null (find_outlet (outlets, "竹溪融媒"));

  assert_status (human, OK);
  g_assert_nonnull (strstr (human->out, "National\t人民日报（"));
}

static void
test_outlets_add (Fixture       *fixture,
                  gconstpointer  data)
{
  const CorpusReport by_hand = {
    "rongmei-2.html", "县融媒体中心举办开放日", "竹溪融媒", NULL, "2023-08-21", "竹溪融媒", "national",
    { "县融媒体中心举办开放日活动。" },
  };
  g_autofree char *path = write_report (fixture->tmp, &by_hand);
  g_autoptr(JsonNode) imported = cli_json (fixture->archive, OK, "import", "--level", "national",
                                           path, NULL);
  g_autoptr(GHashTable) ids = imported_ids (json_node_get_object (imported));
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) outlets = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(CliRun) no_level = cli (fixture->archive, "outlets", "add", "某某生活网", NULL);
  g_autoptr(CliRun) human = NULL;
  JsonObject *added;
  JsonObject *removed;
  JsonObject *outlet;

  assert_status (no_level, USAGE);
  g_assert_nonnull (strstr (no_level->err, "--level"));

  root = cli_json (fixture->archive, OK, "outlets", "add", "竹溪融媒", "--level", "municipal", NULL);
  added = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (added, "name"), ==, "竹溪融媒");
  g_assert_cmpstr (json_object_get_string_member (added, "level"), ==, "municipal");
  /* the imported report takes the outlet's level; the one given a level by hand keeps it */
  g_assert_cmpint (json_object_get_int_member (added, "reclassified"), ==, 1);
  assert_report (fixture->archive, id_of (fixture->ids, "rongmei.html"), "municipal", "2023-08-20",
                 "");
  assert_report (fixture->archive, id_of (ids, "rongmei-2.html"), "national", "2023-08-21", "");

  outlets = cli_json (fixture->archive, OK, "outlets", NULL);
  outlet = find_outlet (json_node_get_array (outlets), "竹溪融媒");
  g_assert_nonnull (outlet);
  g_assert_cmpstr (json_object_get_string_member (outlet, "level"), ==, "municipal");
  g_assert_true (json_object_get_boolean_member (outlet, "local"));

  stats = cli_json (fixture->archive, OK, "stats", "--quarter", "2023Q3", NULL);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_node_get_object (stats), "levels"), "unset"), ==, 0);

  /* an outlet of the shipped list can be overridden for this archive */
  human = cli (fixture->archive, "outlets", "add", "荆楚网", "--level", "municipal", NULL);
  assert_status (human, OK);
  g_assert_cmpstr (human->out, ==, "Added 荆楚网 (Municipal); 1 report changed.\n");
  assert_report (fixture->archive, id_of (fixture->ids, "jingchu.html"), "municipal", "2023-09-30",
                 "");

  /* removing the override restores the shipped level; removing an added outlet unsets it */
  g_clear_pointer (&human, cli_run_free);
  human = cli (fixture->archive, "outlets", "remove", "荆楚网", NULL);
  assert_status (human, OK);
  g_assert_cmpstr (human->out, ==, "Restored 荆楚网 as shipped (Provincial); 1 report changed level.\n");
  assert_report (fixture->archive, id_of (fixture->ids, "jingchu.html"), "provincial", "2023-09-30",
                 "");

  g_clear_pointer (&root, json_node_unref);
  root = cli_json (fixture->archive, OK, "outlets", "remove", "竹溪融媒", NULL);
  removed = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (removed, "name"), ==, "竹溪融媒");
  g_assert_true (json_object_get_null_member (removed, "level"));
  g_assert_cmpint (json_object_get_int_member (removed, "reclassified"), ==, 1);
  assert_report (fixture->archive, id_of (fixture->ids, "rongmei.html"), "unset", "2023-08-20", "");
  assert_report (fixture->archive, id_of (ids, "rongmei-2.html"), "national", "2023-08-21", "");

  /* an outlet the archive never had is an error naming it, and changes nothing */
  g_clear_pointer (&human, cli_run_free);
  human = cli (fixture->archive, "outlets", "remove", "竹溪融媒", NULL);
  assert_status (human, FAILED);
  g_assert_nonnull (strstr (human->err, "竹溪融媒"));
}

/* A report stored under a byline the registry did not know becomes the outlet added with that
 * byline as another name; another outlet's name or web domain is refused, naming that outlet. */
static void
test_outlets_alias (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *rongmei = id_of (fixture->ids, "rongmei.html");
  g_autoptr(CliRun) human = cli (fixture->archive, "outlets", "add", "竹溪县融媒体中心",
                                 "--level", "municipal", "--alias", "竹溪融媒", NULL);
  g_autoptr(CliRun) taken = NULL;
  g_autoptr(CliRun) taken_domain = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonObject *report;

  assert_status (human, OK);
  g_assert_cmpstr (human->out, ==, "Added 竹溪县融媒体中心 (Municipal); 1 report changed.\n");
  report = show (&root, fixture->archive, rongmei);
  g_assert_cmpstr (json_object_get_string_member (report, "outlet"), ==, "竹溪县融媒体中心");
  g_assert_cmpstr (json_object_get_string_member (report, "level"), ==, "municipal");

  again = cli_json (fixture->archive, OK, "outlets", "add", "竹溪县融媒体中心",
                    "--level", "municipal", "--alias", "竹溪融媒", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "reclassified"),
                   ==, 0);

  taken = cli (fixture->archive, "outlets", "add", "竹溪新闻", "--level", "municipal",
               "--alias", "人民网", NULL);
  assert_status (taken, FAILED);
  g_assert_nonnull (strstr (taken->err, "“人民网” is another name of “人民日报”"));

  taken_domain = cli (fixture->archive, "outlets", "add", "竹溪新闻", "--level", "municipal",
                      "--domain", "www.people.com.cn", NULL);
  assert_status (taken_domain, FAILED);
  g_assert_nonnull (strstr (taken_domain->err,
                            "The web domain www.people.com.cn belongs to “人民日报”"));
}

/* verify and backup */

static void
test_verify (Fixture       *fixture,
             gconstpointer  data)
{
  const char *id = id_of (fixture->ids, "shiyan.htm");
  g_autoptr(CliRun) good = cli (fixture->archive, "verify", NULL);
  g_autoptr(JsonNode) good_json = cli_json (fixture->archive, OK, "verify", NULL);
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) bad_json = NULL;
  g_autoptr(CliRun) bad = NULL;
  g_autofree char *data_bytes = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *intact = g_strdup_printf ("All %u reports and their originals are intact.\n",
                                             (guint)G_N_ELEMENTS (corpus));
  const char *original;
  JsonArray *problems;
  gsize length;

  assert_status (good, OK);
  g_assert_cmpstr (good->out, ==, intact);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (good_json), "reports"), ==,
                   G_N_ELEMENTS (corpus));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (good_json), "problems")), ==, 0);

  /* one flipped bit in one stored original */
  original = json_object_get_string_member (show (&shown, fixture->archive, id), "original");
  g_assert_true (g_file_get_contents (original, &data_bytes, &length, NULL));
  data_bytes[length / 2] ^= 0x01;
  g_assert_cmpint (g_chmod (original, 0644), ==, 0);
  write_bytes (original, data_bytes, length);

  bad = cli (fixture->archive, "verify", NULL);
  assert_status (bad, FAILED);
  expected = g_strdup_printf ("Report %s “十堰日报聚焦竹溪基层党建”", id);
  g_assert_true (g_str_has_prefix (bad->out, expected));
  g_assert_cmpuint (strlen (strchr (bad->out, '\n')), ==, 1);

  bad_json = cli_json (fixture->archive, FAILED, "verify", NULL);
  problems = json_object_get_array_member (json_node_get_object (bad_json), "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  g_assert_true (g_str_has_prefix (json_array_get_string_element (problems, 0), expected));

  /* and one original gone */
  g_clear_pointer (&shown, json_node_unref);
  original = json_object_get_string_member (show (&shown, fixture->archive,
                                                  id_of (fixture->ids, "life.html")), "original");
  g_assert_cmpint (g_unlink (original), ==, 0);
  g_clear_pointer (&bad, cli_run_free);
  bad = cli (fixture->archive, "verify", NULL);
  assert_status (bad, FAILED);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Report %s “县城新开一家茶馆”: its original is missing",
                              id_of (fixture->ids, "life.html"));
  g_assert_nonnull (strstr (bad->out, expected));
  {
    g_auto(GStrv) lines = g_strsplit (bad->out, "\n", -1);

    /* the changed one, the missing one, and the empty string after the last line */
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
  }
}

/* export writes the bundle it says, refuses to overwrite it, and speaks of the reports chosen */
static void
test_export (void)
{
  g_autofree char *dir = g_build_filename (shared_tmp, "export", NULL);
  g_autofree char *bundle = g_build_filename (dir, "q3.tar.gz", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CliRun) again = NULL;
  g_autoptr(CliRun) usage = NULL;
  g_autoptr(CliRun) not_bundle = NULL;
  g_autoptr(JsonNode) verified = NULL;
  g_autofree char *sha256 = NULL;
  JsonObject *result;
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  root = cli_json (shared_archive, OK, "export", "--quarter", "2023Q3", "-o", bundle, NULL);
  result = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (result, "file"), ==, bundle);
  g_assert_cmpstr (json_object_get_string_member (result, "format"), ==, "tar.gz");
  /* people, jingchu, shiyan and rongmei are from the third quarter */
  g_assert_cmpint (json_object_get_int_member (result, "reports"), ==, 4);
  g_assert_cmpint (g_stat (bundle, &st), ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "bytes"), ==, st.st_size);
  sha256 = file_sha256 (bundle);
  g_assert_cmpstr (json_object_get_string_member (result, "sha256"), ==, sha256);

  again = cli (shared_archive, "export", "--quarter", "2023Q3", "-o", bundle, NULL);
  assert_status (again, FAILED);
  g_assert_nonnull (strstr (again->err, "already exists"));

  usage = cli (shared_archive, "export", "--format", "rar", "-o", bundle, NULL);
  assert_status (usage, USAGE);

  verified = cli_json (NULL, OK, "verify-bundle", bundle, NULL);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (verified), "ok"));

  not_bundle = cli (NULL, "verify-bundle", shared_archive, NULL);
  assert_status (not_bundle, FAILED);

  /* imported into another archive: the summary counts the reports, each an item of its own */
  {
    g_autofree char *other = g_build_filename (dir, "other-archive", NULL);
    g_autofree char *prefix = g_strconcat (bundle, " › ", NULL);
    g_autoptr(CliRun) imported = cli (other, "import", bundle, NULL);
    g_autoptr(JsonNode) again_root = NULL;
    JsonArray *items;

    assert_status (imported, OK);
    g_assert_cmpstr (imported->out, ==, "Imported 4, duplicates 0, failed 0.\n");

    again_root = cli_json (other, OK, "import", bundle, NULL);
    result = json_node_get_object (again_root);
    g_assert_cmpint (json_object_get_int_member (result, "imported"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (result, "duplicates"), ==, 4);
    items = json_object_get_array_member (result, "items");
    g_assert_cmpuint (json_array_get_length (items), ==, 4);
    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);

        g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "path"), prefix));
        g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "duplicate");
        g_assert_true (json_object_get_null_member (item, "message"));
      }
  }
}

static void
test_backup (void)
{
  g_autofree char *backup = g_build_filename (shared_tmp, "backup", NULL);
  g_autoptr(CliRun) run = cli (shared_archive, "backup", backup, NULL);
  g_autoptr(CliRun) again = NULL;
  g_autoptr(CliRun) verify = NULL;
  g_autoptr(JsonNode) original_root = cli_json (shared_archive, OK, "list", NULL);
  g_autoptr(JsonNode) backup_root = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *message = g_strdup_printf ("Backed up %u reports to %s.\n",
                                              (guint)G_N_ELEMENTS (corpus), backup);
  JsonArray *originals;
  JsonArray *copies;
  const char *stored;

  assert_status (run, OK);
  g_assert_cmpstr (run->out, ==, message);

  backup_root = cli_json (backup, OK, "list", NULL);
  originals = json_object_get_array_member (json_node_get_object (original_root), "results");
  copies = json_object_get_array_member (json_node_get_object (backup_root), "results");
  g_assert_cmpuint (json_array_get_length (copies), ==, G_N_ELEMENTS (corpus));
  g_assert_cmpuint (json_array_get_length (copies), ==, json_array_get_length (originals));
  for (guint i = 0; i < json_array_get_length (originals); i++)
    {
      JsonObject *original = json_array_get_object_element (originals, i);
      JsonObject *copy = json_array_get_object_element (copies, i);
      static const char * const members[] = {
        "title", "outlet", "level", "date", "sha256", "source_path",
      };

      g_assert_cmpint (json_object_get_int_member (copy, "id"), ==,
                       json_object_get_int_member (original, "id"));
      for (guint j = 0; j < G_N_ELEMENTS (members); j++)
        g_assert_cmpstr (json_object_get_string_member (copy, members[j]), ==,
                         json_object_get_string_member (original, members[j]));
    }

  /* the copy holds its own originals */
  stored = json_object_get_string_member (show (&shown, backup, id_of (shared_ids, "people.html")),
                                          "original");
  g_assert_true (g_str_has_prefix (stored, backup));
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  verify = cli (backup, "verify", NULL);
  assert_status (verify, OK);

  /* a backup never overwrites one that is there */
  again = cli (shared_archive, "backup", backup, NULL);
  assert_status (again, FAILED);
  g_assert_nonnull (strstr (again->err, backup));
}

/* usage */

typedef struct
{
  const char *name;
  const char *args[6];
  const char *message;
} UsageCase;

static const UsageCase usage_cases[] = {
  { "no-command", { NULL }, "Usage: baodao-cli [--archive DIR] COMMAND" },
  { "unknown-command", { "frobnicate" }, "“frobnicate” is not a command" },
  { "unknown-option", { "search", "--frobnicate", "竹溪" }, "--frobnicate" },
  { "search-level", { "search", "--level", "county", "x" }, "“county” is not a level" },
  { "search-quarter", { "search", "--quarter", "2023Q5", "x" }, "2023Q5" },
  { "search-from", { "search", "--from", "soon", "x" }, "soon" },
  { "search-limit", { "search", "--limit", "-1", "x" }, "cannot be negative" },
  { "list-query", { "list", "竹溪" }, "list takes no query" },
  { "show-word", { "show", "abc" }, "“abc” is not a report number" },
  { "show-zero", { "show", "0" }, "“0” is not a report number" },
  { "show-none", { "show" }, "Name one report" },
  { "show-two", { "show", "1", "2" }, "Name one report" },
  { "import-none", { "import" }, "Name the files or folders to import" },
  { "import-level", { "import", "--level", "county", "x.pdf" }, "“county” is not a level" },
  { "import-size", { "import", "--max-size", "-1", "x.pdf" }, "cannot be negative" },
  { "tag-nothing", { "tag", "1" }, "Say what to change" },
  { "tag-no-ids", { "tag", "--add", "x" }, "Name the reports" },
  { "tag-level", { "tag", "1", "--level", "county" }, "“county” is not a level" },
  { "delete-unconfirmed", { "delete", "1" }, "--yes" },
  { "delete-word", { "delete", "--yes", "one" }, "“one” is not a report number" },
  { "stats-argument", { "stats", "2023" }, "stats takes no arguments" },
  { "stats-period", { "stats", "--quarter", "2023Q5" }, "2023Q5" },
  { "stats-both", { "stats", "-q", "2023Q3", "--from", "2023-07" }, "either a period" },
  { "outlets-unknown", { "outlets", "frobnicate" }, "outlets list" },
  { "outlets-no-level", { "outlets", "add", "竹溪融媒" }, "--level" },
  { "backup-none", { "backup" }, "Name the folder" },
};

static void
test_usage (gconstpointer data)
{
  const UsageCase *test = data;
  g_autoptr(CliRun) run = run_command (shared_archive, FALSE, NULL, test->args);

  assert_status (run, USAGE);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, test->message));
  /* the command's own errors point at its --help */
  if (test->args[0] != NULL && !g_str_equal (test->name, "unknown-command"))
    {
      g_autofree char *hint = g_strdup_printf ("Run “baodao-cli %s --help”", test->args[0]);

      g_assert_nonnull (strstr (run->err, hint));
    }
}

static const char * const commands[] = {
  "import", "search", "list", "show", "tag", "delete", "stats", "outlets", "verify", "backup",
  "export", "verify-bundle",
};

static void
test_help (gconstpointer data)
{
  const char *command = data;
  const char * const args[] = { "--help", NULL };
  g_autoptr(CliRun) run = run_command (NULL, FALSE, command, args);
  g_autofree char *usage = g_strdup_printf ("Usage:\n  baodao-cli [OPTION…] %s", command);

  assert_status (run, OK);
  g_assert_true (g_str_has_prefix (run->out, usage));
  g_assert_nonnull (strstr (run->out, "--archive=DIR"));
  g_assert_nonnull (strstr (run->out, "--json"));
  g_assert_cmpstr (run->err, ==, "");
}

static void
test_help_global (void)
{
  const char * const args[] = { "--help", NULL };
  const char * const version_args[] = { "--version", NULL };
  g_autoptr(CliRun) run = run_command (NULL, FALSE, NULL, args);
  g_autoptr(CliRun) version = run_command (NULL, FALSE, NULL, version_args);
  g_autofree char *expected_version = g_strdup_printf ("baodao-cli %s\n", PACKAGE_VERSION);

  assert_status (version, OK);
  g_assert_cmpstr (version->out, ==, expected_version);

  assert_status (run, OK);
  g_assert_true (g_str_has_prefix (run->out, "Usage: baodao-cli [--archive DIR] COMMAND"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %-10s ", commands[i]);

      g_assert_nonnull (strstr (run->out, line));
    }
}

/* The shared archive: the corpus, tagged a little, for the tests that only read. */
static void
shared_set_up (void)
{
  g_autoptr(CliRun) tagged = NULL;
  g_autoptr(CliRun) more = NULL;

  shared_tmp = bd_test_make_tmp_dir ();
  data_home = g_build_filename (shared_tmp, "data-home", NULL);
  shared_reports = g_build_filename (shared_tmp, "reports", NULL);
  shared_archive = g_build_filename (shared_tmp, "archive", NULL);
  write_corpus (shared_reports);
  shared_ids = import_corpus (shared_archive, shared_reports);

  tagged = cli (shared_archive, "tag", id_of (shared_ids, "people.html"),
                id_of (shared_ids, "shiyan.htm"), "--add", "乡村振兴", NULL);
  assert_status (tagged, OK);
  more = cli (shared_archive, "tag", id_of (shared_ids, "shiyan.htm"), "--add", "重点", NULL);
  assert_status (more, OK);
}

static void
shared_tear_down (void)
{
  _bd_remove_tree (shared_tmp);
  g_clear_pointer (&shared_tmp, g_free);
  g_clear_pointer (&data_home, g_free);
  g_clear_pointer (&shared_reports, g_free);
  g_clear_pointer (&shared_archive, g_free);
  g_clear_pointer (&shared_ids, g_hash_table_unref);
}

#define add_fixture_test(path, set_up, func) \
  g_test_add (path, Fixture, NULL, set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  /* messages about Chinese text print as question marks in the C locale */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("BAODAO_CLI");
  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("BAODAO_CLI must name the built baodao-cli");

  add_fixture_test ("/cli/import/folder", fixture_set_up, test_import_folder);
  add_fixture_test ("/cli/import/human", fixture_set_up, test_import_human);
  add_fixture_test ("/cli/import/level-and-tags", fixture_set_up, test_import_level_and_tags);

  for (guint i = 0; i < G_N_ELEMENTS (search_cases); i++)
    g_test_add_data_func (search_cases[i].path, &search_cases[i], test_search_case);
  g_test_add_func ("/cli/search/fields", test_search_fields);
  g_test_add_func ("/cli/search/limit", test_search_limit);
  g_test_add_func ("/cli/search/human", test_search_human);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/search/hostile/%s", hostile_cases[i].name);

      g_test_add_data_func (path, &hostile_cases[i], test_search_hostile);
    }

  g_test_add_func ("/cli/show", test_show);
  g_test_add_func ("/cli/list", test_list);
  g_test_add_func ("/cli/archive-option", test_archive_option);
  add_fixture_test ("/cli/tag/change", fixture_set_up_imported, test_tag);
  add_fixture_test ("/cli/tag/all-or-nothing", fixture_set_up_imported, test_tag_all_or_nothing);
  add_fixture_test ("/cli/delete", fixture_set_up_imported, test_delete);
  g_test_add_func ("/cli/stats", test_stats);
  g_test_add_func ("/cli/outlets/list", test_outlets_list);
  add_fixture_test ("/cli/outlets/add", fixture_set_up_imported, test_outlets_add);
  add_fixture_test ("/cli/outlets/alias", fixture_set_up_imported, test_outlets_alias);
  add_fixture_test ("/cli/verify", fixture_set_up_imported, test_verify);
  g_test_add_func ("/cli/backup", test_backup);
  g_test_add_func ("/cli/export", test_export);

  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/usage/%s", usage_cases[i].name);

      g_test_add_data_func (path, &usage_cases[i], test_usage);
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/help/%s", commands[i]);

      g_test_add_data_func (path, commands[i], test_help);
    }
  g_test_add_func ("/cli/help/global", test_help_global);

  shared_set_up ();
  status = g_test_run ();
  shared_tear_down ();

  return status;
}
