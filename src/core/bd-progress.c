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
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, emit_progress, progress,
                              progress_free);
}
