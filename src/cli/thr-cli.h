/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli.h — what every threshold-cli command shares */
#pragma once

#include <json-glib/json-glib.h>

#include <glib/gi18n.h>

#include "thr-core.h"

G_BEGIN_DECLS

typedef struct {
  char      *db_path;
  char      *contract; /* --contract ID or template, NULL for the only one */
  GPtrArray *stores;   /* of ThrStore*, every store the command opened (thr_cli_track_store) */
} ThrCliGlobal;

typedef int (*ThrCliCommandFunc) (ThrCliGlobal *global,
                                  int           argc,
                                  char        **argv);

typedef struct {
  const char        *name;
  const char        *args;
  const char        *summary;
  ThrCliCommandFunc  run;
} ThrCliCommand;

/* Exit statuses: 0 success, 1 the work failed (bad input, missing data),
 * 2 the command line itself was wrong, 3 the work was done and its
 * output written, but the store refused to keep the figures it worked
 * out (a team store's server refusing them as sent: a fault a script
 * must see, though the output is right). */
enum { THR_CLI_OK = 0, THR_CLI_FAILED = 1, THR_CLI_USAGE = 2, THR_CLI_NOT_KEPT = 3 };

typedef enum {
  THR_CLI_FORMAT_TEXT,
  THR_CLI_FORMAT_JSON,
  THR_CLI_FORMAT_CSV,
} ThrCliFormat;

/* Parses a command's options; prints the error and returns FALSE. */
gboolean  thr_cli_parse_options   (const ThrCliCommand *command,
                                   GOptionEntry        *entries,
                                   int                 *argc,
                                   char              ***argv);
int       thr_cli_fail            (GError              *error);
int       thr_cli_usage           (const ThrCliCommand *command,
                                   const char          *message);
gboolean  thr_cli_parse_format    (const char          *text,
                                   ThrCliFormat        *out,
                                   GError             **error);
ThrStore *thr_cli_create_store    (ThrCliGlobal        *global,
                                   GError             **error);
ThrStore *thr_cli_open_store      (ThrCliGlobal        *global,
                                   GError             **error);
/* Keeps @store (may be NULL) until the command has ended, when a keep it
 * refused is said (thr_store_take_keep_refusal): the ledger, the CAPs,
 * the reports and the exports evaluate months on it themselves.  The
 * stores opened above are tracked already.  Returns @store. */
ThrStore *thr_cli_track_store     (ThrCliGlobal        *global,
                                   ThrStore            *store);
/* The store and the contract to work on, with its evaluator. */
ThrEvaluator *thr_cli_open_evaluator (ThrCliGlobal     *global,
                                      ThrStore        **store_out,
                                      gint64           *contract_id_out,
                                      GError          **error);
/* Parses label (YYYY-MM) and today_text (YYYY-MM-DD or NULL), opens the
 * contract's evaluator and evaluates the month into *results, which point
 * into *evaluator's contract: the caller keeps both.  Returns THR_CLI_OK,
 * or the exit status after printing the problem. */
int       thr_cli_evaluate_month  (const ThrCliCommand *command,
                                   ThrCliGlobal        *global,
                                   const char          *label,
                                   const char          *today_text,
                                   ThrEvaluator       **evaluator,
                                   GPtrArray          **results);
void      thr_cli_print_json      (JsonNode            *node);
/* Text-mode output: like g_print(), with control characters (C0 but
 * newline and tab, DEL, C1) in the result replaced by U+FFFD, so that text
 * from the store or a file cannot send escape sequences to the terminal. */
void      thr_cli_print           (const char          *format,
                                   ...) G_GNUC_PRINTF (1, 2);
char     *thr_cli_sanitize_text   (const char          *text);
void      thr_cli_json_add_string (JsonBuilder         *b,
                                   const char          *name,
                                   const char          *value);
void      thr_cli_json_add_window (JsonBuilder         *b,
                                   ThrContract         *contract,
                                   const ThrLedgerFailure *f,
                                   GPtrArray           *more_readings);
void      thr_cli_json_add_readings (JsonBuilder       *b,
                                   ThrContract         *contract,
                                   GPtrArray           *keys);

int thr_cli_templates      (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_init           (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_contracts      (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_import         (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_imports        (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_undo           (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_profiles       (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_evaluate       (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_export         (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_report         (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_business_days  (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_calendar       (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_demo           (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_ledger         (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_caps           (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_deadlines      (ThrCliGlobal *global, int argc, char **argv);
int thr_cli_copy_store     (ThrCliGlobal *global, int argc, char **argv);

/* The ledger of the chosen contract (thr-cli-ledger.c); from, to may be
 * NULL, today 0 for today in the contract's time zone. */
ThrLedger *thr_cli_compute_ledger (ThrCliGlobal     *global,
                                   const ThrPeriod  *from,
                                   const ThrPeriod  *to,
                                   guint32           today,
                                   ThrStore        **store_out,
                                   gint64           *contract_id_out,
                                   GError          **error);

extern const ThrCliCommand thr_cli_commands[];
const ThrCliCommand *thr_cli_find_command (const char *name);

G_END_DECLS
