/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-import-office.c — workbooks as LibreOffice saves them, read as the
 * user sees them
 *
 * The files under tests/data/office/ were written by LibreOffice itself
 * (tools/make-office-test-data): a percentage kept as a fraction with a %
 * format, months kept as dates, money in a currency format, a wait typed
 * 1:05 that Calc keeps as 1 h 05 min, a byte order mark in the first
 * cell, a row hidden by a filter.  Each is imported into a store and the
 * stored figures are asserted, one file for every record kind.
 */
#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */

typedef struct {
  char         *dir;
  ThrStore     *store;
  gint64        contract_id;
  ThrContract  *contract;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->contract = thr_contract_load_template ("rfp-16-102", &error);
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("thr-import-office-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "test.db", NULL);
  f->store = thr_store_open (db, &error);
  g_assert_no_error (error);
  f->contract_id = thr_store_add_contract (f->store, "rfp-16-102", "test", thr_contract_get_definition (f->contract),
                                           &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_clear_object (&f->contract);
  d = g_dir_open (f->dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The extension under test: "xlsx" (and "ods" once read). */
static const char *
extension (gconstpointer data)
{
  return data;
}

static gboolean
import_file (Fixture          *f,
             const char       *name,
             const char       *ext,
             const char       *sheet,
             ThrImportResult  *result,
             GError          **error)
{
  g_autofree char *file = g_strconcat (name, ".", ext, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "office", file, NULL);
  ThrImportOptions options = { THR_IMPORT_KIND_AUTO, NULL, sheet, FALSE };

  return thr_import_file_full (f->store, f->contract_id, f->contract, path, &options, NULL, NULL, NULL, result, error);
}

static double
number (Fixture    *f,
        const char *sql)
{
  sqlite3_stmt *stmt = thr_store_prepare (f->store, sql, NULL);
  double v;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

static char *
text (Fixture    *f,
      const char *sql)
{
  sqlite3_stmt *stmt = thr_store_prepare (f->store, sql, NULL);
  char *v;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return v;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in:\n%s", needle, haystack ? haystack : "(nothing)");
}

/* 0.935 shown "93.50%" is 93.5, not 0.935 (which would be a miss 100×
 * too small); a plain 98.5 beside it is 98.5; "Apr 2018" (2018-04-01)
 * and 2018-04-30 are the month 2018-04; a date in a weekly metric's
 * column is its week; seconds stay seconds; a hidden row is said. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *a1a_period = NULL, *a5d_period = NULL, *a1c_period = NULL;

  g_assert_true (import_file (f, "lo-report", extension (data), NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_rows, ==, 6);
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT value FROM reported_values WHERE metric = 'A.1.a'"), 93.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT value FROM reported_values WHERE metric = 'A.1.b'"), 98.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT value FROM reported_values WHERE metric = 'A.1.c'"), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT numerator FROM reported_values WHERE metric = 'A.1.c'"), 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT value FROM reported_values WHERE metric = 'A.5.a'"), 42.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT value FROM reported_values WHERE metric = 'A.5.d'"), 2, 1e-9);
  a1a_period = text (f, "SELECT period FROM reported_values WHERE metric = 'A.1.a'");
  a1c_period = text (f, "SELECT period FROM reported_values WHERE metric = 'A.1.c'");
  a5d_period = text (f, "SELECT period FROM reported_values WHERE metric = 'A.5.d'");
  g_assert_cmpstr (a1a_period, ==, "2018-04");
  g_assert_cmpstr (a1c_period, ==, "2018-04");
  g_assert_cmpstr (a5d_period, ==, "2018-04-01");   /* Tuesday 3 April: the week of Sunday 1 April */
  notes = g_strjoinv ("\n", result.notes);
  assert_contains (notes, "1 row(s) hidden in the workbook (by a filter or by hand) were imported like the others: row 7");
}

/* "\ufeffmetric" is the column metric. */
static void
test_bom_header (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import_file (f, "lo-bom-report", extension (data), NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT value FROM reported_values WHERE metric = 'A.1.a'"), 97, 1e-9);
}

/* A.5.a is in seconds: 42.5 % there is refused, not read as 0.425 s. */
static void
test_percent_in_seconds (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (import_file (f, "lo-percent-seconds-report", extension (data), NULL, &result, &error));
  g_assert_nonnull (error);
  assert_contains (error->message, ":2:3: “42.5%” is a percentage, but column “value” holds a count or an amount");
  g_assert_cmpfloat (number (f, "SELECT COUNT(*) FROM reported_values"), ==, 0);
}

static void
test_invoices (Fixture       *f,
               gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *month = NULL;

  g_assert_true (import_file (f, "lo-invoices", extension (data), NULL, &result, &error));
  g_assert_no_error (error);
  month = text (f, "SELECT DISTINCT month FROM invoices");
  g_assert_cmpstr (month, ==, "2018-04");
  g_assert_cmpfloat (number (f, "SELECT amount_cents FROM invoices WHERE component = 'central'"), ==, 41250000);
  g_assert_cmpfloat (number (f, "SELECT amount_cents FROM invoices WHERE component = 'local_office'"), ==, 9631025);
}

static void
test_tasks (Fixture       *f,
            gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import_file (f, "lo-tasks", extension (data), NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (number (f, "SELECT received_day FROM tasks WHERE task_id = 'T-1'"), ==, thr_day_from_ymd (2018, 4, 2));
  g_assert_cmpfloat (number (f, "SELECT received_time FROM tasks WHERE task_id = 'T-1'"), ==, 9 * 3600);
  g_assert_cmpfloat (number (f, "SELECT completed_time FROM tasks WHERE task_id = 'T-1'"), ==, 16 * 3600 + 30 * 60);
  g_assert_cmpfloat (number (f, "SELECT completed_day FROM tasks WHERE task_id = 'T-2'"), ==, thr_day_from_ymd (2018, 4, 5));
}

/* A wait shown as mm:ss is its seconds; a plain number is seconds. */
static void
test_calls (Fixture       *f,
            gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import_file (f, "lo-calls", extension (data), NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (number (f, "SELECT wait_seconds FROM calls WHERE call_id = 'C-1'"), ==, 65);
  g_assert_cmpfloat (number (f, "SELECT wait_seconds FROM calls WHERE call_id = 'C-2'"), ==, 12);
  g_assert_cmpfloat (number (f, "SELECT offered_time FROM calls WHERE call_id = 'C-2'"), ==, 9 * 3600 + 5 * 60);
}

/* 1:05 typed for 65 s is kept as 1 h 05 min: never 3,900 s silently. */
static void
test_calls_hours_minutes (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (import_file (f, "lo-calls-hm", extension (data), NULL, &result, &error));
  g_assert_nonnull (error);
  assert_contains (error->message, ":2:4: “01:05” is formatted as hours and minutes (h:mm), so it reads as 3900 s");
  g_assert_cmpfloat (number (f, "SELECT COUNT(*) FROM calls"), ==, 0);
}

static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import_file (f, "lo-references", extension (data), NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT value FROM reference_values WHERE subject = ''"), 91.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT value FROM reference_values WHERE subject = 'Group 7'"), 88, 1e-9);
}

static void
test_sheet_choice (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import_file (f, "lo-two-sheets", extension (data), "April", &result, &error));
  g_assert_no_error (error);
  assert_contains (result.source_format, "“April”");
  g_assert_cmpfloat_with_epsilon (number (f, "SELECT value FROM reported_values WHERE metric = 'A.1.a'"), 96, 1e-9);
}

/* A legacy .xls and an HTML page named .xls are refused by name, not
 * read as CSV. */
static void
test_refused_formats (Fixture       *f,
                      gconstpointer  data)
{
  static const char *files[] = { "lo-legacy", "html-saved-as" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(ThrImportResult) result = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (import_file (f, files[i], "xls", NULL, &result, &error));
      g_assert_nonnull (error);
      assert_contains (error->message, ".xls:1:1: this is ");
      assert_contains (error->message, "save it as .xlsx or CSV");
    }
  g_assert_cmpfloat (number (f, "SELECT COUNT(*) FROM invoices"), ==, 0);
}

/* --kind calls tries every calls profile, as auto-detection does. */
static void
test_kind_finds_profiles (Fixture       *f,
                          gconstpointer  data)
{
  static const struct { const char *file, *profile; } files[] = {
    { "genesys-conversations.csv", "genesys-conversations" },
    { "cisco-call-detail.csv", "cisco-call-detail" },
    { "calls-mmss-durations.csv", "canonical-calls" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", files[i].file, NULL);
      ThrImportOptions options = { THR_IMPORT_KIND_CALLS, NULL, NULL, TRUE };
      g_auto(ThrImportResult) result = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_true (thr_import_file_full (f->store, f->contract_id, f->contract, path, &options, NULL, NULL, NULL,
                                           &result, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (result.profile_id, ==, files[i].profile);
    }
}

static void
add_tests (const char *ext)
{
  static const struct { const char *name; void (*func) (Fixture *, gconstpointer); } tests[] = {
    { "report", test_report },
    { "bom-header", test_bom_header },
    { "percent-in-seconds", test_percent_in_seconds },
    { "invoices", test_invoices },
    { "tasks", test_tasks },
    { "calls", test_calls },
    { "calls-hours-minutes", test_calls_hours_minutes },
    { "references", test_references },
    { "sheet-choice", test_sheet_choice },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-office/%s/%s", ext, tests[i].name);

      g_test_add (path, Fixture, ext, fixture_set_up, tests[i].func, fixture_tear_down);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  thr_core_init ();
  add_tests ("xlsx");
  add_tests ("ods");
  g_test_add ("/import-office/kind-finds-profiles", Fixture, NULL, fixture_set_up, test_kind_finds_profiles,
              fixture_tear_down);
  g_test_add ("/import-office/refused-formats", Fixture, NULL, fixture_set_up, test_refused_formats,
              fixture_tear_down);
  return g_test_run ();
}
