/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-team-watch.c — a window on a team store hears its colleagues
 *
 * A small demo on the test server (THR_TEST_PG, postgresql suite).  The
 * window is open on it; a second connection, a colleague, imports a file
 * or edits a CAP, and the window shows the change: the server's notice
 * (LISTEN/NOTIFY) makes it read the store again, within a second.  While
 * the person is typing in the CAP editor, that reading waits until what
 * was typed is saved, so nothing typed is lost, and the save still goes
 * through the CAP's version: a colleague's change to the same CAP is
 * asked about (Reload or Overwrite) rather than overwritten.
 */
#include <string.h>

#include "thr-alert.h"
#include "thr-cap-editor.h"
#include "thr-caps-page.h"
#include "thr-imports-page.h"
#include "thr-session.h"
#include "thr-test-pg.h"
#include "thr-test-store.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static struct {
  ThrTestPg *pg;
  char *address;   /* the superuser's: every right */
  char *tmp_dir;
} fixture;

/* ---- helpers ---- */

/* A colleague: a connection of its own to the same store. */
static ThrStore *
open_colleague (void)
{
  g_autoptr(GError) error = NULL;
  ThrStore *store = thr_store_open (fixture.address, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
other_cap_than (gint64 cap_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT min(id) FROM caps WHERE id <> %" G_GINT64_FORMAT, cap_id);
  g_autofree char *id = thr_test_pg_value (fixture.pg->admin, sql);

  return g_ascii_strtoll (id, NULL, 10);
}

typedef struct {
  ThrWindow    *window;
  ThrSession   *before;    /* held, so that a new session cannot take its address */
  ThrCapEditor *editor;
  gint64        cap_id;
  const char   *field;
  const char   *text;
} Watch;

/* The window has read the store again (a session other than @before)
 * and is complete. */
static gboolean
read_again_cb (gpointer data)
{
  Watch *watch = data;
  ThrSession *session = thr_window_get_session (watch->window);

  return session != NULL && session != watch->before && thr_test_window_complete (watch->window);
}

/* The window started reading the store again: what hearing the notice does. */
static gboolean
reading_again_cb (gpointer data)
{
  Watch *watch = data;

  return thr_window_get_session (watch->window) != watch->before || thr_window_get_loading (watch->window);
}

static gboolean
editor_shows_cb (gpointer data)
{
  Watch *watch = data;
  g_autofree char *shown = NULL;

  if (thr_cap_editor_get_cap_id (watch->editor) != watch->cap_id)
    return FALSE;
  shown = thr_test_cap_note_text (watch->editor, watch->field);
  return g_strcmp0 (shown, watch->text) == 0;
}

static ThrCapEditor *
show_caps (ThrWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "caps");
  return thr_caps_page_get_editor (THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps")));
}

static void
watch_start (Watch     *watch,
             ThrWindow *window)
{
  g_clear_object (&watch->before);
  watch->window = window;
  watch->before = g_object_ref (thr_window_get_session (window));
}

/* ---- tests ---- */

/* A colleague's CAP edit and import show within a second. */
static void
test_hears_colleague (void)
{
  g_autoptr(ThrStore) colleague = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *calls = g_test_build_filename (G_TEST_DIST, "data", "calls-2018-04.csv", NULL);
  Watch watch = { 0 };
  ThrWindow *window;
  ThrImportsPage *imports;
  guint n_imports;
  gint64 start, heard, shown;

  if (fixture.pg == NULL)
    return;
  window = thr_test_open_window (fixture.address, 1366, 768);
  watch.editor = show_caps (window);
  watch.cap_id = thr_cap_editor_get_cap_id (watch.editor);
  g_assert_cmpint (watch.cap_id, >, 0);
  colleague = open_colleague ();

  /* An edit of the CAP shown. */
  watch_start (&watch, window);
  watch.field = "monitoring";
  watch.text = "Weekly call with the vendor's QA lead (a colleague's words)";
  start = g_get_monotonic_time ();
  g_assert_true (thr_cap_set_field (colleague, watch.cap_id, watch.field, watch.text, &error));
  g_assert_no_error (error);
  thr_test_wait_for (reading_again_cb, &watch);
  heard = g_get_monotonic_time ();
  thr_test_wait_for (read_again_cb, &watch);
  thr_test_wait_for (editor_shows_cb, &watch);
  shown = g_get_monotonic_time ();
  g_test_message ("a colleague's CAP edit: heard after %" G_GINT64_FORMAT " ms, shown after %" G_GINT64_FORMAT " ms",
                  (heard - start) / 1000, (shown - start) / 1000);
  g_assert_cmpint (heard - start, <, G_USEC_PER_SEC * (gint64) thr_test_slowdown ());

  /* An import, by another program. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "imports");
  imports = THR_IMPORTS_PAGE (thr_window_get_page_widget (window, "imports"));
  n_imports = thr_imports_page_get_n_imports (imports);
  watch_start (&watch, window);
  /* The window cannot run while the CLI is waited for: counted from its
   * end, when the import is committed. */
  g_free (thr_test_pg_cli_ok (fixture.address, "import", calls, NULL));
  start = g_get_monotonic_time ();
  thr_test_wait_for (reading_again_cb, &watch);
  heard = g_get_monotonic_time ();
  thr_test_wait_for (read_again_cb, &watch);
  shown = g_get_monotonic_time ();
  g_test_message ("a colleague's import: heard %" G_GINT64_FORMAT " ms after its commit, shown after %"
                  G_GINT64_FORMAT " ms", (heard - start) / 1000, (shown - start) / 1000);
  g_assert_cmpint (heard - start, <, G_USEC_PER_SEC * (gint64) thr_test_slowdown ());
  g_assert_cmpuint (thr_imports_page_get_n_imports (imports), ==, n_imports + 1);

  g_clear_object (&watch.before);
  thr_test_close_window (window);
}

/* Typed, not yet saved, when a colleague's change arrives: kept. */
static void
test_keeps_typed (void)
{
  g_autoptr(ThrStore) colleague = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *evidence = NULL;
  Watch watch = { 0 };
  ThrWindow *window;
  GtkWidget *alert;
  gint64 other_cap;

  if (fixture.pg == NULL)
    return;
  window = thr_test_open_window (fixture.address, 1366, 768);
  watch.editor = show_caps (window);
  watch.cap_id = thr_cap_editor_get_cap_id (watch.editor);
  g_assert_cmpint (watch.cap_id, >, 0);
  other_cap = other_cap_than (watch.cap_id);
  colleague = open_colleague ();

  /* A colleague edits another CAP while this one is typed in: the window
   * reads the store again once the typing is saved, and shows it. */
  watch_start (&watch, window);
  watch.field = "root_cause";
  watch.text = "Typed here before a colleague's change arrived";
  thr_test_cap_type_note (watch.editor, watch.field, watch.text);
  g_assert_true (thr_cap_editor_has_unsaved (watch.editor));
  g_assert_true (thr_cap_set_field (colleague, other_cap, "root_cause", "A colleague's root cause", &error));
  g_assert_no_error (error);
  thr_test_wait_for (read_again_cb, &watch);
  thr_test_wait_for (editor_shows_cb, &watch);
  stored = thr_test_store_cap_field (colleague, watch.cap_id, watch.field);
  g_assert_cmpstr (stored, ==, watch.text);

  /* The same CAP, changed by the colleague while this is typed: the save
   * carries the version the editor showed and is refused; the person is
   * asked, with the typed text still there, and the store not read
   * again until they answer. */
  watch_start (&watch, window);
  watch.text = "Typed again, over a colleague's change to this CAP";
  thr_test_cap_type_note (watch.editor, watch.field, watch.text);
  g_assert_true (thr_cap_set_field (colleague, watch.cap_id, "evidence", "The colleague's evidence", &error));
  g_assert_no_error (error);
  alert = thr_test_find_alert ();
  g_assert_nonnull (alert);
  g_assert_cmpstr (thr_alert_get_heading (alert), ==, "Someone Else Changed This CAP");
  g_assert_true (thr_window_get_session (window) == watch.before);
  g_assert_true (editor_shows_cb (&watch));
  g_clear_pointer (&stored, g_free);
  stored = thr_test_store_cap_field (colleague, watch.cap_id, watch.field);
  g_assert_cmpstr (stored, ==, "Typed here before a colleague's change arrived");

  /* Overwrite: the typed text is saved over the CAP as it now is (the
   * colleague's evidence stays); then the store is read again. */
  thr_alert_respond (alert, "overwrite");
  thr_test_wait_for (read_again_cb, &watch);
  thr_test_wait_for (editor_shows_cb, &watch);
  g_clear_pointer (&stored, g_free);
  stored = thr_test_store_cap_field (colleague, watch.cap_id, watch.field);
  g_assert_cmpstr (stored, ==, watch.text);
  evidence = thr_test_store_cap_field (colleague, watch.cap_id, "evidence");
  g_assert_cmpstr (evidence, ==, "The colleague's evidence");

  g_clear_object (&watch.before);
  thr_test_close_window (window);
}

/* A colleague's change committed while the window is still working out
 * the history and the consequences, which write to the store themselves:
 * when they are in, the window reads the store again rather than take
 * the colleague's change for its own workers' (_thr_window_watch_rebase).
 * A calendar closure, which the figures already shown were counted
 * without, and an edit of the CAP shown. */
static void
test_hears_while_loading (void)
{
  g_autoptr(ThrStore) colleague = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) closures = NULL;
  guint32 day = thr_day_from_ymd (2018, 3, 14);
  Watch watch = { 0 };
  ThrWindow *window;
  ThrSession *session;

  if (fixture.pg == NULL)
    return;
  colleague = open_colleague ();
  window = thr_window_new (NULL, fixture.address);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  thr_test_wait_for (thr_test_window_loaded, window);
  g_assert_false (thr_session_has_consequences (thr_window_get_session (window)));
  watch_start (&watch, window);
  g_assert_true (thr_store_add_closure (colleague, "indiana", day, "A colleague's storm day", &error));
  g_assert_no_error (error);

  thr_test_wait_for (read_again_cb, &watch);
  session = thr_window_get_session (window);
  closures = thr_store_list_closures (thr_session_get_store (session), "indiana", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (closures->len, ==, 1);
  g_assert_cmpuint (((ThrStoreClosure *) g_ptr_array_index (closures, 0))->day, ==, day);

  /* A colleague's edit of the CAP shown, while the window reads the store
   * again: the CAPs are read when the consequences are in, but the ledger
   * was worked out from the CAPs before (an implemented_on date releases
   * money), so the store is read again, and the editor shows the edit. */
  watch.editor = show_caps (window);
  watch.cap_id = thr_cap_editor_get_cap_id (watch.editor);
  g_assert_cmpint (watch.cap_id, >, 0);
  thr_window_open_store (window, fixture.address);
  thr_test_wait_for (thr_test_window_loaded, window);
  g_assert_false (thr_session_has_consequences (thr_window_get_session (window)));
  watch_start (&watch, window);
  watch.field = "evidence";
  watch.text = "A colleague's evidence, saved while the window was reading";
  g_assert_true (thr_cap_set_field (colleague, watch.cap_id, watch.field, watch.text, &error));
  g_assert_no_error (error);
  thr_test_wait_for (read_again_cb, &watch);
  thr_test_wait_for (editor_shows_cb, &watch);

  g_clear_object (&watch.before);
  thr_test_close_window (window);
}

/* A fresh evaluation of METRIC_ID's figure recomputed from the records in
 * MONTH of SESSION, from the store as it is now, on the session's day. */
static double
computed_now (ThrSession *session,
              guint       month,
              const char *metric_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = open_colleague ();
  g_autoptr(ThrEvaluator) evaluator = thr_evaluator_new_for_store (store, thr_session_get_contract_id (session),
                                                                   &error);
  g_autoptr(GPtrArray) results = NULL;
  ThrPeriod period;

  g_assert_no_error (error);
  thr_evaluator_set_today (evaluator, thr_session_get_today (session));
  g_assert_true (thr_period_parse (thr_session_get_month (session, month), &period, NULL));
  results = thr_evaluator_evaluate_month (evaluator, &period, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *result = g_ptr_array_index (results, i);

      if (g_str_equal (result->metric->id, metric_id) && result->subject[0] == '\0')
        return result->computed.numerator;
    }
  g_assert_not_reached ();
}

static double
computed_shown (ThrSession *session,
                guint       month,
                const char *metric_id)
{
  const ThrResult *result = thr_session_get_result (session, month, metric_id);

  g_assert_nonnull (result);
  return result->computed.numerator;
}

/* The session's load waits for the lock the colleague holds. */
static gboolean
load_waits_cb (gpointer data)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE datname = '%s' "
                                          "AND wait_event_type = 'Lock'", fixture.pg->name);
  g_autofree char *waiting = thr_test_pg_value (fixture.pg->admin, sql);

  return atoi (waiting) > 0;
}

/* The first session's workers are done, or the window reads the store
 * again: whichever comes first. */
static gboolean
done_or_reading_cb (gpointer data)
{
  Watch *watch = data;

  return reading_again_cb (watch) || thr_test_window_complete (watch->window);
}

/* A colleague's change committed while the session's first load is still
 * reading the store, before the window has begun to watch it (nobody
 * hears its notice).  The colleague's transaction closes a day of the
 * latest month and holds the reported values until the load, which has
 * read the calendar, waits for them; then it commits.  The load's figures
 * are counted without the closure, so the window, watching from the
 * store as the load found it, reads the store again and shows them
 * counted with it. */
static void
test_hears_during_first_load (void)
{
  g_autoptr(PGconn) colleague = NULL;
  g_autofree char *sql = NULL;
  Watch watch = { 0 };
  ThrWindow *window;
  ThrSession *session;
  guint latest;
  double shown, now;

  if (fixture.pg == NULL)
    return;
  colleague = thr_test_pg_connect (fixture.pg, NULL);
  PQclear (thr_test_pg_exec_ok (colleague, "BEGIN"));
  PQclear (thr_test_pg_exec_ok (colleague, "LOCK TABLE reported_values IN ACCESS EXCLUSIVE MODE"));
  PQclear (thr_test_pg_exec_ok (colleague, "INSERT INTO calendar_closures (calendar, day, reason, added_at) "
                                           "VALUES ('indiana', '2018-06-13', 'A colleague''s flood day', "
                                           "'2026-12-02T06:00:00Z')"));
  PQclear (thr_test_pg_exec_ok (colleague, "NOTIFY threshold_changed"));
  window = thr_window_new (NULL, fixture.address);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  thr_test_wait_for (load_waits_cb, NULL);
  PQclear (thr_test_pg_exec_ok (colleague, "COMMIT"));

  thr_test_wait_for (thr_test_window_loaded, window);
  watch_start (&watch, window);
  session = watch.before;
  latest = thr_session_get_n_months (session) - 1;
  g_assert_cmpstr (thr_session_get_month (session, latest), ==, "2018-06");
  shown = computed_shown (session, latest, "A.1.a");
  now = computed_now (session, latest, "A.1.a");
  /* The closure counts: the load, which read the calendar before it,
   * shows another figure than the store now gives. */
  g_assert_cmpfloat (shown, !=, now);

  thr_test_wait_for (done_or_reading_cb, &watch);
  g_assert_true (reading_again_cb (&watch));
  thr_test_wait_for (read_again_cb, &watch);
  session = thr_window_get_session (window);
  g_assert_cmpfloat (computed_shown (session, latest, "A.1.a"), ==, now);

  g_clear_object (&watch.before);
  thr_test_close_window (window);
}

/* ---- the store ---- */

static void
make_store (void)
{
  g_autofree char *n_caps = NULL;

  fixture.pg = thr_test_pg_new ();
  if (fixture.pg == NULL)
    return;
  fixture.address = thr_test_pg_make_demo (fixture.pg, 6);
  /* Two CAPs at least: one typed in, the other a colleague's. */
  n_caps = thr_test_pg_value (fixture.pg->admin, "SELECT count(*) FROM caps");
  g_assert_cmpint (atoi (n_caps), >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  fixture.tmp_dir = thr_test_window_init (&argc, &argv, "team-watch");
  g_test_add_func ("/window-team-watch/hears-colleague", test_hears_colleague);
  g_test_add_func ("/window-team-watch/keeps-typed", test_keeps_typed);
  g_test_add_func ("/window-team-watch/hears-while-loading", test_hears_while_loading);
  g_test_add_func ("/window-team-watch/hears-during-first-load", test_hears_during_first_load);
  make_store ();
  status = thr_test_window_run (fixture.tmp_dir, NULL);
  g_clear_pointer (&fixture.pg, thr_test_pg_free);
  thr_test_pg_exit_if_failed ();
  g_free (fixture.address);
  return status;
}
