/* bd-fts-functions.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bd-fts-functions.h"
#include "bd-tokenizer.h"

/* Ranking: Okapi BM25 over the weighted columns (title, body), as FTS5's bm25() but with an
 * IDF that stays positive for a phrase found in most reports — every report names the county,
 * and its name is what staff type most. */
#define BM25_K1 1.2
#define BM25_B  0.75

static const double column_weights[] = { 4.0, 1.0 };

/* How far before the first hit a snippet may start, and how far back it looks for the start of
 * the sentence, in characters. */
#define SNIPPET_LEAD       20
#define SNIPPET_SNAP_BACK  40
#define SNIPPET_SNAP_END   20

typedef struct
{
  int     n_phrases;
  double  avgdl;
  double *idf;

  /* With the table's name, document lengths are read from its docsize table by one walk down
   * the rowids, positioned at sizes_id, rather than by a lookup per row. */
  sqlite3_stmt *sizes;
  gint64        sizes_id;
  gboolean      sizes_positioned;
} RankData;

typedef struct
{
  int first;   /* token positions, inclusive */
  int last;
  int phrase;
  guint start; /* byte offsets, once known */
  guint end;
} Hit;

typedef struct
{
  BdRange *offsets;     /* of each token position, up to last_needed */
  int      n_offsets;
  int      last_needed;
} TokenWalk;

/* One phrase instance of a row, as xInst() gives it. */
typedef struct
{
  int phrase;
  int column;
  int offset;
} Inst;

typedef struct
{
  gint64 rowid;
  guint  first;  /* index of its first instance in BdHitLog.insts */
  guint  n_inst;
} LoggedRow;

struct _BdHitLog
{
  GArray *phrase_sizes;  /* int, in tokens, of each phrase of the query */
  GArray *rows;          /* LoggedRow, in the order bd_rank() saw them */
  GArray *insts;         /* Inst */
};

/**
 * bd_fts5_api_get:
 *
 * Returns: (nullable): the FTS5 API of @db's SQLite, or %NULL when it has no FTS5
 */
fts5_api *
bd_fts5_api_get (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

static void
rank_data_free (gpointer data)
{
  RankData *rank = data;

  sqlite3_finalize (rank->sizes);
  g_free (rank->idf);
  g_free (rank);
}

/* Counting a phrase's reports walks all of them; past this many, the count is extrapolated
 * from how far into the rowids the walk got: an IDF for a phrase in tens of thousands of reports
 * needs no more precision, and the walk stays cheap whatever the archive's size. */
#define DF_EXACT_LIMIT 4096

typedef struct
{
  gint64 n_hits;
  gint64 last_rowid;
} PhraseCount;

static int
count_row (const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           gpointer                user_data)
{
  PhraseCount *count = user_data;

  count->last_rowid = api->xRowid (fts);
  return ++count->n_hits < DF_EXACT_LIMIT ? SQLITE_OK : SQLITE_DONE;
}

static gint64
max_rowid (sqlite3_context *context)
{
  sqlite3_stmt *stmt = NULL;
  gint64 rowid = 0;

  if (sqlite3_prepare_v2 (sqlite3_context_db_handle (context),
                          "SELECT max(rowid) FROM reports", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return rowid;
}

static RankData *
rank_data_new (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               const char              *table,
               int                     *rc)
{
  RankData *rank = g_new0 (RankData, 1);
  sqlite3_int64 n_rows = 0;
  sqlite3_int64 n_tokens = 0;
  gint64 last_rowid = -1;

  rank->n_phrases = api->xPhraseCount (fts);
  rank->idf = g_new0 (double, MAX (rank->n_phrases, 1));

  if ((*rc = api->xRowCount (fts, &n_rows)) != SQLITE_OK ||
      (*rc = api->xColumnTotalSize (fts, -1, &n_tokens)) != SQLITE_OK)
    {
      rank_data_free (rank);
      return NULL;
    }

  rank->avgdl = n_rows > 0 ? (double)n_tokens / n_rows : 1.0;

  /* With a single phrase the IDF scales every score alike: the order needs no count. */
  for (int i = 0; i < rank->n_phrases && rank->n_phrases > 1; i++)
    {
      PhraseCount count = { 0, 0 };
      double n_hits;

      if ((*rc = api->xQueryPhrase (fts, i, &count, count_row)) != SQLITE_OK)
        {
          rank_data_free (rank);
          return NULL;
        }

      n_hits = count.n_hits;
      if (count.n_hits >= DF_EXACT_LIMIT)
        {
          if (last_rowid < 0)
            last_rowid = max_rowid (context);
          if (count.last_rowid > 0 && last_rowid > count.last_rowid)
            n_hits = MIN ((double)n_rows, n_hits * (double)last_rowid / count.last_rowid);
        }

      rank->idf[i] = log (1.0 + (n_rows - n_hits + 0.5) / (n_hits + 0.5));
    }

  if (rank->n_phrases == 1)
    rank->idf[0] = 1.0;

  if (table != NULL)
    {
      g_autofree char *sql = NULL;

      sql = g_strdup_printf ("SELECT id, sz FROM \"%s_docsize\" WHERE id <= ?1 ORDER BY id DESC",
                             table);
      /* without the table, each row's length is looked up as FTS5 does it */
      if (strchr (table, '"') != NULL ||
          sqlite3_prepare_v2 (sqlite3_context_db_handle (context), sql, -1, &rank->sizes,
                              NULL) != SQLITE_OK)
        g_clear_pointer (&rank->sizes, sqlite3_finalize);
    }

  return rank;
}

/* Steps the docsize walk to its next row, or past its end. */
static void
sizes_step (RankData *rank)
{
  if (sqlite3_step (rank->sizes) == SQLITE_ROW)
    rank->sizes_id = sqlite3_column_int64 (rank->sizes, 0);
  else
    rank->sizes_id = G_MININT64;
}

/* The walk steps over at most this many rows without a match before it seeks instead. */
#define SIZES_MAX_SKIP 16

/* The length in tokens of @rowid's document, decoded from its docsize row exactly as FTS5's
 * xColumnSize() does it; %FALSE when the walk cannot tell (rows that do not come newest first,
 * a missing or malformed row), and xColumnSize() must be asked. */
static gboolean
sizes_lookup (RankData *rank,
              gint64    rowid,
              int       n_columns,
              int      *dl)
{
  const guchar *blob;
  int n_blob;
  int offset = 0;
  guint32 total = 0;

  if (rank->sizes == NULL)
    return FALSE;

  for (int i = 0; rank->sizes_positioned && rank->sizes_id > rowid && i < SIZES_MAX_SKIP; i++)
    sizes_step (rank);

  if (!rank->sizes_positioned || rank->sizes_id > rowid || rank->sizes_id < rowid)
    {
      sqlite3_reset (rank->sizes);
      sqlite3_bind_int64 (rank->sizes, 1, rowid);
      rank->sizes_positioned = TRUE;
      sizes_step (rank);
    }

  if (rank->sizes_id != rowid)
    return FALSE;

  blob = sqlite3_column_blob (rank->sizes, 1);
  n_blob = sqlite3_column_bytes (rank->sizes, 1);

  for (int column = 0; column < n_columns; column++)
    {
      guint32 size = 0;
      int n = 0;

      if (offset >= n_blob)
        return FALSE;

      /* SQLite's varint; a document length needs at most four bytes of it */
      do
        {
          if (n == 4 || offset + n >= n_blob)
            return FALSE;
          size = (size << 7) | (blob[offset + n] & 0x7F);
        }
      while (blob[offset + n++] & 0x80);

      offset += n;
      total += size;
    }

  if (offset != n_blob)
    return FALSE;

  *dl = (int)total;
  return TRUE;
}

#define HIT_LOG_POINTER_TYPE "bd_hit_log"

/* Records the current row's instances in @log, which bd_rank() fills for the rows it ranks so
 * that the page shown needs no second full-text lookup of each of its reports. */
static int
log_row (BdHitLog                *log,
         const Fts5ExtensionApi  *api,
         Fts5Context             *fts,
         const Inst              *insts,
         int                      n_inst)
{
  LoggedRow row = { api->xRowid (fts), log->insts->len, n_inst };

  if (log->phrase_sizes->len == 0)
    {
      int n_phrases = api->xPhraseCount (fts);

      for (int i = 0; i < n_phrases; i++)
        {
          int size = api->xPhraseSize (fts, i);

          g_array_append_val (log->phrase_sizes, size);
        }
    }

  g_array_append_vals (log->insts, insts, n_inst);
  g_array_append_val (log->rows, row);

  return SQLITE_OK;
}

/* bd_rank(table [, hit log [, table name]]): the row's BM25 score; with a hit log bound by
 * bd_hit_log_bind(), also records where the row's hits are. With the table's name, and rows
 * that come newest first, document lengths are read in one walk of its docsize table. */
static void
bd_rank (const Fts5ExtensionApi  *api,
         Fts5Context             *fts,
         sqlite3_context         *context,
         int                      n_values,
         sqlite3_value          **values)
{
  g_autofree double *freq_heap = NULL;
  g_autofree Inst *insts = NULL;
  BdHitLog *log = n_values > 0 ? sqlite3_value_pointer (values[0], HIT_LOG_POINTER_TYPE) : NULL;
  const char *table = n_values > 1 ? (const char *)sqlite3_value_text (values[1]) : NULL;
  double freq_stack[8] = { 0 };
  double *freq = freq_stack;
  RankData *rank;
  double score = 0.0;
  int n_columns = api->xColumnCount (fts);
  int n_inst = 0;
  int dl = 0;
  int rc = SQLITE_OK;

  if (!(rank = api->xGetAuxdata (fts, FALSE)))
    {
      if (!(rank = rank_data_new (api, fts, context, table, &rc)) ||
          (rc = api->xSetAuxdata (fts, rank, rank_data_free)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }

  if (rank->n_phrases > (int)G_N_ELEMENTS (freq_stack))
    freq = freq_heap = g_new0 (double, rank->n_phrases);

  if ((rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK ||
      (!sizes_lookup (rank, api->xRowid (fts), n_columns, &dl) &&
       (rc = api->xColumnSize (fts, -1, &dl)) != SQLITE_OK))
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  if (log != NULL)
    insts = g_new (Inst, MAX (n_inst, 1));

  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;

      if ((rc = api->xInst (fts, i, &phrase, &column, &offset)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }

      if (insts != NULL)
        insts[i] = (Inst) { phrase, column, offset };

      if (phrase >= 0 && phrase < rank->n_phrases && column >= 0 && column < n_columns)
        freq[phrase] += column < (int)G_N_ELEMENTS (column_weights) ? column_weights[column] : 1.0;
    }

  if (log != NULL && (rc = log_row (log, api, fts, insts, n_inst)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (int i = 0; i < rank->n_phrases; i++)
    {
      if (freq[i] > 0)
        score += rank->idf[i] * freq[i] * (BM25_K1 + 1) /
                 (freq[i] + BM25_K1 * (1 - BM25_B + BM25_B * dl / rank->avgdl));
    }

  sqlite3_result_double (context, score);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *ha = a;
  const Hit *hb = b;

  if (ha->first != hb->first)
    return ha->first < hb->first ? -1 : 1;
  return ha->last < hb->last ? -1 : ha->last > hb->last;
}

static gboolean
walk_token (const char  *token,
            gsize        token_len,
            gsize        start,
            gsize        end,
            BdTokenKind  kind,
            gpointer     user_data)
{
  TokenWalk *walk = user_data;

  walk->offsets[walk->n_offsets++] = (BdRange) { start, end };

  return walk->n_offsets <= walk->last_needed;
}

/* The hits among @insts in @column, with byte offsets into @text, sorted and with overlapping
 * ones merged. The offsets come from running the archive's tokenizer over @text as FTS5's
 * xTokenize() would: the table is tokenized by it, and it emits no colocated tokens. */
static GArray *
collect_hits (const Inst  *insts,
              int          n_inst,
              const int   *phrase_sizes,
              int          n_phrases,
              int          column,
              const char  *text,
              int          text_len)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, TRUE, sizeof (Hit));
  g_autoptr(GArray) merged = g_array_new (FALSE, TRUE, sizeof (Hit));
  TokenWalk walk = { 0 };

  for (int i = 0; i < n_inst; i++)
    {
      Hit hit = { 0 };
      int size;

      if (insts[i].column != column)
        continue;

      hit.phrase = insts[i].phrase;
      hit.first = insts[i].offset;
      size = hit.phrase >= 0 && hit.phrase < n_phrases ? phrase_sizes[hit.phrase] : 0;
      hit.last = hit.first + MAX (size, 1) - 1;
      g_array_append_val (hits, hit);
    }

  if (hits->len == 0)
    return g_steal_pointer (&hits);

  g_array_sort (hits, compare_hits);

  for (guint i = 0; i < hits->len; i++)
    walk.last_needed = MAX (walk.last_needed, g_array_index (hits, Hit, i).last);
  walk.offsets = g_new (BdRange, walk.last_needed + 1);

  bd_tokenize (text, text_len, BD_TOKENIZE_DOCUMENT, walk_token, &walk);

  for (guint i = 0; i < hits->len; i++)
    {
      Hit *hit = &g_array_index (hits, Hit, i);
      Hit *previous = merged->len > 0 ? &g_array_index (merged, Hit, merged->len - 1) : NULL;

      if (hit->last >= walk.n_offsets)
        continue;
      hit->start = walk.offsets[hit->first].start;
      hit->end = walk.offsets[hit->last].end;
      if (hit->end <= hit->start)
        continue;

      if (previous != NULL && hit->start <= previous->end)
        previous->end = MAX (previous->end, hit->end);
      else
        g_array_append_val (merged, *hit);
    }

  g_free (walk.offsets);
  return g_steal_pointer (&merged);
}

static void
append_marked (GString    *out,
               const char *text,
               guint       from,
               guint       to,
               GArray     *hits)
{
  guint position = from;

  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);
      guint start = CLAMP (hit->start, from, to);
      guint end = CLAMP (hit->end, from, to);

      if (end <= start || start < position)
        continue;

      g_string_append_len (out, text + position, start - position);
      g_string_append_c (out, BD_MARK_START);
      g_string_append_len (out, text + start, end - start);
      g_string_append_c (out, BD_MARK_END);
      position = end;
    }

  g_string_append_len (out, text + position, to - position);
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || /* 。！？； */
         c == '!' || c == '?' || c == ';' || c == '\n';
}

/* Moves back from @pos by up to @max characters to just after a sentence end; returns the
 * position found, or -1. */
static int
find_sentence_start (const char *text,
                     int         pos,
                     int         max)
{
  const char *p = text + pos;

  for (int i = 0; i < max && p > text; i++)
    {
      const char *previous = g_utf8_prev_char (p);

      if (is_sentence_end (g_utf8_get_char (previous)))
        return p - text;
      p = previous;
    }

  return p == text ? 0 : -1;
}

static const char *
skip_chars (const char *p,
            const char *end,
            int         n)
{
  while (n-- > 0 && p < end)
    p = g_utf8_next_char (p);

  return MIN (p, end);
}

static const char *
back_chars (const char *text,
            const char *p,
            int         n)
{
  while (n-- > 0 && p > text)
    p = g_utf8_prev_char (p);

  return p;
}

static void
normalize_spaces (GString *snippet)
{
  char *out = snippet->str;
  gboolean space = FALSE;

  for (const char *p = snippet->str; *p; p++)
    {
      if (*p == '\n' || *p == '\t' || *p == ' ' || *p == '\r')
        {
          space = TRUE;
          continue;
        }
      if (space && out != snippet->str)
        *out++ = ' ';
      space = FALSE;
      *out++ = *p;
    }

  g_string_truncate (snippet, out - snippet->str);
}

/* The text of @column in the current row and its hits; on NULL, the function's result is set
 * already (an error, or "" for a column with no text). */
static GArray *
column_hits (const Fts5ExtensionApi  *api,
             Fts5Context             *fts,
             sqlite3_context         *context,
             int                      column,
             const char             **text,
             int                     *text_len)
{
  g_autofree Inst *insts = NULL;
  g_autofree int *phrase_sizes = NULL;
  int n_phrases = api->xPhraseCount (fts);
  int n_inst = 0;
  int rc;

  if ((rc = api->xColumnText (fts, column, text, text_len)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return NULL;
    }
  if (*text == NULL)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return NULL;
    }

  if ((rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return NULL;
    }

  insts = g_new (Inst, MAX (n_inst, 1));
  for (int i = 0; i < n_inst; i++)
    {
      if ((rc = api->xInst (fts, i, &insts[i].phrase, &insts[i].column, &insts[i].offset)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return NULL;
        }
    }

  phrase_sizes = g_new (int, MAX (n_phrases, 1));
  for (int i = 0; i < n_phrases; i++)
    phrase_sizes[i] = api->xPhraseSize (fts, i);

  return collect_hits (insts, n_inst, phrase_sizes, n_phrases, column, *text, *text_len);
}

/* About @max_chars characters of @text around its best cluster of @hits, snapped to sentence
 * ends, with hits marked. */
static char *
make_snippet (const char *text,
              int         text_len,
              GArray     *hits,
              int         max_chars,
              gsize      *len)
{
  g_autoptr(GString) out = NULL;
  const char *text_end = text + text_len;
  const char *window_start;
  const char *window_end;
  guint best = 0;
  int best_score = -1;

  /* The best window holds the most distinct phrases, then the most hits; the earliest wins. */
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *anchor = &g_array_index (hits, Hit, i);
      const char *limit = skip_chars (text + anchor->start, text_end, max_chars - SNIPPET_LEAD);
      guint64 phrases = 0;
      int n = 0;
      int score;

      for (guint j = i; j < hits->len; j++)
        {
          const Hit *hit = &g_array_index (hits, Hit, j);

          if (text + hit->end > limit)
            break;
          phrases |= G_GUINT64_CONSTANT (1) << MIN (hit->phrase, 63);
          n++;
        }

      score = __builtin_popcountll (phrases) * 1000 + n;
      if (score > best_score)
        {
          best_score = score;
          best = i;
        }
    }

  if (hits->len > 0)
    {
      guint anchor = g_array_index (hits, Hit, best).start;
      int sentence = find_sentence_start (text, anchor, SNIPPET_SNAP_BACK);

      window_start = sentence >= 0 ? text + sentence : back_chars (text, text + anchor, SNIPPET_LEAD);
    }
  else
    window_start = text;

  /* near the end of the text, show more of what comes before, from a sentence's start; only
   * the last max_chars characters need counting, however long the text */
  window_end = skip_chars (window_start, text_end, max_chars);
  if (window_end == text_end && window_start > text)
    {
      glong missing = max_chars - g_utf8_strlen (window_start, text_end - window_start);
      const char *earlier = back_chars (text, window_start, missing);

      for (const char *p = earlier; p < window_start; p = g_utf8_next_char (p))
        {
          if (p > earlier && is_sentence_end (g_utf8_get_char (g_utf8_prev_char (p))))
            {
              earlier = p;
              break;
            }
        }
      window_start = earlier;
      window_end = skip_chars (window_start, text_end, max_chars);
    }

  if (window_end < text_end)
    {
      const char *p = window_end;

      /* end on a sentence end when one is close, but never before a hit it shows */
      for (int i = 0; i < SNIPPET_SNAP_END && p > window_start; i++)
        {
          const char *previous = g_utf8_prev_char (p);

          if (is_sentence_end (g_utf8_get_char (previous)))
            {
              window_end = p;
              break;
            }
          p = previous;
        }
    }

  out = g_string_new (NULL);
  if (window_start > text)
    g_string_append (out, "…");
  append_marked (out, text, window_start - text, window_end - text, hits);
  normalize_spaces (out);
  if (window_end < text_end)
    g_string_append (out, "…");

  *len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
make_highlight (const char *text,
                int         text_len,
                GArray     *hits,
                gsize      *len)
{
  GString *out = g_string_sized_new (text_len + 2 * hits->len);

  append_marked (out, text, 0, text_len, hits);
  *len = out->len;
  return g_string_free (out, FALSE);
}

/* bd_snippet(table, column, max_chars): about max_chars characters of the column around its
 * best cluster of hits, snapped to sentence ends, with hits marked. */
static void
bd_snippet (const Fts5ExtensionApi  *api,
            Fts5Context             *fts,
            sqlite3_context         *context,
            int                      n_values,
            sqlite3_value          **values)
{
  g_autoptr(GArray) hits = NULL;
  const char *text = NULL;
  int text_len = 0;
  char *snippet;
  gsize len;

  if (n_values != 2)
    {
      sqlite3_result_error (context, "bd_snippet() takes a column and a length", -1);
      return;
    }

  if (!(hits = column_hits (api, fts, context, sqlite3_value_int (values[0]), &text, &text_len)))
    return;

  snippet = make_snippet (text, text_len, hits, CLAMP (sqlite3_value_int (values[1]), 10, 1000), &len);
  sqlite3_result_text (context, snippet, len, g_free);
}

/* bd_highlight(table, column): the whole column with every hit marked. */
static void
bd_highlight (const Fts5ExtensionApi  *api,
              Fts5Context             *fts,
              sqlite3_context         *context,
              int                      n_values,
              sqlite3_value          **values)
{
  g_autoptr(GArray) hits = NULL;
  const char *text = NULL;
  int text_len = 0;
  char *marked;
  gsize len;

  if (n_values != 1)
    {
      sqlite3_result_error (context, "bd_highlight() takes a column", -1);
      return;
    }

  if (!(hits = column_hits (api, fts, context, sqlite3_value_int (values[0]), &text, &text_len)))
    return;

  marked = make_highlight (text, text_len, hits, &len);
  sqlite3_result_text (context, marked, len, g_free);
}

/**
 * bd_hit_log_new:
 *
 * A place for bd_rank() to record where each row it ranks has its hits; bind it to a statement
 * with bd_hit_log_bind() and pass it as bd_rank()'s second argument.
 *
 * Returns: (transfer full): an empty log, free with bd_hit_log_free()
 */
BdHitLog *
bd_hit_log_new (void)
{
  BdHitLog *log = g_new0 (BdHitLog, 1);

  log->phrase_sizes = g_array_new (FALSE, FALSE, sizeof (int));
  log->rows = g_array_new (FALSE, FALSE, sizeof (LoggedRow));
  log->insts = g_array_new (FALSE, FALSE, sizeof (Inst));

  return log;
}

void
bd_hit_log_free (BdHitLog *log)
{
  g_array_unref (log->phrase_sizes);
  g_array_unref (log->rows);
  g_array_unref (log->insts);
  g_free (log);
}

/**
 * bd_hit_log_bind:
 * @index: the parameter that bd_rank()'s second argument names
 *
 * Returns: an SQLite result code
 */
int
bd_hit_log_bind (BdHitLog     *log,
                 sqlite3_stmt *stmt,
                 int           index)
{
  return sqlite3_bind_pointer (stmt, index, log, HIT_LOG_POINTER_TYPE, NULL);
}

static const LoggedRow *
find_row (BdHitLog *log,
          gint64    rowid)
{
  for (guint i = 0; i < log->rows->len; i++)
    {
      const LoggedRow *row = &g_array_index (log->rows, LoggedRow, i);

      if (row->rowid == rowid)
        return row;
    }

  return NULL;
}

gboolean
bd_hit_log_contains (BdHitLog *log,
                     gint64    rowid)
{
  return find_row (log, rowid) != NULL;
}

/**
 * bd_hit_log_mark:
 * @rowid: a row bd_rank() ranked
 * @column: the column @text is
 * @text: (nullable): the row's text in @column
 * @text_len: its length in bytes
 * @max_chars: 0 for the whole text marked as by bd_highlight(), else the length of a snippet
 *   as bd_snippet() makes it
 * @marked: (out): the text with its hits marked, "" for a %NULL @text
 *
 * Returns: %FALSE when @log holds nothing about @rowid
 */
gboolean
bd_hit_log_mark (BdHitLog    *log,
                 gint64       rowid,
                 int          column,
                 const char  *text,
                 int          text_len,
                 int          max_chars,
                 char       **marked)
{
  const LoggedRow *row = find_row (log, rowid);
  g_autoptr(GArray) hits = NULL;
  gsize len;

  if (row == NULL)
    return FALSE;

  if (text == NULL)
    {
      *marked = g_strdup ("");
      return TRUE;
    }

  hits = collect_hits (&g_array_index (log->insts, Inst, row->first), row->n_inst,
                       (const int *)log->phrase_sizes->data, log->phrase_sizes->len,
                       column, text, text_len);
  if (max_chars > 0)
    *marked = make_snippet (text, text_len, hits, CLAMP (max_chars, 10, 1000), &len);
  else
    *marked = make_highlight (text, text_len, hits, &len);

  return TRUE;
}

/**
 * bd_fts_functions_register:
 *
 * Adds bd_rank(), bd_snippet() and bd_highlight() to FTS5 on @db.
 *
 * Returns: an SQLite result code
 */
int
bd_fts_functions_register (sqlite3 *db)
{
  fts5_api *api = bd_fts5_api_get (db);
  int rc;

  if (api == NULL)
    return SQLITE_ERROR;

  if ((rc = api->xCreateFunction (api, "bd_rank", NULL, bd_rank, NULL)) != SQLITE_OK ||
      (rc = api->xCreateFunction (api, "bd_snippet", NULL, bd_snippet, NULL)) != SQLITE_OK ||
      (rc = api->xCreateFunction (api, "bd_highlight", NULL, bd_highlight, NULL)) != SQLITE_OK)
    return rc;

  return SQLITE_OK;
}

/**
 * bd_marked_text_split:
 * @marked: text from bd_snippet() or bd_highlight()
 * @ranges: (out) (element-type BdRange): the hits, as byte ranges of the returned text
 *
 * Returns: (transfer full): the text without its marks
 */
char *
bd_marked_text_split (const char  *marked,
                      GArray     **ranges)
{
  GString *plain = g_string_sized_new (strlen (marked));
  GArray *found = g_array_new (FALSE, FALSE, sizeof (BdRange));
  BdRange range = { 0 };

  for (const char *p = marked; *p; p++)
    {
      if (*p == BD_MARK_START)
        range.start = plain->len;
      else if (*p == BD_MARK_END)
        {
          range.end = plain->len;
          if (range.end > range.start)
            g_array_append_val (found, range);
        }
      else
        g_string_append_c (plain, *p);
    }

  *ranges = found;
  return g_string_free (plain, FALSE);
}
