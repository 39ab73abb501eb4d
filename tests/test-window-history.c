/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-history.c — opening a store evaluates each month once
 *
 * The window's load evaluates the latest month first, and from a store
 * file every month whose figures are all kept; then the history evaluates
 * the rest on a pool of workers, each on a connection of its own; the
 * consequences (the ledger, the CAPs) are worked out from those months
 * afterwards instead of evaluating every month again beside the pool.
 * Opened cold (nothing kept), again (everything kept: the load brings
 * every month and the consequences) and partly kept, every month is
 * evaluated exactly once by the session, the ledger evaluates no month
 * itself, and its money is the money of a ledger computed from the store
 * alone; and the consequences come with the history's last months, in the
 * same turn of the main loop, so that the window draws both in one frame.
 *
 * The months the workers have done reach the main thread in batches, each
 * a frame of the grid: months scanned afresh each soon after it is done,
 * not held for the end.
 */
#include <string.h>

#include <adwaita.h>

#include "thr-alert.h"
#include "thr-overview-page.h"
#include "thr-core.h"
#include "thr-session.h"
#include "thr-test-demo.h"
#include "thr-test-store.h"
#include "thr-test-util.h"
#include "thr-test-window.h"
#include "thr-window-private.h"

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

/* @workers: at least so many history workers evaluated months. */
static void
assert_each_month_once (ThrWindow  *window,
                        const char *db,
                        guint       workers)
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
  g_assert_cmpuint (thr_session_get_n_history_workers (session), >=, workers);
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

static gboolean
spinner_icon_loaded (gpointer window)
{
  return ((ThrWindow *) window)->spinner_icon != NULL;
}

static ThrWindow *
open_window_with_history (const char *db)
{
  ThrWindow *window = thr_test_open_window_loaded (db, 1366, 768);
  Arrival arrival = { 0 };

  arrival.session = thr_window_get_session (window);
  g_assert_false (thr_session_is_complete (arrival.session));
  g_signal_connect (arrival.session, "notify::complete", G_CALLBACK (complete_cb), &arrival);
  thr_test_wait_for (arrival_checked, &arrival);
  g_signal_handlers_disconnect_by_data (arrival.session, &arrival);
  g_assert_true (arrival.together);
  thr_test_wait_for (thr_test_window_complete, window);
  thr_test_wait_for_frame (window);
  /* The history's spinner was shown: its icon was asked for, and the
   * window holds it once loaded (thr-window-icons.c). */
  g_assert_true (window->spinner_icon_asked);
  thr_test_wait_for (spinner_icon_loaded, window);
  return window;
}

/* Opened again on a store file, every month is found kept, and the load
 * brings them all, and the consequences worked out from them, so that the
 * window's first frame shows the whole grid and the money
 * (thr-session.c, load_kept_months ()): the history has nothing left to
 * do.  A team store's load brings the latest month only (each month would
 * cost the server's round trips before the first frame): its history
 * reads the others from the kept figures. */
static ThrWindow *
open_window_kept (const char *db)
{
  ThrWindow *window;
  ThrSession *session;

  if (thr_test_store_is_team ())
    return open_window_with_history (db);
  /* As the application opens it: shown once loaded, so that the loading
   * page (and its spinner) is never built. */
  window = thr_window_new (NULL, db);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  thr_window_present_when_loaded (window, G_MAXINT);
  thr_test_wait_for (thr_test_window_loaded, window);
  session = thr_window_get_session (window);
  g_assert_true (thr_session_is_complete (session));
  g_assert_true (thr_session_has_consequences (session));
  thr_test_wait_for (thr_test_window_complete, window);
  thr_test_wait_for_frame (window);
  /* No spinner was shown, so its icon was never loaded. */
  g_assert_false (window->spinner_icon_asked);
  g_assert_null (window->spinner_icon);
  return window;
}

static void
test_each_month_once (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  ThrWindow *window;

  /* Cold: nothing kept, so the history scans every month. */
  thr_test_store_forget_kept (db);
  window = open_window_with_history (db);
  assert_each_month_once (window, db, 2);
  thr_test_close_window (window);

  /* Again: every month from what the first opening kept. */
  window = open_window_kept (db);
  assert_each_month_once (window, db, thr_test_store_is_team () ? 2 : 0);
  thr_test_close_window (window);
}

/* The months of a store file whose figures are not all kept (two here,
 * as an import forgets the months its records reach) are left to the
 * history, which evaluates them alone; the load brings the others.  The
 * consequences, which need every month, come with the history's last. */
static void
test_partly_kept (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  ThrWindow *window;
  ThrSession *session;
  guint n_months;
  const guint forgotten[] = { 1, 3 };   /* counted back from the latest */

  /* Every month kept, by a first opening. */
  thr_test_close_window (thr_test_open_window (db, 1366, 768));
  window = thr_test_open_window (db, 1366, 768);
  n_months = thr_session_get_n_months (thr_window_get_session (window));
  g_assert_cmpuint (n_months, >, 4);
  for (guint i = 0; i < G_N_ELEMENTS (forgotten); i++)
    {
      ThrPeriod month;
      g_autofree char *sql = NULL;

      g_assert_true (thr_period_parse (thr_session_get_month (thr_window_get_session (window),
                                                              n_months - 1 - forgotten[i]),
                                       &month, NULL));
      /* Each of a month's figures ends inside it (a week on its Saturday,
       * a quarter or a year to date on the month's last day). */
      sql = g_strdup_printf ("DELETE FROM kept_figures WHERE last_day BETWEEN %u AND %u", month.first, month.last);
      thr_test_store_exec (db, sql);
    }
  thr_test_close_window (window);

  window = thr_test_open_window_loaded (db, 1366, 768);
  session = thr_window_get_session (window);
  for (guint m = 0; m < n_months; m++)
    {
      gboolean left = m == n_months - 1 - forgotten[0] || m == n_months - 1 - forgotten[1];

      /* A team store's load brings the latest month alone. */
      if (thr_test_store_is_team ())
        left = m != n_months - 1;
      g_assert_cmpint (thr_session_is_evaluated (session, m), ==, !left);
    }
  g_assert_false (thr_session_has_consequences (session));
  thr_test_wait_for (thr_test_window_complete, window);
  assert_each_month_once (window, db, 1);
  thr_test_close_window (window);
}

/* ---- the batches ---- */

/* The months the history announces, and the batches they come in: the
 * main thread takes what the workers have done with one source at a time
 * (thr-session.c, the handover), so a batch's months are announced within
 * one dispatch of one source. */
typedef struct {
  const char *db;
  gboolean    hold;      /* hold the store's write lock while the history runs */
  ThrStore   *holder;    /* the connection holding it, until released */
  gboolean    locked;
  ThrSession *session;
  GPtrArray  *sources;   /* a reference to each batch's source */
  guint       n_months;
  guint       n_loads;   /* the window's sessions: more than one is a reload */
  guint       n_workers; /* the session's history workers */
} Batches;

static void
release_write_lock (Batches *batches)
{
  if (batches->holder == NULL)
    return;
  thr_store_rollback (batches->holder);
  g_clear_object (&batches->holder);
}

static void
month_evaluated_cb (ThrSession *session,
                    guint       month,
                    gpointer    user_data)
{
  Batches *batches = user_data;
  GSource *source = g_main_current_source ();

  g_assert_nonnull (source);
  if (batches->sources->len == 0 || g_ptr_array_index (batches->sources, batches->sources->len - 1) != source)
    g_ptr_array_add (batches->sources, g_source_ref (source));
  batches->n_months++;
  /* Two batches have shown what the test is after; the consequences,
   * worked out after the last month (on the history's thread, before it
   * is taken), write. */
  if (batches->sources->len >= 2 || batches->n_months == thr_session_get_n_months (session) - 1)
    release_write_lock (batches);
}

/* Each keep of a month's figures waits for the write lock (250 ms,
 * thr-store-kept.c) and gives up: months scanned afresh come that far
 * apart, on any machine. */
static void
take_write_lock (Batches *batches)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (thr_store_begin (batches->holder, &error));
  g_assert_no_error (error);
  batches->locked = TRUE;
}

/* Loaded: the latest month is in, the history starts after the next frame. */
static void
loading_cb (ThrWindow  *window,
            GParamSpec *pspec,
            gpointer    user_data)
{
  Batches *batches = user_data;
  ThrSession *session = thr_window_get_session (window);

  if (session == NULL || session == batches->session)
    return;
  batches->n_loads++;
  /* Read again (which open_counting_batches () refuses): the new
   * session's history is followed to its end. */
  if (batches->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (batches->session, batches);
      g_clear_object (&batches->session);
      g_ptr_array_set_size (batches->sources, 0);
      batches->n_months = 0;
    }
  batches->session = g_object_ref (session);
  g_signal_connect (session, "month-evaluated", G_CALLBACK (month_evaluated_cb), batches);
  if (batches->hold && !batches->locked)
    take_write_lock (batches);
}

static void
settled_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Opens a window on DB as thr_test_open_window () does, counting the
 * batches its history's months come in. */
static void
open_counting_batches (Batches *batches)
{
  g_autoptr(GError) error = NULL;
  ThrWindow *window;

  /* Opened before the window: what opening a store writes is then no
   * news to the window's watch, which would read the store again. */
  if (batches->hold)
    {
      batches->holder = thr_store_open (batches->db, &error);
      g_assert_no_error (error);
    }
  window = thr_window_new (NULL, batches->db);
  batches->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  g_signal_connect (window, "notify::loading", G_CALLBACK (loading_cb), batches);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  thr_test_wait_for (thr_test_window_complete, window);
  g_assert_nonnull (batches->session);
  g_assert_null (batches->holder);
  g_assert_cmpuint (batches->n_months, ==, thr_session_get_n_months (batches->session) - 1);
  /* Twice the watch's pause after a file event (400 ms), so that a
   * commit heard at the history's end has been looked at. */
  {
    gboolean passed = FALSE;

    g_timeout_add_once (800, settled_cb, &passed);
    thr_test_wait_for (flag_set, &passed);
  }
  /* The history's own writes (the figures it keeps, the CAPs its
   * consequences open) are not another program's: the store is read once
   * (test-window-watch reads it again for another program's import). */
  g_assert_cmpuint (batches->n_loads, ==, 1);
  batches->n_workers = thr_session_get_n_history_workers (batches->session);
  g_signal_handlers_disconnect_by_data (batches->session, batches);
  g_signal_handlers_disconnect_by_data (window, batches);
  /* The window and its session are finalized when it is closed. */
  g_clear_object (&batches->session);
  thr_test_close_window (window);
}

static void
batches_clear (Batches *batches)
{
  g_clear_pointer (&batches->sources, g_ptr_array_unref);
  g_clear_object (&batches->session);
}

/* Scanned afresh on one worker, each month 250 ms after the one before
 * while the lock is held: each shows at most 100 ms after it is done, so
 * they come in several batches, the first long before the history's end,
 * not all at its end. */
static void
test_cold_months_not_held (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  Batches batches = { db, TRUE };

  thr_test_store_forget_kept (db);
  /* A keep that waits in vain for the lock: its refusal, on the server. */
  if (thr_test_store_is_team ())
    thr_test_store_expect_server_error (db, "55P03");
  thr_session_set_history_workers (1);
  open_counting_batches (&batches);
  thr_session_set_history_workers (2);
  g_test_message ("%u months scanned afresh in %u batches", batches.n_months, batches.sources->len);
  /* The pool the test asked for, whatever the machine's processors. */
  g_assert_cmpuint (batches.n_workers, ==, 1);
  g_assert_cmpuint (batches.n_months, >, 2);
  g_assert_cmpuint (batches.sources->len, >=, 2);
  batches_clear (&batches);
}

/* The alert fits a window of @width × @height and shows its heading and
 * body whole.  On libadwaita 1.2 it is a window of its own, sized by its
 * parent's width; from 1.5 it is inside its parent. */
static void
assert_alert_readable (GtkWidget *alert,
                       int        width,
                       int        height)
{
  thr_test_wait_for_frame (alert);
  g_test_message ("alert at %d × %d over a window of %d × %d", gtk_widget_get_width (alert),
                  gtk_widget_get_height (alert), width, height);
  g_assert_cmpint (gtk_widget_get_width (alert), <=, width);
  g_assert_cmpint (gtk_widget_get_height (alert), <=, height);
  g_assert_cmpuint (thr_test_assert_labels_whole (alert), >=, 2);
}

/* A team store's server that refuses the figures the history would keep
 * (as it refused 22,4 from the window in Spanish): the months are shown
 * all the same, and the window says what the server said, in a dialog,
 * not only in the server's log. */
typedef struct {
  int         width;
  int         height;
  const char *name;
  const char *refusal;   /* what the server is made to refuse with */
  const char *said[4];   /* the server's words, each on a line of its own */
} Refusal;

/* A constraint's words, a message and a detail, at the laptop size the
 * users have; and a trigger's, which add a hint, over a phone-sized
 * window (GNOME's narrowest): each must wrap inside a dialog that fits.
 * Both quote a row whose basis hash is wider than the dialog. */
static const Refusal laptop = {
  1366, 768, "history-refused-keep",
  "ALTER TABLE kept_figures ADD CONSTRAINT thr_test_refuses CHECK (n_pending < 0) NOT VALID",
  { "New row for relation \"kept_figures\" violates check constraint \"thr_test_refuses\".",
    "Failing row contains (", NULL },
};
static const Refusal phone = {
  360, 720, "history-refused-keep-360",
  "CREATE FUNCTION thr_test_refuse () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
  "RAISE EXCEPTION 'refused by the trigger thr_test_refuses' "
  "USING ERRCODE = 'check_violation', DETAIL = 'Failing row contains ' || NEW::text || '.', "
  "HINT = 'Drop the trigger thr_test_refuses on kept_figures to keep figures again.'; END $$; "
  "CREATE TRIGGER thr_test_refuses BEFORE INSERT ON kept_figures FOR EACH ROW EXECUTE FUNCTION thr_test_refuse ()",
  { "Refused by the trigger thr_test_refuses.", "\nFailing row contains (",
    "\nDrop the trigger thr_test_refuses on kept_figures to keep figures again.", NULL },
};

static void
test_refused_keep_said (gconstpointer data)
{
  const Refusal *size = data;
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  ThrWindow *window;
  GtkWidget *alert;
  const char *body, *quote;

  thr_test_store_forget_kept (db);
  thr_test_store_exec (db, size->refusal);
  thr_test_store_expect_server_error (db, "23514");
  window = thr_test_open_window (db, size->width, size->height);
  assert_each_month_once (window, db, 2);
  alert = thr_test_find_alert ();
  g_assert_nonnull (alert);
  g_assert_cmpstr (thr_alert_get_heading (alert), ==, "The Team Store Reported an Error");
  /* Our sentence in the body; the server's words quoted below it, apart,
   * where they can be selected and copied. */
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert));
  g_assert_cmpstr (body, ==, "The figures worked out could not be kept in the store.");
  quote = thr_alert_get_quote (alert);
  g_assert_nonnull (quote);
  /* The server's words as a person reads them: its message as a sentence,
   * the detail and the hint each on a line of its own, without libpq's
   * "ERROR:  ", "DETAIL:  " and "HINT:  ". */
  if (!g_str_has_prefix (quote, size->said[0]))
    g_error ("the dialog quotes “%s”, not the server's message", quote);
  for (guint i = 1; size->said[i] != NULL; i++)
    if (strstr (quote, size->said[i]) == NULL)
      g_error ("the dialog quotes “%s”, without “%s”", quote, size->said[i]);
  if (strstr (quote, "ERROR") != NULL || strstr (quote, "DETAIL") != NULL || strstr (quote, "HINT") != NULL)
    g_error ("the dialog quotes “%s”, not the server's words alone", quote);
  /* Rendered first, so that a dialog found cut can be looked at. */
  thr_test_render_png_light_and_dark (alert, size->name);
  assert_alert_readable (alert, size->width, size->height);
  thr_alert_respond (alert, "close");
  thr_test_close_window (window);
}

/* The refused keep's alert: our sentence, then the server's words. */
static void
assert_refusal_said (GtkWidget  *alert,
                     const char *name)
{
  const char *quote;

  g_assert_nonnull (alert);
  g_assert_cmpstr (thr_alert_get_heading (alert), ==, "The Team Store Reported an Error");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert)), ==,
                   "The figures worked out could not be kept in the store.");
  quote = thr_alert_get_quote (alert);
  g_assert_nonnull (quote);
  g_assert_true (g_str_has_prefix (quote, laptop.said[0]));
  thr_test_render_png_light_and_dark (alert, name);
  assert_alert_readable (alert, 1366, 768);
  thr_alert_respond (alert, "close");
  thr_test_iterate (50);
}

typedef struct {
  ThrWindow  *window;
  const char *uri;
} ExportWait;

static gboolean
exported (gpointer data)
{
  ExportWait *wait = data;
  AdwToast *toast = thr_window_get_export_toast (wait->window);
  GVariant *target = toast ? adw_toast_get_action_target_value (toast) : NULL;

  return target != NULL && g_str_equal (g_variant_get_string (target, NULL), wait->uri);
}

typedef struct {
  ThrWindow  *window;
  ThrSession *before;
} ReloadWait;

/* The undo is over: the window reads the store again. */
static gboolean
reloading (gpointer data)
{
  ReloadWait *wait = data;

  return thr_window_get_loading (wait->window) || thr_window_get_session (wait->window) != wait->before;
}

/* The window's exports and its undo of an import work figures out on a
 * connection of their own, whose keeps the server refuses as the
 * history's: the file is written, the import undone, and the window says
 * what the server said, as it does for the history (the same alert, once
 * however many of them were refused with the same words).  The undo's
 * alert is there as soon as it is done, before the store is read again
 * (whose own history would say it later). */
static void
test_refused_keep_after_export_and_undo (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *path = g_build_filename (tmp_dir, "metrics-refused.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  ExportWait export_wait;
  ReloadWait reload_wait;
  ThrWindow *window;
  gint64 import_id;

  thr_test_store_forget_kept (db);
  import_id = thr_test_store_newest_import (db);
  thr_test_store_exec (db, laptop.refusal);
  thr_test_store_expect_server_error (db, "23514");
  window = thr_test_open_window (db, 1366, 768);
  /* The history's refusal first. */
  assert_refusal_said (thr_test_find_alert (), "history-refused-keep-load");
  g_assert_null (thr_test_find_alert_now ());

  export_wait.window = window;
  export_wait.uri = uri;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.write-data", "(ss)", "metrics-csv", path);
  thr_test_wait_for (exported, &export_wait);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_refusal_said (thr_test_find_alert_now (), "history-refused-keep-export");

  reload_wait.window = window;
  reload_wait.before = thr_window_get_session (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-import", "x", import_id);
  thr_test_wait_for (reloading, &reload_wait);
  g_assert_cmpint (thr_test_store_newest_import (db), <, import_id);
  assert_refusal_said (thr_test_find_alert_now (), "history-refused-keep-undo");
  /* The store read again refuses the same keep in its history, said
   * again since the undo's was answered. */
  thr_test_wait_for (thr_test_window_complete, window);
  for (guint i = 0; i < 3 && thr_test_find_alert_now () != NULL; i++)
    {
      thr_alert_respond (thr_test_find_alert_now (), "close");
      thr_test_iterate (50);
    }
  thr_test_close_window (window);
}

typedef struct {
  const char *path;
} DocumentWait;

/* The document is written (its file there) and the refusal said. */
static gboolean
document_and_refusal (gpointer data)
{
  DocumentWait *wait = data;

  return g_file_test (wait->path, G_FILE_TEST_IS_REGULAR) && thr_test_find_alert_now () != NULL;
}

/* The monthly report written as a PDF in the background (on a connection
 * of its own) and a CAP printed (on the session's, exported to a file as
 * the print dialog's Print to File does) work months out whose keeps the
 * server refuses as the history's: each document is made all the same,
 * and the window says what the server said, in the history's alert. */
static void
test_refused_keep_while_documents (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *month_pdf = g_build_filename (tmp_dir, "month-refused.pdf", NULL);
  g_autofree char *cap_pdf = g_build_filename (tmp_dir, "cap-refused.pdf", NULL);
  DocumentWait wait = { month_pdf };
  ThrSession *session;
  ThrWindow *window;
  GPtrArray *caps;

  thr_test_store_forget_kept (db);
  thr_test_store_exec (db, laptop.refusal);
  thr_test_store_expect_server_error (db, "23514");
  window = thr_test_open_window (db, 1366, 768);
  assert_refusal_said (thr_test_find_alert (), "history-refused-keep-documents-load");
  g_assert_null (thr_test_find_alert_now ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.write-month-pdf", "(ss)", "2019-06",
                                             month_pdf));
  thr_test_wait_for (document_and_refusal, &wait);
  assert_refusal_said (thr_test_find_alert_now (), "history-refused-keep-month-pdf");

  session = thr_window_get_session (window);
  caps = thr_session_get_caps (session);
  g_assert_nonnull (caps);
  g_assert_cmpuint (caps->len, >, 0);
  g_assert_cmpint (thr_window_print_cap (window, ((ThrCap *) g_ptr_array_index (caps, 0))->id, cap_pdf, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_test (cap_pdf, G_FILE_TEST_IS_REGULAR));
  assert_refusal_said (thr_test_find_alert (), "history-refused-keep-print");
  thr_test_close_window (window);
}

static gboolean
alert_shown (gpointer data)
{
  return thr_test_find_alert_now () != NULL;
}

/* The server ends a history worker's connection as it keeps a month's
 * figures (a trigger ends its own backend for the figures of months
 * before the latest, which the window evaluates first on its own
 * connection): the worker's next month cannot be read, and the window
 * says so in its own words, that what is shown may be incomplete, the
 * server's words quoted apart without the store's address; the window
 * stays usable, on the months it has. */
static void
test_history_server_lost (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *sql = NULL;
  GtkWidget *alert;
  ThrWindow *window;
  const char *quote;
  guint32 latest = 0;

  thr_test_store_forget_kept (db);
  g_assert_true (thr_day_parse_iso ("2019-12-01", &latest));
  sql = g_strdup_printf ("CREATE FUNCTION thr_test_stop () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                         "PERFORM pg_terminate_backend (pg_backend_pid ()); RETURN NEW; END $$; "
                         "CREATE TRIGGER thr_test_stop BEFORE INSERT ON kept_figures FOR EACH ROW "
                         "WHEN (NEW.last_day < %u) EXECUTE FUNCTION thr_test_stop ()", latest);
  thr_test_store_exec (db, sql);
  thr_test_store_expect_server_error (db, "57P01");
  /* One worker, so that after its connection is lost it has a month left
   * to read. */
  thr_session_set_history_workers (1);
  /* Not thr_test_open_window: the window is never complete, a month's
   * evaluation being lost. */
  window = thr_window_new (NULL, db);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  thr_test_wait_for (thr_test_window_loaded, window);
  thr_test_wait_for (alert_shown, NULL);
  thr_session_set_history_workers (2);
  alert = thr_test_find_alert_now ();
  g_assert_nonnull (alert);
  g_assert_cmpstr (thr_alert_get_heading (alert), ==, "The Team Store Reported an Error");
  g_test_message ("the dialog says: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert)));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert)), ==,
                   "The team store's server failed, or the connection to it was lost, so what is shown may be "
                   "incomplete. When the server is back, open the store again.");
  quote = thr_alert_get_quote (alert);
  g_assert_nonnull (quote);
  g_test_message ("the server says: %s", quote);
  g_assert_nonnull (strstr (quote, "connection"));
  g_assert_null (strstr (quote, "postgresql:"));
  g_assert_null (strstr (quote, db));
  thr_test_render_png_light_and_dark (alert, "history-server-lost");
  assert_alert_readable (alert, 1366, 768);
  thr_alert_respond (alert, "close");
  thr_test_iterate (50);
  /* Still usable: its pages open, on the months it has. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
  g_assert_cmpstr (thr_window_get_page (window), ==, "ledger");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  g_assert_cmpstr (thr_window_get_page (window), ==, "overview");
  thr_test_wait_for_frame (window);
  thr_test_close_window (window);
}

/* The overview's grid in the window's first frame, or not: the window
 * opened as the application opens it (shown once loaded), @height pixels
 * tall.  Either way, the grid is laid out a frame later. */
typedef struct {
  ThrWindow *window;
  gboolean   painted;
  gboolean   grid_drawn;
  guint      n_held_drawn;  /* rows saying why money is held, laid out in that frame */
} FirstFrame;

static GtkWidget *
overview_grid (ThrWindow *window)
{
  return thr_overview_page_get_grid (THR_OVERVIEW_PAGE (thr_window_get_page_widget (window, "overview")));
}

static gboolean
grid_laid_out (gpointer window)
{
  GtkWidget *grid = overview_grid (window);

  return gtk_widget_get_mapped (grid) && gtk_widget_get_height (grid) > 0;
}

/* The overview's rows saying why money is held ("… → $… held") that are
 * laid out, found in the widget tree (the page's own accessor would
 * build the rows it leaves for later). */
static guint
count_held_rows_laid_out (GtkWidget *widget)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0 &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), " → ") != NULL)
    return 1;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_held_rows_laid_out (child);
  return n;
}

/* Connected as the window is realized, before any page's own handlers. */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        FirstFrame    *first)
{
  if (first->painted)
    return;
  first->painted = TRUE;
  first->grid_drawn = grid_laid_out (first->window);
  first->n_held_drawn = count_held_rows_laid_out (thr_window_get_page_widget (first->window, "overview"));
}

static void
first_frame_realize_cb (GtkWidget  *window,
                        FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_painted_cb), first);
}

static gboolean
first_frame_painted (gpointer data)
{
  return ((FirstFrame *) data)->painted;
}

/* Whether the first frame at @height laid out the grid; in @n_held_first
 * and @n_held_all, the held rows that frame laid out and those the page
 * lays out once everything is in. */
static gboolean
grid_in_first_frame (const char *db,
                     int         height,
                     guint      *n_held_first,
                     guint      *n_held_all)
{
  FirstFrame first = { thr_window_new (NULL, db), FALSE, FALSE, 0 };

  g_signal_connect (first.window, "realize", G_CALLBACK (first_frame_realize_cb), &first);
  gtk_window_set_default_size (GTK_WINDOW (first.window), 1366, height);
  thr_window_present_when_loaded (first.window, G_MAXINT);
  thr_test_wait_for (first_frame_painted, &first);
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (first.window)), &first);
  thr_test_wait_for (grid_laid_out, first.window);
  thr_test_wait_for (thr_test_window_complete, first.window);
  thr_test_wait_for_frame (first.window);
  *n_held_first = first.n_held_drawn;
  *n_held_all = count_held_rows_laid_out (thr_window_get_page_widget (first.window, "overview"));
  thr_test_close_window (first.window);
  return first.grid_drawn;
}

/* What lies below the money's reasons (this week's dates, the grid) is
 * laid out in the first frame only when it is in view there
 * (thr-overview-page.c, allocate_scrolled_content ()): not at 768 pixels
 * on a store whose months and consequences are kept, whose first screen
 * the money fills; in a window tall enough to show it; and on a first
 * launch, whose first frame has no consequences yet.  The reasons' rows
 * past the first two likewise, unless the first frame reaches them. */
static void
test_grid_when_in_view (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  guint n_first = 0, n_all = 0;

  thr_test_store_forget_kept (db);
  g_assert_true (grid_in_first_frame (db, 768, &n_first, &n_all));
  /* That opening kept every month and the consequences. */
  g_assert_false (grid_in_first_frame (db, 768, &n_first, &n_all));
  g_test_message ("held rows at 768 pixels: %u in the first frame, %u in all", n_first, n_all);
  g_assert_cmpuint (n_first, <=, n_all);
  /* Lower, the reasons start below the first screen: two in that frame. */
  g_assert_false (grid_in_first_frame (db, 500, &n_first, &n_all));
  g_test_message ("held rows at 500 pixels: %u in the first frame, %u in all", n_first, n_all);
  g_assert_cmpuint (n_all, >, 2);
  g_assert_cmpuint (n_first, ==, 2);
  g_assert_true (grid_in_first_frame (db, 2400, &n_first, &n_all));
  g_assert_cmpuint (n_first, ==, n_all);
}

int
main (int argc, char *argv[])
{
  /* Two workers whatever the machine has, so that the pool is tested;
   * set on the session, not in the environment, which the history's
   * threads read while a test would change it. */
  thr_session_set_history_workers (2);
  tmp_dir = thr_test_window_init (&argc, &argv, "history");
  g_test_add_func ("/window/history/each-month-once", test_each_month_once);
  g_test_add_func ("/window/history/partly-kept", test_partly_kept);
  g_test_add_func ("/window/history/cold-months-not-held", test_cold_months_not_held);
  /* A team store's load brings the latest month only: its first frame
   * never has the consequences. */
  if (!thr_test_store_is_team ())
    g_test_add_func ("/window/history/grid-when-in-view", test_grid_when_in_view);
  /* Only a server refuses a value as sent: a file's failures to write
   * (read-only, full) keep nothing and lose nothing, unsaid. */
  if (thr_test_store_is_team ())
    {
      g_test_add_data_func ("/window/history/refused-keep-said", &laptop, test_refused_keep_said);
      g_test_add_data_func ("/window/history/refused-keep-said-360", &phone, test_refused_keep_said);
      g_test_add_func ("/window/history/refused-keep-after-export-and-undo", test_refused_keep_after_export_and_undo);
      g_test_add_func ("/window/history/refused-keep-while-documents", test_refused_keep_while_documents);
      g_test_add_func ("/window/history/server-lost", test_history_server_lost);
    }
  return thr_test_window_run (tmp_dir, demo_db);
}
