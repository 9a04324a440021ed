/* bd-bundle.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-bundle"

#include "config.h"

#include <inttypes.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include <archive.h>
#include <archive_entry.h>
#include <json-glib/json-glib.h>

#include "bd-bundle.h"
#include "bd-bundle-private.h"
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

/**
 * scan:
 * @limit: the most bytes any entry may hold
 * @top: (out): the bundle's one top folder
 * @manifest: (out): manifest.json's bytes
 * @checksums: (out) (nullable): SHA256SUMS's bytes, %NULL when the bundle has none
 *
 * Reads every entry of a bundle into memory only as far as hashing it, refusing the bundle at
 * the first entry that could harm an extraction or is not what a bundle holds.
 *
 * Returns: (transfer full) (element-type Entry): the bundle's files by path, or %NULL
 */
static GHashTable *
scan (const char    *path,
      guint64        limit,
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
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *top_name = NULL;
  struct archive *reader = archive_read_new ();
  struct archive_entry *entry;
  gboolean ok = FALSE;
  int rc;

  archive_read_support_format_zip (reader);
  archive_read_support_format_tar (reader);
  archive_read_support_format_7zip (reader);
  archive_read_support_filter_gzip (reader);
  archive_read_support_filter_xz (reader);

  if (archive_read_open_filename (reader, path, 64 * 1024) != ARCHIVE_OK)
    {
      read_failed (reader, display, error);
      goto out;
    }

  while ((rc = archive_read_next_header (reader, &entry)) == ARCHIVE_OK)
    {
      const char *raw = archive_entry_pathname_utf8 (entry);
      g_autofree char *name = NULL;
      g_autofree char *first = NULL;
      const char *slash;
      Entry *file;

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

  if (manifest_data == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_UNSUPPORTED,
                   _("%s is not a Baodao bundle: it has no manifest.json"), display);
      goto out;
    }

  ok = TRUE;

out:
  archive_read_free (reader);

  if (!ok)
    return NULL;

  *top = g_steal_pointer (&top_name);
  *manifest = g_byte_array_free_to_bytes (g_steal_pointer (&manifest_data));
  *checksums = checksums_data != NULL
             ? g_byte_array_free_to_bytes (g_steal_pointer (&checksums_data)) : NULL;

  return g_steal_pointer (&entries);
}

static JsonObject *
parse_manifest (GBytes      *bytes,
                const char  *display,
                JsonParser  *parser,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *manifest;
  JsonNode *root;

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
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *top = NULL;
  JsonObject *manifest;
  locale_t previous;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  previous = _bd_bundle_use_utf8_locale ();
  entries = scan (path, BD_BUNDLE_MAX_ENTRY_SIZE, &top, &manifest_bytes, &checksums,
                  cancellable, error);
  _bd_bundle_restore_locale (previous);
  if (entries == NULL)
    return FALSE;

  if (!(manifest = parse_manifest (manifest_bytes, display, parser, error)))
    return FALSE;

  if (checksums == NULL)
    g_ptr_array_add (found, g_strdup (_("the bundle has no SHA256SUMS")));
  else
    check_checksums (entries, checksums, found);
  check_manifest (entries, top, manifest, found);

  g_ptr_array_sort (found, compare_strings);
  *problems = g_steal_pointer (&found);

  return TRUE;
}
