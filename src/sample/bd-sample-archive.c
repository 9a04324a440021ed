/* bd-sample-archive.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-sample"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bd-progress.h"
#include "bd-sample-archive.h"
#include "bd-sample-corpus.h"

/* The sample archive lets staff try Baodao before they have reports of their own: the sample
 * corpus, written once into a folder, imported into an archive beside it that is never the
 * staff's own. The folder holds corpus/, the reports and truth.json, complete once it has
 * that name, and archive/. */

struct _BdSampleArchive
{
  GObject       parent_instance;

  char         *folder;
  guint         n_reports;
  BdImporter   *importer;
  GMainContext *progress_context;
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (BdSampleArchive, bd_sample_archive, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_N_REPORTS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  WRITING,
  IMPORTING,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
bd_sample_archive_finalize (GObject *object)
{
  BdSampleArchive *self = (BdSampleArchive *)object;

  g_clear_pointer (&self->folder, g_free);
  g_clear_object (&self->importer);
  g_clear_pointer (&self->progress_context, g_main_context_unref);

  G_OBJECT_CLASS (bd_sample_archive_parent_class)->finalize (object);
}

static void
bd_sample_archive_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BdSampleArchive *self = BD_SAMPLE_ARCHIVE (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;

    case PROP_N_REPORTS:
      g_value_set_uint (value, self->n_reports);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_sample_archive_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BdSampleArchive *self = BD_SAMPLE_ARCHIVE (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_string (value);
      break;

    case PROP_N_REPORTS:
      self->n_reports = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_sample_archive_class_init (BdSampleArchiveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_sample_archive_finalize;
  object_class->get_property = bd_sample_archive_get_property;
  object_class->set_property = bd_sample_archive_set_property;

  properties [PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_REPORTS] =
    g_param_spec_uint ("n-reports", NULL, NULL,
                       1, G_MAXUINT, BD_SAMPLE_DEFAULT_REPORTS,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BdSampleArchive::writing:
   * @done: reports written
   * @total: reports to write
   * @path: the file just written
   *
   * Emitted after each report written, in the main context that started an asynchronous
   * preparation, or in the thread running bd_sample_archive_prepare().
   */
  signals [WRITING] =
    g_signal_new ("writing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * BdSampleArchive::importing:
   * @done: files imported
   * @total: files found
   * @path: the file just imported
   *
   * Emitted after each file imported, where ::writing is.
   */
  signals [IMPORTING] =
    g_signal_new ("importing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
bd_sample_archive_init (BdSampleArchive *self)
{
  self->n_reports = BD_SAMPLE_DEFAULT_REPORTS;
}

/**
 * bd_sample_archive_default_folder:
 *
 * Returns: (transfer full): where the app keeps the sample: it is a cache, written again when
 *   removed
 */
char *
bd_sample_archive_default_folder (void)
{
  return g_build_filename (g_get_user_cache_dir (), "baodao", "sample", NULL);
}

/**
 * bd_sample_archive_new:
 * @folder: where the sample's reports and archive go
 * @n_reports: how many reports the sample has; a folder holds the sample of one size
 *
 * Returns: (transfer full): the sample archive, to prepare
 */
BdSampleArchive *
bd_sample_archive_new (const char *folder,
                       guint       n_reports)
{
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (n_reports > 0, NULL);

  return g_object_new (BD_TYPE_SAMPLE_ARCHIVE,
                       "folder", folder,
                       "n-reports", n_reports,
                       NULL);
}

static void
on_corpus_progress_cb (BdSampleCorpus  *corpus,
                       guint            done,
                       guint            total,
                       const char      *path,
                       BdSampleArchive *self)
{
  bd_progress_emit (self, signals [WRITING], self->progress_context, done, total, path);
}

static void
on_import_progress_cb (BdImporter      *importer,
                       guint            done,
                       guint            total,
                       const char      *path,
                       BdSampleArchive *self)
{
  bd_progress_emit (self, signals [IMPORTING], self->progress_context, done, total, path);
}

/* The corpus is written under another name and renamed when complete, so that a folder named
 * corpus is always whole. An interrupted one is written over next time: the same seed writes
 * the same files. */
static gboolean
write_corpus (BdSampleArchive  *self,
              const char       *corpus_dir,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autofree char *partial_dir = g_strconcat (corpus_dir, ".partial", NULL);
  g_autoptr(BdSampleCorpus) corpus = bd_sample_corpus_new (self->n_reports,
                                                           BD_SAMPLE_DEFAULT_SEED);

  g_signal_connect (corpus, "progress", G_CALLBACK (on_corpus_progress_cb), self);
  if (!bd_sample_corpus_write (corpus, partial_dir, cancellable, error))
    return FALSE;

  if (g_rename (partial_dir, corpus_dir) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot rename “%s” to “%s”: %s"), partial_dir, corpus_dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * bd_sample_archive_prepare:
 * @cancellable: (nullable): stops the writing or the import
 *
 * Writes the sample's reports unless the folder has them already, then imports them into the
 * sample's archive; reports it holds already are only checked, so preparing the sample
 * again, after it was stopped or to open it once more, finishes the work.
 *
 * Returns: (transfer full): the sample's archive, or %NULL
 */
BdArchive *
bd_sample_archive_prepare (BdSampleArchive  *self,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autofree char *corpus_dir = NULL;
  g_autofree char *reports_dir = NULL;
  g_autofree char *archive_dir = NULL;
  g_autoptr(BdArchive) archive = NULL;
  const char *paths[2] = { NULL, NULL };

  g_return_val_if_fail (BD_IS_SAMPLE_ARCHIVE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  corpus_dir = g_build_filename (self->folder, "corpus", NULL);
  reports_dir = g_build_filename (corpus_dir, "reports", NULL);
  archive_dir = g_build_filename (self->folder, "archive", NULL);

  if (!g_file_test (corpus_dir, G_FILE_TEST_IS_DIR) &&
      !write_corpus (self, corpus_dir, cancellable, error))
    return NULL;

  if (!(archive = bd_archive_open (archive_dir, error)))
    return NULL;

  g_clear_object (&self->importer);
  self->importer = bd_importer_new (archive);
  g_signal_connect (self->importer, "progress", G_CALLBACK (on_import_progress_cb), self);
  paths[0] = reports_dir;
  if (!bd_importer_run (self->importer, paths, cancellable, error))
    return NULL;

  return g_steal_pointer (&archive);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BdSampleArchive *self = source_object;
  GError *error = NULL;
  BdArchive *archive = bd_sample_archive_prepare (self, cancellable, &error);

  if (archive != NULL)
    g_task_return_pointer (task, archive, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * bd_sample_archive_prepare_async:
 *
 * Like bd_sample_archive_prepare(), on a thread of its own; ::writing and ::importing are
 * emitted in the calling thread's main context.
 */
void
bd_sample_archive_prepare_async (BdSampleArchive     *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BD_IS_SAMPLE_ARCHIVE (self));
  g_return_if_fail (!self->running);

  self->running = TRUE;
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_sample_archive_prepare_async);
  g_task_run_in_thread (task, prepare_thread);
}

/**
 * bd_sample_archive_prepare_finish:
 *
 * Returns: (transfer full): the sample's archive, or %NULL
 */
BdArchive *
bd_sample_archive_prepare_finish (BdSampleArchive  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (BD_IS_SAMPLE_ARCHIVE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  self->running = FALSE;
  g_clear_pointer (&self->progress_context, g_main_context_unref);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bd_sample_archive_get_importer:
 *
 * Returns: (transfer none) (nullable): the import of the last preparation, with what became of
 *   each file, or %NULL before the import started
 */
BdImporter *
bd_sample_archive_get_importer (BdSampleArchive *self)
{
  g_return_val_if_fail (BD_IS_SAMPLE_ARCHIVE (self), NULL);

  return self->importer;
}
