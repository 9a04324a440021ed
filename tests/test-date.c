/* test-date.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bd-date.h"
#include "bd-error.h"

static void
test_date_normalize (void)
{
  static const struct {
    const char *text;
    const char *iso;
  } cases[] = {
    { "2023-08-15", "2023-08-15" },
    { "2023/8/5", "2023-08-05" },
    { "2023.8.15", "2023-08-15" },
    { "2023年8月15日", "2023-08-15" },
    { "２０２３年５月１２日", "2023-05-12" },
    { "  2023-08-15 09:12", "2023-08-15" },
    { "2023-08-15T09:12:00+08:00", "2023-08-15" },
    { "20230815", "2023-08-15" },
    { "2023-02-29", NULL },
    { "2023-13-01", NULL },
    { "2023-08-150", NULL },
    { "1850-01-01", NULL },
    { "2023-08", NULL },
    { "2023", NULL },
    { "昨天", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = bd_date_normalize (cases[i].text);

      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

static void
test_period_parse (void)
{
  static const struct {
    const char *text;
    const char *first;
    const char *last;
  } cases[] = {
    { "2023Q3", "2023-07-01", "2023-09-30" },
    { "2023q1", "2023-01-01", "2023-03-31" },
    { "2024-Q1", "2024-01-01", "2024-03-31" },
    { "２０２３Ｑ４", "2023-10-01", "2023-12-31" },
    { "2024-02", "2024-02-01", "2024-02-29" },
    { "2023年2月", "2023-02-01", "2023-02-28" },
    { "2023", "2023-01-01", "2023-12-31" },
    { "2023年", "2023-01-01", "2023-12-31" },
    { "2023-08-15", "2023-08-15", "2023-08-15" },
  };
  const char *bad[] = { "2023Q5", "2023Q0", "2023-13", "Q3", "", "2023Q3x", "２０２３年第三季度" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      g_assert_true (bd_period_parse (cases[i].text, &first, &last, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (first, ==, cases[i].first);
      g_assert_cmpstr (last, ==, cases[i].last);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      g_assert_false (bd_period_parse (bad[i], &first, &last, &error));
      g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
    }
}

static void
test_date_quarter (void)
{
  g_autofree char *q3 = bd_date_quarter ("2023-08-15");
  g_autofree char *q1 = bd_date_quarter ("2024-01-01");
  g_autofree char *q4 = bd_date_quarter ("2023-12-31");

  g_assert_cmpstr (q3, ==, "2023Q3");
  g_assert_cmpstr (q1, ==, "2024Q1");
  g_assert_cmpstr (q4, ==, "2023Q4");
  g_assert_null (bd_date_quarter (NULL));
  g_assert_null (bd_date_quarter ("soon"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date/normalize", test_date_normalize);
  g_test_add_func ("/core/date/period", test_period_parse);
  g_test_add_func ("/core/date/quarter", test_date_quarter);

  return g_test_run ();
}
