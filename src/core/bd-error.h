/* bd-error.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BD_ERROR (bd_error_quark ())

/* I/O failures keep their G_IO_ERROR codes; these are the archive's own. */
typedef enum
{
  BD_ERROR_FAILED,
  BD_ERROR_DATABASE,      /* SQLite failed; the message keeps SQLite's own */
  BD_ERROR_NOT_FOUND,     /* no such report, tag or outlet */
  BD_ERROR_DUPLICATE,     /* the same bytes are already in the archive */
  BD_ERROR_UNSUPPORTED,   /* neither a PDF nor an HTML page */
  BD_ERROR_ENCRYPTED,     /* password-protected PDF */
  BD_ERROR_DAMAGED,       /* a PDF or HTML file that cannot be parsed */
  BD_ERROR_EMPTY,         /* a file with no text to archive */
  BD_ERROR_TOO_LARGE,     /* over the configured size limit */
  BD_ERROR_INVALID,       /* a value a person typed that makes no sense */
  BD_ERROR_CORRUPT,       /* the archive itself is inconsistent */
  BD_ERROR_BUSY,          /* another process holds the archive for writing */
} BdError;

GQuark bd_error_quark (void);

G_END_DECLS
