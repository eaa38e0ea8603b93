/* mr-cli-private.h — what the command files of the CLI share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command is one function that builds its GOptionContext with
 * mr_cli_context_new(), adds its own entries, parses with mr_cli_parse()
 * and returns FALSE with a GError on failure.  mr_cli_main() turns that
 * error into its message on stderr and the exit code: errors in
 * G_OPTION_ERROR are usage errors, every other domain a user error.
 */
#pragma once

#include "mr-cli.h"
#include "mr-sqlite-store.h"

G_BEGIN_DECLS

#define MR_CLI_PROGRAM "model-register"

typedef enum {
  MR_CLI_FORMAT_TEXT,
  MR_CLI_FORMAT_JSON,
  MR_CLI_FORMAT_CSV,
} MrCliFormat;

typedef enum {
  MR_CLI_OPTION_DATABASE = 1 << 0,  /* --database PATH */
  MR_CLI_OPTION_FORMAT   = 1 << 1,  /* --format text|json|csv */
} MrCliOptions;

typedef struct _MrCli MrCli;

typedef gboolean (*MrCliRunFunc) (MrCli   *cli,
                                  int      argc,
                                  char   **argv,
                                  GError **error);

typedef struct {
  const char   *name;
  const char   *parameters;  /* positional arguments, for the usage line; N_() */
  const char   *summary;     /* N_() */
  guint         min_args;
  guint         max_args;    /* G_MAXUINT: any number */
  MrCliOptions  options;
  MrCliRunFunc  run;
} MrCliCommand;

/* One invocation of one command. */
struct _MrCli
{
  const MrCliCommand *command;
  char               *database;     /* --database as given, or NULL */
  char               *format_name;  /* --format as given, or NULL */
  MrCliFormat         format;
  MrStore            *store;
};

GOptionContext *mr_cli_context_new  (MrCli           *cli);
/* Adds the global options and parses; on success argv[1..argc-1] are the
 * positional arguments, their number checked against the command's. */
gboolean        mr_cli_parse        (MrCli           *cli,
                                     GOptionContext  *context,
                                     int             *argc,
                                     char          ***argv,
                                     GError         **error);
/* Opens the register on first use; the store stays owned by cli. */
MrStore        *mr_cli_open_store   (MrCli           *cli,
                                     GError         **error);
const char     *mr_cli_actor        (void);
/* How the acting person is shown: "Display Name (login)" with the
 * display-name preference set, else the login.  Only the current user's
 * display name is known (the register records logins alone). */
char           *mr_cli_dup_own_actor_text (void);

/* Usage errors (G_OPTION_ERROR_BAD_VALUE) for malformed arguments. */
gboolean        mr_cli_parse_id     (const char      *arg,
                                     gint64          *out_id,
                                     GError         **error);
gboolean        mr_cli_parse_nick   (GType            enum_type,
                                     const char      *option,
                                     const char      *nick,
                                     int             *out_value,
                                     GError         **error);

/* Writes records as JSON (an object when single, else an array) or CSV. */
void            mr_cli_print_data   (MrCli           *cli,
                                     GPtrArray       *records,
                                     gboolean         single);
/* Human-readable text in the locale's encoding. */
void            mr_cli_print_text   (const char      *text);

gboolean        mr_cli_run_list     (MrCli *cli, int argc, char **argv, GError **error);
gboolean        mr_cli_run_show     (MrCli *cli, int argc, char **argv, GError **error);
gboolean        mr_cli_run_add      (MrCli *cli, int argc, char **argv, GError **error);
gboolean        mr_cli_run_edit     (MrCli *cli, int argc, char **argv, GError **error);
gboolean        mr_cli_run_remove   (MrCli *cli, int argc, char **argv, GError **error);
gboolean        mr_cli_run_import   (MrCli *cli, int argc, char **argv, GError **error);
gboolean        mr_cli_run_export   (MrCli *cli, int argc, char **argv, GError **error);

G_END_DECLS
