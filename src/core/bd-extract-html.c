/* bd-extract-html.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
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

/* Returns the page as UTF-8: @data itself when it already is, or a converted copy, which
 * @owned then holds. */
static const char *
decode_page (const char  *data,
             gsize        len,
             char       **owned,
             gsize       *out_len)
{
  g_autofree char *declared = NULL;

  *owned = NULL;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      *out_len = len - 3;
      if (g_utf8_validate_len (data + 3, len - 3, NULL))
        return data + 3;

      *owned = g_utf8_make_valid (data + 3, len - 3);
      *out_len = strlen (*owned);
      return *owned;
    }

  if (len >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      const char *charset = data[0] == '\xff' ? "UTF-16LE" : "UTF-16BE";

      *owned = g_convert_with_fallback (data + 2, len - 2, "UTF-8", charset, "\xef\xbf\xbd",
                                        NULL, out_len, NULL);
      if (*owned != NULL)
        return *owned;
    }

  *out_len = len;
  declared = declared_charset (data, len);
  if (declared != NULL)
    {
      const char *charset = canonical_charset (declared);

      if (g_str_equal (charset, "UTF-8"))
        {
          if (g_utf8_validate_len (data, len, NULL))
            return data;
        }
      /* Pages re-saved as UTF-8 often keep their old declaration: valid UTF-8 with Chinese
       * in it is never GBK by accident. */
      else if (has_non_ascii (data, len) && g_utf8_validate_len (data, len, NULL))
        return data;
      else if (!is_western_single_byte (charset) || !has_non_ascii (data, len))
        {
          if ((*owned = convert_strictly (data, len, charset, out_len)) != NULL)
            return *owned;
        }
    }

  *out_len = len;
  if (g_utf8_validate_len (data, len, NULL))
    return data;

  *owned = detect_and_convert (data, len, out_len);
  return *owned;
}

/* Parsing. */

/* libxml2's tree builder stops a parse that nests deeper than this (its xmlParserMaxDepth);
 * what came before stays, and so it does here. */
#define MAX_DEPTH 256

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

/* What an element is: libxml2 hands over a start tag's name and attributes, and its tree
 * builder would have kept them in a node. */

typedef struct
{
  const char     *name;
  const xmlChar **attributes;
} Element;

static void
element_init (Element        *element,
              const xmlChar  *name,
              const xmlChar **attributes)
{
  const char *colon = strchr ((const char *) name, ':');

  /* the tree builder keeps only the local part of a prefixed name: Word's <o:p> is a <p> */
  element->name = (const char *) name;
  if (colon != NULL && colon != element->name && colon[1] != '\0')
    element->name = colon + 1;
  element->attributes = attributes;
}

static gboolean
has_name (const Element *element,
          const char    *name)
{
  return g_ascii_strcasecmp (element->name, name) == 0;
}

static gboolean
has_name_in (const Element     *element,
             const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (has_name (element, names[i]))
      return TRUE;

  return FALSE;
}

/* The first attribute of that name, "" for one without a value, as xmlGetProp() reads it. */
static const char *
get_attribute (const Element *element,
               const char    *name)
{
  if (element->attributes == NULL)
    return NULL;

  for (guint i = 0; element->attributes[i] != NULL; i += 2)
    if (strcmp ((const char *) element->attributes[i], name) == 0)
      return element->attributes[i + 1] != NULL ? (const char *) element->attributes[i + 1] : "";

  return NULL;
}

static gboolean
attribute_mentions (const Element     *element,
                    const char        *attribute,
                    const char *const *words)
{
  const char *value = get_attribute (element, attribute);
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
id_or_class_mentions (const Element     *element,
                      const char *const *words)
{
  return attribute_mentions (element, "id", words) ||
         attribute_mentions (element, "class", words);
}

static gboolean
is_hidden (const Element *element)
{
  const char *style;
  g_autoptr(GString) squeezed = NULL;

  if (get_attribute (element, "hidden") != NULL)
    return TRUE;

  style = get_attribute (element, "style");
  if (style == NULL)
    return FALSE;

  squeezed = g_string_new (NULL);
  for (const char *p = style; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed, g_ascii_tolower (*p));

  return strstr (squeezed->str, "display:none") != NULL;
}

static gboolean
is_skipped (const Element *element,
            gboolean       inside_article,
            WalkFlags      flags)
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

  if (has_name_in (element, never_text) || is_hidden (element))
    return TRUE;

  if ((flags & WALK_SKIP_CHROME) == 0 || has_name_in (element, content))
    return FALSE;

  return has_name_in (element, chrome) ||
         (has_name_in (element, page_chrome) && !inside_article) ||
         id_or_class_mentions (element, chrome_words);
}

static gboolean
is_block (const Element *element)
{
  static const char *const blocks[] = {
    "address", "article", "blockquote", "br", "center", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "table", "tbody", "td", "th", "tr", "ul", "body", "caption", NULL,
  };

  return has_name_in (element, blocks);
}

static gboolean
is_content_candidate (const Element *element)
{
  static const char *const content_words[] = {
    "content", "article", "trs_editor", "main", "detail", "zoom", NULL,
  };
  static const char *const content_elements[] = { "article", "main", NULL };
  static const char *const not_containers[] = { "html", "body", "head", "meta", "link", NULL };

  return !has_name_in (element, not_containers) &&
         (has_name_in (element, content_elements) ||
          id_or_class_mentions (element, content_words));
}

/* The text of an element is tidied as it streams past. Elements nest, so the text of one
 * inside another is a stretch of the outer one's: a stream is started only for an element
 * whose text no open stream is taking (say, inside a hidden element), and the rest are slices
 * of it. Only the innermost open stream of a set can be taking text. */

typedef struct
{
  GString *text;
  BdTidy   tidy;
  guint    depth;       /* of the element it is the text of */
  guint    skip_depth;  /* of the open element that hides text from it, or 0 */
} Stream;

static void
stream_free (Stream *stream)
{
  if (stream->text != NULL)
    g_string_free (stream->text, TRUE);
  g_free (stream);
}

typedef struct
{
  Stream *stream;  /* NULL for an element without text of its own */
  gsize   start;
  gsize   end;
  gsize   start_chars;
  gsize   end_chars;
} Slice;

typedef struct
{
  GPtrArray *open;    /* Stream *, outermost first */
  GPtrArray *closed;  /* Stream *, kept for their slices */
  gboolean   keep;    /* whether a closed stream is kept */
} StreamSet;

static void
stream_set_init (StreamSet *set,
                 gboolean   keep)
{
  set->open = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_free);
  set->closed = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_free);
  set->keep = keep;
}

static void
stream_set_clear (StreamSet *set)
{
  g_clear_pointer (&set->open, g_ptr_array_unref);
  g_clear_pointer (&set->closed, g_ptr_array_unref);
}

static Stream *
stream_set_taking (StreamSet *set)
{
  Stream *top;

  if (set->open == NULL || set->open->len == 0)
    return NULL;

  top = g_ptr_array_index (set->open, set->open->len - 1);
  return top->skip_depth == 0 ? top : NULL;
}

static void
stream_append (Stream     *stream,
               const char *text,
               gsize       len)
{
  bd_extract_tidy_append (&stream->tidy, text, len);
}

static void
stream_set_text (StreamSet  *set,
                 const char *text,
                 gsize       len)
{
  Stream *stream = stream_set_taking (set);
  const char *end = text + len;

  if (stream == NULL)
    return;

  /* a newline in the source is only white space, and none at all between two Chinese
   * characters */
  for (const char *p = text; p < end;)
    {
      const char *newline = memchr (p, '\n', end - p);

      if (newline == NULL)
        {
          stream_append (stream, p, end - p);
          break;
        }
      stream_append (stream, p, newline - p);
      stream_append (stream, (const char[]) { BD_SOFT_BREAK }, 1);
      p = newline + 1;
    }
}

static void
stream_set_enter (StreamSet *set,
                  guint      depth,
                  gboolean   skipped,
                  gboolean   block)
{
  Stream *stream = stream_set_taking (set);

  if (stream == NULL)
    return;

  if (skipped)
    stream->skip_depth = depth;
  else if (block)
    stream_append (stream, "\n", 1);
}

/* Starts @slice at an element that stream_set_enter() has just seen, and not skipped. */
static void
stream_set_start (StreamSet *set,
                  guint      depth,
                  Slice     *slice)
{
  Stream *stream = stream_set_taking (set);

  slice->stream = NULL;
  if (set->open == NULL)
    return;

  if (stream == NULL)
    {
      stream = g_new0 (Stream, 1);
      stream->text = g_string_new (NULL);
      bd_extract_tidy_init (&stream->tidy, stream->text);
      stream->depth = depth;
      g_ptr_array_add (set->open, stream);
    }

  slice->stream = stream;
  slice->start = slice->end = stream->text->len;
  slice->start_chars = slice->end_chars = stream->tidy.n_chars;
}

static void
stream_set_leave (StreamSet *set,
                  guint      depth,
                  gboolean   block)
{
  Stream *stream;

  if (set->open == NULL || set->open->len == 0)
    return;

  stream = g_ptr_array_index (set->open, set->open->len - 1);
  /* a skipped block still ends a paragraph */
  if (stream->skip_depth == depth)
    stream->skip_depth = 0;
  if (stream->skip_depth == 0 && block)
    stream_append (stream, "\n", 1);
}

/* Ends @slice, whose element stream_set_leave() has just seen. */
static void
slice_end (Slice *slice)
{
  if (slice->stream == NULL)
    return;

  slice->end = slice->stream->text->len;
  slice->end_chars = slice->stream->tidy.n_chars;
}

/* Closes the stream of the element stream_set_leave() has just seen, if it had one. */
static void
stream_set_close (StreamSet *set,
                  guint      depth)
{
  Stream *stream;

  if (set->open == NULL || set->open->len == 0)
    return;

  stream = g_ptr_array_index (set->open, set->open->len - 1);
  if (stream->depth != depth)
    return;

  stream = g_ptr_array_steal_index (set->open, set->open->len - 1);
  if (set->keep)
    g_ptr_array_add (set->closed, stream);
  else
    stream_free (stream);
}

/* The slice's own text, without the separator from the text before it. */
static const char *
slice_text (const Slice *slice,
            gsize       *len,
            gsize       *n_chars)
{
  const char *text;

  *len = 0;
  *n_chars = 0;
  if (slice->stream == NULL || slice->end == slice->start)
    return "";

  text = slice->stream->text->str + slice->start;
  *len = slice->end - slice->start;
  *n_chars = slice->end_chars - slice->start_chars;
  if (*text == '\n' || *text == ' ')
    {
      text++;
      (*len)--;
      (*n_chars)--;
    }

  return text;
}

static char *
slice_dup (const Slice *slice)
{
  gsize len;
  gsize n_chars;
  const char *text = slice_text (slice, &len, &n_chars);

  return g_strndup (text, len);
}

static gsize
slice_chars (const Slice *slice)
{
  gsize len;
  gsize n_chars;

  slice_text (slice, &len, &n_chars);
  return n_chars;
}

/* What the head says and where the content is. */

typedef struct
{
  char  *text;
  guint  n;     /* the how-manieth <h1> of the page */
  guint  refs;  /* the parts of the page it is the first heading of */
} Heading;

/* A heading can become the title as the first one of the page, of the body or of a content
 * candidate. */
enum
{
  HEADING_OF_PAGE,
  HEADING_OF_BODY,
  HEADING_OF_CANDIDATE,
  N_HEADING_OF = HEADING_OF_CANDIDATE + MAX_CANDIDATES,
};

static void
heading_unref (Heading *heading)
{
  if (heading == NULL || --heading->refs > 0)
    return;

  g_free (heading->text);
  g_free (heading);
}

typedef struct
{
  gboolean block;
  gboolean article;
  Slice   *slice;        /* body, root or candidate text that ends with the element */
  gint     candidate;    /* or -1 */
  gboolean heading;      /* its slice is in heading_slice */
  guint    heading_n;
  Slice    heading_slice;
} Open;

typedef struct
{
  htmlParserCtxtPtr ctxt;
  GArray     *open;            /* Open, the elements around the parser's place */
  guint       n_articles;      /* open <article> and <main> elements */
  guint       hidden_depth;    /* of the element the page walk does not look into, or 0 */
  gboolean    done;            /* the rest is not in the root's tree, or the tree hit its depth
                                * limit */
  gboolean    before_root;     /* a doctype, comment or processing instruction came first */
  gboolean    has_doctype;
  gboolean    root_ended;      /* as far as libxml2 knows; its tree can still grow, see below */
  guint       reopened;        /* 1 once the root has taken the elements after its end */

  StreamSet   text;            /* without chrome: the body, the root and the candidates */
  StreamSet   plain;           /* with chrome: the body, until the text without it starts */
  StreamSet   headings_text;   /* with chrome: the <h1> elements */

  GHashTable *meta;            /* lower-case name, property or itemprop → content */
  char       *canonical;
  GString    *title_text;      /* of the first <title>, while it is read */
  guint       title_depth;
  char       *title;
  GString    *head;            /* the page's first bytes */

  gboolean    has_root;
  Slice       root;
  gboolean    has_body;
  guint       body_depth;      /* while the body is open */
  Slice       body;
  Slice       plain_body;      /* of the body, or of the root without one */
  Slice       candidates[MAX_CANDIDATES];
  guint       n_candidates;
  guint32     open_candidates;
  guint       n_headings;
  Heading    *first_headings[N_HEADING_OF];
} Page;

static void
page_init (Page *page)
{
  page->open = g_array_new (FALSE, TRUE, sizeof (Open));
  stream_set_init (&page->text, TRUE);
  stream_set_init (&page->plain, TRUE);
  stream_set_init (&page->headings_text, FALSE);
  page->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  page->head = g_string_new (NULL);
}

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->open, g_array_unref);
  stream_set_clear (&page->text);
  stream_set_clear (&page->plain);
  stream_set_clear (&page->headings_text);
  g_clear_pointer (&page->meta, g_hash_table_unref);
  g_clear_pointer (&page->canonical, g_free);
  if (page->title_text != NULL)
    g_string_free (g_steal_pointer (&page->title_text), TRUE);
  g_clear_pointer (&page->title, g_free);
  if (page->head != NULL)
    g_string_free (g_steal_pointer (&page->head), TRUE);
  for (guint i = 0; i < N_HEADING_OF; i++)
    g_clear_pointer (&page->first_headings[i], heading_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

static void
add_meta (Page          *page,
          const Element *element)
{
  static const char *const keys[] = { "name", "property", "itemprop", "http-equiv" };
  const char *content = get_attribute (element, "content");

  if (content == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *key = get_attribute (element, keys[i]);
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

/* What the page walk over libxml2's tree found in each element it looked at. */
static void
look_at (Page          *page,
         const Element *element,
         guint          depth)
{
  if (has_name (element, "meta"))
    add_meta (page, element);
  else if (has_name (element, "link") && page->canonical == NULL &&
           attribute_mentions (element, "rel", (const char *const[]) { "canonical", NULL }))
    page->canonical = g_strdup (get_attribute (element, "href"));
  else if (has_name (element, "title") && page->title == NULL && page->title_text == NULL)
    {
      page->title_text = g_string_new (NULL);
      page->title_depth = depth;
    }
  else if (has_name (element, "time") && !g_hash_table_contains (page->meta, "time"))
    {
      const char *datetime = get_attribute (element, "datetime");

      if (datetime != NULL)
        g_hash_table_insert (page->meta, g_strdup ("time"), g_strdup (datetime));
    }
}

static void
start_element (void           *user_data,
               const xmlChar  *name,
               const xmlChar **attributes)
{
  Page *page = user_data;
  Element element;
  Open open = { .candidate = -1 };
  guint depth;
  gboolean starts_body = FALSE;
  gboolean chrome_skipped;
  gboolean skipped;

  if (page->done)
    return;

  /* The tree builder adds an element after the root's end to what is first in the document:
   * into the root itself when that is first, and beside a doctype, a comment or a processing
   * instruction that came before, where the page walk did not go. */
  if (page->root_ended)
    {
      if (page->before_root || page->has_doctype)
        {
          page->done = TRUE;
          return;
        }
      page->root_ended = FALSE;
      page->reopened = 1;
    }

  if (page->open->len - page->reopened > MAX_DEPTH)
    {
      page->done = TRUE;
      xmlStopParser (page->ctxt);
      return;
    }

  element_init (&element, name, attributes);
  depth = page->open->len + 1;
  open.block = is_block (&element);
  chrome_skipped = is_skipped (&element, page->n_articles > 0, WALK_SKIP_CHROME);
  skipped = is_skipped (&element, page->n_articles > 0, 0);

  if (page->hidden_depth == 0)
    {
      look_at (page, &element, depth);
      if (has_name (&element, "body") && !page->has_body)
        page->has_body = starts_body = TRUE;
    }

  /* the text of the body starts afresh */
  if (starts_body)
    {
      stream_set_clear (&page->plain);
      stream_set_init (&page->plain, TRUE);
      page->plain_body.stream = NULL;
      page->body_depth = depth;
    }

  stream_set_enter (&page->text, depth, chrome_skipped, open.block);
  stream_set_enter (&page->plain, depth, skipped, open.block);
  stream_set_enter (&page->headings_text, depth, skipped, open.block);

  if (depth == 1)
    {
      page->has_root = TRUE;
      if (!chrome_skipped)
        stream_set_start (&page->text, depth, &page->root);
      if (!skipped)
        stream_set_start (&page->plain, depth, &page->plain_body);
      open.slice = &page->root;
    }

  if (starts_body)
    {
      if (!chrome_skipped)
        stream_set_start (&page->text, depth, &page->body);
      if (!skipped)
        stream_set_start (&page->plain, depth, &page->plain_body);
      open.slice = &page->body;
    }

  if (page->hidden_depth == 0)
    {
      /* the text outside the chrome holds the content and the title */
      if (page->has_body && chrome_skipped && !has_name (&element, "head"))
        page->hidden_depth = depth;
      else if (has_name (&element, "h1"))
        {
          open.heading = !skipped;
          open.heading_n = page->n_headings++;
          if (open.heading)
            stream_set_start (&page->headings_text, depth, &open.heading_slice);
        }
      else if (page->n_candidates < MAX_CANDIDATES && is_content_candidate (&element))
        {
          open.candidate = page->n_candidates++;
          open.slice = &page->candidates[open.candidate];
          if (!chrome_skipped)
            stream_set_start (&page->text, depth, open.slice);
          page->open_candidates |= 1u << open.candidate;
        }
    }

  open.article = has_name (&element, "article") || has_name (&element, "main");
  if (open.article)
    page->n_articles++;

  g_array_append_val (page->open, open);
}

static void
offer_heading (Page     *page,
               guint     of,
               Heading  *heading)
{
  Heading **first = &page->first_headings[of];

  /* headings inside headings end first */
  if (*first != NULL && (*first)->n < heading->n)
    return;

  heading_unref (*first);
  *first = heading;
  heading->refs++;
}

/* Keeps a heading's text while it is the first of some part of the page. */
static void
end_heading (Page  *page,
             Open  *open)
{
  g_autofree char *text = slice_dup (&open->heading_slice);
  Heading *heading;

  g_strdelimit (text, "\n", ' ');
  if (g_utf8_strlen (text, -1) < 2)
    return;

  heading = g_new0 (Heading, 1);
  heading->text = g_steal_pointer (&text);
  heading->n = open->heading_n;
  /* held for the offers */
  heading->refs = 1;

  offer_heading (page, HEADING_OF_PAGE, heading);
  if (page->body_depth != 0)
    offer_heading (page, HEADING_OF_BODY, heading);
  for (guint i = 0; i < page->n_candidates; i++)
    if ((page->open_candidates & (1u << i)) != 0)
      offer_heading (page, HEADING_OF_CANDIDATE + i, heading);

  heading_unref (heading);
}

/* The element around the parser's place has ended, or the parse has. */
static void
leave_element (Page *page)
{
  guint depth = page->open->len;
  Open *open = &g_array_index (page->open, Open, depth - 1);

  stream_set_leave (&page->text, depth, open->block);
  stream_set_leave (&page->plain, depth, open->block);
  stream_set_leave (&page->headings_text, depth, open->block);

  if (open->slice != NULL)
    slice_end (open->slice);
  if (depth == (page->has_body ? page->body_depth : 1))
    slice_end (&page->plain_body);
  if (open->heading)
    {
      slice_end (&open->heading_slice);
      end_heading (page, open);
    }

  stream_set_close (&page->text, depth);
  stream_set_close (&page->plain, depth);
  stream_set_close (&page->headings_text, depth);

  if (open->candidate >= 0)
    page->open_candidates &= ~(1u << open->candidate);
  if (open->article)
    page->n_articles--;
  if (depth == page->body_depth)
    page->body_depth = 0;
  if (depth == page->hidden_depth)
    page->hidden_depth = 0;
  if (depth == page->title_depth)
    {
      page->title = bd_extract_tidy_text (page->title_text->str);
      g_strdelimit (page->title, "\n", ' ');
      g_string_free (g_steal_pointer (&page->title_text), TRUE);
      page->title_depth = 0;
    }

  g_array_set_size (page->open, depth - 1);
}

static void
end_element (void          *user_data,
             const xmlChar *name)
{
  Page *page = user_data;

  if (page->done || page->root_ended || page->open->len == 0)
    return;

  if (page->open->len == 1)
    page->root_ended = TRUE;
  else
    {
      leave_element (page);
      page->root_ended = page->open->len == 1 && page->reopened;
    }
}

static void
characters (void          *user_data,
            const xmlChar *chars,
            int            len)
{
  Page *page = user_data;

  /* the tree builder has no element to put text outside the root into */
  if (page->done || page->root_ended || page->open->len == 0)
    return;

  stream_set_text (&page->text, (const char *) chars, len);
  stream_set_text (&page->headings_text, (const char *) chars, len);
  if (page->title_text != NULL)
    g_string_append_len (page->title_text, (const char *) chars, len);

  /* a page whose whole body looks like chrome keeps its text anyway: once the body has text
   * without the chrome, that text is not needed */
  if (page->plain.open != NULL && page->body_depth != 0 && page->body.stream != NULL &&
      page->body.stream->text->len > page->body.start)
    {
      stream_set_clear (&page->plain);
      page->plain_body.stream = NULL;
    }
  else
    stream_set_text (&page->plain, (const char *) chars, len);
}

typedef struct
{
  const char   *text;
  gsize         len;
  gsize         offset;
  GString      *head;
  GCancellable *cancellable;
} Reader;

/* Hands libxml2 the page a piece at a time, without its NUL bytes. */
static int
read_page (void *user_data,
           char *buffer,
           int   len)
{
  Reader *reader = user_data;
  int n = 0;

  /* a cancelled parse reads as if the page ended there */
  if (g_cancellable_is_cancelled (reader->cancellable))
    return 0;

  while (n < len && reader->offset < reader->len)
    {
      char c = reader->text[reader->offset++];

      if (c != '\0')
        buffer[n++] = c;
    }

  if (reader->head->len < HEAD_BYTES)
    g_string_append_len (reader->head, buffer, MIN ((gsize) n, HEAD_BYTES - reader->head->len));

  return n;
}

static void
doctype (void          *user_data,
         const xmlChar *name,
         const xmlChar *external_id,
         const xmlChar *system_id)
{
  Page *page = user_data;

  page->has_doctype = TRUE;
  if (page->open->len == 0)
    page->before_root = TRUE;
}

static void
comment (void          *user_data,
         const xmlChar *value)
{
  Page *page = user_data;

  if (page->open->len == 0)
    page->before_root = TRUE;
}

static void
processing_instruction (void          *user_data,
                        const xmlChar *target,
                        const xmlChar *data)
{
  comment (user_data, data);
}

static gboolean
parse_page (Page          *page,
            const char    *text,
            gsize          len,
            GCancellable  *cancellable,
            GError       **error)
{
  static GOnce init_once = G_ONCE_INIT;
  htmlParserCtxtPtr ctxt;
  xmlStructuredErrorFunc old_handler;
  void *old_context;
  Reader reader = { text, len, 0, page->head, cancellable };

  g_once (&init_once, init_libxml, NULL);

  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("Out of memory for an HTML parser");

  /* no tree: libxml2 tells what it reads, and only what the extraction needs is kept */
  memset (ctxt->sax, 0, sizeof (htmlSAXHandler));
  ctxt->sax->startElement = start_element;
  ctxt->sax->endElement = end_element;
  ctxt->sax->characters = characters;
  ctxt->sax->cdataBlock = characters;
  ctxt->sax->internalSubset = doctype;
  ctxt->sax->comment = comment;
  ctxt->sax->processingInstruction = processing_instruction;
  ctxt->userData = page;
  page->ctxt = ctxt;

  /* the handler is per thread, so parses on other workers keep theirs */
  old_handler = xmlStructuredError;
  old_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc (NULL, ignore_error);

  /* the page is UTF-8 by now, whatever its <meta> still says */
  htmlCtxtReadIO (ctxt, read_page, NULL, &reader, NULL, "UTF-8",
                  HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                  HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);

  xmlSetStructuredErrorFunc (old_context, old_handler);
  page->ctxt = NULL;
  htmlFreeParserCtxt (ctxt);

  /* what is still open ends with the page, as in the tree libxml2 would have built */
  while (page->open->len > 0)
    leave_element (page);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
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

/* The smallest container that still holds most of the page's text is the article: bigger
 * ones add sidebars, smaller ones lose paragraphs. */
static Slice *
find_content (Page  *page,
              Slice *all,
              gsize  total)
{
  Slice *best = all;
  gsize best_len = total;

  for (guint i = 0; i < page->n_candidates; i++)
    {
      gsize len = slice_chars (&page->candidates[i]);

      if (len * 2 >= total && len < best_len)
        {
          best = &page->candidates[i];
          best_len = len;
        }
    }

  return best;
}

static char *
heading_text (Page        *page,
              const Slice *content)
{
  const Heading *heading;
  guint of;

  if (content == &page->root || (content == &page->plain_body && !page->has_body))
    of = HEADING_OF_PAGE;
  else if (content == &page->body || content == &page->plain_body)
    of = HEADING_OF_BODY;
  else
    of = HEADING_OF_CANDIDATE + (content - page->candidates);

  /* the article's own heading first: a page's first <h1> is often the site's logo */
  heading = page->first_headings[of];
  if (heading == NULL)
    heading = page->first_headings[HEADING_OF_PAGE];

  return heading != NULL ? g_strdup (heading->text) : NULL;
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
page_title (Page        *page,
            const Slice *content,
            const char  *file_name)
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
saved_from_url (const char *head)
{
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
page_source_url (Page *page)
{
  static const char *const og_url[] = { "og:url", NULL };
  g_autofree char *saved = saved_from_url (page->head->str);
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

/* The slice's text as a string: its stream's own when that is all of it. */
static const char *
slice_string (const Slice  *slice,
              char        **owned)
{
  *owned = NULL;
  if (slice->stream != NULL && slice->start == 0 && slice->end == slice->stream->text->len)
    return slice->stream->text->str;

  return *owned = slice_dup (slice);
}

/* The slice's text, in its stream's memory: a page's text can be as big as the page. The
 * stream and its other slices are gone afterwards. */
static char *
slice_steal (Slice *slice)
{
  gsize len;
  gsize n_chars;
  const char *text = slice_text (slice, &len, &n_chars);
  GString *string;

  if (slice->stream == NULL)
    return g_strdup ("");

  string = g_steal_pointer (&slice->stream->text);
  memmove (string->str, text, len);
  g_string_truncate (string, len);

  return g_realloc (g_string_free (string, FALSE), len + 1);
}

static BdExtraction *
extract_page (Page          *page,
              const char    *file_name,
              GError       **error)
{
  Slice *all;
  Slice *content;
  g_autofree char *all_owned = NULL;
  const char *all_text;
  gsize all_len;
  gsize all_chars;
  const char *byline = NULL;
  BdExtraction *extraction;

  if (!page->has_root)
    goto empty;

  all = page->has_body ? &page->body : &page->root;
  slice_text (all, &all_len, &all_chars);
  if (all_len == 0)
    {
      /* a page whose whole body looked like chrome: better too much text than none */
      all = &page->plain_body;
      slice_text (all, &all_len, &all_chars);
    }
  if (all_len == 0)
    goto empty;
  all_text = slice_string (all, &all_owned);

  content = find_content (page, all, all_chars);

  extraction = g_new0 (BdExtraction, 1);
  extraction->media_type = BD_MEDIA_TYPE_HTML;
  extraction->title = page_title (page, content, file_name);
  extraction->source_url = page_source_url (page);

  /* the byline sits under the title */
  if (extraction->title != NULL)
    byline = strstr (all_text, extraction->title);

  extraction->date = page_date (page, byline, all_text, extraction->source_url);
  extraction->outlet = page_outlet (page, byline, all_text, extraction->source_url);
  /* last: it may take the memory all_text is in */
  extraction->text = slice_steal (content);

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
  g_autofree char *clean = NULL;
  g_autofree char *decoded = NULL;
  const char *text;
  gsize text_len;
  gboolean blank = TRUE;
  g_auto(Page) page = { 0 };

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";

  /* NUL bytes are not text; UTF-16 needs them until it is decoded. The page is copied only
   * when it has to be changed. */
  if (!(len >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0)) &&
      memchr (data, '\0', len) != NULL)
    data = clean = strip_nul_bytes (data, len, &len);
  text = decode_page (data, len, &decoded, &text_len);

  /* UTF-16 can still have NUL bytes, which are not parsed */
  for (gsize i = 0; i < text_len && blank; i++)
    blank = text[i] == '\0';
  if (blank)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_DAMAGED,
                   _("%s is a damaged web page that cannot be read"), file_name);
      return NULL;
    }

  page_init (&page);
  if (!parse_page (&page, text, text_len, cancellable, error))
    return NULL;

  return extract_page (&page, file_name, error);
}
