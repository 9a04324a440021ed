/* test-level.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bd-error.h"
#include "bd-level.h"

static void
test_level_parse (void)
{
  static const struct {
    const char *text;
    BdLevel level;
  } cases[] = {
    { "national", BD_LEVEL_NATIONAL },
    { "Provincial", BD_LEVEL_PROVINCIAL },
    { " municipal ", BD_LEVEL_MUNICIPAL },
    { "unset", BD_LEVEL_UNSET },
    { "国家级", BD_LEVEL_NATIONAL },
    { "省级", BD_LEVEL_PROVINCIAL },
    { "市级", BD_LEVEL_MUNICIPAL },
    { "未分级", BD_LEVEL_UNSET },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      BdLevel level = 99;

      g_assert_true (bd_level_parse (cases[i].text, &level, &error));
      g_assert_no_error (error);
      g_assert_cmpint (level, ==, cases[i].level);
    }
}

static void
test_level_parse_invalid (void)
{
  const char *bad[] = { "", "county", "县级", "national;DROP", "4" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      BdLevel level = BD_LEVEL_MUNICIPAL;

      g_assert_false (bd_level_parse (bad[i], &level, &error));
      g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
      g_assert_cmpint (level, ==, BD_LEVEL_MUNICIPAL);
    }
}

static void
test_level_names (void)
{
  g_assert_cmpstr (bd_level_to_nick (BD_LEVEL_NATIONAL), ==, "national");
  g_assert_cmpstr (bd_level_to_chinese (BD_LEVEL_PROVINCIAL), ==, "省级");
  g_assert_cmpstr (bd_level_to_chinese (BD_LEVEL_UNSET), ==, "未分级");

  for (BdLevel level = 0; level < BD_N_LEVELS; level++)
    {
      BdLevel back;

      g_assert_true (bd_level_parse (bd_level_to_nick (level), &back, NULL));
      g_assert_cmpint (back, ==, level);
      g_assert_true (bd_level_parse (bd_level_to_chinese (level), &back, NULL));
      g_assert_cmpint (back, ==, level);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/level/parse", test_level_parse);
  g_test_add_func ("/core/level/parse-invalid", test_level_parse_invalid);
  g_test_add_func ("/core/level/names", test_level_names);

  return g_test_run ();
}
