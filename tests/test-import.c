/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c — files as they arrive, each with its outcome asserted
 *
 * The table below names every file under tests/data/import/ (made by
 * tools/make-import-test-data): what it is read as, how many rows go in,
 * which notes the import makes, or, for a refused file, every problem
 * reported as FILE:ROW:COLUMN and a store left exactly as it was.
 */
#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */
#include "thr-test-store.h"

typedef struct {
  char         *dir;
  ThrStore     *store;
  gint64        contract_id;
  ThrEvaluator *evaluator;
} Fixture;

typedef struct {
  const char    *file;
  const char    *profile;
  const char    *sheet;
  gboolean       ok;
  guint          n_rows;
  const char    *kind;
  const char    *format;        /* a part of the source description */
  const char    *expected[4];   /* in the notes (ok) or the error; ROW:COLUMN after "FILE:" when refused */
} Case;

static const Case cases[] = {
  /* Encodings, separators, layout */
  { "excel-bom-crlf-tasks.csv", NULL, NULL, TRUE, 3, "tasks", "UTF-8 with BOM, comma", { NULL } },
  { "utf16le-unicode-text-calls.txt", NULL, NULL, TRUE, 2, "calls", "UTF-16LE, tab", { NULL } },
  { "utf16be-calls.txt", NULL, NULL, TRUE, 2, "calls", "UTF-16BE, tab", { NULL } },
  { "windows-1252-semicolon-tasks.csv", NULL, NULL, TRUE, 2, "tasks", "Windows-1252, semicolon", { NULL } },
  { "semicolon-report.csv", NULL, NULL, TRUE, 2, "metric-report", "UTF-8, semicolon", { NULL } },
  { "title-row-report.csv", NULL, NULL, TRUE, 2, "metric-report", "comma",
    { "skipped row 1 (“Eligibility Services Monthly Performance Report”), row 2 (“Contract RFP 16-102 — April 2018”) above the header", NULL } },
  { "trailing-empty-rows-calls.csv", NULL, NULL, TRUE, 2, "calls", "comma", { "skipped 3 empty row(s)", NULL } },
  { "totals-row-invoices.csv", NULL, NULL, TRUE, 3, "invoices", "comma", { "skipped row 5, a totals row (“Total”)", NULL } },
  { "quoted-newlines-tasks.csv", NULL, NULL, TRUE, 2, "tasks", "comma", { NULL } },
  /* Values as people write them */
  { "mixed-dates-tasks.csv", NULL, NULL, TRUE, 5, "tasks", "comma", { NULL } },
  { "percent-report.csv", NULL, NULL, TRUE, 2, "metric-report", "comma", { NULL } },
  { "calls-mmss-durations.csv", NULL, NULL, TRUE, 2, "calls", "comma", { NULL } },
  { "references-qsa.csv", NULL, NULL, TRUE, 2, "references", "comma", { NULL } },
  { "acme-report-fractions.csv", "acme-monthly-report", NULL, TRUE, 4, "metric-report", "comma", { NULL } },
  { "fractions-without-profile.csv", NULL, NULL, TRUE, 2, "metric-report", "comma",
    { "every percentage in the file is at most 1 %; if they are fractions", NULL } },
  /* Profiles */
  { "genesys-conversations.csv", NULL, NULL, TRUE, 3, "calls", "comma",
    { "dropped column “ANI”, as profile genesys-conversations says",
      "dropped column “Customer SSN”: it looks like it holds Social Security numbers, which are not stored", NULL } },
  { "cisco-call-detail.csv", NULL, NULL, TRUE, 3, "calls", "comma",
    { "dropped column “Originator DN”, as profile cisco-call-detail says", NULL } },
  { "hearings-export.csv", "state-hearings", NULL, TRUE, 2, "tasks", "comma", { NULL } },
  /* Workbooks */
  { "calls-2018-04.xlsx", NULL, NULL, TRUE, 3, "calls", "sheet “Calls”", { NULL } },
  { "tasks-1904.xlsx", NULL, "Tasks", TRUE, 2, "tasks", "sheet “Tasks”, 1904 date system", { NULL } },
  /* Refused */
  { "bad-duplicated-headers.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "1:5: column “type” appears twice (first in column 2)", NULL } },
  { "bad-empty.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "1:1: the file is empty; expected a header row", NULL } },
  { "bad-far-future-tasks.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:4: “2081-04-03” is more than a year in the future", NULL } },
  { "bad-percent-over-100.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:3: A.1.a is a percentage from 0 to 100, but the value is 185", NULL } },
  { "bad-invoice-dollars.csv", NULL, NULL, FALSE, 0, NULL, NULL,
    { "2:3: “$1,23.00” is not an amount in dollars and cents", "3:3: “$12.345” is not an amount in dollars and cents", NULL } },
  { "bad-negative-counts-report.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:4: a count cannot be negative (-5)", NULL } },
  { "bad-numerator-over-denominator.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:3: the numerator 1012 is larger than the denominator 1000", NULL } },
  { "bad-percent-in-count.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:3: “45%” is a percentage, but column “numerator” holds a count", NULL } },
  { "bad-ssn-values-tasks.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:5: the value (not shown) looks like a Social Security number", NULL } },
  { "bad-text-in-number-calls.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:4: “n/a” is not a duration", NULL } },
  { "bad-title-then-missing-column.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:4: missing required column “completed” for a tasks file", NULL } },
  { "bad-unclosed-quote.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:2: a quoted field opened here is never closed", NULL } },
  { "bad-unknown-header.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "1:1: cannot tell what this file holds from its header", NULL } },
  { "bad-unknown-outcome-calls.csv", NULL, NULL, FALSE, 0, NULL, NULL, { "2:5: unknown outcome “hung up”", NULL } },
  { "bad-client-names-mapped.csv", "client-letters", NULL, FALSE, 0, NULL, NULL,
    { "1:4: column “Client Name” looks like it holds client names, which Threshold stores only hashed", NULL } },
  { "bad-text-date.xlsx", NULL, NULL, FALSE, 0, NULL, NULL, { "2:3: “yesterday” is not a valid date", NULL } },
  { "bad-not-a-workbook.xlsx", NULL, NULL, FALSE, 0, NULL, NULL, { ": not an Excel workbook", NULL } },
  { "percent-report.csv", NULL, "Sheet1", FALSE, 0, NULL, NULL, { ": a sheet was chosen, but this is not an Excel workbook", NULL } },
  { "calls-2018-04.xlsx", NULL, "April", FALSE, 0, NULL, NULL, { ": no sheet named “April” (the workbook has “Calls”)", NULL } },
};

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", &error);
  g_autofree char *db = NULL;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("thr-import-XXXXXX", &error);
  g_assert_no_error (error);
  db = thr_test_store_address (f->dir, "test.db");
  f->store = thr_store_open (db, &error);
  g_assert_no_error (error);
  f->contract_id = thr_store_add_contract (f->store, "rfp-16-102", "test", thr_contract_get_definition (contract), &error);
  g_assert_no_error (error);
  f->evaluator = thr_evaluator_new_for_store (f->store, f->contract_id, &error);
  g_assert_no_error (error);
  thr_evaluator_set_today (f->evaluator, thr_day_from_ymd (2018, 6, 20));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->evaluator);
  g_clear_object (&f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return thr_test_store_value (f->store, sql);
}

static gint64
count_records (Fixture *f)
{
  return count (f, "SELECT (SELECT COUNT(*) FROM imports) + (SELECT COUNT(*) FROM tasks) + (SELECT COUNT(*) FROM calls)"
                   " + (SELECT COUNT(*) FROM reported_values) + (SELECT COUNT(*) FROM invoices)"
                   " + (SELECT COUNT(*) FROM reference_values)");
}

static gboolean
import_file (Fixture          *f,
             const char       *name,
             const char       *profile,
             const char       *sheet,
             gboolean          dry_run,
             ThrImportResult  *result,
             GError          **error)
{
  g_autofree char *path = data_path (name);
  ThrImportOptions options = { THR_IMPORT_KIND_AUTO, profile, sheet, dry_run };

  return thr_import_file_full (f->store, f->contract_id, thr_evaluator_get_contract (f->evaluator), path,
                               &options, NULL, NULL, NULL, result, error);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in:\n%s", needle, haystack ? haystack : "(nothing)");
}

static void
test_case (Fixture       *f,
           gconstpointer  data)
{
  const Case *c = data;
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 before = count_records (f);
  gboolean ok = import_file (f, c->file, c->profile, c->sheet, FALSE, &result, &error);

  if (!c->ok)
    {
      g_autofree char *path = data_path (c->file);

      g_assert_false (ok);
      g_assert_nonnull (error);
      for (guint i = 0; c->expected[i]; i++)
        {
          g_autofree char *line = g_strconcat (path, c->expected[i][0] == ':' ? "" : ":", c->expected[i], NULL);
          assert_contains (error->message, line);
        }
      g_assert_cmpint (count_records (f), ==, before);
      return;
    }
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (result.n_rows, ==, c->n_rows);
  g_assert_cmpstr (thr_import_kind_to_string (result.kind), ==, c->kind);
  assert_contains (result.source_format, c->format);
  {
    g_autofree char *notes = g_strjoinv ("\n", result.notes);
    for (guint i = 0; c->expected[i]; i++)
      assert_contains (notes, c->expected[i]);
  }
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM imports"), ==, 1);
}

/* Section: what the good files store */

static double
reported (Fixture    *f,
          const char *metric)
{
  g_autofree char *sql = g_strdup_printf ("SELECT value FROM reported_values WHERE metric = '%s' ORDER BY id DESC", metric);
  ThrDbStmt *stmt = thr_store_statement (f->store, sql, NULL);
  double v;

  g_assert_nonnull (stmt);
  g_assert_cmpint (thr_db_stmt_step (stmt, NULL), ==, THR_DB_ROW);
  v = thr_db_stmt_column_double (stmt, 0);
  thr_db_stmt_reset (stmt);
  return v;
}

static void
test_values_stored (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(ThrImportResult) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 }, e = { 0 }, g = { 0 };
  guint32 april2 = thr_day_from_ymd (2018, 4, 2);

  g_assert_true (import_file (f, "acme-report-fractions.csv", "acme-monthly-report", NULL, FALSE, &a, NULL));
  /* 0.985 is a fraction because the profile says so; 98.5% says so itself. */
  g_assert_cmpfloat_with_epsilon (reported (f, "A.1.a"), 98.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (reported (f, "A.1.b"), 98.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (reported (f, "A.5.a"), 41, 1e-9);   /* seconds: never scaled */
  g_assert_cmpint (count (f, "SELECT numerator FROM reported_values WHERE metric = 'A.1.c'"), ==, 1180);

  g_assert_true (import_file (f, "calls-2018-04.xlsx", NULL, NULL, FALSE, &b, NULL));
  g_assert_cmpint (count (f, "SELECT offered_day FROM calls WHERE call_id = 'X1'"), ==, april2);
  g_assert_cmpint (count (f, "SELECT offered_time FROM calls WHERE call_id = 'X1'"), ==, 9 * 3600);
  g_assert_cmpint (count (f, "SELECT offered_time FROM calls WHERE call_id = 'X2'"), ==, 12 * 3600);
  g_assert_cmpint (count (f, "SELECT outcome FROM calls WHERE call_id = 'X2'"), ==, THR_OUTCOME_ABANDONED);
  g_assert_cmpint (count (f, "SELECT row FROM calls WHERE call_id = 'X3'"), ==, 5);   /* Excel's own row number */
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM calls WHERE queue = 'Main'"), ==, 3);   /* rich text, no phonetics */

  g_assert_true (import_file (f, "tasks-1904.xlsx", NULL, "Tasks", FALSE, &c, NULL));
  g_assert_cmpint (count (f, "SELECT received_day FROM tasks WHERE task_id = 'K1'"), ==, april2);
  g_assert_cmpint (count (f, "SELECT completed_time FROM tasks WHERE task_id = 'K1'"), ==, 12 * 3600);

  g_assert_true (import_file (f, "genesys-conversations.csv", NULL, NULL, FALSE, &d, NULL));
  g_assert_cmpint (count (f, "SELECT wait_seconds FROM calls WHERE call_id = '9f1c-0001'"), ==, 42);
  g_assert_cmpint (count (f, "SELECT handle_seconds FROM calls WHERE call_id = '9f1c-0003'"), ==, 242);
  g_assert_cmpint (count (f, "SELECT outcome FROM calls WHERE call_id = '9f1c-0003'"), ==, THR_OUTCOME_ANSWERED);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM calls WHERE agent LIKE 'h:%' AND length(agent) = 22"), ==, 2);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM calls WHERE agent LIKE '%Agent%'"), ==, 0);

  g_assert_true (import_file (f, "hearings-export.csv", "state-hearings", NULL, FALSE, &e, NULL));
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tasks WHERE type = 'hearing'"), ==, 2);

  g_assert_true (import_file (f, "mixed-dates-tasks.csv", NULL, NULL, FALSE, &g, NULL));
  g_assert_cmpint (count (f, "SELECT COUNT(DISTINCT received_day) FROM tasks WHERE task_id LIKE 'M%'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT received_time FROM tasks WHERE task_id = 'M5'"), ==, 13 * 3600 + 5 * 60 + 9);
}

/* Section: history, dry run, cancellation */

static const ThrResult *
find_result (GPtrArray  *results,
             const char *id)
{
  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);
      if (g_str_equal (r->metric->id, id))
        return r;
    }
  g_assert_not_reached ();
}

static double
evaluated (Fixture    *f,
           const char *metric,
           gboolean   *discrepancy)
{
  g_autoptr(GError) error = NULL;
  ThrPeriod april;
  g_autoptr(GPtrArray) results = NULL;
  const ThrResult *r;

  g_assert_true (thr_period_parse ("2018-04", &april, NULL));
  results = thr_evaluator_evaluate_month (f->evaluator, &april, NULL, &error);
  g_assert_no_error (error);
  r = find_result (results, metric);
  if (discrepancy)
    *discrepancy = r->discrepancy;
  return r->value.value;
}

static void
test_new_version_replaces_and_undo (Fixture       *f,
                                    gconstpointer  data)
{
  g_auto(ThrImportResult) v1 = { 0 }, v2 = { 0 };
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  g_assert_true (import_file (f, "report-2018-04-v1.csv", NULL, NULL, FALSE, &v1, NULL));
  g_assert_cmpfloat (evaluated (f, "A.1.b", NULL), ==, 96.0);
  g_assert_cmpuint (v1.n_replaced, ==, 0);
  g_assert_true (import_file (f, "report-2018-04-v2.csv", NULL, NULL, FALSE, &v2, NULL));
  g_assert_cmpuint (v2.n_replaced, ==, 1);
  g_assert_cmpfloat (evaluated (f, "A.1.b", NULL), ==, 97.5);

  history = thr_history_list_imports (f->store, f->contract_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpuint (((ThrImportInfo *) history->pdata[0])->n_replaced, ==, 1);
  g_assert_cmpuint (((ThrImportInfo *) history->pdata[1])->n_replaced, ==, 0);
  g_assert_cmpstr (((ThrImportInfo *) history->pdata[1])->profile, ==, "canonical-metric-report");

  g_assert_true (thr_history_undo_import (f->store, f->contract_id, v2.import_id, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_cmpfloat (evaluated (f, "A.1.b", NULL), ==, 96.0);
  g_assert_false (thr_history_undo_import (f->store, f->contract_id, v2.import_id, NULL, &error));
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND);
}

/* Raw records are undone by their import's rowid range (no index on
 * import_id): only that import's rows go, whatever came before or after. */
static void
test_undo_records (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(ThrImportResult) tasks1 = { 0 }, calls = { 0 }, tasks2 = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *range = NULL;
  guint n_rows = 0;

  g_assert_true (import_file (f, "mixed-dates-tasks.csv", NULL, NULL, FALSE, &tasks1, NULL));
  g_assert_true (import_file (f, "trailing-empty-rows-calls.csv", NULL, NULL, FALSE, &calls, NULL));
  g_assert_true (import_file (f, "excel-bom-crlf-tasks.csv", NULL, NULL, FALSE, &tasks2, NULL));
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tasks"), ==, tasks1.n_rows + tasks2.n_rows);
  /* The range recorded is exactly the import's rows. */
  range = g_strdup_printf ("SELECT last_record - first_record + 1 FROM imports WHERE id = %" G_GINT64_FORMAT,
                           tasks1.import_id);
  g_assert_cmpint (count (f, range), ==, tasks1.n_rows);

  g_assert_true (thr_history_undo_import (f->store, f->contract_id, tasks1.import_id, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, tasks1.n_rows);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tasks"), ==, tasks2.n_rows);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tasks WHERE import_id <> (SELECT max(id) FROM imports)"), ==, 0);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM calls"), ==, calls.n_rows);

  g_assert_true (thr_history_undo_import (f->store, f->contract_id, calls.import_id, &n_rows, &error));
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM calls"), ==, 0);
  g_assert_true (thr_history_undo_import (f->store, f->contract_id, tasks2.import_id, &n_rows, &error));
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tasks"), ==, 0);
  g_assert_cmpint (count_records (f), ==, 0);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  gint64 before = count_records (f);

  g_assert_true (import_file (f, "genesys-conversations.csv", NULL, NULL, TRUE, &result, NULL));
  g_assert_cmpuint (result.n_rows, ==, 3);
  g_assert_cmpint (result.import_id, ==, 0);
  g_assert_cmpint (count_records (f), ==, before);
}

typedef struct {
  GCancellable *cancellable;
  guint         n_calls;
  gint64        last_done;
} Progress;

static void
progress_cb (gint64   done,
             gint64   total,
             gpointer data)
{
  Progress *p = data;

  g_assert_cmpint (done, <=, total);
  g_assert_cmpint (done, >=, p->last_done);
  p->last_done = done;
  if (++p->n_calls == 2 && p->cancellable)
    g_cancellable_cancel (p->cancellable);
}

static char *
write_big_calls (Fixture *f,
                 guint    n)
{
  g_autoptr(GString) text = g_string_new ("call_id,queue,offered_at,wait_seconds,outcome\n");
  char *path = g_build_filename (f->dir, "big-calls.csv", NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "B%u,Main,2018-04-%02u 09:%02u:00,%u,answered\n", i, 1 + i % 30, i % 60, i % 90);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}

/* The volume tests (200,000 rows; 2 MB files for the encoding found after
 * the first megabyte) take several minutes under valgrind: tools/run-valgrind
 * sets THR_TEST_SKIP_VOLUME and they report "skipped" there.  The plain and
 * the sanitizer runs still run them. */
static gboolean
skip_volume (void)
{
  if (g_getenv ("THR_TEST_SKIP_VOLUME") == NULL)
    return FALSE;
  g_test_skip ("volume test, skipped under valgrind (THR_TEST_SKIP_VOLUME)");
  return TRUE;
}

static void
test_progress_and_cancel (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = skip_volume () ? NULL : write_big_calls (f, 200000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_auto(ThrImportResult) result = { 0 };
  g_auto(ThrImportResult) again = { 0 };
  ThrImportOptions options = { THR_IMPORT_KIND_AUTO, NULL, NULL, FALSE };
  Progress progress = { cancellable, 0, 0 };
  gint64 before = count_records (f);

  if (path == NULL)
    return;

  g_assert_false (thr_import_file_full (f->store, f->contract_id, thr_evaluator_get_contract (f->evaluator), path,
                                        &options, progress_cb, &progress, cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.n_calls, ==, 2);
  g_assert_cmpint (count_records (f), ==, before);
  g_clear_error (&error);

  /* Not cancelled, the same file goes in, and progress ends at the end. */
  progress = (Progress) { NULL, 0, 0 };
  g_assert_true (thr_import_file_full (f->store, f->contract_id, thr_evaluator_get_contract (f->evaluator), path,
                                       &options, progress_cb, &progress, NULL, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.n_rows, ==, 200000);
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (progress.last_done, ==, (gint64) st.st_size);
  }
  g_assert_cmpuint (progress.n_calls, >=, 3);
}

static void
test_discrepancy (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *calls = g_test_build_filename (G_TEST_DIST, "data", "calls-2018-04.csv", NULL);
  g_autofree char *report = g_build_filename (f->dir, "report.csv", NULL);
  g_auto(ThrImportResult) a = { 0 }, b = { 0 };
  gboolean discrepancy = FALSE;
  ThrImportOptions options = { THR_IMPORT_KIND_AUTO, NULL, NULL, FALSE };

  /* Recomputed ASA 60.25 s (see test-cli.c); the contractor says 50 and
   * 60.5: 10.25 apart is a discrepancy, 0.25 is within the 0.5 default. */
  g_assert_true (thr_import_file_full (f->store, f->contract_id, thr_evaluator_get_contract (f->evaluator), calls,
                                       &options, NULL, NULL, NULL, &a, NULL));
  g_assert_true (g_file_set_contents (report, "metric,period,value\nA.5.a,2018-04,50\nA.5.b,2018-04,40.25\n", -1, NULL));
  g_assert_true (thr_import_file_full (f->store, f->contract_id, thr_evaluator_get_contract (f->evaluator), report,
                                       &options, NULL, NULL, NULL, &b, NULL));
  evaluated (f, "A.5.a", &discrepancy);
  g_assert_true (discrepancy);
  evaluated (f, "A.5.b", &discrepancy);
  g_assert_false (discrepancy);
}

/* Section: encodings decided past the first chunk */

static void
test_encoding_switch (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("task_id,type,received,completed,worker\n");
  g_autofree char *path = g_build_filename (f->dir, "late-1252.csv", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "late-broken.csv", NULL);
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  ThrImportOptions options = { THR_IMPORT_KIND_AUTO, NULL, NULL, FALSE };
  guint i;

  if (skip_volume ())
    return;
  /* Plain ASCII for more than the first megabyte, then "Peña" in
   * Windows-1252: read as Windows-1252 throughout. */
  for (i = 0; text->len < (2 << 20); i++)
    g_string_append_printf (text, "A%u,application,2018-04-02,2018-04-03,Lee\n", i);
  g_string_append (text, "Z1,application,2018-04-02,2018-04-03,Pe\xf1" "a\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_assert_true (thr_import_file_full (f->store, f->contract_id, thr_evaluator_get_contract (f->evaluator), path,
                                       &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_rows, ==, i + 1);
  assert_contains (result.source_format, "Windows-1252");
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tasks WHERE worker = 'Peña'"), ==, 1);

  /* UTF-8 ("José") at the start, then a byte that is not UTF-8: refused. */
  g_string_assign (text, "task_id,type,received,completed,worker\nJ1,application,2018-04-02,2018-04-03,José\n");
  for (i = 0; text->len < (2 << 20); i++)
    g_string_append_printf (text, "B%u,application,2018-04-02,2018-04-03,Lee\n", i);
  g_string_append (text, "Z2,application,2018-04-02,2018-04-03,Pe\xf1" "a\n");
  g_assert_true (g_file_set_contents (broken, text->str, text->len, NULL));
  thr_import_result_clear (&result);   /* filled again: the first import's would leak */
  g_assert_false (thr_import_file_full (f->store, f->contract_id, thr_evaluator_get_contract (f->evaluator), broken,
                                        &options, NULL, NULL, NULL, &result, &error));
  assert_contains (error->message, "byte 0xF1 is not UTF-8, though the file began as UTF-8");
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM imports"), ==, 1);
}

/* Section: profiles and values */

static void
test_profiles_listed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = thr_profile_list (&error);
  const char *expected[] = { "acme-monthly-report", "canonical-calls", "canonical-invoices", "canonical-metric-report",
                             "canonical-references", "canonical-tasks", "cisco-call-detail", "client-letters",
                             "genesys-conversations", "state-hearings" };

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (thr_profile_get_id (list->pdata[i]), ==, expected[i]);
}

static void
test_profile_ambiguous (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *dir = thr_profile_user_dir ();
  g_autofree char *copy = g_build_filename (dir, "cisco-copy.json", NULL);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(ThrProfile) cisco = thr_profile_lookup ("cisco-call-detail", &error);
  g_autofree char *text = NULL;
  GRegex *id = g_regex_new ("\"cisco-call-detail\"", 0, 0, NULL);

  g_assert_no_error (error);
  original = g_bytes_ref (thr_profile_get_bytes (cisco));
  text = g_regex_replace_literal (id, g_bytes_get_data (original, NULL), g_bytes_get_size (original), 0,
                                  "\"cisco-copy\"", 0, NULL);
  g_regex_unref (id);
  g_assert_true (g_file_set_contents (copy, text, -1, NULL));

  /* Two profiles fit the header equally well: refused, never guessed. */
  g_assert_false (import_file (f, "cisco-call-detail.csv", NULL, NULL, FALSE, &result, &error));
  g_assert_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_PROFILE_AMBIGUOUS);
  assert_contains (error->message, ":1:1: the header fits profiles cisco-call-detail and cisco-copy equally well");
  /* The choice is each front end's to word: the core names no option. */
  g_assert_null (strstr (error->message, "--"));
  g_clear_error (&error);
  g_assert_true (import_file (f, "cisco-call-detail.csv", "cisco-copy", NULL, FALSE, &result, &error));
  g_assert_no_error (error);
  g_unlink (copy);
}

static void
test_profile_errors (void)
{
  const char *bad[][2] = {
    { "{\"kind\": \"calls\", \"columns\": {}}", "id: expected" },
    { "{\"id\": \"x\", \"kind\": \"calls\", \"columns\": {\"queue\": {\"source\": \"Q\", \"format\": \"weird\"}}}",
      "columns.queue.format: unknown format “weird”" },
    { "{\"id\": \"x\", \"kind\": \"calls\", \"columns\": {\"queue\": {\"source\": \"Q\", \"value\": \"V\"}}}",
      "columns.queue: give exactly one of" },
    { "[1]", "expected a JSON object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i][0], strlen (bad[i][0]));
      g_autoptr(GError) error = NULL;
      g_autoptr(ThrProfile) profile = thr_profile_new_from_bytes (bytes, "test.json", &error);

      g_assert_null (profile);
      assert_contains (error->message, bad[i][1]);
    }
}

static void
test_values (void)
{
  const struct { const char *text; gboolean ok; double v; gboolean pct; } amounts[] = {
    { "1,234", TRUE, 1234, FALSE }, { "$120,000.00", TRUE, 120000, FALSE }, { "98.5%", TRUE, 98.5, TRUE },
    { "(12.50)", TRUE, -12.5, FALSE }, { "1234,5", FALSE, 0, FALSE }, { "12,34", FALSE, 0, FALSE },
    { "abc", FALSE, 0, FALSE }, { "", FALSE, 0, FALSE }, { "$", FALSE, 0, FALSE },
  };
  const struct { const char *text; gboolean ok; double s; } durations[] = {
    { "75", TRUE, 75 }, { "1:15", TRUE, 75 }, { "01:01:15", TRUE, 3675 }, { "1:75", FALSE, 0 }, { "-3", FALSE, 0 },
  };
  guint32 day;
  int seconds;
  gint64 cents;

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      double v = 0;
      gboolean pct = FALSE;
      g_assert_cmpint (thr_value_parse_amount (amounts[i].text, &v, &pct), ==, amounts[i].ok);
      if (amounts[i].ok)
        {
          g_assert_cmpfloat (v, ==, amounts[i].v);
          g_assert_cmpint (pct, ==, amounts[i].pct);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      double s = 0;
      g_assert_cmpint (thr_value_parse_duration (durations[i].text, &s), ==, durations[i].ok);
      if (durations[i].ok)
        g_assert_cmpfloat (s, ==, durations[i].s);
    }
  g_assert_true (thr_value_parse_cents ("$120,000.00", &cents));
  g_assert_cmpint (cents, ==, 12000000);

  /* Excel: 43220 is 2018-04-30 (1900) and 41758 the same day (1904);
   * serial 60 is the 1900-02-29 that never was. */
  g_assert_true (thr_value_from_excel_serial (43220.5, FALSE, &day, &seconds));
  g_assert_cmpuint (day, ==, thr_day_from_ymd (2018, 4, 30));
  g_assert_cmpint (seconds, ==, 43200);
  g_assert_true (thr_value_from_excel_serial (41758, TRUE, &day, &seconds));
  g_assert_cmpuint (day, ==, thr_day_from_ymd (2018, 4, 30));
  g_assert_false (thr_value_from_excel_serial (60, FALSE, &day, &seconds));
  g_assert_true (thr_value_from_excel_serial (59, FALSE, &day, &seconds));
  g_assert_cmpuint (day, ==, thr_day_from_ymd (1900, 2, 28));
  g_assert_true (thr_value_from_excel_serial (61, FALSE, &day, &seconds));
  g_assert_cmpuint (day, ==, thr_day_from_ymd (1900, 3, 1));

  g_assert_true (thr_value_parse_datetime ("30-Apr-2018", NULL, &day, &seconds));
  g_assert_cmpuint (day, ==, thr_day_from_ymd (2018, 4, 30));
  g_assert_true (thr_value_parse_datetime ("4/30/2018 12:05 AM", NULL, &day, &seconds));
  g_assert_cmpint (seconds, ==, 300);
  g_assert_false (thr_value_parse_datetime ("31/4/2018", NULL, &day, &seconds));

  g_assert_cmpuint (thr_xlsx_column_from_reference ("A1", NULL), ==, 1);
  g_assert_cmpuint (thr_xlsx_column_from_reference ("AA12", NULL), ==, 27);
  g_assert_cmpuint (thr_xlsx_column_from_reference ("XFD1", NULL), ==, 16384);
  g_assert_cmpuint (thr_xlsx_column_from_reference ("XFE1", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = g_dir_make_tmp ("thr-import-config-XXXXXX", NULL);
  const char *profiles[] = { "acme-monthly-report.json", "client-letters.json", "state-hearings.json" };
  int status;

  /* User profiles live under XDG_CONFIG_HOME, which GLib reads once. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);
  thr_core_init ();
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "profiles", profiles[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ThrProfile) saved = thr_profile_save_user (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (saved);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/import/file/%s%s%s", cases[i].file,
                                               cases[i].sheet ? "/" : "", cases[i].sheet ? cases[i].sheet : "");
      g_test_add (name, Fixture, &cases[i], fixture_set_up, test_case, fixture_tear_down);
    }
  g_test_add ("/import/values-stored", Fixture, NULL, fixture_set_up, test_values_stored, fixture_tear_down);
  g_test_add ("/import/history", Fixture, NULL, fixture_set_up, test_new_version_replaces_and_undo, fixture_tear_down);
  g_test_add ("/import/undo-records", Fixture, NULL, fixture_set_up, test_undo_records, fixture_tear_down);
  g_test_add ("/import/dry-run", Fixture, NULL, fixture_set_up, test_dry_run, fixture_tear_down);
  g_test_add ("/import/progress-and-cancel", Fixture, NULL, fixture_set_up, test_progress_and_cancel, fixture_tear_down);
  g_test_add ("/import/encoding-switch", Fixture, NULL, fixture_set_up, test_encoding_switch, fixture_tear_down);
  g_test_add ("/import/discrepancy", Fixture, NULL, fixture_set_up, test_discrepancy, fixture_tear_down);
  g_test_add_func ("/import/profiles/listed", test_profiles_listed);
  g_test_add ("/import/profiles/ambiguous", Fixture, NULL, fixture_set_up, test_profile_ambiguous, fixture_tear_down);
  g_test_add_func ("/import/profiles/errors", test_profile_errors);
  g_test_add_func ("/import/values", test_values);
  status = g_test_run ();
  thr_test_store_cleanup ();
  return status;
}
