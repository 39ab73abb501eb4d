/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-kept.c — figures kept in the store equal a fresh evaluation
 *
 * The evaluator keeps what it recomputes from records (thr-store-kept.h)
 * and reads it back.  These tests prove that the kept figures are read,
 * that an import forgets only the figures its records reach, and, by a
 * random sequence of imports, duplicate replacements, undos, calendar
 * closures and changes of today, that every month evaluated from kept
 * figures equals a fresh evaluation: result by result in process, and
 * byte for byte as `threshold-cli evaluate --format json` prints it.
 *
 * As test-kept-postgresql (THR_TEST_BACKEND=postgresql) every store is a
 * database of its own on the test server, and the fresh store to compare
 * with is a copy-store of it into another (thr-test-store.h).
 */
#define G_LOG_DOMAIN "test-kept"

#include <string.h>

#include <json-glib/json-glib.h>

#include "thr-core.h"
#include "thr-store-sql-private.h"  /* to alter a kept row */
#include "thr-test-util.h"
#include "thr-test-store.h"

#define N_MONTHS 5  /* 2018-01 … 2018-05 */

typedef struct {
  char        *dir;
  char        *db;
  ThrStore    *store;
  ThrContract *contract;
  gint64       contract_id;
  GArray      *imports;    /* gint64: imports not undone */
  GArray      *received;   /* guint32: the received day of every task imported */
  guint        next_task;
  guint        next_call;
  guint32      today;
  gboolean     with_claims;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("thr-kept-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = thr_test_store_address (f->dir, "kept.db");
  f->store = thr_store_open (f->db, &error);
  g_assert_no_error (error);
  f->contract = thr_contract_load_template ("rfp-16-102", &error);
  g_assert_no_error (error);
  f->contract_id = thr_store_add_contract (f->store, "rfp-16-102", "Kept figures test",
                                           thr_contract_get_definition (f->contract), &error);
  g_assert_no_error (error);
  f->imports = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->received = g_array_new (FALSE, FALSE, sizeof (guint32));
  f->today = thr_day_from_ymd (2018, 8, 15);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->contract);
  g_array_unref (f->imports);
  g_array_unref (f->received);
  thr_test_store_cleanup ();
  thr_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* ---- data ---- */

/* The last two only the fuzz imports (the other tests' seeds were chosen
 * without them): a claim (A.3.h) is due at the end of a quarter's third
 * month after, so most months' scans can count none; a system task
 * (A.2.e) is due on its due day, which can come before it is received,
 * so its figure depends on today for as long as a record can still be
 * received (thr_store_records_last_event ()). */
static const char * const task_types[] = { "application", "document", "vacancy", "quality_review", "claim",
                                           "system_task" };

static guint32
random_day (GRand *rand)
{
  /* From mid-December, so January's deadlines count records received
   * before it, to the end of May; a third in a month's last days, whose
   * deadlines a closure can move into the next month. */
  guint32 day = thr_day_from_ymd (2017, 12, 15) + (guint32) g_rand_int_range (rand, 0, 168);

  if (g_rand_int_range (rand, 0, 3) == 0)
    day = thr_day_month_end (day) - (guint32) g_rand_int_range (rand, 0, 4);
  return day;
}

static char *
format_moment (guint32 day,
               guint   minutes)
{
  g_autofree char *date = thr_day_format (day);

  return g_strdup_printf ("%s %02u:%02u", date, minutes / 60, minutes % 60);
}

static void
append_task (Fixture *f,
             GString *csv,
             GRand   *rand,
             guint    number)
{
  gint32 n_types = G_N_ELEMENTS (task_types) - (f->with_claims ? 0 : 2);
  const char *type = task_types[g_rand_int_range (rand, 0, n_types)];
  guint32 received = random_day (rand);
  g_autofree char *start = format_moment (received, (guint) g_rand_int_range (rand, 480, 1020));
  g_autofree char *end = NULL;
  g_autofree char *due = NULL;
  gboolean review = g_str_equal (type, "quality_review");

  g_array_append_val (f->received, received);

  /* A third are still open: pending or missed depending on today. */
  if (g_rand_int_range (rand, 0, 3) > 0)
    end = format_moment (received + (guint32) g_rand_int_range (rand, 0, 12), (guint) g_rand_int_range (rand, 480, 1020));
  /* From a week before it was received to ten days after. */
  if (g_str_equal (type, "system_task"))
    due = thr_day_format (received - 7 + (guint32) g_rand_int_range (rand, 0, 18));
  g_string_append_printf (csv, "T%u,%s,%s,%s,%s,%s,%s,%s\n", number, type, start, end ? end : "",
                          g_rand_boolean (rand) ? "SNAP" : "TANF",
                          review ? "A.1.e" : (g_rand_boolean (rand) ? "expedited" : "standard"),
                          review ? (g_rand_boolean (rand) ? "100" : "0") : "", due ? due : "");
}

static void
append_call (GString *csv,
             GRand   *rand,
             guint    number)
{
  static const char * const outcomes[] = { "answered", "answered", "answered", "abandoned", "flowout" };
  g_autofree char *offered = format_moment (random_day (rand), (guint) g_rand_int_range (rand, 480, 1020));

  g_string_append_printf (csv, "C%u,Main,%s:00,%d,%s\n", number, offered, g_rand_int_range (rand, 0, 200),
                          outcomes[g_rand_int_range (rand, 0, G_N_ELEMENTS (outcomes))]);
}

static gint64
import_text (Fixture             *f,
             const char          *text,
             ThrImportDuplicates  duplicates)
{
  static guint serial;
  g_autofree char *name = g_strdup_printf ("import-%u.csv", ++serial);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  ThrImportOptions options = { .kind = THR_IMPORT_KIND_AUTO, .duplicates = duplicates };

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_true (thr_import_file_full (f->store, f->contract_id, f->contract, path, &options, NULL, NULL, NULL,
                                       &result, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_array_append_val (f->imports, result.import_id);
  return result.import_id;
}

static void
import_tasks (Fixture  *f,
              GRand    *rand,
              guint     n,
              gboolean  replace)
{
  g_autoptr(GString) csv = g_string_new ("task_id,type,received,completed,program,category,score,due\n");
  g_autoptr(GHashTable) in_file = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < n; i++)
    {
      /* A replacement brings new versions of tasks imported before. */
      guint number = replace && f->next_task > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) f->next_task)
                                                 : f->next_task++;
      if (!g_hash_table_add (in_file, GUINT_TO_POINTER (number + 1)))
        continue;
      append_task (f, csv, rand, number);
    }
  import_text (f, csv->str, replace ? THR_IMPORT_DUPLICATES_REPLACE : THR_IMPORT_DUPLICATES_REFUSE);
}

static void
import_calls (Fixture *f,
              GRand   *rand,
              guint    n)
{
  g_autoptr(GString) csv = g_string_new ("call_id,queue,offered_at,wait_seconds,outcome\n");

  for (guint i = 0; i < n; i++)
    append_call (csv, rand, f->next_call++);
  import_text (f, csv->str, THR_IMPORT_DUPLICATES_REFUSE);
}

/* ---- comparing ---- */

static void
describe_figure (GString         *out,
                 const char      *what,
                 const ThrFigure *figure)
{
  g_string_append_printf (out, "%s %d %.17g %d %.17g %.17g %u\n", what, figure->present, figure->value,
                          figure->has_ratio, figure->numerator, figure->denominator, figure->n_pending);
}

static void
describe_result (GString         *out,
                 const ThrResult *r,
                 gboolean         explained)
{
  g_string_append_printf (out, "%s|%s|%s|%s status %d to_date %d source %d discrepancy %d\n",
                          r->metric->id, r->subject, r->queue, r->period_label, r->status, r->to_date, r->source,
                          r->discrepancy);
  describe_figure (out, "reported", &r->reported);
  describe_figure (out, "computed", &r->computed);
  describe_figure (out, "value", &r->value);
  g_string_append_printf (out, "reference %d %.17g %s %.17g %.17g\n%s\n", r->has_reference, r->reference,
                          r->reference_period ? r->reference_period : "-", r->lower, r->upper,
                          explained && r->explanation ? r->explanation : "-");
  for (guint i = 0; r->flags && i < r->flags->len; i++)
    g_string_append_printf (out, "flag %s\n", (const char *) g_ptr_array_index (r->flags, i));
  for (guint i = 0; r->readings && i < r->readings->len; i++)
    g_string_append_printf (out, "reading %s\n", (const char *) g_ptr_array_index (r->readings, i));
  for (guint i = 0; r->parts && i < r->parts->len; i++)
    describe_result (out, g_ptr_array_index (r->parts, i), explained);
}

static void
assert_unexplained (const ThrResult *r)
{
  g_assert_null (r->explanation);
  for (guint i = 0; r->parts && i < r->parts->len; i++)
    assert_unexplained (g_ptr_array_index (r->parts, i));
}

/* Every result of the month, in full, as the evaluator gives it; without
 * its explanations unless @explain, and with them printed only when
 * @print_explanations. */
static char *
describe_month_full (Fixture  *f,
                     guint     month_index,
                     gboolean  keep,
                     gboolean  explain,
                     gboolean  print_explanations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = thr_evaluator_new_for_store (f->store, f->contract_id, &error);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  ThrPeriod month;

  g_assert_no_error (error);
  thr_evaluator_set_today (evaluator, f->today);
  thr_evaluator_set_keep_figures (evaluator, keep);
  thr_evaluator_set_explain (evaluator, explain);
  thr_period_for_day (THR_PERIOD_MONTH, thr_day_from_ymd (2018, (int) month_index + 1, 1), &month);
  results = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      describe_result (out, g_ptr_array_index (results, i), print_explanations);
      if (!explain)
        assert_unexplained (g_ptr_array_index (results, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe_month (Fixture  *f,
                guint     month_index,
                gboolean  keep)
{
  return describe_month_full (f, month_index, keep, TRUE, TRUE);
}

/* Every month from kept figures against a fresh evaluation, with
 * explanations and, when @unexplained, without them too. */
static void
assert_kept_equals_fresh_explained (Fixture    *f,
                                    const char *step,
                                    gboolean    unexplained)
{
  for (guint m = 0; m < N_MONTHS; m++)
    {
      g_autofree char *kept = describe_month (f, m, TRUE);
      g_autofree char *fresh = describe_month (f, m, FALSE);
      g_autofree char *kept_unexplained = NULL;
      g_autofree char *fresh_unexplained = NULL;

      if (g_strcmp0 (kept, fresh) != 0)
        g_error ("after %s, month %u differs:\n%s\n---- fresh ----\n%s", step, m + 1, kept, fresh);
      if (!unexplained)
        continue;
      /* As the ledger evaluates: no explanations, nothing else changed. */
      kept_unexplained = describe_month_full (f, m, TRUE, FALSE, FALSE);
      fresh_unexplained = describe_month_full (f, m, FALSE, TRUE, FALSE);
      if (g_strcmp0 (kept_unexplained, fresh_unexplained) != 0)
        g_error ("after %s, month %u without explanations differs:\n%s\n---- fresh ----\n%s", step, m + 1,
                 kept_unexplained, fresh_unexplained);
    }
}

static void
assert_kept_equals_fresh (Fixture    *f,
                          const char *step)
{
  assert_kept_equals_fresh_explained (f, step, TRUE);
}

static gint64
count_kept_in_month (Fixture *f,
                     guint    month_index)
{
  g_autofree char *sql = NULL;
  ThrPeriod month;

  thr_period_for_day (THR_PERIOD_MONTH, thr_day_from_ymd (2018, (int) month_index + 1, 1), &month);
  sql = g_strdup_printf ("SELECT count(*) FROM kept_figures WHERE last_day BETWEEN %u AND %u", month.first, month.last);
  return thr_test_store_value (f->store, sql);
}

/* ---- tests ---- */

/* A kept figure is what the next evaluation shows: altered in the store,
 * the alteration shows; forgotten, the records' own figure is back. */
static void
test_kept_figure_is_read (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *altered = NULL;
  g_autofree char *restored = NULL;

  import_tasks (f, rand, 60, FALSE);
  import_calls (f, rand, 60);
  g_assert_cmpint (thr_store_count_kept_figures (f->store, f->contract_id), ==, 0);
  first = describe_month (f, 2, TRUE);
  g_assert_cmpint (thr_store_count_kept_figures (f->store, f->contract_id), >, 0);
  again = describe_month (f, 2, TRUE);
  g_assert_cmpstr (first, ==, again);

  g_assert_true (thr_store_exec (f->store, "UPDATE kept_figures SET denominator = denominator + 1 "
                                           "WHERE metric = 'A.5.a'", &error));
  g_assert_no_error (error);
  altered = describe_month (f, 2, TRUE);
  g_assert_true (g_strcmp0 (altered, first) != 0);

  g_assert_true (thr_store_forget_kept_figures (f->store, f->contract_id, &error));
  g_assert_no_error (error);
  restored = describe_month (f, 2, TRUE);
  g_assert_cmpstr (restored, ==, first);
}

/* Calls of one week reach only the figures whose days hold it: the
 * months before keep theirs. */
static void
test_import_forgets_what_it_reaches (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gint64 before[N_MONTHS];

  import_tasks (f, rand, 40, FALSE);
  import_calls (f, rand, 40);
  for (guint m = 0; m < N_MONTHS; m++)
    {
      g_free (describe_month (f, m, TRUE));
      before[m] = count_kept_in_month (f, m);
      g_assert_cmpint (before[m], >, 0);
    }
  import_text (f, "call_id,queue,offered_at,wait_seconds,outcome\n"
                  "X1,Main,2018-05-16 10:00:00,20,answered\n", THR_IMPORT_DUPLICATES_REFUSE);
  /* January to March lie far from May 16: untouched. */
  for (guint m = 0; m < 3; m++)
    g_assert_cmpint (count_kept_in_month (f, m), ==, before[m]);
  g_assert_cmpint (count_kept_in_month (f, 4), <, before[4]);
  assert_kept_equals_fresh (f, "one call");
}

typedef struct {
  Fixture   *f;
  gboolean   delivered[N_MONTHS];
} KeptOnly;

static void
kept_only_cb (guint      month,
              GPtrArray *results,
              gpointer   user_data)
{
  KeptOnly *kept = user_data;
  g_autoptr(GPtrArray) owned = results;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *fresh = describe_month (kept->f, month, FALSE);

  g_assert_false (kept->delivered[month]);
  kept->delivered[month] = TRUE;
  for (guint i = 0; i < results->len; i++)
    describe_result (out, g_ptr_array_index (results, i), TRUE);
  g_assert_cmpstr (out->str, ==, fresh);
}

/* thr_evaluator_evaluate_kept_months () hands over the months whose every
 * figure is kept, each as a fresh evaluation gives it, and scans nothing:
 * the months an import reached are left out, and still keep nothing. */
static void
test_kept_months_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  ThrPeriod months[N_MONTHS];
  KeptOnly kept = { f };
  gint64 may_kept;

  import_tasks (f, rand, 40, FALSE);
  import_calls (f, rand, 40);
  for (guint m = 0; m < N_MONTHS; m++)
    {
      g_free (describe_month (f, m, TRUE));
      thr_period_for_day (THR_PERIOD_MONTH, thr_day_from_ymd (2018, (int) m + 1, 1), &months[m]);
    }
  import_text (f, "call_id,queue,offered_at,wait_seconds,outcome\n"
                  "X1,Main,2018-05-16 10:00:00,20,answered\n", THR_IMPORT_DUPLICATES_REFUSE);
  may_kept = count_kept_in_month (f, 4);

  evaluator = thr_evaluator_new_for_store (f->store, f->contract_id, &error);
  g_assert_no_error (error);
  thr_evaluator_set_today (evaluator, f->today);
  g_assert_true (thr_evaluator_evaluate_kept_months (evaluator, months, N_MONTHS, kept_only_cb, &kept, &error));
  g_assert_no_error (error);
  for (guint m = 0; m < 3; m++)
    g_assert_true (kept.delivered[m]);
  g_assert_false (kept.delivered[4]);
  g_assert_cmpint (count_kept_in_month (f, 4), ==, may_kept);
}

/* Keeping figures and publishing a calendar are no change a window shows:
 * the content stamp stays, while an import or a closure changes it. */
static void
test_content_stamp_leaves_out_kept (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *closed = NULL;

  import_tasks (f, rand, 20, FALSE);
  before = thr_store_get_content_stamp (f->store);
  g_free (describe_month (f, 1, TRUE));
  g_assert_cmpint (thr_store_count_kept_figures (f->store, f->contract_id), >, 0);
  kept = thr_store_get_content_stamp (f->store);
  g_assert_cmpstr (kept, ==, before);
  {
    ThrStorePublished item = { "report/2018-04", thr_day_from_ymd (2018, 5, 15), 0 };
    g_autofree char *published = NULL;

    g_assert_true (thr_store_record_published (f->store, f->contract_id, &item, 1, &error));
    g_assert_no_error (error);
    item.day++;
    g_assert_true (thr_store_record_published (f->store, f->contract_id, &item, 1, &error));
    g_assert_cmpuint (item.sequence, ==, 1);
    published = thr_store_get_content_stamp (f->store);
    g_assert_cmpstr (published, ==, kept);
  }
  import_calls (f, rand, 5);
  imported = thr_store_get_content_stamp (f->store);
  g_assert_cmpstr (imported, !=, kept);
  g_assert_true (thr_store_add_closure (f->store, "indiana", thr_day_from_ymd (2018, 2, 14), "Closed", &error));
  g_assert_no_error (error);
  closed = thr_store_get_content_stamp (f->store);
  g_assert_cmpstr (closed, !=, imported);
}

/* Figures kept by another user's Threshold (another key, so another
 * basis), even altered, are never read: a store that travels cannot
 * bring recomputed figures of its own. */
static void
test_other_users_figures_unread (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_build_filename (f->dir, "elsewhere", NULL);
  g_autofree char *period = g_strdup ("2018-02");
  g_autofree char *day = thr_day_format (f->today);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", home, TRUE);
  const char *argv[] = { g_getenv ("THRESHOLD_CLI"), "--db", f->db, "evaluate", "--period", period,
                         "--today", day, NULL };
  g_autofree char *kept = NULL;
  g_autofree char *fresh = NULL;
  int status = 0;

  import_tasks (f, rand, 40, FALSE);
  import_calls (f, rand, 40);
  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpint (thr_store_count_kept_figures (f->store, f->contract_id), >, 0);
  g_assert_true (thr_store_exec (f->store, "UPDATE kept_figures SET denominator = denominator + 1", &error));
  g_assert_no_error (error);

  kept = describe_month (f, 1, TRUE);
  fresh = describe_month (f, 1, FALSE);
  g_assert_true (g_strcmp0 (kept, fresh) == 0);
}

/* Closes the day, or opens it again if it is closed; a weekend day or a
 * holiday stays as it is. */
static void
toggle_closure (Fixture *f,
                guint32  day)
{
  g_autoptr(GError) error = NULL;

  if (!thr_store_add_closure (f->store, "indiana", day, "Closed by order", &error))
    {
      g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_INVALID);
      g_clear_error (&error);
      if (!thr_store_remove_closure (f->store, "indiana", day, &error))
        g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND);
    }
}

/* A day a closure can move deadlines on: one to three days after a task
 * was received, so inside the business days its deadline counts; mostly
 * after one received in a month's last week, whose deadline the closure
 * can move into the next month. */
static guint32
day_after_a_task (Fixture *f,
                  GRand   *rand)
{
  guint32 received = 0;

  for (guint tries = 0; tries < 20; tries++)
    {
      received = g_array_index (f->received, guint32, g_rand_int_range (rand, 0, (gint32) f->received->len));
      if (thr_day_month_end (received) - received < 7)
        break;
    }
  return received + (guint32) g_rand_int_range (rand, 1, 4);
}

/* ---- contract edits ---- */

static JsonObject *
find_metric (JsonArray  *metrics,
             const char *id)
{
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    {
      JsonObject *metric = json_array_get_object_element (metrics, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (metric, "id", NULL), id) == 0)
        return metric;
    }
  g_assert_not_reached ();
}

/* Writes the contract's definition with @id's deadline (or its filter's
 * task type) changed, as an administrator editing the contract would;
 * every other metric stays as it was. */
/* A metric's deadline days @n, or (n < 0) its records placed by the
 * day they were received instead of their deadline's, or back again: a
 * period's figure then depends on today for as long as a deadline of its
 * records can be after it. */
static void
edit_metric (Fixture    *f,
             const char *id,
             gint64      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) definition = thr_store_get_definition (f->store, f->contract_id, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *compute;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (definition, NULL),
                                             g_bytes_get_size (definition), &error));
  compute = json_object_get_object_member (
    find_metric (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "metrics"), id),
    "compute");
  if (n >= 0)
    json_object_set_int_member (json_object_get_object_member (compute, "deadline"), "n", n);
  else if (json_object_has_member (compute, "date"))
    json_object_remove_member (compute, "date");
  else
    json_object_set_string_member (compute, "date", "received");
  text = json_to_string (json_parser_get_root (parser), TRUE);
  /* As an SQL literal, on either backend. */
  {
    g_auto(GStrv) parts = g_strsplit (text, "'", -1);
    g_autofree char *quoted = g_strjoinv ("''", parts);
    g_autofree char *sql = g_strdup_printf ("UPDATE contracts SET definition = '%s' WHERE id = %" G_GINT64_FORMAT,
                                            quoted, f->contract_id);

    g_assert_true (thr_store_exec (f->store, sql, &error));
    g_assert_no_error (error);
  }
}

/* Metrics of the fuzz's records whose deadline an edit changes, with the
 * days it may take: business days for applications and documents,
 * calendar days for vacancies. */
static const struct {
  const char *id;
  int         min_n;
  int         max_n;
} edited_metrics[] = { { "A.1.a", 1, 5 }, { "A.1.g", 3, 8 }, { "B.2", 40, 50 } };

static const char *
edit_random_metric (Fixture *f,
                    GRand   *rand)
{
  guint which = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (edited_metrics));

  /* One edit in four moves where the records are placed. */
  edit_metric (f, edited_metrics[which].id,
               g_rand_int_range (rand, 0, 4) == 0
               ? -1 : g_rand_int_range (rand, edited_metrics[which].min_n, edited_metrics[which].max_n + 1));
  return edited_metrics[which].id;
}

/* evaluate --period 2018-MM (month_index ≥ 0) or the ledger of the
 * fuzzed months (month_index < 0), as JSON. */
static char *
cli_json (const char *db,
          int         month_index,
          guint32     today)
{
  g_autofree char *period = g_strdup_printf ("2018-%02d", month_index + 1);
  g_autofree char *last = g_strdup_printf ("2018-%02d", N_MONTHS);
  g_autofree char *day = thr_day_format (today);
  const char *evaluate[] = { g_getenv ("THRESHOLD_CLI"), "--db", db, "evaluate", "--period", period,
                             "--format", "json", "--today", day, NULL };
  const char *ledger[] = { g_getenv ("THRESHOLD_CLI"), "--db", db, "ledger", "--from", "2018-01", "--to", last,
                           "--format", "json", "--today", day, NULL };
  const char **argv = month_index >= 0 ? evaluate : ledger;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return out;
}

/* What the CLI prints from the kept figures, byte for byte what it prints
 * from a copy of the store that keeps none. */
static void
assert_cli_equals_fresh_copy (Fixture *f)
{
  g_autofree char *copy = thr_test_store_copy (f->store, f->dir, "fresh.db");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ThrStore) fresh = thr_store_open (copy, &error);
    g_assert_no_error (error);
    g_assert_true (thr_store_forget_kept_figures (fresh, f->contract_id, &error));
    g_assert_no_error (error);
  }
  for (int m = -1; m < N_MONTHS; m++)
    {
      g_autofree char *kept = cli_json (f->db, m, f->today);
      g_autofree char *fresh = cli_json (copy, m, f->today);

      g_assert_cmpstr (kept, ==, fresh);
    }
}

static char *
ledger_checksum (ThrStore *store,
                 gint64    contract_id,
                 guint32   today)
{
  g_autoptr(GError) error = NULL;
  ThrPeriod from, to;
  ThrLedger *ledger;
  char *checksum;

  thr_period_for_day (THR_PERIOD_MONTH, thr_day_from_ymd (2018, 1, 1), &from);
  thr_period_for_day (THR_PERIOD_MONTH, thr_day_from_ymd (2018, N_MONTHS, 1), &to);
  ledger = thr_ledger_compute_for_store (store, contract_id, &from, &to, today, &error);
  g_assert_no_error (error);
  checksum = thr_ledger_checksum (ledger);
  thr_ledger_free (ledger);
  return checksum;
}

/* The ledger from the kept figures (and kept again), the same as from a
 * copy of the store that keeps none. */
static void
assert_ledger_equals_fresh (Fixture    *f,
                            const char *step)
{
  g_autofree char *copy = thr_test_store_copy (f->store, f->dir, "ledger-fresh.db");
  g_autofree char *kept = ledger_checksum (f->store, f->contract_id, f->today);
  g_autofree char *fresh = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ThrStore) store = thr_store_open (copy, &error);

    g_assert_no_error (error);
    g_assert_true (thr_store_forget_kept_figures (store, f->contract_id, &error));
    g_assert_no_error (error);
    fresh = ledger_checksum (store, f->contract_id, f->today);
  }
  if (g_strcmp0 (kept, fresh) != 0)
    g_error ("after %s, the ledger differs from a fresh one", step);
}

/* The whole-contract figure recomputed for @metric in 2018-MM. */
static double
computed_denominator (Fixture    *f,
                      guint       month_index,
                      const char *metric,
                      gboolean    keep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = thr_evaluator_new_for_store (f->store, f->contract_id, &error);
  g_autoptr(GPtrArray) results = NULL;
  const ThrResult *r;
  ThrPeriod month;

  g_assert_no_error (error);
  thr_evaluator_set_today (evaluator, f->today);
  thr_evaluator_set_keep_figures (evaluator, keep);
  thr_period_for_day (THR_PERIOD_MONTH, thr_day_from_ymd (2018, (int) month_index + 1, 1), &month);
  results = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
  g_assert_no_error (error);
  r = thr_results_find_worst (results, metric);
  g_assert_nonnull (r);
  return r->computed.denominator;
}

static void
alter_kept (Fixture    *f,
            const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE kept_figures SET denominator = denominator + 1000 WHERE %s", where);

  g_assert_true (thr_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

/* An application received on Monday 26 February 2018 is due in two
 * business days, on Wednesday the 28th, and done on 1 March: missed, in
 * February.  Closing Tuesday the 27th moves its deadline to 1 March: met,
 * in March.  February's and March's figures are forgotten (though the
 * 27th lies after every application February's scan places), January's
 * stay kept. */
static void
test_closure_forgets_what_it_reaches (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *january = NULL;
  double february_before;

  import_text (f, "task_id,type,received,completed,program,category,score\n"
                  "T1,application,2018-01-10 09:00,2018-01-11 10:00,SNAP,standard,\n"
                  "T2,application,2018-02-26 09:00,2018-03-01 10:00,SNAP,standard,\n",
               THR_IMPORT_DUPLICATES_REFUSE);
  for (guint m = 0; m < 3; m++)
    g_free (describe_month (f, m, TRUE));
  february_before = computed_denominator (f, 1, "A.1.a", FALSE);
  january = g_strdup_printf ("last_day < %u", thr_day_from_ymd (2018, 2, 1));
  alter_kept (f, january);

  g_assert_true (thr_store_add_closure (f->store, "indiana", thr_day_from_ymd (2018, 2, 27), "Storm", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (computed_denominator (f, 1, "A.1.a", FALSE), !=, february_before);
  for (guint m = 1; m < 3; m++)
    {
      g_autofree char *kept = describe_month (f, m, TRUE);
      g_autofree char *fresh = describe_month (f, m, FALSE);

      g_assert_cmpstr (kept, ==, fresh);
    }
  g_assert_cmpfloat (computed_denominator (f, 0, "A.1.a", TRUE), ==, computed_denominator (f, 0, "A.1.a", FALSE) + 1000);
}

/* A.3.h: a claim is due "by the end of the third month after the quarter"
 * it was received in, so only the third month of a quarter after it can
 * count it.  A claim received in October 2017 lies within the loose
 * bounds of January's scan (81 to 188 days before it), but its deadline,
 * 31 March 2018, is not in January: importing one forgets none of
 * January's figures, and March counts it. */
static void
test_import_outside_deadlines_keeps (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *january = g_strdup_printf ("last_day < %u", thr_day_from_ymd (2018, 2, 1));

  import_text (f, "task_id,type,received,completed,program,category,score\n"
                  "K1,claim,2017-10-16 09:00,2018-03-20 10:00,SNAP,,\n", THR_IMPORT_DUPLICATES_REFUSE);
  for (guint m = 0; m < 3; m++)
    g_free (describe_month (f, m, TRUE));
  g_assert_cmpfloat (computed_denominator (f, 2, "A.3.h", FALSE), ==, 1);
  alter_kept (f, january);

  import_text (f, "task_id,type,received,completed,program,category,score\n"
                  "K2,claim,2017-10-20 09:00,,SNAP,,\n", THR_IMPORT_DUPLICATES_REFUSE);
  g_assert_cmpfloat (computed_denominator (f, 0, "A.3.h", FALSE), ==, 0);
  g_assert_cmpfloat (computed_denominator (f, 0, "A.3.h", TRUE), ==, 1000);
  g_assert_cmpfloat (computed_denominator (f, 2, "A.3.h", TRUE), ==, 2);
  g_assert_cmpfloat (computed_denominator (f, 2, "A.3.h", FALSE), ==, 2);
}

/* Editing one metric's definition forgets its figures only: every kept
 * figure altered, the edited metric's shows the records' own again, the
 * others' still show the alteration. */
static void
test_edit_forgets_its_metric (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  double document_fresh;

  import_tasks (f, rand, 80, FALSE);
  g_free (describe_month (f, 2, TRUE));
  document_fresh = computed_denominator (f, 2, "A.1.g", FALSE);
  g_assert_cmpfloat (document_fresh, >, 0);
  alter_kept (f, "1 = 1");
  /* B.2 counts calendar days: its scan reads no business day, so only
   * its definition tells its figures apart. */
  edit_metric (f, "B.2", 40);
  g_assert_cmpfloat (computed_denominator (f, 2, "B.2", TRUE), ==, computed_denominator (f, 2, "B.2", FALSE));
  g_assert_cmpfloat (computed_denominator (f, 2, "A.1.g", TRUE), ==, document_fresh + 1000);
}

/* THR_TEST_FEWER_STEPS, set by tools/run-valgrind: the fuzz makes each
 * kind of change once, and compares the months without explanations
 * after its last step only; the sweep of days takes its first, middle
 * and last days.
 * Under memcheck these tests are there for what memcheck finds in our
 * code (uninitialised reads, leaks), on the paths each kind of change and
 * each day's evaluation walk, which fewer steps walk as well; whether the
 * kept figures are right is the plain and sanitizer runs' question, and
 * they take every step. */
static gboolean
fewer_steps (void)
{
  return g_getenv ("THR_TEST_FEWER_STEPS") != NULL;
}

/* Records placed by the day they were received (B.2, 45 calendar days):
 * a month's figure depends on today until its records' last deadline,
 * weeks after the month's end, so a day that passes a deadline or a
 * completion is a new figure, not the one kept the day before. */
static void
test_today_reaches_past_the_month (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  /* 20 days, or 3 with fewer steps (under memcheck): 1 February, 2 May
   * and 31 July, inside the records' days and after their last deadline. */
  guint32 step = fewer_steps () ? 90 : 9;

  import_tasks (f, rand, 60, FALSE);
  edit_metric (f, "B.2", -1);
  for (guint32 day = thr_day_from_ymd (2018, 2, 1); day <= thr_day_from_ymd (2018, 7, 31); day += step)
    {
      g_autofree char *label = thr_day_format (day);

      f->today = day;
      assert_kept_equals_fresh (f, label);
    }
}

/* The kept figures of a month are read on another day once that day and
 * the one they were kept on are after every record's events (a figure
 * that no longer depends on today), and never on a day before one of
 * them: altered in the store, the alteration shows on the later day only.
 * A system task's deadline is its due day, so only the store's last
 * receipt bounds when it can be received. */
static void
test_today_after_every_record (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *fresh = NULL;
  g_autofree char *later = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_fresh = NULL;

  import_text (f, "task_id,type,received,completed,program,category,score,due\n"
                  "S1,system_task,2018-03-01 09:00,2018-03-05 10:00,,,,2018-03-05\n"
                  /* Received after its due day, and after the 15th. */
                  "S2,system_task,2018-03-16 09:00,2018-03-16 10:00,,,,2018-03-10\n"
                  /* Due in March, received after March is over. */
                  "S3,system_task,2018-04-10 09:00,2018-04-10 10:00,,,,2018-03-20\n"
                  "A1,application,2018-03-12 09:00,2018-03-20 10:00,,,,\n"
                  "V1,quality_review,2018-03-05,2018-03-21,,A.1.e,0,\n", THR_IMPORT_DUPLICATES_REFUSE);
  import_text (f, "call_id,queue,offered_at,wait_seconds,outcome\n"
                  "C1,Main,2018-03-02 10:00:00,20,answered\n"
                  "C2,Main,2018-03-19 10:00:00,200,answered\n", THR_IMPORT_DUPLICATES_REFUSE);
  f->today = thr_day_from_ymd (2018, 6, 1);
  fresh = describe_month (f, 2, TRUE);
  /* The figures with a record after the 15th (A.5.d's first week, over
   * on Mar 3, rightly holds on the 15th too). */
  alter_kept (f, "metric IN ('A.1.a', 'A.1.e', 'A.2.e', 'A.5.a')");
  f->today = thr_day_from_ymd (2018, 9, 1);
  later = describe_month (f, 2, TRUE);
  g_assert_cmpstr (later, !=, fresh);
  g_assert_cmpfloat (computed_denominator (f, 2, "A.2.e", TRUE), ==, 1003);
  g_assert_cmpfloat (computed_denominator (f, 2, "A.5.a", TRUE), ==, 1002);
  /* As of the 15th: S2, S3, C2 and V1's review not there yet, A1 open. */
  f->today = thr_day_from_ymd (2018, 3, 15);
  before = describe_month (f, 2, TRUE);
  before_fresh = describe_month (f, 2, FALSE);
  g_assert_cmpstr (before, ==, before_fresh);
  g_assert_cmpfloat (computed_denominator (f, 2, "A.2.e", TRUE), ==, 1);
  g_assert_cmpfloat (computed_denominator (f, 2, "A.5.a", TRUE), ==, 1);
  g_assert_cmpfloat (computed_denominator (f, 2, "A.1.e", TRUE), ==, 0);
  assert_kept_equals_fresh (f, "a day before the last record");
  /* After March and every deadline it counts, but before S3 is received:
   * S1 met, S2 missed. */
  f->today = thr_day_from_ymd (2018, 4, 5);
  g_assert_cmpfloat (computed_denominator (f, 2, "A.2.e", TRUE), ==, 2);
  g_assert_cmpfloat (computed_denominator (f, 2, "A.2.e", FALSE), ==, 2);
  assert_kept_equals_fresh (f, "a day after the month, before a record is received");
}

/* The kinds of change the fuzz makes (fuzz_step ()'s actions). */
static const char * const fuzz_kinds[] = { "tasks", "replaced tasks", "calls", "an undo", "a closure",
                                           "a closure after a task", "a contract edit", "another today" };
#define N_FUZZ_KINDS G_N_ELEMENTS (fuzz_kinds)

/* Makes change @action of fuzz_kinds[]; FALSE if there was nothing to
 * change (an undo with no import left). */
static gboolean
fuzz_step (Fixture *f,
           GRand   *rand,
           guint    action)
{
  /* Most inside the records' days, so that records received, completed
   * or offered after today are there to leave out (row_as_of ()). */
  const guint32 todays[] = { thr_day_from_ymd (2018, 1, 17), thr_day_from_ymd (2018, 2, 28),
                             thr_day_from_ymd (2018, 3, 20), thr_day_from_ymd (2018, 4, 3),
                             thr_day_from_ymd (2018, 5, 9), thr_day_from_ymd (2018, 5, 22),
                             thr_day_from_ymd (2018, 8, 15) };
  const guint32 closures[] = { thr_day_from_ymd (2018, 2, 14), thr_day_from_ymd (2018, 4, 11) };

  switch (action)
    {
    case 0:
      import_tasks (f, rand, (guint) g_rand_int_range (rand, 1, 25), FALSE);
      break;
    case 1:
      import_tasks (f, rand, (guint) g_rand_int_range (rand, 1, 8), TRUE);
      break;
    case 2:
      import_calls (f, rand, (guint) g_rand_int_range (rand, 1, 25));
      break;
    case 3:
      {
        g_autoptr(GError) error = NULL;
        guint index;

        if (f->imports->len == 0)
          return FALSE;
        index = (guint) g_rand_int_range (rand, 0, (gint32) f->imports->len);
        g_assert_true (thr_history_undo_import (f->store, f->contract_id,
                                                g_array_index (f->imports, gint64, index), NULL, &error));
        g_assert_no_error (error);
        g_array_remove_index (f->imports, index);
      }
      break;
    case 4:
      toggle_closure (f, closures[g_rand_int_range (rand, 0, G_N_ELEMENTS (closures))]);
      break;
    case 5:
      toggle_closure (f, day_after_a_task (f, rand));
      break;
    case 6:
      edit_random_metric (f, rand);
      break;
    default:
      f->today = todays[g_rand_int_range (rand, 0, G_N_ELEMENTS (todays))];
      break;
    }
  return TRUE;
}

/* Each kind of change once, in a random order. */
static GArray *
every_kind_shuffled (GRand *rand)
{
  GArray *kinds = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint kind = 0; kind < N_FUZZ_KINDS; kind++)
    g_array_append_val (kinds, kind);
  for (guint i = kinds->len - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      guint swap = g_array_index (kinds, guint, i);

      g_array_index (kinds, guint, i) = g_array_index (kinds, guint, j);
      g_array_index (kinds, guint, j) = swap;
    }
  return kinds;
}

/* Random imports, replacements, undos, closures, contract edits and days:
 * after each, every month from kept figures equals a fresh evaluation.
 * Closures fall on fixed days or one to three days after a task was
 * received, where they move its deadline; an edit changes one metric's
 * deadline.  Each forgets only the figures it can change (the business
 * days a figure's scan reads, its metric's definition), so a range
 * narrowed too far leaves a stale figure that this comparison finds. */
static void
test_fuzz_equivalence (Fixture       *f,
                       gconstpointer  data)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  /* Fewer steps (under memcheck): each kind of change once, 8 steps
   * rather than 12, in a random order; after each the months with
   * explanations and the ledger (whose notes and labels depend on the
   * step), and after the last the months without explanations too (the
   * same evaluation code with explain off, walked once). */
  gboolean once_each = fewer_steps ();
  g_autoptr(GArray) order = NULL;
  guint n_steps = once_each ? N_FUZZ_KINDS : 12;
  gboolean made[N_FUZZ_KINDS] = { FALSE };
  g_autoptr(GString) kinds_made = g_string_new (NULL);

  g_test_message ("seed %u", seed);
  f->with_claims = TRUE;
  import_tasks (f, rand, 40, FALSE);
  import_calls (f, rand, 40);
  assert_kept_equals_fresh (f, "the first imports");
  if (once_each)
    order = every_kind_shuffled (rand);
  for (guint step = 0; step < n_steps; step++)
    {
      /* Every other step is a closure after a task and every fourth an
       * edit, so that each run tries both several times. */
      guint action = once_each ? g_array_index (order, guint, step)
                   : step % 2 == 1 ? 5 : step % 4 == 2 ? 6 : (guint) g_rand_int_range (rand, 0, N_FUZZ_KINDS);

      if (!fuzz_step (f, rand, action))
        continue;
      made[action] = TRUE;
      assert_kept_equals_fresh_explained (f, fuzz_kinds[action], !once_each);
      assert_ledger_equals_fresh (f, fuzz_kinds[action]);
    }
  if (once_each)
    assert_kept_equals_fresh (f, "the last change");
  assert_cli_equals_fresh_copy (f);

  /* Which kinds this run made: all of them with fewer steps. */
  for (guint kind = 0; kind < N_FUZZ_KINDS; kind++)
    if (made[kind])
      g_string_append_printf (kinds_made, "%s%s", kinds_made->len > 0 ? ", " : "", fuzz_kinds[kind]);
  g_test_message ("%u steps; changes made: %s", n_steps, kinds_made->str);
  if (once_each)
    for (guint kind = 0; kind < N_FUZZ_KINDS; kind++)
      if (!made[kind])
        g_test_fail_printf ("the fuzz made no change of the kind \"%s\"", fuzz_kinds[kind]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  thr_core_init ();

  g_test_add ("/kept/figure-is-read", Fixture, NULL, fixture_set_up, test_kept_figure_is_read, fixture_tear_down);
  g_test_add ("/kept/import-forgets-what-it-reaches", Fixture, NULL, fixture_set_up,
              test_import_forgets_what_it_reaches, fixture_tear_down);
  g_test_add ("/kept/kept-months-only", Fixture, NULL, fixture_set_up, test_kept_months_only, fixture_tear_down);
  g_test_add ("/kept/content-stamp", Fixture, NULL, fixture_set_up, test_content_stamp_leaves_out_kept,
              fixture_tear_down);
  g_test_add ("/kept/other-users-figures-unread", Fixture, NULL, fixture_set_up, test_other_users_figures_unread,
              fixture_tear_down);
  g_test_add ("/kept/closure-forgets-what-it-reaches", Fixture, NULL, fixture_set_up,
              test_closure_forgets_what_it_reaches, fixture_tear_down);
  g_test_add ("/kept/import-outside-deadlines-keeps", Fixture, NULL, fixture_set_up,
              test_import_outside_deadlines_keeps, fixture_tear_down);
  g_test_add ("/kept/edit-forgets-its-metric", Fixture, NULL, fixture_set_up, test_edit_forgets_its_metric,
              fixture_tear_down);
  g_test_add ("/kept/today-reaches-past-the-month", Fixture, NULL, fixture_set_up,
              test_today_reaches_past_the_month, fixture_tear_down);
  g_test_add ("/kept/today-after-every-record", Fixture, NULL, fixture_set_up, test_today_after_every_record,
              fixture_tear_down);
  g_test_add ("/kept/fuzz-equivalence", Fixture, NULL, fixture_set_up, test_fuzz_equivalence, fixture_tear_down);
  return g_test_run ();
}
