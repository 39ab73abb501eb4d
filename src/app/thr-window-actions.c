/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-actions.c — the window's actions and their keys
 *
 * Pages, months, stores (Open, New, the demo), contracts from templates,
 * importing and preferences.  Each action is installed with its key
 * binding beside it.
 */
#define G_LOG_DOMAIN "thr-window-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "thr-connect-dialog.h"
#include "thr-file-chooser.h"
#include "thr-import-dialog.h"
#include "thr-preferences-window.h"
#include "thr-role-hint.h"
#include "thr-window-private.h"

static const char *demo_files[] = { "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv" };

/* The window's actions that write to the store, and the right each needs
 * on a team store (docs/team-store.md, "Roles").  The CAP editor guards
 * its own (thr-cap-editor.c), the preferences the calendar's closures. */
static const struct {
  const char     *action;
  ThrStoreRights  right;
} writing_actions[] = {
  { "win.import", THR_STORE_RIGHT_IMPORT },
  { "win.undo-import", THR_STORE_RIGHT_IMPORT },
  { "win.ask-undo-import", THR_STORE_RIGHT_IMPORT },
  { "win.new-contract", THR_STORE_RIGHT_ADMIN },
};

/* ---------------------------------------------------------------- rights */

static ThrStoreRights
current_rights (ThrWindow *self)
{
  return self->session != NULL ? thr_store_get_rights (thr_session_get_store (self->session)) : THR_STORE_RIGHTS_ALL;
}

static gboolean
role_allows (ThrWindow      *self,
             ThrStoreRights  right)
{
  return (current_rights (self) & right) == right;
}

/* Refuses, with a toast that says why, what the role may not do; for the
 * ways in that are not a disabled control (a file dropped on the window). */
static gboolean
check_role (ThrWindow      *self,
            ThrStoreRights  right)
{
  g_autofree char *why = NULL;

  if (role_allows (self, right))
    return TRUE;
  why = thr_store_describe_missing_right (right);
  _thr_window_toast (self, why);
  return FALSE;
}

static ThrStoreRights
right_needed_by (const char *action)
{
  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (writing_actions); i++)
    if (g_str_equal (writing_actions[i].action, action))
      return writing_actions[i].right;
  return THR_STORE_RIGHT_NONE;
}

/* Every control of a writing action, on whatever page, says why it is
 * disabled (or has its own tooltip back). */
static void
hint_controls (GtkWidget      *widget,
               ThrStoreRights  rights)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ThrStoreRights needed = GTK_IS_ACTIONABLE (child)
                              ? right_needed_by (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)))
                              : THR_STORE_RIGHT_NONE;

      if (needed != THR_STORE_RIGHT_NONE)
        {
          g_autofree char *why = (rights & needed) == needed ? NULL : thr_store_describe_missing_right (needed);

          thr_role_hint_set (child, why);
        }
      hint_controls (child, rights);
    }
}

/* A store file holds every right: its window never walks its controls. */
static void
update_role_hints (ThrWindow *self)
{
  ThrStoreRights rights = current_rights (self);

  if (rights == THR_STORE_RIGHTS_ALL && !self->role_hints)
    return;
  hint_controls (GTK_WIDGET (self), rights);
  self->role_hints = rights != THR_STORE_RIGHTS_ALL;
}

static void
show_page_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  _thr_window_show_page (THR_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_metric_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  const char *metric;
  gint32 month;

  g_variant_get (param, "(&si)", &metric, &month);
  if (self->session == NULL || month < 0 || (guint) month >= thr_session_get_n_months (self->session) ||
      !thr_session_is_evaluated (self->session, month))
    return;
  _thr_window_set_month (self, month);
  _thr_window_ensure_page (self, "metric");
  thr_metric_page_show (self->metric_page, metric, month);
  _thr_window_show_page (self, "metric");
  _thr_window_show_content (self);
}

static void
show_cap_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);

  _thr_window_show_page (self, "caps");
  _thr_window_ensure_page (self, "caps");
  thr_caps_page_select (self->caps_page, g_variant_get_int64 (param));
  _thr_window_show_content (self);
}

/* From a missed month of a metric: the CAP that its failure opened (the
 * session's consequences have run thr_cap_sync). */
static void
start_cap_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  const ThrCap *cap = NULL;
  const char *metric;
  gint32 month;

  g_variant_get (param, "(&si)", &metric, &month);
  if (self->session == NULL || month < 0 || (guint) month >= thr_session_get_n_months (self->session))
    return;
  if (!thr_session_has_consequences (self->session))
    {
      _thr_window_toast (self, _("The CAPs are still being worked out; try again in a moment"));
      return;
    }
  cap = thr_session_find_cap (self->session, metric, thr_session_get_month (self->session, month));
  if (cap == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s in %s opens no CAP: the contract attaches no withholding to it"),
                                               metric, thr_session_get_month (self->session, month));

      _thr_window_toast (self, text);
      return;
    }
  _thr_window_show_page (self, "caps");
  _thr_window_ensure_page (self, "caps");
  thr_caps_page_select (self->caps_page, cap->id);
}

static void
back_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);

  if (g_strcmp0 (self->page, "metric") == 0)
    _thr_window_show_page (self, self->previous_page ? self->previous_page : "overview");
  else if (g_strcmp0 (self->page, "caps") == 0 && self->caps_page != NULL &&
           thr_caps_page_navigate_back (self->caps_page))
    ;  /* from a CAP's editor to the list of CAPs */
  else if (_thr_window_is_folded (self))
    _thr_window_show_sidebar (self);
}

static void
move_month_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  int delta = g_str_equal (action_name, "win.previous-month") ? -1 : 1;

  if (self->month < 0 || self->month + delta < 0 ||
      !thr_session_is_evaluated (self->session, self->month + delta))
    return;
  _thr_window_set_month (self, self->month + delta);
  if (g_strcmp0 (self->page, "metric") == 0 && self->metric_page != NULL)
    thr_metric_page_show (self->metric_page, thr_metric_page_get_metric (self->metric_page), self->month);
}

/* A page chose a month (the metric page's chart, by a click or the
 * arrow keys): the window's month, its heading and the overview follow. */
static void
set_month_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  gint32 month = g_variant_get_int32 (param);

  if (self->session == NULL || month < 0 || (guint) month >= thr_session_get_n_months (self->session) ||
      !thr_session_is_evaluated (self->session, month) || month == self->month)
    return;
  _thr_window_set_month (self, month);
}

static void
open_contract_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  gint64 id = g_variant_get_int64 (param);

  if (self->session == NULL || thr_session_get_contract_id (self->session) == id)
    return;
  self->wanted_contract = id;
  g_clear_pointer (&self->wanted_month, g_free);
  thr_window_open_store (self, self->db_path);
}

static void
reload_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);

  thr_window_open_store (self, self->db_path);
}

/* ---------------------------------------------------------------- stores */

static GtkFileFilter *
store_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Threshold stores"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.threshold");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  return filter;
}

static void
store_opened_cb (GFile    *file,
                 gpointer  self)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    _thr_window_open_store_file (self, path);
}

static void
store_created_cb (GFile    *file,
                  gpointer  self)
{
  g_autofree char *path = file != NULL ? thr_file_chooser_path_with_suffix (file, ".db") : NULL;

  if (path != NULL)
    _thr_window_new_store_file (self, path);
}

static void
open_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = store_filter ();
  ThrFileChooserOptions options = { _("Open a Store"), _("_Open"), NULL, NULL, filter };

  thr_file_chooser_open (GTK_WINDOW (widget), &options, store_opened_cb, g_object_ref (widget), g_object_unref);
}

/* The team stores offered in the connect dialog, the newest first. */
#define MAX_RECENT_TEAM_STORES 8

/* Remembered once it has opened (an address that fails is not offered
 * again), by its address without a password (thr_store_get_path), which
 * start-up reopens as the last store. */
static void
remember_team_store (ThrWindow  *self,
                     const char *address)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "last-store", address);
  recent = g_settings_get_strv (self->settings, "recent-team-stores");
  g_strv_builder_add (builder, address);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_TEAM_STORES; i++)
    if (!g_str_equal (recent[i], address))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-team-stores", (const char * const *) updated);
}

static void
team_loaded_cb (ThrWindow  *self,
                GParamSpec *pspec,
                gpointer    user_data)
{
  if (self->loading)
    return;
  g_signal_handlers_disconnect_by_func (self, team_loaded_cb, user_data);
  if (self->session != NULL && thr_store_is_team_address (self->db_path))
    remember_team_store (self, thr_store_get_path (thr_session_get_store (self->session)));
}

static void
team_chosen_cb (ThrWindow  *self,
                const char *address)
{
  g_signal_handlers_disconnect_by_func (self, team_loaded_cb, NULL);
  thr_window_open_store (self, address);
  g_signal_connect (self, "notify::loading", G_CALLBACK (team_loaded_cb), NULL);
}

static void
connect_team_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  ThrConnectDialog *dialog = thr_connect_dialog_new (GTK_WINDOW (widget));

  if (self->settings != NULL)
    {
      g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-team-stores");

      thr_connect_dialog_set_recent (dialog, (const char * const *) recent);
    }

  g_signal_connect_object (dialog, "connect", G_CALLBACK (team_chosen_cb), widget, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = store_filter ();
  ThrFileChooserOptions options = { _("New Store"), _("_Create"), _("contract.db"), NULL, filter };

  thr_file_chooser_save (GTK_WINDOW (widget), &options, store_created_cb, g_object_ref (widget), g_object_unref);
}

static void
new_contract_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  const char *template_id = g_variant_get_string (param, NULL);
  g_autoptr(ThrContract) contract = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || thr_session_get_contract_id (self->session) != 0 ||
      !check_role (self, THR_STORE_RIGHT_ADMIN))
    return;
  contract = thr_contract_load_template (template_id, &error);
  if (contract == NULL ||
      thr_store_add_contract (thr_session_get_store (self->session), template_id,
                              thr_contract_get_title (contract),
                              thr_contract_get_definition (contract), &error) == 0)
    {
      _thr_window_report_failure (self, _("The Contract Could Not Be Started"),
                                  _("Nothing was written to the team store. Try again when its server is back; "
                                    "if it refused, whoever runs it can say why from its words below."), error);
      return;
    }
  thr_window_open_store (self, self->db_path);
}

/* The demo store: the core's generator, imported like any file. */
static void
demo_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrContract) contract = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *parent = g_path_get_dirname (path);
  ThrDemoOptions options;
  gint64 contract_id = 0;
  gboolean ok = TRUE;

  thr_demo_options_init (&options);
  g_mkdir_with_parents (parent, 0700);
  dir = g_dir_make_tmp ("threshold-demo-XXXXXX", &error);
  if (dir == NULL ||
      (store = thr_store_open (path, &error)) == NULL ||
      (contract = thr_contract_load_template ("rfp-16-102", &error)) == NULL ||
      (contract_id = thr_store_add_contract (store, "rfp-16-102", _(thr_demo_contract_name ()),
                                             thr_contract_get_definition (contract), &error)) == 0 ||
      !thr_demo_write (&options, dir, cancellable, &error))
    ok = FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *file = g_build_filename (dir, demo_files[i], NULL);
      g_auto(ThrImportResult) result = { 0 };

      ok = thr_import_file (store, contract_id, contract, file, THR_IMPORT_KIND_AUTO, FALSE,
                            NULL, NULL, cancellable, &result, &error);
    }
  for (guint i = 0; dir != NULL && i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *file = g_build_filename (dir, demo_files[i], NULL);
      g_unlink (file);
    }
  if (dir != NULL)
    g_rmdir (dir);
  if (!ok)
    {
      g_clear_object (&store);
      g_unlink (path);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_boolean (task, TRUE);
}

static void
demo_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ThrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *path = g_task_get_task_data (G_TASK (result));

  if (self->loading_page != NULL)
    adw_status_page_set_title (self->loading_page, _("Opening…"));
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _thr_window_report_file_failure (self, _("The Demo Store Was Not Made"),
                                       _("It could not be made in Threshold’s folder; nothing else was changed."),
                                       error);
      thr_window_open_store (self, self->db_path);
      return;
    }
  thr_window_open_store (self, path);
}

static void
open_demo_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "threshold", "demo.db", NULL);
  g_autoptr(GTask) task = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      thr_window_open_store (self, path);
      return;
    }
  self->loading = TRUE;
  adw_status_page_set_title (ADW_STATUS_PAGE (_thr_window_ensure_page (self, "loading")), _("Preparing the Demo…"));
  _thr_window_show_page (self, self->page);
  task = g_task_new (NULL, NULL, demo_ready_cb, g_object_ref (self));
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, demo_thread_cb);
}

/* --------------------------------------------------------------- imports */

static void
imported_cb (ThrImportDialog *dialog,
             const char      *kind,
             guint            n_rows,
             const char      *name,
             gint64           import_id,
             guint            n_replaced,
             ThrWindow       *self)
{
  _thr_window_toast_imported (self, kind, n_rows, name, import_id, n_replaced);
  thr_window_open_store (self, self->db_path);
}

GtkWindow *
thr_window_import_file (ThrWindow *self,
                        GFile     *file)
{
  ThrImportDialog *dialog;

  g_return_val_if_fail (THR_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (self->session == NULL || thr_session_get_contract_id (self->session) == 0)
    {
      _thr_window_toast (self, _("Start a contract before importing its data"));
      return NULL;
    }
  if (!check_role (self, THR_STORE_RIGHT_IMPORT))
    return NULL;
  if (!g_file_is_native (file))
    {
      _thr_window_toast (self, _("Only local files can be imported"));
      return NULL;
    }
  dialog = thr_import_dialog_new (GTK_WINDOW (self), self->db_path,
                                  thr_session_get_contract_id (self->session), file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
import_chosen_cb (GFile    *file,
                  gpointer  self)
{
  if (file != NULL)
    thr_window_import_file (self, file);
}

static void
import_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ThrFileChooserOptions options = { _("Import a File"), _("_Check"), NULL, NULL, filter };

  gtk_file_filter_set_name (filter, _("CSV files and Excel workbooks"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "ods");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_mime_type (filter, "application/vnd.oasis.opendocument.spreadsheet");
  thr_file_chooser_open (GTK_WINDOW (widget), &options, import_chosen_cb, g_object_ref (widget), g_object_unref);
}

/* A closure moves deadlines: evaluate again from the store, and let the
 * deadlines page read the calendar afresh. */
static void
closures_changed_cb (ThrWindow *self)
{
  g_clear_object (&self->calendar);
  if (self->db_path != NULL)
    thr_window_open_store (self, self->db_path);
}

static void
preferences_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  ThrContract *contract;
  ThrPreferencesWindow *preferences;

  if (self->settings == NULL)
    {
      _thr_window_toast (self, _("Preferences need the settings schema, which is not installed"));
      return;
    }
  contract = self->session ? thr_session_get_contract (self->session) : NULL;
  preferences = thr_preferences_window_new (GTK_WINDOW (self), self->settings,
                                            contract ? thr_contract_get_calendar (contract) : NULL);
  if (contract != NULL)
    thr_preferences_window_set_store (preferences, thr_session_get_store (self->session),
                                      thr_contract_get_calendar (contract));
  g_signal_connect_object (preferences, "closures-changed", G_CALLBACK (closures_changed_cb), self, G_CONNECT_SWAPPED);
  thr_preferences_window_present (preferences);
}

void
_thr_window_update_actions (ThrWindow *self)
{
  gboolean has_contract = self->session != NULL && thr_session_get_contract_id (self->session) != 0;
  guint n_months = self->session ? thr_session_get_n_months (self->session) : 0;
  /* On a team store, what the role may not do is not offered (the
   * server would refuse it anyway); the controls say why. */
  gboolean can_import = role_allows (self, THR_STORE_RIGHT_IMPORT);

  /* Months not evaluated yet are not offered. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-month",
                                 self->month > 0 && thr_session_is_evaluated (self->session, self->month - 1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-month",
                                 self->month >= 0 && (guint) self->month + 1 < n_months &&
                                 thr_session_is_evaluated (self->session, self->month + 1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_contract && !self->loading && can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-import", has_contract && !self->undoing && can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.ask-undo-import",
                                 has_contract && !self->undoing && can_import);
  _thr_window_update_export_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-contract",
                                 self->session != NULL && !has_contract && !self->loading &&
                                 role_allows (self, THR_STORE_RIGHT_ADMIN));
  update_role_hints (self);
}

void
_thr_window_class_actions_init (GtkWidgetClass *widget_class)
{
  static const char *pages[] = { "overview", "metrics", "caps", "deadlines", "ledger", "imports" };

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_cb);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-page", "s", pages[i]);
  gtk_widget_class_install_action (widget_class, "win.show-metric", "(si)", show_metric_cb);
  gtk_widget_class_install_action (widget_class, "win.show-cap", "x", show_cap_cb);
  gtk_widget_class_install_action (widget_class, "win.start-cap", "(si)", start_cap_cb);
  /* win.export-cap-pdf, win.print-cap and the monthly report: thr-window-export.c */
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.set-month", "i", set_month_cb);
  gtk_widget_class_install_action (widget_class, "win.previous-month", NULL, move_month_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-month", NULL);
  gtk_widget_class_install_action (widget_class, "win.next-month", NULL, move_month_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-month", NULL);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_cb);
  gtk_widget_class_install_action (widget_class, "win.connect-team", NULL, connect_team_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_cb);
  gtk_widget_class_install_action (widget_class, "win.new-contract", "s", new_contract_cb);
  gtk_widget_class_install_action (widget_class, "win.open-contract", "x", open_contract_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}
