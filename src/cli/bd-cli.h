/* bd-cli.h
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bd-archive.h"
#include "bd-level.h"
#include "bd-query.h"
#include "bd-report.h"

G_BEGIN_DECLS

/* Exit statuses every command shares. */
#define BD_CLI_OK      0
#define BD_CLI_FAILED  1
#define BD_CLI_USAGE   2

typedef struct
{
  const char *command;
  char       *archive_path;
  gboolean    json;
} BdCli;

typedef int (*BdCliCommandFunc) (BdCli  *cli,
                                 int     argc,
                                 char  **argv);

int        bd_cli_import      (BdCli *cli, int argc, char **argv);
int        bd_cli_search      (BdCli *cli, int argc, char **argv);
int        bd_cli_list        (BdCli *cli, int argc, char **argv);
int        bd_cli_show        (BdCli *cli, int argc, char **argv);
int        bd_cli_tag         (BdCli *cli, int argc, char **argv);
int        bd_cli_delete      (BdCli *cli, int argc, char **argv);
int        bd_cli_outlets     (BdCli *cli, int argc, char **argv);
int        bd_cli_stats       (BdCli *cli, int argc, char **argv);
int        bd_cli_verify      (BdCli *cli, int argc, char **argv);
int        bd_cli_backup      (BdCli *cli, int argc, char **argv);
int        bd_cli_export      (BdCli *cli, int argc, char **argv);
int        bd_cli_verify_bundle (BdCli *cli, int argc, char **argv);

GOptionContext *bd_cli_option_context_new  (BdCli           *cli,
                                            const char      *parameters,
                                            const char      *summary,
                                            const GOptionEntry *entries);
gboolean        bd_cli_parse               (BdCli           *cli,
                                            GOptionContext  *context,
                                            int             *argc,
                                            char          ***argv);
int             bd_cli_usage_error         (BdCli           *cli,
                                            const char      *format,
                                            ...) G_GNUC_PRINTF (2, 3);
int             bd_cli_error               (BdCli           *cli,
                                            const GError    *error);
BdArchive      *bd_cli_open_archive        (BdCli           *cli);
gboolean        bd_cli_parse_id            (BdCli           *cli,
                                            const char      *text,
                                            gint64          *id);
gboolean        bd_cli_parse_level         (BdCli           *cli,
                                            const char      *text,
                                            BdLevel         *level);
void            bd_cli_print_json          (JsonBuilder     *builder);
void            bd_cli_add_report          (JsonBuilder     *builder,
                                            BdReport        *report);
gboolean        bd_cli_stdout_is_terminal  (void);
gboolean        bd_cli_apply_filters       (BdCli           *cli,
                                            BdQuery         *query,
                                            char           **levels,
                                            char           **outlets,
                                            char           **tags,
                                            const char      *from,
                                            const char      *to,
                                            const char      *quarter);

G_END_DECLS
