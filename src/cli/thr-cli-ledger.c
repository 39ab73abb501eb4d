/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-ledger.c — ledger [--from YYYY-MM] [--to YYYY-MM] [--format text|json|csv] */
#define G_LOG_DOMAIN "thr-cli"

#include <string.h>

#include <json-glib/json-glib.h>

#include "thr-cli.h"

/* Money leaves as dollars with cents, "1234.56", in JSON as a number.  A
 * double would print as 1838900.8799999999, so the builder holds a marker
 * string with the cents that print_money_json() turns into the exact
 * number literal. */
#define MONEY_MARK "\001cents:"

static void
add_money (JsonBuilder *b,
           const char  *name,
           gint64       cents)
{
  g_autofree char *mark = g_strdup_printf (MONEY_MARK "%" G_GINT64_FORMAT, cents);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, mark);
}

/* The marker as the generator escapes it, with its quote. */
#define MONEY_MARK_JSON "\"\\u0001cents:"

/* Appends the exact dollars for a marker at @p ("\"\\u0001cents:-123\""),
 * returning the text after it, or NULL when @p holds no whole marker.  A
 * plain scan: a regular expression over the whole text took two thirds of
 * the ledger's time for sixty months (every quote was a place to try). */
static const char *
replace_money_at (const char *p,
                  GString    *out)
{
  const char *digits = p + strlen (MONEY_MARK_JSON);
  const char *end = digits + (*digits == '-');
  g_autofree char *dollars = NULL;

  if (!g_ascii_isdigit (*end))
    return NULL;
  while (g_ascii_isdigit (*end))
    end++;
  if (*end != '"')
    return NULL;
  dollars = thr_value_format_cents (g_ascii_strtoll (digits, NULL, 10));
  g_string_append (out, dollars);
  return end + 1;
}

static void
print_money_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) exact = NULL;
  g_autofree char *text = NULL;
  const char *p, *mark;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  exact = g_string_sized_new (strlen (text));
  for (p = text; (mark = strstr (p, MONEY_MARK_JSON)) != NULL;)
    {
      const char *after;

      g_string_append_len (exact, p, mark - p);
      if ((after = replace_money_at (mark, exact)) != NULL)
        p = after;
      else
        {
          g_string_append_c (exact, *mark);
          p = mark + 1;
        }
    }
  g_string_append (exact, p);
  g_print ("%s\n", exact->str);
}

static void
add_row (JsonBuilder        *b,
         ThrContract        *contract,
         const ThrLedgerRow *row)
{
  json_builder_begin_object (b);
  thr_cli_json_add_string (b, "month", row->month_label);
  thr_cli_json_add_string (b, "component", row->component);
  add_money (b, "invoice", row->invoice);
  json_builder_set_member_name (b, "rate");
  json_builder_add_double_value (b, row->rate);
  json_builder_set_member_name (b, "escalated");
  json_builder_add_boolean_value (b, row->escalated);
  add_money (b, "withheld", row->withheld);
  add_money (b, "released", row->released);
  add_money (b, "retained", row->retained);
  add_money (b, "held", row->held);
  thr_cli_json_add_string (b, "state", thr_ledger_state_to_string (row->state));
  thr_cli_json_add_string (b, "released_with", row->released_with);
  thr_cli_json_add_string (b, "explanation", row->explanation);
  thr_cli_json_add_readings (b, contract, row->readings);
  json_builder_end_object (b);
}

/* How the month stands over the metrics that withhold. */
static void
add_month (JsonBuilder          *b,
           const ThrLedgerMonth *month)
{
  json_builder_begin_object (b);
  thr_cli_json_add_string (b, "month", month->label);
  json_builder_set_member_name (b, "met");
  json_builder_add_int_value (b, month->n_met);
  json_builder_set_member_name (b, "missed");
  json_builder_add_int_value (b, month->n_missed);
  json_builder_set_member_name (b, "pending");
  json_builder_add_int_value (b, month->n_pending);
  json_builder_set_member_name (b, "no_data");
  json_builder_add_int_value (b, month->n_no_data);
  json_builder_set_member_name (b, "escalated");
  json_builder_add_boolean_value (b, month->escalated);
  json_builder_end_object (b);
}

static void
add_failure (JsonBuilder            *b,
             ThrContract            *contract,
             const ThrLedgerFailure *f)
{
  g_autofree char *implemented = f->implemented_on != 0 ? thr_day_format (f->implemented_on) : NULL;

  json_builder_begin_object (b);
  thr_cli_json_add_string (b, "metric", f->metric);
  thr_cli_json_add_string (b, "failure_month", f->failure_label);
  thr_cli_json_add_string (b, "outcome", thr_window_outcome_to_string (f->outcome));
  /* Here, not in the window's members: a CAP's object has its own. */
  thr_cli_json_add_string (b, "implemented_on", implemented);
  thr_cli_json_add_window (b, contract, f, NULL);
  json_builder_end_object (b);
}

static void
add_line (JsonBuilder         *b,
          ThrContract         *contract,
          const ThrLedgerLine *line)
{
  json_builder_begin_object (b);
  thr_cli_json_add_string (b, "metric", line->metric);
  thr_cli_json_add_string (b, "period", line->period_label);
  thr_cli_json_add_string (b, "kind", thr_ledger_line_kind_to_string (line->kind));
  add_money (b, "amount", line->amount);
  thr_cli_json_add_string (b, "explanation", line->explanation);
  thr_cli_json_add_readings (b, contract, line->readings);
  json_builder_end_object (b);
}

/* The same sum as the window's cards and the monthly report's totals. */
static void
add_totals (JsonBuilder *b,
            ThrLedger   *ledger)
{
  ThrLedgerTotals totals;

  thr_ledger_sum (ledger, NULL, NULL, NULL, &totals);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  add_money (b, "invoice", totals.invoice);
  add_money (b, "withheld", totals.withheld);
  add_money (b, "released", totals.released);
  add_money (b, "held", totals.held);
  add_money (b, "retained", totals.retained);
  json_builder_end_object (b);
}

static void
print_json (ThrLedger *ledger)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *months = thr_ledger_get_months (ledger);
  GPtrArray *rows = thr_ledger_get_rows (ledger);
  GPtrArray *failures = thr_ledger_get_failures (ledger);
  GPtrArray *lines = thr_ledger_get_lines (ledger);
  ThrContract *contract = thr_ledger_get_contract (ledger);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint i = 0; i < months->len; i++)
    add_month (b, g_ptr_array_index (months, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    add_row (b, contract, g_ptr_array_index (rows, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "failures");
  json_builder_begin_array (b);
  for (guint i = 0; i < failures->len; i++)
    add_failure (b, contract, g_ptr_array_index (failures, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < lines->len; i++)
    add_line (b, contract, g_ptr_array_index (lines, i));
  json_builder_end_array (b);
  add_totals (b, ledger);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  print_money_json (root);
}

/* The core's ledger table, as `export ledger` writes it (one writer, one
 * column set: docs/exports.md); LF line ends for a pipe. */
static void
print_csv (ThrLedger *ledger)
{
  g_autoptr(ThrExportTable) table = thr_export_ledger_table (ledger);
  g_autofree char *csv = thr_export_table_to_csv_full (table, THR_EXPORT_FLAGS_CSV_LF);

  g_print ("%s", csv);
}

static void
print_text (ThrLedger *ledger)
{
  GPtrArray *rows = thr_ledger_get_rows (ledger);
  GPtrArray *failures = thr_ledger_get_failures (ledger);
  GPtrArray *lines = thr_ledger_get_lines (ledger);

  thr_cli_print ("%-7s  %-12s  %12s  %4s  %11s  %-8s  %s\n", "month", "component", "invoice", "rate", "withheld",
                 "state", "released with");
  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);
      g_autofree char *invoice = thr_value_format_cents (row->invoice);
      g_autofree char *withheld = thr_value_format_cents (row->withheld);

      thr_cli_print ("%-7s  %-12s  %12s  %3g%%  %11s  %-8s  %s\n", row->month_label, row->component, invoice,
                     row->rate, withheld, thr_ledger_state_to_string (row->state),
                     row->released_with != NULL ? row->released_with : "");
      thr_cli_print ("         %s\n", row->explanation);
    }
  if (failures->len > 0)
    thr_cli_print ("\nCorrective periods\n");
  for (guint i = 0; i < failures->len; i++)
    {
      const ThrLedgerFailure *f = g_ptr_array_index (failures, i);
      thr_cli_print ("  %-7s %s  %-8s  %s\n", f->metric, f->failure_label, thr_window_outcome_to_string (f->outcome),
                     f->explanation);
    }
  if (lines->len > 0)
    thr_cli_print ("\nBonuses and damages\n");
  for (guint i = 0; i < lines->len; i++)
    {
      const ThrLedgerLine *line = g_ptr_array_index (lines, i);
      g_autofree char *amount = thr_value_format_cents (line->amount);
      thr_cli_print ("  %-7s %-8s %-8s %12s  %s\n", line->metric, line->period_label,
                     thr_ledger_line_kind_to_string (line->kind), amount, line->explanation);
    }
}

/* Shared with caps and deadlines: the ledger of the chosen contract. */
ThrLedger *
thr_cli_compute_ledger (ThrCliGlobal     *global,
                        const ThrPeriod  *from,
                        const ThrPeriod  *to,
                        guint32           today,
                        ThrStore        **store_out,
                        gint64           *contract_id_out,
                        GError          **error)
{
  g_autoptr(ThrStore) store = thr_cli_open_store (global, error);
  ThrLedger *ledger;
  gint64 id;

  if (store == NULL)
    return NULL;
  id = thr_store_resolve_contract (store, global->contract, error);
  if (id == 0)
    return NULL;
  ledger = thr_ledger_compute_for_store (store, id, from, to, today, error);
  if (ledger == NULL)
    return NULL;
  if (store_out != NULL)
    *store_out = g_steal_pointer (&store);
  if (contract_id_out != NULL)
    *contract_id_out = id;
  return ledger;
}

int
thr_cli_ledger (ThrCliGlobal  *global,
                int            argc,
                char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("ledger");
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *today_text = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First month shown (default: the first invoice)"), "YYYY-MM" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last month shown (default: the last invoice)"), "YYYY-MM" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("text (default), json or csv"), "FORMAT" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as if today were this date"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  ThrCliFormat format;
  ThrPeriod from, to;
  guint32 today = 0;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if ((from_text != NULL && !thr_period_parse_kind (from_text, THR_PERIOD_MONTH, &from, &error)) ||
      (to_text != NULL && !thr_period_parse_kind (to_text, THR_PERIOD_MONTH, &to, &error)) ||
      !thr_cli_parse_format (format_text, &format, &error))
    return thr_cli_usage (command, error->message);
  if (today_text != NULL && !thr_day_parse_iso (today_text, &today))
    return thr_cli_usage (command, "--today is not a date (YYYY-MM-DD)");

  ledger = thr_cli_compute_ledger (global, from_text ? &from : NULL, to_text ? &to : NULL, today,
                                   NULL, NULL, &error);
  if (ledger == NULL)
    return thr_cli_fail (g_steal_pointer (&error));

  switch (format)
    {
    case THR_CLI_FORMAT_JSON: print_json (ledger); break;
    case THR_CLI_FORMAT_CSV: print_csv (ledger); break;
    case THR_CLI_FORMAT_TEXT:
    default: print_text (ledger); break;
    }
  return THR_CLI_OK;
}
