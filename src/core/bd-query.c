/* bd-query.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bd-date.h"
#include "bd-error.h"
#include "bd-query.h"
#include "bd-tokenizer.h"

/* Parentheses nested deeper than this are ignored: the query stays bounded for the parser's stack
 * and for FTS5's expression depth limit. */
#define MAX_DEPTH 16

/* Open ends of a date range, so that the SQL built from them never compares with NULL. */
#define EARLIEST_DAY "0001-01-01"
#define LATEST_DAY   "9999-12-31"

#define ALL_LEVELS ((1u << BD_N_LEVELS) - 1)

static const char * const no_strings[] = { NULL };

struct _BdQuery
{
  GObject parent_instance;

  char *text;
  char *match;
  char *exclude_match;
  guint levels;
  GPtrArray *outlets;
  GPtrArray *tags;
  char *first_day;
  char *last_day;
};

G_DEFINE_FINAL_TYPE (BdQuery, bd_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef enum
{
  ITEM_TERM,
  ITEM_OPEN,
  ITEM_CLOSE,
  ITEM_OR,
  ITEM_NOT,
  ITEM_FILTER,
} ItemKind;

typedef enum
{
  FIELD_LEVEL,
  FIELD_OUTLET,
  FIELD_TAG,
  FIELD_DATE,
} Field;

typedef struct
{
  ItemKind kind;
  char *text;      /* a term's text or a filter's value */
  char *source;    /* a filter as typed, for error messages */
  gboolean prefix;
  Field field;
} Item;

/* Field names after bd_fold_text(), so LEVEL:, 級別： and ｌｅｖｅｌ: are all understood. */
static const struct {
  const char *name;
  Field field;
} field_names[] = {
  { "level", FIELD_LEVEL },
  { "级别", FIELD_LEVEL },
  { "outlet", FIELD_OUTLET },
  { "source", FIELD_OUTLET },
  { "媒体", FIELD_OUTLET },
  { "来源", FIELD_OUTLET },
  { "tag", FIELD_TAG },
  { "标签", FIELD_TAG },
  { "date", FIELD_DATE },
  { "日期", FIELD_DATE },
};

/* Opening quotes and the quotes that may close them: people mix ASCII and Chinese quotes. */
static const struct {
  gunichar open;
  gunichar close[3];
} quotes[] = {
  { '"', { '"', 0x201D, 0xFF02 } },     /* "…" */
  { 0x201C, { 0x201D, '"', 0 } },       /* “…” */
  { 0xFF02, { 0xFF02, '"', 0 } },       /* ＂…＂ */
  { 0x300C, { 0x300D, 0, 0 } },         /* 「…」 */
  { 0x300E, { 0x300F, 0, 0 } },         /* 『…』 */
};

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->text);
  g_free (item->source);
  g_free (item);
}

static Item *
item_new (ItemKind  kind,
          char     *text)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->text = text;
  return item;
}

static int
find_quote (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      if (quotes[i].open == c)
        return i;
    }

  return -1;
}

static gboolean
closes_quote (int      quote,
              gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (quotes[quote].close); i++)
    {
      if (quotes[quote].close[i] != 0 && quotes[quote].close[i] == c)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

static gboolean
is_open (gunichar c)
{
  return c == '(' || c == 0xFF08;
}

static gboolean
is_close (gunichar c)
{
  return c == ')' || c == 0xFF09;
}

static gboolean
is_bar (gunichar c)
{
  return c == '|' || c == 0xFF5C;
}

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0xFF0D;
}

static gboolean
is_star (gunichar c)
{
  return c == '*' || c == 0xFF0A;
}

static gboolean
is_delimiter (gunichar c)
{
  return c == 0 || is_space (c) || is_open (c) || is_close (c) || is_bar (c) || find_quote (c) >= 0;
}

typedef struct
{
  guint n_tokens;
  BdTokenKind last_kind;
  gsize last_end;
} TokenCount;

static gboolean
count_token_cb (const char  *token,
                gsize        token_len,
                gsize        start,
                gsize        end,
                BdTokenKind  kind,
                gpointer     user_data)
{
  TokenCount *count = user_data;

  count->n_tokens++;
  count->last_kind = kind;
  count->last_end = end;
  return TRUE;
}

/* A trailing * makes a prefix search only right after letters or digits: the last token of a
 * Chinese term is one character, which a prefix cannot extend. */
static gboolean
accepts_prefix (const char *text)
{
  TokenCount count = { 0, };

  bd_tokenize (text, -1, BD_TOKENIZE_QUERY, count_token_cb, &count);

  return count.n_tokens > 0 &&
         (count.last_kind == BD_TOKEN_WORD || count.last_kind == BD_TOKEN_NUMBER) &&
         count.last_end == strlen (text);
}

static gboolean
has_tokens (const char *text)
{
  TokenCount count = { 0, };

  bd_tokenize (text, -1, BD_TOKENIZE_QUERY, count_token_cb, &count);
  return count.n_tokens > 0;
}

/* Reads a quoted phrase starting at the opening quote @p; stops at the end of the text when the
 * quote is never closed. */
static const char *
read_phrase (const char  *p,
             char       **content)
{
  int quote = find_quote (g_utf8_get_char (p));
  const char *start = g_utf8_next_char (p);
  const char *end = start;

  g_assert (quote >= 0);

  while (*end != '\0' && !closes_quote (quote, g_utf8_get_char (end)))
    end = g_utf8_next_char (end);

  *content = g_strndup (start, end - start);

  return *end != '\0' ? g_utf8_next_char (end) : end;
}

static const char *
skip_stars (const char *p,
            gboolean   *found)
{
  *found = FALSE;
  while (is_star (g_utf8_get_char (p)))
    {
      *found = TRUE;
      p = g_utf8_next_char (p);
    }

  return p;
}

static gboolean
lookup_field (const char *name,
              gsize       len,
              Field      *field)
{
  g_autofree char *folded = bd_fold_text (name, len);

  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    {
      if (g_str_equal (folded, field_names[i].name))
        {
          *field = field_names[i].field;
          return TRUE;
        }
    }

  return FALSE;
}

/* 2023Q3 alone, without date:, is clearly a period and never worth a text search. */
static gboolean
is_bare_quarter (const char *word)
{
  g_autofree char *folded = bd_fold_text (word, -1);
  const char *p = folded;

  for (guint i = 0; i < 4; i++, p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  if (*p == '-')
    p++;

  return p[0] == 'q' && p[1] >= '1' && p[1] <= '4' && p[2] == '\0';
}

static const char *
find_colon (const char *text)
{
  const char *ascii = strchr (text, ':');
  const char *full_width = strstr (text, "：");

  if (ascii == NULL || (full_width != NULL && full_width < ascii))
    return full_width;

  return ascii;
}

static Item *
filter_item (Field       field,
             char       *value,
             const char *source,
             gsize       source_len)
{
  Item *item = item_new (ITEM_FILTER, g_strstrip (value));

  item->field = field;
  item->source = g_strndup (source, source_len);
  return item;
}

/* Turns a word (anything up to a space, a quote, a parenthesis or a bar) into an item, reading
 * a quoted filter value after it when there is one. Returns NULL when the word stands for
 * nothing (AND, an empty filter). */
static Item *
word_item (const char  *word,
           gsize        len,
           const char **p)
{
  g_autofree char *text = g_strndup (word, len);
  const char *colon;
  gboolean star;
  Field field;
  Item *item;

  if (g_str_equal (text, "OR") || g_str_equal (text, "或"))
    return item_new (ITEM_OR, NULL);
  if (g_str_equal (text, "NOT"))
    return item_new (ITEM_NOT, NULL);
  if (g_str_equal (text, "AND"))
    return NULL;

  colon = find_colon (text);

  if (colon != NULL && lookup_field (text, colon - text, &field))
    {
      const char *value = g_utf8_next_char (colon);
      char *content;

      if (*value == '\0' && find_quote (g_utf8_get_char (*p)) >= 0)
        {
          *p = read_phrase (*p, &content);
          item = filter_item (field, content, word, *p - word);
        }
      else
        item = filter_item (field, g_strdup (value), word, len);

      if (item->text[0] == '\0')
        {
          item_free (item);
          return NULL;
        }

      return item;
    }

  if (is_bare_quarter (text))
    return filter_item (FIELD_DATE, g_strdup (text), word, len);

  /* Trailing stars: a prefix marker after letters or digits, noise anywhere else. */
  for (len = strlen (text); len > 0;)
    {
      const char *last = g_utf8_find_prev_char (text, text + len);

      if (!is_star (g_utf8_get_char (last)))
        break;
      len = last - text;
    }
  star = len < strlen (text);
  text[len] = '\0';

  item = item_new (ITEM_TERM, g_steal_pointer (&text));
  item->prefix = star && accepts_prefix (item->text);
  return item;
}

static GPtrArray *
lex (const char *text)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (item_free);
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;
      Item *item;

      if (is_space (c))
        {
          p = g_utf8_next_char (p);
        }
      else if (find_quote (c) >= 0)
        {
          char *content;
          gboolean star;

          p = read_phrase (p, &content);
          p = skip_stars (p, &star);
          item = item_new (ITEM_TERM, content);
          item->prefix = star && accepts_prefix (content);
          g_ptr_array_add (items, item);
        }
      else if (is_open (c) || is_close (c) || is_bar (c))
        {
          p = g_utf8_next_char (p);
          g_ptr_array_add (items, item_new (is_open (c) ? ITEM_OPEN :
                                            is_close (c) ? ITEM_CLOSE : ITEM_OR, NULL));
        }
      else
        {
          /* A leading dash excludes what follows it; a dash standing alone is nothing. */
          if (is_dash (c))
            {
              const char *after = p;

              while (is_dash (g_utf8_get_char (after)))
                after = g_utf8_next_char (after);

              c = g_utf8_get_char (after);
              if (c != 0 && !is_space (c) && !is_close (c) && !is_bar (c))
                {
                  g_ptr_array_add (items, item_new (ITEM_NOT, NULL));
                  p = after;
                  continue;
                }
            }

          while (*p != '\0' && (p == start || !is_delimiter (g_utf8_get_char (p))))
            p = g_utf8_next_char (p);

          if ((item = word_item (start, p - start, &p)))
            g_ptr_array_add (items, item);
        }
    }

  return items;
}

/* What a part of the query contributes: nothing, an FTS5 expression of rows to find, or an
 * expression of rows to leave out (FTS5 has no unary NOT). */
typedef enum
{
  RESULT_EMPTY,
  RESULT_POSITIVE,
  RESULT_NEGATIVE,
} ResultKind;

typedef struct
{
  ResultKind kind;
  char *expr;
  gboolean composite;  /* needs parentheses inside a larger expression */
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->expr, g_free);
}

static void
append_operand (GString      *expr,
                const Result *operand)
{
  if (operand->composite)
    g_string_append_printf (expr, "(%s)", operand->expr);
  else
    g_string_append (expr, operand->expr);
}

static void
result_array_clear (gpointer data)
{
  result_clear (data);
}

static GArray *
result_array_new (void)
{
  GArray *results = g_array_new (FALSE, FALSE, sizeof (Result));

  g_array_set_clear_func (results, result_array_clear);
  return results;
}

/* Joins the operands with @operator; a single operand is taken as it is. */
static Result
join (GArray     *operands,
      const char *operator)
{
  Result joined = { RESULT_POSITIVE, NULL, TRUE };
  GString *expr;

  if (operands->len == 1)
    {
      Result *only = &g_array_index (operands, Result, 0);

      joined.expr = g_steal_pointer (&only->expr);
      joined.composite = only->composite;
      return joined;
    }

  expr = g_string_new (NULL);
  for (guint i = 0; i < operands->len; i++)
    {
      if (i > 0)
        g_string_append (expr, operator);
      append_operand (expr, &g_array_index (operands, Result, i));
    }

  joined.expr = g_string_free (expr, FALSE);
  return joined;
}

/* Moves the results into @positive and @negative, dropping the empty ones. */
static void
split_results (GArray *results,
               GArray *positive,
               GArray *negative)
{
  for (guint i = 0; i < results->len; i++)
    {
      Result *result = &g_array_index (results, Result, i);

      if (result->kind == RESULT_POSITIVE)
        g_array_append_val (positive, *result);
      else if (result->kind == RESULT_NEGATIVE)
        g_array_append_val (negative, *result);
      else
        continue;

      result->expr = NULL;
    }
}

/* Terms side by side: every positive one must match, none of the negative ones. */
static Result
combine_and (GArray *results)
{
  g_autoptr(GArray) positive = result_array_new ();
  g_autoptr(GArray) negative = result_array_new ();
  Result combined = { RESULT_EMPTY, NULL, FALSE };

  split_results (results, positive, negative);

  if (positive->len > 0 && negative->len > 0)
    {
      Result all = join (positive, " AND ");
      Result any = join (negative, " OR ");
      GString *expr = g_string_new (NULL);

      append_operand (expr, &all);
      g_string_append (expr, " NOT ");
      append_operand (expr, &any);
      result_clear (&all);
      result_clear (&any);

      combined.kind = RESULT_POSITIVE;
      combined.expr = g_string_free (expr, FALSE);
      combined.composite = TRUE;
    }
  else if (positive->len > 0)
    {
      combined = join (positive, " AND ");
    }
  else if (negative->len > 0)
    {
      combined = join (negative, " OR ");
      combined.kind = RESULT_NEGATIVE;
    }

  return combined;
}

/* Alternatives: any positive one may match. "NOT a OR NOT b" is "NOT (a AND b)"; a negative
 * alternative beside positive ones would match nearly every row, so it is dropped. */
static Result
combine_or (GArray *results)
{
  g_autoptr(GArray) positive = result_array_new ();
  g_autoptr(GArray) negative = result_array_new ();
  Result combined = { RESULT_EMPTY, NULL, FALSE };

  split_results (results, positive, negative);

  if (positive->len > 0)
    {
      combined = join (positive, " OR ");
    }
  else if (negative->len > 0)
    {
      combined = join (negative, " AND ");
      combined.kind = RESULT_NEGATIVE;
    }

  return combined;
}

typedef struct
{
  BdQuery *query;
  GPtrArray *items;
  guint pos;
  guint include_levels;
  guint exclude_levels;
  GError *error;
} Parser;

static Item *
peek (Parser *parser)
{
  if (parser->pos >= parser->items->len)
    return NULL;

  return g_ptr_array_index (parser->items, parser->pos);
}

static gboolean
parse_dates (const char  *value,
             char       **first_day,
             char       **last_day,
             GError     **error)
{
  static const char * const separators[] = { "..", "~", "～", "至" };
  g_autofree char *first_end = NULL;
  g_autofree char *last_start = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *separator = strstr (value, separators[i]);
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      if (separator == NULL)
        continue;

      first = g_strstrip (g_strndup (value, separator - value));
      last = g_strstrip (g_strdup (separator + strlen (separators[i])));

      if (first[0] == '\0' && last[0] == '\0')
        break;

      if (first[0] != '\0' && !bd_period_parse (first, first_day, &first_end, error))
        return FALSE;
      if (last[0] != '\0' && !bd_period_parse (last, &last_start, last_day, error))
        {
          g_clear_pointer (first_day, g_free);
          return FALSE;
        }

      if (*first_day != NULL && *last_day != NULL && strcmp (*first_day, *last_day) > 0)
        {
          g_clear_pointer (first_day, g_free);
          g_clear_pointer (last_day, g_free);
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                       _("The date range “%s” ends before it starts"), value);
          return FALSE;
        }

      return TRUE;
    }

  return bd_period_parse (value, first_day, last_day, error);
}

static void
apply_filter (Parser   *parser,
              Item     *item,
              gboolean  negated)
{
  if (parser->error != NULL)
    return;

  if (negated && item->field != FIELD_LEVEL)
    {
      g_set_error (&parser->error, BD_ERROR, BD_ERROR_INVALID,
                   _("“%s” cannot be excluded: only levels can (-level:…)"), item->source);
      return;
    }

  switch (item->field)
    {
    case FIELD_LEVEL:
      {
        g_autofree char *folded = bd_fold_text (item->text, -1);
        BdLevel level;

        /* The folded value understands 國家級 too; the error names the value as typed. */
        if (!bd_level_parse (folded, &level, NULL) &&
            !bd_level_parse (item->text, &level, &parser->error))
          return;

        if (negated)
          parser->exclude_levels |= 1u << level;
        else
          parser->include_levels |= 1u << level;
      }
      break;

    case FIELD_OUTLET:
      bd_query_add_outlet (parser->query, item->text);
      break;

    case FIELD_TAG:
      bd_query_add_tag (parser->query, item->text);
      break;

    case FIELD_DATE:
      {
        g_autofree char *first_day = NULL;
        g_autofree char *last_day = NULL;

        if (!parse_dates (item->text, &first_day, &last_day, &parser->error))
          return;

        bd_query_restrict_dates (parser->query, first_day, last_day);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static Result parse_or (Parser *parser,
                        guint   depth);

static Result
parse_term (Item *item)
{
  Result result = { RESULT_EMPTY, NULL, FALSE };
  GString *expr;

  if (!has_tokens (item->text))
    return result;

  /* Quoted, FTS5 hands the text to our tokenizer as it is: the term becomes a phrase of its
   * tokens, and nothing in it can be taken for FTS5 syntax. */
  expr = g_string_new ("\"");
  for (const char *p = item->text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (expr, '"');
      g_string_append_c (expr, *p);
    }
  g_string_append_c (expr, '"');
  if (item->prefix)
    g_string_append_c (expr, '*');

  result.kind = RESULT_POSITIVE;
  result.expr = g_string_free (expr, FALSE);
  return result;
}

static gboolean
ends_operand (Item *item)
{
  return item == NULL || item->kind == ITEM_CLOSE || item->kind == ITEM_OR;
}

static Result
parse_unary (Parser   *parser,
             gboolean  negated,
             guint     depth)
{
  Item *item = peek (parser);
  Result result = { RESULT_EMPTY, NULL, FALSE };

  g_assert (item != NULL);
  parser->pos++;

  switch (item->kind)
    {
    case ITEM_NOT:
      if (ends_operand (peek (parser)))
        return result;

      result = parse_unary (parser, !negated, depth);
      if (result.kind == RESULT_POSITIVE)
        result.kind = RESULT_NEGATIVE;
      else if (result.kind == RESULT_NEGATIVE)
        result.kind = RESULT_POSITIVE;
      return result;

    case ITEM_OPEN:
      if (depth >= MAX_DEPTH)
        return result;

      result = parse_or (parser, depth + 1);
      if (peek (parser) != NULL && peek (parser)->kind == ITEM_CLOSE)
        parser->pos++;
      return result;

    case ITEM_TERM:
      return parse_term (item);

    case ITEM_FILTER:
      apply_filter (parser, item, negated);
      return result;

    case ITEM_CLOSE:
    case ITEM_OR:
    default:
      g_assert_not_reached ();
    }
}

static Result
parse_and (Parser *parser,
           guint   depth)
{
  g_autoptr(GArray) results = result_array_new ();

  while (!ends_operand (peek (parser)))
    {
      Result result = parse_unary (parser, FALSE, depth);

      g_array_append_val (results, result);
    }

  return combine_and (results);
}

static Result
parse_or (Parser *parser,
          guint   depth)
{
  g_autoptr(GArray) results = result_array_new ();
  Result result = parse_and (parser, depth);

  g_array_append_val (results, result);

  while (peek (parser) != NULL && peek (parser)->kind == ITEM_OR)
    {
      parser->pos++;
      result = parse_and (parser, depth);
      g_array_append_val (results, result);
    }

  return combine_or (results);
}

static gboolean
parse (BdQuery  *self,
       GError  **error)
{
  g_autoptr(GPtrArray) items = lex (self->text);
  g_autoptr(GArray) results = result_array_new ();
  Parser parser = { self, items, 0, 0, 0, NULL };
  Result result;

  /* A closing parenthesis without its opening one ends parse_or() early: skip it and go on. */
  while (peek (&parser) != NULL)
    {
      result = parse_or (&parser, 0);
      g_array_append_val (results, result);

      if (peek (&parser) != NULL && peek (&parser)->kind == ITEM_CLOSE)
        parser.pos++;
    }

  result = combine_and (results);

  if (parser.error != NULL)
    {
      result_clear (&result);
      g_propagate_error (error, parser.error);
      return FALSE;
    }

  if (parser.include_levels != 0 || parser.exclude_levels != 0)
    {
      guint levels = (parser.include_levels ? parser.include_levels : ALL_LEVELS) &
                     ~parser.exclude_levels;

      if (levels == 0)
        {
          result_clear (&result);
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                       _("The level filters in “%s” leave out every level"), self->text);
          return FALSE;
        }

      self->levels |= levels;
    }

  if (result.kind == RESULT_POSITIVE)
    self->match = g_steal_pointer (&result.expr);
  else if (result.kind == RESULT_NEGATIVE)
    self->exclude_match = g_steal_pointer (&result.expr);

  return TRUE;
}

static void
bd_query_finalize (GObject *object)
{
  BdQuery *self = (BdQuery *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->match, g_free);
  g_clear_pointer (&self->exclude_match, g_free);
  g_clear_pointer (&self->outlets, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->first_day, g_free);
  g_clear_pointer (&self->last_day, g_free);

  G_OBJECT_CLASS (bd_query_parent_class)->finalize (object);
}

static void
bd_query_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BdQuery *self = BD_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_query_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  BdQuery *self = BD_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_free (self->text);
      self->text = g_strdup (g_value_get_string (value));
      if (self->text == NULL)
        self->text = g_strdup ("");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_query_class_init (BdQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_query_finalize;
  object_class->get_property = bd_query_get_property;
  object_class->set_property = bd_query_set_property;

  /**
   * BdQuery:text:
   *
   * What the person typed, made valid UTF-8.
   */
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bd_query_init (BdQuery *self)
{
  self->text = g_strdup ("");
  self->outlets = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->tags = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

/**
 * bd_query_parse:
 * @text: what a person typed in the search field
 * @error: a #GError
 *
 * Understands spaces as AND, "…", “…” and 「…」 as phrases, OR, | and 或 as OR, a leading - or
 * NOT as exclusion, parentheses, a trailing * after letters or digits as a prefix, and the
 * filters level: (级别:), outlet: (媒体:, 来源:), tag: (标签:) and date: (日期:) with an ASCII or
 * full-width colon; a bare quarter such as 2023Q3 is a date filter. A run of Chinese typed without
 * spaces is one phrase. Anything else is text: the query never makes FTS5 fail.
 *
 * Filters apply to the whole query wherever they are written; only level: can be excluded.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when a filter's value is invalid
 */
BdQuery *
bd_query_parse (const char  *text,
                GError     **error)
{
  g_autofree char *valid = NULL;
  g_autoptr(BdQuery) self = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  self = g_object_new (BD_TYPE_QUERY, "text", valid, NULL);

  if (!parse (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
bd_query_get_text (BdQuery *self)
{
  g_return_val_if_fail (BD_IS_QUERY (self), NULL);

  return self->text;
}

/**
 * bd_query_is_empty:
 * @self: a #BdQuery
 *
 * Returns: %TRUE when the query has neither text to search nor a filter
 */
gboolean
bd_query_is_empty (BdQuery *self)
{
  g_return_val_if_fail (BD_IS_QUERY (self), TRUE);

  return self->match == NULL &&
         self->exclude_match == NULL &&
         self->levels == 0 &&
         self->outlets->len == 0 &&
         self->tags->len == 0 &&
         self->first_day == NULL &&
         self->last_day == NULL;
}

/**
 * bd_query_get_match:
 * @self: a #BdQuery
 *
 * Returns: (nullable): the FTS5 MATCH expression of the rows to find, or %NULL when the query
 *   has no positive text part
 */
const char *
bd_query_get_match (BdQuery *self)
{
  g_return_val_if_fail (BD_IS_QUERY (self), NULL);

  return self->match;
}

/**
 * bd_query_get_exclude_match:
 * @self: a #BdQuery
 *
 * Set only when the query's text part consists of exclusions alone ("-广告"): the rows it
 * matches are to be left out, with `rowid NOT IN (SELECT rowid … MATCH ?)`. Exclusions beside
 * positive terms are part of bd_query_get_match() instead.
 *
 * Returns: (nullable): an FTS5 MATCH expression of the rows to leave out
 */
const char *
bd_query_get_exclude_match (BdQuery *self)
{
  g_return_val_if_fail (BD_IS_QUERY (self), NULL);

  return self->exclude_match;
}

/**
 * bd_query_get_levels:
 * @self: a #BdQuery
 *
 * Returns: the accepted levels as a mask of `1 << BdLevel`, or 0 for any level
 */
guint
bd_query_get_levels (BdQuery *self)
{
  g_return_val_if_fail (BD_IS_QUERY (self), 0);

  return self->levels;
}

/**
 * bd_query_get_outlets:
 * @self: a #BdQuery
 *
 * Returns: (transfer none): the outlets as typed, any of which a report may come from; an empty
 *   array when the query names none
 */
const char * const *
bd_query_get_outlets (BdQuery *self)
{
  g_return_val_if_fail (BD_IS_QUERY (self), NULL);

  return self->outlets->len > 0 ? (const char * const *) self->outlets->pdata : no_strings;
}

/**
 * bd_query_get_tags:
 * @self: a #BdQuery
 *
 * Returns: (transfer none): the tags as typed, all of which a report must have; an empty array
 *   when the query names none
 */
const char * const *
bd_query_get_tags (BdQuery *self)
{
  g_return_val_if_fail (BD_IS_QUERY (self), NULL);

  return self->tags->len > 0 ? (const char * const *) self->tags->pdata : no_strings;
}

/**
 * bd_query_get_date_range:
 * @self: a #BdQuery
 * @first_day: (out) (optional): the first day, "YYYY-MM-DD"
 * @last_day: (out) (optional): the last day, inclusive
 *
 * An open end comes out as 0001-01-01 or 9999-12-31. When the date filters do not overlap,
 * @first_day is after @last_day and no report can match.
 *
 * Returns: %TRUE when the query restricts dates
 */
gboolean
bd_query_get_date_range (BdQuery     *self,
                         const char **first_day,
                         const char **last_day)
{
  g_return_val_if_fail (BD_IS_QUERY (self), FALSE);

  if (first_day != NULL)
    *first_day = self->first_day ? self->first_day : EARLIEST_DAY;
  if (last_day != NULL)
    *last_day = self->last_day ? self->last_day : LATEST_DAY;

  return self->first_day != NULL || self->last_day != NULL;
}

void
bd_query_add_level (BdQuery *self,
                    BdLevel  level)
{
  g_return_if_fail (BD_IS_QUERY (self));
  g_return_if_fail (level < BD_N_LEVELS);

  self->levels |= 1u << level;
}

static void
add_unique (GPtrArray  *array,
            const char *value)
{
  for (guint i = 0; i < array->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (array, i), value))
        return;
    }

  g_ptr_array_add (array, g_strdup (value));
}

void
bd_query_add_outlet (BdQuery    *self,
                     const char *outlet)
{
  g_return_if_fail (BD_IS_QUERY (self));
  g_return_if_fail (outlet != NULL);

  add_unique (self->outlets, outlet);
}

void
bd_query_add_tag (BdQuery    *self,
                  const char *tag)
{
  g_return_if_fail (BD_IS_QUERY (self));
  g_return_if_fail (tag != NULL);

  add_unique (self->tags, tag);
}

/**
 * bd_query_restrict_dates:
 * @self: a #BdQuery
 * @first_day: (nullable): the first day, "YYYY-MM-DD", or %NULL for no lower bound
 * @last_day: (nullable): the last day, inclusive, or %NULL for no upper bound
 *
 * Narrows the query's dates to their intersection with this range.
 */
void
bd_query_restrict_dates (BdQuery    *self,
                         const char *first_day,
                         const char *last_day)
{
  g_return_if_fail (BD_IS_QUERY (self));

  if (first_day != NULL && (self->first_day == NULL || strcmp (first_day, self->first_day) > 0))
    {
      g_free (self->first_day);
      self->first_day = g_strdup (first_day);
    }

  if (last_day != NULL && (self->last_day == NULL || strcmp (last_day, self->last_day) < 0))
    {
      g_free (self->last_day);
      self->last_day = g_strdup (last_day);
    }
}
