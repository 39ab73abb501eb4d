/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-evaluate.c — evaluate --period YYYY-MM [--format text|json|csv] */
#define G_LOG_DOMAIN "thr-cli"

#include <json-glib/json-glib.h>

#include "thr-cli.h"

static void
add_number_or_null (JsonBuilder *b,
                    const char  *name,
                    gboolean     present,
                    double       value)
{
  json_builder_set_member_name (b, name);
  if (present)
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_figure (JsonBuilder     *b,
            const char      *name,
            const ThrFigure *f)
{
  json_builder_set_member_name (b, name);
  if (!f->present && !f->has_ratio)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_number_or_null (b, "value", f->present, f->value);
  add_number_or_null (b, "numerator", f->has_ratio, f->numerator);
  add_number_or_null (b, "denominator", f->has_ratio, f->denominator);
  json_builder_set_member_name (b, "pending_records");
  json_builder_add_int_value (b, f->n_pending);
  json_builder_end_object (b);
}

static void
add_threshold (JsonBuilder     *b,
               const ThrResult *r)
{
  const ThrMetric *m = r->metric;

  json_builder_set_member_name (b, "target");
  if (m->op == THR_OP_BETWEEN && m->reference_low != NULL && !r->has_reference)
    json_builder_add_null_value (b);
  else if (m->op == THR_OP_BETWEEN)
    {
      /* The bounds used: the contract's, or those imported for the
       * period and queue (reference_range). */
      json_builder_begin_array (b);
      json_builder_add_double_value (b, r->lower);
      json_builder_add_double_value (b, r->upper);
      json_builder_end_array (b);
      if (r->reference_period != NULL)
        thr_cli_json_add_string (b, "reference_period", r->reference_period);
    }
  else if (m->op == THR_OP_WITHIN)
    {
      if (r->has_reference)
        json_builder_add_double_value (b, r->reference);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "tolerance");
      json_builder_add_double_value (b, m->tolerance);
      /* The quarter whose reference stood in for the month's own, not yet
       * published (reading missing_reference_quarter). */
      if (r->reference_period != NULL)
        thr_cli_json_add_string (b, "reference_period", r->reference_period);
    }
  else
    json_builder_add_double_value (b, m->target);
}

static void
add_result (JsonBuilder     *b,
            ThrContract     *contract,
            const ThrResult *r)
{
  const ThrMetric *m = r->metric;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "metric");
  json_builder_add_string_value (b, m->id);
  if (*r->subject)
    {
      json_builder_set_member_name (b, "subject");
      json_builder_add_string_value (b, r->subject);
    }
  if (r->queue != NULL && *r->queue)
    thr_cli_json_add_string (b, "queue", r->queue);
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, r->period_label);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, thr_status_to_string (r->status));
  add_number_or_null (b, "value", r->value.present, r->value.value);
  add_threshold (b, r);
  json_builder_set_member_name (b, "op");
  json_builder_add_string_value (b, thr_op_to_string (m->op));
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, thr_unit_to_string (m->unit));
  add_number_or_null (b, "numerator", r->value.has_ratio, r->value.numerator);
  add_number_or_null (b, "denominator", r->value.has_ratio, r->value.denominator);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, !r->value.present ? "none"
                                    : r->source == THR_SOURCE_REPORTED ? "reported" : "computed");
  add_figure (b, "reported", &r->reported);
  add_figure (b, "computed", &r->computed);
  json_builder_set_member_name (b, "difference");
  if (r->reported.present && r->computed.present)
    json_builder_add_double_value (b, r->computed.value - r->reported.value);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "discrepancy");
  json_builder_add_boolean_value (b, r->discrepancy);
  json_builder_set_member_name (b, "to_date");
  json_builder_add_boolean_value (b, r->to_date);
  json_builder_set_member_name (b, "section");
  json_builder_add_string_value (b, m->section);
  json_builder_set_member_name (b, "component");
  json_builder_add_string_value (b, m->component);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, m->title);
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  for (guint i = 0; r->flags && i < r->flags->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (r->flags, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "explanation");
  json_builder_add_string_value (b, r->explanation);
  thr_cli_json_add_readings (b, contract, r->readings);
  if (r->parts)
    {
      json_builder_set_member_name (b, "weeks");
      json_builder_begin_array (b);
      for (guint i = 0; i < r->parts->len; i++)
        add_result (b, contract, g_ptr_array_index (r->parts, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
print_json (const char  *period,
            ThrContract *contract,
            GPtrArray   *results)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, period);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    add_result (b, contract, g_ptr_array_index (results, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  thr_cli_print_json (root);
}

/* The core's metric table, as `export metrics` writes it (one writer,
 * one column set: docs/exports.md); LF line ends for a pipe. */
static void
print_csv (GPtrArray *results)
{
  g_autoptr(ThrExportTable) table = thr_export_metrics_table (results);
  g_autofree char *csv = thr_export_table_to_csv_full (table, THR_EXPORT_FLAGS_CSV_LF);

  g_print ("%s", csv);
}

static void
print_text (const char *period,
            GPtrArray  *results)
{
  guint counts[4] = { 0 }, n_discrepancies = 0;

  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);
      g_autofree char *value = r->value.present ? g_strdup_printf ("%.2f", r->value.value) : g_strdup ("—");

      counts[r->status]++;
      thr_cli_print ("%-7s %-8s %-10s %10s  %s%s%s\n", r->metric->id, r->period_label,
                     thr_status_to_string (r->status), value, r->metric->title,
                     *r->subject ? " — " : "", r->subject);
      if (r->discrepancy)
        {
          n_discrepancies++;
          thr_cli_print ("        DISCREPANCY: reported %.2f, recomputed from records %.2f (difference %+.2f)\n",
                         r->reported.value, r->computed.value, r->computed.value - r->reported.value);
        }
    }
  thr_cli_print ("\n%s: %u met, %u missed, %u pending, %u without data\n", period,
                 counts[THR_STATUS_MET], counts[THR_STATUS_MISSED], counts[THR_STATUS_PENDING],
                 counts[THR_STATUS_NO_DATA]);
  if (n_discrepancies > 0)
    thr_cli_print ("%u discrepanc%s between reported and recomputed figures\n", n_discrepancies,
                   n_discrepancies == 1 ? "y" : "ies");
}

int
thr_cli_evaluate (ThrCliGlobal  *global,
                  int            argc,
                  char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("evaluate");
  g_autofree char *period_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *today_text = NULL;
  GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text, N_("Month to evaluate"), "YYYY-MM" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("text (default), json or csv"), "FORMAT" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as if today were this date"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) results = NULL;
  ThrCliFormat format;
  int status;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (period_text == NULL)
    return thr_cli_usage (command, "--period is required");
  if (!thr_cli_parse_format (format_text, &format, &error))
    return thr_cli_usage (command, error->message);
  status = thr_cli_evaluate_month (command, global, period_text, today_text, &evaluator, &results);
  if (status != THR_CLI_OK)
    return status;

  switch (format)
    {
    case THR_CLI_FORMAT_JSON: print_json (period_text, thr_evaluator_get_contract (evaluator), results); break;
    case THR_CLI_FORMAT_CSV: print_csv (results); break;
    case THR_CLI_FORMAT_TEXT:
    default: print_text (period_text, results); break;
    }
  return THR_CLI_OK;
}
