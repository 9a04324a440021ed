/* bd-bundle.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-bundle"

#include "config.h"

#include <locale.h>

#include "bd-bundle-private.h"

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
