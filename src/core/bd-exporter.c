/* bd-exporter.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-exporter"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <archive.h>
#include <archive_entry.h>
#include <json-glib/json-glib.h>
#include <xlsxwriter.h>

#include "bd-archive.h"
#include "bd-bundle-private.h"
#include "bd-error.h"
#include "bd-csv.h"
#include "bd-exporter.h"
#include "bd-progress.h"
#include "bd-extract.h"
#include "bd-files-private.h"
#include "bd-outlet.h"
#include "bd-outlet-registry.h"
#include "bd-query.h"
#include "bd-report.h"
#include "bd-search.h"
#include "bd-search-result.h"
#include "bd-stats.h"

/* Windows Explorer and most USB sticks cope with names up to 255 UTF-16 units; 120 bytes leave
 * room for the folders above and for unpacking into a deep path. */
#define MAX_NAME_BYTES 120

/* A bundle is written as ".NAME.partial-XXXXXX" beside its target, its spreadsheet as that
 * name with PARTIAL_XLSX_SUFFIX, and renamed when complete. */
#define PARTIAL_INFIX       ".partial-"
#define PARTIAL_XLSX_SUFFIX ".xlsx"

/* Used when no report has a date, so the bundle still does not depend on the clock. */
#define UNDATED_MTIME  G_GINT64_CONSTANT (946684800)  /* 2000-01-01T00:00:00Z */

static const char * const csv_header[] = {
  "序号", "标题", "媒体", "级别", "发布日期", "标签", "文件", "SHA-256", "来源链接",
};

/* Folders in this order, highest level first. */
static const BdLevel level_order[] = {
  BD_LEVEL_NATIONAL, BD_LEVEL_PROVINCIAL, BD_LEVEL_MUNICIPAL, BD_LEVEL_UNSET,
};

static const struct {
  const char *nick;
  const char *extension;
} formats[] = {
  [BD_BUNDLE_ZIP] = { "zip", ".zip" },
  [BD_BUNDLE_TAR_GZ] = { "tar.gz", ".tar.gz" },
  [BD_BUNDLE_TAR_XZ] = { "tar.xz", ".tar.xz" },
  [BD_BUNDLE_7Z] = { "7z", ".7z" },
};

struct _BdExporter
{
  GObject         parent_instance;

  BdArchive      *archive;
  BdQuery        *query;
  GArray         *ids;
  BdBundleFormat  format;
  char           *title;
  gboolean        overwrite;
  gboolean        running;

  /* while running */
  GCancellable   *cancellable;
  GMainContext   *progress_context;

  /* after a run */
  guint           n_reports;
  guint64         size;
  char           *sha256;
};

G_DEFINE_FINAL_TYPE (BdExporter, bd_exporter, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* One report in the bundle. */
typedef struct
{
  BdReport *report;
  char     *path;     /* inside the top folder: "国家级/2023-08-15_人民日报_….pdf" */
  char     *sha256;   /* of the bytes written, checked against the archive's */
} Planned;

static void
planned_free (Planned *planned)
{
  g_clear_object (&planned->report);
  g_free (planned->path);
  g_free (planned->sha256);
  g_free (planned);
}

/* A bundle being written. */
typedef struct
{
  struct archive *archive;
  const char     *display;  /* the target, for messages */
  char           *top;      /* the top folder's name */
  gint64          mtime;
  GString        *checksums;
} Writer;

gboolean
bd_bundle_format_parse (const char      *text,
                        BdBundleFormat  *format,
                        GError         **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (text, formats[i].nick) == 0 ||
          g_ascii_strcasecmp (text, formats[i].extension) == 0)
        {
          *format = i;
          return TRUE;
        }
    }

  g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
               _("“%s” is not a bundle format: write zip, tar.gz, tar.xz or 7z"), text);
  return FALSE;
}

const char *
bd_bundle_format_to_nick (BdBundleFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);

  return formats[format].nick;
}

static void
bd_exporter_finalize (GObject *object)
{
  BdExporter *self = (BdExporter *)object;

  g_clear_object (&self->archive);
  g_clear_object (&self->query);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->progress_context, g_main_context_unref);

  G_OBJECT_CLASS (bd_exporter_parent_class)->finalize (object);
}

static void
bd_exporter_class_init (BdExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_exporter_finalize;

  /**
   * BdExporter::progress:
   * @done: reports written
   * @total: reports in the bundle
   * @path: the report just written, inside the bundle
   *
   * Emitted after each report, in the main context that started an asynchronous export, or
   * in the thread running bd_exporter_run().
   */
  signals [PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
bd_exporter_init (BdExporter *self)
{
  self->title = g_strdup (BD_EXPORTER_DEFAULT_TITLE);
}

BdExporter *
bd_exporter_new (BdArchive *archive)
{
  BdExporter *self;

  g_return_val_if_fail (BD_IS_ARCHIVE (archive), NULL);

  self = g_object_new (BD_TYPE_EXPORTER, NULL);
  self->archive = g_object_ref (archive);

  return self;
}

/**
 * bd_exporter_set_query:
 * @query: (nullable): the reports to export; %NULL (and no ids) exports every report
 *
 * Its text, filters and period choose the reports; the period names the bundle.
 */
void
bd_exporter_set_query (BdExporter *self,
                       BdQuery    *query)
{
  g_return_if_fail (BD_IS_EXPORTER (self));
  g_return_if_fail (query == NULL || BD_IS_QUERY (query));
  g_return_if_fail (!self->running);

  g_set_object (&self->query, query);
  g_clear_pointer (&self->ids, g_array_unref);
}

/**
 * bd_exporter_set_ids:
 *
 * Exports exactly these reports instead of a query's.
 */
void
bd_exporter_set_ids (BdExporter   *self,
                     const gint64 *ids,
                     guint         n_ids)
{
  g_return_if_fail (BD_IS_EXPORTER (self));
  g_return_if_fail (ids != NULL || n_ids == 0);
  g_return_if_fail (!self->running);

  g_clear_object (&self->query);
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (self->ids, ids, n_ids);
}

void
bd_exporter_set_format (BdExporter     *self,
                        BdBundleFormat  format)
{
  g_return_if_fail (BD_IS_EXPORTER (self));
  g_return_if_fail (format < G_N_ELEMENTS (formats));
  g_return_if_fail (!self->running);

  self->format = format;
}

/**
 * bd_exporter_set_title:
 * @title: what the top folder is called before the period, e.g. "竹溪宣传报道"
 */
void
bd_exporter_set_title (BdExporter *self,
                       const char *title)
{
  g_return_if_fail (BD_IS_EXPORTER (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (!self->running);

  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * bd_exporter_set_overwrite:
 *
 * Whether an existing file at the target may be replaced; by default the export refuses.
 */
void
bd_exporter_set_overwrite (BdExporter *self,
                           gboolean    overwrite)
{
  g_return_if_fail (BD_IS_EXPORTER (self));
  g_return_if_fail (!self->running);

  self->overwrite = !!overwrite;
}

guint
bd_exporter_get_n_reports (BdExporter *self)
{
  g_return_val_if_fail (BD_IS_EXPORTER (self), 0);

  return self->n_reports;
}

guint64
bd_exporter_get_size (BdExporter *self)
{
  g_return_val_if_fail (BD_IS_EXPORTER (self), 0);

  return self->size;
}

/**
 * bd_exporter_get_sha256:
 *
 * Returns: (nullable): the SHA-256 of the bundle the last run wrote
 */
const char *
bd_exporter_get_sha256 (BdExporter *self)
{
  g_return_val_if_fail (BD_IS_EXPORTER (self), NULL);

  return self->sha256;
}

static void
report_progress (BdExporter *self,
                 guint       done,
                 guint       total,
                 const char *path)
{
  bd_progress_emit (self, signals [PROGRESS], self->progress_context, done, total, path);
}

static guint
level_rank (BdLevel level)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    {
      if (level_order[i] == level)
        return i;
    }

  return G_N_ELEMENTS (level_order);
}

/* By level, then date (undated last), then title; the SHA-256 settles the rest, so the order
 * never depends on how the archive returned them. */
static int
compare_reports (gconstpointer a,
                 gconstpointer b)
{
  BdReport *report_a = *(BdReport * const *)a;
  BdReport *report_b = *(BdReport * const *)b;
  const char *date_a = bd_report_get_date (report_a);
  const char *date_b = bd_report_get_date (report_b);
  guint rank_a = level_rank (bd_report_get_level (report_a));
  guint rank_b = level_rank (bd_report_get_level (report_b));
  int cmp;

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;

  if ((date_a == NULL) != (date_b == NULL))
    return date_a == NULL ? 1 : -1;
  if (date_a != NULL && (cmp = strcmp (date_a, date_b)) != 0)
    return cmp;

  if ((cmp = strcmp (bd_report_get_title (report_a), bd_report_get_title (report_b))) != 0)
    return cmp;

  return strcmp (bd_report_get_sha256 (report_a), bd_report_get_sha256 (report_b));
}

static GPtrArray *
select_reports (BdExporter  *self,
                GError     **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->ids != NULL)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint i = 0; i < self->ids->len; i++)
        {
          gint64 *id = &g_array_index (self->ids, gint64, i);
          BdReport *report;

          if (!g_hash_table_add (seen, id))
            continue;
          if (!(report = bd_archive_get_report (self->archive, *id, FALSE, error)))
            return NULL;
          g_ptr_array_add (reports, report);
        }
    }
  else
    {
      g_autoptr(BdQuery) all = NULL;
      g_autoptr(GPtrArray) results = NULL;
      BdQuery *query = self->query;

      if (query == NULL)
        query = all = bd_query_parse ("", error);
      if (query == NULL)
        return NULL;

      if (!(results = bd_archive_search (self->archive, query, 0, 0, NULL, self->cancellable,
                                         error)))
        return NULL;

      for (guint i = 0; i < results->len; i++)
        {
          BdSearchResult *result = g_ptr_array_index (results, i);

          g_ptr_array_add (reports, g_object_ref (bd_search_result_get_report (result)));
        }
    }

  g_ptr_array_sort (reports, compare_reports);

  return g_steal_pointer (&reports);
}

/* What the bundle is named after: the period asked for, or the dates the reports span. */
static char *
describe_selection (const char *first_day,
                    const char *last_day)
{
  guint y1, m1, d1, y2, m2, d2;

  if (first_day == NULL && last_day == NULL)
    return g_strdup ("全部");
  if (first_day == NULL)
    return g_strdup_printf ("至%s", last_day);
  if (last_day == NULL)
    return g_strdup_printf ("%s起", first_day);
  if (g_str_equal (first_day, last_day))
    return g_strdup (first_day);

  if (sscanf (first_day, "%4u-%2u-%2u", &y1, &m1, &d1) == 3 &&
      sscanf (last_day, "%4u-%2u-%2u", &y2, &m2, &d2) == 3 &&
      y1 == y2 && d1 == 1 && g_date_valid_dmy (d2, m2, y2) &&
      d2 == g_date_get_days_in_month (m2, y2))
    {
      if (m1 == 1 && m2 == 12)
        return g_strdup_printf ("%u", y1);
      if (m1 % 3 == 1 && m2 == m1 + 2)
        return g_strdup_printf ("%uQ%u", y1, (m1 + 2) / 3);
      if (m1 == m2)
        return g_strdup_printf ("%u-%02u", y1, m1);
    }

  return g_strdup_printf ("%s至%s", first_day, last_day);
}

static gboolean
is_unsafe (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 ||
         (c < 0x80 && strchr ("/\\:*?\"<>|", (int)c) != NULL);
}

/* A name every common file system and unpacker accepts: unsafe characters become "_", and
 * Windows' leading and trailing dots and spaces go. */
static char *
safe_name (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *name = g_string_new (NULL);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unsafe (c))
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
    }

  while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);
  while (name->len > 0 && (name->str[0] == ' ' || name->str[0] == '.'))
    g_string_erase (name, 0, 1);

  return g_string_free (name, FALSE);
}

/* Cuts @text to at most @max_bytes without splitting a character. */
static void
truncate_utf8 (GString *text,
               gsize    max_bytes)
{
  const char *end;

  if (text->len <= max_bytes)
    return;

  end = text->str + max_bytes;
  /* back up to the start of the character that crosses the limit */
  while (end > text->str && ((guchar)*end & 0xc0) == 0x80)
    end--;
  g_string_truncate (text, end - text->str);
}

static const char *
extension_for (BdReport *report)
{
  const char *media_type = bd_report_get_media_type (report);

  if (g_strcmp0 (media_type, BD_MEDIA_TYPE_PDF) == 0)
    return ".pdf";
  if (g_strcmp0 (media_type, BD_MEDIA_TYPE_HTML) == 0)
    return ".html";

  return ".bin";
}

/* "日期_媒体_标题.ext", unique within its folder, whatever the case: Windows and macOS would
 * otherwise unpack two names differing only in case onto one file. */
static char *
plan_path (BdReport   *report,
           GHashTable *taken)
{
  const char *date = bd_report_get_date (report);
  const char *outlet = bd_report_get_outlet (report);
  const char *title = bd_report_get_title (report);
  const char *extension = extension_for (report);
  const char *folder = bd_level_to_chinese (bd_report_get_level (report));
  g_autofree char *joined = g_strdup_printf ("%s_%s_%s",
                                             date != NULL ? date : "无日期",
                                             outlet != NULL ? outlet : "未知媒体",
                                             title != NULL && *title != '\0' ? title : "无标题");
  g_autofree char *stem = safe_name (joined);

  for (guint n = 1; ; n++)
    {
      g_autofree char *suffix = n > 1 ? g_strdup_printf ("(%u)", n) : g_strdup ("");
      g_autoptr(GString) name = g_string_new (stem);
      g_autofree char *path = NULL;
      g_autofree char *key = NULL;

      truncate_utf8 (name, MAX_NAME_BYTES - strlen (suffix) - strlen (extension));
      g_string_append (name, suffix);
      g_string_append (name, extension);

      path = g_build_path ("/", folder, name->str, NULL);
      key = g_utf8_casefold (path, -1);
      if (!g_hash_table_contains (taken, key))
        {
          g_hash_table_add (taken, g_steal_pointer (&key));
          return g_steal_pointer (&path);
        }
    }
}

static gboolean
archive_failed (struct archive  *archive,
                const char      *display,
                GError         **error)
{
  int saved_errno = archive_errno (archive);
  const char *message = archive_error_string (archive);

  if (saved_errno > 0)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot write %s: %s"), display, g_strerror (saved_errno));
  else
    g_set_error (error, BD_ERROR, BD_ERROR_FAILED,
                 _("Cannot write %s: %s"), display,
                 message != NULL ? message : _("the archive library failed"));

  return FALSE;
}

static gboolean
write_header (Writer      *writer,
              const char  *path,
              gboolean     is_dir,
              guint64      size,
              GError     **error)
{
  g_autofree char *full_path = path != NULL ? g_build_path ("/", writer->top, path, NULL)
                                            : g_strdup (writer->top);
  struct archive_entry *entry = archive_entry_new ();
  int rc;

  /* the same bytes every time: fixed times and owners, no atime or ctime */
  if (is_dir)
    {
      g_autofree char *dir_path = g_strconcat (full_path, "/", NULL);

      archive_entry_set_pathname_utf8 (entry, dir_path);
      archive_entry_set_filetype (entry, AE_IFDIR);
      archive_entry_set_perm (entry, 0755);
    }
  else
    {
      archive_entry_set_pathname_utf8 (entry, full_path);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, size);
    }
  archive_entry_set_mtime (entry, writer->mtime, 0);
  archive_entry_set_uid (entry, 0);
  archive_entry_set_gid (entry, 0);

  rc = archive_write_header (writer->archive, entry);
  archive_entry_free (entry);

  if (rc < ARCHIVE_WARN)
    return archive_failed (writer->archive, writer->display, error);

  return TRUE;
}

static gboolean
write_data (Writer      *writer,
            const void  *data,
            gsize        size,
            GError     **error)
{
  gsize written = 0;

  while (written < size)
    {
      la_ssize_t n = archive_write_data (writer->archive, (const char *)data + written,
                                         size - written);

      if (n <= 0)
        return archive_failed (writer->archive, writer->display, error);
      written += n;
    }

  return TRUE;
}

/* Writes a file made in memory and lists it in SHA256SUMS. */
static gboolean
write_file (Writer      *writer,
            const char  *path,
            const void  *data,
            gsize        size,
            GError     **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);

  if (!write_header (writer, path, FALSE, size, error) ||
      !write_data (writer, data, size, error))
    return FALSE;

  g_string_append_printf (writer->checksums, "%s  %s\n", sha256, path);
  return TRUE;
}

/* Copies a stored original into the bundle, checking its bytes against the archive's SHA-256 on
 * the way: a damaged original must not be handed on as if it were sound. */
static gboolean
write_original (BdExporter  *self,
                Writer      *writer,
                Planned     *planned,
                GError     **error)
{
  g_autofree char *source = bd_archive_get_original_path (self->archive, planned->report);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(GFileInputStream) stream = NULL;
  guint64 expected = bd_report_get_size (planned->report);
  guint64 copied = 0;
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  gssize n;

  if (!(stream = g_file_read (file, self->cancellable, error)))
    return FALSE;

  if (!write_header (writer, planned->path, FALSE, expected, error))
    return FALSE;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 256 * 1024,
                                   self->cancellable, error)) > 0)
    {
      if (copied + n > expected)
        break;
      g_checksum_update (checksum, buffer, n);
      if (!write_data (writer, buffer, n, error))
        return FALSE;
      copied += n;
    }
  if (n < 0)
    return FALSE;

  planned->sha256 = g_strdup (g_checksum_get_string (checksum));
  if (copied != expected || !g_str_equal (planned->sha256, bd_report_get_sha256 (planned->report)))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_CORRUPT,
                   _("The stored original of report %" PRId64 " (%s) is damaged; run "
                     "“baodao-cli verify” to find every damaged original"),
                   bd_report_get_id (planned->report), source);
      return FALSE;
    }

  g_string_append_printf (writer->checksums, "%s  %s\n", planned->sha256, planned->path);
  return TRUE;
}

static char *
join_tags (BdReport *report)
{
  return g_strjoinv ("、", (char **)bd_report_get_tags (report));
}

/* RFC 4180 with a BOM: Excel in a Chinese locale opens it as UTF-8 only with the BOM. */
static GString *
make_csv (GPtrArray *planned)
{
  GString *csv = g_string_new (BD_CSV_BOM);

  for (guint i = 0; i < G_N_ELEMENTS (csv_header); i++)
    bd_csv_append_field (csv, csv_header[i], i + 1 == G_N_ELEMENTS (csv_header));

  for (guint i = 0; i < planned->len; i++)
    {
      Planned *item = g_ptr_array_index (planned, i);
      BdReport *report = item->report;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *tags = join_tags (report);

      bd_csv_append_field (csv, number, FALSE);
      bd_csv_append_field (csv, bd_report_get_title (report), FALSE);
      bd_csv_append_field (csv, bd_report_get_outlet (report), FALSE);
      bd_csv_append_field (csv, bd_level_to_chinese (bd_report_get_level (report)), FALSE);
      bd_csv_append_field (csv, bd_report_get_date (report), FALSE);
      bd_csv_append_field (csv, tags, FALSE);
      bd_csv_append_field (csv, item->path, FALSE);
      bd_csv_append_field (csv, item->sha256, FALSE);
      bd_csv_append_field (csv, bd_report_get_source_url (report), TRUE);
    }

  return csv;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static int
compare_outlet_names (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (bd_outlet_get_name (*(BdOutlet * const *)a),
                 bd_outlet_get_name (*(BdOutlet * const *)b));
}

/* Everything another archive needs to take the reports in as they are here, including the
 * outlets this archive added to the shipped list that the reports name. */
static char *
make_manifest_json (BdExporter *self,
                    Writer     *writer,
                    GPtrArray  *planned,
                    const char *first_day,
                    const char *last_day)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) outlet_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) outlets = bd_outlet_registry_list (bd_archive_get_outlets (self->archive));
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (writer->mtime);
  g_autofree char *created_text = g_date_time_format_iso8601 (created);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, BD_BUNDLE_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, BD_BUNDLE_VERSION);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, PACKAGE_NAME " " PACKAGE_VERSION);
  add_string_or_null (builder, "name", writer->top);
  add_string_or_null (builder, "first_day", first_day);
  add_string_or_null (builder, "last_day", last_day);
  add_string_or_null (builder, "date", created_text);

  json_builder_set_member_name (builder, "reports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < planned->len; i++)
    {
      Planned *item = g_ptr_array_index (planned, i);
      BdReport *report = item->report;
      g_autofree char *path = g_build_path ("/", writer->top, item->path, NULL);

      if (bd_report_get_outlet (report) != NULL)
        g_hash_table_add (outlet_names, (gpointer)bd_report_get_outlet (report));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, bd_report_get_id (report));
      add_string_or_null (builder, "sha256", item->sha256);
      add_string_or_null (builder, "title", bd_report_get_title (report));
      add_string_or_null (builder, "outlet", bd_report_get_outlet (report));
      add_string_or_null (builder, "level", bd_level_to_nick (bd_report_get_level (report)));
      json_builder_set_member_name (builder, "level_manual");
      json_builder_add_boolean_value (builder, bd_report_get_level_manual (report));
      add_string_or_null (builder, "date", bd_report_get_date (report));
      add_string_or_null (builder, "source_url", bd_report_get_source_url (report));
      add_string_or_null (builder, "file_name", bd_report_get_file_name (report));
      add_string_or_null (builder, "media_type", bd_report_get_media_type (report));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, bd_report_get_size (report));
      json_builder_set_member_name (builder, "n_pages");
      json_builder_add_int_value (builder, bd_report_get_n_pages (report));
      add_strv (builder, "tags", bd_report_get_tags (report));
      add_string_or_null (builder, "path", path);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  g_ptr_array_sort (outlets, compare_outlet_names);
  json_builder_set_member_name (builder, "outlets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < outlets->len; i++)
    {
      BdOutlet *outlet = g_ptr_array_index (outlets, i);

      if (!bd_outlet_get_local (outlet) ||
          !g_hash_table_contains (outlet_names, bd_outlet_get_name (outlet)))
        continue;

      json_builder_begin_object (builder);
      add_string_or_null (builder, "name", bd_outlet_get_name (outlet));
      add_string_or_null (builder, "level", bd_level_to_nick (bd_outlet_get_level (outlet)));
      add_strv (builder, "aliases", bd_outlet_get_aliases (outlet));
      add_strv (builder, "domains", bd_outlet_get_domains (outlet));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* The counts an office files: by level, by month, and the summary sentence. */
static GString *
make_stats_text (BdStats *stats)
{
  g_autofree char *summary = bd_stats_format_summary (stats);
  GString *text = g_string_new (BD_CSV_BOM);

  /* CRLF and a BOM: Notepad on the office's Windows machines shows it right */
  g_string_append_printf (text, "%s\r\n\r\n", summary);
  g_string_append (text, "级别\t报道数\r\n");
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    g_string_append_printf (text, "%s\t%u\r\n", bd_level_to_chinese (level_order[i]),
                            stats->levels[level_order[i]]);
  g_string_append_printf (text, "合计\t%u\r\n\r\n", stats->total);

  g_string_append (text, "月份");
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    g_string_append_printf (text, "\t%s", bd_level_to_chinese (level_order[i]));
  g_string_append (text, "\t合计\r\n");
  for (guint i = 0; i < stats->months->len; i++)
    {
      BdStatsMonth *month = g_ptr_array_index (stats->months, i);

      g_string_append (text, *month->month != '\0' ? month->month : "无日期");
      for (guint j = 0; j < G_N_ELEMENTS (level_order); j++)
        g_string_append_printf (text, "\t%u", month->levels[level_order[j]]);
      g_string_append_printf (text, "\t%u\r\n", month->total);
    }

  return text;
}

/* libxlsxwriter writes a file, not memory: @partial_path's, with .xlsx added, removed once read;
 * it goes with the partial bundle when an export is killed (see sweep_partials()). Its scratch
 * files go to the system's temporary folder, not beside the bundle: each is removed as soon as
 * it is open, but an export killed in that instant would leave it behind. */
static GBytes *
make_xlsx (GPtrArray   *planned,
           BdStats     *stats,
           Writer      *writer,
           const char  *partial_path,
           GError     **error)
{
  g_autofree char *summary = bd_stats_format_summary (stats);
  g_autofree char *tmp_path = g_strconcat (partial_path, PARTIAL_XLSX_SUFFIX, NULL);
  lxw_doc_properties properties = { .created = (time_t)writer->mtime };
  lxw_worksheet *sheet;
  lxw_workbook *workbook;
  lxw_format *bold;
  lxw_error rc;
  char *contents = NULL;
  gsize length = 0;
  guint row = 0;

  workbook = workbook_new (tmp_path);
  if (workbook == NULL)
    {
      g_unlink (tmp_path);
      g_set_error (error, BD_ERROR, BD_ERROR_FAILED,
                   _("Cannot write %s: the spreadsheet cannot be created"), writer->display);
      return NULL;
    }
  /* a fixed creation time keeps the workbook, and so the bundle, the same bytes */
  workbook_set_properties (workbook, &properties);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);

  sheet = workbook_add_worksheet (workbook, "报道");
  for (guint i = 0; i < G_N_ELEMENTS (csv_header); i++)
    worksheet_write_string (sheet, 0, i, csv_header[i], bold);
  for (guint i = 0; i < planned->len; i++)
    {
      Planned *item = g_ptr_array_index (planned, i);
      BdReport *report = item->report;
      g_autofree char *tags = join_tags (report);
      const char * const cells[] = {
        bd_report_get_title (report),
        bd_report_get_outlet (report),
        bd_level_to_chinese (bd_report_get_level (report)),
        bd_report_get_date (report),
        tags,
        item->path,
        item->sha256,
        bd_report_get_source_url (report),
      };

      worksheet_write_number (sheet, i + 1, 0, i + 1, NULL);
      for (guint j = 0; j < G_N_ELEMENTS (cells); j++)
        {
          if (cells[j] != NULL && *cells[j] != '\0')
            worksheet_write_string (sheet, i + 1, j + 1, cells[j], NULL);
        }
    }
  worksheet_set_column (sheet, 1, 1, 48, NULL);
  worksheet_set_column (sheet, 2, 2, 16, NULL);
  worksheet_set_column (sheet, 4, 4, 12, NULL);
  worksheet_set_column (sheet, 6, 6, 40, NULL);

  sheet = workbook_add_worksheet (workbook, "统计");
  worksheet_write_string (sheet, row++, 0, summary, NULL);
  row++;
  worksheet_write_string (sheet, row, 0, "级别", bold);
  worksheet_write_string (sheet, row++, 1, "报道数", bold);
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    {
      worksheet_write_string (sheet, row, 0, bd_level_to_chinese (level_order[i]), NULL);
      worksheet_write_number (sheet, row++, 1, stats->levels[level_order[i]], NULL);
    }
  worksheet_write_string (sheet, row, 0, "合计", bold);
  worksheet_write_number (sheet, row++, 1, stats->total, bold);
  row++;
  worksheet_write_string (sheet, row, 0, "月份", bold);
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    worksheet_write_string (sheet, row, i + 1, bd_level_to_chinese (level_order[i]), bold);
  worksheet_write_string (sheet, row++, G_N_ELEMENTS (level_order) + 1, "合计", bold);
  for (guint i = 0; i < stats->months->len; i++)
    {
      BdStatsMonth *month = g_ptr_array_index (stats->months, i);

      worksheet_write_string (sheet, row, 0, *month->month != '\0' ? month->month : "无日期", NULL);
      for (guint j = 0; j < G_N_ELEMENTS (level_order); j++)
        worksheet_write_number (sheet, row, j + 1, month->levels[level_order[j]], NULL);
      worksheet_write_number (sheet, row++, G_N_ELEMENTS (level_order) + 1, month->total, NULL);
    }
  worksheet_set_column (sheet, 0, 0, 12, NULL);

  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR || !g_file_get_contents (tmp_path, &contents, &length, NULL))
    {
      g_unlink (tmp_path);
      g_set_error (error, BD_ERROR, BD_ERROR_FAILED, _("Cannot write %s: %s"), writer->display,
                   rc != LXW_NO_ERROR ? lxw_strerror (rc) : g_strerror (errno));
      return NULL;
    }
  g_unlink (tmp_path);

  return g_bytes_new_take (contents, length);
}

static gboolean
set_format (struct archive  *archive,
            BdBundleFormat   format)
{
  switch (format)
    {
    case BD_BUNDLE_ZIP:
      /* flags the names as UTF-8, so Windows Explorer in a Chinese locale shows them right */
      return archive_write_set_format_zip (archive) == ARCHIVE_OK &&
             archive_write_set_options (archive, "zip:hdrcharset=UTF-8") == ARCHIVE_OK;
    case BD_BUNDLE_TAR_GZ:
      /* no timestamp in the gzip header, or no two bundles would be the same bytes */
      return archive_write_set_format_pax_restricted (archive) == ARCHIVE_OK &&
             archive_write_add_filter_gzip (archive) == ARCHIVE_OK &&
             archive_write_set_options (archive, "gzip:!timestamp") == ARCHIVE_OK;
    case BD_BUNDLE_TAR_XZ:
      return archive_write_set_format_pax_restricted (archive) == ARCHIVE_OK &&
             archive_write_add_filter_xz (archive) == ARCHIVE_OK;
    case BD_BUNDLE_7Z:
      return archive_write_set_format_7zip (archive) == ARCHIVE_OK;
    default:
      g_assert_not_reached ();
    }
}

/* The newest report's day at midnight UTC: the bundle's times depend on its reports only. */
static gint64
bundle_mtime (GPtrArray *reports)
{
  const char *newest = NULL;
  g_autoptr(GDateTime) time = NULL;
  guint year, month, day;

  for (guint i = 0; i < reports->len; i++)
    {
      const char *date = bd_report_get_date (g_ptr_array_index (reports, i));

      if (date != NULL && (newest == NULL || strcmp (date, newest) > 0))
        newest = date;
    }

  if (newest == NULL || sscanf (newest, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !(time = g_date_time_new_utc (year, month, day, 0, 0, 0)))
    return UNDATED_MTIME;

  /* zip cannot say anything before 1980 */
  return MAX (g_date_time_to_unix (time), UNDATED_MTIME);
}

static gboolean
write_bundle (BdExporter  *self,
              int          fd,
              const char  *display,
              const char  *partial_path,
              GPtrArray   *reports,
              GError     **error)
{
  g_autoptr(GPtrArray) planned = g_ptr_array_new_with_free_func ((GDestroyNotify)planned_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(BdStats) stats = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(GString) stats_text = NULL;
  g_autoptr(GBytes) xlsx = NULL;
  g_autofree char *json = NULL;
  g_autofree char *period = NULL;
  const char *first_day = NULL;
  const char *last_day = NULL;
  gboolean has_level[BD_N_LEVELS] = { FALSE };
  Writer writer = { 0 };
  gboolean ok = FALSE;

  if (self->query != NULL)
    {
      const char *first = NULL;
      const char *last = NULL;

      /* an open end comes as 0001-01-01 or 9999-12-31 */
      if (bd_query_get_date_range (self->query, &first, &last))
        {
          first_day = g_str_equal (first, "0001-01-01") ? NULL : first;
          last_day = g_str_equal (last, "9999-12-31") ? NULL : last;
        }
    }

  if (self->ids != NULL && reports->len > 0)
    {
      /* explicit reports: named after the days they span */
      for (guint i = 0; i < reports->len; i++)
        {
          const char *date = bd_report_get_date (g_ptr_array_index (reports, i));

          if (date != NULL && (first_day == NULL || strcmp (date, first_day) < 0))
            first_day = date;
          if (date != NULL && (last_day == NULL || strcmp (date, last_day) > 0))
            last_day = date;
        }
    }

  period = describe_selection (first_day, last_day);
  {
    g_autofree char *top = g_strdup_printf ("%s_%s", self->title, period);

    writer.top = safe_name (top);
  }
  writer.display = display;
  writer.mtime = bundle_mtime (reports);
  writer.checksums = g_string_new (NULL);

  for (guint i = 0; i < reports->len; i++)
    {
      Planned *item = g_new0 (Planned, 1);

      item->report = g_object_ref (g_ptr_array_index (reports, i));
      item->path = plan_path (item->report, taken);
      has_level[bd_report_get_level (item->report)] = TRUE;
      g_ptr_array_add (planned, item);
    }

  writer.archive = archive_write_new ();
  if (!set_format (writer.archive, self->format) ||
      archive_write_open_fd (writer.archive, fd) != ARCHIVE_OK)
    {
      archive_failed (writer.archive, display, error);
      goto out;
    }

  if (!write_header (&writer, NULL, TRUE, 0, error))
    goto out;
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    {
      if (has_level[level_order[i]] &&
          !write_header (&writer, bd_level_to_chinese (level_order[i]), TRUE, 0, error))
        goto out;
    }

  for (guint i = 0; i < planned->len; i++)
    {
      Planned *item = g_ptr_array_index (planned, i);

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error) ||
          !write_original (self, &writer, item, error))
        goto out;

      report_progress (self, i + 1, planned->len, item->path);
    }

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    goto out;

  /* the statistics count the reports in the bundle, whatever chose them */
  stats = bd_stats_new_for_reports (reports,
                                    self->ids == NULL ? first_day : NULL,
                                    self->ids == NULL ? last_day : NULL);
  csv = make_csv (planned);
  json = make_manifest_json (self, &writer, planned, first_day, last_day);
  stats_text = make_stats_text (stats);
  if (!(xlsx = make_xlsx (planned, stats, &writer, partial_path, error)))
    goto out;

  if (!write_file (&writer, BD_BUNDLE_MANIFEST_CSV, csv->str, csv->len, error) ||
      !write_file (&writer, BD_BUNDLE_MANIFEST_JSON, json, strlen (json), error) ||
      !write_file (&writer, BD_BUNDLE_MANIFEST_XLSX, g_bytes_get_data (xlsx, NULL),
                   g_bytes_get_size (xlsx), error) ||
      !write_file (&writer, BD_BUNDLE_STATS_TEXT, stats_text->str, stats_text->len, error))
    goto out;

  /* last, and covering every other file */
  {
    g_autofree char *checksums = g_strdup (writer.checksums->str);

    if (!write_file (&writer, BD_BUNDLE_CHECKSUMS, checksums, strlen (checksums), error))
      goto out;
  }

  if (archive_write_close (writer.archive) != ARCHIVE_OK)
    {
      archive_failed (writer.archive, display, error);
      goto out;
    }

  self->n_reports = planned->len;
  ok = TRUE;

out:
  archive_write_free (writer.archive);
  g_free (writer.top);
  g_string_free (writer.checksums, TRUE);

  return ok;
}

static char *
file_sha256 (int      fd,
             guint64 *size)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  ssize_t n;

  *size = 0;
  if (lseek (fd, 0, SEEK_SET) != 0)
    return NULL;

  while ((n = read (fd, buffer, 256 * 1024)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return NULL;
      g_checksum_update (checksum, buffer, n);
      *size += n;
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
is_partial_name (const char *name)
{
  const char *infix = g_strrstr (name, PARTIAL_INFIX);
  const char *random;

  if (name[0] != '.' || infix == NULL || infix == name)
    return FALSE;

  /* what g_mkstemp_full() puts in place of XXXXXX */
  random = infix + strlen (PARTIAL_INFIX);
  if (strlen (random) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    {
      if (!g_ascii_isalnum (random[i]))
        return FALSE;
    }

  return TRUE;
}

/* A running export holds a lock on its partial bundle; one that nobody holds was left by an
 * export that was killed (it could not clean up), and goes with its spreadsheet. Folders of the
 * same name (a backup's) and files where locks do not work are left alone. */
static void
sweep_partials (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat info;
      int fd;

      if (!is_partial_name (name))
        continue;

      path = g_build_filename (dir, name, NULL);
      if ((fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
        continue;

      if (fstat (fd, &info) == 0 && S_ISREG (info.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          g_autofree char *xlsx_path = g_strconcat (path, PARTIAL_XLSX_SUFFIX, NULL);

          g_debug ("Removing %s, left by an export that was killed", path);
          /* the spreadsheet first: a sweep killed in between still finds the bundle */
          g_unlink (xlsx_path);
          g_unlink (path);
        }
      close (fd);
    }
}

/* Creates the partial bundle for @path and locks it. A sweep in another process can take the
 * new file for a leftover in the instant before it is locked: then it is made again. Returns
 * the file, or -1 with errno set. */
static int
create_partial (const char  *path,
                char       **partial_path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (;;)
    {
      g_autofree char *name = g_strdup_printf (".%s" PARTIAL_INFIX "XXXXXX", base);
      g_autofree char *candidate = g_build_filename (dir, name, NULL);
      struct stat by_fd, by_name;
      int fd;

      if ((fd = g_mkstemp_full (candidate, O_RDWR | O_CLOEXEC, 0644)) < 0)
        return -1;

      while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
        ;

      if (fstat (fd, &by_fd) == 0 && g_stat (candidate, &by_name) == 0 &&
          by_fd.st_dev == by_name.st_dev && by_fd.st_ino == by_name.st_ino)
        {
          *partial_path = g_steal_pointer (&candidate);
          return fd;
        }

      close (fd);
    }
}

static gboolean
run_export (BdExporter  *self,
            const char  *path,
            GError     **error)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp_path = NULL;
  g_autofree char *sha256 = NULL;
  guint64 size = 0;
  int saved_errno;
  int fd;

  self->n_reports = 0;
  self->size = 0;
  g_clear_pointer (&self->sha256, g_free);

  if (!self->overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already exists; choose another name or allow replacing it"), display);
      return FALSE;
    }

  if (!(reports = select_reports (self, error)))
    return FALSE;

  sweep_partials (dir);

  /* in the target folder, so the final rename cannot cross file systems */
  if ((fd = create_partial (path, &tmp_path)) < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  {
    locale_t previous = _bd_bundle_use_utf8_locale ();
    gboolean written = write_bundle (self, fd, display, tmp_path, reports, error);

    _bd_bundle_restore_locale (previous);
    if (!written)
      goto failed;
  }

  if (fsync (fd) != 0 || !(sha256 = file_sha256 (fd, &size)))
    goto failed_errno;

  if (!self->overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already exists; choose another name or allow replacing it"), display);
      goto failed;
    }

  /* renamed while still locked, so no sweep takes it for a leftover; fsync() has reported
   * any error writing it, so closing it has nothing left to say */
  if (g_rename (tmp_path, path) != 0)
    goto failed_errno;
  close (fd);

  self->size = size;
  self->sha256 = g_steal_pointer (&sha256);

  /* until its folder is flushed, the bundle's name may not survive a power cut: a quarter
   * reported exported must be on the USB stick pulled out after it */
  return _bd_fsync_directory (dir, error);

failed_errno:
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write %s: %s"), display, g_strerror (saved_errno));

failed:
  g_unlink (tmp_path);
  close (fd);
  self->n_reports = 0;
  return FALSE;
}

/**
 * bd_exporter_run:
 * @path: the bundle to write
 *
 * Writes the chosen reports into one bundle: their originals under a folder per level, with
 * manifest.csv, manifest.xlsx, manifest.json, 统计.txt and SHA256SUMS. The same reports give the
 * same bytes. The bundle appears complete or not at all.
 */
gboolean
bd_exporter_run (BdExporter    *self,
                 const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (BD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  self->running = TRUE;
  g_set_object (&self->cancellable, cancellable);
  ok = run_export (self, path, error);
  g_clear_object (&self->cancellable);
  self->running = FALSE;

  return ok;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BdExporter *self = source_object;
  GError *error = NULL;

  g_set_object (&self->cancellable, cancellable);
  if (run_export (self, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_clear_object (&self->cancellable);
}

/**
 * bd_exporter_run_async:
 *
 * Like bd_exporter_run(), on a thread of its own; ::progress is emitted in the calling
 * thread's main context.
 */
void
bd_exporter_run_async (BdExporter          *self,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BD_IS_EXPORTER (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!self->running);

  self->running = TRUE;
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_exporter_run_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
bd_exporter_run_finish (BdExporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (BD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  self->running = FALSE;
  g_clear_pointer (&self->progress_context, g_main_context_unref);

  return g_task_propagate_boolean (G_TASK (result), error);
}
