/* bd-progress.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bd-progress.h"

/* Long work (import, export) runs on a thread of its own, and its listeners update widgets:
 * progress is delivered in the main context that started the work. */

typedef struct
{
  GObject *instance;
  guint    signal_id;
  guint    done;
  guint    total;
  char    *path;
} Progress;

static gboolean
emit_progress (gpointer data)
{
  Progress *progress = data;

  g_signal_emit (progress->instance, progress->signal_id, 0,
                 progress->done, progress->total, progress->path);

  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->instance);
  g_free (progress->path);
  g_free (progress);
}

/**
 * bd_progress_emit:
 * @instance: the object emitting
 * @signal_id: its signal taking (guint done, guint total, const char *path)
 * @context: (nullable): where to emit, or %NULL to emit right away in this thread
 *
 * Emits a progress signal, in @context when the work runs on another thread.
 */
void
bd_progress_emit (gpointer      instance,
                  guint         signal_id,
                  GMainContext *context,
                  guint         done,
                  guint         total,
                  const char   *path)
{
  g_autoptr(GSource) source = NULL;
  Progress *progress;

  g_return_if_fail (G_IS_OBJECT (instance));

  if (context == NULL)
    {
      g_signal_emit (instance, signal_id, 0, done, total, path);
      return;
    }

  progress = g_new0 (Progress, 1);
  progress->instance = g_object_ref (instance);
  progress->signal_id = signal_id;
  progress->done = done;
  progress->total = total;
  progress->path = g_strdup (path);

  /* Not g_main_context_invoke_full(): it runs the function right here when this thread can
   * acquire @context, which a worker thread can whenever the main thread is between two
   * iterations rather than inside g_main_loop_run(), and the listeners would then touch
   * widgets from the worker thread. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_progress, progress, progress_free);
  g_source_set_static_name (source, "[baodao] progress");
  g_source_attach (source, context);
}
