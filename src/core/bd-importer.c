/* bd-importer.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-importer"

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bd-archive-private.h"
#include "bd-bundle-private.h"
#include "bd-error.h"
#include "bd-extract.h"
#include "bd-importer.h"
#include "bd-original-batch-private.h"
#include "bd-outlet.h"
#include "bd-outlet-registry.h"
#include "bd-progress.h"
#include "bd-report.h"

/* Files read ahead of the writer: enough to keep every worker busy, few enough that memory
 * stays bounded whatever the folder holds. */
#define JOBS_PER_WORKER   4
#define BYTES_IN_FLIGHT   (256 * 1024 * 1024)

/* Originals are made durable a batch at a time, far cheaper than one by one. A batch ends at so
 * many reports or bytes, or when its first report has waited long enough, so that progress
 * stays live on a slow disk and a large folder. */
#define BATCH_REPORTS     64
#define BATCH_BYTES       (32 * 1024 * 1024)
#define BATCH_DELAY_MS    200

/* How far into a report's text its outlet is looked for (e-paper headers, bylines). */
#define OUTLET_HEAD_CHARS 200

/* Reading a genuine report takes seconds at most; a file that takes minutes is built to hang
 * the parser. */
#define DEFAULT_TIME_LIMIT_MS (120 * 1000)

typedef struct
{
  char           *path;
  guint64         size;
  BdBundle       *bundle;  /* when the file is a bundle: its reports are imported instead */
  BdBundleReport *entry;   /* when the job is a report of a bundle, read from it already */

  /* set by the worker, read by the writer once done is set */
  gboolean      done;
  gint64        started;      /* monotonic time the worker took the job, under the lock */
  GCancellable *cancellable;  /* cancelled when the import is or the job runs out of time */
  gboolean      timed_out;    /* under the lock */
  gboolean      known_duplicate;
  char         *sha256;
  GBytes       *bytes;
  BdExtraction *extraction;
  GError       *error;

  /* set by the writer once the original is in the batch */
  guint64       n_bytes;
} Job;

struct _BdImporter
{
  GObject       parent_instance;

  BdArchive    *archive;
  BdLevel       level;
  gboolean      has_level;
  GPtrArray    *tags;
  guint64       max_file_size;
  guint         time_limit_ms;
  guint         n_workers;

  GPtrArray    *items;
  gboolean      running;

  /* while running */
  GMutex        lock;
  GCond         job_done;
  GHashTable   *known;
  GCancellable *cancellable;
  GMainContext *progress_context;

  /* the writer's batch: reports whose originals are written, not yet durable */
  BdOriginalBatch *originals;
  GPtrArray       *batch;          /* Job, in file order */
  gint64           batch_started;  /* monotonic time its first report joined */
  guint            done;
  guint            total;
};

G_DEFINE_FINAL_TYPE (BdImporter, bd_importer, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
job_free (Job *job)
{
  /* the writer takes the jobs it has batched out of the list of files */
  if (job == NULL)
    return;

  g_free (job->path);
  g_clear_pointer (&job->bundle, _bd_bundle_free);
  g_free (job->sha256);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_pointer (&job->extraction, bd_extraction_free);
  g_clear_error (&job->error);
  g_free (job);
}

static void
import_item_free (BdImportItem *item)
{
  g_free (item->path);
  g_clear_error (&item->error);
  g_free (item->message);
  g_free (item);
}

static void
bd_importer_finalize (GObject *object)
{
  BdImporter *self = (BdImporter *)object;

  g_clear_object (&self->archive);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->job_done);

  G_OBJECT_CLASS (bd_importer_parent_class)->finalize (object);
}

static void
bd_importer_class_init (BdImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_importer_finalize;

  /**
   * BdImporter::progress:
   * @done: files finished
   * @total: files found
   * @path: the file just finished, in the file name encoding
   *
   * Emitted after each file, once its report has committed with its original on the disk
   * (originals are made durable a batch at a time, so it comes in bursts), in the main context
   * that started an asynchronous import, or in the thread running bd_importer_run(). The commit
   * survives the program's crash; a power cut may lose the last reports announced, whose
   * originals then belong to no report.
   */
  signals [PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
bd_importer_init (BdImporter *self)
{
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)import_item_free);
  self->max_file_size = BD_DEFAULT_MAX_FILE_SIZE;
  self->time_limit_ms = DEFAULT_TIME_LIMIT_MS;
  self->n_workers = MAX (1, g_get_num_processors ());
  g_mutex_init (&self->lock);
  g_cond_init (&self->job_done);
}

BdImporter *
bd_importer_new (BdArchive *archive)
{
  BdImporter *self;

  g_return_val_if_fail (BD_IS_ARCHIVE (archive), NULL);

  self = g_object_new (BD_TYPE_IMPORTER, NULL);
  self->archive = g_object_ref (archive);

  return self;
}

/**
 * bd_importer_set_level:
 *
 * Gives every imported report @level, as if staff had set it, instead of the outlet's.
 */
void
bd_importer_set_level (BdImporter *self,
                       BdLevel     level)
{
  g_return_if_fail (BD_IS_IMPORTER (self));
  g_return_if_fail (level < BD_N_LEVELS);

  self->level = level;
  self->has_level = TRUE;
}

void
bd_importer_add_tag (BdImporter *self,
                     const char *tag)
{
  g_return_if_fail (BD_IS_IMPORTER (self));
  g_return_if_fail (tag != NULL);

  g_ptr_array_add (self->tags, g_strdup (tag));
}

void
bd_importer_set_max_file_size (BdImporter *self,
                               guint64     max_file_size)
{
  g_return_if_fail (BD_IS_IMPORTER (self));

  self->max_file_size = max_file_size;
}

/**
 * bd_importer_set_time_limit:
 * @milliseconds: how long reading one file may take, or 0 for no limit
 *
 * A file still being read after @milliseconds fails with %G_IO_ERROR_TIMED_OUT, and the
 * import goes on with the next. PDFs are stopped between pages, web pages once parsed.
 */
void
bd_importer_set_time_limit (BdImporter *self,
                            guint       milliseconds)
{
  g_return_if_fail (BD_IS_IMPORTER (self));

  self->time_limit_ms = milliseconds;
}

void
bd_importer_set_n_workers (BdImporter *self,
                           guint       n_workers)
{
  g_return_if_fail (BD_IS_IMPORTER (self));

  self->n_workers = MAX (n_workers, 1);
}

/**
 * bd_importer_get_items:
 *
 * Returns: (transfer none) (element-type BdImportItem): what became of each file of the last
 *   run, in the order the files were found
 */
GPtrArray *
bd_importer_get_items (BdImporter *self)
{
  g_return_val_if_fail (BD_IS_IMPORTER (self), NULL);

  return self->items;
}

guint
bd_importer_count (BdImporter     *self,
                   BdImportStatus  status)
{
  guint count = 0;

  g_return_val_if_fail (BD_IS_IMPORTER (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      BdImportItem *item = g_ptr_array_index (self->items, i);

      count += item->status == status;
    }

  return count;
}

static Job *
failed_job (const char *path,
            GError     *error)
{
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (path);
  job->error = error;
  job->done = TRUE;

  return job;
}

static GError *
errno_error (int         saved_errno,
             const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  return g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                      _("Cannot read %s: %s"), display, g_strerror (saved_errno));
}

static gboolean
is_page_resources (const char *name,
                   GHashTable *siblings)
{
  static const char * const suffixes[] = { "_files", "_文件", ".files" };
  static const char * const pages[] = { ".html", ".htm", ".shtml", ".xhtml" };

  /* "Save page as… complete" puts a page's images and scripts in "<page>_files" beside it */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *stem = NULL;

      if (!g_str_has_suffix (name, suffixes[i]))
        continue;

      stem = g_strndup (name, strlen (name) - strlen (suffixes[i]));
      for (guint j = 0; j < G_N_ELEMENTS (pages); j++)
        {
          g_autofree char *page = g_strconcat (stem, pages[j], NULL);

          if (g_hash_table_contains (siblings, page))
            return TRUE;
        }
    }

  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* A file is a bundle by what it holds, whatever its name: its reports are imported, after it
 * has been read through and found sound. */
static Job *
file_job (BdImporter *self,
          const char *path,
          guint64     size)
{
  g_autoptr(BdBundle) bundle = NULL;
  GError *error = NULL;
  Job *job;

  if (!_bd_bundle_open (path, self->max_file_size, &bundle, self->cancellable, &error))
    return failed_job (path, error);

  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  if (bundle != NULL)
    {
      job->bundle = g_steal_pointer (&bundle);
      job->done = TRUE;
    }
  else
    job->size = size;

  return job;
}

static void
walk (BdImporter *self,
      const char *path,
      gboolean    given,
      GHashTable *visited,
      GPtrArray  *jobs)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      g_ptr_array_add (jobs, failed_job (path, errno_error (errno, path)));
      return;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_autofree char *key = g_strdup_printf ("%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
      g_autoptr(GHashTable) siblings = NULL;
      g_autoptr(GPtrArray) names = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* a symbolic link back up the tree is walked once */
      if (!g_hash_table_add (visited, g_steal_pointer (&key)))
        return;

      if (!(dir = g_dir_open (path, 0, &error)))
        {
          g_ptr_array_add (jobs, failed_job (path, errno_error (EACCES, path)));
          return;
        }

      names = g_ptr_array_new_with_free_func (g_free);
      siblings = g_hash_table_new (g_str_hash, g_str_equal);
      while ((name = g_dir_read_name (dir)))
        {
          g_ptr_array_add (names, g_strdup (name));
          g_hash_table_add (siblings, g_ptr_array_index (names, names->len - 1));
        }
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        {
          const char *child_name = g_ptr_array_index (names, i);
          g_autofree char *child = NULL;

          /* hidden files are thumbnails, lock files and the like, never reports */
          if (child_name[0] == '.' || is_page_resources (child_name, siblings))
            continue;

          child = g_build_filename (path, child_name, NULL);
          walk (self, child, FALSE, visited, jobs);
        }
    }
  else if (S_ISREG (st.st_mode))
    g_ptr_array_add (jobs, file_job (self, path, st.st_size));
  else if (given)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_ptr_array_add (jobs,
                       failed_job (path,
                                   g_error_new (BD_ERROR, BD_ERROR_UNSUPPORTED,
                                                _("%s is not a file or a folder"), display)));
    }
}

static GError *
too_large_error (const char *path,
                 guint64     size,
                 guint64     limit)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (limit);

  return g_error_new (BD_ERROR, BD_ERROR_TOO_LARGE,
                      _("%s is too large (%s; the limit is %s)"), display, size_text, limit_text);
}

/* Runs on a worker: reads, hashes and extracts one file. */
static void
process_job (BdImporter *self,
             Job        *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  char *contents = NULL;
  gsize length = 0;

  /* a report of a bundle comes read and checked */
  if (job->entry == NULL)
    {
      if (job->size > self->max_file_size)
        {
          job->error = too_large_error (job->path, job->size, self->max_file_size);
          return;
        }

      if (!g_file_get_contents (job->path, &contents, &length, &error))
        {
          display = g_filename_display_name (job->path);
          job->error = g_error_new (error->domain, error->code, _("Cannot read %s: %s"),
                                    display, error->message);
          return;
        }

      /* the file may have grown since it was listed */
      if (length > self->max_file_size)
        {
          g_free (contents);
          job->error = too_large_error (job->path, length, self->max_file_size);
          return;
        }

      job->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents,
                                                 length);
      job->bytes = g_bytes_new_take (contents, length);
    }

  /* known bytes need no extraction: the writer reports the report they already are */
  if (g_hash_table_contains (self->known, job->sha256))
    {
      job->known_duplicate = TRUE;
      g_clear_pointer (&job->bytes, g_bytes_unref);
      return;
    }

  display = g_filename_display_basename (job->path);
  job->extraction = bd_extract (job->bytes, display, job->cancellable, &error);
  if (job->extraction != NULL)
    return;

  g_mutex_lock (&self->lock);
  if (job->timed_out && !g_cancellable_is_cancelled (self->cancellable))
    job->error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                              _("Reading %s took more than %u seconds; it may be damaged"),
                              display, MAX (self->time_limit_ms / 1000, 1));
  else
    job->error = g_steal_pointer (&error);
  g_mutex_unlock (&self->lock);
}

static void
cancel_job (GCancellable *import_cancellable,
            gpointer      data)
{
  g_cancellable_cancel (data);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  BdImporter *self = user_data;
  Job *job = data;
  gulong handler = 0;

  g_mutex_lock (&self->lock);
  job->cancellable = g_cancellable_new ();
  job->started = g_get_monotonic_time ();
  g_cond_broadcast (&self->job_done);
  g_mutex_unlock (&self->lock);

  if (self->cancellable != NULL)
    handler = g_cancellable_connect (self->cancellable, G_CALLBACK (cancel_job),
                                     job->cancellable, NULL);

  if (!g_cancellable_is_cancelled (self->cancellable))
    process_job (self, job);

  g_cancellable_disconnect (self->cancellable, handler);

  g_mutex_lock (&self->lock);
  job->done = TRUE;
  g_cond_broadcast (&self->job_done);
  g_mutex_unlock (&self->lock);
}

static void
report_progress (BdImporter *self,
                 guint       done,
                 guint       total,
                 const char *path)
{
  bd_progress_emit (self, signals [PROGRESS], self->progress_context, done, total, path);
}

/* Finds the outlet a report names, in the registry when it is known there. */
static char *
classify (BdImporter   *self,
          BdExtraction *extraction,
          BdLevel      *level)
{
  BdOutletRegistry *registry = bd_archive_get_outlets (self->archive);
  const char *name = NULL;

  *level = BD_LEVEL_UNSET;

  if ((extraction->outlet != NULL &&
       bd_outlet_registry_lookup (registry, extraction->outlet, &name, level)) ||
      (extraction->source_url != NULL &&
       bd_outlet_registry_lookup (registry, extraction->source_url, &name, level)) ||
      (extraction->title != NULL &&
       bd_outlet_registry_find_in_text (registry, extraction->title, OUTLET_HEAD_CHARS, &name, level)) ||
      bd_outlet_registry_find_in_text (registry, extraction->text, OUTLET_HEAD_CHARS, &name, level))
    return g_strdup (name);

  *level = BD_LEVEL_UNSET;
  return g_strdup (extraction->outlet);
}

static char *
title_from_file_name (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

static void
note_difference (GString    *notes,
                 const char *what,
                 const char *kept,
                 const char *given)
{
  if (g_strcmp0 (kept, given) == 0)
    return;

  if (notes->len > 0)
    g_string_append (notes, _("; "));
  /* Translators: the first %s is "title", "outlet", "level", "date", "source link" or "tags" */
  g_string_append_printf (notes, _("kept the archive’s %s “%s”; the bundle says “%s”"), what,
                          kept != NULL ? kept : _("none"), given != NULL ? given : _("none"));
}

static char *
join_tags (const char * const *tags)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer)tags[i]);
  if (sorted->len == 0)
    return NULL;

  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_add (sorted, NULL);

  return g_strjoinv ("、", (char **)sorted->pdata);
}

/* What a bundle says of a report the archive holds already, where it says otherwise. */
static char *
describe_differences (BdImporter     *self,
                      gint64          report_id,
                      BdBundleReport *entry)
{
  g_autoptr(BdReport) report = bd_archive_get_report (self->archive, report_id, FALSE, NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *kept_tags = NULL;
  g_autofree char *given_tags = NULL;

  if (report == NULL)
    return NULL;

  note_difference (notes, _("title"), bd_report_get_title (report), entry->title);
  note_difference (notes, _("outlet"), bd_report_get_outlet (report), entry->outlet);
  note_difference (notes, _("level"), bd_level_to_label (bd_report_get_level (report)),
                   bd_level_to_label (entry->level));
  note_difference (notes, _("date"), bd_report_get_date (report), entry->date);
  note_difference (notes, _("source link"), bd_report_get_source_url (report), entry->source_url);
  kept_tags = join_tags (bd_report_get_tags (report));
  given_tags = join_tags ((const char * const *)entry->tags);
  note_difference (notes, _("tags"), kept_tags, given_tags);

  return notes->len > 0 ? g_string_free (g_steal_pointer (&notes), FALSE) : NULL;
}

/* Runs on the thread that called bd_importer_run(), the only one writing to the archive, once
 * the job's original is durable. */
static BdImportItem *
write_job (BdImporter *self,
           Job        *job)
{
  BdImportItem *item = g_new0 (BdImportItem, 1);

  item->path = g_strdup (job->path);

  if (job->error != NULL)
    {
      item->status = BD_IMPORT_FAILED;
      item->error = g_steal_pointer (&job->error);
    }
  else if (job->known_duplicate)
    {
      item->status = BD_IMPORT_DUPLICATE;
      item->report_id = _bd_archive_find_sha256 (self->archive, job->sha256);
    }
  else
    {
      g_autoptr(GPtrArray) tags = g_ptr_array_new ();
      g_autofree char *outlet = NULL;
      g_autofree char *title = NULL;
      g_autofree char *file_name = g_filename_display_basename (job->path);
      g_autofree char *absolute = g_canonicalize_filename (job->path, NULL);
      g_autofree char *import_path = g_filename_display_name (absolute);
      BdExtraction *extraction = job->extraction;
      BdBundleReport *entry = job->entry;
      BdNewReport report = { 0 };
      gint64 duplicate_of = 0;
      gint64 id;

      if (entry != NULL)
        {
          /* the other archive's record of the report, as its staff left it */
          outlet = g_strdup (entry->outlet);
          report.level = entry->level;
          report.level_manual = entry->level_manual;
          report.date = entry->date;
          report.source_url = entry->source_url;
          if (entry->file_name != NULL)
            {
              g_free (file_name);
              file_name = g_strdup (entry->file_name);
            }
          for (guint i = 0; entry->tags[i] != NULL; i++)
            g_ptr_array_add (tags, entry->tags[i]);
        }
      else
        {
          outlet = classify (self, extraction, &report.level);
          report.date = extraction->date;
          report.source_url = extraction->source_url;
        }

      if (self->has_level)
        {
          report.level = self->level;
          report.level_manual = TRUE;
        }

      if (entry != NULL && entry->title != NULL)
        title = g_strdup (entry->title);
      else if (extraction->title != NULL && *extraction->title != '\0')
        title = g_strdup (extraction->title);
      else
        title = title_from_file_name (file_name);

      for (guint i = 0; i < self->tags->len && self->tags->pdata[i] != NULL; i++)
        {
          if (!g_ptr_array_find_with_equal_func (tags, self->tags->pdata[i], g_str_equal, NULL))
            g_ptr_array_add (tags, self->tags->pdata[i]);
        }
      g_ptr_array_add (tags, NULL);

      report.sha256 = job->sha256;
      report.title = title;
      report.outlet = outlet;
      report.file_name = file_name;
      report.import_path = import_path;
      report.media_type = extraction->media_type;
      report.size = job->n_bytes;
      report.n_pages = extraction->n_pages;
      report.text = extraction->text;
      report.tags = (const char * const *)tags->pdata;

      id = _bd_archive_insert_report (self->archive, &report, self->originals, &duplicate_of,
                                      &item->error);
      if (id > 0)
        {
          item->status = BD_IMPORT_IMPORTED;
          item->report_id = id;
        }
      else if (id == 0)
        {
          item->status = BD_IMPORT_DUPLICATE;
          item->report_id = duplicate_of;
        }
      else
        item->status = BD_IMPORT_FAILED;
    }

  if (item->status == BD_IMPORT_DUPLICATE && job->entry != NULL && item->report_id > 0)
    item->message = describe_differences (self, item->report_id, job->entry);

  return item;
}

/* A job a worker passed over because the import was cancelled holds nothing to write. */
static gboolean
job_skipped (Job *job)
{
  return job->error == NULL && !job->known_duplicate && job->extraction == NULL;
}

static gint64
batch_deadline (BdImporter *self)
{
  if (self->batch->len == 0)
    return G_MAXINT64;

  return self->batch_started + BATCH_DELAY_MS * G_TIME_SPAN_MILLISECOND;
}

/* Makes the batch's originals durable, then commits each report's row in a transaction of its
 * own and announces it: a crash loses only reports not yet announced, and never leaves a row
 * without its whole original. A cancelled import stops between two reports; the rest of the
 * batch is dropped with the originals written for it. */
static void
flush_batch (BdImporter *self)
{
  g_autoptr(GError) sync_error = NULL;
  gboolean durable = FALSE;

  if (!g_cancellable_is_cancelled (self->cancellable))
    durable = _bd_original_batch_sync (self->originals, &sync_error);

  for (guint i = 0; i < self->batch->len; i++)
    {
      Job *job = g_ptr_array_index (self->batch, i);

      if (g_cancellable_is_cancelled (self->cancellable))
        break;

      if (!durable && job->error == NULL && !job->known_duplicate)
        job->error = g_error_copy (sync_error);
      g_ptr_array_add (self->items, write_job (self, job));
      report_progress (self, ++self->done, self->total, job->path);
    }

  g_ptr_array_set_size (self->batch, 0);
  _bd_original_batch_free (self->originals);
  self->originals = _bd_original_batch_new (self->archive);
}

/* Writes the job's original into the batch, without waiting for the disk; the job is announced
 * when the batch is flushed. */
static void
batch_job (BdImporter *self,
           Job        *job)
{
  if (job->error == NULL && !job->known_duplicate)
    {
      job->n_bytes = g_bytes_get_size (job->bytes);
      _bd_original_batch_add (self->originals, job->sha256, job->bytes, &job->error);
    }
  /* the text waits for the batch; the bytes are on their way to the disk */
  g_clear_pointer (&job->bytes, g_bytes_unref);

  if (self->batch->len == 0)
    self->batch_started = g_get_monotonic_time ();
  g_ptr_array_add (self->batch, job);

  if (self->batch->len >= BATCH_REPORTS ||
      _bd_original_batch_get_size (self->originals) >= BATCH_BYTES ||
      g_get_monotonic_time () >= batch_deadline (self))
    flush_batch (self);
}

/* Waits, with the lock held, for a worker to finish @job. The batch is flushed meanwhile when
 * it is due; with @time_limit, a job that takes too long is stopped. */
static void
wait_for_job_locked (BdImporter *self,
                     Job        *job,
                     gboolean    time_limit)
{
  while (!job->done)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 job_deadline = G_MAXINT64;
      gint64 deadline;

      if (time_limit && self->time_limit_ms > 0 && job->started != 0 && !job->timed_out)
        job_deadline = job->started + (gint64)self->time_limit_ms * G_TIME_SPAN_MILLISECOND;
      deadline = MIN (job_deadline, batch_deadline (self));

      if (deadline == G_MAXINT64)
        g_cond_wait (&self->job_done, &self->lock);
      else if (now < deadline)
        g_cond_wait_until (&self->job_done, &self->lock, deadline);
      else if (now >= batch_deadline (self))
        {
          g_mutex_unlock (&self->lock);
          flush_batch (self);
          g_mutex_lock (&self->lock);
        }
      else
        {
          job->timed_out = TRUE;
          g_cancellable_cancel (job->cancellable);
        }
    }
}

static void
add_failed_item (BdImporter *self,
                 const char *path,
                 GError     *error)
{
  BdImportItem *item = g_new0 (BdImportItem, 1);

  item->path = g_strdup (path);
  item->status = BD_IMPORT_FAILED;
  item->error = error;
  g_ptr_array_add (self->items, item);
}

/* The outlets the other office added to its registry, so its reports keep their levels here
 * and the next ones from those outlets are classified the same way. An other name this archive
 * already gives an outlet stays that outlet's. */
static gboolean
add_bundle_outlets (BdImporter  *self,
                    BdBundle    *bundle,
                    GError     **error)
{
  BdOutletRegistry *registry = bd_archive_get_outlets (self->archive);
  GPtrArray *outlets = _bd_bundle_get_outlets (bundle);

  for (guint i = 0; i < outlets->len; i++)
    {
      BdBundleOutlet *outlet = g_ptr_array_index (outlets, i);
      g_autoptr(GStrvBuilder) free_aliases = g_strv_builder_new ();
      g_auto(GStrv) aliases = NULL;

      if (bd_outlet_registry_lookup (registry, outlet->name, NULL, NULL))
        continue;

      for (guint j = 0; outlet->aliases != NULL && outlet->aliases[j] != NULL; j++)
        {
          g_autoptr(BdOutlet) holder = bd_outlet_registry_match_name (registry,
                                                                      outlet->aliases[j]);

          if (holder == NULL)
            g_strv_builder_add (free_aliases, outlet->aliases[j]);
        }
      aliases = g_strv_builder_end (free_aliases);

      if (!bd_archive_add_outlet (self->archive, outlet->name, outlet->level,
                                  (const char * const *)aliases,
                                  (const char * const *)outlet->domains, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* Imports a bundle's reports, each an item of its own, reading the originals in the order the
 * bundle holds them while the workers extract the ones read before. */
static void
import_bundle (BdImporter  *self,
               GThreadPool *pool,
               Job         *bundle_job)
{
  BdBundle *bundle = bundle_job->bundle;
  g_autoptr(GError) error = NULL;
  GQueue pending = G_QUEUE_INIT;
  guint window = self->n_workers * JOBS_PER_WORKER;
  guint64 bytes_pending = 0;
  gboolean reading;

  reading = add_bundle_outlets (self, bundle, &error) && _bd_bundle_rewind (bundle, &error);

  for (;;)
    {
      Job *job;

      while (reading && g_queue_get_length (&pending) < window &&
             (pending.length == 0 || bytes_pending < BYTES_IN_FLIGHT))
        {
          BdBundleReport *entry = NULL;
          GBytes *original = NULL;

          if (g_cancellable_is_cancelled (self->cancellable) ||
              !_bd_bundle_next (bundle, &entry, &original, self->cancellable, &error) ||
              entry == NULL)
            {
              reading = FALSE;
              break;
            }

          job = g_new0 (Job, 1);
          job->path = g_strconcat (bundle_job->path, " › ", entry->path, NULL);
          job->entry = entry;
          job->bytes = original;
          job->size = g_bytes_get_size (original);
          job->sha256 = g_strdup (entry->sha256);
          bytes_pending += job->size;
          g_queue_push_tail (&pending, job);
          g_thread_pool_push (pool, job, NULL);
        }

      if (!(job = g_queue_pop_head (&pending)))
        break;

      g_mutex_lock (&self->lock);
      wait_for_job_locked (self, job, FALSE);
      g_mutex_unlock (&self->lock);
      bytes_pending -= job->size;
      if (job_skipped (job))
        job_free (job);
      else
        batch_job (self, job);
    }

  /* the jobs point into the bundle, which goes once this returns */
  flush_batch (self);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_failed_item (self, bundle_job->path, g_steal_pointer (&error));
}

static gboolean
run_import (BdImporter          *self,
            const char * const  *paths,
            GError             **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)job_free);
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  GThreadPool *pool;
  guint window = self->n_workers * JOBS_PER_WORKER;
  guint64 bytes_in_flight = 0;
  guint next = 0;

  g_ptr_array_set_size (self->items, 0);
  self->done = 0;
  self->total = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    walk (self, paths[i], TRUE, visited, jobs);

  /* progress counts reports, a bundle's one by one */
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      self->total += job->bundle != NULL ? _bd_bundle_get_reports (job->bundle)->len : 1;
    }

  if (!_bd_archive_begin_import (self->archive, error))
    return FALSE;

  if (!(self->known = _bd_archive_dup_sha256_set (self->archive, error)))
    {
      _bd_archive_end_import (self->archive);
      return FALSE;
    }

  /* the tags are checked once, not once per file */
  g_ptr_array_add (self->tags, NULL);
  for (guint i = 0; self->tags->pdata[i] != NULL; i++)
    {
      g_autofree char *clean = _bd_clean_tag (self->tags->pdata[i], &local_error);

      if (clean == NULL)
        break;
      g_free (self->tags->pdata[i]);
      self->tags->pdata[i] = g_steal_pointer (&clean);
    }
  if (local_error != NULL)
    {
      g_ptr_array_remove_index (self->tags, self->tags->len - 1);
      g_clear_pointer (&self->known, g_hash_table_unref);
      _bd_archive_end_import (self->archive);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  pool = g_thread_pool_new (worker_func, self, self->n_workers, FALSE, NULL);
  self->originals = _bd_original_batch_new (self->archive);
  self->batch = g_ptr_array_new_with_free_func ((GDestroyNotify)job_free);

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (g_cancellable_is_cancelled (self->cancellable))
        break;

      g_mutex_lock (&self->lock);

      /* keep the workers fed, within the window and the memory budget */
      for (; next < jobs->len && next < i + window; next++)
        {
          Job *ahead = g_ptr_array_index (jobs, next);

          if (ahead->done)
            continue;
          if (next > i && bytes_in_flight + ahead->size > BYTES_IN_FLIGHT)
            break;

          bytes_in_flight += ahead->size;
          g_thread_pool_push (pool, ahead, NULL);
        }

      /* the writer waits for each file in turn, so it is the one to stop a file that takes
       * too long */
      wait_for_job_locked (self, job, TRUE);

      /* every file pushed counted against the budget, whatever became of it */
      bytes_in_flight -= MIN (job->size, bytes_in_flight);
      g_mutex_unlock (&self->lock);

      if (job->bundle != NULL)
        {
          import_bundle (self, pool, job);
          g_clear_pointer (&job->bundle, _bd_bundle_free);
          continue;
        }

      if (job_skipped (job))
        break;
      batch_job (self, g_steal_pointer (&jobs->pdata[i]));
    }

  /* what is left of the batch, or nothing when cancelled */
  flush_batch (self);
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  g_clear_pointer (&self->originals, _bd_original_batch_free);

  /* waits for the files being extracted; the queued ones are dropped */
  g_thread_pool_free (pool, TRUE, TRUE);

  g_ptr_array_remove_index (self->tags, self->tags->len - 1);
  g_clear_pointer (&self->known, g_hash_table_unref);
  _bd_archive_end_import (self->archive);

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;

  return TRUE;
}

/**
 * bd_importer_run:
 * @paths: files and folders; folders are walked recursively
 *
 * Imports every report found: each file is imported, found to be a duplicate, or fails with
 * its reason (see bd_importer_get_items()); a failing file never stops the others.
 *
 * Returns: %FALSE only when the import as a whole could not run or was cancelled
 */
gboolean
bd_importer_run (BdImporter          *self,
                 const char * const  *paths,
                 GCancellable        *cancellable,
                 GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (BD_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  self->running = TRUE;
  g_set_object (&self->cancellable, cancellable);
  ok = run_import (self, paths, error);
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
  BdImporter *self = source_object;
  GError *error = NULL;

  g_set_object (&self->cancellable, cancellable);
  if (run_import (self, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_clear_object (&self->cancellable);
}

/**
 * bd_importer_run_async:
 *
 * Like bd_importer_run(), on a thread of its own; ::progress is emitted in the calling
 * thread's main context.
 */
void
bd_importer_run_async (BdImporter          *self,
                       const char * const  *paths,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BD_IS_IMPORTER (self));
  g_return_if_fail (paths != NULL);
  g_return_if_fail (!self->running);

  self->running = TRUE;
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_importer_run_async);
  g_task_set_task_data (task, g_strdupv ((char **)paths), (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
bd_importer_run_finish (BdImporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (BD_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  self->running = FALSE;
  g_clear_pointer (&self->progress_context, g_main_context_unref);

  return g_task_propagate_boolean (G_TASK (result), error);
}
