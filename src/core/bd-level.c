/* bd-level.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bd-error.h"
#include "bd-level.h"

G_DEFINE_ENUM_TYPE (BdLevel, bd_level,
                    G_DEFINE_ENUM_VALUE (BD_LEVEL_UNSET, "unset"),
                    G_DEFINE_ENUM_VALUE (BD_LEVEL_NATIONAL, "national"),
                    G_DEFINE_ENUM_VALUE (BD_LEVEL_PROVINCIAL, "provincial"),
                    G_DEFINE_ENUM_VALUE (BD_LEVEL_MUNICIPAL, "municipal"))

/* The office's own names for the levels; bundles and CSV files use them whatever the locale. */
static const char * const chinese_names[BD_N_LEVELS] = {
  "未分级", "国家级", "省级", "市级",
};

/* Short forms people type in a search field or a script. */
static const struct {
  const char *text;
  BdLevel level;
} aliases[] = {
  { "未分级", BD_LEVEL_UNSET },
  { "none", BD_LEVEL_UNSET },
  { "国家", BD_LEVEL_NATIONAL },
  { "中央", BD_LEVEL_NATIONAL },
  { "省", BD_LEVEL_PROVINCIAL },
  { "市", BD_LEVEL_MUNICIPAL },
};

gboolean
bd_level_parse (const char  *text,
                BdLevel     *level,
                GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (level != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  folded = g_utf8_casefold (stripped, -1);
  klass = g_type_class_ref (BD_TYPE_LEVEL);

  if ((value = g_enum_get_value_by_nick (klass, folded)))
    {
      *level = value->value;
      return TRUE;
    }

  for (guint i = 0; i < BD_N_LEVELS; i++)
    {
      if (g_str_equal (folded, chinese_names[i]))
        {
          *level = i;
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (g_str_equal (folded, aliases[i].text))
        {
          *level = aliases[i].level;
          return TRUE;
        }
    }

  g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
               /* Translators: the level names after the colon are typed as they are */
               _("“%s” is not a level: use national, provincial, municipal or unset (国家级, 省级, 市级, 未分级)"),
               text);
  return FALSE;
}

const char *
bd_level_to_nick (BdLevel level)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (BD_TYPE_LEVEL);
  GEnumValue *value = g_enum_get_value (klass, level);

  g_return_val_if_fail (value != NULL, "unset");

  return value->value_nick;
}

const char *
bd_level_to_label (BdLevel level)
{
  switch (level)
    {
    case BD_LEVEL_NATIONAL:
      return _("National");
    case BD_LEVEL_PROVINCIAL:
      return _("Provincial");
    case BD_LEVEL_MUNICIPAL:
      return _("Municipal");
    case BD_LEVEL_UNSET:
      return _("Unclassified");
    default:
      g_return_val_if_reached (_("Unclassified"));
    }
}

const char *
bd_level_to_chinese (BdLevel level)
{
  g_return_val_if_fail (level < BD_N_LEVELS, chinese_names[BD_LEVEL_UNSET]);

  return chinese_names[level];
}
