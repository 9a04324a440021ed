/* bd-bundle.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-bundle"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include <archive.h>
#include <archive_entry.h>
#include <json-glib/json-glib.h>

#include "bd-archive-private.h"
#include "bd-bundle.h"
#include "bd-bundle-private.h"
#include "bd-date.h"
#include "bd-error.h"

/* libarchive converts names through the locale's character set: in the C locale a Chinese name
 * has no form and its tar writer crashes on the missing name. Bundles are written and read on a
 * thread switched to UTF-8, whatever the process's locale. */
locale_t
_bd_bundle_use_utf8_locale (void)
{
  static locale_t utf8 = (locale_t)0;

  if (g_once_init_enter (&utf8))
    {
      locale_t created = newlocale (LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);

      g_once_init_leave (&utf8, created != (locale_t)0 ? created : LC_GLOBAL_LOCALE);
    }

  return uselocale (utf8);
}

void
_bd_bundle_restore_locale (locale_t previous)
{
  uselocale (previous);
}

/* The manifest is text: anything near this size is not one. */
#define MAX_MANIFEST_SIZE (64 * 1024 * 1024)

typedef struct
{
  char    *path;
  char    *sha256;
  guint64  size;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->path);
  g_free (entry->sha256);
  g_free (entry);
}

static gboolean
refuse (GError     **error,
        const char  *display,
        const char  *entry,
        const char  *reason)
{
  g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
               _("%s is refused: its entry “%s” %s"), display, entry, reason);
  return FALSE;
}

/* What extracting would write outside the bundle's own folder, or something other than a file
 * or a folder, is refused whatever it is for. */
static gboolean
check_entry (struct archive_entry  *entry,
             const char            *name,
             const char            *display,
             GError               **error)
{
  g_auto(GStrv) parts = NULL;
  mode_t type = archive_entry_filetype (entry);

  if (name[0] == '/' || strchr (name, '\\') != NULL ||
      (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return refuse (error, display, name, _("has an absolute path"));

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], ".."))
        return refuse (error, display, name, _("climbs out of the bundle with “..”"));
    }

  if (archive_entry_hardlink (entry) != NULL)
    return refuse (error, display, name, _("is a hard link"));
  if (type == AE_IFLNK || archive_entry_symlink (entry) != NULL)
    return refuse (error, display, name, _("is a symbolic link"));
  if (type != AE_IFREG && type != AE_IFDIR)
    return refuse (error, display, name, _("is a device, a pipe or a socket"));

  return TRUE;
}

static gboolean
read_failed (struct archive  *reader,
             const char      *display,
             GError         **error)
{
  const char *message = archive_error_string (reader);

  g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED, _("Cannot read %s: %s"), display,
               message != NULL ? message : _("the archive library failed"));
  return FALSE;
}

/* Reads an entry's data, hashing it, and keeping it when @keep is given; never past @limit. */
static gboolean
read_data (struct archive  *reader,
           const char      *display,
           const char      *name,
           guint64          limit,
           Entry           *out,
           GByteArray      *keep,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  la_ssize_t n;

  out->size = 0;
  while ((n = archive_read_data (reader, buffer, 64 * 1024)) > 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      out->size += n;
      /* a compression bomb stops here, before it fills the memory */
      if (out->size > limit)
        return refuse (error, display, name, _("is larger than any report may be"));

      g_checksum_update (checksum, buffer, n);
      if (keep != NULL)
        g_byte_array_append (keep, buffer, n);
    }
  if (n < 0)
    return read_failed (reader, display, error);

  out->sha256 = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

static struct archive *
open_reader (int          fd,
             const char  *display,
             GError     **error)
{
  struct archive *reader;

  if (lseek (fd, 0, SEEK_SET) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  reader = archive_read_new ();
  archive_read_support_format_zip (reader);
  archive_read_support_format_tar (reader);
  archive_read_support_format_7zip (reader);
  archive_read_support_filter_gzip (reader);
  archive_read_support_filter_xz (reader);

  if (archive_read_open_fd (reader, fd, 64 * 1024) != ARCHIVE_OK)
    {
      read_failed (reader, display, error);
      archive_read_free (reader);
      return NULL;
    }

  return reader;
}

/**
 * scan:
 * @limit: the most bytes any entry may hold
 * @recognised: (out): whether the file is an archive libarchive can read at all
 * @top: (out): the bundle's one top folder
 * @manifest: (out) (nullable): manifest.json's bytes, %NULL when there is none
 * @checksums: (out) (nullable): SHA256SUMS's bytes, %NULL when the bundle has none
 *
 * Reads every entry of a bundle into memory only as far as hashing it, refusing the bundle at
 * the first entry that could harm an extraction or is not what a bundle holds.
 *
 * Returns: (transfer full) (element-type Entry): the bundle's files by path, or %NULL
 */
static GHashTable *
scan (int            fd,
      const char    *display,
      guint64        limit,
      gboolean      *recognised,
      char         **top,
      GBytes       **manifest,
      GBytes       **checksums,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify)entry_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GByteArray) manifest_data = NULL;
  g_autoptr(GByteArray) checksums_data = NULL;
  g_autofree char *top_name = NULL;
  struct archive *reader;
  struct archive_entry *entry;
  gboolean ok = FALSE;
  int rc;

  *recognised = FALSE;
  if (!(reader = open_reader (fd, display, error)))
    return NULL;

  while ((rc = archive_read_next_header (reader, &entry)) == ARCHIVE_OK)
    {
      const char *raw = archive_entry_pathname_utf8 (entry);
      g_autofree char *name = NULL;
      g_autofree char *first = NULL;
      const char *slash;
      Entry *file;

      *recognised = TRUE;
      if (raw == NULL || !g_utf8_validate (raw, -1, NULL))
        {
          g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
                       _("%s is refused: an entry’s name is not valid UTF-8"), display);
          goto out;
        }
      if (!check_entry (entry, raw, display, error))
        goto out;

      name = g_strdup (raw);
      while (g_str_has_suffix (name, "/"))
        name[strlen (name) - 1] = '\0';
      if (*name == '\0')
        {
          refuse (error, display, raw, _("has no name"));
          goto out;
        }

      slash = strchr (name, '/');
      first = slash != NULL ? g_strndup (name, slash - name) : g_strdup (name);
      if (top_name == NULL)
        top_name = g_strdup (first);
      else if (!g_str_equal (top_name, first))
        {
          refuse (error, display, raw, _("is outside the bundle’s folder"));
          goto out;
        }

      if (!g_hash_table_add (seen, g_strdup (name)))
        {
          refuse (error, display, raw, _("appears twice"));
          goto out;
        }

      if (archive_entry_filetype (entry) == AE_IFDIR)
        continue;

      if (slash == NULL)
        {
          refuse (error, display, raw, _("is outside the bundle’s folder"));
          goto out;
        }

      file = g_new0 (Entry, 1);
      file->path = g_strdup (slash + 1);
      g_hash_table_insert (entries, file->path, file);

      if (g_str_equal (file->path, BD_BUNDLE_MANIFEST_JSON))
        {
          manifest_data = g_byte_array_new ();
          if (!read_data (reader, display, raw, MAX_MANIFEST_SIZE, file, manifest_data,
                          cancellable, error))
            goto out;
        }
      else if (g_str_equal (file->path, BD_BUNDLE_CHECKSUMS))
        {
          checksums_data = g_byte_array_new ();
          if (!read_data (reader, display, raw, MAX_MANIFEST_SIZE, file, checksums_data,
                          cancellable, error))
            goto out;
        }
      else if (!read_data (reader, display, raw, limit, file, NULL, cancellable, error))
        goto out;
    }

  if (rc != ARCHIVE_EOF)
    {
      read_failed (reader, display, error);
      goto out;
    }

  ok = TRUE;

out:
  archive_read_free (reader);

  if (!ok)
    return NULL;

  *top = g_steal_pointer (&top_name);
  *manifest = manifest_data != NULL
            ? g_byte_array_free_to_bytes (g_steal_pointer (&manifest_data)) : NULL;
  *checksums = checksums_data != NULL
             ? g_byte_array_free_to_bytes (g_steal_pointer (&checksums_data)) : NULL;

  return g_steal_pointer (&entries);
}

/* @foreign is set when the manifest.json is another program's, not a damaged bundle's. */
static JsonObject *
parse_manifest (GBytes      *bytes,
                const char  *display,
                JsonParser  *parser,
                gboolean    *foreign,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *manifest;
  JsonNode *root;

  *foreign = FALSE;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &local_error) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
                   _("%s is not a Baodao bundle: its manifest.json cannot be read (%s)"),
                   display, local_error != NULL ? local_error->message : "");
      return NULL;
    }

  manifest = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (manifest, "format", NULL),
                 BD_BUNDLE_FORMAT_NAME) != 0)
    {
      *foreign = TRUE;
      g_set_error (error, BD_ERROR, BD_ERROR_UNSUPPORTED,
                   _("%s is not a Baodao bundle: its manifest.json is of another format"),
                   display);
      return NULL;
    }
  if (json_object_get_int_member_with_default (manifest, "version", 0) != BD_BUNDLE_VERSION)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_UNSUPPORTED,
                   _("%s was written by a newer Baodao (bundle version %" PRId64 ")"),
                   display, json_object_get_int_member_with_default (manifest, "version", 0));
      return NULL;
    }
  if (!json_object_has_member (manifest, "reports") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (manifest, "reports")))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
                   _("%s is damaged: its manifest.json lists no reports"), display);
      return NULL;
    }

  return manifest;
}

static void
check_checksums (GHashTable *entries,
                 GBytes     *checksums,
                 GPtrArray  *problems)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (checksums, NULL),
                                     g_bytes_get_size (checksums));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  Entry *entry;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *name;

      if (*line == '\0')
        continue;
      if (strlen (line) < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*'))
        {
          g_ptr_array_add (problems, g_strdup_printf (_("SHA256SUMS line %u cannot be read"),
                                                      i + 1));
          continue;
        }

      name = line + 66;
      if (!(entry = g_hash_table_lookup (entries, name)))
        g_ptr_array_add (problems, g_strdup_printf (_("%s is listed in SHA256SUMS but missing"),
                                                    name));
      else if (g_ascii_strncasecmp (line, entry->sha256, 64) != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("%s does not match its SHA-256 in SHA256SUMS"),
                                                    name));
      if (entry != NULL)
        g_hash_table_add (listed, entry->path);
    }

  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    {
      if (!g_str_equal (entry->path, BD_BUNDLE_CHECKSUMS) &&
          !g_hash_table_contains (listed, entry->path))
        g_ptr_array_add (problems, g_strdup_printf (_("%s is not listed in SHA256SUMS"),
                                                    entry->path));
    }
}

static const char * const bundle_files[] = {
  BD_BUNDLE_MANIFEST_JSON, BD_BUNDLE_MANIFEST_CSV, BD_BUNDLE_MANIFEST_XLSX,
  BD_BUNDLE_STATS_TEXT, BD_BUNDLE_CHECKSUMS,
};

static gboolean
is_bundle_file (const char *path)
{
  return g_strv_contains (bundle_files, path);
}

/* Each report of the manifest is there with its SHA-256 and size, and nothing else is. */
static void
check_manifest (GHashTable *entries,
                const char *top,
                JsonObject *manifest,
                GPtrArray  *problems)
{
  JsonArray *reports = json_object_get_array_member (manifest, "reports");
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *prefix = g_strconcat (top, "/", NULL);
  GHashTableIter iter;
  Entry *entry;

  for (guint i = 0; i < json_array_get_length (reports); i++)
    {
      JsonNode *node = json_array_get_element (reports, i);
      JsonObject *report = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *path = report != NULL
                       ? json_object_get_string_member_with_default (report, "path", NULL) : NULL;
      const char *sha256 = report != NULL
                         ? json_object_get_string_member_with_default (report, "sha256", NULL) : NULL;
      gint64 size = report != NULL ? json_object_get_int_member_with_default (report, "size", -1) : -1;

      if (path == NULL || sha256 == NULL || !g_str_has_prefix (path, prefix))
        {
          g_ptr_array_add (problems, g_strdup_printf (_("report %u of manifest.json has no "
                                                        "path or SHA-256 in the bundle"), i + 1));
          continue;
        }

      path += strlen (prefix);
      if (!(entry = g_hash_table_lookup (entries, path)) || is_bundle_file (path))
        g_ptr_array_add (problems, g_strdup_printf (_("%s is in manifest.json but missing"), path));
      else if (!g_hash_table_add (listed, entry->path))
        g_ptr_array_add (problems, g_strdup_printf (_("%s is listed twice in manifest.json"), path));
      else if (g_ascii_strcasecmp (entry->sha256, sha256) != 0 || size < 0 ||
               entry->size != (guint64)size)
        g_ptr_array_add (problems, g_strdup_printf (_("%s does not match its SHA-256 or size in "
                                                      "manifest.json"), path));
    }

  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    {
      if (!is_bundle_file (entry->path) && !g_hash_table_contains (listed, entry->path))
        g_ptr_array_add (problems, g_strdup_printf (_("%s is not listed in manifest.json"),
                                                    entry->path));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
check_bundle (GHashTable *entries,
              const char *top,
              JsonObject *manifest,
              GBytes     *checksums,
              GPtrArray  *problems)
{
  if (checksums == NULL)
    g_ptr_array_add (problems, g_strdup (_("the bundle has no SHA256SUMS")));
  else
    check_checksums (entries, checksums, problems);
  check_manifest (entries, top, manifest, problems);

  g_ptr_array_sort (problems, compare_strings);
}

static int
open_bundle (const char  *path,
             const char  *display,
             GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read %s: %s"), display, g_strerror (saved_errno));
    }

  return fd;
}

static GHashTable *
scan_in_utf8 (int            fd,
             const char    *display,
             guint64        limit,
             gboolean      *recognised,
             char         **top,
             GBytes       **manifest,
             GBytes       **checksums,
             GCancellable  *cancellable,
             GError       **error)
{
  locale_t previous = _bd_bundle_use_utf8_locale ();
  GHashTable *entries;

  entries = scan (fd, display, limit, recognised, top, manifest, checksums, cancellable, error);
  _bd_bundle_restore_locale (previous);

  return entries;
}

/**
 * bd_bundle_verify:
 * @problems: (out) (transfer full) (element-type utf8): each problem found, empty when the
 *   bundle is sound
 *
 * Checks every SHA-256 in SHA256SUMS and that manifest.json matches the files.
 *
 * Returns: %FALSE when the bundle cannot be checked at all: unreadable, not a bundle, or
 *   holding an entry no bundle may hold
 */
gboolean
bd_bundle_verify (const char    *path,
                  GPtrArray    **problems,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(GBytes) checksums = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display = NULL;
  g_autofree char *top = NULL;
  JsonObject *manifest;
  gboolean recognised;
  gboolean foreign;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  display = g_filename_display_name (path);
  if ((fd = open_bundle (path, display, error)) < 0)
    return FALSE;
  entries = scan_in_utf8 (fd, display, BD_BUNDLE_MAX_ENTRY_SIZE, &recognised, &top,
                         &manifest_bytes, &checksums, cancellable, error);
  close (fd);
  if (entries == NULL)
    return FALSE;

  if (manifest_bytes == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_UNSUPPORTED,
                   _("%s is not a Baodao bundle: it has no manifest.json"), display);
      return FALSE;
    }

  if (!(manifest = parse_manifest (manifest_bytes, display, parser, &foreign, error)))
    return FALSE;

  check_bundle (entries, top, manifest, checksums, found);
  *problems = g_steal_pointer (&found);

  return TRUE;
}

struct _BdBundle
{
  int             fd;
  char           *display;
  char           *top;
  guint64         limit;
  GPtrArray      *reports;
  GPtrArray      *outlets;
  GHashTable     *by_path;
  struct archive *reader;
};

static void
bundle_report_free (BdBundleReport *report)
{
  g_free (report->path);
  g_free (report->sha256);
  g_free (report->title);
  g_free (report->outlet);
  g_free (report->date);
  g_free (report->source_url);
  g_free (report->file_name);
  g_strfreev (report->tags);
  g_free (report);
}

static void
bundle_outlet_free (BdBundleOutlet *outlet)
{
  g_free (outlet->name);
  g_strfreev (outlet->aliases);
  g_strfreev (outlet->domains);
  g_free (outlet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdBundleReport, bundle_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdBundleOutlet, bundle_outlet_free)

void
_bd_bundle_free (BdBundle *bundle)
{
  if (bundle == NULL)
    return;

  g_clear_pointer (&bundle->reader, archive_read_free);
  if (bundle->fd >= 0)
    close (bundle->fd);
  g_free (bundle->display);
  g_free (bundle->top);
  g_clear_pointer (&bundle->by_path, g_hash_table_unref);
  g_clear_pointer (&bundle->reports, g_ptr_array_unref);
  g_clear_pointer (&bundle->outlets, g_ptr_array_unref);
  g_free (bundle);
}

/* Whether the first bytes are those of a zip, a tar, gzip, xz or 7z file. */
static gboolean
has_archive_magic (int fd)
{
  static const struct {
    gsize       offset;
    const char *bytes;
    gsize       length;
  } magics[] = {
    { 0, "PK\x03\x04", 4 },
    { 0, "PK\x05\x06", 4 },
    { 0, "\x1f\x8b", 2 },
    { 0, "\xfd" "7zXZ\x00", 6 },
    { 0, "7z\xbc\xaf\x27\x1c", 6 },
    { 257, "ustar", 5 },
  };
  char head[512] = { 0 };
  ssize_t n = pread (fd, head, sizeof head, 0);

  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    {
      if (n >= (ssize_t)(magics[i].offset + magics[i].length) &&
          memcmp (head + magics[i].offset, magics[i].bytes, magics[i].length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A member that is absent or null is %NULL; one of another type makes @valid %FALSE. */
static const char *
get_string (JsonObject *object,
            const char *member,
            gboolean   *valid)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *valid = FALSE;
      return NULL;
    }

  return json_node_get_string (node);
}

static char *
dup_text (JsonObject *object,
          const char *member,
          gboolean   *valid)
{
  const char *text = get_string (object, member, valid);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static GStrv
get_strv (JsonObject *object,
          const char *member,
          gboolean   *valid)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strv_builder_end (builder);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *valid = FALSE;
      return g_strv_builder_end (builder);
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        *valid = FALSE;
      else
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

static gboolean
get_level (JsonObject *object,
           BdLevel    *level)
{
  gboolean valid = TRUE;
  const char *nick = get_string (object, "level", &valid);
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  *level = BD_LEVEL_UNSET;
  if (nick == NULL)
    return valid;

  klass = g_type_class_ref (BD_TYPE_LEVEL);
  if (!(value = g_enum_get_value_by_nick (klass, nick)))
    return FALSE;

  *level = value->value;
  return TRUE;
}

/* check_manifest() has found each report's path, SHA-256 and size sound. */
static BdBundleReport *
read_report (JsonObject  *object,
             const char  *top,
             const char  *display,
             GError     **error)
{
  g_autoptr(BdBundleReport) report = g_new0 (BdBundleReport, 1);
  JsonNode *manual = json_object_get_member (object, "level_manual");
  const char *date;
  gboolean valid = TRUE;

  report->path = g_strdup (json_object_get_string_member (object, "path") + strlen (top) + 1);
  report->sha256 = g_ascii_strdown (json_object_get_string_member (object, "sha256"), -1);
  report->size = json_object_get_int_member (object, "size");
  report->title = dup_text (object, "title", &valid);
  report->outlet = dup_text (object, "outlet", &valid);
  report->source_url = dup_text (object, "source_url", &valid);
  report->file_name = dup_text (object, "file_name", &valid);
  report->tags = get_strv (object, "tags", &valid);
  date = get_string (object, "date", &valid);
  if (!valid)
    {
      refuse (error, display, report->path, _("has a value of the wrong kind in manifest.json"));
      return NULL;
    }

  for (guint i = 0; report->tags[i] != NULL; i++)
    {
      char *clean = _bd_clean_tag (report->tags[i], NULL);

      if (clean == NULL)
        {
          refuse (error, display, report->path, _("has an invalid tag in manifest.json"));
          return NULL;
        }
      g_free (report->tags[i]);
      report->tags[i] = clean;
    }

  if (!get_level (object, &report->level))
    {
      refuse (error, display, report->path, _("has an unknown level in manifest.json"));
      return NULL;
    }

  /* a bundle that does not say how the level was set keeps the level it gives as staff's */
  if (manual != NULL && JSON_NODE_HOLDS_VALUE (manual) &&
      json_node_get_value_type (manual) == G_TYPE_BOOLEAN)
    report->level_manual = json_node_get_boolean (manual);
  else
    report->level_manual = report->level != BD_LEVEL_UNSET;

  if (date != NULL && !(report->date = bd_date_normalize (date)))
    {
      refuse (error, display, report->path, _("has an invalid date in manifest.json"));
      return NULL;
    }

  return g_steal_pointer (&report);
}

static BdBundleOutlet *
read_outlet (JsonNode    *node,
             guint        index,
             const char  *display,
             GError     **error)
{
  g_autoptr(BdBundleOutlet) outlet = g_new0 (BdBundleOutlet, 1);
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  gboolean valid = object != NULL;

  if (valid)
    {
      outlet->name = dup_text (object, "name", &valid);
      outlet->aliases = get_strv (object, "aliases", &valid);
      outlet->domains = get_strv (object, "domains", &valid);
    }

  if (!valid || outlet->name == NULL || !get_level (object, &outlet->level))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
                   _("%s is refused: outlet %u of its manifest.json cannot be read"),
                   display, index + 1);
      return NULL;
    }

  return g_steal_pointer (&outlet);
}

static gboolean
read_manifest (BdBundle    *bundle,
               JsonObject  *manifest,
               GError     **error)
{
  JsonArray *reports = json_object_get_array_member (manifest, "reports");
  JsonNode *outlets = json_object_get_member (manifest, "outlets");

  for (guint i = 0; i < json_array_get_length (reports); i++)
    {
      JsonObject *object = json_array_get_object_element (reports, i);
      BdBundleReport *report;

      if (!(report = read_report (object, bundle->top, bundle->display, error)))
        return FALSE;
      g_ptr_array_add (bundle->reports, report);
      g_hash_table_insert (bundle->by_path, report->path, report);
    }

  if (outlets != NULL && !JSON_NODE_HOLDS_NULL (outlets))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (outlets))
        {
          g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
                       _("%s is refused: the outlets of its manifest.json cannot be read"),
                       bundle->display);
          return FALSE;
        }

      array = json_node_get_array (outlets);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          BdBundleOutlet *outlet;

          if (!(outlet = read_outlet (json_array_get_element (array, i), i, bundle->display,
                                      error)))
            return FALSE;
          g_ptr_array_add (bundle->outlets, outlet);
        }
    }

  return TRUE;
}

/**
 * _bd_bundle_open:
 * @limit: the most bytes any original may hold
 * @bundle: (out) (transfer full) (nullable): the bundle, or %NULL when @path is no bundle
 *
 * Reads a bundle once through, hashing every entry, and holds it to its SHA256SUMS and
 * manifest.json. Anything that is not a zip, tar or 7z file holding a manifest.json of a
 * Baodao bundle is no bundle: that is not an error.
 *
 * Returns: %FALSE when @path is a bundle that must be refused, or cannot be read
 */
gboolean
_bd_bundle_open (const char    *path,
                 guint64        limit,
                 BdBundle     **bundle,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(BdBundle) self = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(GBytes) checksums = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  JsonObject *manifest;
  gboolean recognised;
  gboolean foreign;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bundle != NULL, FALSE);

  *bundle = NULL;

  self = g_new0 (BdBundle, 1);
  self->display = g_filename_display_name (path);
  self->limit = limit;
  self->reports = g_ptr_array_new_with_free_func ((GDestroyNotify)bundle_report_free);
  self->outlets = g_ptr_array_new_with_free_func ((GDestroyNotify)bundle_outlet_free);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);

  if ((self->fd = open_bundle (path, self->display, error)) < 0)
    return FALSE;
  if (!has_archive_magic (self->fd))
    return TRUE;

  entries = scan_in_utf8 (self->fd, self->display, limit, &recognised, &self->top,
                          &manifest_bytes, &checksums, cancellable, &local_error);
  if (entries == NULL)
    {
      /* a gzip-compressed page, say, is no archive at all */
      if (!recognised && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (manifest_bytes == NULL)
    return TRUE;

  if (!(manifest = parse_manifest (manifest_bytes, self->display, parser, &foreign, &local_error)))
    {
      if (foreign)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  check_bundle (entries, self->top, manifest, checksums, problems);
  if (problems->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (problems, NULL);
      joined = g_strjoinv ("; ", (char **)problems->pdata);
      g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED, _("%s is refused: %s"),
                   self->display, joined);
      return FALSE;
    }

  if (!read_manifest (self, manifest, error))
    return FALSE;

  *bundle = g_steal_pointer (&self);
  return TRUE;
}

/**
 * _bd_bundle_get_reports:
 *
 * Returns: (transfer none) (element-type BdBundleReport): the reports, as manifest.json lists them
 */
GPtrArray *
_bd_bundle_get_reports (BdBundle *bundle)
{
  return bundle->reports;
}

/**
 * _bd_bundle_get_outlets:
 *
 * Returns: (transfer none) (element-type BdBundleOutlet): the local outlets the bundle brings
 */
GPtrArray *
_bd_bundle_get_outlets (BdBundle *bundle)
{
  return bundle->outlets;
}

/* Starts reading the originals from the first; the file stays the one opened and checked. */
gboolean
_bd_bundle_rewind (BdBundle  *bundle,
                   GError   **error)
{
  g_clear_pointer (&bundle->reader, archive_read_free);
  bundle->reader = open_reader (bundle->fd, bundle->display, error);

  return bundle->reader != NULL;
}

static gboolean
next_original (BdBundle        *bundle,
               BdBundleReport **report,
               GBytes         **original,
               GCancellable    *cancellable,
               GError         **error)
{
  struct archive_entry *entry;
  int rc;

  while ((rc = archive_read_next_header (bundle->reader, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      g_autoptr(GByteArray) bytes = NULL;
      Entry read = { 0 };
      BdBundleReport *found;
      gboolean ok;

      if (name == NULL || !g_str_has_prefix (name, bundle->top) ||
          name[strlen (bundle->top)] != '/' ||
          !(found = g_hash_table_lookup (bundle->by_path, name + strlen (bundle->top) + 1)))
        continue;

      bytes = g_byte_array_sized_new (MIN (found->size, bundle->limit));
      ok = read_data (bundle->reader, bundle->display, name, bundle->limit, &read, bytes,
                      cancellable, error);
      if (ok && (read.size != found->size || g_ascii_strcasecmp (read.sha256, found->sha256) != 0))
        ok = refuse (error, bundle->display, name, _("changed while it was being imported"));
      g_free (read.sha256);
      if (!ok)
        return FALSE;

      *report = found;
      *original = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
      return TRUE;
    }

  if (rc != ARCHIVE_EOF)
    return read_failed (bundle->reader, bundle->display, error);

  return TRUE;
}

/**
 * _bd_bundle_next:
 * @report: (out) (transfer none) (nullable): the next report, %NULL after the last
 * @original: (out) (transfer full) (nullable): its original, checked against the manifest
 *
 * Reads the next original in the order the bundle holds them, after _bd_bundle_rewind().
 *
 * Returns: %FALSE when the bundle cannot be read or no longer matches what was checked
 */
gboolean
_bd_bundle_next (BdBundle        *bundle,
                 BdBundleReport **report,
                 GBytes         **original,
                 GCancellable    *cancellable,
                 GError         **error)
{
  locale_t previous;
  gboolean ok;

  g_return_val_if_fail (bundle->reader != NULL, FALSE);

  *report = NULL;
  *original = NULL;

  previous = _bd_bundle_use_utf8_locale ();
  ok = next_original (bundle, report, original, cancellable, error);
  _bd_bundle_restore_locale (previous);

  return ok;
}
