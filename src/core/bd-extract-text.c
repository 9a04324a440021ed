/* bd-extract-text.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bd-date.h"
#include "bd-extract-private.h"

/* Longer than this, a "title" or an outlet name is running text. */
#define MAX_HEADING_CHARS 60
#define MAX_OUTLET_CHARS  30

/* Chinese text has no spaces between words: a line break between two of these characters is
 * an artefact of layout, not a word boundary. Curly quotes, dashes and ellipses count, as they
 * are set full-width in Chinese. */
gboolean
bd_extract_is_wide (gunichar c)
{
  return c > 0x7f && (g_unichar_iswide_cjk (c) ||
                      g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_CONTROL;
}

typedef enum
{
  GAP_NONE,
  GAP_SPACE,
  GAP_SOFT,
  GAP_HARD,
} Gap;

/**
 * bd_extract_tidy_init:
 * @tidy: the state to set up
 * @out: where the tidy text goes
 *
 * Starts tidying text that arrives in pieces, as bd_extract_tidy_text() would tidy all of it
 * at once.
 */
void
bd_extract_tidy_init (BdTidy  *tidy,
                      GString *out)
{
  tidy->out = out;
  tidy->prev = 0;
  tidy->gap = GAP_NONE;
  tidy->n_chars = 0;
}

/**
 * bd_extract_tidy_append:
 * @tidy: the state from bd_extract_tidy_init()
 * @text: the next piece of UTF-8 text, whole characters only
 * @len: its length in bytes
 *
 * A white space left at the end of @text is written only once a character follows it, so the
 * text written so far never ends in one.
 */
void
bd_extract_tidy_append (BdTidy     *tidy,
                        const char *text,
                        gsize       len)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (!g_utf8_validate_len (text, len, NULL))
    {
      text = valid = g_utf8_make_valid (text, len);
      len = strlen (valid);
    }
  end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        tidy->gap = GAP_HARD;
      else if (c == BD_SOFT_BREAK)
        tidy->gap = MAX (tidy->gap, GAP_SOFT);
      else if (is_space (c))
        tidy->gap = MAX (tidy->gap, GAP_SPACE);
      else if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      else
        {
          char separator = '\0';

          if (tidy->prev != 0)
            {
              if (tidy->gap == GAP_HARD)
                separator = '\n';
              else if (tidy->gap == GAP_SPACE ||
                       (tidy->gap == GAP_SOFT && !bd_extract_is_wide (tidy->prev) &&
                        !bd_extract_is_wide (c)))
                separator = ' ';
            }
          if (separator != '\0')
            {
              g_string_append_c (tidy->out, separator);
              tidy->n_chars++;
            }

          g_string_append_unichar (tidy->out, c);
          tidy->n_chars++;
          tidy->prev = c;
          tidy->gap = GAP_NONE;
        }
    }
}

/**
 * bd_extract_tidy_text:
 * @text: UTF-8 text with "\n" between paragraphs and %BD_SOFT_BREAK where a line wrapped
 *
 * Collapses every run of white space to one space, drops soft breaks next to Chinese
 * characters (Chinese puts no space before or after a Latin word either: 全县GDP增长), trims
 * lines and drops empty ones. Invisible format characters (zero-width
 * spaces, soft hyphens, stray byte order marks) go too, so they cannot split a word.
 *
 * Returns: (transfer full): the tidy text, never %NULL
 */
char *
bd_extract_tidy_text (const char *text)
{
  gsize len = strlen (text);
  BdTidy tidy;

  bd_extract_tidy_init (&tidy, g_string_sized_new (len));
  bd_extract_tidy_append (&tidy, text, len);

  return g_string_free (tidy.out, FALSE);
}

static guint
display_width (const char *line)
{
  guint width = 0;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  return width;
}

static char *
strip_unicode (const char *line)
{
  const char *start = line;
  const char *end = line + strlen (line);

  while (*start != '\0' && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

static gboolean
ends_sentence (const char *line)
{
  const char *end = line + strlen (line);

  while (end > line)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);

      /* 。” and ！） end a sentence; a lone ” or ） may close a phrase mid-sentence */
      if (g_utf8_strchr ("”’」』）)】》〉\"'", -1, c) != NULL)
        {
          end = prev;
          continue;
        }

      return g_utf8_strchr ("。！？!?…；;．", -1, c) != NULL;
    }

  return FALSE;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

/**
 * bd_extract_join_pdf_lines:
 * @page_text: the text of one PDF page, one printed line per "\n"
 *
 * Turns printed lines back into paragraphs. A line ends a paragraph when it ends a sentence,
 * when it is clearly shorter than the full lines of its page, or when the next line is
 * indented; any other break is a wrap inside a paragraph and becomes a %BD_SOFT_BREAK for
 * bd_extract_tidy_text().
 *
 * Returns: (transfer full): the page's paragraphs, not yet tidied
 */
char *
bd_extract_join_pdf_lines (const char *page_text)
{
  g_auto(GStrv) lines = g_strsplit (page_text, "\n", -1);
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *out = g_string_new (NULL);
  guint typical = 0;
  gboolean paragraph_ended = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *stripped = strip_unicode (lines[i]);
      guint width = display_width (stripped);

      if (width > 0)
        g_array_append_val (widths, width);
    }

  if (widths->len > 0)
    {
      g_array_sort (widths, compare_uint);
      typical = g_array_index (widths, guint, (widths->len - 1) * 4 / 5);
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *stripped = strip_unicode (lines[i]);
      gboolean indented = g_str_has_prefix (lines[i], "\xe3\x80\x80") ||
                          g_str_has_prefix (lines[i], "  ");

      if (*stripped == '\0')
        {
          paragraph_ended = TRUE;
          continue;
        }

      if (out->len > 0)
        g_string_append_c (out, paragraph_ended || indented ? '\n' : BD_SOFT_BREAK);
      g_string_append (out, stripped);

      paragraph_ended = ends_sentence (stripped) || display_width (stripped) * 4 < typical * 3;
    }

  return g_string_free (out, FALSE);
}

/* A year of four digits followed by a date separator, not the middle of a longer number. */
static gboolean
looks_like_date_start (const char *p)
{
  for (guint i = 0; i < 4; i++)
    {
      if (!g_unichar_isdigit (g_utf8_get_char (p)))
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return g_utf8_strchr ("-/.年－／．", -1, g_utf8_get_char (p)) != NULL && *p != '\0';
}

/**
 * bd_extract_find_date:
 * @text: UTF-8 text
 * @max_bytes: how far into @text to look
 *
 * Returns: (transfer full) (nullable): the first date written in @text, "YYYY-MM-DD"
 */
char *
bd_extract_find_date (const char *text,
                      gsize       max_bytes)
{
  gunichar prev = 0;

  for (const char *p = text; *p != '\0' && (gsize) (p - text) < max_bytes; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isdigit (prev) && looks_like_date_start (p))
        {
          char *date = bd_date_normalize (p);

          if (date != NULL)
            return date;
        }
      prev = c;
    }

  return NULL;
}

static gboolean
starts_label (const char *p)
{
  static const char *const labels[] = {
    /* 发布 alone is part of names like 十堰发布 */
    "作者", "编辑", "责编", "责任编辑", "记者", "通讯员", "发布时间", "发布日期", "发布于",
    "时间", "日期", "浏览",
    "点击", "阅读", "字号", "分享", "打印", "关闭", "来源", "审核", "校对", "摄影",
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_has_prefix (p, labels[i]))
      return TRUE;

  return looks_like_date_start (p);
}

static char *
read_outlet (const char *p)
{
  const char *start;
  guint n_chars = 0;

  while (*p != '\0' && *p != '\n' && is_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  start = p;
  while (*p != '\0' && n_chars < MAX_OUTLET_CHARS)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c) || g_utf8_strchr ("|｜[]【】()（）,，。;；、<>《》", -1, c) != NULL ||
          starts_label (p))
        break;

      p = g_utf8_next_char (p);
      n_chars++;
    }

  while (p > start && g_utf8_strchr ("：:-_－—·", -1, g_utf8_get_char (g_utf8_prev_char (p))))
    p = g_utf8_prev_char (p);

  return p > start ? g_strndup (start, p - start) : NULL;
}

/**
 * bd_extract_find_outlet:
 * @text: UTF-8 text
 *
 * Reads the outlet a byline names: 来源：湖北日报 or 来源: 人民网 up to the next space or label
 * (作者, 编辑, a date …).
 *
 * Returns: (transfer full) (nullable): the outlet as written
 */
char *
bd_extract_find_outlet (const char *text)
{
  for (const char *p = strstr (text, "来源"); p != NULL; p = strstr (p, "来源"))
    {
      p += strlen ("来源");

      while (*p == ' ' || *p == '\t')
        p++;

      if (g_str_has_prefix (p, "："))
        p += strlen ("：");
      else if (*p == ':')
        p++;
      else
        continue;

      {
        char *outlet = read_outlet (p);

        if (outlet != NULL)
          return outlet;
      }
    }

  return NULL;
}

static gboolean
has_word_character (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static gboolean
is_file_name (const char *title)
{
  static const char *const extensions[] = {
    ".doc", ".docx", ".wps", ".pdf", ".indd", ".qxp", ".ps", ".eps", ".ai", ".rtf", ".txt",
    ".htm", ".html", ".xls", ".xlsx", ".ppt", ".pptx", ".tif", ".tiff", ".jpg", ".png", ".ceb",
  };
  g_autofree char *lower = g_utf8_strdown (title, -1);

  if (strchr (title, '\\') != NULL || title[0] == '/')
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;

  return FALSE;
}

/**
 * bd_extract_clean_title:
 * @title: (nullable): a title from a file's metadata
 * @file_name: the name of the file it came from
 *
 * PDF writers fill the title with whatever they have: the source file's name
 * ("Microsoft Word - 报道.doc"), "untitled", a job number. Those say nothing about the report.
 *
 * Returns: (transfer full) (nullable): @title tidied, or %NULL if it is junk
 */
char *
bd_extract_clean_title (const char *title,
                        const char *file_name)
{
  static const char *const junk[] = {
    "untitled", "untitled document", "document", "title", "无标题", "无标题文档", "新建文档",
    "新建 microsoft word 文档", "microsoft word", "pdf", "blank",
  };
  g_autofree char *tidy = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *base = NULL;
  char *dot;

  if (title == NULL)
    return NULL;

  tidy = bd_extract_tidy_text (title);
  g_strdelimit (tidy, "\n", ' ');
  lower = g_utf8_strdown (tidy, -1);

  if (*tidy == '\0' || !has_word_character (tidy) || is_file_name (tidy) ||
      g_str_has_prefix (lower, "microsoft "))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    if (g_str_equal (lower, junk[i]))
      return NULL;

  base = g_path_get_basename (file_name);
  if (g_str_equal (tidy, base))
    return NULL;
  if ((dot = strrchr (base, '.')) != NULL)
    *dot = '\0';
  if (g_str_equal (tidy, base))
    return NULL;

  return g_steal_pointer (&tidy);
}

/* 第3版, 第十二版 */
static gboolean
has_page_number (const char *line)
{
  for (const char *p = strstr (line, "第"); p != NULL; p = strstr (p, "第"))
    {
      const char *q = p + strlen ("第");

      while (*q != '\0' && (g_unichar_isdigit (g_utf8_get_char (q)) ||
                            g_utf8_strchr ("〇一二三四五六七八九十", -1, g_utf8_get_char (q))))
        q = g_utf8_next_char (q);

      if (q > p + strlen ("第") && g_str_has_prefix (q, "版"))
        return TRUE;
      p = q;
    }

  return FALSE;
}

static gboolean
is_page_label (const char *line)
{
  static const char *const prefixes[] = {
    "来源", "作者", "记者", "编辑", "责任编辑", "通讯员", "图：", "图片",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (line, prefixes[i]))
      return TRUE;

  return has_page_number (line);
}

/**
 * bd_extract_first_heading:
 * @text: tidy text, one paragraph a line
 *
 * Finds what is most likely the printed title: the first short line before the body starts
 * that is not a page header, a date or a byline.
 *
 * Returns: (transfer full) (nullable): the heading
 */
char *
bd_extract_first_heading (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 20);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      glong n_chars = g_utf8_strlen (line, -1);
      g_autofree char *date = NULL;

      if (n_chars > MAX_HEADING_CHARS)
        break;

      if (n_chars < 4 || !has_word_character (line) || is_page_label (line) ||
          (date = bd_extract_find_date (line, strlen (line))) != NULL)
        continue;

      return g_strdup (line);
    }

  return NULL;
}
