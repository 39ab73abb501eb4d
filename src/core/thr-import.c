/* thr-import.c — canonical CSV files into the store, all or nothing */
#define G_LOG_DOMAIN "thr-import"

#include <string.h>

#include "thr-csv.h"
#include "thr-import.h"
#include "thr-values.h"

G_DEFINE_QUARK (thr-import-error-quark, thr_import_error)

enum { MAX_COLUMNS = 24 };

typedef struct {
  const char *name;
  gboolean    required;
} ColumnSpec;

typedef struct _Import Import;
typedef void (*RowFunc) (Import *imp);

typedef struct {
  ThrImportKind     kind;
  const char       *name;
  const ColumnSpec *columns;
  guint             n_columns;
  const char       *insert_sql;
  RowFunc           row;
} KindSpec;

struct _Import {
  ThrStore        *store;
  ThrContract     *contract;
  gint64           contract_id;
  gint64           import_id;
  ThrCsvReader    *csv;
  GTimeZone       *tz;
  const KindSpec  *spec;
  int              col[MAX_COLUMNS];   /* spec column → file column, -1 if absent */
  GPtrArray       *problems;
  guint            n_problems;
  sqlite3_stmt    *insert;
  guint            n_rows;
  GError          *sql_error;
};

static void
problem (Import     *imp,
         int         file_column,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (Import     *imp,
         int         file_column,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  imp->n_problems++;
  if (imp->problems->len >= THR_IMPORT_MAX_PROBLEMS)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (imp->problems,
                   g_strdup_printf ("%s:%u:%d: %s", thr_csv_reader_get_path (imp->csv),
                                    thr_csv_reader_get_line (imp->csv), file_column + 1, message));
}

/* The text of spec column i in the current row, NULL when the file has no
 * such column or the cell is empty: an empty cell is missing, never zero. */
static const char *
cell (Import *imp,
      guint   i)
{
  int c = imp->col[i];
  const char *text;

  if (c < 0 || (guint) c >= thr_csv_reader_get_n_fields (imp->csv))
    return NULL;
  text = thr_csv_reader_get_field (imp->csv, c);
  return *text ? text : NULL;
}

static const char *
required_cell (Import *imp,
               guint   i)
{
  const char *text = cell (imp, i);

  if (text == NULL)
    problem (imp, imp->col[i], "“%s” is empty; a value is required", imp->spec->columns[i].name);
  return text;
}

static gboolean
bind_number (Import  *imp,
             guint    i,
             int      param,
             double  *out)
{
  const char *text = cell (imp, i);
  double v;

  if (text == NULL)
    {
      sqlite3_bind_null (imp->insert, param);
      return FALSE;
    }
  if (!thr_value_parse_number (text, &v))
    {
      problem (imp, imp->col[i], "“%s” is not a number (column “%s”)", text, imp->spec->columns[i].name);
      return FALSE;
    }
  sqlite3_bind_double (imp->insert, param, v);
  if (out)
    *out = v;
  return TRUE;
}

static void
bind_text (Import *imp,
           guint   i,
           int     param)
{
  const char *text = cell (imp, i);

  if (text)
    sqlite3_bind_text (imp->insert, param, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (imp->insert, param);
}

static gboolean
bind_datetime (Import  *imp,
               guint    i,
               int      day_param,
               guint32 *day_out)
{
  const char *text = cell (imp, i);
  guint32 day;
  int seconds;

  if (text == NULL)
    {
      sqlite3_bind_null (imp->insert, day_param);
      sqlite3_bind_null (imp->insert, day_param + 1);
      return FALSE;
    }
  if (!thr_value_parse_datetime (text, imp->tz, &day, &seconds))
    {
      problem (imp, imp->col[i], "“%s” is not a valid date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)", text);
      return FALSE;
    }
  sqlite3_bind_int64 (imp->insert, day_param, day);
  if (seconds >= 0)
    sqlite3_bind_int (imp->insert, day_param + 1, seconds);
  else
    sqlite3_bind_null (imp->insert, day_param + 1);
  if (day_out)
    *day_out = day;
  return TRUE;
}

static void
bind_common (Import *imp)
{
  sqlite3_bind_int64 (imp->insert, 1, imp->import_id);
  sqlite3_bind_int (imp->insert, 2, (int) thr_csv_reader_get_line (imp->csv));
}

static void
insert_row (Import *imp)
{
  int rc;

  if (imp->n_problems > 0 || imp->sql_error != NULL)
    return;
  rc = sqlite3_step (imp->insert);
  sqlite3_reset (imp->insert);
  if (rc != SQLITE_DONE)
    thr_store_set_error (imp->store, &imp->sql_error);
}

/* ---- metric report: metric,period,value | numerator,denominator ---- */

enum { MR_METRIC, MR_PERIOD, MR_VALUE, MR_NUMERATOR, MR_DENOMINATOR, MR_SUBJECT };

static const ColumnSpec metric_report_columns[] = {
  { "metric", TRUE }, { "period", TRUE }, { "value", FALSE },
  { "numerator", FALSE }, { "denominator", FALSE }, { "subject", FALSE },
};

static gboolean
check_period_label (Import          *imp,
                    guint            i,
                    ThrPeriodKind    kind,
                    const char      *metric_id)
{
  const char *label = cell (imp, i);
  g_autoptr(GError) error = NULL;
  ThrPeriod period;

  if (label == NULL)
    return FALSE;
  if (!thr_period_parse (label, &period, &error))
    {
      problem (imp, imp->col[i], "%s", error->message);
      return FALSE;
    }
  if (period.kind != kind)
    {
      problem (imp, imp->col[i], "%s is measured per %s, but “%s” is a %s", metric_id,
               thr_period_kind_to_string (kind), label, thr_period_kind_to_string (period.kind));
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
    problem (imp, imp->col[MR_VALUE], "%s is a percentage from 0 to 100, but the value is %g",
             metric->id, value);
  else if (metric->unit != THR_UNIT_PERCENT && value < 0 && metric->unit != THR_UNIT_DOLLARS)
    problem (imp, imp->col[MR_VALUE], "%s cannot be negative (%g)", metric->id, value);
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
      problem (imp, imp->col[has_num ? MR_DENOMINATOR : MR_NUMERATOR],
               "a numerator needs a denominator and the other way round");
      return;
    }
  if (num < 0)
    problem (imp, imp->col[MR_NUMERATOR], "a count cannot be negative (%g)", num);
  if (den < 0)
    problem (imp, imp->col[MR_DENOMINATOR], "a count cannot be negative (%g)", den);
  if (metric->unit == THR_UNIT_PERCENT && num > den)
    problem (imp, imp->col[MR_NUMERATOR], "the numerator %g is larger than the denominator %g", num, den);
}

static void
metric_report_row (Import *imp)
{
  const char *id = required_cell (imp, MR_METRIC);
  const ThrMetric *metric;
  double value = 0, num = 0, den = 0;
  gboolean has_value, has_num, has_den;

  required_cell (imp, MR_PERIOD);
  if (id == NULL)
    return;
  metric = thr_contract_find_metric (imp->contract, id);
  if (metric == NULL)
    {
      problem (imp, imp->col[MR_METRIC], "unknown metric “%s” for contract %s", id,
               thr_contract_get_id (imp->contract));
      return;
    }
  check_period_label (imp, MR_PERIOD, metric->period, metric->id);

  bind_common (imp);
  sqlite3_bind_text (imp->insert, 3, metric->id, -1, SQLITE_STATIC);
  bind_text (imp, MR_PERIOD, 4);
  has_value = bind_number (imp, MR_VALUE, 5, &value);
  has_num = bind_number (imp, MR_NUMERATOR, 6, &num);
  has_den = bind_number (imp, MR_DENOMINATOR, 7, &den);
  sqlite3_bind_text (imp->insert, 8, cell (imp, MR_SUBJECT) ? cell (imp, MR_SUBJECT) : "", -1, SQLITE_TRANSIENT);

  if (!has_value && !has_num && !has_den && cell (imp, MR_VALUE) == NULL)
    problem (imp, imp->col[MR_VALUE], "%s has neither a value nor a numerator and denominator", metric->id);
  if (has_value)
    check_percent_range (imp, metric, value);
  if (has_num || has_den)
    check_ratio (imp, metric, has_num, num, has_den, den);
  insert_row (imp);
}

/* ---- invoices: month,component,amount ---- */

enum { INV_MONTH, INV_COMPONENT, INV_AMOUNT };

static const ColumnSpec invoice_columns[] = {
  { "month", TRUE }, { "component", TRUE }, { "amount", TRUE },
};

static void
invoice_row (Import *imp)
{
  const char *month = required_cell (imp, INV_MONTH);
  const char *component = required_cell (imp, INV_COMPONENT);
  const char *amount = required_cell (imp, INV_AMOUNT);
  ThrPeriod period;
  gint64 cents;

  if (month && !thr_period_parse_kind (month, THR_PERIOD_MONTH, &period, NULL))
    problem (imp, imp->col[INV_MONTH], "“%s” is not a month (expected YYYY-MM)", month);
  if (component && thr_contract_find_component (imp->contract, component) == NULL)
    problem (imp, imp->col[INV_COMPONENT], "unknown invoice component “%s” (expected central, local_office or training)",
             component);
  if (amount && !thr_value_parse_cents (amount, &cents))
    problem (imp, imp->col[INV_AMOUNT], "“%s” is not an amount in dollars and cents", amount);
  else if (amount && cents < 0)
    problem (imp, imp->col[INV_AMOUNT], "an invoice amount cannot be negative (%s)", amount);
  if (imp->n_problems > 0)
    return;

  bind_common (imp);
  bind_text (imp, INV_MONTH, 3);
  bind_text (imp, INV_COMPONENT, 4);
  sqlite3_bind_int64 (imp->insert, 5, cents);
  insert_row (imp);
}

/* ---- references: key,period,value[,subject] ---- */

enum { REF_KEY, REF_PERIOD, REF_VALUE, REF_SUBJECT };

static const ColumnSpec reference_columns[] = {
  { "key", TRUE }, { "period", TRUE }, { "value", TRUE }, { "subject", FALSE },
};

static void
reference_row (Import *imp)
{
  const char *period_label = required_cell (imp, REF_PERIOD);
  ThrPeriod period;

  required_cell (imp, REF_KEY);
  if (period_label && !thr_period_parse (period_label, &period, NULL))
    problem (imp, imp->col[REF_PERIOD], "“%s” is not a period", period_label);
  bind_common (imp);
  bind_text (imp, REF_KEY, 3);
  bind_text (imp, REF_PERIOD, 4);
  if (!bind_number (imp, REF_VALUE, 5, NULL) && cell (imp, REF_VALUE) == NULL)
    problem (imp, imp->col[REF_VALUE], "“value” is empty; a value is required");
  sqlite3_bind_text (imp->insert, 6, cell (imp, REF_SUBJECT) ? cell (imp, REF_SUBJECT) : "", -1, SQLITE_TRANSIENT);
  insert_row (imp);
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

  required_cell (imp, T_ID);
  required_cell (imp, T_TYPE);
  bind_common (imp);
  sqlite3_bind_int64 (imp->insert, 3, imp->contract_id);
  bind_text (imp, T_ID, 4);
  bind_text (imp, T_TYPE, 5);
  if (cell (imp, T_RECEIVED) == NULL)
    required_cell (imp, T_RECEIVED);
  has_received = bind_datetime (imp, T_RECEIVED, 6, &received);
  if (bind_datetime (imp, T_COMPLETED, 8, &completed) && has_received && completed < received)
    problem (imp, imp->col[T_COMPLETED], "completed on %s, before it was received",
             cell (imp, T_COMPLETED));
  bind_datetime (imp, T_DUE, 10, NULL);
  bind_text (imp, T_PROGRAM, 12);
  bind_text (imp, T_CATEGORY, 13);
  bind_text (imp, T_STATUS, 14);
  bind_text (imp, T_WORKER, 15);
  bind_text (imp, T_TEAM, 16);
  bind_number (imp, T_SCORE, 17, NULL);
  bind_number (imp, T_AMOUNT, 18, NULL);
  insert_row (imp);
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
  double wait = 0;

  required_cell (imp, C_ID);
  required_cell (imp, C_QUEUE);
  bind_common (imp);
  sqlite3_bind_int64 (imp->insert, 3, imp->contract_id);
  bind_text (imp, C_ID, 4);
  bind_text (imp, C_QUEUE, 5);
  if (cell (imp, C_OFFERED) == NULL)
    required_cell (imp, C_OFFERED);
  bind_datetime (imp, C_OFFERED, 6, NULL);
  if (cell (imp, C_WAIT) == NULL)
    required_cell (imp, C_WAIT);
  else if (bind_number (imp, C_WAIT, 8, &wait) && wait < 0)
    problem (imp, imp->col[C_WAIT], "a wait cannot be negative (%g seconds)", wait);
  outcome_text = required_cell (imp, C_OUTCOME);
  if (outcome_text && !thr_call_outcome_from_string (outcome_text, &outcome))
    problem (imp, imp->col[C_OUTCOME], "unknown outcome “%s” (expected answered, abandoned or flowout)",
             outcome_text);
  else if (outcome_text)
    sqlite3_bind_int (imp->insert, 9, outcome);
  bind_number (imp, C_HANDLE, 10, NULL);
  bind_text (imp, C_AGENT, 11);
  bind_text (imp, C_TEAM, 12);
  insert_row (imp);
}

static const KindSpec kinds[] = {
  { THR_IMPORT_KIND_METRIC_REPORT, "metric-report", metric_report_columns, G_N_ELEMENTS (metric_report_columns),
    "INSERT INTO reported_values (import_id, row, metric, period, value, numerator, denominator, subject) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", metric_report_row },
  { THR_IMPORT_KIND_INVOICES, "invoices", invoice_columns, G_N_ELEMENTS (invoice_columns),
    "INSERT INTO invoices (import_id, row, month, component, amount_cents) VALUES (?1, ?2, ?3, ?4, ?5)",
    invoice_row },
  { THR_IMPORT_KIND_TASKS, "tasks", task_columns, G_N_ELEMENTS (task_columns),
    "INSERT INTO tasks (import_id, row, contract_id, task_id, type, received_day, received_time, "
    "completed_day, completed_time, due_day, program, category, status, worker, team, score, amount) "
    /* ?11 is left unbound: a due date carries no time. */
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12, ?13, ?14, ?15, ?16, ?17, ?18)", task_row },
  { THR_IMPORT_KIND_CALLS, "calls", call_columns, G_N_ELEMENTS (call_columns),
    "INSERT INTO calls (import_id, row, contract_id, call_id, queue, offered_day, offered_time, wait_seconds, "
    "outcome, handle_seconds, agent, team) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", call_row },
  { THR_IMPORT_KIND_REFERENCES, "references", reference_columns, G_N_ELEMENTS (reference_columns),
    "INSERT INTO reference_values (import_id, row, key, period, value, subject) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    reference_row },
};

const char *
thr_import_kind_to_string (ThrImportKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return kinds[i].name;
  return "auto";
}

gboolean
thr_import_kind_from_string (const char    *str,
                             ThrImportKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].name, str) == 0)
      {
        *out = kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

void
thr_import_result_clear (ThrImportResult *result)
{
  g_clear_pointer (&result->sha256, g_free);
  g_clear_pointer (&result->ignored_columns, g_strfreev);
}

static char *
normalize_header (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  return g_strstrip (g_steal_pointer (&lower));
}

static const KindSpec *
detect_kind (GPtrArray *header)
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
        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          if (kinds[k].kind == markers[m].kind)
            return &kinds[k];
  return NULL;
}

static const KindSpec *
find_kind (ThrImportKind kind)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (kinds[k].kind == kind)
      return &kinds[k];
  return NULL;
}

static GStrv
map_columns (Import    *imp,
             GPtrArray *header)
{
  g_autoptr(GStrvBuilder) ignored = g_strv_builder_new ();

  for (guint i = 0; i < MAX_COLUMNS; i++)
    imp->col[i] = -1;

  for (guint f = 0; f < header->len; f++)
    {
      const char *name = g_ptr_array_index (header, f);
      gboolean known = FALSE;

      for (guint i = 0; i < imp->spec->n_columns; i++)
        if (g_str_equal (name, imp->spec->columns[i].name))
          {
            if (imp->col[i] >= 0)
              problem (imp, f, "column “%s” appears twice (first in column %d)", name, imp->col[i] + 1);
            imp->col[i] = (int) f;
            known = TRUE;
          }
      if (!known && *name != '\0')
        g_strv_builder_add (ignored, name);
    }

  for (guint i = 0; i < imp->spec->n_columns; i++)
    if (imp->spec->columns[i].required && imp->col[i] < 0)
      problem (imp, (int) header->len, "missing required column “%s” for a %s file",
               imp->spec->columns[i].name, imp->spec->name);
  return g_strv_builder_end (ignored);
}

static gboolean
is_blank_record (ThrCsvReader *csv)
{
  for (guint i = 0; i < thr_csv_reader_get_n_fields (csv); i++)
    if (*thr_csv_reader_get_field (csv, i) != '\0')
      return FALSE;
  return TRUE;
}

static gboolean
find_previous_import (Import      *imp,
                      const char  *sha256,
                      GError     **error)
{
  sqlite3_stmt *stmt = thr_store_prepare (imp->store,
                                          "SELECT id, imported_at, file_name FROM imports "
                                          "WHERE contract_id = ?1 AND sha256 = ?2 AND id <> ?3", error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, imp->contract_id);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, imp->import_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      g_set_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_DUPLICATE,
                   "%s: this file was already imported as import %" G_GINT64_FORMAT " (%s, on %s); nothing was written",
                   thr_csv_reader_get_path (imp->csv), (gint64) sqlite3_column_int64 (stmt, 0),
                   sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
create_import_row (Import      *imp,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt = thr_store_prepare (imp->store,
                                          "INSERT INTO imports (contract_id, kind, file_name, sha256, imported_at, n_rows) "
                                          "VALUES (?1, ?2, ?3, '', ?4, 0)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, imp->contract_id);
  sqlite3_bind_text (stmt, 2, imp->spec->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, base, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, when, -1, SQLITE_TRANSIENT);
  if (!thr_store_step_done (imp->store, stmt, error))
    return FALSE;
  imp->import_id = sqlite3_last_insert_rowid (thr_store_get_db (imp->store));
  return TRUE;
}

static gboolean
finish_import_row (Import      *imp,
                   GError     **error)
{
  sqlite3_stmt *stmt = thr_store_prepare (imp->store,
                                          "UPDATE imports SET sha256 = ?1, n_rows = ?2 WHERE id = ?3", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, thr_csv_reader_get_sha256 (imp->csv), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) imp->n_rows);
  sqlite3_bind_int64 (stmt, 3, imp->import_id);
  return thr_store_step_done (imp->store, stmt, error);
}

static GPtrArray *
read_header (ThrCsvReader  *csv,
             GError       **error)
{
  GPtrArray *header = g_ptr_array_new_with_free_func (g_free);

  if (!thr_csv_reader_next (csv, error))
    {
      if (error && *error == NULL)
        g_set_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_INVALID,
                     "%s:1:1: the file is empty; expected a header row", thr_csv_reader_get_path (csv));
      g_ptr_array_unref (header);
      return NULL;
    }
  for (guint i = 0; i < thr_csv_reader_get_n_fields (csv); i++)
    g_ptr_array_add (header, normalize_header (thr_csv_reader_get_field (csv, i)));
  return header;
}

static gboolean
read_rows (Import             *imp,
           ThrImportProgress   progress,
           gpointer            progress_data,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GError) csv_error = NULL;

  while (thr_csv_reader_next (imp->csv, &csv_error))
    {
      if (is_blank_record (imp->csv))
        continue;
      imp->n_rows++;
      imp->spec->row (imp);
      if (imp->sql_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&imp->sql_error));
          return FALSE;
        }
      if ((imp->n_rows & 0xffff) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (thr_csv_reader_get_bytes_read (imp->csv), thr_csv_reader_get_size (imp->csv), progress_data);
        }
    }
  if (csv_error != NULL)
    {
      imp->n_problems++;
      g_ptr_array_add (imp->problems, g_strdup (csv_error->message));
    }
  return TRUE;
}

static gboolean
report_problems (Import  *imp,
                 GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (imp->n_problems == 0)
    return TRUE;
  for (guint i = 0; i < imp->problems->len; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (imp->problems, i));
  if (imp->n_problems > imp->problems->len)
    g_string_append_printf (text, "\n%s: … and %u more problems", thr_csv_reader_get_path (imp->csv),
                            imp->n_problems - imp->problems->len);
  g_set_error_literal (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_INVALID, text->str);
  return FALSE;
}

static gboolean
run_import (Import             *imp,
            const char         *path,
            ThrImportKind       kind,
            ThrImportProgress   progress,
            gpointer            progress_data,
            GCancellable       *cancellable,
            ThrImportResult    *result,
            GError            **error)
{
  g_autoptr(GPtrArray) header = read_header (imp->csv, error);

  if (header == NULL)
    return FALSE;
  imp->spec = kind == THR_IMPORT_KIND_AUTO ? detect_kind (header) : find_kind (kind);
  if (imp->spec == NULL)
    {
      g_set_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_UNKNOWN_KIND,
                   "%s:1:1: cannot tell what this file holds from its header; give --kind "
                   "(metric-report, invoices, tasks, calls or references)", path);
      return FALSE;
    }
  result->kind = imp->spec->kind;
  result->ignored_columns = map_columns (imp, header);
  if (imp->n_problems > 0)
    return report_problems (imp, error);

  if (!thr_store_begin (imp->store, error))
    return FALSE;
  imp->insert = thr_store_prepare (imp->store, imp->spec->insert_sql, error);
  if (imp->insert == NULL || !create_import_row (imp, path, error)
      || !read_rows (imp, progress, progress_data, cancellable, error)
      || !report_problems (imp, error)
      || find_previous_import (imp, thr_csv_reader_get_sha256 (imp->csv), error)
      || !finish_import_row (imp, error))
    return FALSE;

  result->n_rows = imp->n_rows;
  result->sha256 = g_strdup (thr_csv_reader_get_sha256 (imp->csv));
  result->import_id = imp->import_id;
  return TRUE;
}

gboolean
thr_import_file (ThrStore          *store,
                 gint64             contract_id,
                 ThrContract       *contract,
                 const char        *path,
                 ThrImportKind      kind,
                 gboolean           dry_run,
                 ThrImportProgress  progress,
                 gpointer           progress_data,
                 GCancellable      *cancellable,
                 ThrImportResult   *result,
                 GError           **error)
{
  g_autoptr(ThrCsvReader) csv = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTimeZone) tz = NULL;
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (THR_IS_STORE (store), FALSE);
  g_return_val_if_fail (THR_IS_CONTRACT (contract), FALSE);
  g_return_val_if_fail (path != NULL && result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  csv = thr_csv_reader_new (path, error);
  if (csv == NULL)
    return FALSE;
  tz = g_time_zone_new_identifier (thr_contract_get_timezone (contract));
  if (tz == NULL)
    tz = g_time_zone_new_local ();

  imp.store = store;
  imp.contract = contract;
  imp.contract_id = contract_id;
  imp.csv = csv;
  imp.tz = tz;
  imp.problems = problems;

  ok = run_import (&imp, path, kind, progress, progress_data, cancellable, result, error);
  g_clear_error (&imp.sql_error);

  /* A dry run goes through every insert, so it finds every problem the
   * real import would, and then rolls back. */
  if (!ok || dry_run)
    {
      thr_store_rollback (store);
      result->import_id = 0;
      return ok;
    }
  if (!thr_store_commit (store, error))
    {
      thr_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
