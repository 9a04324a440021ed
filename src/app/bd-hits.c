/* bd-hits.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "bd-fts-functions.h"
#include "bd-hits.h"

/**
 * bd_hits_get_color:
 * @color: (out): the background of a hit
 *
 * A translucent yellow (the palette's yellow 3) on the light style's white, and a deeper,
 * more opaque amber (yellow 5) on the dark style's grey, which the translucent yellow would
 * turn into a dull olive; the text keeps the style's own colour over either.
 */
void
bd_hits_get_color (GdkRGBA *color)
{
  g_return_if_fail (color != NULL);

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    *color = (GdkRGBA) { 229 / 255.f, 165 / 255.f, 10 / 255.f, 0.55f };
  else
    *color = (GdkRGBA) { 246 / 255.f, 211 / 255.f, 45 / 255.f, 0.4f };
}

/**
 * bd_hits_to_attributes:
 * @hits: (element-type BdRange): byte ranges in a label's text
 *
 * Highlights search hits the way the report preview does: bold on the colour
 * bd_hits_get_color() gives for the current style.
 *
 * Returns: (transfer full): the attributes for a label
 */
PangoAttrList *
bd_hits_to_attributes (GArray *hits)
{
  PangoAttrList *attributes = pango_attr_list_new ();
  GdkRGBA color;

  bd_hits_get_color (&color);

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      const BdRange *hit = &g_array_index (hits, BdRange, i);
      PangoAttribute *attribute;

      attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attribute->start_index = hit->start;
      attribute->end_index = hit->end;
      pango_attr_list_insert (attributes, attribute);

      attribute = pango_attr_background_new (color.red * G_MAXUINT16, color.green * G_MAXUINT16,
                                             color.blue * G_MAXUINT16);
      attribute->start_index = hit->start;
      attribute->end_index = hit->end;
      pango_attr_list_insert (attributes, attribute);

      attribute = pango_attr_background_alpha_new (color.alpha * G_MAXUINT16);
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
