/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli.c — threshold-cli: the command-line contract (docs/man/threshold-cli.1)
 *
 *   threshold-cli [--db FILE] [--contract ID] COMMAND …
 */
#define G_LOG_DOMAIN "thr-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "thr-cli.h"

const ThrCliCommand thr_cli_commands[] = {
  { "templates", "", N_("List the contract templates that ship with Threshold"), thr_cli_templates },
  { "init", "--template ID [--name TEXT]", N_("Create a contract in the store from a template"), thr_cli_init },
  { "contracts", "", N_("List the contracts in the store"), thr_cli_contracts },
  { "import", "FILE [--kind KIND] [--profile NAME] [--sheet NAME] [--dry-run] [--replace-duplicates]",
    N_("Import a contractor report, invoices, tasks or calls (CSV or .xlsx)"), thr_cli_import },
  { "imports", "", N_("List the imports, oldest first"), thr_cli_imports },
  { "undo", "IMPORT_ID [--today YYYY-MM-DD]", N_("Remove an import and every row it brought"), thr_cli_undo },
  { "profiles", "[--save FILE]", N_("List the import profiles, or save one of your own"), thr_cli_profiles },
  { "evaluate", "--period YYYY-MM [--format text|json|csv] [--today YYYY-MM-DD]", N_("Evaluate every metric for a month"), thr_cli_evaluate },
  { "ledger", "[--from YYYY-MM] [--to YYYY-MM] [--format text|json|csv] [--today YYYY-MM-DD]",
    N_("Withholding per month and component: withheld, released, held, retained (D2 ¶1–4)"), thr_cli_ledger },
  { "caps", "[--format text|json] [--today YYYY-MM-DD] | set ID FIELD VALUE | action ID TEXT [--owner NAME] [--due DATE] | done ACTION DATE | audit ID",
    N_("Corrective Action Plans opened from the ledger's failures (D2 ¶4)"), thr_cli_caps },
  { "deadlines", "[--today YYYY-MM-DD] [--format text|json|ics] [--omit-done] [--alarm]",
    N_("Every contract date: reports, verification, CAPs, reviews, actions, windows"), thr_cli_deadlines },
  { "report", "month YYYY-MM | cap ID -o FILE.pdf [--agency TEXT] [--today YYYY-MM-DD]", N_("Write the monthly report or a CAP as PDF"), thr_cli_report },
  { "export", "metrics YYYY-MM | ledger | grid --from M --to M | chart METRIC --from M --to M [-o FILE]",
    N_("Export metrics, the ledger or the grid as CSV or Excel, a chart as PNG, SVG or PDF"), thr_cli_export },
  { "business-days", "--calendar ID FROM TO", N_("Count business days D with FROM < D ≤ TO"), thr_cli_business_days },
  { "calendar", "add-closure --calendar ID DATE TEXT | remove-closure --calendar ID DATE | closures [--calendar ID] [--format text|json]",
    N_("Record a day the governor closed state offices, remove one, or list them"), thr_cli_calendar },
  { "demo", "[--months N] [--seed N]", N_("Fill the store with the deterministic demo contract and data"), thr_cli_demo },
  { "copy-store", "FROM TO", N_("Copy a store file into a team store, or back, checking every row and the ledger"),
    thr_cli_copy_store },
  { NULL }
};

const ThrCliCommand *
thr_cli_find_command (const char *name)
{
  for (guint i = 0; thr_cli_commands[i].name; i++)
    if (g_str_equal (thr_cli_commands[i].name, name))
      return &thr_cli_commands[i];
  return NULL;
}

static void
print_usage (FILE *out)
{
  /* Translators: keep the option names and COMMAND as they are */
  fputs (_("Usage: threshold-cli [--db FILE] [--contract ID] COMMAND [OPTIONS…]\n\n"
           "Commands:\n"), out);
  for (guint i = 0; thr_cli_commands[i].name; i++)
    fprintf (out, "  %-14s %s\n", thr_cli_commands[i].name, _(thr_cli_commands[i].summary));
  fputs (_("\nThe default store is $XDG_DATA_HOME/threshold/threshold.db.\n"
           "Run “threshold-cli COMMAND --help” for a command's options.\n"), out);
}

/* Text read from the store or from files (titles, names, notes, the
 * values an error quotes) can hold terminal escape sequences that would
 * recolour or rewrite what the user sees.  Text-mode output replaces every
 * C0 control character but newline and tab, DEL, and the C1 controls
 * U+0080–U+009F (CSI, OSC… in some terminals) with U+FFFD; bytes that are
 * not UTF-8 become U+FFFD too.  JSON, CSV and ICS output have escaping of
 * their own and do not come through here. */
char *
thr_cli_sanitize_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

void
thr_cli_print (const char *format,
               ...)
{
  g_autofree char *text = NULL;
  g_autofree char *clean = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  clean = thr_cli_sanitize_text (text);
  g_print ("%s", clean);
}

/* The core states what is wrong; where the user makes the choice it
 * calls for is this front end's word. */
static const char *
store_error_hint (const GError *error)
{
  if (error->domain != THR_STORE_ERROR)
    return NULL;
  switch ((ThrStoreError) error->code)
    {
    case THR_STORE_ERROR_SEVERAL_CONTRACTS:
      return _(": choose one with --contract ID");
    case THR_STORE_ERROR_UNKNOWN_CONTRACT:
      return _("; run “threshold-cli contracts” to list them");
    case THR_STORE_ERROR_NO_CONTRACT:
      return _("; create one with “threshold-cli init --template ID”");
    case THR_STORE_ERROR_SQLITE:
    case THR_STORE_ERROR_NEWER:
    case THR_STORE_ERROR_NOT_STORE:
    case THR_STORE_ERROR_NOT_FOUND:
    case THR_STORE_ERROR_EXISTS:
    case THR_STORE_ERROR_BUSY:
    case THR_STORE_ERROR_FOREIGN_SCHEMA:
    case THR_STORE_ERROR_INVALID:
    case THR_STORE_ERROR_FOLDER:
    case THR_STORE_ERROR_TEAM_STORE:
    case THR_STORE_ERROR_SERVER:
    case THR_STORE_ERROR_CONFLICT:
    case THR_STORE_ERROR_RIGHTS:       /* it says already which role to ask for */
    default:
      return NULL;
    }
}

int
thr_cli_fail (GError *error)
{
  g_autofree char *worded = g_strconcat (error->message, store_error_hint (error), NULL);
  g_autofree char *message = thr_cli_sanitize_text (worded);

  g_printerr ("%s\n", message);
  g_error_free (error);
  return THR_CLI_FAILED;
}

int
thr_cli_usage (const ThrCliCommand *command,
               const char          *message)
{
  /* Translators: command, message, command, its arguments */
  g_printerr (_("threshold-cli %s: %s\nUsage: threshold-cli %s %s\n"), command->name, message,
              command->name, command->args);
  return THR_CLI_USAGE;
}

/* GOption stops at "--" but leaves it among the arguments, so a CAP
 * text starting with "-" (caps set 3 root_cause -- "-5 staff left") came
 * with one argument too many.  The "--" only ends the options: it goes. */
static void
drop_end_of_options (int   *argc,
                     char **argv)
{
  for (int i = 1; i < *argc; i++)
    if (g_str_equal (argv[i], "--"))
      {
        memmove (argv + i, argv + i + 1, (size_t) (*argc - i) * sizeof *argv);
        (*argc)--;
        return;
      }
}

gboolean
thr_cli_parse_options (const ThrCliCommand *command,
                       GOptionEntry        *entries,
                       int                 *argc,
                       char              ***argv)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", command->name, command->args);
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      thr_cli_usage (command, error->message);
      return FALSE;
    }
  drop_end_of_options (argc, *argv);
  return TRUE;
}

gboolean
thr_cli_parse_format (const char    *text,
                      ThrCliFormat  *out,
                      GError       **error)
{
  if (text == NULL || g_str_equal (text, "text"))
    *out = THR_CLI_FORMAT_TEXT;
  else if (g_str_equal (text, "json"))
    *out = THR_CLI_FORMAT_JSON;
  else if (g_str_equal (text, "csv"))
    *out = THR_CLI_FORMAT_CSV;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unknown format “%s” (expected text, json or csv)", text);
      return FALSE;
    }
  return TRUE;
}

/* A command that reads or adds to a store opens only one that exists: a
 * mistyped --db made an empty store, and its folders, and then said it
 * held no contract.  init and demo make stores (thr_cli_create_store). */
ThrStore *
thr_cli_open_store (ThrCliGlobal  *global,
                    GError       **error)
{
  if (!thr_store_is_team_address (global->db_path) && !g_file_test (global->db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s: no such store; nothing was created (check --db, or make one with "
                   "“threshold-cli init --template ID”)", global->db_path);
      return NULL;
    }
  return thr_cli_track_store (global, thr_store_open (global->db_path, error));
}

ThrStore *
thr_cli_create_store (ThrCliGlobal  *global,
                      GError       **error)
{
  return thr_cli_track_store (global, thr_store_open (global->db_path, error));
}

ThrStore *
thr_cli_track_store (ThrCliGlobal *global,
                     ThrStore     *store)
{
  if (store != NULL)
    g_ptr_array_add (global->stores, g_object_ref (store));
  return store;
}

/* The output is printed (the figures were worked out, only not kept):
 * the refusal goes to stderr after it, and the exit status says it unless
 * the command failed already. */
static int
say_keep_refusals (ThrCliGlobal *global,
                   int           status)
{
  for (guint i = 0; i < global->stores->len; i++)
    {
      ThrStore *store = g_ptr_array_index (global->stores, i);
      g_autoptr(GError) refusal = thr_store_take_keep_refusal (store);
      g_autofree char *worded = NULL;
      g_autofree char *message = NULL;

      if (refusal == NULL)
        continue;
      /* Named as every other failure of the store is. */
      worded = strstr (refusal->message, thr_store_get_path (store)) != NULL
               ? g_strdup (refusal->message)
               : g_strdup_printf ("%s: %s", thr_store_get_path (store), refusal->message);
      message = thr_cli_sanitize_text (worded);
      g_printerr ("%s\n%s\n", message,
                  _("What was printed was worked out in full; only keeping the figures failed."));
      if (status == THR_CLI_OK)
        status = THR_CLI_NOT_KEPT;
    }
  return status;
}

ThrEvaluator *
thr_cli_open_evaluator (ThrCliGlobal  *global,
                        ThrStore     **store_out,
                        gint64        *contract_id_out,
                        GError       **error)
{
  g_autoptr(ThrStore) store = thr_cli_open_store (global, error);
  ThrEvaluator *evaluator;
  gint64 id;

  if (store == NULL)
    return NULL;
  id = thr_store_resolve_contract (store, global->contract, error);
  if (id == 0)
    return NULL;
  evaluator = thr_evaluator_new_for_store (store, id, error);
  if (evaluator == NULL)
    return NULL;
  if (store_out)
    *store_out = g_steal_pointer (&store);
  if (contract_id_out)
    *contract_id_out = id;
  return evaluator;
}

int
thr_cli_evaluate_month (const ThrCliCommand  *command,
                        ThrCliGlobal         *global,
                        const char           *label,
                        const char           *today_text,
                        ThrEvaluator        **evaluator,
                        GPtrArray           **results)
{
  g_autoptr(GError) error = NULL;
  ThrPeriod month;
  guint32 today = 0;

  if (!thr_period_parse_kind (label, THR_PERIOD_MONTH, &month, &error))
    return thr_cli_usage (command, error->message);
  if (today_text && !thr_day_parse_iso (today_text, &today))
    return thr_cli_usage (command, "--today is not a date (YYYY-MM-DD)");
  *evaluator = thr_cli_open_evaluator (global, NULL, NULL, &error);
  if (*evaluator == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (today != 0)
    thr_evaluator_set_today (*evaluator, today);
  *results = thr_evaluator_evaluate_month (*evaluator, &month, NULL, &error);
  if (*results == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  return THR_CLI_OK;
}

void
thr_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
thr_cli_json_add_string (JsonBuilder *b,
                         const char  *name,
                         const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* A failure's corrective window (D2 ¶4.i) as JSON members; the ledger and
 * caps commands print it the same way. */
/* "readings": [{"key": …, "value": …}] — the interpretations of the
 * contract file that decided a figure, with the value they had. */
void
thr_cli_json_add_readings (JsonBuilder *b,
                           ThrContract *contract,
                           GPtrArray   *keys)
{
  json_builder_set_member_name (b, "readings");
  json_builder_begin_array (b);
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      json_builder_begin_object (b);
      thr_cli_json_add_string (b, "key", key);
      thr_cli_json_add_string (b, "value", thr_contract_get_interpretation (contract, key));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
thr_cli_json_add_window (JsonBuilder            *b,
                         ThrContract            *contract,
                         const ThrLedgerFailure *f,
                         GPtrArray              *more_readings)
{
  g_autoptr(GPtrArray) readings = g_ptr_array_new ();
  g_autofree char *first = thr_period_format (&f->window_first);
  g_autofree char *last = thr_period_format (&f->window_last);

  thr_cli_json_add_string (b, "window_first", first);
  thr_cli_json_add_string (b, "window_last", last);
  json_builder_set_member_name (b, "window");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->months->len; i++)
    {
      const ThrWindowMonth *wm = &g_array_index (f->months, ThrWindowMonth, i);
      g_autofree char *label = thr_period_format (&wm->month);

      g_autofree char *judged = thr_period_format (&wm->judged_in);

      json_builder_begin_object (b);
      thr_cli_json_add_string (b, "month", label);
      thr_cli_json_add_string (b, "status", wm->known ? thr_status_to_string (wm->status) : NULL);
      thr_cli_json_add_string (b, "judged_in", judged);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "repeat_misses");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->repeat_misses->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (f->repeat_misses, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "retained_months");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->retained->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (f->retained, i));
  json_builder_end_array (b);
  if (f->outcome == THR_WINDOW_RESOLVED)
    {
      g_autofree char *r = thr_period_format (&f->resolved_in);
      thr_cli_json_add_string (b, "resolved_in", r);
    }
  json_builder_set_member_name (b, "awaiting_implementation");
  json_builder_add_boolean_value (b, f->awaiting_implementation);
  thr_cli_json_add_string (b, "waiting_for", f->waiting_for);
  thr_cli_json_add_string (b, "explanation", f->explanation);
  /* The window's readings, then those that decided the CAP's own dates. */
  for (guint i = 0; i < f->readings->len; i++)
    g_ptr_array_add (readings, g_ptr_array_index (f->readings, i));
  for (guint i = 0; more_readings != NULL && i < more_readings->len; i++)
    g_ptr_array_add (readings, g_ptr_array_index (more_readings, i));
  thr_cli_json_add_readings (b, contract, readings);
}

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "threshold", "threshold.db", NULL);
}

/* Global options come before the command; everything after it is the
 * command's own. */
static int
parse_globals (ThrCliGlobal   *global,
               int             argc,
               char          **argv,
               int            *command_index)
{
  int i = 1;

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return THR_CLI_OK;
        }
      if (g_str_equal (argv[i], "--version"))
        {
          g_print ("threshold-cli %s\n", PACKAGE_VERSION);
          return THR_CLI_OK;
        }
      if ((g_str_equal (argv[i], "--db") || g_str_equal (argv[i], "--contract")) && i + 1 < argc)
        {
          char **slot = argv[i][2] == 'd' ? &global->db_path : &global->contract;
          g_free (*slot);
          *slot = g_strdup (argv[++i]);
          continue;
        }
      if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (global->db_path);
          global->db_path = g_strdup (argv[i] + 5);
          continue;
        }
      g_printerr (_("threshold-cli: unknown option “%s”\n"), argv[i]);
      print_usage (stderr);
      return THR_CLI_USAGE;
    }
  if (i >= argc)
    {
      print_usage (stderr);
      return THR_CLI_USAGE;
    }
  *command_index = i;
  return -1;
}

int
main (int   argc,
      char *argv[])
{
  ThrCliGlobal global = { 0 };
  int command_index = 0, status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, thr_core_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  thr_core_init ();

  global.db_path = default_db_path ();
  global.stores = g_ptr_array_new_with_free_func (g_object_unref);
  status = parse_globals (&global, argc, argv, &command_index);
  if (status < 0)
    {
      const ThrCliCommand *command = thr_cli_find_command (argv[command_index]);

      if (command)
        status = say_keep_refusals (&global, command->run (&global, argc - command_index, argv + command_index));
      else
        {
          g_printerr (_("threshold-cli: unknown command “%s”\n"), argv[command_index]);
          print_usage (stderr);
          status = THR_CLI_USAGE;
        }
    }
  g_ptr_array_unref (global.stores);
  g_free (global.db_path);
  g_free (global.contract);
  return status;
}
