/* bd-toast.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-toast"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "bd-toast.h"

/**
 * bd_toast_show:
 * @widget: a widget inside the window's toast overlay
 *
 * Shows @message in the toast overlay @widget is in; a widget outside any, as in a test, logs it.
 */
void
bd_toast_show (GtkWidget  *widget,
               const char *message)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

/**
 * bd_toast_show_unsaved:
 * @error: why the archive refused a change
 *
 * Says that an edit was not saved, and why.
 */
void
bd_toast_show_unsaved (GtkWidget    *widget,
                       const GError *error)
{
  g_autofree char *message = NULL;

  g_return_if_fail (error != NULL);

  /* Translators: %s says why, as the archive put it */
  message = g_strdup_printf (_("The change was not saved: %s"), error->message);
  bd_toast_show (widget, message);
}
