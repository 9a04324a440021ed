/* bd-csv.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bd-csv.h"

/**
 * bd_csv_append_field:
 * @csv: the file being written
 * @value: (nullable): the field's text
 * @last: whether it ends its row
 *
 * Appends one field as RFC 4180 wants it, quoted where needed, followed by a comma or the
 * row's CRLF.
 */
void
bd_csv_append_field (GString    *csv,
                     const char *value,
                     gboolean    last)
{
  g_autofree char *defused = NULL;

  if (value == NULL)
    value = "";

  /* A spreadsheet runs a cell starting with = + - or @ as a formula: a title typed or imported
   * as "=HYPERLINK(…)" must open as text. */
  if (value[0] != '\0' && strchr ("=+-@", value[0]) != NULL)
    value = defused = g_strconcat ("'", value, NULL);

  if (strpbrk (value, ",\"\r\n") != NULL || g_ascii_isspace (value[0]) ||
      (*value != '\0' && g_ascii_isspace (value[strlen (value) - 1])))
    {
      g_string_append_c (csv, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (csv, '"');
          g_string_append_c (csv, *p);
        }
      g_string_append_c (csv, '"');
    }
  else
    g_string_append (csv, value);

  g_string_append (csv, last ? "\r\n" : ",");
}
