/* bd-id-set.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bd-id-set.h"

#define ID_SET_POINTER_TYPE "bd-id-set"

/* A bitmap over the span of the ids: a filter leaves up to every report of the archive, and a
 * bit each is 12 kB for 100,000 of them, tested without a branch on the set's shape. */
struct _BdIdSet
{
  gint64  first;
  gint64  last;
  guint   size;
  guint64 words[];
};

/**
 * bd_id_set_new:
 * @ids: (array length=n_ids): the ids, in any order, repeats allowed
 *
 * Returns: (transfer full): the set of @ids
 */
BdIdSet *
bd_id_set_new (const gint64 *ids,
               guint         n_ids)
{
  BdIdSet *set;
  gint64 first = G_MAXINT64;
  gint64 last = G_MININT64;
  gsize n_words;

  for (guint i = 0; i < n_ids; i++)
    {
      first = MIN (first, ids[i]);
      last = MAX (last, ids[i]);
    }

  n_words = n_ids > 0 ? (gsize)((guint64)(last - first) / 64 + 1) : 0;
  set = g_malloc0 (sizeof (BdIdSet) + n_words * sizeof (guint64));
  set->first = n_ids > 0 ? first : 0;
  set->last = n_ids > 0 ? last : -1;

  for (guint i = 0; i < n_ids; i++)
    {
      guint64 bit = (guint64)(ids[i] - first);
      guint64 mask = G_GUINT64_CONSTANT (1) << (bit % 64);

      if (!(set->words[bit / 64] & mask))
        {
          set->words[bit / 64] |= mask;
          set->size++;
        }
    }

  return set;
}

void
bd_id_set_free (BdIdSet *set)
{
  g_free (set);
}

guint
bd_id_set_get_size (const BdIdSet *set)
{
  return set->size;
}

/* The smallest id of a non-empty set */
gint64
bd_id_set_get_first (const BdIdSet *set)
{
  return set->first;
}

/* The largest id of a non-empty set */
gint64
bd_id_set_get_last (const BdIdSet *set)
{
  return set->last;
}

gboolean
bd_id_set_contains (const BdIdSet *set,
                    gint64         id)
{
  guint64 bit;

  if (id < set->first || id > set->last)
    return FALSE;

  bit = (guint64)(id - set->first);
  return (set->words[bit / 64] >> (bit % 64)) & 1;
}

/**
 * bd_id_set_bind:
 * @index: the parameter that bd_in_set()'s first argument names
 *
 * Returns: an SQLite result code
 */
int
bd_id_set_bind (BdIdSet      *set,
                sqlite3_stmt *stmt,
                int           index)
{
  return sqlite3_bind_pointer (stmt, index, set, ID_SET_POINTER_TYPE, NULL);
}

/* bd_in_set(set, id): whether @id is in the set bound by bd_id_set_bind() */
static void
bd_in_set (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const BdIdSet *set = sqlite3_value_pointer (argv[0], ID_SET_POINTER_TYPE);

  if (set == NULL)
    {
      sqlite3_result_error (context, "bd_in_set() needs a set bound by bd_id_set_bind()", -1);
      return;
    }

  sqlite3_result_int (context, bd_id_set_contains (set, sqlite3_value_int64 (argv[1])));
}

/**
 * bd_id_set_register:
 *
 * Adds bd_in_set() to @db.
 *
 * Returns: an SQLite result code
 */
int
bd_id_set_register (sqlite3 *db)
{
  return sqlite3_create_function (db, "bd_in_set", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                                  bd_in_set, NULL, NULL);
}
