/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-history.c — opening a store evaluates each month once
 *
 * The window evaluates the latest month first, then the history on a
 * pool of workers, each on a connection of its own; the consequences
 * (the ledger, the CAPs) are worked out from those months afterwards
 * instead of evaluating every month again beside the pool.  Opened cold
 * (nothing kept) and again (everything kept), every month is evaluated
 * exactly once by the session, at least two workers take part, the
 * ledger evaluates no month itself, and its money is the money of a
 * ledger computed from the store alone; and the consequences come with
 * the history's last months, in the same turn of the main loop, so that
 * the window draws both in one frame.
 */
#include <adwaita.h>

#include "thr-core.h"
#include "thr-session.h"
#include "thr-test-demo.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;

static char *
fresh_ledger_checksum (const char *db,
                       guint32     today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (db, &error);
  g_autoptr(ThrLedger) ledger = NULL;

  g_assert_no_error (error);
  ledger = thr_ledger_compute_for_store (store, 1, NULL, NULL, today, &error);
  g_assert_no_error (error);
  return thr_ledger_checksum (ledger);
}

static void
assert_each_month_once (ThrWindow *window,
                        const char *db)
{
  ThrSession *session = thr_window_get_session (window);
  guint n_months = thr_session_get_n_months (session);
  g_autofree char *shown = NULL;
  g_autofree char *fresh = NULL;

  g_assert_cmpuint (n_months, >, 2);
  for (guint m = 0; m < n_months; m++)
    if (thr_session_get_n_evaluations (session, m) != 1)
      g_error ("month %s was evaluated %u times", thr_session_get_month (session, m),
               thr_session_get_n_evaluations (session, m));
  g_assert_cmpuint (thr_session_get_n_history_workers (session), >=, 2);
  g_assert_cmpuint (thr_session_get_n_ledger_evaluations (session), ==, 0);

  shown = thr_ledger_checksum (thr_session_get_ledger (session));
  fresh = fresh_ledger_checksum (db, thr_session_get_today (session));
  g_assert_cmpstr (shown, ==, fresh);
}

/* Whether the consequences were in when the main loop next ran anything
 * after the history's last month was shown. */
typedef struct {
  ThrSession *session;
  gboolean    checked;
  gboolean    together;
} Arrival;

static gboolean
check_arrival_cb (gpointer data)
{
  Arrival *arrival = data;

  arrival->together = thr_session_has_consequences (arrival->session);
  arrival->checked = TRUE;
  return G_SOURCE_REMOVE;
}

static void
complete_cb (ThrSession *session,
             GParamSpec *pspec,
             Arrival    *arrival)
{
  if (thr_session_is_complete (session))
    g_idle_add_full (G_PRIORITY_HIGH, check_arrival_cb, arrival, NULL);
}

static gboolean
arrival_checked (gpointer data)
{
  return ((Arrival *) data)->checked;
}

static ThrWindow *
open_window_with_history (const char *db)
{
  ThrWindow *window = thr_window_new (NULL, db);
  Arrival arrival = { 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  thr_test_wait_for (thr_test_window_loaded, window);
  arrival.session = thr_window_get_session (window);
  g_assert_false (thr_session_is_complete (arrival.session));
  g_signal_connect (arrival.session, "notify::complete", G_CALLBACK (complete_cb), &arrival);
  thr_test_wait_for (arrival_checked, &arrival);
  g_signal_handlers_disconnect_by_data (arrival.session, &arrival);
  g_assert_true (arrival.together);
  thr_test_wait_for (thr_test_window_complete, window);
  thr_test_wait_for_frame (window);
  return window;
}

static void
test_each_month_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = thr_test_copy_demo_store (tmp_dir);
  ThrWindow *window;

  /* Cold: nothing kept, so the history scans every month. */
  {
    g_autoptr(ThrStore) store = thr_store_open (db, &error);

    g_assert_no_error (error);
    g_assert_true (thr_store_forget_kept_figures (store, 1, &error));
    g_assert_no_error (error);
  }
  window = open_window_with_history (db);
  assert_each_month_once (window, db);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Again: every month from what the first opening kept. */
  window = open_window_with_history (db);
  assert_each_month_once (window, db);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  /* Two workers whatever the machine has, so that the pool is tested. */
  g_setenv ("THR_HISTORY_WORKERS", "2", TRUE);
  tmp_dir = thr_test_window_init (&argc, &argv, "history");
  g_test_add_func ("/window/history/each-month-once", test_each_month_once);
  return thr_test_window_run (tmp_dir, demo_db);
}
