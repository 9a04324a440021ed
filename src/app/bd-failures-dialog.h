/* bd-failures-dialog.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BD_TYPE_FAILURES_DIALOG (bd_failures_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BdFailuresDialog, bd_failures_dialog, BD, FAILURES_DIALOG, AdwMessageDialog)

GtkWidget *bd_failures_dialog_new      (GtkWindow        *parent,
                                        GPtrArray        *items);
guint      bd_failures_dialog_get_n_failures (BdFailuresDialog *self);

G_END_DECLS
