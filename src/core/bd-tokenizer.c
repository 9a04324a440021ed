/* bd-tokenizer.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bd-t2s-table.h"
#include "bd-tokenizer.h"

/* What a folded code point does to the token stream. */
typedef enum
{
  CLASS_HAN,     /* a token of its own */
  CLASS_ALPHA,   /* extends a word run */
  CLASS_DIGIT,   /* extends a number run */
  CLASS_SEP,     /* . or , : inside a number when a digit follows, punctuation otherwise */
  CLASS_SYMBOL,  /* a token of its own */
  CLASS_MARK,    /* a combining mark: extends a word run, ignored elsewhere */
  CLASS_SPACE,   /* ends a run, no token */
  CLASS_IGNORE,  /* invisible (format characters, variation selectors): changes nothing */
  CLASS_PUNCT,   /* ends a run and becomes a boundary between the tokens around it */
} CharClass;

typedef struct
{
  gunichar c;
  CharClass cls;
} Folded;

/* A letter with at most this many combining marks is normalized as one cluster; more marks than
 * that (deliberately garbled text) are handled one by one. */
#define MAX_CLUSTER_MARKS 8
#define MAX_FOLDED        128

#define INVALID_CHAR ((gunichar) -1)

/* Nearly all Han in real text is in extension A and the main block: their t2s mappings go into a
 * direct table built once from the sorted array; other code points use a binary search. */
#define DIRECT_FIRST 0x3400
#define DIRECT_LAST  0x9FFF

static guint32 *direct_t2s;

/* The class of each ASCII character: control characters count as spaces (they separate, but are
 * not punctuation a phrase must be kept from crossing); + % # & @ $ are symbols. */
#define S CLASS_SPACE
#define P CLASS_PUNCT
#define D CLASS_DIGIT
#define A CLASS_ALPHA
#define Y CLASS_SYMBOL
#define E CLASS_SEP
static const guint8 ascii_class[128] = {
  S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,  /* 00 */
  S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,  /* 10 */
  S, P, P, Y, Y, Y, Y, P, P, P, P, Y, E, P, E, P,  /* 20 */
  D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,  /* 30 */
  Y, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,  /* 40 */
  A, A, A, A, A, A, A, A, A, A, A, P, P, P, P, P,  /* 50 */
  P, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,  /* 60 */
  A, A, A, A, A, A, A, A, A, A, A, P, P, P, P, S,  /* 70 */
};
#undef S
#undef P
#undef D
#undef A
#undef Y
#undef E

static gunichar
t2s_search (gunichar c)
{
  gsize lo = 0;
  gsize hi = BD_T2S_N_MAPPINGS;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (bd_t2s_mappings[mid].from == c)
        return bd_t2s_mappings[mid].to;
      if (bd_t2s_mappings[mid].from < c)
        lo = mid + 1;
      else
        hi = mid;
    }

  return c;
}

static void
ensure_direct_t2s (void)
{
  if (g_once_init_enter (&direct_t2s))
    {
      guint32 *table = g_new0 (guint32, DIRECT_LAST - DIRECT_FIRST + 1);

      for (gsize i = 0; i < BD_T2S_N_MAPPINGS; i++)
        {
          gunichar from = bd_t2s_mappings[i].from;

          if (from >= DIRECT_FIRST && from <= DIRECT_LAST)
            table[from - DIRECT_FIRST] = bd_t2s_mappings[i].to;
        }

      g_once_init_leave (&direct_t2s, table);
    }
}

static inline gunichar
t2s (gunichar c)
{
  if (c >= DIRECT_FIRST && c <= DIRECT_LAST)
    {
      guint32 to = direct_t2s[c - DIRECT_FIRST];

      return to != 0 ? to : c;
    }

  if (c < bd_t2s_mappings[0].from)
    return c;

  return t2s_search (c);
}

/* Unified ideographs that NFKC leaves alone: only the t2s table applies. 4DC0–4DFF (hexagram
 * symbols) sits between two of these blocks and is punctuation-like, so it is excluded. */
static inline gboolean
is_plain_ideograph (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) ||
         (c >= 0x2A700 && c <= 0x2EBEF) ||
         (c >= 0x30000 && c <= 0x323AF);
}

/* Kana letters and Hangul syllables that need no folding at all. */
static inline gboolean
is_plain_syllable (gunichar c)
{
  return (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0x3041 && c <= 0x3096) ||
         (c >= 0x30A1 && c <= 0x30FA);
}

static inline gboolean
is_variation_selector (gunichar c)
{
  return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x180B && c <= 0x180D);
}

static inline gboolean
is_cluster_mark (gunichar c)
{
  return c != INVALID_CHAR && !is_variation_selector (c) && g_unichar_ismark (c);
}

/* Decodes one UTF-8 character, refusing overlong forms and surrogates; an invalid byte comes out
 * as INVALID_CHAR of length 1 so that the rest of the text is still read. */
static inline gsize
decode (const guchar *p,
        const guchar *end,
        gunichar     *out)
{
  gunichar c = p[0];
  gsize n;
  gunichar min;

  if (c < 0x80)
    {
      *out = c;
      return 1;
    }
  else if ((c & 0xE0) == 0xC0)
    c &= 0x1F, n = 2, min = 0x80;
  else if ((c & 0xF0) == 0xE0)
    c &= 0x0F, n = 3, min = 0x800;
  else if ((c & 0xF8) == 0xF0)
    c &= 0x07, n = 4, min = 0x10000;
  else
    goto invalid;

  if ((gsize) (end - p) < n)
    goto invalid;

  for (gsize i = 1; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        goto invalid;
      c = (c << 6) | (p[i] & 0x3F);
    }

  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    goto invalid;

  *out = c;
  return n;

invalid:
  *out = INVALID_CHAR;
  return 1;
}

static gboolean
is_symbol (gunichar c)
{
  switch (c)
    {
    case 0x00A3:  /* £ */
    case 0x00A5:  /* ¥ */
    case 0x2030:  /* ‰ */
    case 0x20AC:  /* € */
    case 0x2103:  /* ℃ */
      return TRUE;
    default:
      return FALSE;
    }
}

/* The class of a code point that is already folded. */
static CharClass
classify (gunichar c)
{
  if (c < 0x80)
    return ascii_class[c];

  if (is_symbol (c))
    return CLASS_SYMBOL;

  if (is_variation_selector (c))
    return CLASS_IGNORE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_LETTER_NUMBER:
      /* The katakana-hiragana prolonged sound mark belongs to both scripts, so to neither. */
      if (c == 0x30FC)
        return CLASS_HAN;

      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_HAN:
        case G_UNICODE_SCRIPT_HIRAGANA:
        case G_UNICODE_SCRIPT_KATAKANA:
        case G_UNICODE_SCRIPT_HANGUL:
        case G_UNICODE_SCRIPT_BOPOMOFO:
          return CLASS_HAN;
        default:
          return CLASS_ALPHA;
        }

    case G_UNICODE_DECIMAL_NUMBER:
      return CLASS_DIGIT;

    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
      return CLASS_MARK;

    case G_UNICODE_CONTROL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      return CLASS_SPACE;

    case G_UNICODE_FORMAT:
      return CLASS_IGNORE;

    default:
      return CLASS_PUNCT;
    }
}

static inline void
fold_ascii (gunichar  c,
            Folded   *out)
{
  out->cls = ascii_class[c];
  out->c = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* Folds code points that NFKC and case folding produced: the decimal digits of every script
 * become ASCII digits, Han goes through t2s. */
static guint
fold_normalized (const char *text,
                 Folded     *out,
                 guint       n_out)
{
  for (const char *p = text; *p != '\0' && n_out < MAX_FOLDED; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      CharClass cls = classify (c);

      if (cls == CLASS_DIGIT)
        c = '0' + g_unichar_digit_value (c);
      else if (cls == CLASS_HAN)
        c = t2s (c);

      out[n_out].c = c;
      out[n_out].cls = cls;
      n_out++;
    }

  return n_out;
}

/* The general path: NFKC, case fold and NFKC again (case folding can undo NFKC), then t2s. */
static guint
fold_cluster (const char *cluster,
              gsize       len,
              Folded     *out)
{
  g_autofree char *nfkc = g_utf8_normalize (cluster, len, G_NORMALIZE_NFKC);
  g_autofree char *casefolded = NULL;

  if (nfkc == NULL)
    return 0;

  casefolded = g_utf8_casefold (nfkc, -1);
  if (strcmp (casefolded, nfkc) != 0)
    {
      g_free (nfkc);
      nfkc = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFKC);
    }

  return fold_normalized (nfkc, out, 0);
}

/* Folds @c, whose @len bytes are at @p, when no combining mark follows it. */
static guint
fold_alone (const char *p,
            gsize       len,
            gunichar    c,
            Folded     *out)
{
  gunichar decomposition[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  GUnicodeType type;

  if (c < 0x80)
    {
      fold_ascii (c, out);
      return 1;
    }

  /* The full-width comma is the Chinese clause comma, not the ASCII one: 2022，2023 are two
   * numbers. It stays as it is, so that folded text tokenizes like the original. */
  if (c == 0xFF0C)
    {
      out->c = c;
      out->cls = CLASS_PUNCT;
      return 1;
    }

  if (c >= 0xFF01 && c <= 0xFF5E)
    {
      fold_ascii (c - 0xFEE0, out);
      return 1;
    }

  /* NFKC would turn ℃ into °c, but it is a unit people search for as it is. */
  if (c == 0x2103)
    {
      out->c = c;
      out->cls = CLASS_SYMBOL;
      return 1;
    }

  /* Most punctuation, symbols and uncased letters have no compatibility decomposition, so
   * they are their own NFKC form and case folding leaves them alone. */
  type = g_unichar_type (c);
  if (type != G_UNICODE_UPPERCASE_LETTER &&
      type != G_UNICODE_LOWERCASE_LETTER &&
      type != G_UNICODE_TITLECASE_LETTER &&
      g_unichar_fully_decompose (c, TRUE, decomposition, G_N_ELEMENTS (decomposition)) == 1 &&
      decomposition[0] == c)
    {
      out->cls = classify (c);
      if (out->cls == CLASS_DIGIT)
        out->c = '0' + g_unichar_digit_value (c);
      else if (out->cls == CLASS_HAN)
        out->c = t2s (c);
      else
        out->c = c;
      return 1;
    }

  return fold_cluster (p, len, out);
}

/* Below the ideographs, what a character folds to alone (punctuation, Latin-1, CJK symbols:
 * every few characters of Chinese text) is remembered as it is first seen, so that Unicode's
 * tables are asked once: its folded code point and class, ALONE_SPLIT when it folds to more or
 * fewer than one code point, 0 while unknown. */
#define ALONE_LAST  0x303F
#define ALONE_KNOWN 0x80000000u
#define ALONE_SPLIT 1

static guint alone_folded[ALONE_LAST + 1];

static inline guint
fold_alone_known (const guchar *p,
                  gsize         len,
                  gunichar      c,
                  Folded       *out)
{
  guint known = g_atomic_int_get (&alone_folded[c]);
  guint n_out;

  if (known & ALONE_KNOWN)
    {
      out->c = (known & ~ALONE_KNOWN) >> 4;
      out->cls = known & 0xF;
      return 1;
    }

  n_out = fold_alone ((const char *) p, len, c, out);
  if (known == 0)
    g_atomic_int_set (&alone_folded[c],
                      n_out == 1 ? ALONE_KNOWN | out->c << 4 | out->cls : ALONE_SPLIT);

  return n_out;
}

/*
 * Folds the character at @p together with the combining marks after it. Returns the number of
 * bytes consumed and stores the folded code points in @out (@n_out of them, possibly none).
 */
static inline gsize
fold_step (const guchar *p,
           const guchar *end,
           Folded       *out,
           guint        *n_out)
{
  gunichar c, next;
  gsize len, mark_len;
  guint n_marks = 0;

  if (p[0] < 0x80 && (p + 1 == end || p[1] < 0x80))
    {
      fold_ascii (p[0], out);
      *n_out = 1;
      return 1;
    }

  len = decode (p, end, &c);

  if (c == INVALID_CHAR)
    {
      out->c = 0xFFFD;
      out->cls = CLASS_PUNCT;
      *n_out = 1;
      return len;
    }

  if (is_plain_ideograph (c))
    {
      out->c = t2s (c);
      out->cls = CLASS_HAN;
      *n_out = 1;
      return len;
    }

  if (is_plain_syllable (c))
    {
      out->c = c;
      out->cls = CLASS_HAN;
      *n_out = 1;
      return len;
    }

  /* Gather the combining marks so that NFKC can compose them with their base. */
  /* no combining mark comes before U+0300, nor among the ideographs */
  while (p + len < end && n_marks < MAX_CLUSTER_MARKS &&
         (mark_len = decode (p + len, end, &next)) &&
         next >= 0x300 && !is_plain_ideograph (next) && is_cluster_mark (next))
    {
      len += mark_len;
      n_marks++;
    }

  if (n_marks == 0)
    {
      *n_out = c <= ALONE_LAST ? fold_alone_known (p, len, c, out)
                               : fold_alone ((const char *) p, len, c, out);
      return len;
    }

  *n_out = fold_cluster ((const char *) p, len, out);
  return len;
}

/**
 * bd_fold_text:
 * @text: UTF-8 text
 * @len: the length of @text in bytes, or -1 when it is nul-terminated
 *
 * Folds @text the way the tokenizer folds each token: NFKC and case folding character by
 * character, decimal digits of any script to ASCII, traditional Han to simplified; invisible
 * format characters are dropped and invalid bytes become U+FFFD. ℃ and the full-width comma
 * (the Chinese clause comma) keep their form.
 *
 * Returns: (transfer full): the folded text
 */
char *
bd_fold_text (const char *text,
              gssize      len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end;
  GString *folded;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len < 0)
    len = strlen (text);

  end = p + len;
  folded = g_string_sized_new (len + 1);
  ensure_direct_t2s ();

  while (p < end)
    {
      Folded out[MAX_FOLDED];
      guint n_out;

      p += fold_step (p, end, out, &n_out);
      for (guint i = 0; i < n_out; i++)
        {
          /* Invisible characters would only keep equal texts from comparing equal. */
          if (out[i].cls != CLASS_IGNORE)
            g_string_append_unichar (folded, out[i].c);
        }
    }

  return g_string_free (folded, FALSE);
}

typedef struct
{
  BdTokenFunc func;
  gpointer user_data;
  gboolean stopped;

  gboolean have_token;
  gboolean pending_boundary;
  gsize boundary_start;
  gsize boundary_end;

  /* The word or number run being read. */
  CharClass run;
  GString *buffer;
  gsize run_start;
  gsize run_end;

  /* A . or , after a number, kept until the next character tells whether it is inside it. */
  gboolean pending_sep;
  char sep;
  gsize sep_start;
  gsize sep_end;
} Tokenizer;

static void
emit (Tokenizer   *self,
      const char  *token,
      gsize        token_len,
      gsize        start,
      gsize        end,
      BdTokenKind  kind)
{
  if (self->stopped)
    return;

  if (self->pending_boundary)
    {
      self->pending_boundary = FALSE;
      if (!self->func (BD_TOKEN_BOUNDARY_TEXT, strlen (BD_TOKEN_BOUNDARY_TEXT),
                       self->boundary_start, self->boundary_end, BD_TOKEN_BOUNDARY,
                       self->user_data))
        {
          self->stopped = TRUE;
          return;
        }
    }

  if (!self->func (token, token_len, start, end, kind, self->user_data))
    self->stopped = TRUE;

  self->have_token = TRUE;
}

/* Punctuation only matters between two tokens: it becomes one boundary, however long the run,
 * emitted when (and if) another token follows. */
static inline void
punctuation (Tokenizer *self,
             gsize      start,
             gsize      end)
{
  if (!self->have_token)
    return;

  if (!self->pending_boundary)
    {
      self->pending_boundary = TRUE;
      self->boundary_start = start;
    }
  self->boundary_end = end;
}

static void
flush_run (Tokenizer *self)
{
  if (self->run == CLASS_SPACE)
    return;

  emit (self, self->buffer->str, self->buffer->len, self->run_start, self->run_end,
        self->run == CLASS_DIGIT ? BD_TOKEN_NUMBER : BD_TOKEN_WORD);
  self->run = CLASS_SPACE;
  g_string_truncate (self->buffer, 0);

  if (self->pending_sep)
    {
      self->pending_sep = FALSE;
      punctuation (self, self->sep_start, self->sep_end);
    }
}

static inline void
start_run (Tokenizer *self,
           CharClass  run,
           gunichar   c,
           gsize      start,
           gsize      end)
{
  flush_run (self);
  self->run = run;
  self->run_start = start;
  self->run_end = end;
  g_string_append_unichar (self->buffer, c);
}

static inline void
extend_run (Tokenizer *self,
            gunichar   c,
            gsize      end)
{
  if (c < 0x80)
    g_string_append_c (self->buffer, (char) c);
  else
    g_string_append_unichar (self->buffer, c);
  self->run_end = end;
}

static void
feed (Tokenizer *self,
      gunichar   c,
      CharClass  cls,
      gsize      start,
      gsize      end)
{
  char utf8[6];

  switch (cls)
    {
    case CLASS_HAN:
    case CLASS_SYMBOL:
      flush_run (self);
      emit (self, utf8, g_unichar_to_utf8 (c, utf8), start, end,
            cls == CLASS_HAN ? BD_TOKEN_HAN : BD_TOKEN_SYMBOL);
      break;

    case CLASS_ALPHA:
    case CLASS_DIGIT:
      if (self->run != cls)
        start_run (self, cls, c, start, end);
      else
        {
          if (self->pending_sep)
            {
              self->pending_sep = FALSE;
              extend_run (self, self->sep, end);
            }
          extend_run (self, c, end);
        }
      break;

    case CLASS_SEP:
      if (self->run == CLASS_DIGIT && !self->pending_sep)
        {
          self->pending_sep = TRUE;
          self->sep = (char) c;
          self->sep_start = start;
          self->sep_end = end;
        }
      else
        {
          flush_run (self);
          punctuation (self, start, end);
        }
      break;

    case CLASS_MARK:
      if (self->run == CLASS_ALPHA && !self->pending_sep)
        extend_run (self, c, end);
      break;

    case CLASS_SPACE:
      flush_run (self);
      break;

    case CLASS_IGNORE:
      break;

    case CLASS_PUNCT:
      flush_run (self);
      punctuation (self, start, end);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * bd_tokenize:
 * @text: UTF-8 text; invalid bytes count as punctuation
 * @len: the length of @text in bytes, or -1 when it is nul-terminated
 * @flags: whether @text is a document or a query; both are split the same way, which is what
 *   lets a query phrase match the document text
 * @func: called for each token in order
 * @user_data: passed to @func
 *
 * Splits @text the way the archive indexes it: one token per Han, Kana or Hangul character, one
 * per run of letters or digits, one per symbol, and a boundary token between two tokens that
 * punctuation separates. Spaces and line breaks separate tokens without a boundary, so 建 设 is
 * still the phrase 建设. Boundaries are never emitted at the start or the end.
 */
void
bd_tokenize (const char      *text,
             gssize           len,
             BdTokenizeFlags  flags,
             BdTokenFunc      func,
             gpointer         user_data)
{
  const guchar *start = (const guchar *) text;
  const guchar *p = start;
  const guchar *end;
  Tokenizer self = {
    .func = func,
    .user_data = user_data,
    .run = CLASS_SPACE,
  };

  g_return_if_fail (text != NULL || len == 0);
  g_return_if_fail (func != NULL);

  if (len < 0)
    len = strlen (text);

  end = p + len;
  self.buffer = g_string_sized_new (64);
  ensure_direct_t2s ();

  while (p < end && !self.stopped)
    {
      Folded out[MAX_FOLDED];
      guint n_out;
      gsize char_start = p - start;

      p += fold_step (p, end, out, &n_out);
      for (guint i = 0; i < n_out; i++)
        feed (&self, out[i].c, out[i].cls, char_start, p - start);
    }

  flush_run (&self);
  g_string_free (self.buffer, TRUE);
}

typedef struct
{
  void *ctx;
  int (*token) (void       *ctx,
                int         tflags,
                const char *token,
                int         token_len,
                int         start,
                int         end);
  int rc;
} Fts5Call;

static gboolean
fts5_token_cb (const char  *token,
               gsize        token_len,
               gsize        start,
               gsize        end,
               BdTokenKind  kind,
               gpointer     user_data)
{
  Fts5Call *call = user_data;

  call->rc = call->token (call->ctx, 0, token, (int) token_len, (int) start, (int) end);
  return call->rc == SQLITE_OK;
}

/* The tokenizer keeps no state, but FTS5 wants a non-NULL instance. */
static int fts5_instance;

static int
fts5_create (void            *user_data,
             const char     **argv,
             int              argc,
             Fts5Tokenizer  **out)
{
  if (argc > 0)
    return SQLITE_ERROR;

  *out = (Fts5Tokenizer *) &fts5_instance;
  return SQLITE_OK;
}

static void
fts5_delete (Fts5Tokenizer *tokenizer)
{
}

static int
fts5_tokenize (Fts5Tokenizer  *tokenizer,
               void           *ctx,
               int             flags,
               const char     *text,
               int             len,
               int           (*token) (void       *ctx,
                                       int         tflags,
                                       const char *token,
                                       int         token_len,
                                       int         start,
                                       int         end))
{
  Fts5Call call = { ctx, token, SQLITE_OK };

  /* Prefix queries need nothing special: FTS5 matches the last token as a prefix. Documents and
   * the auxiliary functions' re-tokenizing must agree exactly, so both are DOCUMENT. */
  bd_tokenize (text, len > 0 ? len : 0,
               (flags & FTS5_TOKENIZE_QUERY) ? BD_TOKENIZE_QUERY : BD_TOKENIZE_DOCUMENT,
               fts5_token_cb, &call);

  return call.rc;
}

/**
 * bd_tokenizer_register:
 * @db: a database connection
 *
 * Makes tokenize='baodao' available to FTS5 tables on @db; every connection that reads or writes
 * the archive's full-text index must call this first.
 *
 * Returns: an SQLite result code
 */
int
bd_tokenizer_register (sqlite3 *db)
{
  static fts5_tokenizer tokenizer = { fts5_create, fts5_delete, fts5_tokenize };
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  if (api == NULL || api->iVersion < 2)
    return SQLITE_ERROR;

  return api->xCreateTokenizer (api, BD_TOKENIZER_NAME, NULL, &tokenizer, NULL);
}
