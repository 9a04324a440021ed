/* bd-search-result.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bd-fts-functions.h"
#include "bd-report.h"
#include "bd-search-result.h"

/* One row of a search: the report, how well it matched, and its title and snippet with the
 * hits as byte ranges, ready for text attributes or terminal highlighting. */
struct _BdSearchResult
{
  GObject   parent_instance;

  BdReport *report;
  double    score;
  char     *title;
  GArray   *title_hits;
  char     *snippet;
  GArray   *snippet_hits;
};

G_DEFINE_FINAL_TYPE (BdSearchResult, bd_search_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_SCORE,
  PROP_TITLE,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
bd_search_result_finalize (GObject *object)
{
  BdSearchResult *self = (BdSearchResult *)object;

  g_clear_object (&self->report);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->title_hits, g_array_unref);
  g_clear_pointer (&self->snippet, g_free);
  g_clear_pointer (&self->snippet_hits, g_array_unref);

  G_OBJECT_CLASS (bd_search_result_parent_class)->finalize (object);
}

static void
bd_search_result_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BdSearchResult *self = BD_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_search_result_class_init (BdSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_search_result_finalize;
  object_class->get_property = bd_search_result_get_property;

  properties [PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, BD_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bd_search_result_init (BdSearchResult *self)
{
}

/**
 * bd_search_result_new:
 * @marked_title: the title with hits marked as bd_highlight() does
 * @marked_snippet: a snippet with hits marked as bd_snippet() does
 */
BdSearchResult *
bd_search_result_new (BdReport   *report,
                      double      score,
                      const char *marked_title,
                      const char *marked_snippet)
{
  BdSearchResult *self;

  g_return_val_if_fail (BD_IS_REPORT (report), NULL);

  self = g_object_new (BD_TYPE_SEARCH_RESULT, NULL);
  self->report = g_object_ref (report);
  self->score = score;
  self->title = bd_marked_text_split (marked_title != NULL ? marked_title : "", &self->title_hits);
  self->snippet = bd_marked_text_split (marked_snippet != NULL ? marked_snippet : "",
                                        &self->snippet_hits);

  return self;
}

/**
 * bd_search_result_get_report:
 *
 * Returns: (transfer none): the report
 */
BdReport *
bd_search_result_get_report (BdSearchResult *self)
{
  g_return_val_if_fail (BD_IS_SEARCH_RESULT (self), NULL);

  return self->report;
}

double
bd_search_result_get_score (BdSearchResult *self)
{
  g_return_val_if_fail (BD_IS_SEARCH_RESULT (self), 0);

  return self->score;
}

const char *
bd_search_result_get_title (BdSearchResult *self)
{
  g_return_val_if_fail (BD_IS_SEARCH_RESULT (self), NULL);

  return self->title;
}

/**
 * bd_search_result_get_title_hits:
 *
 * Returns: (transfer none) (element-type BdRange): the hits in the title, as byte ranges
 */
GArray *
bd_search_result_get_title_hits (BdSearchResult *self)
{
  g_return_val_if_fail (BD_IS_SEARCH_RESULT (self), NULL);

  return self->title_hits;
}

const char *
bd_search_result_get_snippet (BdSearchResult *self)
{
  g_return_val_if_fail (BD_IS_SEARCH_RESULT (self), NULL);

  return self->snippet;
}

/**
 * bd_search_result_get_snippet_hits:
 *
 * Returns: (transfer none) (element-type BdRange): the hits in the snippet, as byte ranges
 */
GArray *
bd_search_result_get_snippet_hits (BdSearchResult *self)
{
  g_return_val_if_fail (BD_IS_SEARCH_RESULT (self), NULL);

  return self->snippet_hits;
}
