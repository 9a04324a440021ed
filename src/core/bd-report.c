/* bd-report.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bd-report-private.h"

/* A snapshot of one report as the archive held it when it was read: edits go through BdArchive,
 * which tells its listeners so they read the report again. */
struct _BdReport
{
  GObject     parent_instance;

  gint64      id;
  char       *title;
  char       *outlet;
  BdLevel     level;
  gboolean    level_manual;
  char       *date;
  char       *source_url;
  char       *file_name;
  char       *import_path;
  char       *media_type;
  char       *sha256;
  guint64     size;
  guint       n_pages;
  GDateTime  *imported_at;
  GStrv       tags;
  char       *text;
};

G_DEFINE_FINAL_TYPE (BdReport, bd_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_OUTLET,
  PROP_LEVEL,
  PROP_LEVEL_MANUAL,
  PROP_DATE,
  PROP_SOURCE_URL,
  PROP_FILE_NAME,
  PROP_IMPORT_PATH,
  PROP_MEDIA_TYPE,
  PROP_SHA256,
  PROP_SIZE,
  PROP_N_PAGES,
  PROP_IMPORTED_AT,
  PROP_TAGS,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
bd_report_finalize (GObject *object)
{
  BdReport *self = (BdReport *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->outlet, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->source_url, g_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->import_path, g_free);
  g_clear_pointer (&self->media_type, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->imported_at, g_date_time_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (bd_report_parent_class)->finalize (object);
}

static void
bd_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BdReport *self = BD_REPORT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_OUTLET:
      g_value_set_string (value, self->outlet);
      break;

    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;

    case PROP_LEVEL_MANUAL:
      g_value_set_boolean (value, self->level_manual);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_SOURCE_URL:
      g_value_set_string (value, self->source_url);
      break;

    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;

    case PROP_IMPORT_PATH:
      g_value_set_string (value, self->import_path);
      break;

    case PROP_MEDIA_TYPE:
      g_value_set_string (value, self->media_type);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;

    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;

    case PROP_IMPORTED_AT:
      g_value_set_boxed (value, self->imported_at);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_report_class_init (BdReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_report_finalize;
  object_class->get_property = bd_report_get_property;

  /* The report's number in the archive */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Title */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* The outlet that published it */
  properties [PROP_OUTLET] =
    g_param_spec_string ("outlet", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* National, provincial, municipal or unset */
  properties [PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL, BD_TYPE_LEVEL, BD_LEVEL_UNSET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Whether staff set the level, so a change to the outlet's level leaves it */
  properties [PROP_LEVEL_MANUAL] =
    g_param_spec_boolean ("level-manual", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Publication date, YYYY-MM-DD */
  properties [PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Where it was published */
  properties [PROP_SOURCE_URL] =
    g_param_spec_string ("source-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* The original file's name */
  properties [PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Where it was imported from */
  properties [PROP_IMPORT_PATH] =
    g_param_spec_string ("import-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* PDF or HTML */
  properties [PROP_MEDIA_TYPE] =
    g_param_spec_string ("media-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* SHA-256 of the original */
  properties [PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Size of the original in bytes */
  properties [PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Pages of a PDF */
  properties [PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* When it was imported */
  properties [PROP_IMPORTED_AT] =
    g_param_spec_boxed ("imported-at", NULL, NULL, G_TYPE_DATE_TIME,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Tags */
  properties [PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Extracted text, when loaded */
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bd_report_init (BdReport *self)
{
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* @stmt's columns are BD_REPORT_COLUMNS, in that order; @with_text adds the body as the last. */
BdReport *
_bd_report_new_from_row (sqlite3_stmt *stmt,
                         gboolean      with_text)
{
  BdReport *self = g_object_new (BD_TYPE_REPORT, NULL);
  const char *tags;
  gint64 level;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->title = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  self->outlet = dup_column (stmt, 2);
  level = sqlite3_column_int64 (stmt, 3);
  self->level = level >= 0 && level < BD_N_LEVELS ? level : BD_LEVEL_UNSET;
  self->date = dup_column (stmt, 4);
  self->source_url = dup_column (stmt, 5);
  self->file_name = dup_column (stmt, 6);
  self->import_path = dup_column (stmt, 7);
  self->media_type = dup_column (stmt, 8);
  self->sha256 = dup_column (stmt, 9);
  self->size = sqlite3_column_int64 (stmt, 10);
  self->n_pages = sqlite3_column_int (stmt, 11);
  self->imported_at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 12));

  /* tags arrive as one string joined by BD_TAG_SEPARATOR, already sorted */
  tags = (const char *)sqlite3_column_text (stmt, 13);
  self->level_manual = sqlite3_column_int (stmt, 14) != 0;
  self->tags = tags != NULL && *tags != '\0' ? g_strsplit (tags, BD_TAG_SEPARATOR, -1)
                                             : g_new0 (char *, 1);

  if (with_text)
    self->text = g_strdup ((const char *)sqlite3_column_text (stmt, 15));

  return self;
}

gint64
bd_report_get_id (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), 0);

  return self->id;
}

const char *
bd_report_get_title (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->title;
}

const char *
bd_report_get_outlet (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->outlet;
}

BdLevel
bd_report_get_level (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), BD_LEVEL_UNSET);

  return self->level;
}

gboolean
bd_report_get_level_manual (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), FALSE);

  return self->level_manual;
}

const char *
bd_report_get_date (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->date;
}

const char *
bd_report_get_source_url (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->source_url;
}

const char *
bd_report_get_file_name (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->file_name;
}

const char *
bd_report_get_import_path (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->import_path;
}

const char *
bd_report_get_media_type (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->media_type;
}

const char *
bd_report_get_sha256 (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->sha256;
}

guint64
bd_report_get_size (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), 0);

  return self->size;
}

guint
bd_report_get_n_pages (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), 0);

  return self->n_pages;
}

GDateTime *
bd_report_get_imported_at (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->imported_at;
}

const char * const *
bd_report_get_tags (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return (const char * const *)self->tags;
}

const char *
bd_report_get_text (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  return self->text;
}
