/* bd-cli-search.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bd-cli.h"
#include "bd-date.h"
#include "bd-fts-functions.h"
#include "bd-query.h"
#include "bd-search.h"
#include "bd-search-result.h"

#define BOLD   "\033[1m"
#define NORMAL "\033[0m"

/* Marks the hits for a terminal in bold, elsewhere in 【】 so they survive a pipe. */
static char *
mark_hits (const char *text,
           GArray     *hits,
           gboolean    terminal)
{
  GString *out = g_string_new (NULL);
  guint position = 0;

  for (guint i = 0; i < hits->len; i++)
    {
      const BdRange *range = &g_array_index (hits, BdRange, i);

      g_string_append_len (out, text + position, range->start - position);
      g_string_append (out, terminal ? BOLD : "【");
      g_string_append_len (out, text + range->start, range->end - range->start);
      g_string_append (out, terminal ? NORMAL : "】");
      position = range->end;
    }
  g_string_append (out, text + position);

  return g_string_free (out, FALSE);
}

static void
add_hits (JsonBuilder *builder,
          const char  *name,
          const char  *text,
          GArray      *hits)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      const BdRange *range = &g_array_index (hits, BdRange, i);

      /* in characters, as most JSON consumers index strings */
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_utf8_pointer_to_offset (text, text + range->start));
      json_builder_add_int_value (builder, g_utf8_pointer_to_offset (text, text + range->end));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
print_results (BdCli      *cli,
               BdQuery    *query,
               GPtrArray  *results,
               guint       total)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, bd_query_get_text (query));
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, total);
      json_builder_set_member_name (builder, "results");
      json_builder_begin_array (builder);
      for (guint i = 0; i < results->len; i++)
        {
          BdSearchResult *result = g_ptr_array_index (results, i);

          json_builder_begin_object (builder);
          bd_cli_add_report (builder, bd_search_result_get_report (result));
          json_builder_set_member_name (builder, "snippet");
          json_builder_add_string_value (builder, bd_search_result_get_snippet (result));
          add_hits (builder, "snippet_hits", bd_search_result_get_snippet (result),
                    bd_search_result_get_snippet_hits (result));
          add_hits (builder, "title_hits", bd_search_result_get_title (result),
                    bd_search_result_get_title_hits (result));
          json_builder_set_member_name (builder, "score");
          json_builder_add_double_value (builder, bd_search_result_get_score (result));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
      return;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u report found", "%u reports found", total), total);
  if (results->len < total)
    g_print (_(" (showing %u)"), results->len);
  g_print ("\n");

  for (guint i = 0; i < results->len; i++)
    {
      BdSearchResult *result = g_ptr_array_index (results, i);
      BdReport *report = bd_search_result_get_report (result);
      gboolean terminal = bd_cli_stdout_is_terminal ();
      g_autofree char *title = mark_hits (bd_search_result_get_title (result),
                                          bd_search_result_get_title_hits (result), terminal);
      g_autofree char *snippet = mark_hits (bd_search_result_get_snippet (result),
                                            bd_search_result_get_snippet_hits (result), terminal);
      const char *outlet = bd_report_get_outlet (report);
      const char *date = bd_report_get_date (report);

      g_print ("\n%" G_GINT64_FORMAT "  %s\n", bd_report_get_id (report), title);
      g_print ("    %s · %s · %s\n",
               outlet != NULL ? outlet : _("unknown outlet"),
               bd_level_to_label (bd_report_get_level (report)),
               date != NULL ? date : _("undated"));
      if (*snippet != '\0')
        g_print ("    %s\n", snippet);
    }
}

static int
run_search (BdCli      *cli,
            BdQuery    *query,
            int         limit,
            int         offset)
{
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = g_strstrip (g_strdup (bd_query_get_text (query)));
  guint total = 0;

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  if (bd_query_is_empty (query) && *typed != '\0')
    {
      /* only punctuation or operators: nothing to look for, and that is not an error */
      if (!cli->json)
        g_printerr (_("There is nothing to search for in “%s”.\n"), bd_query_get_text (query));
      results = g_ptr_array_new ();
    }
  else if (!(results = bd_archive_search (archive, query, offset, limit, &total, NULL, &error)))
    return bd_cli_error (cli, error);

  print_results (cli, query, results, total);
  return BD_CLI_OK;
}

static const char *
search_summary (void)
{
  return _("Finds every report that contains what you type, ranked by relevance.\n\n"
           "Words separated by spaces must all appear; \"quotes\" keep a phrase together; OR "
           "(或) finds either; a leading - excludes. Filters can be typed too: level:省级, "
           "outlet:湖北日报, tag:乡村振兴, date:2023-08, 2023Q3.");
}

/* The filter options search, list and export share, added to @query. */
gboolean
bd_cli_apply_filters (BdCli        *cli,
                      BdQuery      *query,
                      char        **levels,
                      char        **outlets,
                      char        **tags,
                      const char   *from,
                      const char   *to,
                      const char   *quarter)
{
  for (guint i = 0; levels != NULL && levels[i] != NULL; i++)
    {
      BdLevel level;

      if (!bd_cli_parse_level (cli, levels[i], &level))
        return FALSE;
      bd_query_add_level (query, level);
    }

  for (guint i = 0; outlets != NULL && outlets[i] != NULL; i++)
    bd_query_add_outlet (query, outlets[i]);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    bd_query_add_tag (query, tags[i]);

  if (quarter != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      if (!bd_period_parse (quarter, &first, &last, &error))
        {
          bd_cli_usage_error (cli, "%s", error->message);
          return FALSE;
        }
      bd_query_restrict_dates (query, first, last);
    }

  if (from != NULL || to != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autofree char *from_last = NULL;
      g_autofree char *to_first = NULL;

      /* --from 2023-07 means its first day, --to 2023-09 its last */
      if ((from != NULL && !bd_period_parse (from, &first, &from_last, &error)) ||
          (to != NULL && !bd_period_parse (to, &to_first, &last, &error)))
        {
          bd_cli_usage_error (cli, "%s", error->message);
          return FALSE;
        }
      bd_query_restrict_dates (query, first, last);
    }

  return TRUE;
}

static int
search_or_list (BdCli       *cli,
                int          argc,
                char       **argv,
                gboolean     list)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *quarter = NULL;
  g_auto(GStrv) levels = NULL;
  g_auto(GStrv) outlets = NULL;
  g_auto(GStrv) tags = NULL;
  int limit = list ? 0 : 20;
  int offset = 0;
  const GOptionEntry entries[] = {
    { "level", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &levels,
      N_("Only reports of this level (may be repeated)"), N_("LEVEL") },
    { "outlet", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &outlets,
      N_("Only reports from an outlet whose name contains this"), N_("OUTLET") },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Only reports with this tag (may be repeated: all of them)"), N_("TAG") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Only reports published on or after this date"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Only reports published on or before this date"), N_("DATE") },
    { "quarter", 'q', 0, G_OPTION_ARG_STRING, &quarter,
      N_("Only reports published in this quarter (2023Q3), month or year"), N_("PERIOD") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("Show at most this many reports, 0 for all (default: 20 for search, all for list)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset,
      N_("Skip this many reports first"), N_("N") },
    { NULL }
  };

  context = bd_cli_option_context_new (cli, list ? "" : _("QUERY…"),
                                       list ? _("Lists the reports, newest first, with the same "
                                                "filters as search.")
                                            : search_summary (),
                                       entries);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (limit < 0 || offset < 0)
    return bd_cli_usage_error (cli, _("--limit and --offset cannot be negative"));

  if (list && argc > 1)
    return bd_cli_usage_error (cli, _("list takes no query; use search"));

  text = g_strjoinv (" ", &argv[1]);
  if (!(query = bd_query_parse (text, &error)))
    return bd_cli_usage_error (cli, "%s", error->message);

  if (!bd_cli_apply_filters (cli, query, levels, outlets, tags, from, to, quarter))
    return BD_CLI_USAGE;

  return run_search (cli, query, limit, offset);
}

int
bd_cli_search (BdCli  *cli,
               int     argc,
               char  **argv)
{
  return search_or_list (cli, argc, argv, FALSE);
}

int
bd_cli_list (BdCli  *cli,
             int     argc,
             char  **argv)
{
  return search_or_list (cli, argc, argv, TRUE);
}

/* Pads by display width: a Chinese label takes two columns a character. */
static void
print_field (const char *label,
             const char *value)
{
  guint width = 0;

  for (const char *p = label; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  g_print ("%s%*s %s\n", label, (int)(width < 12 ? 12 - width : 0), "", value != NULL ? value : "—");
}

int
bd_cli_show (BdCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BdArchive) archive = NULL;
  g_autoptr(BdReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *pages = NULL;
  gboolean with_text = FALSE;
  gint64 id;
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_NONE, &with_text,
      N_("Print the extracted text too"), NULL },
    { NULL }
  };

  context = bd_cli_option_context_new (cli, _("ID"), _("Shows a report’s details."), entries);
  if (!bd_cli_parse (cli, context, &argc, &argv))
    return BD_CLI_USAGE;

  if (argc != 2)
    return bd_cli_usage_error (cli, _("Name one report by its number"));
  if (!bd_cli_parse_id (cli, argv[1], &id))
    return BD_CLI_USAGE;

  if (!(archive = bd_cli_open_archive (cli)))
    return BD_CLI_FAILED;

  if (!(report = bd_archive_get_report (archive, id, with_text, &error)))
    return bd_cli_error (cli, error);

  original = bd_archive_get_original_path (archive, report);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      bd_cli_add_report (builder, report);
      json_builder_set_member_name (builder, "original");
      json_builder_add_string_value (builder, original);
      if (with_text)
        {
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, bd_report_get_text (report));
        }
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
      return BD_CLI_OK;
    }

  tags = g_strjoinv ("、", (char **)bd_report_get_tags (report));

  g_print ("%s\n\n", bd_report_get_title (report));
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, bd_report_get_id (report));
  pages = g_strdup_printf ("%u", bd_report_get_n_pages (report));

  print_field (_("Number:"), id_text);
  print_field (_("Outlet:"), bd_report_get_outlet (report));
  print_field (_("Level:"), bd_level_to_label (bd_report_get_level (report)));
  print_field (_("Date:"), bd_report_get_date (report));
  print_field (_("Tags:"), *tags ? tags : NULL);
  print_field (_("Source:"), bd_report_get_source_url (report));
  print_field (_("Imported:"), bd_report_get_import_path (report));
  print_field (_("Original:"), original);
  print_field ("SHA-256:", bd_report_get_sha256 (report));
  if (bd_report_get_n_pages (report) > 0)
    print_field (_("Pages:"), pages);

  if (with_text)
    g_print ("\n%s\n", bd_report_get_text (report));

  return BD_CLI_OK;
}
