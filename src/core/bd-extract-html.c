/* bd-extract-html.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <uchardet.h>

#include "bd-date.h"
#include "bd-error.h"
#include "bd-extract-private.h"

/* Where a page declares its charset and a browser writes the saved-from comment. */
#define HEAD_BYTES 4096
/* How far after the title a byline's date may be. */
#define BYLINE_BYTES 600
/* Without a title to anchor on, how far into the text a date still belongs to the page. */
#define LEAD_BYTES 1500
#define MAX_CANDIDATES 32

typedef enum
{
  WALK_SKIP_CHROME = 1 << 0,
} WalkFlags;

/* Encoding detection and conversion. */

static const char *
canonical_charset (const char *declared)
{
  static const char *const gb[] = {
    "gb2312", "gbk", "x-gbk", "gb18030", "cp936", "windows-936", "euc-cn", "x-euc-cn",
    "csgb2312", "gb_2312-80", "chinese", "iso-ir-58", "csgb231280", "csiso58gb231280",
  };
  static const char *const big5[] = { "big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5" };
  static const char *const utf8[] = { "utf-8", "utf8", "unicode-1-1-utf-8" };
  static const char *const latin1[] = { "iso-8859-1", "latin1", "us-ascii", "ascii", "iso8859-1" };

  for (guint i = 0; i < G_N_ELEMENTS (gb); i++)
    if (g_ascii_strcasecmp (declared, gb[i]) == 0)
      return "GB18030";
  for (guint i = 0; i < G_N_ELEMENTS (big5); i++)
    if (g_ascii_strcasecmp (declared, big5[i]) == 0)
      return "BIG5-HKSCS";
  for (guint i = 0; i < G_N_ELEMENTS (utf8); i++)
    if (g_ascii_strcasecmp (declared, utf8[i]) == 0)
      return "UTF-8";
  /* browsers read Latin-1 as Windows-1252 */
  for (guint i = 0; i < G_N_ELEMENTS (latin1); i++)
    if (g_ascii_strcasecmp (declared, latin1[i]) == 0)
      return "WINDOWS-1252";

  return declared;
}

static gboolean
is_western_single_byte (const char *charset)
{
  return g_ascii_strncasecmp (charset, "WINDOWS-125", 11) == 0 ||
         g_ascii_strncasecmp (charset, "ISO-8859-", 9) == 0;
}

static char *
read_charset_name (const char *p)
{
  const char *start;

  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  if (*p != '=')
    return NULL;
  p++;
  while (*p == ' ' || *p == '"' || *p == '\'')
    p++;

  start = p;
  while (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':')
    p++;

  return p > start ? g_strndup (start, p - start) : NULL;
}

/* A charset= inside a <meta> tag (both the HTML5 and the http-equiv form) or the
 * encoding= of an XML declaration, from the ASCII bytes at the start of the page. */
static char *
declared_charset (const char *data,
                  gsize       len)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (len, HEAD_BYTES));
  const char *p;

  if (g_str_has_prefix (head, "<?xml") && (p = strstr (head, "encoding")) != NULL &&
      p < strstr (head, "?>"))
    return read_charset_name (p + strlen ("encoding"));

  for (p = strstr (head, "<meta"); p != NULL; p = strstr (p + 1, "<meta"))
    {
      const char *end = strchr (p, '>');
      const char *charset = strstr (p, "charset");

      if (charset != NULL && (end == NULL || charset < end))
        {
          char *name = read_charset_name (charset + strlen ("charset"));

          if (name != NULL)
            return name;
        }
    }

  return NULL;
}

static char *
convert_strictly (const char *data,
                  gsize       len,
                  const char *charset,
                  gsize      *out_len)
{
  g_autoptr(GError) error = NULL;
  char *converted;

  converted = g_convert (data, len, "UTF-8", charset, NULL, out_len, &error);
  if (converted == NULL)
    g_debug ("Not %s: %s", charset, error->message);

  return converted;
}

static gboolean
has_non_ascii (const char *data,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) data[i] >= 0x80)
      return TRUE;

  return FALSE;
}

/* Decoded as GB18030, Chinese text is nearly all CJK characters and punctuation; text in
 * another encoding decodes to a scatter of symbols and rare characters. */
static gboolean
looks_chinese (const char *utf8)
{
  guint wide = 0;
  guint other = 0;

  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        continue;
      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN ||
          (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) ||
          (c >= 0x2010 && c <= 0x2027))
        wide++;
      else
        other++;
    }

  return wide > 0 && other * 20 <= wide;
}

static char *
detect_and_convert (const char *data,
                    gsize       len,
                    gsize      *out_len)
{
  uchardet_t detector;
  g_autofree char *detected = NULL;
  char *converted;

  if (g_utf8_validate (data, len, NULL))
    {
      *out_len = len;
      return g_strndup (data, len);
    }

  detector = uchardet_new ();
  if (uchardet_handle_data (detector, data, len) == 0)
    {
      uchardet_data_end (detector);
      detected = g_strdup (uchardet_get_charset (detector));
    }
  uchardet_delete (detector);

  /* For a page about a Chinese county, GB18030 is far likelier than the Japanese, Korean or
   * Western encodings that short Chinese texts get mistaken for. */
  if (detected != NULL && *detected != '\0' &&
      (g_ascii_strcasecmp (detected, "GB18030") == 0 || g_str_has_prefix (detected, "BIG5") ||
       g_ascii_strcasecmp (detected, "EUC-TW") == 0 || g_str_has_prefix (detected, "UTF-")))
    {
      if ((converted = convert_strictly (data, len, canonical_charset (detected), out_len)))
        return converted;
    }

  converted = convert_strictly (data, len, "GB18030", out_len);
  if (converted != NULL && looks_chinese (converted))
    return converted;
  g_free (converted);

  if (detected != NULL && *detected != '\0' &&
      (converted = convert_strictly (data, len, canonical_charset (detected), out_len)))
    return converted;

  /* A page with a few broken bytes still has readable text around them. */
  converted = g_convert_with_fallback (data, len, "UTF-8", "GB18030", "\xef\xbf\xbd",
                                       NULL, out_len, NULL);
  if (converted != NULL)
    return converted;

  converted = g_utf8_make_valid (data, len);
  *out_len = strlen (converted);
  return converted;
}

static char *
decode_page (const char *data,
             gsize       len,
             gsize      *out_len)
{
  g_autofree char *declared = NULL;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      char *text = g_utf8_make_valid (data + 3, len - 3);

      *out_len = strlen (text);
      return text;
    }

  if (len >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      const char *charset = data[0] == '\xff' ? "UTF-16LE" : "UTF-16BE";
      char *text = g_convert_with_fallback (data + 2, len - 2, "UTF-8", charset, "\xef\xbf\xbd",
                                            NULL, out_len, NULL);

      if (text != NULL)
        return text;
    }

  declared = declared_charset (data, len);
  if (declared != NULL)
    {
      const char *charset = canonical_charset (declared);

      if (g_str_equal (charset, "UTF-8"))
        {
          if (g_utf8_validate (data, len, NULL))
            {
              *out_len = len;
              return g_strndup (data, len);
            }
        }
      /* Pages re-saved as UTF-8 often keep their old declaration: valid UTF-8 with Chinese
       * in it is never GBK by accident. */
      else if (has_non_ascii (data, len) && g_utf8_validate (data, len, NULL))
        {
          *out_len = len;
          return g_strndup (data, len);
        }
      else if (!is_western_single_byte (charset) || !has_non_ascii (data, len))
        {
          char *text = convert_strictly (data, len, charset, out_len);

          if (text != NULL)
            return text;
        }
    }

  return detect_and_convert (data, len, out_len);
}

/* Parsing. */

#if LIBXML_VERSION >= 21200
static void
ignore_error (void           *user_data,
              const xmlError *error)
{
}
#else
static void
ignore_error (void       *user_data,
              xmlErrorPtr error)
{
}
#endif

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

static htmlDocPtr
parse_html (const char *utf8,
            gsize       len)
{
  static GOnce init_once = G_ONCE_INIT;
  xmlStructuredErrorFunc old_handler;
  void *old_context;
  htmlDocPtr doc;

  g_once (&init_once, init_libxml, NULL);

  /* the handler is per thread, so parses on other workers keep theirs */
  old_handler = xmlStructuredError;
  old_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc (NULL, ignore_error);

  /* the page is UTF-8 by now, whatever its <meta> still says */
  doc = htmlReadMemory (utf8, len, NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);

  xmlSetStructuredErrorFunc (old_context, old_handler);

  return doc;
}

/* Walking the tree, without recursion: pages nest thousands deep. */

static gboolean
has_name (xmlNode    *node,
          const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
has_name_in (xmlNode           *node,
             const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (has_name (node, names[i]))
      return TRUE;

  return FALSE;
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
attribute_mentions (xmlNode           *node,
                    const char        *attribute,
                    const char *const *words)
{
  g_autofree char *value = get_attribute (node, attribute);
  g_autofree char *lower = NULL;

  if (value == NULL)
    return FALSE;

  lower = g_ascii_strdown (value, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
id_or_class_mentions (xmlNode           *node,
                      const char *const *words)
{
  return attribute_mentions (node, "id", words) || attribute_mentions (node, "class", words);
}

static gboolean
inside_article (xmlNode *node)
{
  static const char *const articles[] = { "article", "main", NULL };

  for (xmlNode *p = node->parent; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (has_name_in (p, articles))
      return TRUE;

  return FALSE;
}

static gboolean
is_hidden (xmlNode *node)
{
  g_autofree char *style = NULL;
  g_autofree char *compact = NULL;
  g_autoptr(GString) squeezed = NULL;

  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;

  style = get_attribute (node, "style");
  if (style == NULL)
    return FALSE;

  squeezed = g_string_new (NULL);
  for (const char *p = style; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed, g_ascii_tolower (*p));

  return strstr (squeezed->str, "display:none") != NULL;
}

static gboolean
is_skipped (xmlNode   *node,
            WalkFlags  flags)
{
  /* not "embed": libxml2's HTML parser does not know it is empty and puts the rest of the
   * page inside it, while it has no text of its own to skip */
  static const char *const never_text[] = {
    "script", "style", "noscript", "template", "svg", "iframe", "form", "select", "button",
    "object", "canvas", "textarea", "head", "title", "audio", "video", "map", "math",
    NULL,
  };
  static const char *const chrome[] = { "nav", "aside", "menu", NULL };
  static const char *const page_chrome[] = { "header", "footer", NULL };
  static const char *const content[] = { "html", "body", "article", "main", NULL };
  static const char *const chrome_words[] = {
    "nav", "menu", "breadcrumb", "crumb", "footer", "sidebar", "share", "comment",
    "copyright", "toolbar", "related", NULL,
  };

  if (node->type != XML_ELEMENT_NODE)
    return node->type == XML_COMMENT_NODE;

  if (has_name_in (node, never_text) || is_hidden (node))
    return TRUE;

  if ((flags & WALK_SKIP_CHROME) == 0 || has_name_in (node, content))
    return FALSE;

  return has_name_in (node, chrome) ||
         (has_name_in (node, page_chrome) && !inside_article (node)) ||
         id_or_class_mentions (node, chrome_words);
}

static gboolean
is_block (xmlNode *node)
{
  static const char *const blocks[] = {
    "address", "article", "blockquote", "br", "center", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "table", "tbody", "td", "th", "tr", "ul", "body", "caption", NULL,
  };

  return has_name_in (node, blocks);
}

typedef gboolean (*VisitFunc) (xmlNode  *node,
                               gpointer  user_data);

/* Calls @enter on @root and every node below it in document order; a node for which it
 * returns FALSE is not descended into. @leave is called when a node's subtree is done. */
static void
walk (xmlNode   *root,
      VisitFunc  enter,
      VisitFunc  leave,
      gpointer   user_data)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (enter (node, user_data) && node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          continue;
        }

      for (;;)
        {
          if (leave != NULL)
            leave (node, user_data);
          if (node == root)
            return;
          if (node->next != NULL)
            {
              node = node->next;
              break;
            }
          node = node->parent;
        }
    }
}

typedef struct
{
  WalkFlags  flags;
  GString   *text;
} TextWalk;

static gboolean
text_enter (xmlNode  *node,
            gpointer  user_data)
{
  TextWalk *walk_data = user_data;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      /* a newline in the source is only white space, and none at all between two Chinese
       * characters */
      for (const char *p = (const char *) node->content; p != NULL && *p != '\0'; p++)
        g_string_append_c (walk_data->text, *p == '\n' ? BD_SOFT_BREAK : *p);
      return FALSE;
    }

  if (is_skipped (node, walk_data->flags))
    return FALSE;

  if (is_block (node))
    g_string_append_c (walk_data->text, '\n');

  return TRUE;
}

static gboolean
text_leave (xmlNode  *node,
            gpointer  user_data)
{
  TextWalk *walk_data = user_data;

  if (is_block (node))
    g_string_append_c (walk_data->text, '\n');

  return TRUE;
}

static char *
node_text (xmlNode   *root,
           WalkFlags  flags)
{
  g_autoptr(GString) raw = g_string_new (NULL);
  TextWalk walk_data = { flags, raw };

  walk (root, text_enter, text_leave, &walk_data);
  return bd_extract_tidy_text (raw->str);
}

/* What the head says and where the content is. */

typedef struct
{
  GHashTable *meta;  /* lower-case name, property or itemprop → content */
  char       *canonical;
  char       *title;
  xmlNode    *body;
  GPtrArray  *candidates;
  GPtrArray  *headings;
} Page;

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->meta, g_hash_table_unref);
  g_clear_pointer (&page->canonical, g_free);
  g_clear_pointer (&page->title, g_free);
  g_clear_pointer (&page->candidates, g_ptr_array_unref);
  g_clear_pointer (&page->headings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

static void
add_meta (Page    *page,
          xmlNode *node)
{
  static const char *const keys[] = { "name", "property", "itemprop", "http-equiv" };
  g_autofree char *content = get_attribute (node, "content");

  if (content == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *key = get_attribute (node, keys[i]);
      char *lower;

      if (key == NULL)
        continue;

      lower = g_ascii_strdown (key, -1);
      if (g_hash_table_contains (page->meta, lower))
        g_free (lower);
      else
        g_hash_table_insert (page->meta, lower, g_strdup (content));
    }
}

static gboolean
is_content_candidate (xmlNode *node)
{
  static const char *const content_words[] = {
    "content", "article", "trs_editor", "main", "detail", "zoom", NULL,
  };
  static const char *const content_elements[] = { "article", "main", NULL };
  static const char *const not_containers[] = { "html", "body", "head", "meta", "link", NULL };

  return !has_name_in (node, not_containers) &&
         (has_name_in (node, content_elements) || id_or_class_mentions (node, content_words));
}

static gboolean
page_enter (xmlNode  *node,
            gpointer  user_data)
{
  Page *page = user_data;

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;

  if (has_name (node, "meta"))
    add_meta (page, node);
  else if (has_name (node, "link") && page->canonical == NULL &&
           attribute_mentions (node, "rel", (const char *const[]) { "canonical", NULL }))
    page->canonical = get_attribute (node, "href");
  else if (has_name (node, "title") && page->title == NULL)
    {
      xmlChar *title = xmlNodeGetContent (node);

      page->title = bd_extract_tidy_text (title != NULL ? (const char *) title : "");
      g_strdelimit (page->title, "\n", ' ');
      xmlFree (title);
    }
  else if (has_name (node, "body") && page->body == NULL)
    page->body = node;
  else if (has_name (node, "time") && !g_hash_table_contains (page->meta, "time"))
    {
      char *datetime = get_attribute (node, "datetime");

      if (datetime != NULL)
        g_hash_table_insert (page->meta, g_strdup ("time"), datetime);
    }

  /* the text outside the chrome holds the content and the title */
  if (page->body != NULL && is_skipped (node, WALK_SKIP_CHROME))
    return has_name (node, "head");

  if (has_name (node, "h1"))
    g_ptr_array_add (page->headings, node);
  else if (page->candidates->len < MAX_CANDIDATES && is_content_candidate (node))
    g_ptr_array_add (page->candidates, node);

  return TRUE;
}

static void
page_init (Page    *page,
           xmlDoc  *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  page->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  page->candidates = g_ptr_array_new ();
  page->headings = g_ptr_array_new ();

  if (root != NULL)
    walk (root, page_enter, NULL, page);
  if (page->body == NULL)
    page->body = root;
}

static const char *
lookup_meta (Page              *page,
             const char *const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (page->meta, keys[i]);

      if (value != NULL && *value != '\0')
        return value;
    }

  return NULL;
}

static gsize
count_chars (const char *text)
{
  return g_utf8_strlen (text, -1);
}

/* The smallest container that still holds most of the page's text is the article: bigger
 * ones add sidebars, smaller ones lose paragraphs. */
static xmlNode *
find_content (Page       *page,
              const char *all_text)
{
  gsize total = count_chars (all_text);
  xmlNode *best = page->body;
  gsize best_len = total;

  for (guint i = 0; i < page->candidates->len; i++)
    {
      xmlNode *candidate = g_ptr_array_index (page->candidates, i);
      g_autofree char *text = node_text (candidate, WALK_SKIP_CHROME);
      gsize len = count_chars (text);

      if (len * 2 >= total && len < best_len)
        {
          best = candidate;
          best_len = len;
        }
    }

  return best;
}

static gboolean
is_inside (xmlNode *node,
           xmlNode *ancestor)
{
  for (; node != NULL; node = node->parent)
    if (node == ancestor)
      return TRUE;

  return FALSE;
}

static char *
heading_text (Page    *page,
              xmlNode *content)
{
  /* the article's own heading first: a page's first <h1> is often the site's logo */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < page->headings->len; i++)
      {
        xmlNode *heading = g_ptr_array_index (page->headings, i);
        g_autofree char *text = NULL;

        if (pass == 0 && !is_inside (heading, content))
          continue;

        text = node_text (heading, 0);
        g_strdelimit (text, "\n", ' ');
        if (count_chars (text) >= 2)
          return g_steal_pointer (&text);
      }

  return NULL;
}

/* "标题_湖北日报_荆楚网", "标题 - 荆楚网" → "标题" */
static char *
strip_site_name (const char *title)
{
  static const char *const separators[] = {
    " - ", " – ", " — ", "——", "--", " | ", "|", "｜", "_", "－", " -",
  };
  const char *cut = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *p = strstr (title, separators[i]);

      if (p != NULL && p > title && (cut == NULL || p < cut))
        cut = p;
    }

  if (cut != NULL)
    {
      g_autofree char *prefix = g_strndup (title, cut - title);

      g_strstrip (prefix);
      if (g_utf8_strlen (prefix, -1) >= 4)
        return g_steal_pointer (&prefix);
    }

  return g_strdup (title);
}

static char *
page_title (Page       *page,
            xmlNode    *content,
            const char *file_name)
{
  static const char *const og_title[] = { "og:title", "twitter:title", NULL };
  const char *meta = lookup_meta (page, og_title);
  char *title;

  if ((title = bd_extract_clean_title (meta, file_name)) != NULL)
    return title;

  {
    g_autofree char *heading = heading_text (page, content);

    if ((title = bd_extract_clean_title (heading, file_name)) != NULL)
      return title;
  }

  if (page->title != NULL)
    {
      g_autofree char *stripped = strip_site_name (page->title);

      return bd_extract_clean_title (stripped, file_name);
    }

  return NULL;
}

/* /2023-08/15/, /2023/08/15/, /202308/15/, /2023/0815/, /20230815/, t20230815_123.html */
static char *
date_from_url (const char *url)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (const char *));
  const char *path = strstr (url, "://");

  path = path != NULL ? strchr (path + 3, '/') : url;
  if (path == NULL)
    return NULL;

  for (const char *p = path; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) && (p == path || !g_ascii_isdigit (p[-1])))
      g_array_append_val (groups, p);

  for (guint i = 0; i < groups->len; i++)
    {
      const char *g = g_array_index (groups, const char *, i);
      gsize len = strspn (g, "0123456789");
      const char *next = i + 1 < groups->len ? g_array_index (groups, const char *, i + 1) : NULL;
      gsize next_len = next != NULL ? strspn (next, "0123456789") : 0;
      gboolean adjacent = next != NULL && next == g + len + 1 && strchr ("-/_", g[len]) != NULL;
      g_autofree char *candidate = NULL;
      char *date;

      if (len == 8 || len == 14)
        candidate = g_strndup (g, 8);
      else if (len == 6 && adjacent && next_len == 2)
        candidate = g_strdup_printf ("%.4s-%.2s-%.2s", g, g + 4, next);
      else if (len == 4 && adjacent && next_len == 4)
        candidate = g_strdup_printf ("%.4s-%.2s-%.2s", g, next, next + 2);
      else if (len == 4 && adjacent && next_len <= 2 && i + 2 < groups->len)
        {
          const char *day = g_array_index (groups, const char *, i + 2);

          if (day == next + next_len + 1 && strchr ("-/_", next[next_len]) != NULL &&
              strspn (day, "0123456789") <= 2)
            candidate = g_strdup_printf ("%.4s-%.*s-%.*s", g, (int) next_len, next,
                                         (int) strspn (day, "0123456789"), day);
        }

      if (candidate != NULL && (date = bd_date_normalize (candidate)) != NULL)
        return date;
    }

  return NULL;
}

static char *
saved_from_url (const char *utf8)
{
  g_autofree char *head = g_strndup (utf8, HEAD_BYTES);
  const char *p = strstr (head, "saved from url=");
  const char *end;

  if (p == NULL)
    return NULL;

  p += strlen ("saved from url=");
  if (*p == '(')
    {
      p = strchr (p, ')');
      if (p == NULL)
        return NULL;
      p++;
    }

  for (end = p; *end != '\0' && !g_ascii_isspace (*end) && !g_str_has_prefix (end, "-->"); end++)
    ;

  return end > p ? g_strndup (p, end - p) : NULL;
}

static gboolean
is_web_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL &&
         (g_str_equal (g_uri_get_scheme (uri), "http") ||
          g_str_equal (g_uri_get_scheme (uri), "https"));
}

static char *
page_source_url (Page       *page,
                 const char *utf8)
{
  static const char *const og_url[] = { "og:url", NULL };
  g_autofree char *saved = saved_from_url (utf8);
  const char *og = lookup_meta (page, og_url);
  const char *base = saved != NULL && is_web_url (saved) ? saved : og;

  if (page->canonical != NULL)
    {
      g_autofree char *resolved = NULL;

      if (is_web_url (page->canonical))
        return g_strdup (page->canonical);
      if (base != NULL && is_web_url (base))
        {
          resolved = g_uri_resolve_relative (base, page->canonical, G_URI_FLAGS_NONE, NULL);
          if (resolved != NULL && is_web_url (resolved))
            return g_steal_pointer (&resolved);
        }
    }

  if (og != NULL && is_web_url (og))
    return g_strdup (og);

  if (saved != NULL && is_web_url (saved))
    return g_steal_pointer (&saved);

  return NULL;
}

static char *
url_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL ? g_strdup (g_uri_get_host (uri)) : NULL;
}

static char *
page_date (Page       *page,
           const char *byline,
           const char *all_text,
           const char *source_url)
{
  static const char *const date_keys[] = {
    "article:published_time", "og:release_date", "og:published_time", "publishdate",
    "pubdate", "publish_date", "publish-date", "publishtime", "firstpublishedtime",
    "datepublished", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dcterms.created", "releasedate", "createdate", "date", "time", NULL,
  };
  char *date;

  for (guint i = 0; date_keys[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (page->meta, date_keys[i]);

      if (value != NULL && (date = bd_date_normalize (value)) != NULL)
        return date;
    }

  if (byline != NULL && (date = bd_extract_find_date (byline, BYLINE_BYTES)) != NULL)
    return date;

  if ((date = bd_extract_find_date (all_text, LEAD_BYTES)) != NULL)
    return date;

  return source_url != NULL ? date_from_url (source_url) : NULL;
}

static char *
page_outlet (Page       *page,
             const char *byline,
             const char *all_text,
             const char *source_url)
{
  static const char *const source_keys[] = { "source", "contentsource", NULL };
  static const char *const site_keys[] = { "og:site_name", "sitename", NULL };
  const char *value;
  char *outlet;

  if (byline != NULL && (outlet = bd_extract_find_outlet (byline)) != NULL)
    return outlet;
  if ((outlet = bd_extract_find_outlet (all_text)) != NULL)
    return outlet;

  if ((value = lookup_meta (page, source_keys)) != NULL ||
      (value = lookup_meta (page, site_keys)) != NULL)
    {
      g_autofree char *tidy = bd_extract_tidy_text (value);

      if (*tidy != '\0')
        return g_steal_pointer (&tidy);
    }

  return source_url != NULL ? url_host (source_url) : NULL;
}

static char *
strip_nul_bytes (const char *data,
                 gsize       len,
                 gsize      *out_len)
{
  char *copy = g_malloc (len + 1);
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    if (data[i] != '\0')
      copy[n++] = data[i];
  copy[n] = '\0';

  *out_len = n;
  return copy;
}

static BdExtraction *
extract_page (xmlDoc        *doc,
              const char    *utf8,
              const char    *file_name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_auto(Page) page = { 0 };
  g_autofree char *all_text = NULL;
  g_autofree char *text = NULL;
  const char *byline = NULL;
  xmlNode *content;
  BdExtraction *extraction;

  page_init (&page, doc);
  if (page.body == NULL)
    goto empty;

  all_text = node_text (page.body, WALK_SKIP_CHROME);
  if (*all_text == '\0')
    {
      /* a page whose whole body looked like chrome: better too much text than none */
      g_free (all_text);
      all_text = node_text (page.body, 0);
    }
  if (*all_text == '\0')
    goto empty;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  content = find_content (&page, all_text);
  text = content == page.body ? g_strdup (all_text) : node_text (content, WALK_SKIP_CHROME);

  extraction = g_new0 (BdExtraction, 1);
  extraction->media_type = BD_MEDIA_TYPE_HTML;
  extraction->title = page_title (&page, content, file_name);
  extraction->source_url = page_source_url (&page, utf8);

  /* the byline sits under the title */
  if (extraction->title != NULL)
    byline = strstr (all_text, extraction->title);

  extraction->date = page_date (&page, byline, all_text, extraction->source_url);
  extraction->outlet = page_outlet (&page, byline, all_text, extraction->source_url);
  extraction->text = g_steal_pointer (&text);

  return extraction;

empty:
  g_set_error (error, BD_ERROR, BD_ERROR_EMPTY, _("%s contains no text"), file_name);
  return NULL;
}

BdExtraction *
bd_extract_html (GBytes        *bytes,
                 const char    *file_name,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const char *data;
  gsize len;
  g_autofree char *decoded = NULL;
  g_autofree char *utf8 = NULL;
  gsize decoded_len;
  gsize utf8_len;
  xmlDoc *doc;
  BdExtraction *extraction;

  data = g_bytes_get_data (bytes, &len);

  /* NUL bytes are not text; UTF-16 needs them until it is decoded */
  if (len >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    decoded = decode_page (data, len, &decoded_len);
  else
    {
      g_autofree char *clean = strip_nul_bytes (data, len, &len);

      decoded = decode_page (clean, len, &decoded_len);
    }
  utf8 = strip_nul_bytes (decoded, decoded_len, &utf8_len);

  doc = parse_html (utf8, utf8_len);
  if (doc == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
                   _("%s is a damaged web page that cannot be read"), file_name);
      return NULL;
    }

  extraction = extract_page (doc, utf8, file_name, cancellable, error);
  xmlFreeDoc (doc);

  return extraction;
}
