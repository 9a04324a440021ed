/* bd-archive.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-archive"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
/* Messages print a gint64 with PRId64, which xgettext and gettext understand: G_GINT64_FORMAT
 * would cut the message short in the .pot, leaving it untranslatable. */
#include <inttypes.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bd-archive-private.h"
#include "bd-date.h"
#include "bd-error.h"
#include "bd-files-private.h"
#include "bd-fts-functions.h"
#include "bd-id-set.h"
#include "bd-original-batch-private.h"
#include "bd-outlet.h"
#include "bd-outlet-registry.h"
#include "bd-report-private.h"
#include "bd-tokenizer.h"

#define DATABASE_NAME  "archive.sqlite3"
#define ORIGINALS_DIR  "originals"
#define TMP_DIR        "tmp"
#define IMPORT_LOCK    "import.lock"
#define ORIGINALS_LOCK "originals.lock"
#define MAX_TAG_CHARS  64

struct _BdArchive
{
  GObject           parent_instance;

  char             *path;
  char             *originals_dir;
  char             *tmp_dir;
  char             *import_lock_path;
  char             *originals_lock_path;

  /* One connection, used by one thread at a time; importer workers only read files. */
  GMutex            db_lock;
  sqlite3          *db;
  GHashTable       *statements;

  BdOutletRegistry *outlets;
  int               import_lock_fd;
  guint             rank_window;
  BdArchiveHook     backup_hook;
  gpointer          backup_hook_data;
};

G_DEFINE_FINAL_TYPE (BdArchive, bd_archive, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Each entry migrates the schema from version i to i + 1; never edit one that has shipped. */
static const char * const migrations[] = {
  "CREATE TABLE reports ("
  "  id           INTEGER PRIMARY KEY,"
  "  sha256       TEXT NOT NULL UNIQUE CHECK (length (sha256) = 64),"
  "  title        TEXT NOT NULL DEFAULT '',"
  "  outlet       TEXT NOT NULL DEFAULT '',"
  "  level        INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 3),"
  "  level_manual INTEGER NOT NULL DEFAULT 0,"
  "  published    TEXT CHECK (published IS NULL OR"
  "                           published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
  "  source_url   TEXT NOT NULL DEFAULT '',"
  "  file_name    TEXT NOT NULL,"
  "  import_path  TEXT NOT NULL,"
  "  media_type   TEXT NOT NULL,"
  "  size         INTEGER NOT NULL,"
  "  n_pages      INTEGER NOT NULL DEFAULT 0,"
  "  imported_at  INTEGER NOT NULL,"
  "  modified_at  INTEGER NOT NULL,"
  "  body         TEXT NOT NULL"
  ");"
  "CREATE INDEX reports_published ON reports (published);"
  "CREATE INDEX reports_level ON reports (level, published);"
  "CREATE INDEX reports_outlet ON reports (outlet);"
  "CREATE TABLE tags ("
  "  id   INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE report_tags ("
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (report_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX report_tags_tag ON report_tags (tag_id);"
  "CREATE TABLE outlets ("
  "  name     TEXT PRIMARY KEY,"
  "  level    INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),"
  "  aliases  TEXT NOT NULL DEFAULT '',"
  "  domains  TEXT NOT NULL DEFAULT '',"
  "  added_at INTEGER NOT NULL"
  ");"
  /* The text is stored once, in reports; the index reads it from there for snippets. */
  "CREATE VIRTUAL TABLE reports_fts USING fts5 ("
  "  title, body, content='reports', content_rowid='id', tokenize='" BD_TOKENIZER_NAME "'"
  ");"
  "CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN"
  "  INSERT INTO reports_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;"
  "CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN"
  "  INSERT INTO reports_fts (reports_fts, rowid, title, body)"
  "    VALUES ('delete', old.id, old.title, old.body);"
  "END;"
  "CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, body ON reports BEGIN"
  "  INSERT INTO reports_fts (reports_fts, rowid, title, body)"
  "    VALUES ('delete', old.id, old.title, old.body);"
  "  INSERT INTO reports_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;",
  /* A deleted report's original may only go once the deletion of its row has committed;
   * listed in the same transaction, it is removed by whoever gets there first: the process
   * that deleted it, or the next open after that process was killed. */
  "CREATE TABLE deleted_originals ("
  "  sha256 TEXT PRIMARY KEY"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER reports_deleted_original AFTER DELETE ON reports BEGIN"
  "  INSERT OR IGNORE INTO deleted_originals (sha256) VALUES (old.sha256);"
  "END;",
  /* Counting a period's reports by month, outlet and level read every report's row, wide
   * with its text: 200 ms and more for a quarter of 100,000 reports. This index holds all
   * three, in the order the counts group them; it starts with the date, so it serves
   * wherever the index on the date alone did. */
  "CREATE INDEX reports_period ON reports (published, outlet, level);"
  "DROP INDEX reports_published;",
};

/* A fully migrated archive has this PRAGMA user_version. */
guint
_bd_archive_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
_bd_sqlite_error (GError  **error,
                  sqlite3  *db,
                  int       rc)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("The disk holding the archive is full (%s)"), message);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, BD_ERROR, BD_ERROR_BUSY,
                   _("The archive is busy in another program (%s)"), message);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, BD_ERROR, BD_ERROR_CORRUPT,
                   _("The archive’s database is damaged (%s)"), message);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The archive’s database cannot be written (%s)"), message);
      break;

    default:
      g_set_error (error, BD_ERROR, BD_ERROR_DATABASE,
                   _("The archive’s database failed (%s)"), message);
      break;
    }

  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _bd_sqlite_error (error, db, rc);

  return TRUE;
}

sqlite3 *
_bd_archive_lock (BdArchive *self)
{
  g_mutex_lock (&self->db_lock);
  return self->db;
}

void
_bd_archive_unlock (BdArchive *self)
{
  g_mutex_unlock (&self->db_lock);
}

guint
_bd_archive_get_rank_window (BdArchive *self)
{
  return self->rank_window;
}

/* Tests make the window small to run the path a large archive takes. */
void
_bd_archive_set_rank_window (BdArchive *self,
                             guint      rank_window)
{
  self->rank_window = MAX (rank_window, 1);
}

void
_bd_archive_set_backup_hook (BdArchive     *self,
                             BdArchiveHook  hook,
                             gpointer       data)
{
  self->backup_hook = hook;
  self->backup_hook_data = data;
}

/* Statements are prepared once and kept; the caller holds the database lock. */
sqlite3_stmt *
_bd_archive_prepare (BdArchive   *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _bd_sqlite_error (error, self->db, rc);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  int version;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return _bd_sqlite_error (error, db, sqlite3_errcode (db));
  sqlite3_step (stmt);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > (int)G_N_ELEMENTS (migrations))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_CORRUPT,
                   _("The archive was written by a newer version of Baodao (schema %d); "
                     "update Baodao to open it"),
                   version);
      return FALSE;
    }

  for (guint i = version; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", i + 1);

      if (!exec_sql (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!exec_sql (db, migrations[i], &local_error) ||
          !exec_sql (db, set_version, &local_error) ||
          !exec_sql (db, "COMMIT", &local_error))
        {
          exec_sql (db, "ROLLBACK", NULL);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

static sqlite3 *
open_database (const char  *path,
               GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  /* every use of the connection holds db_lock, so SQLite's own mutex on it, taken by each call
   * that steps a statement or reads a column, would only add to a search's time */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot open the archive’s database %s: %s"),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 10000);

  if ((rc = bd_tokenizer_register (db)) != SQLITE_OK ||
      (rc = bd_fts_functions_register (db)) != SQLITE_OK ||
      (rc = bd_id_set_register (db)) != SQLITE_OK)
    {
      _bd_sqlite_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  /* NORMAL is durable in WAL mode against a crash of the program, not a power cut; every
   * original is on the disk before its row commits, an unclean import is swept on the next
   * open, and a deletion's commit is synced before its originals go. */
  if (!exec_sql (db,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA temp_store = MEMORY;"
                 /* ranking a search reads thousands of index and report pages: measured at
                  * 100,000 reports, a 64 MB page cache halves it against the 2 MB default */
                 "PRAGMA cache_size = -65536;",
                 error) ||
      !migrate (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

char *
_bd_archive_original_path (BdArchive  *self,
                           const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], 0 };

  return g_build_filename (self->originals_dir, prefix, sha256, NULL);
}

const char *
_bd_archive_get_tmp_dir (BdArchive *self)
{
  return self->tmp_dir;
}

static GHashTable *
collect_sha256 (sqlite3  *db,
                GError  **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, "SELECT sha256 FROM reports", -1, &stmt, NULL)) != SQLITE_OK)
    {
      _bd_sqlite_error (error, db, rc);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _bd_sqlite_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&set);
}

GHashTable *
_bd_archive_dup_sha256_set (BdArchive  *self,
                            GError    **error)
{
  GHashTable *set;

  set = collect_sha256 (_bd_archive_lock (self), error);
  _bd_archive_unlock (self);

  return set;
}

/* Removes stored originals that no row refers to: what an import killed between storing a file
 * and committing its row leaves behind. */
static gboolean
sweep_orphans (BdArchive  *self,
               GError    **error)
{
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GDir) top = NULL;
  const char *prefix;

  if (!(known = collect_sha256 (self->db, error)))
    return FALSE;

  if (!(top = g_dir_open (self->originals_dir, 0, error)))
    return FALSE;

  while ((prefix = g_dir_read_name (top)))
    {
      g_autofree char *dir_path = g_build_filename (self->originals_dir, prefix, NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      if (dir == NULL)
        continue;

      while ((name = g_dir_read_name (dir)))
        {
          if (!g_hash_table_contains (known, name))
            {
              g_autofree char *orphan = g_build_filename (dir_path, name, NULL);

              g_debug ("Removing %s, stored by an import that did not finish", orphan);
              g_unlink (orphan);
            }
        }
    }

  return TRUE;
}

/* A backup holds the originals lock shared while it copies the originals of its snapshot, and
 * removing originals takes it exclusively: deletions stay pending while a backup of this
 * process or another runs. An flock() goes with its file, so a crashed backup holds nothing.
 * Returns: the lock's file, locked, or -1 with errno set */
static int
lock_originals (BdArchive *self,
                int        operation)
{
  int fd = open (self->originals_lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  int saved_errno;
  int rc;

  if (fd < 0)
    return -1;

  while ((rc = flock (fd, operation)) != 0 && errno == EINTR)
    ;
  if (rc == 0)
    return fd;

  saved_errno = errno;
  close (fd);
  errno = saved_errno;
  return -1;
}

/* Puts what has committed on the disk. Under synchronous=NORMAL a commit only reaches the WAL
 * in the page cache: a power cut could bring back a deleted row whose original, unlinked after
 * it, is gone for good. One sync covers every deletion that committed, in any process; what is
 * no longer in the WAL was synced by the checkpoint that moved it. The caller holds the write
 * transaction, so nothing is appended meanwhile. */
static gboolean
sync_committed (BdArchive  *self,
                GError    **error)
{
  const char *wal_path = sqlite3_filename_wal (sqlite3_db_filename (self->db, "main"));
  int saved_errno = 0;
  int fd;

  /* opened read-only: SQLite keeps no locks on the WAL, so closing it takes none away */
  fd = open (wal_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT)
    return TRUE;
  if (fd < 0 || fdatasync (fd) != 0)
    saved_errno = errno;
  if (fd >= 0)
    close (fd);

  if (saved_errno != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write the archive’s database %s to the disk: %s"),
                   wal_path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Removes the stored originals of deleted reports, unless a backup is copying originals: then
 * they go when it is done, or at the next deletion or open. In a write transaction: an import
 * of the same bytes, in this process or another, claims the file (takes its hash off the list
 * and stores it again if it is gone) inside the transaction that commits its row, so the two
 * cannot overlap. The caller holds the lock. */
static gboolean
remove_deleted_originals (BdArchive  *self,
                          GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) in_use = g_array_new (FALSE, FALSE, sizeof (gboolean));
  sqlite3_stmt *stmt;
  gboolean pending;
  int lock_fd;
  int rc;

  /* most of the time there is nothing to do, and no need to wait for a writer */
  if (!(stmt = _bd_archive_prepare (self, "SELECT EXISTS (SELECT 1 FROM deleted_originals)", error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  pending = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _bd_sqlite_error (error, self->db, rc);
  if (!pending)
    return TRUE;

  if ((lock_fd = lock_originals (self, LOCK_EX | LOCK_NB)) < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EWOULDBLOCK)
        {
          g_debug ("A backup of %s is copying originals: deleted ones stay for now", self->path);
          return TRUE;
        }
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to the archive %s: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!exec_sql (self->db, "BEGIN IMMEDIATE", &local_error))
    {
      close (lock_fd);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if ((stmt = _bd_archive_prepare (self,
                                   "SELECT d.sha256, EXISTS (SELECT 1 FROM reports r "
                                   "                         WHERE r.sha256 = d.sha256) "
                                   "FROM deleted_originals d",
                                   &local_error)))
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gboolean used = sqlite3_column_int (stmt, 1) != 0;

          g_ptr_array_add (hashes, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
          g_array_append_val (in_use, used);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        _bd_sqlite_error (&local_error, self->db, rc);
    }

  if (local_error == NULL)
    sync_committed (self, &local_error);

  for (guint i = 0; local_error == NULL && i < hashes->len; i++)
    {
      const char *sha256 = g_ptr_array_index (hashes, i);

      /* the same bytes were imported again since: the file is that report's now */
      if (!g_array_index (in_use, gboolean, i))
        {
          g_autofree char *path = _bd_archive_original_path (self, sha256);

          if (g_unlink (path) != 0 && errno != ENOENT)
            {
              g_warning ("Cannot remove %s, the original of a deleted report: %s",
                         path, g_strerror (errno));
              continue;
            }
        }

      if (!(stmt = _bd_archive_prepare (self, "DELETE FROM deleted_originals WHERE sha256 = ?1",
                                        &local_error)))
        break;
      bind_text (stmt, 1, sha256);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        _bd_sqlite_error (&local_error, self->db, rc);
      sqlite3_reset (stmt);
    }

  if (local_error == NULL)
    exec_sql (self->db, "COMMIT", &local_error);

  if (local_error != NULL)
    exec_sql (self->db, "ROLLBACK", NULL);
  close (lock_fd);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
clear_tmp_dir (BdArchive *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (self->tmp_dir, name, NULL);

      g_unlink (path);
    }
}

/* The import lock is a file holding "importing" while an import runs: an flock() tells whether
 * that import is alive; a file still saying so with no lock held marks one that was killed. */
gboolean
_bd_archive_begin_import (BdArchive  *self,
                          GError    **error)
{
  char state[16] = { 0 };
  int fd;

  g_return_val_if_fail (self->import_lock_fd < 0, FALSE);

  fd = open (self->import_lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to the archive %s: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, BD_ERROR, BD_ERROR_BUSY,
                   _("Another import into %s is running; try again when it has finished"),
                   self->path);
      return FALSE;
    }

  if (pread (fd, state, sizeof state - 1, 0) > 0 && g_str_has_prefix (state, "importing"))
    {
      g_autoptr(GError) sweep_error = NULL;

      g_mutex_lock (&self->db_lock);
      if (!sweep_orphans (self, &sweep_error))
        g_warning ("Cannot clean up after an interrupted import: %s", sweep_error->message);
      g_mutex_unlock (&self->db_lock);
    }

  clear_tmp_dir (self);

  if (pwrite (fd, "importing\n", 10, 0) != 10 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to the archive %s: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }

  self->import_lock_fd = fd;
  return TRUE;
}

void
_bd_archive_end_import (BdArchive *self)
{
  if (self->import_lock_fd < 0)
    return;

  if (ftruncate (self->import_lock_fd, 0) != 0)
    g_warning ("Cannot mark the import in %s as finished: %s", self->path, g_strerror (errno));

  close (self->import_lock_fd);
  self->import_lock_fd = -1;
}

static gboolean
load_local_outlets (BdArchive         *self,
                    BdOutletRegistry  *registry,
                    GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT name, level, aliases, domains FROM outlets ORDER BY added_at",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _bd_sqlite_error (error, self->db, rc);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) aliases = g_strsplit ((const char *)sqlite3_column_text (stmt, 2), ";", -1);
      g_auto(GStrv) domains = g_strsplit ((const char *)sqlite3_column_text (stmt, 3), ";", -1);

      bd_outlet_registry_add (registry,
                              (const char *)sqlite3_column_text (stmt, 0),
                              sqlite3_column_int (stmt, 1),
                              (const char * const *)aliases,
                              (const char * const *)domains,
                              TRUE);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _bd_sqlite_error (error, self->db, rc);

  return TRUE;
}

/* The shipped outlets with the archive's own over them, as the database holds them now (in a
 * transaction, with what it has changed so far). */
static BdOutletRegistry *
build_registry (BdArchive  *self,
                GError    **error)
{
  g_autoptr(BdOutletRegistry) registry = bd_outlet_registry_new ();
  g_autofree char *registry_path = bd_outlet_registry_default_path ();

  if (!bd_outlet_registry_load_file (registry, registry_path, error) ||
      !load_local_outlets (self, registry, error))
    return NULL;

  return g_steal_pointer (&registry);
}

static gboolean
make_directory (const char  *path,
                GError     **error)
{
  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the archive folder %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static void
bd_archive_finalize (GObject *object)
{
  BdArchive *self = (BdArchive *)object;

  _bd_archive_end_import (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_object (&self->outlets);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->originals_dir, g_free);
  g_clear_pointer (&self->tmp_dir, g_free);
  g_clear_pointer (&self->import_lock_path, g_free);
  g_clear_pointer (&self->originals_lock_path, g_free);
  g_mutex_clear (&self->db_lock);

  G_OBJECT_CLASS (bd_archive_parent_class)->finalize (object);
}

static void
bd_archive_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BdArchive *self = BD_ARCHIVE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_archive_class_init (BdArchiveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_archive_finalize;
  object_class->get_property = bd_archive_get_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
bd_archive_init (BdArchive *self)
{
  g_mutex_init (&self->db_lock);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->import_lock_fd = -1;
  self->rank_window = BD_DEFAULT_RANK_WINDOW;
}

/**
 * bd_archive_default_path:
 *
 * Returns: (transfer full): `$BAODAO_ARCHIVE`, or `$XDG_DATA_HOME/baodao`
 */
char *
bd_archive_default_path (void)
{
  const char *env = g_getenv ("BAODAO_ARCHIVE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "baodao", NULL);
}

/**
 * bd_archive_open:
 * @path: the archive's folder, created when missing
 * @error: a #GError
 *
 * Opens an archive, creating or upgrading it as needed, and finishes the clean-up of an
 * import or a deletion that was interrupted.
 *
 * Returns: (transfer full): the archive, or %NULL with @error set
 */
BdArchive *
bd_archive_open (const char  *path,
                 GError     **error)
{
  g_autoptr(BdArchive) self = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (BD_TYPE_ARCHIVE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->originals_dir = g_build_filename (self->path, ORIGINALS_DIR, NULL);
  self->tmp_dir = g_build_filename (self->path, TMP_DIR, NULL);
  self->import_lock_path = g_build_filename (self->path, IMPORT_LOCK, NULL);
  self->originals_lock_path = g_build_filename (self->path, ORIGINALS_LOCK, NULL);

  if (!make_directory (self->originals_dir, error) || !make_directory (self->tmp_dir, error))
    return NULL;

  db_path = g_build_filename (self->path, DATABASE_NAME, NULL);
  if (!(self->db = open_database (db_path, &local_error)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", self->path);
      return NULL;
    }

  if (!(self->outlets = build_registry (self, error)))
    return NULL;

  /* A deletion killed before it removed its originals left them for now; when that cannot be
   * done now, verify names them and the next open tries again. */
  if (!remove_deleted_originals (self, &local_error))
    {
      g_warning ("Cannot remove the originals of deleted reports in %s: %s",
                 self->path, local_error->message);
      g_clear_error (&local_error);
    }

  /* Taking the import lock sweeps what a killed import left; when another process is importing
   * right now, its leftovers are its own business. */
  if (_bd_archive_begin_import (self, &local_error))
    _bd_archive_end_import (self);
  else if (!g_error_matches (local_error, BD_ERROR, BD_ERROR_BUSY))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
bd_archive_get_path (BdArchive *self)
{
  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);

  return self->path;
}

/**
 * bd_archive_get_outlets:
 *
 * Returns: (transfer none): the outlet registry: the shipped one with the archive's additions
 */
BdOutletRegistry *
bd_archive_get_outlets (BdArchive *self)
{
  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);

  return self->outlets;
}

guint
bd_archive_count_reports (BdArchive *self)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), 0);

  _bd_archive_lock (self);
  if ((stmt = _bd_archive_prepare (self, "SELECT count(*) FROM reports", NULL)))
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
    }
  _bd_archive_unlock (self);

  return count;
}

char *
_bd_clean_tag (const char  *tag,
               GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GString) clean = NULL;
  gboolean space = FALSE;

  if (tag == NULL || !g_utf8_validate (tag, -1, NULL) ||
      !(normalized = g_utf8_normalize (tag, -1, G_NORMALIZE_NFKC)))
    goto invalid;

  /* Spaces collapse and control characters go, so a tag looks the same wherever it is shown. */
  clean = g_string_new (NULL);
  for (const char *p = normalized; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = clean->len > 0;
      else if (!g_unichar_iscntrl (c) && g_unichar_isdefined (c))
        {
          if (space)
            g_string_append_c (clean, ' ');
          g_string_append_unichar (clean, c);
          space = FALSE;
        }
    }

  if (clean->len == 0 || g_utf8_strlen (clean->str, -1) > MAX_TAG_CHARS)
    goto invalid;

  return g_string_free (g_steal_pointer (&clean), FALSE);

invalid:
  g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
               _("“%s” cannot be a tag: a tag has 1 to %d characters"),
               tag != NULL && g_utf8_validate (tag, -1, NULL) ? tag : "?", MAX_TAG_CHARS);
  return NULL;
}

static gboolean
add_tag (BdArchive   *self,
         gint64       report_id,
         const char  *tag,
         GError     **error)
{
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(clean = _bd_clean_tag (tag, error)))
    return FALSE;

  if (!(stmt = _bd_archive_prepare (self, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", error)))
    return FALSE;
  bind_text (stmt, 1, clean);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _bd_sqlite_error (error, self->db, rc);

  if (!(stmt = _bd_archive_prepare (self,
                                    "INSERT OR IGNORE INTO report_tags (report_id, tag_id) "
                                    "SELECT ?1, id FROM tags WHERE name = ?2",
                                    error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  bind_text (stmt, 2, clean);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _bd_sqlite_error (error, self->db, rc);

  return TRUE;
}

static gboolean
remove_tag (BdArchive   *self,
            gint64       report_id,
            const char  *tag,
            GError     **error)
{
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(clean = _bd_clean_tag (tag, error)))
    return FALSE;

  if (!(stmt = _bd_archive_prepare (self,
                                    "DELETE FROM report_tags WHERE report_id = ?1 AND "
                                    "tag_id = (SELECT id FROM tags WHERE name = ?2)",
                                    error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  bind_text (stmt, 2, clean);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _bd_sqlite_error (error, self->db, rc);

  return TRUE;
}

static gboolean
drop_unused_tags (BdArchive  *self,
                  GError    **error)
{
  return exec_sql (self->db,
                   "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM report_tags)",
                   error);
}

/* Extracted text may hold control characters that would confuse snippets and terminals. */
static char *
clean_text (const char *text)
{
  GString *clean = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      if (c >= 0x20 || c == '\n' || c == '\t')
        g_string_append_c (clean, c);
      else if (c == '\r' || c == '\f' || c == '\v')
        g_string_append_c (clean, '\n');
    }

  return g_string_free (clean, FALSE);
}

/* Returns: the report holding these bytes, or 0 */
gint64
_bd_archive_find_sha256 (BdArchive  *self,
                         const char *sha256)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  _bd_archive_lock (self);
  if ((stmt = _bd_archive_prepare (self, "SELECT id FROM reports WHERE sha256 = ?1", NULL)))
    {
      bind_text (stmt, 1, sha256);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  _bd_archive_unlock (self);

  return id;
}

/**
 * _bd_archive_insert_report:
 * @originals: a batch holding the report's original, made durable already
 *
 * Commits the report's row in a transaction of its own.
 *
 * Returns: the new report, 0 when these bytes are a report already (@duplicate_of), or -1
 */
gint64
_bd_archive_insert_report (BdArchive          *self,
                           const BdNewReport  *report,
                           BdOriginalBatch    *originals,
                           gint64             *duplicate_of,
                           GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id = -1;
  int rc;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), -1);
  g_return_val_if_fail (report != NULL && report->sha256 != NULL, -1);
  g_return_val_if_fail (_bd_original_batch_is_durable (originals, report->sha256), -1);

  *duplicate_of = 0;
  body = clean_text (report->text != NULL ? report->text : "");

  _bd_archive_lock (self);

  if (!exec_sql (self->db, "BEGIN IMMEDIATE", &local_error))
    goto out;

  if (!(stmt = _bd_archive_prepare (self, "SELECT id FROM reports WHERE sha256 = ?1", &local_error)))
    goto rollback;
  bind_text (stmt, 1, report->sha256);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *duplicate_of = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (*duplicate_of > 0)
    {
      id = 0;
      goto rollback;
    }

  /* The file is this report's from now on, even if a deletion of the same bytes is pending.
   * One that ran since the batch stored it has removed it: it is stored again. Removals run in
   * write transactions of their own, so none can come between this and the commit. */
  if (!(stmt = _bd_archive_prepare (self, "DELETE FROM deleted_originals WHERE sha256 = ?1",
                                    &local_error)))
    goto rollback;
  bind_text (stmt, 1, report->sha256);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _bd_sqlite_error (&local_error, self->db, rc);
      goto rollback;
    }

  path = _bd_archive_original_path (self, report->sha256);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
      !_bd_original_batch_restore (originals, report->sha256, &local_error))
    {
      g_prefix_error (&local_error,
                      _("The original %s was removed by the deletion of a report with the same "
                        "contents; import the file again: "),
                      path);
      goto rollback;
    }

  if (!(stmt = _bd_archive_prepare (self,
                                    "INSERT INTO reports (sha256, title, outlet, level, level_manual, "
                                    "  published, source_url, file_name, import_path, media_type, "
                                    "  size, n_pages, imported_at, modified_at, body) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                    "  ?13, ?13, ?14)",
                                    &local_error)))
    goto rollback;

  bind_text (stmt, 1, report->sha256);
  bind_text (stmt, 2, report->title);
  bind_text (stmt, 3, report->outlet);
  sqlite3_bind_int (stmt, 4, report->level);
  sqlite3_bind_int (stmt, 5, report->level_manual);
  if (report->date != NULL)
    bind_text (stmt, 6, report->date);
  bind_text (stmt, 7, report->source_url);
  bind_text (stmt, 8, report->file_name);
  bind_text (stmt, 9, report->import_path);
  bind_text (stmt, 10, report->media_type);
  sqlite3_bind_int64 (stmt, 11, report->size);
  sqlite3_bind_int (stmt, 12, report->n_pages);
  sqlite3_bind_int64 (stmt, 13, now);
  sqlite3_bind_text (stmt, 14, body, -1, SQLITE_STATIC);

  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      _bd_sqlite_error (&local_error, self->db, rc);
      goto rollback;
    }
  id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; report->tags != NULL && report->tags[i] != NULL; i++)
    {
      if (!add_tag (self, id, report->tags[i], &local_error))
        goto rollback;
    }

  if (!exec_sql (self->db, "COMMIT", &local_error))
    goto rollback;

  _bd_original_batch_keep (originals, report->sha256);
  goto out;

rollback:
  exec_sql (self->db, "ROLLBACK", NULL);
  if (local_error != NULL)
    id = -1;

out:
  _bd_archive_unlock (self);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return id;
}

/**
 * bd_archive_get_report:
 * @with_text: whether to load the extracted text too
 *
 * Returns: (transfer full): the report, or %NULL with BD_ERROR_NOT_FOUND
 */
BdReport *
bd_archive_get_report (BdArchive  *self,
                       gint64      id,
                       gboolean    with_text,
                       GError    **error)
{
  sqlite3_stmt *stmt;
  BdReport *report = NULL;
  int rc;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);

  _bd_archive_lock (self);

  if ((stmt = _bd_archive_prepare (self,
                                   "SELECT " BD_REPORT_COLUMNS ", r.body FROM reports r "
                                   "WHERE r.id = ?1",
                                   error)))
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        report = _bd_report_new_from_row (stmt, with_text);
      else if (rc == SQLITE_DONE)
        g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND,
                     _("There is no report %" PRId64 " in the archive"), id);
      else
        _bd_sqlite_error (error, self->db, rc);
      sqlite3_reset (stmt);
    }

  _bd_archive_unlock (self);

  return report;
}

/**
 * bd_archive_list_reports:
 *
 * Returns: (transfer container) (element-type BdReport): every report, newest first
 */
GPtrArray *
bd_archive_list_reports (BdArchive  *self,
                         GError    **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);

  _bd_archive_lock (self);

  if ((stmt = _bd_archive_prepare (self,
                                   "SELECT " BD_REPORT_COLUMNS " FROM reports r "
                                   "ORDER BY r.published DESC NULLS LAST, r.id DESC",
                                   error)))
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (reports, _bd_report_new_from_row (stmt, FALSE));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        _bd_sqlite_error (error, self->db, rc);
    }

  _bd_archive_unlock (self);

  if (stmt == NULL || rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&reports);
}

/**
 * bd_archive_get_original_path:
 *
 * Returns: (transfer full): where the report's original is stored, byte for byte
 */
char *
bd_archive_get_original_path (BdArchive *self,
                              BdReport  *report)
{
  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (BD_IS_REPORT (report), NULL);

  return _bd_archive_original_path (self, bd_report_get_sha256 (report));
}

/* @outlet and @outlet_level are the outlet typed, as the registry knows it. */
static gboolean
update_one (BdArchive              *self,
            gint64                  id,
            const BdReportChanges  *changes,
            const char             *outlet,
            BdLevel                 outlet_level,
            const char             *date,
            GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _bd_archive_prepare (self, "SELECT outlet, level_manual FROM reports WHERE id = ?1",
                                    error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND,
                     _("There is no report %" PRId64 " in the archive"), id);
      else
        _bd_sqlite_error (error, self->db, rc);
      return FALSE;
    }

  /* A corrected outlet brings its level along, unless staff set the level by hand. */
  if (outlet != NULL && !changes->set_level && sqlite3_column_int (stmt, 1) == 0)
    {
      sqlite3_reset (stmt);

      if (!(stmt = _bd_archive_prepare (self, "UPDATE reports SET level = ?2 WHERE id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, outlet_level);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return _bd_sqlite_error (error, self->db, rc);
    }
  sqlite3_reset (stmt);

  if (!(stmt = _bd_archive_prepare (self,
                                    "UPDATE reports SET "
                                    "  title = coalesce (?2, title),"
                                    "  outlet = coalesce (?3, outlet),"
                                    "  published = CASE WHEN ?4 IS NULL THEN published "
                                    "                   WHEN ?4 = '' THEN NULL ELSE ?4 END,"
                                    "  source_url = coalesce (?5, source_url),"
                                    "  level = CASE WHEN ?6 THEN ?7 ELSE level END,"
                                    "  level_manual = CASE WHEN ?6 THEN 1 ELSE level_manual END,"
                                    "  modified_at = ?8 "
                                    "WHERE id = ?1",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (changes->title != NULL)
    bind_text (stmt, 2, changes->title);
  if (outlet != NULL)
    bind_text (stmt, 3, outlet);
  if (date != NULL)
    bind_text (stmt, 4, date);
  if (changes->source_url != NULL)
    bind_text (stmt, 5, changes->source_url);
  sqlite3_bind_int (stmt, 6, changes->set_level);
  sqlite3_bind_int (stmt, 7, changes->level);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);

  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _bd_sqlite_error (error, self->db, rc);

  for (guint i = 0; changes->add_tags != NULL && changes->add_tags[i] != NULL; i++)
    {
      if (!add_tag (self, id, changes->add_tags[i], error))
        return FALSE;
    }

  for (guint i = 0; changes->remove_tags != NULL && changes->remove_tags[i] != NULL; i++)
    {
      if (!remove_tag (self, id, changes->remove_tags[i], error))
        return FALSE;
    }

  return TRUE;
}

/* Ends the transaction a write began: committed when all went well, else rolled back, with
 * @local_error saying why. */
static void
commit_or_rollback (BdArchive  *self,
                    GError    **local_error)
{
  if (*local_error == NULL)
    exec_sql (self->db, "COMMIT", local_error);

  if (*local_error != NULL)
    exec_sql (self->db, "ROLLBACK", NULL);
}

/* Lets other threads at the archive again after a write, passing on its error. */
static gboolean
end_write (BdArchive *self,
           GError    *local_error,
           GError   **error)
{
  _bd_archive_unlock (self);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * bd_archive_update_reports:
 * @ids: (array length=n_ids): the reports to change
 * @changes: what to change in each
 *
 * Changes every report in one transaction: all of them change, or none.
 *
 * Returns: %TRUE on success
 */
gboolean
bd_archive_update_reports (BdArchive              *self,
                           const gint64           *ids,
                           guint                   n_ids,
                           const BdReportChanges  *changes,
                           GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *outlet = NULL;
  BdLevel outlet_level = BD_LEVEL_UNSET;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (changes->set_level && changes->level >= BD_N_LEVELS)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID, _("There is no level %d"), changes->level);
      return FALSE;
    }

  if (changes->date != NULL)
    {
      date = *changes->date != '\0' ? bd_date_normalize (changes->date) : g_strdup ("");
      if (date == NULL)
        {
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                       _("“%s” is not a date: write it as 2023-08-15"), changes->date);
          return FALSE;
        }
    }

  /* Stored under its canonical name, as the importer does, so that the statistics count "人民网"
   * and "人民日报" as the one outlet they are. */
  if (changes->outlet != NULL)
    {
      const char *name = NULL;

      if (bd_outlet_registry_lookup (self->outlets, changes->outlet, &name, &outlet_level))
        outlet = g_strdup (name);
      else
        outlet = g_strstrip (g_strdup (changes->outlet));
    }

  _bd_archive_lock (self);

  if (exec_sql (self->db, "BEGIN IMMEDIATE", &local_error))
    {
      for (guint i = 0; i < n_ids && local_error == NULL; i++)
        update_one (self, ids[i], changes, outlet, outlet_level, date, &local_error);

      if (local_error == NULL)
        drop_unused_tags (self, &local_error);

      commit_or_rollback (self, &local_error);
    }

  return end_write (self, g_steal_pointer (&local_error), error);
}

/**
 * bd_archive_delete_reports:
 * @ids: (array length=n_ids): the reports to remove, with their stored originals
 *
 * Removes every report or none, in one transaction; their originals go once it has committed
 * (when the process is killed before, at the next bd_archive_open()).
 *
 * Returns: %TRUE on success
 */
gboolean
bd_archive_delete_reports (BdArchive     *self,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  _bd_archive_lock (self);

  if (exec_sql (self->db, "BEGIN IMMEDIATE", &local_error))
    {
      for (guint i = 0; i < n_ids && local_error == NULL; i++)
        {
          if (!(stmt = _bd_archive_prepare (self, "DELETE FROM reports WHERE id = ?1", &local_error)))
            break;
          sqlite3_bind_int64 (stmt, 1, ids[i]);
          if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
            _bd_sqlite_error (&local_error, self->db, rc);
          else if (sqlite3_changes (self->db) == 0)
            g_set_error (&local_error, BD_ERROR, BD_ERROR_NOT_FOUND,
                         _("There is no report %" PRId64 " in the archive"), ids[i]);
          sqlite3_reset (stmt);
        }

      if (local_error == NULL)
        drop_unused_tags (self, &local_error);

      commit_or_rollback (self, &local_error);
    }

  /* The rows are gone for good: only now may their originals go. What cannot go now (a full
   * disk, another process writing) goes at the next open. */
  if (local_error == NULL)
    {
      g_autoptr(GError) remove_error = NULL;

      if (!remove_deleted_originals (self, &remove_error))
        g_debug ("The originals of deleted reports in %s stay until the next open: %s",
                 self->path, remove_error->message);
    }

  return end_write (self, g_steal_pointer (&local_error), error);
}

/* What a worker thread needs of an update or a deletion: its own copy of everything, since the
 * caller's strings and arrays may be gone before the thread runs. */
typedef struct
{
  GArray          *ids;
  BdReportChanges  changes;
} ReportsRequest;

static void
reports_request_free (ReportsRequest *request)
{
  g_array_unref (request->ids);
  g_free ((char *)request->changes.title);
  g_free ((char *)request->changes.outlet);
  g_free ((char *)request->changes.date);
  g_free ((char *)request->changes.source_url);
  g_strfreev ((char **)request->changes.add_tags);
  g_strfreev ((char **)request->changes.remove_tags);
  g_free (request);
}

static GTask *
reports_task_new (BdArchive              *self,
                  const gint64           *ids,
                  guint                   n_ids,
                  const BdReportChanges  *changes,
                  GCancellable           *cancellable,
                  GAsyncReadyCallback     callback,
                  gpointer                user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ReportsRequest *request = g_new0 (ReportsRequest, 1);

  request->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (request->ids, ids, n_ids);
  if (changes != NULL)
    {
      request->changes = *changes;
      request->changes.title = g_strdup (changes->title);
      request->changes.outlet = g_strdup (changes->outlet);
      request->changes.date = g_strdup (changes->date);
      request->changes.source_url = g_strdup (changes->source_url);
      request->changes.add_tags = (const char * const *)g_strdupv ((char **)changes->add_tags);
      request->changes.remove_tags =
        (const char * const *)g_strdupv ((char **)changes->remove_tags);
    }
  g_task_set_task_data (task, request, (GDestroyNotify)reports_request_free);

  return task;
}

static void
update_reports_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  BdArchive *self = source_object;
  ReportsRequest *request = task_data;
  const gint64 *ids = (const gint64 *)request->ids->data;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  if (!bd_archive_update_reports (self, ids, request->ids->len, &request->changes, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < request->ids->len; i++)
    {
      BdReport *report = bd_archive_get_report (self, ids[i], FALSE, &error);

      if (report == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (reports, report);
    }

  g_task_return_pointer (task, g_steal_pointer (&reports), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * bd_archive_update_reports_async:
 * @ids: (array length=n_ids): the reports to change
 * @changes: what to change in each; copied
 * @cancellable: (nullable): cancelling it does not undo the change, it only makes the result
 *   %G_IO_ERROR_CANCELLED, for a caller that no longer wants it
 *
 * Runs bd_archive_update_reports() on a worker thread, then reads the reports back, since the
 * archive may change more than was asked: a new outlet brings its level along.
 */
void
bd_archive_update_reports_async (BdArchive              *self,
                                 const gint64           *ids,
                                 guint                   n_ids,
                                 const BdReportChanges  *changes,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BD_IS_ARCHIVE (self));
  g_return_if_fail (ids != NULL || n_ids == 0);
  g_return_if_fail (changes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = reports_task_new (self, ids, n_ids, changes, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_archive_update_reports_async);
  g_task_run_in_thread (task, update_reports_thread);
}

/**
 * bd_archive_update_reports_finish:
 *
 * Returns: (transfer container) (element-type BdReport): the reports as the archive has them
 *   now, in the order of the ids, or %NULL on error
 */
GPtrArray *
bd_archive_update_reports_finish (BdArchive     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bd_archive_update_reports_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_reports_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ReportsRequest *request = task_data;
  GError *error = NULL;

  if (bd_archive_delete_reports (source_object, (const gint64 *)request->ids->data,
                                 request->ids->len, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * bd_archive_delete_reports_async:
 * @ids: (array length=n_ids): the reports to remove; copied
 * @cancellable: (nullable): as for bd_archive_update_reports_async()
 *
 * Runs bd_archive_delete_reports() on a worker thread.
 */
void
bd_archive_delete_reports_async (BdArchive           *self,
                                 const gint64        *ids,
                                 guint                n_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BD_IS_ARCHIVE (self));
  g_return_if_fail (ids != NULL || n_ids == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = reports_task_new (self, ids, n_ids, NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_archive_delete_reports_async);
  g_task_run_in_thread (task, delete_reports_thread);
}

gboolean
bd_archive_delete_reports_finish (BdArchive     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (BD_IS_ARCHIVE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bd_archive_delete_reports_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bd_count_free (BdCount *count)
{
  g_free (count->name);
  g_free (count);
}

/**
 * bd_archive_list_tags:
 *
 * Returns: (transfer container) (element-type BdCount): every tag with its number of
 *   reports, most used first
 */
GPtrArray *
bd_archive_list_tags (BdArchive  *self,
                      GError    **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_count_free);
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), NULL);

  _bd_archive_lock (self);

  if ((stmt = _bd_archive_prepare (self,
                                   "SELECT t.name, count(*) AS n FROM tags t "
                                   "JOIN report_tags rt ON rt.tag_id = t.id "
                                   "GROUP BY t.id ORDER BY n DESC, t.name",
                                   error)))
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          BdCount *tag = g_new0 (BdCount, 1);

          tag->name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
          tag->count = sqlite3_column_int (stmt, 1);
          g_ptr_array_add (tags, tag);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        _bd_sqlite_error (error, self->db, rc);
    }

  _bd_archive_unlock (self);

  if (stmt == NULL || rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&tags);
}

/* Sets the level of the reports from @outlet that staff did not classify by hand, adding how
 * many changed to @n_reclassified. */
static gboolean
reclassify_outlet (BdArchive   *self,
                   const char  *outlet,
                   BdLevel      level,
                   guint       *n_reclassified,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _bd_archive_prepare (self,
                                    "UPDATE reports SET level = ?2 "
                                    "WHERE outlet = ?1 AND level_manual = 0 AND level != ?2",
                                    error)))
    return FALSE;

  bind_text (stmt, 1, outlet);
  sqlite3_bind_int (stmt, 2, level);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _bd_sqlite_error (error, self->db, rc);

  *n_reclassified += sqlite3_changes (self->db);

  return TRUE;
}

/* Stores the reports that give another of @outlet's names under its canonical name, as an import
 * would now, and gives those that staff did not classify by hand its level: "XX县融媒" imported
 * while the registry did not know it is the "XX县融媒体中心" the office then added with that
 * other name, and the statistics must count the two as one. */
static gboolean
adopt_reports (BdArchive         *self,
               BdOutletRegistry  *registry,
               BdOutlet          *outlet,
               guint             *n_changed,
               GError           **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *canonical = bd_outlet_get_name (outlet);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _bd_archive_prepare (self,
                                    "SELECT DISTINCT outlet FROM reports "
                                    "WHERE outlet != ?1 AND outlet != ''",
                                    error)))
    return FALSE;

  bind_text (stmt, 1, canonical);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      g_autoptr(BdOutlet) holder = bd_outlet_registry_match_name (registry, name);

      /* a page that named no outlet is stored under its host, as an import finds it */
      if (holder == NULL)
        holder = bd_outlet_registry_match_domain (registry, name);

      if (holder == outlet)
        g_ptr_array_add (names, g_strdup (name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _bd_sqlite_error (error, self->db, rc);

  for (guint i = 0; i < names->len; i++)
    {
      if (!(stmt = _bd_archive_prepare (self,
                                        "UPDATE reports SET outlet = ?2, "
                                        "  level = CASE WHEN level_manual = 0 THEN ?3 "
                                        "          ELSE level END "
                                        "WHERE outlet = ?1",
                                        error)))
        return FALSE;

      bind_text (stmt, 1, g_ptr_array_index (names, i));
      bind_text (stmt, 2, canonical);
      sqlite3_bind_int (stmt, 3, bd_outlet_get_level (outlet));
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return _bd_sqlite_error (error, self->db, rc);

      *n_changed += sqlite3_changes (self->db);
    }

  return TRUE;
}

/* Ends the transaction an outlet was changed in, and on success has the registry show the change:
 * the registry is read again from the database (unless @built, taken, already was) before the
 * commit, so that a failure leaves both as they were. */
static gboolean
finish_outlet_change (BdArchive         *self,
                      BdOutletRegistry  *built,
                      GError           **error)
{
  g_autoptr(BdOutletRegistry) registry = built;

  if ((registry == NULL && !(registry = build_registry (self, error))) ||
      !exec_sql (self->db, "COMMIT", error))
    {
      exec_sql (self->db, "ROLLBACK", NULL);
      return FALSE;
    }

  bd_outlet_registry_swap (self->outlets, registry);

  return TRUE;
}

/**
 * bd_archive_add_outlet:
 * @n_reclassified: (out) (optional): how many reports changed: took the outlet's level, or its
 *   name
 *
 * Adds an outlet to the archive's own registry, or changes one: it overrides the shipped
 * registry. Reports from that outlet whose level was not set by hand take its level; reports
 * stored under one of its other names, or under the host of a page on one of its domains that
 * named no outlet, are stored under its name, as an import would now store them. The name,
 * the other names and the web domains may not be another outlet's (see
 * bd_outlet_registry_check_names() and bd_outlet_registry_check_domains()).
 *
 * Returns: %TRUE on success; %BD_ERROR_INVALID without a name or a level, or for a name or a
 *   domain another outlet has
 */
gboolean
bd_archive_add_outlet (BdArchive           *self,
                       const char          *name,
                       BdLevel              level,
                       const char * const  *aliases,
                       const char * const  *domains,
                       guint               *n_reclassified,
                       GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *joined_aliases = NULL;
  g_autofree char *joined_domains = NULL;
  guint n_changed = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean_name = g_strstrip (g_strdup (name));
  if (*clean_name == '\0' || level >= BD_N_LEVELS)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                   _("An outlet needs a name and a level"));
      return FALSE;
    }

  joined_aliases = aliases != NULL ? g_strjoinv (";", (char **)aliases) : g_strdup ("");
  joined_domains = domains != NULL ? g_strjoinv (";", (char **)domains) : g_strdup ("");

  _bd_archive_lock (self);

  if (exec_sql (self->db, "BEGIN IMMEDIATE", &local_error))
    {
      g_autoptr(BdOutletRegistry) before = NULL;
      g_autoptr(BdOutletRegistry) after = NULL;
      g_autoptr(BdOutlet) outlet = NULL;

      /* checked against the outlets as another process may have left them */
      if ((before = build_registry (self, &local_error)) &&
          bd_outlet_registry_check_names (before, clean_name, aliases, &local_error))
        bd_outlet_registry_check_domains (before, clean_name, domains, &local_error);

      if (local_error == NULL &&
          (stmt = _bd_archive_prepare (self,
                                       "INSERT OR REPLACE INTO outlets "
                                       "(name, level, aliases, domains, added_at) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5)",
                                       &local_error)))
        {
          bind_text (stmt, 1, clean_name);
          sqlite3_bind_int (stmt, 2, level);
          bind_text (stmt, 3, joined_aliases);
          bind_text (stmt, 4, joined_domains);
          sqlite3_bind_int64 (stmt, 5, g_get_real_time ());

          if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
            _bd_sqlite_error (&local_error, self->db, rc);
        }

      if (local_error == NULL && (after = build_registry (self, &local_error)))
        {
          outlet = bd_outlet_registry_get_outlet (after, clean_name);
          g_assert (outlet != NULL);
          if (adopt_reports (self, after, outlet, &n_changed, &local_error))
            reclassify_outlet (self, bd_outlet_get_name (outlet), level, &n_changed,
                               &local_error);
        }

      if (local_error == NULL)
        finish_outlet_change (self, g_steal_pointer (&after), &local_error);
      else
        exec_sql (self->db, "ROLLBACK", NULL);
    }

  if (local_error == NULL && n_reclassified != NULL)
    *n_reclassified = n_changed;

  return end_write (self, g_steal_pointer (&local_error), error);
}

/**
 * bd_archive_remove_outlet:
 * @name: the name of an outlet the archive added or overrode, as bd_outlet_get_name() gives it
 * @n_reclassified: (out) (optional): how many reports changed level
 *
 * Removes an outlet from the archive's own registry: an outlet the archive added is forgotten,
 * a shipped one it overrode is as shipped again. Reports from that outlet keep its name, under
 * which bd_archive_add_outlet() stored those that gave another of its names; those whose level
 * was not set by hand take the level the registry then gives that name, as an import would, or
 * none.
 *
 * Returns: %TRUE on success; %BD_ERROR_NOT_FOUND when the archive has no outlet of that name
 */
gboolean
bd_archive_remove_outlet (BdArchive   *self,
                          const char  *name,
                          guint       *n_reclassified,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean_name = NULL;
  guint n_changed = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean_name = g_strstrip (g_strdup (name));

  _bd_archive_lock (self);

  if (exec_sql (self->db, "BEGIN IMMEDIATE", &local_error))
    {
      g_autoptr(BdOutletRegistry) registry = NULL;
      BdLevel level = BD_LEVEL_UNSET;

      if ((stmt = _bd_archive_prepare (self, "DELETE FROM outlets WHERE name = ?1",
                                       &local_error)))
        {
          bind_text (stmt, 1, clean_name);

          if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
            _bd_sqlite_error (&local_error, self->db, rc);
          else if (sqlite3_changes (self->db) == 0)
            g_set_error (&local_error, BD_ERROR, BD_ERROR_NOT_FOUND,
                         _("This archive has not added an outlet named “%s”"), clean_name);
        }

      /* the level an import would give the outlet now */
      if (local_error == NULL && (registry = build_registry (self, &local_error)) &&
          !bd_outlet_registry_lookup (registry, clean_name, NULL, &level))
        level = BD_LEVEL_UNSET;

      if (local_error == NULL)
        reclassify_outlet (self, clean_name, level, &n_changed, &local_error);

      if (local_error == NULL)
        finish_outlet_change (self, g_steal_pointer (&registry), &local_error);
      else
        exec_sql (self->db, "ROLLBACK", NULL);
    }

  if (local_error == NULL && n_reclassified != NULL)
    *n_reclassified = n_changed;

  return end_write (self, g_steal_pointer (&local_error), error);
}

static gboolean
file_sha256_equals (const char  *path,
                    const char  *expected,
                    GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 buffer[64 * 1024];
  gssize n;

  if (!(stream = g_file_read (file, NULL, error)))
    return FALSE;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error)) > 0)
    g_checksum_update (checksum, buffer, n);

  if (n < 0)
    return FALSE;

  return g_str_equal (g_checksum_get_string (checksum), expected);
}

/**
 * bd_archive_verify:
 * @problems: (out) (transfer full) (element-type utf8): one translated sentence per problem
 *
 * Checks the database's integrity, the search index, and every stored original against its
 * SHA-256, and looks for stored files that no report refers to.
 *
 * Returns: %TRUE when the check ran (even if it found problems)
 */
gboolean
bd_archive_verify (BdArchive     *self,
                   GCancellable  *cancellable,
                   GPtrArray    **problems,
                   GError       **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) top = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *prefix;
  int rc;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  _bd_archive_lock (self);

  if ((rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL)) != SQLITE_OK)
    {
      _bd_sqlite_error (error, self->db, rc);
      _bd_archive_unlock (self);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *line = (const char *)sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup_printf (_("Database: %s"), line));
    }
  sqlite3_finalize (stmt);

  rc = sqlite3_exec (self->db,
                     "INSERT INTO reports_fts (reports_fts, rank) VALUES ('integrity-check', 1)",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_ptr_array_add (found, g_strdup_printf (_("The search index does not match the reports (%s)"),
                                             sqlite3_errmsg (self->db)));

  if ((rc = sqlite3_prepare_v2 (self->db, "SELECT id, sha256, title FROM reports ORDER BY id",
                                -1, &stmt, NULL)) != SQLITE_OK)
    {
      _bd_sqlite_error (error, self->db, rc);
      _bd_archive_unlock (self);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (hashes, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (titles, g_strdup ((const char *)sqlite3_column_text (stmt, 2)));
      g_hash_table_add (known, g_ptr_array_index (hashes, hashes->len - 1));
    }
  sqlite3_finalize (stmt);

  _bd_archive_unlock (self);

  /* Hashing reads every original: done without holding the database. Originals never change
   * once stored, and a report deleted meanwhile only shows up as a missing file. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) read_error = NULL;
      g_autofree char *path = _bd_archive_original_path (self, g_ptr_array_index (hashes, i));
      const char *title = g_ptr_array_index (titles, i);
      gint64 id = g_array_index (ids, gint64, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (file_sha256_equals (path, g_ptr_array_index (hashes, i), &read_error))
        continue;

      if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_ptr_array_add (found,
                         g_strdup_printf (_("Report %" PRId64 " “%s”: its original is missing (%s)"),
                                          id, title, path));
      else if (read_error != NULL)
        g_ptr_array_add (found,
                         g_strdup_printf (_("Report %" PRId64 " “%s”: its original cannot be read: %s"),
                                          id, title, read_error->message));
      else
        g_ptr_array_add (found,
                         g_strdup_printf (_("Report %" PRId64 " “%s”: its original has changed or "
                                            "is damaged (its SHA-256 differs): %s"),
                                          id, title, path));
    }

  if ((top = g_dir_open (self->originals_dir, 0, error)) == NULL)
    return FALSE;

  while ((prefix = g_dir_read_name (top)))
    {
      g_autofree char *dir_path = g_build_filename (self->originals_dir, prefix, NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          if (!g_hash_table_contains (known, name))
            g_ptr_array_add (found,
                             g_strdup_printf (_("Stored file %s belongs to no report"), name));
        }
    }

  *problems = g_steal_pointer (&found);
  return TRUE;
}

/* Copies a snapshot of the database into @copy, then the originals its reports refer to: taken
 * from the snapshot, since another process may commit to the archive meanwhile. */
static gboolean
copy_snapshot (BdArchive     *self,
                sqlite3       *copy,
                const char    *work_dir,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GHashTable) hashes = NULL;
  sqlite3_backup *backup;
  GHashTableIter iter;
  gpointer key;
  int rc;

  _bd_archive_lock (self);
  backup = sqlite3_backup_init (copy, "main", self->db, "main");
  if (backup == NULL)
    {
      _bd_archive_unlock (self);
      return _bd_sqlite_error (error, copy, sqlite3_errcode (copy));
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  _bd_archive_unlock (self);

  if (rc != SQLITE_DONE)
    return _bd_sqlite_error (error, copy, rc);
  if (!(hashes = collect_sha256 (copy, error)))
    return FALSE;

  if (self->backup_hook != NULL)
    self->backup_hook (self, self->backup_hook_data);

  g_hash_table_iter_init (&iter, hashes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *sha256 = key;
      char prefix[3] = { sha256[0], sha256[1], 0 };
      g_autofree char *from = _bd_archive_original_path (self, sha256);
      g_autofree char *to_dir = g_build_filename (work_dir, ORIGINALS_DIR, prefix, NULL);
      g_autofree char *to = g_build_filename (to_dir, sha256, NULL);
      g_autoptr(GFile) from_file = g_file_new_for_path (from);
      g_autoptr(GFile) to_file = g_file_new_for_path (to);

      if (!make_directory (to_dir, error) ||
          !g_file_copy (from_file, to_file, G_FILE_COPY_NONE, cancellable, NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * bd_archive_backup:
 * @destination: a folder that does not exist yet
 *
 * Copies the archive while it is in use: a consistent snapshot of the database (SQLite's
 * online backup) and the originals it refers to. The copy is an archive of its own.
 *
 * Returns: %TRUE on success
 */
gboolean
bd_archive_backup (BdArchive     *self,
                   const char    *destination,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *work_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) remove_error = NULL;
  sqlite3 *copy = NULL;
  gboolean copied;
  int lock_fd;
  int rc;

  g_return_val_if_fail (BD_IS_ARCHIVE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already exists: a backup goes into a new folder"), destination);
      return FALSE;
    }

  /* Built beside the destination under another name, then renamed: never half a backup. */
  parent = g_path_get_dirname (destination);
  base = g_path_get_basename (destination);
  work_dir = g_strdup_printf ("%s/.%s.partial-XXXXXX", parent, base);
  if (g_mkdtemp (work_dir) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the backup in %s: %s"), parent, g_strerror (saved_errno));
      return FALSE;
    }

  db_path = g_build_filename (work_dir, DATABASE_NAME, NULL);
  if ((rc = sqlite3_open (db_path, &copy)) != SQLITE_OK)
    {
      _bd_sqlite_error (error, copy, rc);
      goto failed;
    }

  /* Taken before the snapshot: no original it refers to can go until they are copied. */
  if ((lock_fd = lock_originals (self, LOCK_SH)) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to the archive %s: %s"), self->path, g_strerror (saved_errno));
      goto failed;
    }

  copied = copy_snapshot (self, copy, work_dir, cancellable, error);

  close (lock_fd);
  /* what was deleted meanwhile may go now */
  _bd_archive_lock (self);
  if (!remove_deleted_originals (self, &remove_error))
    g_debug ("The originals of deleted reports in %s stay until the next open: %s",
             self->path, remove_error->message);
  _bd_archive_unlock (self);

  if (!copied)
    goto failed;

  sqlite3_close (copy);
  copy = NULL;

  /* on the disk before it takes its name: a backup that was announced survives a power cut,
   * which on a USB stick pulled out too early is the likely one */
  if (!_bd_sync_tree (work_dir, error))
    goto failed;

  if (g_rename (work_dir, destination) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the backup %s: %s"), destination, g_strerror (saved_errno));
      goto failed;
    }

  return _bd_fsync_directory (parent, error);

failed:
  if (copy != NULL)
    sqlite3_close (copy);
  _bd_remove_tree (work_dir);
  return FALSE;
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (bd_archive_backup (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * bd_archive_backup_async:
 * @destination: a folder that does not exist yet
 *
 * Like bd_archive_backup(), on a thread of its own.
 */
void
bd_archive_backup_async (BdArchive           *self,
                         const char          *destination,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BD_IS_ARCHIVE (self));
  g_return_if_fail (destination != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_archive_backup_async);
  g_task_set_task_data (task, g_strdup (destination), g_free);
  g_task_run_in_thread (task, backup_thread);
}

gboolean
bd_archive_backup_finish (BdArchive     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (BD_IS_ARCHIVE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
