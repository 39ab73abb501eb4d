/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-totals.c — one money figure, four front ends, to the cent
 *
 * On a 60-month demo store (demo-totals.db, made once per build by
 * make-demo-store, each run working on a copy): the overview's month and to-date cards, the
 * ledger page's totals, the monthly report PDF's total rows (read back
 * with poppler) and `threshold-cli ledger --format json`'s "totals" must
 * agree, because each of them shows thr_ledger_sum() and computes
 * nothing itself.  Likewise the words: the ledger page, the metric page,
 * the monthly report and the CLI show one explanation of an amount or a
 * status, the one the core wrote.
 */
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "thr-ledger-page.h"
#include "thr-overview-page.h"
#include "thr-test-demo.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;

static char *
run_cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, demo_db);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("threshold-cli failed: %s", err);
  return g_steal_pointer (&out);
}

static gint64
cents_of (JsonObject *object,
          const char *member)
{
  return llround (json_object_get_double_member (object, member) * 100.0);
}

/* `ledger --format json [--from FROM] [--to TO]`'s totals. */
static void
cli_totals (const char      *from,
            const char      *to,
            ThrLedgerTotals *totals)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  if (from != NULL)
    json = run_cli ("ledger", "--format", "json", "--from", from, "--to", to, NULL);
  else if (to != NULL)
    json = run_cli ("ledger", "--format", "json", "--to", to, NULL);
  else
    json = run_cli ("ledger", "--format", "json", NULL);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  object = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "totals");
  totals->invoice = cents_of (object, "invoice");
  totals->withheld = cents_of (object, "withheld");
  totals->released = cents_of (object, "released");
  totals->held = cents_of (object, "held");
  totals->retained = cents_of (object, "retained");
}

static void
assert_same_money (const ThrLedgerTotals *a,
                   const ThrLedgerTotals *b)
{
  g_assert_cmpint (a->withheld, ==, b->withheld);
  g_assert_cmpint (a->released, ==, b->released);
  g_assert_cmpint (a->held, ==, b->held);
  g_assert_cmpint (a->retained, ==, b->retained);
}

/* The @n-th "Total" row of the report (the month's table, then the year
 * to date), as `pdftotext -layout` (poppler) lays the page out: invoice,
 * withheld, released, retained and held, in that order. */
static void
assert_report_total (const char            *layout,
                     guint                  n,
                     const ThrLedgerTotals *totals)
{
  const gint64 amounts[] = { totals->invoice, totals->withheld, totals->released, totals->retained, totals->held };
  g_auto(GStrv) lines = g_strsplit (layout, "\n", -1);
  g_autoptr(GString) row = g_string_new ("Total");
  guint seen = 0;

  for (guint k = 0; k < G_N_ELEMENTS (amounts); k++)
    {
      g_autofree char *money = thr_report_format_money (amounts[k] / 100.0);

      g_string_append_printf (row, " %s", money);
    }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autoptr(GString) joined = g_string_new (NULL);

      if (!g_str_has_prefix (lines[i], "Total ") || seen++ != n)
        continue;
      /* One space between the words, whatever the columns' gaps. */
      words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", words[w]);
      g_assert_cmpstr (joined->str, ==, row->str);
      return;
    }
  g_error ("no total row %u in:\n%s", n, layout);
}

static char *
pdf_layout_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_totals_agree (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrSession *session = thr_window_get_session (window);
  ThrOverviewPage *overview = THR_OVERVIEW_PAGE (thr_window_get_page_widget (window, "overview"));
  const char *month = thr_session_get_month (session, thr_session_get_n_months (session) - 1);
  g_autofree char *january = g_strdup_printf ("%.4s-01", month);
  g_autofree char *pdf_path = g_build_filename (tmp_dir, "month.pdf", NULL);
  g_autofree char *report_out = NULL;
  g_autofree char *layout = NULL;
  ThrLedgerTotals shown_month, shown_to_date, page, cli;

  g_assert_cmpuint (thr_session_get_n_months (session), ==, 60);
  g_assert_cmpuint (thr_window_get_month (window), ==, thr_session_get_n_months (session) - 1);

  /* The overview, at the latest month. */
  thr_overview_page_get_money (overview, &shown_month, &shown_to_date);
  cli_totals (month, month, &cli);
  assert_same_money (&shown_month, &cli);
  cli_totals (NULL, month, &cli);
  assert_same_money (&shown_to_date, &cli);
  /* Real money moved, or the comparison proves little. */
  g_assert_cmpint (cli.released, >, 0);
  g_assert_cmpint (cli.held + cli.retained, >, 0);
  g_assert_cmpint (cli.withheld, ==, cli.released + cli.held + cli.retained);

  /* The ledger page: every month. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
  thr_ledger_page_get_totals (THR_LEDGER_PAGE (thr_window_get_page_widget (window, "ledger")), &page);
  cli_totals (NULL, NULL, &cli);
  assert_same_money (&page, &cli);
  g_assert_cmpint (page.withheld, >, shown_to_date.withheld / 2);

  /* The monthly report: the month, and the year to date. */
  report_out = run_cli ("report", "month", month, "-o", pdf_path, NULL);
  layout = pdf_layout_text (pdf_path);
  cli_totals (month, month, &cli);
  assert_report_total (layout, 0, &cli);
  cli_totals (january, month, &cli);
  assert_report_total (layout, 1, &cli);

  thr_test_close_window (window);
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
explanation_shown (gpointer view)
{
  return thr_ledger_view_get_explanation_shown (view) != NULL;
}

/* The explanation the ledger page shows for MONTH's COMPONENT line when
 * its Why button is pressed (the popover is made then). */
static const char *
ledger_explanation (ThrWindow  *window,
                    const char *month,
                    const char *component)
{
  ThrLedgerView *view = thr_ledger_page_get_view (THR_LEDGER_PAGE (thr_window_get_page_widget (window, "ledger")));

  for (guint i = 0; i < thr_ledger_view_get_n_items (view); i++)
    {
      ThrLedgerItem *item = thr_ledger_view_get_item (view, i);

      if (thr_ledger_item_is_year (item) || g_strcmp0 (thr_ledger_item_get_period (item), month) != 0 ||
          g_strcmp0 (thr_ledger_item_get_component (item), component) != 0)
        continue;
      g_assert_true (thr_ledger_view_explain (view, i));
      thr_test_wait_for (explanation_shown, view);
      return thr_ledger_view_get_explanation_shown (view);
    }
  g_assert_not_reached ();
}

static JsonObject *
json_find (JsonArray  *array,
           const char *member,
           const char *value,
           const char *member2,
           const char *value2)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, member), value) == 0 &&
          (member2 == NULL || g_strcmp0 (json_object_get_string_member (o, member2), value2) == 0))
        return o;
    }
  g_error ("no %s %s in the JSON", member, value);
}

static JsonNode *
cli_json (const char *first, ...)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[8] = { first };
  guint n = 1;
  va_list args;

  va_start (args, first);
  while (n < G_N_ELEMENTS (argv) - 1 && (argv[n] = va_arg (args, const char *)) != NULL)
    n++;
  va_end (args);
  out = run_cli (argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], NULL);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* 2018-04, when A.1.a is missed and the month's withholding retained:
 * the training component's amount (retained for a Section A metric, under
 * release_scope) in the ledger page's words, the report's and the CLI's;
 * A.1.a's status in the metric page's words, the report's and the CLI's. */
static void
test_explanations_agree (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  g_autofree char *pdf_path = g_build_filename (tmp_dir, "month-2018-04.pdf", NULL);
  g_autofree char *report_out = NULL;
  g_autofree char *report = NULL;
  g_autoptr(JsonNode) ledger = cli_json ("ledger", "--format", "json", "--from", "2018-04", "--to", "2018-04", NULL);
  g_autoptr(JsonNode) evaluated = cli_json ("evaluate", "--period", "2018-04", "--format", "json", NULL);
  const char *row_text, *metric_text;
  const char *argv[] = { "pdftotext", pdf_path, "-", NULL };
  g_autofree char *raw = NULL;
  g_autofree char *flat_row = NULL;
  g_autofree char *flat_metric = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  row_text = json_object_get_string_member (json_find (json_object_get_array_member (json_node_get_object (ledger), "rows"),
                                                       "month", "2018-04", "component", "training"),
                                            "explanation");
  g_assert_nonnull (strstr (row_text, "release_scope"));
  metric_text = json_object_get_string_member (json_find (json_object_get_array_member (json_node_get_object (evaluated),
                                                                                        "results"),
                                                          "metric", "A.1.a", NULL, NULL),
                                               "explanation");
  g_assert_nonnull (strstr (metric_text, "missed"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
  thr_test_wait_for_frame (window);   /* laid out, so the popover has its place */
  g_assert_cmpstr (ledger_explanation (window, "2018-04", "training"), ==, row_text);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.1.a", (gint32) 3);
  g_assert_true (shows_label (thr_window_get_page_widget (window, "metric"), metric_text));

  report_out = run_cli ("report", "month", "2018-04", "-o", pdf_path, NULL);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &raw, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  report = thr_test_squeeze_spaces (raw);
  flat_row = thr_test_squeeze_spaces (row_text);
  flat_metric = thr_test_squeeze_spaces (metric_text);
  if (strstr (report, flat_row) == NULL || strstr (report, flat_metric) == NULL)
    g_error ("the report does not show\n%s\nor\n%s\nin:\n%s", flat_row, flat_metric, report);

  thr_test_close_window (window);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  thr_test_adw_init ();
  thr_core_init ();

  tmp_dir = g_dir_make_tmp ("thr-totals-XXXXXX", &error);
  g_assert_no_error (error);
  demo_db = thr_test_copy_demo_store (tmp_dir);

  g_test_add_func ("/window/totals-agree", test_totals_agree);
  g_test_add_func ("/window/explanations-agree", test_explanations_agree);
  status = g_test_run ();

  if (g_getenv ("THR_KEEP_TMP") == NULL)
    thr_test_remove_dir (tmp_dir);
  g_free (demo_db);
  g_free (tmp_dir);
  return status;
}
