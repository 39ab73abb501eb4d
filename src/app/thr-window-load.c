/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-load.c — opening a store in the window
 *
 * The store is loaded into a ThrSession in a worker thread (it may start
 * before the window is built, see thr_window_new); the window can wait
 * for it before showing itself.  Once the overview has drawn its first
 * frame, the history's months are evaluated on a pool of threads and the
 * pages refreshed as they arrive; the consequences (the ledger, the CAPs)
 * are worked out from those months on the history's thread and come with
 * its last months (else in one more thread once the history is done).
 */
#define G_LOG_DOMAIN "thr-window"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "thr-alert.h"
#include "thr-connect-dialog.h"
#include "thr-deadline-notification.h"
#include "thr-tooltip.h"
#include "thr-window-private.h"

static gboolean
refresh_cb (gpointer user_data)
{
  ThrWindow *self = user_data;

  self->refresh_id = 0;
  if (self->session == NULL)
    return G_SOURCE_REMOVE;
  /* The overview follows the session's notify properties by itself (its
   * grid, ::month-evaluated); the metric page and the actions wait here. */
  if (self->metric_page != NULL &&
      (g_strcmp0 (self->page, "metric") == 0 || thr_session_is_complete (self->session)))
    thr_metric_page_refresh (self->metric_page);
  _thr_window_update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
month_evaluated_cb (ThrSession *session,
                    guint       month,
                    ThrWindow  *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh_cb, self, NULL);
}

static void consequences_done_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);
static void show_consequences    (ThrWindow    *self);

static void
history_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ThrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean current = THR_SESSION (source) == self->session;

  if (current)
    self->history_running = FALSE;
  if (!thr_session_evaluate_history_finish (THR_SESSION (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _thr_window_report_error (self, error);
    }
  if (!current)
    return;
  /* The history's thread hands the consequences over with its last
   * months; when it could not work them out (a month failed), the ledger
   * reads the months the history evaluated rather than evaluating each
   * again (those it could not evaluate, it evaluates itself). */
  if (thr_session_has_consequences (self->session))
    show_consequences (self);
  else
    thr_session_load_consequences_async (self->session, consequences_done_cb, g_object_ref (self));
}

/* The deadlines are sent as one desktop notification, once per window,
 * when the consequences first arrive (that is, when the app starts). */
static void
notify_deadlines (ThrWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;

  if (self->notified || app == NULL || thr_session_get_deadlines (self->session) == NULL)
    return;
  self->notified = TRUE;
  notification = thr_deadline_notification_new (thr_session_get_deadlines (self->session),
                                                thr_session_get_today (self->session));
  /* Without a session bus (a bare X server, a script) GLib's notification
   * backend has nowhere to send to and would call D-Bus on nothing. */
  if (notification != NULL && g_application_get_dbus_connection (app) != NULL)
    g_application_send_notification (app, THR_DEADLINE_NOTIFICATION_ID, notification);
}

static void
consequences_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ThrWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!thr_session_load_consequences_finish (THR_SESSION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _thr_window_report_error (self, error);
      /* A refused keep: the consequences are in all the same. */
      if (!thr_session_has_consequences (THR_SESSION (source)))
        return;
    }
  if (THR_SESSION (source) == self->session)
    show_consequences (self);
}

/* The session has its first consequences: what does not follow them by
 * itself. */
static void
show_consequences (ThrWindow *self)
{
  /* The overview has followed consequences-changed already. */
  if (self->metric_page != NULL)
    thr_metric_page_refresh (self->metric_page);
  notify_deadlines (self);
  _thr_window_watch_rebase (self);
  /* The history's and the consequences' workers are done and their
   * connections closed; what their page caches and months took in their
   * threads' malloc arenas goes back to the system rather than staying
   * in the window's resident memory (about 9 MB on the 36-month store). */
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
start_history_cb (ThrWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL)
    g_signal_handlers_disconnect_by_func (clock, start_history_cb, self);
  if (self->session != NULL && !self->history_started)
    {
      self->history_started = TRUE;
      self->history_running = TRUE;
      thr_session_evaluate_history_async (self->session, history_done_cb, g_object_ref (self));
    }
}

/* With more than one contract in the store, a menu beside its name
 * switches between them. */
static void
update_contract_menu (ThrWindow *self)
{
  GPtrArray *contracts = self->session ? thr_session_get_contracts (self->session) : NULL;
  g_autoptr(GMenu) menu = g_menu_new ();

  _thr_window_show_contract_button (self, contracts != NULL && contracts->len > 1);
  g_clear_object (&self->contract_menu);
  if (contracts == NULL)
    return;
  for (guint i = 0; i < contracts->len; i++)
    {
      const ThrStoreContract *contract = g_ptr_array_index (contracts, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (contract->name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-contract", g_variant_new_int64 (contract->id));
      g_menu_append_item (menu, item);
    }
  self->contract_menu = G_MENU_MODEL (g_steal_pointer (&menu));
  /* A menu opened before takes the new one now; else it is given on its
   * first opening (thr-window.c), as no popover is built for a store of
   * one contract. */
  if (self->contract_button != NULL && gtk_menu_button_get_menu_model (self->contract_button) != NULL)
    gtk_menu_button_set_menu_model (self->contract_button, self->contract_menu);
}

/* A load started before its window (thr_window_preload), until the window
 * takes it over; its result waits here when it comes first.  Main thread
 * only. */
typedef struct {
  char         *db_path;
  GWeakRef     *target;
  GCancellable *cancellable;
  GAsyncResult *result;
} Preload;

static Preload *preload;

static void take_loaded_session (GWeakRef     *target,
                                 GAsyncResult *result);

/* The load may start before the window exists (see thr_window_new), so
 * it finds the window through a weak reference set once it does. */
static void
session_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GWeakRef *target = user_data;

  if (preload != NULL && preload->target == target)
    {
      preload->result = g_object_ref (result);
      return;
    }
  take_loaded_session (target, result);
}


/* Why a store file cannot be opened, in our words, naming it by its file
 * name: the core's sentence, quoted under it, starts with the whole path
 * and says what to do. */
static char *
describe_file_failure (const GError *error,
                       const char   *path)
{
  g_autofree char *name = thr_alert_store_name (path);
  g_autofree char *said = NULL;

  /* Translators: each %s below is the store's file name */
  if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE))
    said = g_strdup_printf (_("“%s” is not a Threshold store, or it is damaged."), name);
  else if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_NEWER))
    said = g_strdup_printf (_("“%s” was written by a newer version of Threshold."), name);
  else if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_FOLDER))
    said = g_strdup_printf (_("Threshold cannot keep “%s” in the folder it is in."), name);
  else if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_FOREIGN_SCHEMA))
    said = g_strdup_printf (_("“%s” was changed outside Threshold, so it was not opened."), name);
  else if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY))
    said = g_strdup_printf (_("Another program kept “%s” busy, so it was not opened."), name);
  else
    said = g_strdup_printf (_("Threshold could not open “%s”."), name);
  return g_strconcat (said, " ", _("The words below say why and what to do."), NULL);
}

/* Why a team store cannot be opened: what failed and what to do, above
 * the server's words (libpq's "password authentication failed",
 * "database … does not exist", "No such file or directory"). */
static char *
describe_server_failure (ThrWindow    *self,
                         const GError *error)
{
  g_autofree char *held = thr_team_password_lookup (self->db_path);
  GString *description = g_string_new (NULL);

  if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_RIGHTS))
    g_string_append (description, _("The team store's server did not let your database role open this store. Ask "
                                    "whoever runs it to give your role access to the store."));
  else
    g_string_append (description, _("Threshold could not open this team store. Check its address, your user name "
                                    "and password, and that the server is running and holds the database: the "
                                    "server's words below say which went wrong."));
  /* A team store whose password the keyring no longer has (or never
   * had) fails with libpq's words; say what to do about it. */
  if (held == NULL && g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER))
    g_string_append_printf (description, "\n\n%s",
                            _("Threshold has no password for this team store in the keyring. If the server asks "
                              "for one, connect again through Connect to a Team Store… and type it."));
  return g_string_free (description, FALSE);
}

/* Why the store cannot be opened, on the error page: in our words, and
 * the store's or the server's own words quoted below the buttons,
 * selectable, as the error dialogs do (thr_alert_new_with_quote). */
static void
show_open_error (ThrWindow    *self,
                 const GError *error)
{
  AdwStatusPage *page = ADW_STATUS_PAGE (_thr_window_ensure_page (self, "error"));
  GtkWidget *box = adw_status_page_get_child (page);
  GtkWidget *card = g_object_get_data (G_OBJECT (page), "thr-quote-card");
  gboolean team = thr_store_is_team_address (self->db_path);
  gboolean server = team && (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER) ||
                             g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_RIGHTS));
  g_autofree char *description = NULL;
  g_autofree char *words = NULL;
  g_autofree char *escaped = NULL;

  if (card != NULL)
    gtk_box_remove (GTK_BOX (box), card);
  g_object_set_data (G_OBJECT (page), "thr-quote-card", NULL);
  if (team && !server)
    {
      /* The description is markup; the message is the store's words. */
      escaped = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (page, escaped);
      return;
    }
  description = team ? describe_server_failure (self, error) : describe_file_failure (error, self->db_path);
  words = team ? thr_alert_server_words (error->message) : g_strdup (error->message);
  escaped = g_markup_escape_text (description, -1);
  adw_status_page_set_description (page, escaped);
  card = thr_alert_quote_card_new (words);
  /* As wide as the page's text, not as the quote's longest line. */
  gtk_label_set_max_width_chars (GTK_LABEL (gtk_widget_get_first_child (card)), 60);
  gtk_widget_set_halign (card, GTK_ALIGN_CENTER);
  /* Below the buttons: the first thing that takes the focus is a button,
   * not the quote, which would then be selected whole. */
  gtk_box_append (GTK_BOX (box), card);
  g_object_set_data (G_OBJECT (page), "thr-quote-card", card);
}

static void
take_loaded_session (GWeakRef     *target,
                     GAsyncResult *result)
{
  g_autoptr(ThrWindow) self = g_weak_ref_get (target);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrSession) session = thr_session_load_finish (result, &error);
  int month;

  g_weak_ref_clear (target);
  g_free (target);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (self->session != NULL)
    {
      thr_session_cancel (self->session);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_set_object (&self->session, session);
  _thr_window_watch_store (self);
  self->history_started = FALSE;
  self->history_running = FALSE;
  self->loading = FALSE;
  if (session == NULL)
    {
      show_open_error (self, error);
      gtk_label_set_label (self->contract_label, _("No store"));
    }
  else
    {
      const char *name = thr_session_get_contract_name (session);

      gtk_label_set_label (self->contract_label, name ? name : _("No contract yet"));
      if (self->settings != NULL && thr_session_get_contract_id (session) != 0)
        g_settings_set_int64 (self->settings, "last-contract", thr_session_get_contract_id (session));
    }
  self->wanted_contract = 0;
  update_contract_menu (self);

  /* The overview's history shows a spinner until every month is in. */
  if (session != NULL && !thr_session_is_complete (session))
    _thr_window_preload_spinner_icon (self);
  _thr_window_pages_set_session (self, session);
  _thr_window_update_calendar (self);
  _thr_window_update_demo_banner (self);

  month = session ? thr_session_find_month (session, self->wanted_month) : -1;
  if (month < 0 && session != NULL)
    month = (int) thr_session_get_n_months (session) - 1;
  g_clear_pointer (&self->wanted_month, g_free);
  if (g_strcmp0 (self->page, "metric") == 0)
    {
      g_free (self->page);
      self->page = g_strdup ("overview");
    }
  _thr_window_set_month (self, month);
  _thr_window_notify_loading (self);

  if (session != NULL)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      g_signal_connect_object (session, "month-evaluated", G_CALLBACK (month_evaluated_cb), self, 0);
      /* The history waits for the overview's first frame, so as not to
       * compete with it. */
      if (clock != NULL)
        g_signal_connect_object (clock, "after-paint", G_CALLBACK (start_history_cb), self, G_CONNECT_SWAPPED);
      else
        start_history_cb (self);
    }
}

static void
store_checked_cb (double   fraction,
                  gpointer user_data)
{
  g_autoptr(ThrWindow) self = g_weak_ref_get (user_data);

  if (self != NULL)
    _thr_window_show_check (self, fraction);
}

GWeakRef *
_thr_window_start_load (ThrWindow    *self,
            const char   *db_path,
            gint64        contract_id,
            guint32       today,
            const char   *wanted_month,
            GCancellable *cancellable)
{
  GWeakRef *target = g_new0 (GWeakRef, 1);

  g_weak_ref_init (target, self);
  thr_session_load_contract_async (db_path, contract_id, today, wanted_month, cancellable,
                                   store_checked_cb, session_loaded_cb, target);
  return target;
}

void
_thr_window_set_preload (const char   *db_path,
                         GWeakRef     *target,
                         GCancellable *cancellable)
{
  /* One load ahead at most: an earlier one nobody took is cancelled, and
   * its callback, no longer waited for here, drops its session. */
  if (preload != NULL)
    {
      GWeakRef *old_target = preload->target;

      g_cancellable_cancel (preload->cancellable);
      _thr_window_claim_preload (preload->db_path, NULL);
      _thr_window_end_preload (old_target);
    }
  preload = g_new0 (Preload, 1);
  preload->db_path = g_strdup (db_path);
  preload->target = target;
  preload->cancellable = cancellable;
}

/* The load started ahead for db_path, with its cancellable, or NULL (and
 * a load ahead for another store is cancelled). */
GWeakRef *
_thr_window_claim_preload (const char    *db_path,
                           GCancellable **cancellable)
{
  GCancellable *taken;

  if (preload == NULL || preload->cancellable == NULL)
    return NULL;
  taken = g_steal_pointer (&preload->cancellable);
  if (cancellable != NULL && g_strcmp0 (preload->db_path, db_path) == 0)
    {
      *cancellable = taken;
      return preload->target;
    }
  g_cancellable_cancel (taken);
  g_object_unref (taken);
  _thr_window_end_preload (preload->target);
  return NULL;
}

gboolean
_thr_window_preload_is_waiting (void)
{
  return preload != NULL && preload->result != NULL;
}

static gboolean
take_early_result_cb (gpointer data)
{
  Preload *early = data;

  take_loaded_session (early->target, early->result);
  g_object_unref (early->result);
  g_free (early);
  return G_SOURCE_REMOVE;
}

/* Once the window holds the weak reference (or nobody will): a result that
 * came before it is taken at the main loop's next turn, as its callback
 * would have been, so the window is then presented as without a load
 * ahead, and the history still waits for its first frame. */
void
_thr_window_end_preload (GWeakRef *target)
{
  if (preload == NULL || preload->target != target)
    return;
  g_clear_object (&preload->cancellable);
  g_clear_pointer (&preload->db_path, g_free);
  if (preload->result != NULL)
    g_idle_add (take_early_result_cb, preload);
  else
    g_free (preload);
  preload = NULL;
}

/* The loading page while the store's pages are read (a fraction from 0
 * to 1), or as before (-1); kept for the page when it is not built yet. */
void
_thr_window_show_check (ThrWindow *self,
                        double     fraction)
{
  g_autofree char *text = NULL;

  self->check_fraction = fraction;
  if (self->loading_page == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->check_bar), fraction >= 0);
  adw_status_page_set_description (self->loading_page,
                                   fraction >= 0 ? _("A store received from someone else, or changed "
                                                     "outside Threshold, is checked before it is used.")
                                                 : NULL);
  if (fraction < 0)
    return;
  /* TRANSLATORS: %d is a percentage; the check reads every page of the store */
  text = g_strdup_printf (_("Checking the store’s pages… %d %%"), (int) (fraction * 100));
  gtk_progress_bar_set_text (self->check_bar, text);
  gtk_progress_bar_set_fraction (self->check_bar, fraction);
}

static void
show_loading_on_map_cb (ThrWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, show_loading_on_map_cb, NULL);
  self->loading_on_map = FALSE;
  if (self->loading)
    _thr_window_show_page (self, self->page);
}

/* Whether the loading page waits for the window to be shown, as it does
 * when the window is not: a window is presented once its store has loaded
 * (thr_window_present_when_loaded), so most launches never show the page,
 * and building it (its status page, spinner and progress bar) cost each
 * of them before the first frame.  When the load takes longer than the
 * window waits, the page is built as the window is mapped, before its
 * first frame. */
gboolean
_thr_window_defer_loading_page (ThrWindow *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  if (!self->loading_on_map)
    {
      self->loading_on_map = TRUE;
      g_signal_connect (self, "map", G_CALLBACK (show_loading_on_map_cb), NULL);
    }
  return TRUE;
}

/* The window's side of opening: labels and the loading state. */
void
_thr_window_show_opening (ThrWindow  *self,
              const char *db_path)
{
  /* A team store by its database and server, a file by its name. */
  g_autofree char *words = thr_store_is_team_address (db_path) ? thr_connect_dialog_describe_address (db_path) : NULL;
  g_autofree char *base = words != NULL ? g_steal_pointer (&words) : g_path_get_basename (db_path);

  gtk_label_set_label (self->store_label, base);
  thr_tooltip_set_text (GTK_WIDGET (self->store_label), db_path);
  self->loading = TRUE;
  _thr_window_show_check (self, -1);
  _thr_window_notify_loading (self);
  _thr_window_show_page (self, self->page);
}

void
thr_window_open_store (ThrWindow  *self,
                       const char *db_path)
{
  guint32 today;

  g_return_if_fail (THR_IS_WINDOW (self));
  g_return_if_fail (db_path != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Reopening keeps the month shown; another store starts at its latest. */
  if (self->session != NULL && self->month >= 0 && self->wanted_month == NULL)
    self->wanted_month = g_strdup (thr_session_get_month (self->session, self->month));
  if (self->db_path != NULL && g_strcmp0 (self->db_path, db_path) != 0)
    {
      g_clear_pointer (&self->wanted_month, g_free);
      self->wanted_contract = 0;
      self->real_date = FALSE;
    }
  else if (self->wanted_contract == 0 && self->session != NULL)
    self->wanted_contract = thr_session_get_contract_id (self->session);
  if (self->db_path != db_path)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
    }

  _thr_window_show_opening (self, db_path);
  today = _thr_window_get_today_override (self);
  if (today == 0 && self->real_date)
    today = THR_SESSION_REAL_TODAY;
  _thr_window_start_load (self, db_path, self->wanted_contract, today, self->wanted_month, self->cancellable);
}

static void present_now_cb (ThrWindow *self);

/* Presenting the window only once the overview has its data (or after a
 * timeout) spares the first frames of the loading page, which would
 * compete with the loading for the processor. */
static gboolean
present_timeout_cb (gpointer user_data)
{
  ThrWindow *self = user_data;

  self->present_id = 0;
  g_signal_handlers_disconnect_by_func (self, present_now_cb, NULL);
  gtk_window_present (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
present_now_cb (ThrWindow *self)
{
  if (self->loading || self->present_id == 0)
    return;
  g_clear_handle_id (&self->present_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (self, present_now_cb, NULL);
  gtk_window_present (GTK_WINDOW (self));
}

void
thr_window_present_when_loaded (ThrWindow *self,
                                guint      timeout_ms)
{
  g_return_if_fail (THR_IS_WINDOW (self));

  if (!self->loading)
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  if (self->present_id != 0)
    return;
  g_signal_connect (self, "notify::loading", G_CALLBACK (present_now_cb), NULL);
  self->present_id = g_timeout_add_full (G_PRIORITY_DEFAULT, timeout_ms, present_timeout_cb,
                                         g_object_ref (self), g_object_unref);
}
