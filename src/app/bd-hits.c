/* bd-hits.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bd-fts-functions.h"
#include "bd-hits.h"

/**
 * bd_hits_to_attributes:
 * @hits: (element-type BdRange): byte ranges in a label's text
 *
 * Highlights search hits the way the report preview does: bold on a translucent yellow that
 * reads in both the light and the dark style.
 *
 * Returns: (transfer full): the attributes for a label
 */
PangoAttrList *
bd_hits_to_attributes (GArray *hits)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      const BdRange *hit = &g_array_index (hits, BdRange, i);
      PangoAttribute *attribute;

      attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attribute->start_index = hit->start;
      attribute->end_index = hit->end;
      pango_attr_list_insert (attributes, attribute);

      attribute = pango_attr_background_new (0xf600, 0xd300, 0x2d00);
      attribute->start_index = hit->start;
      attribute->end_index = hit->end;
      pango_attr_list_insert (attributes, attribute);

      attribute = pango_attr_background_alpha_new (0x6000);
      attribute->start_index = hit->start;
      attribute->end_index = hit->end;
      pango_attr_list_insert (attributes, attribute);
    }

  return attributes;
}

/**
 * bd_hits_mark:
 * @text: plain text
 * @hits: (element-type BdRange): byte ranges in @text, in order
 *
 * Puts back the marks bd_marked_text_split() took out, to make a search result anew.
 *
 * Returns: (transfer full): @text with every hit marked
 */
char *
bd_hits_mark (const char *text,
              GArray     *hits)
{
  GString *marked = g_string_new (NULL);
  guint done = 0;

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      const BdRange *hit = &g_array_index (hits, BdRange, i);

      g_string_append_len (marked, text + done, hit->start - done);
      g_string_append_c (marked, BD_MARK_START);
      g_string_append_len (marked, text + hit->start, hit->end - hit->start);
      g_string_append_c (marked, BD_MARK_END);
      done = hit->end;
    }
  g_string_append (marked, text + done);

  return g_string_free (marked, FALSE);
}
