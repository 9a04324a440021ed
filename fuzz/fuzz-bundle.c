/* fuzz-bundle.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "bd-bundle.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* A bundle someone sent: verified from a file, as the CLI and the app do. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (path == NULL)
    path = g_strdup_printf ("%s/baodao-fuzz-bundle-%d.zip", g_get_tmp_dir (), (int)getpid ());
  if (!g_file_set_contents (path, (const char *)data, size, NULL))
    abort ();

  ok = bd_bundle_verify (path, &problems, NULL, &error);
  if (ok == (error != NULL))
    abort ();

  return 0;
}
