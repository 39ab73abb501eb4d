/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-watch.c — picking up what other programs write to the store
 *
 * The CLI, a script, a second window or, on a team store, a colleague may
 * import or edit while this window has the store open.  What says when to
 * look: for a store file, file monitors on it and its write-ahead log;
 * for a team store, the notice every writer sends the server with its
 * commit (LISTEN/NOTIFY, thr_store_add_watch), heard within a fraction
 * of a second.  The store's data version, read on the session's own
 * connection, says whether another connection committed (the session's
 * own writes, such as CAP edits, never change it).  Then the store is
 * read again, keeping the month shown.
 *
 * The session's worker threads have connections of their own, and the
 * consequences worker opens CAPs and the history keeps the figures it
 * scanned: their commits change data_version too.  So the baseline is
 * taken again once the consequences and the history are in.  What the
 * workers never write, and what the figures and the ledger were worked
 * out from, is compared with the store as it was when the session's load
 * started reading it, not as it is when they end: another program's import (the
 * imports' count and last id), contract, calendar closure or CAP edit
 * that landed meanwhile reads the store again (changed_beside_workers).
 */
#define G_LOG_DOMAIN "thr-window-watch"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "thr-import-dialog.h"
#include "thr-window-private.h"

/* File events come in bursts while a commit and a checkpoint write. */
#define WATCH_SETTLE_MS 400
/* A team store's notices come with each commit: a short pause gathers the
 * commits of one import (its rows, then the CAPs it opens). */
#define TEAM_SETTLE_MS 150
/* How often a reload held back (for the CAP editor or the window's own
 * import) looks again. */
#define RETRY_MS 200

static gint64
read_data_version (ThrSession *session)
{
  return thr_store_get_data_version (thr_session_get_store (session));
}

static char *
read_imports_signature (ThrSession *session)
{
  return thr_store_get_imports_stamp (thr_session_get_store (session));
}

static char *
read_content_stamp (ThrSession *session)
{
  return thr_store_get_content_stamp (thr_session_get_store (session));
}

/* Another program's evaluation keeps the figures it recomputed: a commit
 * that changes nothing the window shows, taken as the new baseline. */
static gboolean
only_kept_figures_changed (ThrWindow *self)
{
  g_autofree char *stamp = read_content_stamp (self->session);

  if (stamp == NULL || g_strcmp0 (stamp, self->content_stamp) != 0)
    return FALSE;
  self->data_version = read_data_version (self->session);
  return TRUE;
}

static void
reload (ThrWindow *self)
{
  g_debug ("%s changed under the window; reading it again", self->db_path);
  _thr_window_toast (self, _("The store has new data; showing it"));
  thr_window_open_store (self, self->db_path);
}

static gboolean check_cb (gpointer user_data);

/* Reading the store again replaces the CAP editor's session, and with it
 * what the person typed and the editor has not saved yet.  So the reload
 * waits until the editor has saved it (a pause in the typing), which goes
 * through the CAP's version like any save: a colleague's change to the
 * same CAP is then asked about (Reload or Overwrite) before anything is
 * read again. */
static gboolean
defer_for_cap_editor (ThrWindow *self)
{
  if (self->caps_page == NULL || !thr_cap_editor_has_unsaved (thr_caps_page_get_editor (self->caps_page)))
    return FALSE;
  self->watch_id = g_timeout_add (RETRY_MS, check_cb, self);
  return TRUE;
}

/* The window's own import writes on its dialog's connection, so its
 * commit is heard like anyone's; the dialog's ::imported reads the store
 * again once the import is done.  Under load that can come after the
 * settle time: the store was read twice, with a "new data" toast beside
 * the import's own.  So the check waits for the import (which reads in
 * anything another program wrote meanwhile) or its failure. */
static gboolean
own_import_running (ThrWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (THR_IS_IMPORT_DIALOG (window) && gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          g_strcmp0 (thr_import_dialog_get_step (THR_IMPORT_DIALOG (window)), "importing") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_cb (gpointer user_data)
{
  ThrWindow *self = user_data;

  self->watch_id = 0;
  /* A load under way reads the new data anyway and sets a new baseline;
   * the window's own undo (on a connection of its own) reloads when done. */
  if (self->loading || self->undoing || self->session == NULL)
    return G_SOURCE_REMOVE;
  /* Until the consequences and the history are in, the session's own
   * workers may be the writers (the history keeps the figures it scans):
   * _thr_window_watch_rebase() looks again then.  The history's last month
   * is shown before its worker has finished, so its task, not the months
   * shown, says when it is done. */
  if ((!thr_session_has_consequences (self->session) || self->history_running)
      && thr_session_get_n_months (self->session) > 0)
    return G_SOURCE_REMOVE;
  if (own_import_running (self))
    {
      self->watch_id = g_timeout_add (RETRY_MS, check_cb, self);
      return G_SOURCE_REMOVE;
    }
  if (read_data_version (self->session) != self->data_version && !only_kept_figures_changed (self) &&
      !defer_for_cap_editor (self))
    reload (self);
  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 ThrWindow         *self)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || self->watch_id != 0)
    return;
  self->watch_id = g_timeout_add (WATCH_SETTLE_MS, check_cb, self);
}

static gboolean
team_store_changed_cb (gpointer user_data)
{
  ThrWindow *self = user_data;

  if (self->watch_id == 0)
    self->watch_id = g_timeout_add (TEAM_SETTLE_MS, check_cb, self);
  return G_SOURCE_CONTINUE;
}

static void
watch_team_store (ThrWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->team_watch_id = thr_store_add_watch (thr_session_get_store (self->session), team_store_changed_cb, self,
                                             &error);
  if (self->team_watch_id == 0)
    g_debug ("cannot hear other people's changes: %s", error->message);
}

static GFileMonitor *
monitor_path (ThrWindow  *self,
              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);

  if (monitor == NULL)
    {
      g_debug ("cannot watch %s: %s", path, error->message);
      return NULL;
    }
  g_signal_connect_object (monitor, "changed", G_CALLBACK (file_changed_cb), self, 0);
  return monitor;
}

/* Called when a session is set: watches its store from its state when the
 * session's load started reading it, not now.  A change committed while
 * the load ran was heard by nobody (the watch starts here) and may have
 * come after the load read that part: against the state at the start it
 * is new, and the rebase reads the store again for it. */
void
_thr_window_watch_store (ThrWindow *self)
{
  g_autofree char *wal = NULL;
  const char *imports = NULL;
  const char *content = NULL;

  _thr_window_unwatch_store (self);
  if (self->session == NULL || self->db_path == NULL)
    return;
  thr_session_get_opening_stamps (self->session, &self->data_version, &imports, &content);
  self->imports_signature = g_strdup (imports);
  self->content_stamp = g_strdup (content);
  if (thr_store_is_team_address (self->db_path))
    {
      watch_team_store (self);
      return;
    }
  wal = g_strconcat (self->db_path, "-wal", NULL);
  self->store_monitor = monitor_path (self, self->db_path);
  self->wal_monitor = monitor_path (self, wal);
}

/* The CAPs' count and last id ("COUNT:ID:LAST_EDIT"): what opening one
 * changes. */
static char *
caps_count_and_id (const char *caps)
{
  const char *colon = strchr (caps, ':');

  colon = colon != NULL ? strchr (colon + 1, ':') : NULL;
  return colon != NULL ? g_strndup (caps, colon - caps) : g_strdup (caps);
}

/* Whether someone other than the session's own workers changed the store
 * between two content stamps (thr_store_get_content_stamp: contracts,
 * imports, CAPs, their actions, their audit trail, calendar closures).
 * The workers only open CAPs, which adds to the CAPs and their audit
 * trail: any other part changed is someone else's doing, and so is a
 * change to the CAPs or their trail while no CAP was opened (an edit,
 * say an implemented_on date, which the ledger reads). */
static gboolean
changed_beside_workers (const char *before,
                        const char *now)
{
  static const guint untouched[] = { 0, 1, 3, 5 };
  enum { CAPS = 2, AUDIT = 4 };
  g_auto(GStrv) was = NULL;
  g_auto(GStrv) is = NULL;
  g_autofree char *caps_was = NULL;
  g_autofree char *caps_is = NULL;

  if (before == NULL || now == NULL)
    return g_strcmp0 (before, now) != 0;
  was = g_strsplit (before, "/", -1);
  is = g_strsplit (now, "/", -1);
  if (g_strv_length (was) != g_strv_length (is) || g_strv_length (was) != 6)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (untouched); i++)
    if (g_strcmp0 (was[untouched[i]], is[untouched[i]]) != 0)
      return TRUE;
  caps_was = caps_count_and_id (was[CAPS]);
  caps_is = caps_count_and_id (is[CAPS]);
  return g_str_equal (caps_was, caps_is) &&
         (!g_str_equal (was[CAPS], is[CAPS]) || !g_str_equal (was[AUDIT], is[AUDIT]));
}

/* Called when the session's consequences are in (see the top). */
void
_thr_window_watch_rebase (ThrWindow *self)
{
  g_autofree char *imports = NULL;
  g_autofree char *content = NULL;

  if (self->session == NULL || (self->store_monitor == NULL && self->team_watch_id == 0))
    return;
  imports = read_imports_signature (self->session);
  content = read_content_stamp (self->session);
  if (g_strcmp0 (imports, self->imports_signature) != 0 ||
      changed_beside_workers (self->content_stamp, content))
    {
      /* The window's own import reads the store again when done; check_cb
       * waits for it, against the same baseline. */
      if (own_import_running (self))
        {
          if (self->watch_id == 0)
            self->watch_id = g_timeout_add (RETRY_MS, check_cb, self);
          return;
        }
      /* Not over what the person is typing: check_cb looks again once
       * the editor has saved it, against the same baseline. */
      if (!defer_for_cap_editor (self))
        reload (self);
      return;
    }
  self->data_version = read_data_version (self->session);
  g_free (self->content_stamp);
  self->content_stamp = g_steal_pointer (&content);
}

void
_thr_window_unwatch_store (ThrWindow *self)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->team_watch_id, g_source_remove);
  g_clear_pointer (&self->imports_signature, g_free);
  g_clear_pointer (&self->content_stamp, g_free);
  if (self->store_monitor != NULL)
    g_file_monitor_cancel (self->store_monitor);
  if (self->wal_monitor != NULL)
    g_file_monitor_cancel (self->wal_monitor);
  g_clear_object (&self->store_monitor);
  g_clear_object (&self->wal_monitor);
}
