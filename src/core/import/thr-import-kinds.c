/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import-kinds.c — what each record kind checks and stores
 *
 * One row function per kind, bound to one prepared INSERT: checks that
 * need the contract (metric ids, periods, components) live here; reading
 * a single value lives in thr-import-cells.c.
 */
#define G_LOG_DOMAIN "thr-import"

#include "thr-import-private.h"
#include "thr-record.h"
#include "thr-values.h"

/* ---- metric report: metric,period,value | numerator,denominator ---- */

enum { MR_METRIC, MR_PERIOD, MR_VALUE, MR_NUMERATOR, MR_DENOMINATOR, MR_SUBJECT, MR_QUEUE };

static const ColumnSpec metric_report_columns[] = {
  { "metric", TRUE }, { "period", TRUE }, { "value", FALSE },
  { "numerator", FALSE }, { "denominator", FALSE }, { "subject", FALSE }, { "queue", FALSE },
};

static gboolean
check_period_label (Import          *imp,
                    guint            i,
                    ThrPeriodKind    kind,
                    const char      *metric_id)
{
  const char *label = _thr_import_period_label (imp, i, kind);
  g_autoptr(GError) error = NULL;
  ThrPeriod period;

  if (label == NULL)
    return FALSE;
  if (_thr_import_cell_kind (imp, i) == THR_CELL_DATE && (kind == THR_PERIOD_QUARTER || kind == THR_PERIOD_YEAR))
    {
      /* A date does not say which quarter it stands for (its start? its end?). */
      _thr_import_problem (imp, imp->col[i], "%s is measured per %s, but the cell is a date (%s); write the %s as "
                           "text, such as 2018-Q2 or 2018", metric_id, thr_period_kind_to_string (kind), label,
                           thr_period_kind_to_string (kind));
      return FALSE;
    }
  if (!thr_period_parse (label, &period, &error))
    {
      _thr_import_problem (imp, imp->col[i], "%s", error->message);
      return FALSE;
    }
  if (period.kind != kind)
    {
      _thr_import_problem (imp, imp->col[i], "%s is measured per %s, but %s is a %s", metric_id,
               thr_period_kind_to_string (kind), _thr_import_quote (imp, label), thr_period_kind_to_string (period.kind));
      return FALSE;
    }
  return TRUE;
}

static void
check_percent_range (Import          *imp,
                     const ThrMetric *metric,
                     double           value)
{
  if (metric->unit == THR_UNIT_PERCENT && (value < 0 || value > 100))
    _thr_import_problem (imp, imp->col[MR_VALUE], "%s is a percentage from 0 to 100, but the value is %g",
             metric->id, value);
  else if (metric->unit != THR_UNIT_PERCENT && value < 0 && metric->unit != THR_UNIT_DOLLARS)
    _thr_import_problem (imp, imp->col[MR_VALUE], "%s cannot be negative (%g)", metric->id, value);
  else if (metric->unit == THR_UNIT_SECONDS)
    _thr_import_check_bound (imp, MR_VALUE, value, THR_IMPORT_MAX_SECONDS, FALSE, "duration in seconds");
  else if (metric->unit == THR_UNIT_DOLLARS)
    _thr_import_check_bound (imp, MR_VALUE, value, THR_IMPORT_MAX_DOLLARS, FALSE, "amount in dollars");
  else if (metric->unit == THR_UNIT_COUNT)
    _thr_import_check_bound (imp, MR_VALUE, value, THR_IMPORT_MAX_COUNT, TRUE, "count");
}

/* One figure per metric, subject and period in a report, one amount per
 * month and component in an invoice file: a second is a copy-paste slip,
 * and which of the two the contractor meant cannot be known. */
static void
check_once_per_file (Import     *imp,
                     guint       i,
                     const char *what,
                     const char *key)
{
  gpointer first;

  if (imp->seen_keys == NULL)
    imp->seen_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (imp->seen_keys, key, NULL, &first))
    _thr_import_problem (imp, imp->col[i], "%s is given twice in this file (row %u and here); keep one",
                         what, GPOINTER_TO_UINT (first));
  else
    g_hash_table_insert (imp->seen_keys, g_strdup (key), GUINT_TO_POINTER (thr_sheet_reader_get_row (imp->table)));
}

static void
check_ratio (Import          *imp,
             const ThrMetric *metric,
             gboolean         has_num,
             double           num,
             gboolean         has_den,
             double           den)
{
  if (has_num != has_den)
    {
      _thr_import_problem (imp, imp->col[has_num ? MR_DENOMINATOR : MR_NUMERATOR],
               "a numerator needs a denominator and the other way round");
      return;
    }
  if (num < 0)
    _thr_import_problem (imp, imp->col[MR_NUMERATOR], "a count cannot be negative (%g)", num);
  if (den < 0)
    _thr_import_problem (imp, imp->col[MR_DENOMINATOR], "a count cannot be negative (%g)", den);
  if (num < 0 || den < 0
      || !_thr_import_check_bound (imp, MR_NUMERATOR, num, THR_IMPORT_MAX_COUNT, TRUE, "numerator")
      || !_thr_import_check_bound (imp, MR_DENOMINATOR, den, THR_IMPORT_MAX_COUNT, TRUE, "denominator"))
    return;
  if (den == 0)
    _thr_import_problem (imp, imp->col[MR_DENOMINATOR], "a denominator of 0 gives no figure (%g/0); if there "
                         "was nothing to count, leave the row out", num);
  else if (metric->unit == THR_UNIT_PERCENT && num > den)
    _thr_import_problem (imp, imp->col[MR_NUMERATOR], "the numerator %g is larger than the denominator %g", num, den);
}

/* ---- Threshold's own metrics export, read back ----
 *
 * `export metrics` writes one row per metric: the value that decided the
 * status (reported or recomputed), the contractor's figure in "reported",
 * the recomputed one beside it, and a row for every metric whether or not
 * it has data.  Read back as a metric report, only the contractor's figure
 * is a reported value: "value" may be Threshold's own recomputation, and
 * the numerator and denominator are those of "value".  A row without a
 * reported figure (no data, pending, recomputed from records) is skipped,
 * and so is the month's row of a weekly metric (its weeks are not in the
 * file); the import says how many. */

static int
header_column (Import     *imp,
               const char *name)
{
  for (guint i = 0; i < imp->header->len; i++)
    if (g_str_equal (g_ptr_array_index (imp->header, i), name))
      return (int) i;
  return -1;
}

void
_thr_import_adopt_metrics_export (Import *imp)
{
  int reported = header_column (imp, "reported");
  int source = header_column (imp, "source");

  if (imp->spec->kind != THR_IMPORT_KIND_METRIC_REPORT || reported < 0 || source < 0
      || header_column (imp, "status") < 0)
    return;
  imp->metrics_export = TRUE;
  imp->export_source = source;
  imp->col[MR_VALUE] = reported;
}

void
_thr_import_note_metrics_export (Import *imp)
{
  if (!imp->metrics_export)
    return;
  _thr_import_note (imp, "read as Threshold's metrics export: the contractor's figures from column “reported”");
  if (imp->n_export_skipped > 0)
    _thr_import_note (imp, "skipped %u row(s) without a reported figure (no data, pending, or recomputed from records)",
                      imp->n_export_skipped);
  if (imp->n_export_weekly > 0)
    _thr_import_note (imp, "skipped %u month row(s) of weekly metrics (their weeks are not in the export)",
                      imp->n_export_weekly);
}

static const char *
export_source (Import *imp)
{
  guint col = (guint) imp->export_source;

  return col < imp->n_fields ? thr_sheet_reader_get_field (imp->table, col) : "";
}

/* Whether the row of a metrics export stays out, counted for the note. */
static gboolean
skip_export_row (Import          *imp,
                 const ThrMetric *metric)
{
  const char *label = _thr_import_cell (imp, MR_PERIOD);
  ThrPeriod period;

  /* The export labels a weekly metric's row with its month: "2018-03" in
   * CSV, a date cell shown as a month in a workbook. */
  if (metric->period == THR_PERIOD_WEEK && label != NULL
      && (_thr_import_cell_kind (imp, MR_PERIOD) == THR_CELL_DATE
          || (thr_period_parse (label, &period, NULL) && period.kind == THR_PERIOD_MONTH)))
    {
      imp->n_export_weekly++;
      return TRUE;
    }
  if (_thr_import_cell (imp, MR_VALUE) == NULL)
    {
      imp->n_export_skipped++;
      return TRUE;
    }
  return FALSE;
}

static void
metric_report_row (Import *imp)
{
  const char *id = _thr_import_required (imp, MR_METRIC);
  const ThrMetric *metric;
  double value = 0, num = 0, den = 0;
  gboolean has_value, has_num = FALSE, has_den = FALSE;

  if (id == NULL)
    {
      _thr_import_required (imp, MR_PERIOD);
      return;
    }
  metric = thr_contract_find_metric (imp->contract, id);
  if (metric == NULL)
    {
      _thr_import_required (imp, MR_PERIOD);
      _thr_import_problem (imp, imp->col[MR_METRIC], "unknown metric %s for contract %s", _thr_import_quote (imp, id),
               thr_contract_get_id (imp->contract));
      return;
    }
  if (imp->metrics_export && skip_export_row (imp, metric))
    {
      imp->n_rows--;
      return;
    }
  _thr_import_required (imp, MR_PERIOD);
  if (check_period_label (imp, MR_PERIOD, metric->period, metric->id))
    {
      const char *subject = _thr_import_cell (imp, MR_SUBJECT);
      const char *queue = _thr_import_cell (imp, MR_QUEUE);
      const char *period = _thr_import_period_label (imp, MR_PERIOD, metric->period);
      g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s", metric->id, subject ? subject : "",
                                              queue ? queue : "", period);
      g_autofree char *what = subject ? g_strdup_printf ("%s for %s in %s", metric->id, subject, period)
                                      : g_strdup_printf ("%s for %s", metric->id, period);

      check_once_per_file (imp, MR_METRIC, what, key);
    }

  _thr_import_bind_common (imp);
  thr_store_inserter_set_text (imp->insert, 3, metric->id);
  thr_store_inserter_set_text_copy (imp->insert, 4, _thr_import_period_label (imp, MR_PERIOD, metric->period));
  has_value = _thr_import_number (imp, MR_VALUE, metric->unit == THR_UNIT_PERCENT, &value);
  if (has_value)
    thr_store_inserter_set_double (imp->insert, 5, value);
  else
    thr_store_inserter_set_null (imp->insert, 5);
  if (has_value && metric->unit == THR_UNIT_PERCENT)
    {
      imp->n_percent_values++;
      imp->n_percent_at_most_1 += value <= 1.0;
    }
  /* In a metrics export the counts are those of the deciding value. */
  if (imp->metrics_export && !g_str_equal (export_source (imp), "reported"))
    {
      thr_store_inserter_set_null (imp->insert, 6);
      thr_store_inserter_set_null (imp->insert, 7);
    }
  else
    {
      has_num = _thr_import_bind_number (imp, MR_NUMERATOR, 6, &num);
      has_den = _thr_import_bind_number (imp, MR_DENOMINATOR, 7, &den);
      /* The contractor gave counts; "reported" is their ratio, rounded. */
      if (imp->metrics_export && has_num && has_den)
        thr_store_inserter_set_null (imp->insert, 5);
    }
  thr_store_inserter_set_text_copy (imp->insert, 8, _thr_import_cell (imp, MR_SUBJECT) ? _thr_import_cell (imp, MR_SUBJECT) : "");
  thr_store_inserter_set_text_copy (imp->insert, 9, _thr_import_cell (imp, MR_QUEUE) ? _thr_import_cell (imp, MR_QUEUE) : "");

  if (!has_value && !has_num && !has_den && _thr_import_cell (imp, MR_VALUE) == NULL)
    _thr_import_problem (imp, imp->col[MR_VALUE], "%s has neither a value nor a numerator and denominator", metric->id);
  if (has_value)
    check_percent_range (imp, metric, value);
  if (has_num || has_den)
    check_ratio (imp, metric, has_num, num, has_den, den);
  _thr_import_insert_row (imp);
}

/* ---- invoices: month,component,amount ---- */

enum { INV_MONTH, INV_COMPONENT, INV_AMOUNT };

static const ColumnSpec invoice_columns[] = {
  { "month", TRUE }, { "component", TRUE }, { "amount", TRUE },
};

static void
invoice_row (Import *imp)
{
  const char *month = _thr_import_required (imp, INV_MONTH) ? _thr_import_period_label (imp, INV_MONTH, THR_PERIOD_MONTH)
                                                            : NULL;
  const char *component = _thr_import_required (imp, INV_COMPONENT);
  const char *amount = _thr_import_required (imp, INV_AMOUNT);
  ThrPeriod period;
  gint64 cents;

  if (month && !thr_period_parse_kind (month, THR_PERIOD_MONTH, &period, NULL))
    _thr_import_problem (imp, imp->col[INV_MONTH], "%s is not a month (expected YYYY-MM)",
                         _thr_import_quote (imp, month));
  if (component && thr_contract_find_component (imp->contract, component) == NULL)
    _thr_import_problem (imp, imp->col[INV_COMPONENT], "unknown invoice component %s (expected central, local_office or training)",
             _thr_import_quote (imp, component));
  if (amount && !thr_value_parse_cents (amount, &cents))
    _thr_import_problem (imp, imp->col[INV_AMOUNT], "%s is not an amount in dollars and cents",
                         _thr_import_quote (imp, amount));
  else if (amount && cents < 0)
    _thr_import_problem (imp, imp->col[INV_AMOUNT], "an invoice amount cannot be negative (%s)",
                         _thr_import_quote (imp, amount));
  else if (amount && cents > THR_IMPORT_MAX_CENTS)
    _thr_import_problem (imp, imp->col[INV_AMOUNT], "%s is not a plausible invoice amount for one component "
                         "in one month (at most $1,000,000,000.00)", amount);
  if (month && component && imp->n_problems == 0)
    {
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", month, component);
      g_autofree char *what = g_strdup_printf ("the %s invoice for %s", component, month);

      check_once_per_file (imp, INV_MONTH, what, key);
    }
  if (imp->n_problems > 0)
    return;

  _thr_import_bind_common (imp);
  thr_store_inserter_set_text_copy (imp->insert, 3, month);
  _thr_import_bind_text (imp, INV_COMPONENT, 4);
  thr_store_inserter_set_int (imp->insert, 5, cents);
  _thr_import_insert_row (imp);
}

/* ---- references: key,period,value[,subject] ---- */

enum { REF_KEY, REF_PERIOD, REF_VALUE, REF_SUBJECT, REF_QUEUE };

static const ColumnSpec reference_columns[] = {
  { "key", TRUE }, { "period", TRUE }, { "value", TRUE }, { "subject", FALSE }, { "queue", FALSE },
};

static void
reference_row (Import *imp)
{
  const char *period_label = _thr_import_required (imp, REF_PERIOD);
  double ref_value;
  ThrPeriod period;

  _thr_import_required (imp, REF_KEY);
  if (period_label && !thr_period_parse (period_label, &period, NULL))
    _thr_import_problem (imp, imp->col[REF_PERIOD], "%s is not a period", _thr_import_quote (imp, period_label));
  _thr_import_bind_common (imp);
  _thr_import_bind_text (imp, REF_KEY, 3);
  _thr_import_bind_text (imp, REF_PERIOD, 4);
  /* A reference stands beside metric values, percentages on 0–100: a
   * percentage-formatted cell is that percentage. */
  if (_thr_import_number (imp, REF_VALUE, TRUE, &ref_value))
    thr_store_inserter_set_double (imp->insert, 5, ref_value);
  else
    thr_store_inserter_set_null (imp->insert, 5);
  if (_thr_import_cell (imp, REF_VALUE) == NULL)
    _thr_import_problem (imp, imp->col[REF_VALUE], "“value” is empty; a value is required");
  thr_store_inserter_set_text_copy (imp->insert, 6, _thr_import_cell (imp, REF_SUBJECT) ? _thr_import_cell (imp, REF_SUBJECT) : "");
  thr_store_inserter_set_text_copy (imp->insert, 7, _thr_import_cell (imp, REF_QUEUE) ? _thr_import_cell (imp, REF_QUEUE) : "");
  _thr_import_insert_row (imp);
}

/* ---- tasks: task_id,type,received,completed plus optional columns ---- */

enum { T_ID, T_TYPE, T_RECEIVED, T_COMPLETED, T_DUE, T_PROGRAM, T_CATEGORY, T_STATUS,
       T_WORKER, T_TEAM, T_SCORE, T_AMOUNT };

static const ColumnSpec task_columns[] = {
  { "task_id", TRUE }, { "type", TRUE }, { "received", TRUE }, { "completed", TRUE },
  { "due", FALSE }, { "program", FALSE }, { "category", FALSE }, { "status", FALSE },
  { "worker", FALSE }, { "team", FALSE }, { "score", FALSE }, { "amount", FALSE },
};

static void
task_row (Import *imp)
{
  guint32 received = 0, completed = 0;
  gboolean has_received;
  double amount = 0;

  _thr_import_required (imp, T_ID);
  _thr_import_required (imp, T_TYPE);
  _thr_import_bind_common (imp);
  thr_store_inserter_set_int (imp->insert, 3, imp->contract_id);
  _thr_import_bind_text (imp, T_ID, 4);
  _thr_import_bind_text (imp, T_TYPE, 5);
  if (_thr_import_cell (imp, T_RECEIVED) == NULL)
    _thr_import_required (imp, T_RECEIVED);
  has_received = _thr_import_bind_datetime (imp, T_RECEIVED, 6, &received);
  if (_thr_import_bind_datetime (imp, T_COMPLETED, 8, &completed) && has_received && completed < received)
    _thr_import_problem (imp, imp->col[T_COMPLETED], "completed on %s, before it was received",
             _thr_import_cell (imp, T_COMPLETED));
  _thr_import_bind_datetime (imp, T_DUE, 10, NULL);
  _thr_import_bind_text (imp, T_PROGRAM, 12);
  _thr_import_bind_text (imp, T_CATEGORY, 13);
  _thr_import_bind_text (imp, T_STATUS, 14);
  _thr_import_bind_text (imp, T_WORKER, 15);
  _thr_import_bind_text (imp, T_TEAM, 16);
  _thr_import_bind_number (imp, T_SCORE, 17, NULL);
  if (_thr_import_bind_number (imp, T_AMOUNT, 18, &amount))
    _thr_import_check_bound (imp, T_AMOUNT, amount, THR_IMPORT_MAX_DOLLARS, FALSE, "amount in dollars");
  if (_thr_import_insert_row (imp))
    _thr_import_remember_id (imp, T_ID, received);
}

/* ---- calls: call_id,queue,offered_at,wait_seconds,outcome ---- */

enum { C_ID, C_QUEUE, C_OFFERED, C_WAIT, C_OUTCOME, C_HANDLE, C_AGENT, C_TEAM };

static const ColumnSpec call_columns[] = {
  { "call_id", TRUE }, { "queue", TRUE }, { "offered_at", TRUE }, { "wait_seconds", TRUE },
  { "outcome", TRUE }, { "handle_seconds", FALSE }, { "agent", FALSE }, { "team", FALSE },
};

static void
call_row (Import *imp)
{
  const char *outcome_text;
  ThrCallOutcome outcome;
  double wait = 0, handle = 0;
  guint32 offered = 0;

  _thr_import_required (imp, C_ID);
  _thr_import_required (imp, C_QUEUE);
  _thr_import_bind_common (imp);
  thr_store_inserter_set_int (imp->insert, 3, imp->contract_id);
  _thr_import_bind_text (imp, C_ID, 4);
  _thr_import_bind_text (imp, C_QUEUE, 5);
  if (_thr_import_cell (imp, C_OFFERED) == NULL)
    _thr_import_required (imp, C_OFFERED);
  _thr_import_bind_datetime (imp, C_OFFERED, 6, &offered);
  if (_thr_import_cell (imp, C_WAIT) == NULL)
    _thr_import_required (imp, C_WAIT);
  else if (_thr_import_bind_number (imp, C_WAIT, 8, &wait) && wait < 0)
    _thr_import_problem (imp, imp->col[C_WAIT], "a wait cannot be negative (%g seconds)", wait);
  else
    _thr_import_check_bound (imp, C_WAIT, wait, THR_IMPORT_MAX_SECONDS, FALSE, "wait in seconds");
  outcome_text = _thr_import_required (imp, C_OUTCOME);
  if (outcome_text && !thr_call_outcome_from_string (outcome_text, &outcome))
    _thr_import_problem (imp, imp->col[C_OUTCOME], "unknown outcome %s (expected answered, abandoned or flowout)",
             _thr_import_quote (imp, outcome_text));
  else if (outcome_text)
    thr_store_inserter_set_int (imp->insert, 9, outcome);
  if (_thr_import_bind_number (imp, C_HANDLE, 10, &handle) && handle < 0)
    _thr_import_problem (imp, imp->col[C_HANDLE], "a handle time cannot be negative (%g seconds)", handle);
  else
    _thr_import_check_bound (imp, C_HANDLE, handle, THR_IMPORT_MAX_SECONDS, FALSE, "handle time in seconds");
  _thr_import_bind_text (imp, C_AGENT, 11);
  _thr_import_bind_text (imp, C_TEAM, 12);
  if (_thr_import_insert_row (imp))
    _thr_import_remember_id (imp, C_ID, offered);
}

static const KindSpec kinds[] = {
  { THR_IMPORT_KIND_METRIC_REPORT, "metric-report", metric_report_columns, G_N_ELEMENTS (metric_report_columns),
    THR_STORE_RECORDS_REPORTED, metric_report_row },
  { THR_IMPORT_KIND_INVOICES, "invoices", invoice_columns, G_N_ELEMENTS (invoice_columns),
    THR_STORE_RECORDS_INVOICES, invoice_row },
  { THR_IMPORT_KIND_TASKS, "tasks", task_columns, G_N_ELEMENTS (task_columns),
    THR_STORE_RECORDS_TASKS, task_row },
  { THR_IMPORT_KIND_CALLS, "calls", call_columns, G_N_ELEMENTS (call_columns),
    THR_STORE_RECORDS_CALLS, call_row },
  { THR_IMPORT_KIND_REFERENCES, "references", reference_columns, G_N_ELEMENTS (reference_columns),
    THR_STORE_RECORDS_REFERENCES, reference_row },
};


const KindSpec *
_thr_import_find_kind (ThrImportKind kind)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (kinds[k].kind == kind)
      return &kinds[k];
  return NULL;
}

const KindSpec *
_thr_import_find_kind_by_name (const char *name)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (g_strcmp0 (kinds[k].name, name) == 0)
      return &kinds[k];
  return NULL;
}

/* A canonical file whose header is incomplete is still recognised by one
 * telling column, so the message can say which required ones are missing. */
const KindSpec *
_thr_import_kind_by_marker (GPtrArray *header)
{
  static const struct { const char *column; ThrImportKind kind; } markers[] = {
    { "metric", THR_IMPORT_KIND_METRIC_REPORT },
    { "component", THR_IMPORT_KIND_INVOICES },
    { "task_id", THR_IMPORT_KIND_TASKS },
    { "call_id", THR_IMPORT_KIND_CALLS },
    { "key", THR_IMPORT_KIND_REFERENCES },
  };

  for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
    for (guint i = 0; i < header->len; i++)
      if (g_str_equal (g_ptr_array_index (header, i), markers[m].column))
        return _thr_import_find_kind (markers[m].kind);
  return NULL;
}

const char *
thr_import_kind_to_string (ThrImportKind kind)
{
  const KindSpec *spec = _thr_import_find_kind (kind);

  return spec ? spec->name : "auto";
}

gboolean
thr_import_kind_from_string (const char    *str,
                             ThrImportKind *out)
{
  const KindSpec *spec = _thr_import_find_kind_by_name (str);

  g_return_val_if_fail (out != NULL, FALSE);

  if (spec == NULL)
    return FALSE;
  *out = spec->kind;
  return TRUE;
}
