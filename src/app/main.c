/* main.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "bd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BdApplication) app = NULL;
  const char *localedir = g_getenv ("BAODAO_LOCALEDIR");

  /* BAODAO_LOCALEDIR lets `meson devenv` run the app with the catalogs of the build tree */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_window_set_default_icon_name (APP_ID);
  app = bd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
