/* bd-date.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "bd-date.h"
#include "bd-error.h"

/* Reports from before the web or far in the future are typos, not dates. */
#define FIRST_YEAR 1949
#define LAST_YEAR  2099

static char *
format_date (guint year,
             guint month,
             guint day)
{
  if (year < FIRST_YEAR || year > LAST_YEAR || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* Reads up to @max_digits ASCII or full-width digits. */
static gboolean
read_number (const char **p,
             guint        max_digits,
             guint       *value)
{
  guint n = 0;
  guint digits = 0;

  while (digits < max_digits)
    {
      gunichar c = g_utf8_get_char (*p);
      int d = g_unichar_digit_value (c);

      if (d < 0)
        break;

      n = n * 10 + d;
      digits++;
      *p = g_utf8_next_char (*p);
    }

  *value = n;
  return digits > 0;
}

static gboolean
skip_separator (const char **p,
                const char  *accepted)
{
  gunichar c = g_utf8_get_char (*p);

  if (c == 0 || g_utf8_strchr (accepted, -1, c) == NULL)
    return FALSE;

  *p = g_utf8_next_char (*p);
  return TRUE;
}

/**
 * bd_date_normalize:
 * @text: a date as people and web pages write it
 *
 * Understands 2023-08-15, 2023/8/15, 2023.8.15, 2023年8月15日, 20230815 and the
 * 2023-08-15T09:12:00+08:00 of meta tags, with ASCII or full-width digits; anything
 * after the date (a time, a zone) is ignored.
 *
 * Returns: (transfer full) (nullable): "YYYY-MM-DD", or %NULL when @text holds no valid date
 */
char *
bd_date_normalize (const char *text)
{
  const char *p;
  guint year, month, day;

  g_return_val_if_fail (text != NULL, NULL);

  p = text;
  while (g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  if (!read_number (&p, 8, &year))
    return NULL;

  /* 20230815 */
  if (year > 9999)
    {
      if (year < 10000000)
        return NULL;
      return format_date (year / 10000, year / 100 % 100, year % 100);
    }

  if (!skip_separator (&p, "-/.年－／．") ||
      !read_number (&p, 2, &month) ||
      !skip_separator (&p, "-/.月－／．") ||
      !read_number (&p, 2, &day))
    return NULL;

  /* 2023-08-150 is not a date */
  if (g_unichar_isdigit (g_utf8_get_char (p)))
    return NULL;

  return format_date (year, month, day);
}

static gboolean
set_range (guint   year,
           guint   first_month,
           guint   last_month,
           char  **first_day,
           char  **last_day)
{
  if (year < FIRST_YEAR || year > LAST_YEAR || first_month < 1 || last_month > 12)
    return FALSE;

  *first_day = format_date (year, first_month, 1);
  *last_day = format_date (year, last_month, g_date_get_days_in_month (last_month, year));
  return TRUE;
}

/**
 * bd_period_parse:
 * @text: a year (2023), a quarter (2023Q3, 2023-Q3), a month (2023-08) or a day
 * @first_day: (out): the first day of the period, "YYYY-MM-DD"
 * @last_day: (out): the last day of the period, inclusive
 * @error: a #GError
 *
 * Returns: %TRUE when @text names a period
 */
gboolean
bd_period_parse (const char  *text,
                 char       **first_day,
                 char       **last_day,
                 GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *day = NULL;
  guint year, month, quarter;
  char tail;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (first_day != NULL && last_day != NULL, FALSE);

  stripped = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (stripped == NULL)
    goto invalid;
  g_strstrip (stripped);

  if ((day = bd_date_normalize (stripped)) && strlen (stripped) <= 10)
    {
      *first_day = g_strdup (day);
      *last_day = g_steal_pointer (&day);
      return TRUE;
    }

  if ((sscanf (stripped, "%4u%*1[Qq]%1u%c", &year, &quarter, &tail) == 2 ||
       sscanf (stripped, "%4u-%*1[Qq]%1u%c", &year, &quarter, &tail) == 2) &&
      quarter >= 1 && quarter <= 4 &&
      set_range (year, quarter * 3 - 2, quarter * 3, first_day, last_day))
    return TRUE;

  if ((sscanf (stripped, "%4u-%2u%c", &year, &month, &tail) == 2 ||
       sscanf (stripped, "%4u年%2u月%c", &year, &month, &tail) == 2) &&
      set_range (year, month, month, first_day, last_day))
    return TRUE;

  if ((sscanf (stripped, "%4u%c", &year, &tail) == 1 ||
       (sscanf (stripped, "%4u年", &year) == 1 && g_str_has_suffix (stripped, "年") &&
        strlen (stripped) == 4 + strlen ("年"))) &&
      set_range (year, 1, 12, first_day, last_day))
    return TRUE;

invalid:
  g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
               _("“%s” is not a date or a period: write 2023-08-15, 2023-08, 2023Q3 or 2023"),
               text);
  return FALSE;
}

/**
 * bd_date_quarter:
 * @iso_date: a date as returned by bd_date_normalize()
 *
 * Returns: (transfer full) (nullable): the quarter, "2023Q3"
 */
char *
bd_date_quarter (const char *iso_date)
{
  guint year, month, day;

  if (iso_date == NULL || sscanf (iso_date, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      month < 1 || month > 12)
    return NULL;

  return g_strdup_printf ("%04uQ%u", year, (month + 2) / 3);
}
