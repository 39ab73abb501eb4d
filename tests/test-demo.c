/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-demo.c — the demo generator: determinism, file shapes, scenario */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "thr-core.h"

static const char * const demo_files[] = {
  "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv",
};

static const char * const d2_metrics[] = {
  "A.1.a", "A.1.b", "A.1.c", "A.1.d", "A.1.e", "A.1.f", "A.1.g", "A.1.h", "A.1.i", "A.1.j", "A.1.k",
  "A.2.a", "A.2.b", "A.2.c", "A.2.d", "A.2.e", "A.2.f", "A.2.g", "A.2.h", "A.2.i", "A.2.j", "A.2.k",
  "A.3.a", "A.3.b", "A.3.c", "A.3.d", "A.3.e", "A.3.f", "A.3.g", "A.3.h", "A.3.i", "A.3.j", "A.3.k",
  "A.4.a", "A.4.b", "A.4.c", "A.4.d",
  "A.5.a", "A.5.b", "A.5.c", "A.5.d", "A.5.e",
  "B.1", "B.2", "B.3",
  "C.1", "C.2", "C.3", "C.4", "C.5", "C.6",
};

/* A demo written once per options into its own temporary directory. */
typedef struct {
  char *dir;
} Demo;

static void
demo_write (Demo                 *demo,
            const ThrDemoOptions *options)
{
  g_autoptr(GError) error = NULL;

  demo->dir = g_dir_make_tmp ("thr-demo-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_true (thr_demo_write (options, demo->dir, NULL, &error));
  g_assert_no_error (error);
}

static void
demo_remove (Demo *demo)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *path = g_build_filename (demo->dir, demo_files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (demo->dir);
  g_clear_pointer (&demo->dir, g_free);
}

static char *
demo_read (const Demo *demo,
           const char *name)
{
  g_autofree char *path = g_build_filename (demo->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* Lines without the trailing empty one; the header is lines[0]. */
static char **
demo_lines (const Demo *demo,
            const char *name)
{
  g_autofree char *contents = demo_read (demo, name);
  char **lines;
  guint n;

  g_assert_true (g_str_has_suffix (contents, "\n"));
  lines = g_strsplit (contents, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_clear_pointer (&lines[n - 1], g_free);
  return lines;
}

static void
small_options (ThrDemoOptions *options)
{
  thr_demo_options_init (options);
  options->n_months = 3;
  options->tasks_per_month = 500;
  options->calls_per_month = 2000;
}

static void
test_deterministic (void)
{
  ThrDemoOptions options;
  Demo a = { 0 }, b = { 0 }, c = { 0 };

  small_options (&options);
  demo_write (&a, &options);
  demo_write (&b, &options);
  options.seed++;
  demo_write (&c, &options);

  for (guint i = 0; i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *first = demo_read (&a, demo_files[i]);
      g_autofree char *again = demo_read (&b, demo_files[i]);

      g_assert_cmpstr (first, ==, again);
    }
  for (guint i = 2; i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *first = demo_read (&a, demo_files[i]);
      g_autofree char *other = demo_read (&c, demo_files[i]);

      g_assert_cmpstr (first, !=, other);
    }
  demo_remove (&a);
  demo_remove (&b);
  demo_remove (&c);
}

static void
assert_timestamp (const char *text)
{
  g_autofree char *date = g_strndup (text, 10);
  guint32 day = 0;

  g_assert_cmpuint (strlen (text), ==, 19);
  g_assert_true (thr_day_parse_iso (date, &day));
  g_assert_cmpint (text[10], ==, ' ');
  g_assert_true (g_ascii_isdigit (text[11]) && g_ascii_isdigit (text[12]));
  g_assert_cmpint (text[13], ==, ':');
  g_assert_cmpint (text[16], ==, ':');
  g_assert_cmpint (atoi (text + 11), <, 24);
  g_assert_cmpint (atoi (text + 14), <, 60);
  g_assert_cmpint (atoi (text + 17), <, 60);
}

/* Counts a row in the month of its timestamp. */
static void
count_month (GHashTable *counts,
             const char *timestamp)
{
  char *month = g_strndup (timestamp, 7);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, month));

  g_hash_table_replace (counts, month, GUINT_TO_POINTER (n + 1));
}

static void
assert_month_counts (GHashTable *counts,
                     guint       n_months,
                     guint       per_month)
{
  GHashTableIter iter;
  gpointer value;

  g_assert_cmpuint (g_hash_table_size (counts), ==, n_months);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, per_month);
}

/* Ids are unique: lines are keyed by their first column. */
static guint
id_hash (gconstpointer line)
{
  const char *comma = strchr (line, ',');
  g_autofree char *id = g_strndup (line, (gsize) (comma - (const char *) line));

  return g_str_hash (id);
}

static gboolean
id_equal (gconstpointer a,
          gconstpointer b)
{
  size_t na = strcspn (a, ","), nb = strcspn (b, ",");

  return na == nb && memcmp (a, b, na) == 0;
}

static void
check_tasks (const Demo           *demo,
             const ThrDemoOptions *options)
{
  g_auto(GStrv) lines = demo_lines (demo, "tasks.csv");
  g_autoptr(GHashTable) ids = g_hash_table_new (id_hash, id_equal);
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpstr (lines[0], ==, "task_id,type,received,completed,due,program,category,status");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      guint32 due = 0;

      g_assert_cmpuint (g_strv_length (f), ==, 8);
      g_assert_true (g_hash_table_add (ids, lines[i]));
      assert_timestamp (f[2]);
      if (f[3][0] != '\0')
        {
          assert_timestamp (f[3]);
          g_assert_cmpstr (f[3], >=, f[2]);
          g_assert_cmpstr (f[7], ==, "completed");
        }
      else
        g_assert_true (g_str_equal (f[7], "open") || g_str_equal (f[7], "rescinded"));
      if (f[4][0] != '\0')
        g_assert_true (thr_day_parse_iso (f[4], &due));
      count_month (months, f[2]);
    }
  assert_month_counts (months, (guint) options->n_months, options->tasks_per_month);
}

static void
check_calls (const Demo           *demo,
             const ThrDemoOptions *options)
{
  g_auto(GStrv) lines = demo_lines (demo, "calls.csv");
  g_autoptr(GHashTable) ids = g_hash_table_new (id_hash, id_equal);
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpstr (lines[0], ==, "call_id,queue,offered_at,wait_seconds,outcome");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      ThrCallOutcome outcome;
      guint64 wait = 0;

      g_assert_cmpuint (g_strv_length (f), ==, 5);
      g_assert_true (g_hash_table_add (ids, lines[i]));
      g_assert_cmpstr (f[1], !=, "");
      assert_timestamp (f[2]);
      g_assert_true (g_ascii_string_to_unsigned (f[3], 10, 0, 86400, &wait, NULL));
      g_assert_true (thr_call_outcome_from_string (f[4], &outcome));
      count_month (months, f[2]);
    }
  assert_month_counts (months, (guint) options->n_months, options->calls_per_month);
}

static void
check_report_shape (const Demo *demo)
{
  g_auto(GStrv) lines = demo_lines (demo, "metric-report.csv");

  g_assert_cmpstr (lines[0], ==, "metric,period,value,numerator,denominator");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      ThrPeriod period;

      g_assert_cmpuint (g_strv_length (f), ==, 5);
      g_assert_true (g_strv_contains (d2_metrics, f[0]));
      g_assert_true (thr_period_parse (f[1], &period, NULL));
      /* Either a value or a numerator and denominator, never both. */
      g_assert_cmpint (f[2][0] != '\0', ==, f[3][0] == '\0');
      g_assert_cmpint (f[3][0] != '\0', ==, f[4][0] != '\0');
    }
}

static void
check_invoices (const Demo           *demo,
                const ThrDemoOptions *options)
{
  g_auto(GStrv) lines = demo_lines (demo, "invoices.csv");

  g_assert_cmpstr (lines[0], ==, "month,component,amount");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 3 * (guint) options->n_months);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      const char *dot;

      g_assert_cmpuint (g_strv_length (f), ==, 3);
      g_assert_true (g_str_equal (f[1], "central") || g_str_equal (f[1], "local_office")
                     || g_str_equal (f[1], "training"));
      dot = strchr (f[2], '.');
      g_assert_nonnull (dot);
      g_assert_cmpuint (strlen (dot), ==, 3);
    }
}

static void
test_shape (void)
{
  ThrDemoOptions options;
  Demo demo = { 0 };

  small_options (&options);
  demo_write (&demo, &options);
  check_tasks (&demo, &options);
  check_calls (&demo, &options);
  check_report_shape (&demo);
  check_invoices (&demo, &options);
  demo_remove (&demo);
}

/* The reported figure of one metric and period, as a percentage or value. */
static gboolean
reported (char       **lines,
          const char  *metric,
          const char  *period,
          double      *value)
{
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);

      if (!g_str_equal (f[0], metric) || !g_str_equal (f[1], period))
        continue;
      if (f[2][0] != '\0')
        *value = g_ascii_strtod (f[2], NULL);
      else
        *value = 100.0 * g_ascii_strtod (f[3], NULL) / g_ascii_strtod (f[4], NULL);
      return TRUE;
    }
  return FALSE;
}

static void
test_recompute_calls (void)
{
  ThrDemoOptions options;
  Demo demo = { 0 };
  g_auto(GStrv) calls = NULL;
  g_auto(GStrv) report = NULL;
  guint64 offered = 0, answered = 0, in_60 = 0, abandoned_long = 0, abandoned_short = 0;
  double service_level = 0, abandonment = 0;

  small_options (&options);
  demo_write (&demo, &options);
  calls = demo_lines (&demo, "calls.csv");
  report = demo_lines (&demo, "metric-report.csv");
  for (guint i = 1; calls[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (calls[i], ",", -1);
      guint64 wait = g_ascii_strtoull (f[3], NULL, 10);

      if (!g_str_has_prefix (f[2], "2018-02"))
        continue;
      offered++;
      if (g_str_equal (f[4], "answered"))
        {
          answered++;
          in_60 += wait <= 60;
        }
      else if (g_str_equal (f[4], "abandoned"))
        {
          abandoned_long += wait > 15;
          abandoned_short += wait <= 15;
        }
    }
  g_assert_true (reported (report, "A.5.b", "2018-02", &service_level));
  g_assert_true (reported (report, "A.5.c", "2018-02", &abandonment));
  g_assert_cmpfloat_with_epsilon (service_level, 100.0 * in_60 / (answered + abandoned_long), 0.05);
  g_assert_cmpfloat_with_epsilon (abandonment,
                                  100.0 * abandoned_long / (offered - abandoned_short), 0.05);
  demo_remove (&demo);
}

static void
test_scenario (void)
{
  ThrDemoOptions options;
  Demo demo = { 0 };
  g_auto(GStrv) report = NULL;
  double value = 0;

  thr_demo_options_init (&options);
  options.tasks_per_month = 1000;
  options.calls_per_month = 4000;
  demo_write (&demo, &options);
  report = demo_lines (&demo, "metric-report.csv");

  for (guint m = 0; m < G_N_ELEMENTS (d2_metrics); m++)
    {
      gboolean seen = FALSE;

      for (guint i = 1; report[i] != NULL && !seen; i++)
        seen = g_str_has_prefix (report[i], d2_metrics[m])
               && report[i][strlen (d2_metrics[m])] == ',';
      if (!seen)
        g_error ("%s never reported", d2_metrics[m]);
    }
  /* (6) the deliberate no-data row */
  g_assert_false (reported (report, "B.3", "2019-03", &value));
  g_assert_true (reported (report, "B.3", "2019-04", &value));
  /* (1) the contract's own example starts with a miss in April 2018 */
  g_assert_true (reported (report, "A.1.a", "2018-04", &value));
  g_assert_cmpfloat (value, <, 98.0);
  g_assert_true (reported (report, "A.1.a", "2018-07", &value));
  g_assert_cmpfloat (value, >=, 98.0);
  /* (8) one week over 7 % while the month stays within 5 % */
  g_assert_true (reported (report, "A.5.d", "2019-05-12", &value));
  g_assert_cmpfloat (value, >, 7.0);
  g_assert_true (reported (report, "A.5.c", "2019-05", &value));
  g_assert_cmpfloat (value, <=, 5.0);
  /* (5) "will exceed 95 %" met with exactly 95 is a miss */
  g_assert_true (reported (report, "A.2.c", "2018-12", &value));
  g_assert_cmpfloat (value, ==, 95.0);
  /* (9) quarters on both sides of the baseline */
  g_assert_true (reported (report, "A.3.b", "2018-Q1", &value));
  g_assert_cmpfloat (value, >, 120000.0);
  g_assert_true (reported (report, "A.3.b", "2018-Q2", &value));
  g_assert_cmpfloat (value, <, 120000.0);
  /* annual figures are reported as the year in December */
  g_assert_true (reported (report, "B.1", "2018", &value));
  g_assert_true (reported (report, "C.6", "2019", &value));
  g_assert_cmpfloat (value, <, 85.0);
  demo_remove (&demo);
}

static void
test_invalid_options (void)
{
  g_autoptr(GError) error = NULL;
  ThrDemoOptions options;

  thr_demo_options_init (&options);
  options.first_month = 13;
  g_assert_false (thr_demo_write (&options, "/nonexistent/never-created", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  thr_demo_options_init (&options);
  options.tasks_per_month = 199;
  g_assert_false (thr_demo_write (&options, "/nonexistent/never-created", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/shape", test_shape);
  g_test_add_func ("/demo/recompute-calls", test_recompute_calls);
  g_test_add_func ("/demo/scenario", test_scenario);
  g_test_add_func ("/demo/invalid-options", test_invalid_options);
  return g_test_run ();
}
