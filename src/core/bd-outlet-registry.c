/* bd-outlet-registry.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "bd-error.h"
#include "bd-outlet.h"
#include "bd-outlet-registry.h"

/* Names of two characters (求是, 央视) also occur inside ordinary words (实事求是), so running
 * text is only searched for names of at least this many characters. Lookups still take short
 * names: a source field is a few words, not prose.
 */
#define FIND_MIN_CHARS 3

/* What people put before an outlet's name in a source line: "来源：十堰日报". */
static const char * const source_prefixes[] = {
  "稿件来源", "信息来源", "文章来源", "新闻来源", "来源", "转载自", "转自", "摘自", "出处",
};

typedef struct
{
  char  *text;
  gsize  n_bytes;
  guint  n_chars;
} Key;

/* The tables only change under the writer lock, and lookups never change them, so any number of
 * worker threads can look outlets up while another thread adds a local one. Outlets are immutable
 * and replaced rather than edited; names handed out are interned so they outlive a replacement.
 */
struct _BdOutletRegistry
{
  GObject      parent_instance;

  GRWLock      lock;

  /* folded canonical name → BdOutlet: one entry per outlet */
  GHashTable  *outlets;
  /* folded name or alias → the BdOutlet that claims it */
  GHashTable  *keys;
  /* domain → the BdOutlet that claims it */
  GHashTable  *domains;
  /* first character of a folded key → GPtrArray of Key, longest first */
  GHashTable  *by_first_char;
};

G_DEFINE_FINAL_TYPE (BdOutletRegistry, bd_outlet_registry, G_TYPE_OBJECT)

static void
key_free (gpointer data)
{
  Key *key = data;

  g_free (key->text);
  g_free (key);
}

static int
key_compare_longest_first (gconstpointer a,
                           gconstpointer b)
{
  const Key *ka = *(const Key **)a;
  const Key *kb = *(const Key **)b;

  if (ka->n_chars != kb->n_chars)
    return ka->n_chars < kb->n_chars ? 1 : -1;

  return strcmp (ka->text, kb->text);
}

/* NFKC makes full-width letters, digits and punctuation ordinary ones; case folding makes
 * "CCTV" and "cctv" one name; whitespace and invisible characters go because extracted PDF text
 * often spaces out a masthead ("湖 北 日 报").
 */
static char *
fold_key (const char *text,
          gssize      length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  g_autofree char *nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (nfkc, -1);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (g_unichar_isspace (c) || type == G_UNICODE_FORMAT || type == G_UNICODE_CONTROL)
        continue;

      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static const char *
skip_punctuation (const char *p)
{
  while (*p && g_unichar_ispunct (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  return p;
}

/* Turns a source field ("来源：【十堰日报】") into what should be the bare name, in place. */
static void
trim_source_line (char *folded)
{
  const char *start = skip_punctuation (folded);
  char *end;

  for (guint i = 0; i < G_N_ELEMENTS (source_prefixes); i++)
    {
      if (g_str_has_prefix (start, source_prefixes[i]))
        {
          const char *rest = skip_punctuation (start + strlen (source_prefixes[i]));

          if (*rest)
            start = rest;
          break;
        }
    }

  end = (char *)start + strlen (start);
  while (end > start)
    {
      char *prev = g_utf8_prev_char (end);

      if (!g_unichar_ispunct (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  memmove (folded, start, end - start);
  folded[end - start] = '\0';
}

static gboolean
is_host_name (const char *host)
{
  const char *label = host;
  const char *last_label = NULL;
  guint n_labels = 0;

  for (const char *p = host; ; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          gsize len = p - label;

          if (len == 0 || len > 63 || label[0] == '-' || p[-1] == '-')
            return FALSE;

          n_labels++;
          last_label = label;

          if (*p == '\0')
            break;

          label = p + 1;
        }
      else if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
        {
          return FALSE;
        }
    }

  if (n_labels < 2)
    return FALSE;

  /* A top-level domain is letters or punycode: this keeps "2023.5.12" from being a host. */
  if (g_str_has_prefix (last_label, "xn--"))
    return TRUE;

  for (const char *p = last_label; *p; p++)
    {
      if (!g_ascii_islower (*p))
        return FALSE;
    }

  return strlen (last_label) >= 2;
}

/* The host of a URL, of "host/path" or of a bare host name; %NULL when @text is none of them.
 * @text must be folded (lower case, no whitespace).
 */
static char *
extract_host (const char *text)
{
  const char *start = text;
  const char *end;
  const char *p;
  g_autofree char *host = NULL;
  gsize len;

  if ((p = strstr (text, "://")))
    start = p + 3;
  else if (g_str_has_prefix (text, "//"))
    start = text + 2;

  end = start + strcspn (start, "/?#\\");

  for (p = end; p > start; p--)
    {
      if (p[-1] == '@')
        {
          start = p;
          break;
        }
    }

  for (p = end; p > start && g_ascii_isdigit (p[-1]); p--)
    ;
  if (p > start && p < end && p[-1] == ':')
    end = p - 1;

  len = end - start;
  while (len > 0 && start[len - 1] == '.')
    len--;

  host = g_strndup (start, len);

  return is_host_name (host) ? g_steal_pointer (&host) : NULL;
}

/**
 * bd_outlet_registry_normalize_domain:
 * @text: a domain as a person typed it: "News.Example.cn", "https://www.example.cn/a"
 *
 * Returns: (transfer full) (nullable): the domain as the registry stores it, or %NULL when
 *   @text holds no host name
 */
char *
bd_outlet_registry_normalize_domain (const char *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  folded = fold_key (text, -1);

  return extract_host (folded);
}

static void
bd_outlet_registry_finalize (GObject *object)
{
  BdOutletRegistry *self = (BdOutletRegistry *)object;

  g_clear_pointer (&self->outlets, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->domains, g_hash_table_unref);
  g_clear_pointer (&self->by_first_char, g_hash_table_unref);
  g_rw_lock_clear (&self->lock);

  G_OBJECT_CLASS (bd_outlet_registry_parent_class)->finalize (object);
}

static void
bd_outlet_registry_class_init (BdOutletRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_outlet_registry_finalize;
}

static void
bd_outlet_registry_init (BdOutletRegistry *self)
{
  g_rw_lock_init (&self->lock);
  self->outlets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->by_first_char = g_hash_table_new_full (NULL, NULL, NULL,
                                               (GDestroyNotify)g_ptr_array_unref);
}

BdOutletRegistry *
bd_outlet_registry_new (void)
{
  return g_object_new (BD_TYPE_OUTLET_REGISTRY, NULL);
}

/**
 * bd_outlet_registry_default_path:
 *
 * Returns: (transfer full): the shipped outlets.ini: in `$BAODAO_DATADIR` when that is set (tests
 *   and uninstalled runs), else in the installed data folder
 */
char *
bd_outlet_registry_default_path (void)
{
  const char *datadir = g_getenv ("BAODAO_DATADIR");

  if (datadir != NULL && *datadir != '\0')
    return g_build_filename (datadir, "outlets.ini", NULL);

  return g_build_filename (PKGDATADIR, "outlets.ini", NULL);
}

/* A local entry outranks a shipped one whatever the order they were added in; between equals the
 * later one wins.
 */
static gboolean
outranks (gboolean  local,
          BdOutlet *holder)
{
  return holder == NULL || local || !bd_outlet_get_local (holder);
}

static void
claim_key (BdOutletRegistry *self,
           const char       *folded,
           BdOutlet         *outlet)
{
  BdOutlet *holder = g_hash_table_lookup (self->keys, folded);
  gunichar first;
  GPtrArray *keys;
  Key *key;

  if (!outranks (bd_outlet_get_local (outlet), holder))
    return;

  g_hash_table_replace (self->keys, g_strdup (folded), g_object_ref (outlet));

  if (holder != NULL)
    return;

  first = g_utf8_get_char (folded);
  if (!(keys = g_hash_table_lookup (self->by_first_char, GUINT_TO_POINTER (first))))
    {
      keys = g_ptr_array_new_with_free_func (key_free);
      g_hash_table_insert (self->by_first_char, GUINT_TO_POINTER (first), keys);
    }

  key = g_new0 (Key, 1);
  key->text = g_strdup (folded);
  key->n_bytes = strlen (folded);
  key->n_chars = g_utf8_strlen (folded, -1);
  g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, key_compare_longest_first);
}

static void
claim_domain (BdOutletRegistry *self,
              const char       *domain,
              BdOutlet         *outlet)
{
  if (outranks (bd_outlet_get_local (outlet), g_hash_table_lookup (self->domains, domain)))
    g_hash_table_replace (self->domains, g_strdup (domain), g_object_ref (outlet));
}

static void
repoint (GHashTable *table,
         BdOutlet   *from,
         BdOutlet   *to)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (value == from)
        g_hash_table_iter_replace (&iter, g_object_ref (to));
    }
}

/* Appends the aliases of @strv that are not yet in @out nor the outlet's own name. */
static void
collect_aliases (GPtrArray          *out,
                 GHashTable         *seen,
                 const char * const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (strv[i]));
      g_autofree char *folded = fold_key (stripped, -1);

      if (*folded == '\0' || !g_hash_table_add (seen, g_steal_pointer (&folded)))
        continue;

      g_ptr_array_add (out, g_steal_pointer (&stripped));
    }
}

static void
collect_domains (GPtrArray          *out,
                 GHashTable         *seen,
                 const char * const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      char *domain = bd_outlet_registry_normalize_domain (strv[i]);

      if (domain == NULL)
        continue;

      if (g_hash_table_add (seen, domain))
        g_ptr_array_add (out, g_strdup (domain));
    }
}

static void
add_locked (BdOutletRegistry   *self,
            const char         *name,
            BdLevel             level,
            const char * const *aliases,
            const char * const *domains,
            gboolean            local)
{
  g_autoptr(GPtrArray) all_aliases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all_domains = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen_aliases = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, NULL);
  g_autoptr(GHashTable) seen_domains = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, NULL);
  g_autoptr(BdOutlet) outlet = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  char *folded_name = fold_key (stripped, -1);
  BdOutlet *old;

  g_hash_table_add (seen_aliases, folded_name);

  /* An entry with a known name replaces that outlet rather than shadowing it, and keeps what the
   * other one knew: a local entry that only changes a shipped outlet's level must still match
   * the shipped aliases and domains.
   */
  old = g_hash_table_lookup (self->outlets, folded_name);
  if (old != NULL && !outranks (local, old))
    {
      collect_aliases (all_aliases, seen_aliases, bd_outlet_get_aliases (old));
      collect_aliases (all_aliases, seen_aliases, aliases);
      collect_domains (all_domains, seen_domains, bd_outlet_get_domains (old));
      collect_domains (all_domains, seen_domains, domains);
      g_clear_pointer (&stripped, g_free);
      stripped = g_strdup (bd_outlet_get_name (old));
      level = bd_outlet_get_level (old);
      local = bd_outlet_get_local (old);
    }
  else
    {
      collect_aliases (all_aliases, seen_aliases, aliases);
      collect_domains (all_domains, seen_domains, domains);

      if (old != NULL)
        {
          collect_aliases (all_aliases, seen_aliases, bd_outlet_get_aliases (old));
          collect_domains (all_domains, seen_domains, bd_outlet_get_domains (old));
        }
    }

  g_ptr_array_add (all_aliases, NULL);
  g_ptr_array_add (all_domains, NULL);
  outlet = bd_outlet_new (stripped, level,
                          (const char * const *)all_aliases->pdata,
                          (const char * const *)all_domains->pdata,
                          local);

  if (old != NULL)
    {
      repoint (self->keys, old, outlet);
      repoint (self->domains, old, outlet);
    }

  g_hash_table_replace (self->outlets, g_strdup (folded_name), g_object_ref (outlet));

  claim_key (self, folded_name, outlet);
  for (guint i = 0; i + 1 < all_aliases->len; i++)
    {
      g_autofree char *folded = fold_key (g_ptr_array_index (all_aliases, i), -1);

      claim_key (self, folded, outlet);
    }

  for (guint i = 0; i + 1 < all_domains->len; i++)
    claim_domain (self, g_ptr_array_index (all_domains, i), outlet);
}

/**
 * bd_outlet_registry_add:
 * @name: the canonical name
 * @aliases: (nullable): other names
 * @domains: (nullable): host names; each covers its subdomains
 * @local: %TRUE for an entry made in this archive
 *
 * Adds an outlet. A local entry takes any name, alias or domain from shipped entries, whatever
 * the order they come in; otherwise the later entry wins. An entry with the name of a known
 * outlet replaces it and inherits its aliases and domains.
 */
void
bd_outlet_registry_add (BdOutletRegistry   *self,
                        const char         *name,
                        BdLevel             level,
                        const char * const *aliases,
                        const char * const *domains,
                        gboolean            local)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (BD_IS_OUTLET_REGISTRY (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (level < BD_N_LEVELS);

  folded = fold_key (name, -1);
  g_return_if_fail (*folded != '\0');

  g_rw_lock_writer_lock (&self->lock);
  add_locked (self, name, level, aliases, domains, local);
  g_rw_lock_writer_unlock (&self->lock);
}

typedef struct
{
  char     *name;
  BdLevel   level;
  char    **aliases;
  char    **domains;
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_strfreev (entry->aliases);
  g_strfreev (entry->domains);
}

static gboolean
parse_group (GKeyFile    *keyfile,
             const char  *group,
             Entry       *entry,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *level = NULL;
  g_autofree char *folded = fold_key (group, -1);

  if (*folded == '\0')
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID, _("the outlet has no name"));
      return FALSE;
    }

  keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!g_str_equal (keys[i], "level") &&
          !g_str_equal (keys[i], "aliases") &&
          !g_str_equal (keys[i], "domains"))
        {
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                       /* Translators: the key names are typed as they are */
                       _("unknown key “%s”: use level, aliases and domains"),
                       keys[i]);
          return FALSE;
        }
    }

  if (!(level = g_key_file_get_string (keyfile, group, "level", NULL)))
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID, _("the outlet has no level"));
      return FALSE;
    }

  if (!bd_level_parse (level, &entry->level, error))
    return FALSE;

  entry->aliases = g_key_file_get_string_list (keyfile, group, "aliases", NULL, &local_error);
  if (local_error != NULL && !g_error_matches (local_error, G_KEY_FILE_ERROR,
                                               G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  entry->domains = g_key_file_get_string_list (keyfile, group, "domains", NULL, &local_error);
  if (local_error != NULL && !g_error_matches (local_error, G_KEY_FILE_ERROR,
                                               G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  for (guint i = 0; entry->domains != NULL && entry->domains[i] != NULL; i++)
    {
      g_autofree char *domain = bd_outlet_registry_normalize_domain (entry->domains[i]);

      if (domain == NULL)
        {
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                       _("“%s” is not a domain name"), entry->domains[i]);
          return FALSE;
        }
    }

  entry->name = g_strdup (group);

  return TRUE;
}

/**
 * bd_outlet_registry_load_file:
 * @path: an outlets.ini file: one group per outlet, with the keys level, aliases and domains
 *
 * Adds the file's outlets as shipped ones. Nothing is added when any part of the file is wrong.
 *
 * Returns: %TRUE on success; I/O failures keep their G_IO_ERROR code, a file that is not a valid
 *   outlet list gives %BD_ERROR_INVALID naming the file, the outlet and the reason
 */
gboolean
bd_outlet_registry_load_file (BdOutletRegistry  *self,
                              const char        *path,
                              GError           **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_auto(GStrv) groups = NULL;
  gsize length;

  g_return_val_if_fail (BD_IS_OUTLET_REGISTRY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = g_file_new_for_path (path);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;

  display = g_filename_display_name (path);
  keyfile = g_key_file_new ();
  if (!g_key_file_load_from_data (keyfile, contents, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                   _("%s is not a valid outlet list: %s"),
                   display, local_error->message);
      return FALSE;
    }

  groups = g_key_file_get_groups (keyfile, NULL);
  entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (entries, entry_clear);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      Entry entry = { 0 };

      if (!parse_group (keyfile, groups[i], &entry, &local_error))
        {
          entry_clear (&entry);
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                       /* Translators: an outlet's name, a file name, then what is wrong */
                       _("Outlet “%s” in %s: %s"),
                       groups[i], display, local_error->message);
          return FALSE;
        }

      g_array_append_val (entries, entry);
    }

  g_rw_lock_writer_lock (&self->lock);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);

      add_locked (self, entry->name, entry->level,
                  (const char * const *)entry->aliases,
                  (const char * const *)entry->domains,
                  FALSE);
    }
  g_rw_lock_writer_unlock (&self->lock);

  return TRUE;
}

/* With @longest, the longest key anywhere in @folded (the earliest of equals); otherwise the key
 * that starts earliest (the longest of those starting there).
 */
static BdOutlet *
scan_locked (BdOutletRegistry *self,
             const char       *folded,
             guint             min_chars,
             gboolean          longest)
{
  const Key *best = NULL;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      GPtrArray *keys = g_hash_table_lookup (self->by_first_char,
                                             GUINT_TO_POINTER (g_utf8_get_char (p)));

      for (guint i = 0; keys != NULL && i < keys->len; i++)
        {
          const Key *key = g_ptr_array_index (keys, i);

          if (key->n_chars < min_chars || strncmp (p, key->text, key->n_bytes) != 0)
            continue;

          if (best == NULL || key->n_chars > best->n_chars)
            best = key;
          break;
        }

      if (best != NULL && !longest)
        break;
    }

  return best != NULL ? g_hash_table_lookup (self->keys, best->text) : NULL;
}

static BdOutlet *
lookup_domain_locked (BdOutletRegistry *self,
                      const char       *host)
{
  for (const char *p = host; p != NULL; p = strchr (p, '.'))
    {
      BdOutlet *outlet;

      if (*p == '.')
        p++;

      if ((outlet = g_hash_table_lookup (self->domains, p)))
        return outlet;
    }

  return NULL;
}

static gboolean
set_result (BdOutlet    *outlet,
            const char **name,
            BdLevel     *level)
{
  if (outlet == NULL)
    return FALSE;

  if (name != NULL)
    *name = g_intern_string (bd_outlet_get_name (outlet));
  if (level != NULL)
    *level = bd_outlet_get_level (outlet);

  return TRUE;
}

/**
 * bd_outlet_registry_lookup:
 * @name_or_url: a source field, an outlet's name, a URL or a host name
 * @name: (out) (optional) (transfer none): the canonical name, an interned string
 * @level: (out) (optional): the outlet's level
 *
 * Recognises an outlet from what a report says about its source. Case, full-width forms,
 * whitespace, surrounding punctuation and a leading "来源：" do not matter. A URL or host name
 * matches the outlet with the longest domain it falls under, label by label, and nothing else.
 * Other text matches a name or alias exactly, or else the longest one it contains.
 *
 * Safe to call from several threads at once.
 *
 * Returns: whether an outlet was recognised
 */
gboolean
bd_outlet_registry_lookup (BdOutletRegistry  *self,
                           const char        *name_or_url,
                           const char       **name,
                           BdLevel           *level)
{
  g_autofree char *folded = NULL;
  g_autofree char *host = NULL;
  BdOutlet *outlet;
  gboolean ret;

  g_return_val_if_fail (BD_IS_OUTLET_REGISTRY (self), FALSE);
  g_return_val_if_fail (name_or_url != NULL, FALSE);

  folded = fold_key (name_or_url, -1);
  trim_source_line (folded);
  if (*folded == '\0')
    return FALSE;

  host = extract_host (folded);

  g_rw_lock_reader_lock (&self->lock);

  if ((outlet = g_hash_table_lookup (self->keys, folded)) == NULL)
    {
      if (host != NULL)
        outlet = lookup_domain_locked (self, host);
      else
        outlet = scan_locked (self, folded, 1, TRUE);
    }
  ret = set_result (outlet, name, level);

  g_rw_lock_reader_unlock (&self->lock);

  return ret;
}

/**
 * bd_outlet_registry_find_in_text:
 * @text: a report's text
 * @max_chars: how many characters at the start of @text to look at
 * @name: (out) (optional) (transfer none): the canonical name, an interned string
 * @level: (out) (optional): the outlet's level
 *
 * Finds the outlet whose name or alias appears first in the opening of a report, such as an
 * e-paper's masthead line or a byline; the longest name wins among those starting at the same
 * place. Names shorter than three characters are left out, since they also occur inside words.
 *
 * Safe to call from several threads at once.
 *
 * Returns: whether an outlet was found
 */
gboolean
bd_outlet_registry_find_in_text (BdOutletRegistry  *self,
                                 const char        *text,
                                 gsize              max_chars,
                                 const char       **name,
                                 BdLevel           *level)
{
  g_autofree char *folded = NULL;
  const char *end = text;
  gboolean ret;

  g_return_val_if_fail (BD_IS_OUTLET_REGISTRY (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  /* g_utf8_find_next_char() stops at the terminating NUL even in invalid UTF-8. */
  for (gsize i = 0; i < max_chars && *end; i++)
    end = g_utf8_find_next_char (end, NULL);

  folded = fold_key (text, end - text);

  g_rw_lock_reader_lock (&self->lock);
  ret = set_result (scan_locked (self, folded, FIND_MIN_CHARS, FALSE), name, level);
  g_rw_lock_reader_unlock (&self->lock);

  return ret;
}

static guint
level_rank (BdLevel level)
{
  /* Unclassified entries come after the classified ones. */
  return level == BD_LEVEL_UNSET ? BD_N_LEVELS : level;
}

static int
compare_outlets (gconstpointer a,
                 gconstpointer b)
{
  BdOutlet *oa = *(BdOutlet **)a;
  BdOutlet *ob = *(BdOutlet **)b;
  guint ra = level_rank (bd_outlet_get_level (oa));
  guint rb = level_rank (bd_outlet_get_level (ob));

  if (ra != rb)
    return ra < rb ? -1 : 1;

  return g_utf8_collate (bd_outlet_get_name (oa), bd_outlet_get_name (ob));
}

/**
 * bd_outlet_registry_list:
 *
 * Returns: (transfer container) (element-type BdOutlet): every outlet, shipped and local, by
 *   level (national first, unclassified last) and then by name
 */
GPtrArray *
bd_outlet_registry_list (BdOutletRegistry *self)
{
  GPtrArray *outlets;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (BD_IS_OUTLET_REGISTRY (self), NULL);

  g_rw_lock_reader_lock (&self->lock);
  outlets = g_ptr_array_new_full (g_hash_table_size (self->outlets), g_object_unref);
  g_hash_table_iter_init (&iter, self->outlets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (outlets, g_object_ref (value));
  g_rw_lock_reader_unlock (&self->lock);

  g_ptr_array_sort (outlets, compare_outlets);

  return outlets;
}

/**
 * bd_outlet_registry_get_outlet:
 * @name: an outlet's canonical name; case, full-width forms and whitespace do not matter
 *
 * Unlike bd_outlet_registry_lookup(), matches the canonical name only, never an alias, a domain
 * or a name contained in @name.
 *
 * Returns: (transfer full) (nullable): the outlet of that name
 */
BdOutlet *
bd_outlet_registry_get_outlet (BdOutletRegistry *self,
                               const char       *name)
{
  g_autofree char *folded = NULL;
  BdOutlet *outlet;

  g_return_val_if_fail (BD_IS_OUTLET_REGISTRY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  folded = fold_key (name, -1);

  g_rw_lock_reader_lock (&self->lock);
  if ((outlet = g_hash_table_lookup (self->outlets, folded)))
    g_object_ref (outlet);
  g_rw_lock_reader_unlock (&self->lock);

  return outlet;
}

/**
 * bd_outlet_registry_match_name:
 * @name: an outlet's name or one of its other names, as a report's source field may give it
 *
 * Like bd_outlet_registry_lookup() on a name, without looking inside it for a shorter one or
 * reading it as a web address: "人民网" matches 人民日报, "人民网评论" matches nothing.
 *
 * Returns: (transfer full) (nullable): the outlet that claims the name
 */
BdOutlet *
bd_outlet_registry_match_name (BdOutletRegistry *self,
                               const char       *name)
{
  g_autofree char *folded = NULL;
  BdOutlet *outlet;

  g_return_val_if_fail (BD_IS_OUTLET_REGISTRY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  folded = fold_key (name, -1);
  trim_source_line (folded);
  if (*folded == '\0')
    return NULL;

  g_rw_lock_reader_lock (&self->lock);
  if ((outlet = g_hash_table_lookup (self->keys, folded)))
    g_object_ref (outlet);
  g_rw_lock_reader_unlock (&self->lock);

  return outlet;
}

/**
 * bd_outlet_registry_match_domain:
 * @text: a web address or host name, as a page that names no outlet is stored under
 *
 * Like bd_outlet_registry_lookup() on a web address: the outlet of the most specific of the
 * host's domains that one has.
 *
 * Returns: (transfer full) (nullable): that outlet; %NULL when none has it, or @text holds no
 *   host name
 */
BdOutlet *
bd_outlet_registry_match_domain (BdOutletRegistry *self,
                                 const char       *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *host = NULL;
  BdOutlet *outlet;

  g_return_val_if_fail (BD_IS_OUTLET_REGISTRY (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  folded = fold_key (text, -1);
  if (!(host = extract_host (folded)))
    return NULL;

  g_rw_lock_reader_lock (&self->lock);
  if ((outlet = lookup_domain_locked (self, host)))
    g_object_ref (outlet);
  g_rw_lock_reader_unlock (&self->lock);

  return outlet;
}

/* Whether @folded is @outlet's name or one of its other names, whoever claims it now. */
static gboolean
outlet_has_name (BdOutlet   *outlet,
                 const char *folded)
{
  const char * const *aliases = bd_outlet_get_aliases (outlet);
  g_autofree char *folded_name = fold_key (bd_outlet_get_name (outlet), -1);

  if (g_str_equal (folded_name, folded))
    return TRUE;

  for (guint i = 0; aliases[i] != NULL; i++)
    {
      g_autofree char *folded_alias = fold_key (aliases[i], -1);

      if (g_str_equal (folded_alias, folded))
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_name (BdOutletRegistry  *self,
            BdOutlet          *existing,
            const char        *name,
            GError           **error)
{
  g_autoptr(BdOutlet) holder = bd_outlet_registry_match_name (self, name);
  g_autofree char *folded = NULL;
  g_autofree char *folded_holder = NULL;
  g_autofree char *shown = NULL;

  if (holder == NULL || holder == existing)
    return TRUE;

  /* an outlet keeps the names it has, even one a later entry took from it */
  folded = fold_key (name, -1);
  trim_source_line (folded);
  if (existing != NULL && outlet_has_name (existing, folded))
    return TRUE;

  folded_holder = fold_key (bd_outlet_get_name (holder), -1);
  if (g_str_equal (folded, folded_holder))
    g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                 _("“%s” is already in the list: change it there"),
                 bd_outlet_get_name (holder));
  else
    g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                 _("“%s” is another name of “%s”: change it there"),
                 (shown = g_strstrip (g_strdup (name))), bd_outlet_get_name (holder));

  return FALSE;
}

/**
 * bd_outlet_registry_check_names:
 * @name: the name of an outlet to add, or of a listed outlet to change
 * @aliases: (nullable): the other names it is to have
 *
 * Checks that no other outlet has @name or one of @aliases as its name or another name: the new
 * entry would take that name from it, and the reports that give it would change outlet. A listed
 * outlet may keep the names it has.
 *
 * Returns: %TRUE when the names are free; otherwise %BD_ERROR_INVALID, naming the other outlet
 */
gboolean
bd_outlet_registry_check_names (BdOutletRegistry    *self,
                                const char          *name,
                                const char * const  *aliases,
                                GError             **error)
{
  g_autoptr(BdOutlet) existing = NULL;

  g_return_val_if_fail (BD_IS_OUTLET_REGISTRY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  existing = bd_outlet_registry_get_outlet (self, name);
  if (existing == NULL && !check_name (self, NULL, name, error))
    return FALSE;

  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    if (!check_name (self, existing, aliases[i], error))
      return FALSE;

  return TRUE;
}

/* Whether @domain, as the registry stores it, is one of @outlet's own. */
static gboolean
outlet_has_domain (BdOutlet   *outlet,
                   const char *domain)
{
  const char * const *domains = bd_outlet_get_domains (outlet);

  for (guint i = 0; domains[i] != NULL; i++)
    {
      g_autofree char *own = bd_outlet_registry_normalize_domain (domains[i]);

      if (g_strcmp0 (own, domain) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The outlet that has @domain, or the same domain with or without "www.": a site answers on
 * both, and an address on the one would be found under the outlet of the other. */
static BdOutlet *
domain_claimant (BdOutletRegistry *self,
                 const char       *domain)
{
  g_autofree char *twin = g_str_has_prefix (domain, "www.") ? g_strdup (domain + 4)
                                                            : g_strconcat ("www.", domain, NULL);
  BdOutlet *holder;

  g_rw_lock_reader_lock (&self->lock);
  if ((holder = g_hash_table_lookup (self->domains, domain)) ||
      (holder = g_hash_table_lookup (self->domains, twin)))
    g_object_ref (holder);
  g_rw_lock_reader_unlock (&self->lock);

  return holder;
}

/**
 * bd_outlet_registry_check_domains:
 * @name: the name of an outlet to add, or of a listed outlet to change
 * @domains: (nullable): the web domains it is to have
 *
 * Checks that no other outlet has one of @domains, with or without "www.": the new entry would
 * take it, and the reports found by their address on it would change outlet. A listed outlet
 * may keep the domains it has. Another subdomain of an outlet's domain is an outlet of its own.
 *
 * Returns: %FALSE with %BD_ERROR_INVALID naming the outlet that has the domain
 */
gboolean
bd_outlet_registry_check_domains (BdOutletRegistry    *self,
                                  const char          *name,
                                  const char * const  *domains,
                                  GError             **error)
{
  g_autoptr(BdOutlet) existing = NULL;

  g_return_val_if_fail (BD_IS_OUTLET_REGISTRY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  existing = bd_outlet_registry_get_outlet (self, name);

  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    {
      g_autofree char *domain = bd_outlet_registry_normalize_domain (domains[i]);
      g_autoptr(BdOutlet) holder = NULL;

      if (domain == NULL)
        continue;

      holder = domain_claimant (self, domain);

      if (holder == NULL || holder == existing ||
          (existing != NULL && outlet_has_domain (existing, domain)))
        continue;

      g_set_error (error, BD_ERROR, BD_ERROR_INVALID,
                   _("The web domain %s belongs to “%s”: change it there"),
                   domain, bd_outlet_get_name (holder));
      return FALSE;
    }

  return TRUE;
}

static void
swap_tables (GHashTable **a,
             GHashTable **b)
{
  GHashTable *tmp = *a;

  *a = *b;
  *b = tmp;
}

/**
 * bd_outlet_registry_swap:
 * @other: a registry no other thread uses
 *
 * Exchanges the outlets of the two registries. A registry cannot forget an outlet, since a local
 * entry takes over what a shipped one knew; so a changed registry is built anew and swapped in,
 * and every thread holding @self sees the new outlets from its next lookup.
 */
void
bd_outlet_registry_swap (BdOutletRegistry *self,
                         BdOutletRegistry *other)
{
  g_return_if_fail (BD_IS_OUTLET_REGISTRY (self));
  g_return_if_fail (BD_IS_OUTLET_REGISTRY (other));
  g_return_if_fail (self != other);

  g_rw_lock_writer_lock (&self->lock);
  g_rw_lock_writer_lock (&other->lock);
  swap_tables (&self->outlets, &other->outlets);
  swap_tables (&self->keys, &other->keys);
  swap_tables (&self->domains, &other->domains);
  swap_tables (&self->by_first_char, &other->by_first_char);
  g_rw_lock_writer_unlock (&other->lock);
  g_rw_lock_writer_unlock (&self->lock);
}
