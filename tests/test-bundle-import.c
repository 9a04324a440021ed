/* test-bundle-import.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <archive.h>
#include <archive_entry.h>

#include "bd-archive.h"
#include "bd-error.h"
#include "bd-exporter.h"
#include "bd-importer.h"
#include "bd-outlet-registry.h"
#include "bd-query.h"
#include "bd-report.h"
#include "bd-search.h"
#include "bd-test-fixtures.h"

typedef struct
{
  const char *file;
  const char *title;
  const char *source;
  const char *date;
  const char *paragraph;
} Page;

/* The first office's reports; the second's share the tea-garden page with it. */
static const Page office_a[] = {
  { "tea.html", "竹溪县茶产业助力乡村振兴", "人民网", "2023-08-15 09:12",
    "竹溪县茶产业综合产值突破54.49亿元，茶农人均增收三千元。" },
  { "party.html", "竹溪县能力作风建设年活动启动", "荆楚网", "2023-09-30 10:00",
    "竹溪县开展能力作风建设年活动，干部走进田间地头。" },
  { "teahouse.html", "县城新开一家茶馆", "某某生活网", "2023-10-01 08:00",
    "县城新开一家茶馆，市民纷纷前来品茶。" },
};

static const Page office_b[] = {
  { "tea.html", "竹溪县茶产业助力乡村振兴", "人民网", "2023-08-15 09:12",
    "竹溪县茶产业综合产值突破54.49亿元，茶农人均增收三千元。" },
  { "bridge.html", "竹溪新桥通车", "十堰日报", "2023-11-02 08:00",
    "竹溪县城关镇新桥正式通车，方便两岸群众出行。" },
};

static char *tmp;
static char *bundle_a;      /* office A's reports, tagged, one level set by hand */
static char *bundle_b;
static BdArchive *archive_a;

static void
write_pages (const char *dir,
             const Page *pages,
             guint       n_pages)
{
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  for (guint i = 0; i < n_pages; i++)
    {
      const char *const paragraphs[] = { pages[i].paragraph, "全县上下共同努力。", NULL };
      g_autofree char *page_title = g_strdup_printf ("%s_%s", pages[i].title, pages[i].source);
      g_autofree char *path = g_build_filename (dir, pages[i].file, NULL);
      g_autoptr(GError) error = NULL;
      BdSampleHtml spec = {
        .title = page_title,
        .heading = pages[i].title,
        .source = pages[i].source,
        .byline_date = pages[i].date,
        .paragraphs = paragraphs,
      };

      g_assert_true (bd_sample_write_html (path, &spec, &error));
      g_assert_no_error (error);
    }
}

static BdArchive *
open_archive (const char *name)
{
  g_autofree char *path = g_build_filename (tmp, name, NULL);
  g_autoptr(GError) error = NULL;
  BdArchive *archive;

  _bd_remove_tree (path);
  archive = bd_archive_open (path, &error);
  g_assert_no_error (error);

  return archive;
}

static BdImporter *
import_paths (BdArchive          *archive,
              const char * const *paths)
{
  BdImporter *importer = bd_importer_new (archive);
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);

  return importer;
}

static BdImporter *
import_one (BdArchive  *archive,
            const char *path)
{
  const char *paths[] = { path, NULL };

  return import_paths (archive, paths);
}

static BdReport *
find_report (BdArchive  *archive,
             const char *sha256)
{
  g_autoptr(GPtrArray) reports = bd_archive_list_reports (archive, NULL);

  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);

      if (g_str_equal (bd_report_get_sha256 (report), sha256))
        return g_object_ref (report);
    }

  return NULL;
}

static void
export_all (BdArchive  *archive,
            const char *path)
{
  g_autoptr(BdExporter) exporter = bd_exporter_new (archive);
  g_autoptr(GError) error = NULL;

  bd_exporter_set_format (exporter, BD_BUNDLE_ZIP);
  g_assert_true (bd_exporter_run (exporter, path, NULL, &error));
  g_assert_no_error (error);
}

static void
set_up (void)
{
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autoptr(BdArchive) archive_b = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  const char * const domains[] = { "life.example.cn", NULL };

  tmp = bd_test_make_tmp_dir ();
  dir_a = g_build_filename (tmp, "office-a", NULL);
  dir_b = g_build_filename (tmp, "office-b", NULL);
  write_pages (dir_a, office_a, G_N_ELEMENTS (office_a));
  write_pages (dir_b, office_b, G_N_ELEMENTS (office_b));

  /* office A knows a local site the shipped registry does not */
  archive_a = open_archive ("archive-a");
  g_assert_true (bd_archive_add_outlet (archive_a, "某某生活网", BD_LEVEL_MUNICIPAL, NULL, domains,
                                        NULL, &error));
  g_assert_no_error (error);
  importer = import_one (archive_a, dir_a);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, G_N_ELEMENTS (office_a));

  reports = bd_archive_list_reports (archive_a, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);
      gint64 id = bd_report_get_id (report);
      const char *tags[] = { "乡村振兴", i % 2 == 0 ? "茶" : NULL, NULL };
      BdReportChanges changes = { .add_tags = tags };

      if (g_str_equal (bd_report_get_file_name (report), "party.html"))
        {
          changes.set_level = TRUE;
          changes.level = BD_LEVEL_NATIONAL;
        }
      g_assert_true (bd_archive_update_reports (archive_a, &id, 1, &changes, &error));
      g_assert_no_error (error);
    }

  bundle_a = g_build_filename (tmp, "office-a.zip", NULL);
  export_all (archive_a, bundle_a);

  archive_b = open_archive ("archive-b");
  g_clear_object (&importer);
  importer = import_one (archive_b, dir_b);
  bundle_b = g_build_filename (tmp, "office-b.zip", NULL);
  export_all (archive_b, bundle_b);
}

static void
tear_down (void)
{
  g_clear_object (&archive_a);
  _bd_remove_tree (tmp);
  g_clear_pointer (&tmp, g_free);
  g_clear_pointer (&bundle_a, g_free);
  g_clear_pointer (&bundle_b, g_free);
}

/* Originals stored in an archive: files named by their SHA-256. */
static guint
count_originals (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (listing == NULL)
    return 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += count_originals (path);
      else if (strlen (name) == 64)
        n++;
    }

  return n;
}

static GBytes *
read_original (BdArchive *archive,
               BdReport  *report)
{
  g_autofree char *path = bd_archive_get_original_path (archive, report);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static guint
search_count (BdArchive  *archive,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdQuery) query = bd_query_parse (text, &error);
  g_autoptr(GPtrArray) results = NULL;
  guint total = 0;

  g_assert_no_error (error);
  results = bd_archive_search (archive, query, 0, 100, &total, NULL, &error);
  g_assert_no_error (error);

  return total;
}

/* Exported and imported into an empty archive, the reports are what they were. */
static void
test_round_trip (void)
{
  g_autoptr(BdArchive) archive = open_archive ("round-trip");
  g_autoptr(BdImporter) importer = import_one (archive, bundle_a);
  g_autoptr(GPtrArray) originals = bd_archive_list_reports (archive_a, NULL);
  GPtrArray *items = bd_importer_get_items (importer);
  BdLevel level;

  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (office_a));
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, G_N_ELEMENTS (office_a));
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, G_N_ELEMENTS (office_a));

  for (guint i = 0; i < items->len; i++)
    {
      BdImportItem *item = g_ptr_array_index (items, i);
      g_autofree char *prefix = g_strconcat (bundle_a, " › ", NULL);

      g_assert_true (g_str_has_prefix (item->path, prefix));
      g_assert_true (g_str_has_suffix (item->path, ".html"));
      g_assert_cmpint (item->report_id, >, 0);
      g_assert_null (item->message);
    }

  for (guint i = 0; i < originals->len; i++)
    {
      BdReport *original = g_ptr_array_index (originals, i);
      g_autoptr(BdReport) copy = find_report (archive, bd_report_get_sha256 (original));
      g_autoptr(GBytes) original_bytes = NULL;
      g_autoptr(GBytes) copy_bytes = NULL;

      g_assert_nonnull (copy);
      g_assert_cmpstr (bd_report_get_title (copy), ==, bd_report_get_title (original));
      g_assert_cmpstr (bd_report_get_outlet (copy), ==, bd_report_get_outlet (original));
      g_assert_cmpint (bd_report_get_level (copy), ==, bd_report_get_level (original));
      g_assert_cmpint (bd_report_get_level_manual (copy), ==,
                       bd_report_get_level_manual (original));
      g_assert_cmpstr (bd_report_get_date (copy), ==, bd_report_get_date (original));
      g_assert_cmpstr (bd_report_get_source_url (copy), ==, bd_report_get_source_url (original));
      g_assert_cmpstr (bd_report_get_file_name (copy), ==, bd_report_get_file_name (original));
      g_assert_cmpstr (bd_report_get_media_type (copy), ==, bd_report_get_media_type (original));
      g_assert_cmpuint (bd_report_get_size (copy), ==, bd_report_get_size (original));
      g_assert_cmpstrv (bd_report_get_tags (copy), bd_report_get_tags (original));

      original_bytes = read_original (archive_a, original);
      copy_bytes = read_original (archive, copy);
      g_assert_true (g_bytes_equal (original_bytes, copy_bytes));
    }

  /* the manual level and the local outlet came along */
  {
    g_autoptr(BdReport) party = NULL;

    for (guint i = 0; i < originals->len; i++)
      {
        BdReport *original = g_ptr_array_index (originals, i);

        if (g_str_equal (bd_report_get_file_name (original), "party.html"))
          party = find_report (archive, bd_report_get_sha256 (original));
      }
    g_assert_nonnull (party);
    g_assert_cmpint (bd_report_get_level (party), ==, BD_LEVEL_NATIONAL);
    g_assert_true (bd_report_get_level_manual (party));
  }
  g_assert_true (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), "某某生活网",
                                            NULL, &level));
  g_assert_cmpint (level, ==, BD_LEVEL_MUNICIPAL);

  g_assert_cmpuint (search_count (archive, "茶馆"), ==, 1);
  g_assert_cmpuint (search_count (archive, "作风建设"), ==, 1);
  g_assert_cmpuint (search_count (archive, "共同努力"), ==, G_N_ELEMENTS (office_a));
}

/* Two offices' bundles make the union; the report both hold is imported once. */
static void
test_merge (void)
{
  g_autoptr(BdArchive) archive = open_archive ("merge");
  const char *paths[] = { bundle_a, bundle_b, NULL };
  g_autoptr(BdImporter) importer = import_paths (archive, paths);

  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_IMPORTED), ==, 4);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_DUPLICATE), ==, 1);
  g_assert_cmpuint (bd_importer_count (importer, BD_IMPORT_FAILED), ==, 0);
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, 4);
  g_assert_cmpuint (search_count (archive, "新桥"), ==, 1);
  g_assert_cmpuint (search_count (archive, "茶馆"), ==, 1);
}

/* Imported again, a bundle's reports are duplicates, and where the archive's staff changed a
 * report since, the archive's values stay and the item says what the bundle said. */
static void
test_reimport (void)
{
  g_autoptr(BdArchive) archive = open_archive ("reimport");
  g_autoptr(BdImporter) first = import_one (archive, bundle_a);
  g_autoptr(BdImporter) again = NULL;
  g_autoptr(GPtrArray) reports = bd_archive_list_reports (archive, NULL);
  g_autoptr(GError) error = NULL;
  const char *remove[] = { "乡村振兴", NULL };
  BdReportChanges changes = {
    .title = "改过的标题",
    .set_level = TRUE,
    .level = BD_LEVEL_PROVINCIAL,
    .remove_tags = remove,
  };
  gint64 edited = 0;
  GPtrArray *items;
  guint notes = 0;

  for (guint i = 0; i < reports->len; i++)
    {
      BdReport *report = g_ptr_array_index (reports, i);

      if (g_str_equal (bd_report_get_file_name (report), "teahouse.html"))
        edited = bd_report_get_id (report);
    }
  g_assert_cmpint (edited, >, 0);
  g_assert_true (bd_archive_update_reports (archive, &edited, 1, &changes, &error));
  g_assert_no_error (error);

  again = import_one (archive, bundle_a);
  items = bd_importer_get_items (again);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (office_a));
  g_assert_cmpuint (bd_importer_count (again, BD_IMPORT_DUPLICATE), ==, G_N_ELEMENTS (office_a));
  g_assert_cmpuint (bd_archive_count_reports (archive), ==, G_N_ELEMENTS (office_a));

  for (guint i = 0; i < items->len; i++)
    {
      BdImportItem *item = g_ptr_array_index (items, i);

      if (item->report_id != edited)
        {
          g_assert_null (item->message);
          continue;
        }

      notes++;
      g_test_message ("%s", item->message);
      g_assert_nonnull (item->message);
      g_assert_nonnull (strstr (item->message, "kept the archive’s title “改过的标题”; "
                                               "the bundle says “县城新开一家茶馆”"));
      g_assert_nonnull (strstr (item->message, "kept the archive’s level “Provincial”; "
                                               "the bundle says “Municipal”"));
      g_assert_nonnull (strstr (item->message, "kept the archive’s tags"));
    }
  g_assert_cmpuint (notes, ==, 1);

  /* the archive's values were kept */
  {
    g_autoptr(BdReport) report = bd_archive_get_report (archive, edited, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (bd_report_get_title (report), ==, "改过的标题");
    g_assert_cmpint (bd_report_get_level (report), ==, BD_LEVEL_PROVINCIAL);
  }
}

/* A bundle rewritten by hand, from the entries of the sound one. */
typedef struct
{
  const char *name;
  mode_t      type;
  GBytes     *data;
  const char *link;
  const char *hardlink;
  guint64     zeros;    /* this many zero bytes instead of data */
} HandEntry;

static void
write_bundle (const char *path,
              GArray     *entries)
{
  struct archive *writer = archive_write_new ();

  archive_write_set_format_pax_restricted (writer);
  archive_write_add_filter_gzip (writer);
  g_assert_cmpint (archive_write_open_filename (writer, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < entries->len; i++)
    {
      HandEntry *hand = &g_array_index (entries, HandEntry, i);
      struct archive_entry *entry = archive_entry_new ();
      guint64 size = hand->zeros > 0 ? hand->zeros
                   : hand->data != NULL ? g_bytes_get_size (hand->data) : 0;

      archive_entry_set_pathname_utf8 (entry, hand->name);
      archive_entry_set_filetype (entry, hand->type);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, hand->hardlink != NULL ? 0 : size);
      if (hand->link != NULL)
        archive_entry_set_symlink (entry, hand->link);
      if (hand->hardlink != NULL)
        archive_entry_set_hardlink (entry, hand->hardlink);
      g_assert_cmpint (archive_write_header (writer, entry), ==, ARCHIVE_OK);

      if (hand->zeros > 0)
        {
          g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);

          for (guint64 written = 0; written < hand->zeros; written += 1024 * 1024)
            g_assert_cmpint (archive_write_data (writer, zeros, 1024 * 1024), ==, 1024 * 1024);
        }
      else if (hand->data != NULL && hand->hardlink == NULL)
        g_assert_cmpint (archive_write_data (writer, g_bytes_get_data (hand->data, NULL), size),
                         ==, size);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (writer), ==, ARCHIVE_OK);
  archive_write_free (writer);
}

/* The sound bundle's entries, in its order: directories and files. */
static GArray *
read_entries (const char *path,
              GPtrArray  *names,
              GPtrArray  *bytes)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (HandEntry));
  struct archive *reader = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_all (reader);
  archive_read_support_filter_all (reader);
  g_assert_cmpint (archive_read_open_filename (reader, path, 64 * 1024), ==, ARCHIVE_OK);
  while (archive_read_next_header (reader, &entry) == ARCHIVE_OK)
    {
      HandEntry hand = { 0 };
      GByteArray *data = g_byte_array_new ();
      guint8 buffer[16 * 1024];
      la_ssize_t n;

      while ((n = archive_read_data (reader, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, buffer, n);
      hand.name = g_strdup (archive_entry_pathname_utf8 (entry));
      hand.type = archive_entry_filetype (entry);
      hand.data = g_byte_array_free_to_bytes (data);
      g_ptr_array_add (names, (gpointer)hand.name);
      g_ptr_array_add (bytes, hand.data);
      g_array_append_val (entries, hand);
    }
  archive_read_free (reader);
  g_assert_cmpuint (entries->len, >, 0);

  return entries;
}

typedef enum
{
  HOSTILE_ABSOLUTE,
  HOSTILE_DOTDOT,
  HOSTILE_SYMLINK,
  HOSTILE_HARDLINK,
  HOSTILE_MISMATCH,
  HOSTILE_BOMB,
  HOSTILE_MISSING,
} Hostility;

typedef struct
{
  const char *name;
  Hostility   hostility;
  const char *says;   /* in the error, besides the entry's name */
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "absolute", HOSTILE_ABSOLUTE, "absolute path" },
  { "dotdot", HOSTILE_DOTDOT, "“..”" },
  { "symlink", HOSTILE_SYMLINK, "symbolic link" },
  { "hardlink", HOSTILE_HARDLINK, "hard link" },
  { "mismatch", HOSTILE_MISMATCH, "does not match its SHA-256" },
  { "bomb", HOSTILE_BOMB, "larger than any report may be" },
  { "missing", HOSTILE_MISSING, "is in manifest.json but missing" },
};

static void
test_hostile (gconstpointer data)
{
  const HostileCase *hostile = data;
  g_autoptr(BdArchive) archive = open_archive ("hostile");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bytes = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GArray) entries = read_entries (bundle_a, names, bytes);
  g_autofree char *path = g_build_filename (tmp, "hostile.tar.gz", NULL);
  g_autofree char *top = NULL;
  g_autofree char *victim = NULL;
  g_autofree char *extra = NULL;
  g_autoptr(BdImporter) importer = NULL;
  g_autoptr(BdImporter) before = NULL;
  BdImportItem *item;
  guint n_originals;
  guint n_reports;

  /* an archive with a report in it already, so nothing added shows */
  {
    g_autofree char *dir = g_build_filename (tmp, "office-b", NULL);

    before = import_one (archive, dir);
  }
  n_reports = bd_archive_count_reports (archive);
  n_originals = count_originals (bd_archive_get_path (archive));
  g_assert_cmpuint (n_reports, >, 0);

  top = g_strndup (g_array_index (entries, HandEntry, 0).name,
                   strcspn (g_array_index (entries, HandEntry, 0).name, "/"));
  for (guint i = 0; i < entries->len; i++)
    {
      HandEntry *hand = &g_array_index (entries, HandEntry, i);

      if (hand->type == AE_IFREG && g_str_has_suffix (hand->name, ".html") && victim == NULL)
        victim = g_strdup (hand->name);
    }
  g_assert_nonnull (victim);

  switch (hostile->hostility)
    {
    case HOSTILE_ABSOLUTE:
      {
        HandEntry hand = { "/tmp/baodao-evil.html", AE_IFREG,
                           g_array_index (entries, HandEntry, 1).data };

        extra = g_strdup (hand.name);
        g_array_append_val (entries, hand);
      }
      break;

    case HOSTILE_DOTDOT:
      {
        HandEntry hand = { NULL, AE_IFREG, g_array_index (entries, HandEntry, 1).data };

        extra = g_strconcat (top, "/../evil.html", NULL);
        hand.name = extra;
        g_array_append_val (entries, hand);
      }
      break;

    case HOSTILE_SYMLINK:
      {
        HandEntry hand = { NULL, AE_IFLNK, NULL, "/etc/passwd" };

        extra = g_strconcat (top, "/passwd", NULL);
        hand.name = extra;
        g_array_append_val (entries, hand);
      }
      break;

    case HOSTILE_HARDLINK:
      {
        HandEntry hand = { NULL, AE_IFREG, NULL, NULL, victim };

        extra = g_strconcat (top, "/hard.html", NULL);
        hand.name = extra;
        g_array_append_val (entries, hand);
      }
      break;

    case HOSTILE_MISMATCH:
    case HOSTILE_BOMB:
    case HOSTILE_MISSING:
      for (guint i = 0; i < entries->len; i++)
        {
          HandEntry *hand = &g_array_index (entries, HandEntry, i);
          gsize size;
          const guint8 *old;
          guint8 *changed;

          if (!g_str_equal (hand->name, victim))
            continue;

          if (hostile->hostility == HOSTILE_MISSING)
            {
              g_array_remove_index (entries, i);
              break;
            }
          if (hostile->hostility == HOSTILE_BOMB)
            {
              /* 300 MB of zeros, a few hundred kilobytes compressed */
              hand->zeros = G_GUINT64_CONSTANT (300) * 1024 * 1024;
              break;
            }

          /* the same size, one byte changed */
          old = g_bytes_get_data (hand->data, &size);
          changed = g_memdup2 (old, size);
          changed[size / 2] ^= 0x20;
          hand->data = g_bytes_new_take (changed, size);
          g_ptr_array_add (bytes, hand->data);
          break;
        }
      extra = g_strdup (victim + strlen (top) + 1);
      break;
    }

  write_bundle (path, entries);

  importer = import_one (archive, path);
  g_assert_cmpuint (bd_importer_get_items (importer)->len, ==, 1);
  item = g_ptr_array_index (bd_importer_get_items (importer), 0);
  g_assert_cmpint (item->status, ==, BD_IMPORT_FAILED);
  g_assert_cmpstr (item->path, ==, path);
  g_test_message ("%s", item->error->message);
  g_assert_error (item->error, BD_ERROR, BD_ERROR_DAMAGED);
  g_assert_nonnull (strstr (item->error->message, "refused"));
  g_assert_nonnull (strstr (item->error->message, extra));
  g_assert_nonnull (strstr (item->error->message, hostile->says));

  g_assert_cmpuint (bd_archive_count_reports (archive), ==, n_reports);
  g_assert_cmpuint (count_originals (bd_archive_get_path (archive)), ==, n_originals);
  g_assert_false (bd_outlet_registry_lookup (bd_archive_get_outlets (archive), "某某生活网",
                                             NULL, NULL));
}

/* A zip that is no bundle is an ordinary file that is not a report. */
static void
test_not_bundle (void)
{
  g_autoptr(BdArchive) archive = open_archive ("not-bundle");
  g_autofree char *path = g_build_filename (tmp, "photos.zip", NULL);
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (HandEntry));
  g_autoptr(GBytes) data = g_bytes_new_static ("not a report", 12);
  g_autoptr(BdImporter) importer = NULL;
  HandEntry hand = { "photos/a.txt", AE_IFREG, data };
  BdImportItem *item;

  g_array_append_val (entries, hand);
  write_bundle (path, entries);

  importer = import_one (archive, path);
  g_assert_cmpuint (bd_importer_get_items (importer)->len, ==, 1);
  item = g_ptr_array_index (bd_importer_get_items (importer), 0);
  g_assert_cmpint (item->status, ==, BD_IMPORT_FAILED);
  g_assert_error (item->error, BD_ERROR, BD_ERROR_UNSUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* libarchive names entries through the locale's character set */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  set_up ();

  g_test_add_func ("/core/bundle-import/round-trip", test_round_trip);
  g_test_add_func ("/core/bundle-import/merge", test_merge);
  g_test_add_func ("/core/bundle-import/reimport", test_reimport);
  g_test_add_func ("/core/bundle-import/not-bundle", test_not_bundle);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/bundle-import/hostile/%s",
                                               hostile_cases[i].name);

      g_test_add_data_func (path, &hostile_cases[i], test_hostile);
    }

  status = g_test_run ();
  tear_down ();

  return status;
}
