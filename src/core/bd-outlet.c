/* bd-outlet.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bd-outlet.h"

/* An outlet never changes once built: the registry replaces it instead, so worker threads can
 * hold one while the registry is being edited.
 */
struct _BdOutlet
{
  GObject   parent_instance;

  char     *name;
  char    **aliases;
  char    **domains;
  BdLevel   level;
  guint     local : 1;
};

G_DEFINE_FINAL_TYPE (BdOutlet, bd_outlet, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LEVEL,
  PROP_ALIASES,
  PROP_DOMAINS,
  PROP_LOCAL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const empty_strv[] = { NULL };

static void
bd_outlet_finalize (GObject *object)
{
  BdOutlet *self = (BdOutlet *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->aliases, g_strfreev);
  g_clear_pointer (&self->domains, g_strfreev);

  G_OBJECT_CLASS (bd_outlet_parent_class)->finalize (object);
}

static void
bd_outlet_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BdOutlet *self = BD_OUTLET (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;

    case PROP_ALIASES:
      g_value_set_boxed (value, bd_outlet_get_aliases (self));
      break;

    case PROP_DOMAINS:
      g_value_set_boxed (value, bd_outlet_get_domains (self));
      break;

    case PROP_LOCAL:
      g_value_set_boolean (value, self->local);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_outlet_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BdOutlet *self = BD_OUTLET (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_LEVEL:
      self->level = g_value_get_enum (value);
      break;

    case PROP_ALIASES:
      self->aliases = g_value_dup_boxed (value);
      break;

    case PROP_DOMAINS:
      self->domains = g_value_dup_boxed (value);
      break;

    case PROP_LOCAL:
      self->local = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_outlet_class_init (BdOutletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_outlet_finalize;
  object_class->get_property = bd_outlet_get_property;
  object_class->set_property = bd_outlet_set_property;

  /**
   * BdOutlet:name:
   *
   * The canonical name: the group name in outlets.ini.
   */
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL,
                       BD_TYPE_LEVEL,
                       BD_LEVEL_UNSET,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BdOutlet:aliases:
   *
   * Other names the outlet goes by, as written in the data file: web sites, apps, old names.
   */
  properties [PROP_ALIASES] =
    g_param_spec_boxed ("aliases", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BdOutlet:domains:
   *
   * Host names whose pages belong to the outlet; each covers its subdomains too.
   */
  properties [PROP_DOMAINS] =
    g_param_spec_boxed ("domains", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BdOutlet:local:
   *
   * Whether the entry was added in this archive rather than shipped with Baodao.
   */
  properties [PROP_LOCAL] =
    g_param_spec_boolean ("local", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bd_outlet_init (BdOutlet *self)
{
}

BdOutlet *
bd_outlet_new (const char         *name,
               BdLevel             level,
               const char * const *aliases,
               const char * const *domains,
               gboolean            local)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (level < BD_N_LEVELS, NULL);

  return g_object_new (BD_TYPE_OUTLET,
                       "name", name,
                       "level", level,
                       "aliases", aliases,
                       "domains", domains,
                       "local", local,
                       NULL);
}

const char *
bd_outlet_get_name (BdOutlet *self)
{
  g_return_val_if_fail (BD_IS_OUTLET (self), NULL);

  return self->name;
}

BdLevel
bd_outlet_get_level (BdOutlet *self)
{
  g_return_val_if_fail (BD_IS_OUTLET (self), BD_LEVEL_UNSET);

  return self->level;
}

/**
 * bd_outlet_get_aliases:
 *
 * Returns: (transfer none): the aliases, never %NULL
 */
const char * const *
bd_outlet_get_aliases (BdOutlet *self)
{
  g_return_val_if_fail (BD_IS_OUTLET (self), empty_strv);

  return self->aliases ? (const char * const *)self->aliases : empty_strv;
}

/**
 * bd_outlet_get_domains:
 *
 * Returns: (transfer none): the domains, never %NULL
 */
const char * const *
bd_outlet_get_domains (BdOutlet *self)
{
  g_return_val_if_fail (BD_IS_OUTLET (self), empty_strv);

  return self->domains ? (const char * const *)self->domains : empty_strv;
}

gboolean
bd_outlet_get_local (BdOutlet *self)
{
  g_return_val_if_fail (BD_IS_OUTLET (self), FALSE);

  return self->local;
}
