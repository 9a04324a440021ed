/* bd-search.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-search"

#include "config.h"

/* PRId64 rather than G_GINT64_FORMAT in messages: xgettext understands only the former */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bd-archive-private.h"
#include "bd-date.h"
#include "bd-error.h"
#include "bd-fts-functions.h"
#include "bd-id-set.h"
#include "bd-outlet-registry.h"
#include "bd-query.h"
#include "bd-report-private.h"
#include "bd-search.h"
#include "bd-search-result.h"

#define SNIPPET_CHARS 100

/* A statement being built: SQL text and its parameters, all bound as text. */
typedef struct
{
  GString          *sql;
  GPtrArray        *params;
  BdOutletRegistry *outlets;  /* resolves an alias or a domain typed after outlet: */
  BdHitLog         *log;      /* bound to parameter log_param when not NULL */
  guint             log_param;
  BdIdSet          *set;      /* bound to parameter set_param when not NULL */
  guint             set_param;
} Builder;

static void
builder_init (Builder          *builder,
              BdOutletRegistry *outlets,
              const char       *sql)
{
  *builder = (Builder) {
    .sql = g_string_new (sql),
    .params = g_ptr_array_new_with_free_func (g_free),
    .outlets = outlets,
  };
}

static void
builder_clear (Builder *builder)
{
  g_string_free (builder->sql, TRUE);
  g_ptr_array_unref (builder->params);
}

/* Adds a parameter to the statement; a %NULL @value is bound as NULL, or later by the caller,
 * and the parameter's index is returned. */
static guint
builder_param (Builder    *builder,
               const char *value)
{
  g_ptr_array_add (builder->params, g_strdup (value));
  g_string_append_printf (builder->sql, "?%u", builder->params->len);
  return builder->params->len;
}

/* Adds a test that @column is in @set, which the statement binds. */
static void
builder_in_set (Builder    *builder,
                BdIdSet    *set,
                const char *column)
{
  g_string_append (builder->sql, "bd_in_set (");
  builder->set = set;
  builder->set_param = builder_param (builder, NULL);
  g_string_append_printf (builder->sql, ", %s)", column);
}

/* The query's conditions on `reports r`, each preceded by " AND ". */
static void
append_filters (Builder *builder,
                BdQuery *query)
{
  const char * const *outlets = bd_query_get_outlets (query);
  const char * const *tags = bd_query_get_tags (query);
  const char *first_day = NULL;
  const char *last_day = NULL;
  guint levels = bd_query_get_levels (query);

  if (levels != 0)
    {
      gboolean first = TRUE;

      g_string_append (builder->sql, " AND r.level IN (");
      for (guint level = 0; level < BD_N_LEVELS; level++)
        {
          if (levels & (1u << level))
            {
              g_string_append_printf (builder->sql, first ? "%u" : ", %u", level);
              first = FALSE;
            }
        }
      g_string_append (builder->sql, ")");
    }

  if (outlets != NULL && outlets[0] != NULL)
    {
      g_string_append (builder->sql, " AND (");
      for (guint i = 0; outlets[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (builder->sql, " OR ");
          const char *name = NULL;
          BdLevel level;

          g_string_append (builder->sql, "instr (r.outlet, ");
          builder_param (builder, outlets[i]);
          g_string_append (builder->sql, ") > 0");

          /* reports are stored under the outlet's own name: 人民网 finds 人民日报's */
          if (builder->outlets != NULL &&
              bd_outlet_registry_lookup (builder->outlets, outlets[i], &name, &level))
            {
              g_string_append (builder->sql, " OR r.outlet = ");
              builder_param (builder, name);
            }
        }
      g_string_append (builder->sql, ")");
    }

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_string_append (builder->sql,
                       " AND EXISTS (SELECT 1 FROM report_tags rt JOIN tags t ON t.id = rt.tag_id "
                       "WHERE rt.report_id = r.id AND t.name = ");
      builder_param (builder, tags[i]);
      g_string_append (builder->sql, ")");
    }

  if (bd_query_get_date_range (query, &first_day, &last_day))
    {
      if (first_day != NULL)
        {
          g_string_append (builder->sql, " AND r.published >= ");
          builder_param (builder, first_day);
        }
      if (last_day != NULL)
        {
          g_string_append (builder->sql, " AND r.published <= ");
          builder_param (builder, last_day);
        }
    }
}

static int
check_cancelled (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static sqlite3_stmt *
builder_prepare (Builder   *builder,
                 sqlite3   *db,
                 GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, builder->sql->str, -1, &stmt, NULL)) != SQLITE_OK)
    {
      _bd_sqlite_error (error, db, rc);
      return NULL;
    }

  for (guint i = 0; i < builder->params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (builder->params, i), -1, SQLITE_TRANSIENT);

  if ((builder->log != NULL &&
       (rc = bd_hit_log_bind (builder->log, stmt, builder->log_param)) != SQLITE_OK) ||
      (builder->set != NULL &&
       (rc = bd_id_set_bind (builder->set, stmt, builder->set_param)) != SQLITE_OK))
    {
      _bd_sqlite_error (error, db, rc);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

static gboolean
step_failed (sqlite3       *db,
             int            rc,
             GCancellable  *cancellable,
             GError       **error)
{
  if (rc == SQLITE_INTERRUPT && g_cancellable_set_error_if_cancelled (cancellable, error))
    return TRUE;

  return !_bd_sqlite_error (error, db, rc);
}

/* The first characters of a report that matched on filters alone. */
static char *
leading_snippet (const char *body)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = body;
  gboolean space = FALSE;
  guint n = 0;

  for (; *p && n < SNIPPET_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n++;
        }
      g_string_append_unichar (out, c);
      space = FALSE;
      n++;
    }

  if (*p)
    g_string_append (out, "…");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static BdSearchResult *
load_result (BdArchive     *self,
             sqlite3       *db,
             BdQuery       *query,
             gint64         id,
             double         score,
             GError       **error)
{
  g_autoptr(BdReport) report = NULL;
  const char *match = bd_query_get_match (query);
  sqlite3_stmt *stmt;
  BdSearchResult *result = NULL;
  int rc;

  /* FTS5's auxiliary functions run only where the full-text table is scanned by itself, so
   * they are computed before the join */
  if (match != NULL)
    stmt = _bd_archive_prepare (self,
                                "WITH hit AS MATERIALIZED ("
                                "  SELECT rowid AS id, bd_highlight (reports_fts, 0) AS title, "
                                "    bd_snippet (reports_fts, 1, " G_STRINGIFY (SNIPPET_CHARS) ") AS snippet "
                                "  FROM reports_fts WHERE reports_fts MATCH ?1 AND rowid = ?2) "
                                "SELECT " BD_REPORT_COLUMNS ", hit.title, hit.snippet "
                                "FROM hit JOIN reports r ON r.id = hit.id",
                                error);
  else
    stmt = _bd_archive_prepare (self,
                                "SELECT " BD_REPORT_COLUMNS ", r.title, "
                                "  substr (r.body, 1, " G_STRINGIFY (SNIPPET_CHARS) " * 2) "
                                "FROM reports r WHERE r.id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    {
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
    }
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *title = (const char *)sqlite3_column_text (stmt, 15);
      const char *snippet = (const char *)sqlite3_column_text (stmt, 16);
      g_autofree char *plain = NULL;

      report = _bd_report_new_from_row (stmt, FALSE);
      if (match == NULL)
        snippet = plain = leading_snippet (snippet != NULL ? snippet : "");
      result = bd_search_result_new (report, score, title, snippet);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND,
                 _("Report %" PRId64 " went away during the search"), id);
  else
    _bd_sqlite_error (error, db, rc);

  sqlite3_reset (stmt);
  return result;
}

/* A ranked report's highlighted title and snippet from where bd_rank() saw its hits. */
static BdSearchResult *
load_logged_result (BdArchive     *self,
                    sqlite3       *db,
                    BdHitLog      *log,
                    gint64         id,
                    double         score,
                    GError       **error)
{
  g_autoptr(BdReport) report = NULL;
  sqlite3_stmt *stmt;
  BdSearchResult *result = NULL;
  int rc;

  stmt = _bd_archive_prepare (self,
                              "SELECT " BD_REPORT_COLUMNS ", r.title, r.body "
                              "FROM reports r WHERE r.id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *title = NULL;
      g_autofree char *snippet = NULL;

      const char *title_text = (const char *)sqlite3_column_text (stmt, 15);
      int title_len = sqlite3_column_bytes (stmt, 15);
      const char *body = (const char *)sqlite3_column_text (stmt, 16);
      int body_len = sqlite3_column_bytes (stmt, 16);

      report = _bd_report_new_from_row (stmt, FALSE);
      bd_hit_log_mark (log, id, 0, title_text, title_len, 0, &title);
      bd_hit_log_mark (log, id, 1, body, body_len, SNIPPET_CHARS, &snippet);
      result = bd_search_result_new (report, score, title, snippet);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND,
                 _("Report %" PRId64 " went away during the search"), id);
  else
    _bd_sqlite_error (error, db, rc);

  sqlite3_reset (stmt);
  return result;
}

static gboolean
has_filters (BdQuery *query)
{
  const char *first_day = NULL;
  const char *last_day = NULL;

  return bd_query_get_levels (query) != 0 ||
         bd_query_get_outlets (query)[0] != NULL ||
         bd_query_get_tags (query)[0] != NULL ||
         bd_query_get_date_range (query, &first_day, &last_day);
}

/* Steps a statement of (id, score) rows into @ids and @scores. */
static gboolean
collect_rows (sqlite3        *db,
              Builder        *builder,
              GArray         *ids,
              GArray         *scores,
              GCancellable   *cancellable,
              GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  if (!(stmt = builder_prepare (builder, db, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      double score = sqlite3_column_double (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (scores, score);
    }
  if (rc != SQLITE_DONE)
    ok = !step_failed (db, rc, cancellable, error);
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
count_rows (sqlite3        *db,
            Builder        *builder,
            guint          *count,
            GCancellable   *cancellable,
            GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  if (!(stmt = builder_prepare (builder, db, error)))
    return FALSE;

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *count = sqlite3_column_int (stmt, 0);
  else
    ok = !step_failed (db, rc, cancellable, error);
  sqlite3_finalize (stmt);

  return ok;
}

/* Runs a statement of ids into a set, leaving out those in @except, and clears @builder. */
static BdIdSet *
collect_set (sqlite3        *db,
             Builder        *builder,
             const BdIdSet  *except,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = builder_prepare (builder, db, error);
  builder_clear (builder);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (except == NULL || !bd_id_set_contains (except, id))
        g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      step_failed (db, rc, cancellable, error);
      return NULL;
    }

  return bd_id_set_new ((const gint64 *)ids->data, ids->len);
}

/* Testing a filter on a full-text match by looking up its report costs an index seek into a
 * table of wide rows, microseconds each: on a large archive a filter that keeps most reports
 * made ranking the newest matches cost several times more than the ranking itself. So the
 * reports the filters leave are listed once from their indexes, and each match is tested
 * against that list in memory; the span of their ids also bounds the matches FTS5 walks. */
static gboolean
list_filtered (sqlite3           *db,
               BdOutletRegistry  *outlets,
               BdQuery           *query,
               BdIdSet          **set,
               GCancellable      *cancellable,
               GError           **error)
{
  Builder builder;

  *set = NULL;
  if (!has_filters (query))
    return TRUE;

  builder_init (&builder, outlets, "SELECT r.id FROM reports r WHERE 1");
  append_filters (&builder, query);
  *set = collect_set (db, &builder, NULL, cancellable, error);

  return *set != NULL;
}

/* The filters, listed in @set, as a condition on the full-text table alone, where ranking
 * functions can run. */
static void
append_filters_on_fts (Builder *builder,
                       BdIdSet *set)
{
  if (set == NULL)
    return;

  g_string_append_printf (builder->sql,
                          " AND reports_fts.rowid BETWEEN %" G_GINT64_FORMAT
                          " AND %" G_GINT64_FORMAT " AND ",
                          bd_id_set_get_first (set), bd_id_set_get_last (set));
  builder_in_set (builder, set, "reports_fts.rowid");
}

/* Every report @query finds, ranked or not. */
static BdIdSet *
list_matching (sqlite3           *db,
               BdOutletRegistry  *outlets,
               BdQuery           *query,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr(BdIdSet) filtered = NULL;
  g_autoptr(BdIdSet) excluded = NULL;
  const char *match = bd_query_get_match (query);
  const char *exclude = bd_query_get_exclude_match (query);
  Builder builder;

  if (!list_filtered (db, outlets, query, &filtered, cancellable, error))
    return NULL;

  if (filtered != NULL &&
      (bd_id_set_get_size (filtered) == 0 || (match == NULL && exclude == NULL)))
    return g_steal_pointer (&filtered);

  if (match != NULL)
    {
      builder_init (&builder, outlets, "SELECT rowid FROM reports_fts WHERE reports_fts MATCH ");
      builder_param (&builder, match);
      append_filters_on_fts (&builder, filtered);
      return collect_set (db, &builder, NULL, cancellable, error);
    }

  /* only words to leave out: a word in most reports made SQLite build a temporary index of
   * them all, slower than listing them */
  if (exclude != NULL)
    {
      builder_init (&builder, outlets, "SELECT rowid FROM reports_fts WHERE reports_fts MATCH ");
      builder_param (&builder, exclude);
      if (!(excluded = collect_set (db, &builder, NULL, cancellable, error)))
        return NULL;
    }

  builder_init (&builder, outlets, "SELECT r.id FROM reports r WHERE 1");
  if (filtered != NULL)
    {
      g_string_append (builder.sql, " AND ");
      builder_in_set (&builder, filtered, "r.id");
    }

  return collect_set (db, &builder, excluded, cancellable, error);
}

/* A match of the rank window. */
typedef struct
{
  gint64  id;
  double  score;
  char   *published;  /* NULL when the report has no date, or it was not needed */
} Ranked;

static void
ranked_clear (gpointer data)
{
  g_free (((Ranked *)data)->published);
}

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  if (ra->score != rb->score)
    return ra->score > rb->score ? -1 : 1;
  return ra->id > rb->id ? -1 : ra->id < rb->id;
}

/* As ORDER BY score DESC, published DESC NULLS LAST, id DESC: published is NULL or a date of
 * ten digits and dashes, so strcmp() orders it as SQLite's BINARY collation does. */
static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;
  int cmp;

  if (ra->score != rb->score)
    return ra->score > rb->score ? -1 : 1;
  if ((ra->published == NULL) != (rb->published == NULL))
    return ra->published == NULL ? 1 : -1;
  if (ra->published != NULL && (cmp = strcmp (ra->published, rb->published)) != 0)
    return -cmp;
  return ra->id > rb->id ? -1 : ra->id < rb->id;
}

/* The score of the (@k + 1)th best of @n scores, found by partitioning @scores in place. */
static double
kth_best_score (double *scores,
                int     n,
                int     k)
{
  int lo = 0;
  int hi = n - 1;

  while (lo < hi)
    {
      double pivot = scores[lo + (hi - lo) / 2];
      int i = lo;
      int j = hi;

      while (i <= j)
        {
          while (scores[i] > pivot)
            i++;
          while (scores[j] < pivot)
            j--;
          if (i <= j)
            {
              double swap = scores[i];

              scores[i++] = scores[j];
              scores[j--] = swap;
            }
        }

      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }

  return scores[k];
}

/* Moves the matches that can be among the first @end to the front of @window, sorted by score:
 * all those with a score above the end's, and every match tied with it, whose dates decide
 * which of them come first. Returns how many there are. */
static guint
sort_window_front (GArray *window,
                   guint   end)
{
  g_autofree double *scores = NULL;
  double threshold;
  guint n_front = 0;

  if (end >= window->len)
    {
      g_array_sort (window, compare_scores);
      return window->len;
    }

  scores = g_new (double, window->len);
  for (guint i = 0; i < window->len; i++)
    scores[i] = g_array_index (window, Ranked, i).score;
  threshold = kth_best_score (scores, window->len, end - 1);

  for (guint i = 0; i < window->len; i++)
    {
      Ranked *ranked = &g_array_index (window, Ranked, i);

      if (ranked->score >= threshold)
        {
          Ranked swap = *ranked;

          *ranked = g_array_index (window, Ranked, n_front);
          g_array_index (window, Ranked, n_front++) = swap;
        }
    }

  qsort (window->data, n_front, sizeof (Ranked), compare_scores);
  return n_front;
}

/* Orders @window by score, then date, newest first, as far as @end: sorting thousands of rows
 * by a date looked up in each report cost SQLite more than ranking them, and only matches of
 * equal score that the page shows need their dates. */
static gboolean
order_window (sqlite3  *db,
              GArray   *window,
              guint     offset,
              guint     end,
              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  guint n_sorted;
  guint i = 0;
  int rc;

  n_sorted = sort_window_front (window, end);

  while (ok && i < n_sorted && i < end)
    {
      Ranked *group = &g_array_index (window, Ranked, i);
      guint n = 1;

      while (i + n < n_sorted && group[n].score == group[0].score)
        n++;

      if (n > 1 && i + n > offset)
        {
          if (stmt == NULL &&
              (rc = sqlite3_prepare_v2 (db, "SELECT published FROM reports WHERE id = ?1", -1,
                                        &stmt, NULL)) != SQLITE_OK)
            return _bd_sqlite_error (error, db, rc);

          for (guint k = 0; ok && k < n; k++)
            {
              sqlite3_bind_int64 (stmt, 1, group[k].id);
              if ((rc = sqlite3_step (stmt)) == SQLITE_ROW &&
                  sqlite3_column_type (stmt, 0) != SQLITE_NULL)
                group[k].published = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
              else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                ok = _bd_sqlite_error (error, db, rc);
              sqlite3_reset (stmt);
            }

          qsort (group, n, sizeof (Ranked), compare_ranked);
        }

      i += n;
    }

  sqlite3_finalize (stmt);
  return ok;
}

/* Ranking costs a few microseconds a report: a word found in every report of a large archive
 * would take a quarter of a second to rank in full. So the newest matches, as many as the
 * archive's rank window, are ranked, and any older ones follow them newest first: every match
 * is still found. */
static gboolean
search_ranked (sqlite3           *db,
               BdOutletRegistry  *outlets,
               guint              rank_window,
               BdQuery           *query,
               BdHitLog          *log,
               guint              offset,
               guint              limit,
               GArray            *ids,
               GArray            *scores,
               guint             *total,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr(GArray) window_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) window_scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) window = g_array_new (FALSE, TRUE, sizeof (Ranked));
  g_autoptr(BdIdSet) filtered = NULL;
  const char *match = bd_query_get_match (query);
  gint64 oldest = G_MAXINT64;
  guint end = limit > 0 ? offset + limit : G_MAXUINT;
  guint tail_count = 0;
  gboolean full;
  Builder builder;
  gboolean ok;

  if (!list_filtered (db, outlets, query, &filtered, cancellable, error))
    return FALSE;

  if (filtered != NULL && bd_id_set_get_size (filtered) == 0)
    {
      if (total != NULL)
        *total = 0;
      return TRUE;
    }

  builder_init (&builder, outlets,
                "SELECT rowid, bd_rank (reports_fts, ");
  builder.log = log;
  builder.log_param = builder_param (&builder, NULL);
  g_string_append (builder.sql, ", 'reports_fts') AS score FROM reports_fts WHERE reports_fts MATCH ");
  builder_param (&builder, match);
  append_filters_on_fts (&builder, filtered);
  g_string_append_printf (builder.sql, " ORDER BY rowid DESC LIMIT %u", rank_window);
  ok = collect_rows (db, &builder, window_ids, window_scores, cancellable, error);
  builder_clear (&builder);
  if (!ok)
    return FALSE;

  g_array_set_clear_func (window, ranked_clear);
  g_array_set_size (window, window_ids->len);
  for (guint i = 0; i < window_ids->len; i++)
    {
      Ranked *ranked = &g_array_index (window, Ranked, i);

      ranked->id = g_array_index (window_ids, gint64, i);
      ranked->score = g_array_index (window_scores, double, i);
      oldest = MIN (oldest, ranked->id);
    }
  full = window->len == rank_window;

  if (!order_window (db, window, offset, end, error))
    return FALSE;

  for (guint i = offset; i < MIN (end, window->len); i++)
    {
      const Ranked *ranked = &g_array_index (window, Ranked, i);

      g_array_append_val (ids, ranked->id);
      g_array_append_val (scores, ranked->score);
    }

  /* the older matches, newest first, as far as the page reaches */
  if (full && end > window->len)
    {
      g_autofree char *tail_limit = NULL;

      builder_init (&builder, outlets,
                    "SELECT r.id, 0.0 FROM reports_fts JOIN reports r ON r.id = reports_fts.rowid "
                    "WHERE reports_fts MATCH ");
      builder_param (&builder, match);
      g_string_append_printf (builder.sql, " AND reports_fts.rowid < %" G_GINT64_FORMAT, oldest);
      append_filters (&builder, query);
      g_string_append_printf (builder.sql,
                              " ORDER BY r.published DESC NULLS LAST, r.id DESC LIMIT %d OFFSET %u",
                              limit > 0 ? (int)MIN (end - MAX (offset, window->len), G_MAXINT) : -1,
                              offset > window->len ? offset - window->len : 0);
      ok = collect_rows (db, &builder, ids, scores, cancellable, error);
      builder_clear (&builder);
      if (!ok)
        return FALSE;
    }

  if (total == NULL)
    return TRUE;

  if (full)
    {
      builder_init (&builder, outlets, "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH ");
      builder_param (&builder, match);
      g_string_append_printf (builder.sql, " AND reports_fts.rowid < %" G_GINT64_FORMAT, oldest);
      append_filters_on_fts (&builder, filtered);
      ok = count_rows (db, &builder, &tail_count, cancellable, error);
      builder_clear (&builder);
    }

  *total = window->len + tail_count;
  return ok;
}

/* Lists what a query without words finds, newest first. Sorting its reports by a date read
 * from each row took a quarter of a second for the whole of a large archive: the reports are
 * listed from the indexes instead, and the date index is walked newest first, as far as the
 * page goes. */
static gboolean
search_unranked (sqlite3           *db,
                 BdOutletRegistry  *outlets,
                 BdQuery           *query,
                 guint              offset,
                 guint              limit,
                 GArray            *ids,
                 GArray            *scores,
                 guint             *total,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr(BdIdSet) found = NULL;
  Builder builder;
  gboolean ok;

  if (!(found = list_matching (db, outlets, query, cancellable, error)))
    return FALSE;

  builder_init (&builder, outlets, "SELECT id, 0.0 FROM reports WHERE ");
  builder_in_set (&builder, found, "id");
  g_string_append_printf (builder.sql,
                          " ORDER BY published DESC NULLS LAST, id DESC LIMIT %d OFFSET %u",
                          limit > 0 ? (int)MIN (limit, G_MAXINT) : -1, offset);
  ok = collect_rows (db, &builder, ids, scores, cancellable, error);
  builder_clear (&builder);

  if (ok && total != NULL)
    *total = bd_id_set_get_size (found);

  return ok;
}

/**
 * bd_archive_search:
 * @query: what to find; an empty query finds every report
 * @offset: how many results to skip
 * @limit: how many results to return at most, 0 for all
 * @total: (out) (optional): how many reports match in all; counting costs time on a large
 *   archive, so pass %NULL when the number is not shown
 *
 * Finds the reports that match @query: ranked by relevance (title above body, newest first on
 * ties) when it has words to find, newest first otherwise.
 *
 * Returns: (transfer container) (element-type BdSearchResult): the results
 */
GPtrArray *
bd_archive_search (BdArchive     *self,
                   BdQuery       *query,
                   guint          offset,
                   guint          limit,
                   guint         *total,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BdHitLog) log = bd_hit_log_new ();
  sqlite3 *db;
  guint count = 0;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (BD_IS_QUERY (query), NULL);

  /* a small search may end before the progress handler is first called */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  db = _bd_archive_lock (self);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, check_cancelled, cancellable);

  if (bd_query_get_match (query) != NULL)
    search_ranked (db, bd_archive_get_outlets (self), _bd_archive_get_rank_window (self), query,
                   log, offset, limit, ids, scores,
                   total != NULL ? &count : NULL,
                   cancellable, &local_error);
  else
    search_unranked (db, bd_archive_get_outlets (self), query, offset, limit, ids, scores, total != NULL ? &count : NULL,
                     cancellable, &local_error);

  for (guint i = 0; local_error == NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      double score = g_array_index (scores, double, i);
      BdSearchResult *result;

      /* older matches beyond the rank window were never ranked, so have no logged hits */
      if (bd_hit_log_contains (log, id))
        result = load_logged_result (self, db, log, id, score, &local_error);
      else
        result = load_result (self, db, query, id, score, &local_error);
      if (result != NULL)
        g_ptr_array_add (results, result);
    }

  sqlite3_progress_handler (db, 0, NULL, NULL);
  _bd_archive_unlock (self);

  /* whichever statement the cancellation interrupted, and however SQLite words it */
  if (local_error != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&local_error);
      g_cancellable_set_error_if_cancelled (cancellable, &local_error);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (total != NULL)
    *total = count;

  return g_steal_pointer (&results);
}

/* Runs @sql, whose first parameter is @found, handing each row to @add. */
static gboolean
count_groups (sqlite3       *db,
              BdIdSet       *found,
              const char    *sql,
              GCancellable  *cancellable,
              GFunc          add,
              gpointer       user_data,
              GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) != SQLITE_OK ||
      (rc = bd_id_set_bind (found, stmt, 1)) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return _bd_sqlite_error (error, db, rc);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add (stmt, user_data);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return !step_failed (db, rc, cancellable, error);

  return TRUE;
}

/* Counts by level, quarter and outlet from one walk of the index on (published, outlet,
 * level), which holds all three. */
typedef struct
{
  BdFacets   *facets;
  GHashTable *quarters;  /* "2023Q3" or "" → count */
  GHashTable *outlets;   /* name → count */
} ReportCounts;

static void
add_to (GHashTable *counts,
        char       *name,
        guint       n)
{
  n += GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
  g_hash_table_insert (counts, name, GUINT_TO_POINTER (n));
}

static void
add_group (gpointer data,
           gpointer user_data)
{
  sqlite3_stmt *stmt = data;
  ReportCounts *counts = user_data;
  char *quarter = bd_date_quarter ((const char *)sqlite3_column_text (stmt, 0));
  const char *outlet = (const char *)sqlite3_column_text (stmt, 1);
  int level = sqlite3_column_int (stmt, 2);
  guint n = sqlite3_column_int (stmt, 3);

  if (level >= 0 && level < BD_N_LEVELS)
    counts->facets->levels[level] += n;
  counts->facets->total += n;

  add_to (counts->quarters, quarter != NULL ? quarter : g_strdup (""), n);
  add_to (counts->outlets, g_strdup (outlet != NULL ? outlet : ""), n);
}

/* Newest first, undated last */
static int
compare_quarters (gconstpointer a,
                  gconstpointer b)
{
  const BdCount *qa = *(const BdCount * const *)a;
  const BdCount *qb = *(const BdCount * const *)b;

  if ((*qa->name == '\0') != (*qb->name == '\0'))
    return *qa->name == '\0' ? 1 : -1;
  return -strcmp (qa->name, qb->name);
}

/* Most first, then by name as SQLite's BINARY collation orders it */
static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const BdCount *ca = *(const BdCount * const *)a;
  const BdCount *cb = *(const BdCount * const *)b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return strcmp (ca->name, cb->name);
}

static void
take_counts (GHashTable       *counts,
             GPtrArray        *into,
             GCompareFunc      compare)
{
  GHashTableIter iter;
  gpointer name, n;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &name, &n))
    {
      BdCount *count = g_new0 (BdCount, 1);

      count->name = g_strdup (name);
      count->count = GPOINTER_TO_UINT (n);
      g_ptr_array_add (into, count);
    }
  g_ptr_array_sort (into, compare);
}

static gboolean
count_reports (sqlite3       *db,
               BdIdSet       *found,
               BdFacets      *facets,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GHashTable) quarters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) outlets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ReportCounts counts = { facets, quarters, outlets };

  if (!count_groups (db, found,
                     "SELECT published, outlet, level, count(*) FROM reports "
                     "WHERE bd_in_set (?1, id) GROUP BY published, outlet, level",
                     cancellable, add_group, &counts, error))
    return FALSE;

  take_counts (quarters, facets->quarters, compare_quarters);
  take_counts (outlets, facets->outlets, compare_counts);

  return TRUE;
}

static void
add_count (gpointer data,
           gpointer user_data)
{
  sqlite3_stmt *stmt = data;
  BdCount *count = g_new0 (BdCount, 1);
  const char *name = (const char *)sqlite3_column_text (stmt, 0);

  count->name = g_strdup (name != NULL ? name : "");
  count->count = sqlite3_column_int (stmt, 1);
  g_ptr_array_add (user_data, count);
}

/**
 * bd_archive_get_facets:
 *
 * Counts the reports matching @query by level, outlet, tag and quarter.
 *
 * Returns: (transfer full): the counts, free with bd_facets_free()
 */
BdFacets *
bd_archive_get_facets (BdArchive     *self,
                       BdQuery       *query,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(BdFacets) facets = g_new0 (BdFacets, 1);
  g_autoptr(BdIdSet) found = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (BD_IS_QUERY (query), NULL);

  facets->outlets = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_count_free);
  facets->tags = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_count_free);
  facets->quarters = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_count_free);

  db = _bd_archive_lock (self);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, check_cancelled, cancellable);

  /* A group by level, outlet or date joined to the matches looked up each report, an index
   * seek into wide rows per match, four times over. The matches are listed once instead, and
   * the counts scan the small indexes that hold their columns (one for date, outlet and level,
   * one for tags), testing every entry against the list. */
  found = list_matching (db, bd_archive_get_outlets (self), query, cancellable, error);
  ok = found != NULL &&
       count_reports (db, found, facets, cancellable, error) &&
       count_groups (db, found,
                     "SELECT t.name, count(*) AS n FROM report_tags rt "
                     "JOIN tags t ON t.id = rt.tag_id WHERE bd_in_set (?1, rt.report_id) "
                     "GROUP BY t.id ORDER BY n DESC, t.name",
                     cancellable, add_count, facets->tags, error);

  sqlite3_progress_handler (db, 0, NULL, NULL);
  _bd_archive_unlock (self);

  if (!ok)
    return NULL;

  return g_steal_pointer (&facets);
}

/**
 * bd_archive_highlight_text:
 * @query: what was searched for
 * @id: the report
 * @hits: (out) (element-type BdRange): where @query matches the text, in bytes
 *
 * Reads a report's whole text with the places @query finds in it, for a preview that shows
 * them all rather than the snippet's few.
 *
 * Returns: (transfer full): the report's text, or %NULL with @error set
 */
char *
bd_archive_highlight_text (BdArchive     *self,
                           BdQuery       *query,
                           gint64         id,
                           GArray       **hits,
                           GCancellable  *cancellable,
                           GError       **error)
{
  const char *match;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  char *text = NULL;
  int rc;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (BD_IS_QUERY (query), NULL);
  g_return_val_if_fail (hits != NULL, NULL);

  match = bd_query_get_match (query);
  db = _bd_archive_lock (self);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, check_cancelled, cancellable);

  /* a report the query no longer finds (it was edited since) still shows its plain text */
  if (match != NULL)
    stmt = _bd_archive_prepare (self,
                                "SELECT coalesce ("
                                "  (SELECT bd_highlight (reports_fts, 1) FROM reports_fts "
                                "   WHERE reports_fts MATCH ?2 AND rowid = ?1), r.body) "
                                "FROM reports r WHERE r.id = ?1",
                                error);
  else
    stmt = _bd_archive_prepare (self, "SELECT r.body FROM reports r WHERE r.id = ?1", error);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (match != NULL)
        sqlite3_bind_text (stmt, 2, match, -1, SQLITE_TRANSIENT);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *marked = (const char *)sqlite3_column_text (stmt, 0);

          text = bd_marked_text_split (marked != NULL ? marked : "", hits);
        }
      else if (rc == SQLITE_DONE)
        g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND,
                     _("There is no report %" PRId64 " in the archive"), id);
      else if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        _bd_sqlite_error (error, db, rc);

      sqlite3_reset (stmt);
    }

  sqlite3_progress_handler (db, 0, NULL, NULL);
  _bd_archive_unlock (self);

  return text;
}

void
bd_facets_free (BdFacets *facets)
{
  g_clear_pointer (&facets->outlets, g_ptr_array_unref);
  g_clear_pointer (&facets->tags, g_ptr_array_unref);
  g_clear_pointer (&facets->quarters, g_ptr_array_unref);
  g_free (facets);
}
