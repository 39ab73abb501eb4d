/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window.c — the main window
 *
 * A leaflet holds the sidebar (the contract and its pages) and the
 * content (a stack of pages).  The store is loaded into a ThrSession in a
 * worker thread (thr-window-load.c); until it is ready, or when it holds
 * no contract or no data, the content shows a status page that leads on.
 * Actions live in thr-window-actions.c.
 */
#define G_LOG_DOMAIN "thr-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-format.h"
#include "thr-tooltip.h"
#include "thr-window-private.h"

enum {
  PROP_0,
  PROP_LOADING,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ThrWindow, thr_window, ADW_TYPE_APPLICATION_WINDOW)

static const struct {
  const char *name;
  const char *title;
} page_titles[] = {
  { "overview", N_("Overview") },
  { "metrics", N_("Metrics") },
  { "metric", N_("Metric") },
  { "caps", N_("CAPs") },
  { "deadlines", N_("Deadlines") },
  { "ledger", N_("Ledger") },
  { "imports", N_("Imports") },
};

static const char *
page_title (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_titles); i++)
    if (g_str_equal (page_titles[i].name, name))
      return _(page_titles[i].title);
  return _("Threshold");
}

/* The status pages out of sight are hidden, not only behind the page
 * shown: GTK styles every child of a stack that is not hidden, so the
 * loading page (the first one a window shows) cost each launch its
 * widgets' styles in the first frame, which shows the overview. */
static const char *status_pages[] = { "loading", "error", "no-contract", "no-data" };

static void
hide_other_status_pages (ThrWindow  *self,
                         const char *visible)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_pages); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->pages, status_pages[i]);

      if (page != NULL && !g_str_equal (status_pages[i], visible))
        gtk_widget_set_visible (page, FALSE);
    }
}

static gboolean
needs_data (const char *name)
{
  return g_str_equal (name, "overview") || g_str_equal (name, "metrics") || g_str_equal (name, "metric") ||
         g_str_equal (name, "caps") || g_str_equal (name, "deadlines") || g_str_equal (name, "ledger");
}

static void
update_back_button (ThrWindow *self)
{
  gboolean in_metric = g_strcmp0 (self->page, "metric") == 0;

  gtk_widget_set_visible (self->back_button, _thr_window_is_folded (self) || in_metric);
  if (self->caps_page != NULL)
    thr_caps_page_set_window_has_back (self->caps_page, _thr_window_is_folded (self));
}

static void
select_sidebar_row (ThrWindow  *self,
                    const char *name)
{
  const char *row_name = g_str_equal (name, "metric") ? "metrics" : name;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), row_name) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
        return;
      }
  gtk_list_box_unselect_all (self->sidebar_list);
}

void
_thr_window_show_page (ThrWindow  *self,
                       const char *name)
{
  const char *visible = name;
  g_autofree char *month = NULL;

  g_assert (THR_IS_WINDOW (self));

  if (!g_str_equal (name, "metric") && g_strcmp0 (self->page, "metric") != 0)
    {
      g_free (self->previous_page);
      self->previous_page = g_strdup (name);
    }
  if (g_strcmp0 (self->page, name) != 0)
    {
      g_free (self->page);
      self->page = g_strdup (name);
    }

  if (self->loading)
    visible = "loading";
  else if (self->session == NULL)
    visible = "error";
  else if (thr_session_get_contract_id (self->session) == 0)
    visible = "no-contract";
  else if (needs_data (name) && thr_session_get_n_months (self->session) == 0)
    visible = "no-data";

  /* The loading page waits for the window to be shown (thr-window-load.c):
   * until then the stack keeps the page it has. */
  if (g_str_equal (visible, "loading") && _thr_window_defer_loading_page (self))
    visible = gtk_stack_get_visible_child_name (self->pages);
  /* A page is built on its first visit; the list pages fill when shown. */
  _thr_window_ensure_page (self, visible);
  if (g_str_equal (visible, "metrics") && self->metrics_stale)
    {
      thr_metrics_page_set_session (self->metrics_page, self->session, MAX (self->month, 0));
      self->metrics_stale = FALSE;
    }
  if (g_str_equal (visible, "imports") && self->imports_stale)
    {
      thr_imports_page_set_session (self->imports_page, self->session);
      self->imports_stale = FALSE;
    }
  /* A stack shows no hidden child. */
  gtk_widget_set_visible (gtk_stack_get_child_by_name (self->pages, visible), TRUE);
  gtk_stack_set_visible_child_name (self->pages, visible);
  hide_other_status_pages (self, visible);
  /* The month's report belongs with the month's overview. */
  gtk_widget_set_visible (self->report_button, g_str_equal (visible, "overview"));
  /* No page can be shown without a store: the sidebar points at none. */
  if (g_str_equal (visible, "error"))
    gtk_list_box_unselect_all (self->sidebar_list);
  else
    select_sidebar_row (self, name);
  /* Only the month's pages name it: the CAPs, deadlines and ledger span every month. */
  if (self->session != NULL && self->month >= 0 && needs_data (name) &&
      (g_str_equal (name, "overview") || g_str_equal (name, "metrics") || g_str_equal (name, "metric")))
    {
      ThrPeriod period;

      /* In words, as a heading: "June 2018". */
      if (thr_period_parse (thr_session_get_month (self->session, self->month), &period, NULL))
        month = thr_period_format_words (&period);
    }
  /* The error page names what failed (the store's name, a team store's
   * database and server), not the page that could not be shown. */
  if (g_str_equal (visible, "error"))
    adw_window_title_set_title (self->content_title, gtk_label_get_label (self->store_label));
  else if (g_str_equal (name, "metric") && self->metric_page && thr_metric_page_get_metric (self->metric_page))
    adw_window_title_set_title (self->content_title, thr_metric_page_get_metric (self->metric_page));
  else
    adw_window_title_set_title (self->content_title, page_title (name));
  adw_window_title_set_subtitle (self->content_title, month);
  update_back_button (self);
  _thr_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

void
_thr_window_set_month (ThrWindow *self,
                       int        month)
{
  g_assert (THR_IS_WINDOW (self));

  if (self->session == NULL || thr_session_get_n_months (self->session) == 0)
    month = -1;
  else
    month = CLAMP (month, 0, (int) thr_session_get_n_months (self->session) - 1);
  /* The metrics page says the month: only another month makes it stale
   * (a metric's page opened on the month shown keeps it as it is). */
  if (month != self->month)
    self->metrics_stale = TRUE;
  self->month = month;
  if (month >= 0)
    {
      thr_overview_page_set_month (self->overview_page, month);
      if (self->settings)
        g_settings_set_string (self->settings, "last-month", thr_session_get_month (self->session, month));
    }
  _thr_window_show_page (self, self->page);
}

void
_thr_window_notify_loading (ThrWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_thr_window_toast (ThrWindow  *self,
                   const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* A failure shown as a dialog with one Close button: @body in our words,
 * @quote (the core's or SQLite's sentence) under it. */
static void
present_quoted_failure (ThrWindow  *self,
                        const char *heading,
                        const char *body,
                        const char *quote)
{
  GtkWidget *dialog = thr_alert_new_with_quote (heading, body, quote);

  thr_alert_add_response (dialog, "close", _("_Close"));
  thr_alert_present (dialog, GTK_WIDGET (self));
}

/* SQLite's failure of the store file (a disk error, a read-only or
 * vanished file), which a toast said raw with the store's path first: in
 * our words (@body names the store by its file name), SQLite's
 * quoted under them without the path. */
static void
report_store_file_failure (ThrWindow    *self,
                           const char   *heading,
                           const char   *body,
                           const GError *error)
{
  g_autofree char *words = thr_alert_store_words (error, self->db_path);

  present_quoted_failure (self, heading, body, words);
}

/* A file Threshold could not copy, save or make: a toast would say the
 * core's sentence raw, path first, and vanish before it is read.  Our
 * words name the file; the core's are quoted under them. */
void
_thr_window_report_file_failure (ThrWindow    *self,
                                 const char   *heading,
                                 const char   *body,
                                 const GError *error)
{
  present_quoted_failure (self, heading, body, error->message);
}

/* A refused keep says what failed on its first line, the server's words
 * after it (thr-store-kept.c); any other server error is the store's
 * address, then the server's words, which are quoted under our sentence.
 * The same error already shown and not answered yet (an export's refusal
 * as the history's) is not shown twice. */
void
_thr_window_report_error (ThrWindow    *self,
                          const GError *error)
{
  g_autoptr(GtkWidget) shown = NULL;
  GWeakRef *reported;
  GtkWidget *dialog;
  g_autofree char *words = NULL;

  if (thr_alert_is_store_file_failure (error, self->db_path))
    {
      g_autofree char *name = thr_alert_store_name (self->db_path);
      /* Translators: %s is the store's file name */
      g_autofree char *body = g_strdup_printf (_("Threshold could not read or write the store “%s”, so what is "
                                                 "shown may be incomplete. SQLite's words below say why."), name);

      report_store_file_failure (self, _("The Store Reported an Error"), body, error);
      return;
    }
  if (!g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER))
    {
      _thr_window_toast (self, error->message);
      return;
    }
  reported = g_object_get_data (G_OBJECT (self), "thr-reported-error");
  shown = reported != NULL ? g_weak_ref_get (reported) : NULL;
  if (shown != NULL && thr_alert_is_open (shown) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (shown), "thr-error-message"), error->message) == 0)
    return;
  if (strchr (error->message, '\n') != NULL)
    dialog = thr_alert_new_quoting (_("The Team Store Reported an Error"), error->message);
  else
    {
      words = thr_alert_server_words (error->message);
      dialog = thr_alert_new_with_quote (_("The Team Store Reported an Error"),
                                         _("The team store's server failed, or the connection to it was lost, "
                                           "so what is shown may be incomplete. When the server is back, open the "
                                           "store again."), words);
    }
  g_object_set_data_full (G_OBJECT (dialog), "thr-error-message", g_strdup (error->message), g_free);
  /* Weakly: libadwaita 1.2 destroys the dialog as it answers. */
  reported = g_new0 (GWeakRef, 1);
  g_weak_ref_init (reported, dialog);
  g_object_set_data_full (G_OBJECT (self), "thr-reported-error", reported, free_weak_ref);
  thr_alert_add_response (dialog, "close", _("_Close"));
  thr_alert_present (dialog, GTK_WIDGET (self));
}

void
_thr_window_report_failure (ThrWindow    *self,
                            const char   *heading,
                            const char   *body,
                            const GError *error)
{
  gboolean busy = g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY);
  g_autofree char *words = NULL;
  GtkWidget *dialog;

  /* A busy store was written to by someone else first, so @body's doubts
   * (a write in part, a refusal) do not hold: nothing was written. */
  if (busy && !thr_store_is_team_address (self->db_path))
    {
      _thr_window_toast (self, _("Another program (an import, or Threshold itself) kept writing to this store, so "
                                 "nothing was changed. Try again when it has finished."));
      return;
    }
  if (thr_alert_is_store_file_failure (error, self->db_path))
    {
      g_autofree char *name = thr_alert_store_name (self->db_path);
      /* Translators: %s is the store's file name */
      g_autofree char *said = g_strdup_printf (_("Nothing was changed in the store “%s”: SQLite's words below say "
                                                 "why."), name);

      report_store_file_failure (self, heading, said, error);
      return;
    }
  if (busy)
    body = _("Someone else was writing to the team store, so nothing was changed. Try again in a moment.");
  if (!thr_store_is_team_address (self->db_path) ||
      (!g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER) &&
       !g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_RIGHTS) &&
       !g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY)))
    {
      _thr_window_toast (self, error->message);
      return;
    }
  words = thr_alert_server_words (error->message);
  dialog = thr_alert_new_with_quote (heading, body, words);
  thr_alert_add_response (dialog, "close", _("_Close"));
  thr_alert_present (dialog, GTK_WIDGET (self));
}

guint32
_thr_window_get_today_override (ThrWindow *self)
{
  g_autofree char *text = NULL;
  guint32 day = 0;

  if (self->settings == NULL)
    return 0;
  text = g_settings_get_string (self->settings, "today-override");
  if (text[0] != '\0' && !thr_day_parse_iso (text, &day))
    day = 0;
  return day;
}

/* The demo store is judged on a day inside its data (thr_demo_today ());
 * a banner says so, with a button to judge it on the real date. */
void
_thr_window_update_demo_banner (ThrWindow *self)
{
  guint32 day = self->session ? thr_session_get_demo_today (self->session) : 0;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;

  gtk_widget_set_visible (self->demo_banner, day != 0);
  if (day == 0)
    return;
  date = thr_day_format_words (day);
  /* Translators: a date, "25 January 2020" */
  text = g_strdup_printf (_("The demo is shown as of %s, a day inside its data, so that its deadlines and CAPs "
                            "mean something."), date);
  gtk_label_set_label (self->demo_banner_label, text);
}

static void
use_real_date_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);

  self->real_date = TRUE;
  if (self->db_path != NULL)
    thr_window_open_store (self, self->db_path);
}

static void
folded_cb (ThrWindow *self)
{
  update_back_button (self);
}

/* The split view's collapsed, on libadwaita 1.4 and later (thr-window-split.c). */
void
_thr_window_folded_changed (ThrWindow *self)
{
  update_back_button (self);
}

static void
sidebar_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          ThrWindow     *self)
{
  _thr_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  _thr_window_show_content (self);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ThrWindow     *self)
{
  GFile *file = g_value_get_object (value);

  return file != NULL && thr_window_import_file (self, file) != NULL;
}

static gboolean
thr_window_close_request (GtkWindow *window)
{
  ThrWindow *self = THR_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (thr_window_parent_class)->close_request (window);
}

static void
thr_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ThrWindow *self = THR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_PAGE:
      g_value_set_string (value, thr_window_get_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thr_window_dispose (GObject *object)
{
  ThrWindow *self = THR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _thr_window_open_dispose (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->present_id, g_source_remove);
  _thr_window_unwatch_store (self);
  if (self->session != NULL)
    thr_session_cancel (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->contract_menu);
  g_clear_object (&self->primary_menu);
  g_clear_object (&self->undo_toast);
  g_clear_object (&self->calendar);
  g_clear_object (&self->spinner_icon);
  G_OBJECT_CLASS (thr_window_parent_class)->dispose (object);
}

static void
thr_window_finalize (GObject *object)
{
  ThrWindow *self = THR_WINDOW (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->wanted_month, g_free);
  g_clear_pointer (&self->page, g_free);
  g_clear_pointer (&self->previous_page, g_free);
  /* Given back after the window was disposed, when it closed before the
   * worker was done (thr-window-icons.c). */
  g_clear_object (&self->spinner_icon);
  G_OBJECT_CLASS (thr_window_parent_class)->finalize (object);
}

/* GTK 4.8 labels these keys by their key names ("Page_Up") unless its own
 * catalogue has the language; the shortcuts window says them in words. */
static void
name_keys (GtkWidget *widget)
{
  static const struct { const char *key_name; const char *words; } keys[] = {
    { "Page_Up", N_("Page Up") },
    { "Page_Down", N_("Page Down") },
  };

  if (GTK_IS_LABEL (widget))
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), keys[i].key_name) == 0)
        gtk_label_set_label (GTK_LABEL (widget), _(keys[i].words));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    name_keys (child);
}

/* The shortcuts window is built when first asked for: GtkApplication
 * builds one from gtk/help-overlay.ui for every window it is given, before
 * the window's first frame (38 M instructions of the launch, callgrind). */
static void
show_shortcuts_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (self) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/thresholdapp/Threshold/thr-shortcuts-window.ui");
      GtkShortcutsWindow *overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

      name_keys (GTK_WIDGET (overlay));
      /* The window keeps it, hidden when closed, and shows it by its
       * own win.show-help-overlay. */
      gtk_application_window_set_help_overlay (self, overlay);
    }
  gtk_widget_activate_action (widget, "win.show-help-overlay", NULL);
}

static void
thr_window_class_init (ThrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = thr_window_get_property;
  object_class->dispose = thr_window_dispose;
  object_class->finalize = thr_window_finalize;
  window_class->close_request = thr_window_close_request;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The other pages are built on their first visit (thr-window-pages.c). */
  g_type_ensure (THR_TYPE_OVERVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, content);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, contract_label);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, store_label);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, contract_row);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, report_button);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, demo_banner_label);
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, overview_page);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.use-real-date", NULL, use_real_date_cb);
  _thr_window_class_actions_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL, show_shortcuts_cb);
  _thr_window_class_undo_init (widget_class);
  _thr_window_class_export_init (widget_class);
  _thr_window_class_open_init (widget_class);
  _thr_window_class_find_init (widget_class);
  _thr_window_class_export_data_init (widget_class);
}

/* The holiday-calendar setting, or else the contract's calendar, for the
 * deadlines page's marks.  Evaluation keeps the contract's calendar.  It
 * is loaded only once the page is built: not before the first frame. */
void
_thr_window_update_calendar (ThrWindow *self)
{
  g_autofree char *id = NULL;
  ThrContract *contract = self->session ? thr_session_get_contract (self->session) : NULL;
  g_autoptr(GError) error = NULL;

  if (self->deadlines_page == NULL)
    return;
  id = self->settings ? g_settings_get_string (self->settings, "holiday-calendar") : g_strdup ("");

  if (id[0] == '\0' && contract != NULL)
    {
      g_free (id);
      id = g_strdup (thr_contract_get_calendar (contract));
    }
  if (id[0] == '\0')
    g_clear_object (&self->calendar);
  else if (self->calendar == NULL || g_strcmp0 (thr_calendar_get_id (self->calendar), id) != 0)
    {
      g_clear_object (&self->calendar);
      /* The store's closures close days too. */
      self->calendar = self->session != NULL
                       ? thr_store_load_calendar (thr_session_get_store (self->session), id, &error)
                       : thr_calendar_load_builtin (id, &error);
      if (self->calendar == NULL)
        g_warning ("%s", error->message);
    }
  thr_deadlines_page_set_calendar (self->deadlines_page, self->calendar);
}

static void
number_format_changed_cb (ThrWindow *self)
{
  g_autofree char *nick = g_settings_get_string (self->settings, "number-format");
  ThrNumberFormat format = THR_NUMBER_FORMAT_LOCALE;

  thr_format_number_format_from_string (nick, &format);
  if (format == thr_format_get_number_format ())
    return;
  thr_format_set_number_format (format);
  /* Every page that writes a number draws again. */
  thr_overview_page_refresh (self->overview_page);
  if (self->metric_page != NULL)
    thr_metric_page_refresh (self->metric_page);
  if (self->ledger_page != NULL)
    thr_ledger_page_set_session (self->ledger_page, self->session);
  self->metrics_stale = TRUE;
  _thr_window_show_page (self, self->page);
}

static void
today_changed_cb (ThrWindow *self)
{
  if (self->db_path != NULL)
    thr_window_open_store (self, self->db_path);
}

static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; settings will not be kept", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* Ctrl+Page Up/Down change the month wherever the focus is.  A class key
 * binding runs in the bubble phase, after the focused widget: a scrolled
 * window, a list or an entry takes these keys for itself first.  Caught
 * in the capture phase, they reach the window before any child. */
static void
add_month_shortcuts (ThrWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const struct {
    guint       key;
    const char *action;
  } keys[] = {
    { GDK_KEY_Page_Up, "win.previous-month" },
    { GDK_KEY_Page_Down, "win.next-month" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "thr-month-shortcuts");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, GDK_CONTROL_MASK),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* A menu button's popover is built when it first opens, not with the
 * window: GTK 4.8 builds a GtkPopoverMenu with every item's widgets as
 * soon as a button has a menu, before the first frame. */
static void
give_menu_cb (GtkMenuButton *button,
              gpointer       user_data)
{
  GMenuModel **menu = user_data;

  /* Called at every opening; a new model builds a new popover. */
  if (gtk_menu_button_get_menu_model (button) != *menu)
    gtk_menu_button_set_menu_model (button, *menu);
}

/* The main menu is read from its file when it first opens: parsed with
 * the window's template, its items cost every launch 1.6 M instructions
 * before the first frame (main thread, callgrind), for a menu most
 * launches never open. */
static void
give_primary_menu_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  ThrWindow *self = user_data;

  if (self->primary_menu == NULL)
    {
      /* The program's own resource, which holds only the menu: a failure
       * is a mistake in the build, which gtk_builder_new_from_resource ()
       * reports as one. */
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/thresholdapp/Threshold/thr-window-menu.ui");

      self->primary_menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")));
    }
  give_menu_cb (button, &self->primary_menu);
}

/* The menu button beside the contract's name, built the first time a
 * store has several contracts: most stores have one, and a button built
 * hidden in the template cost every launch its widgets before the first
 * frame.  It is made as the template made it, hidden while its tooltip is
 * set (thr-tooltip.c). */
static GtkMenuButton *
build_contract_button (ThrWindow *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Switch Contract"), -1);
  thr_tooltip_set_text (button, _("Switch Contract"));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), give_menu_cb, &self->contract_menu, NULL);
  gtk_grid_attach (GTK_GRID (self->contract_row), button, 1, 0, 1, 1);
  return GTK_MENU_BUTTON (button);
}

void
_thr_window_show_contract_button (ThrWindow *self,
                                  gboolean   shown)
{
  if (shown && self->contract_button == NULL)
    self->contract_button = build_contract_button (self);
  if (self->contract_button != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->contract_button), shown);
}

/* Set here rather than in the template, while the window is not shown:
 * a tooltip set on a visible widget asks the X server where the pointer
 * is (thr-tooltip.c), a round trip per button before the first frame. */
static void
set_tooltips (ThrWindow *self)
{
  thr_tooltip_set_text (GTK_WIDGET (self->menu_button), _("Main Menu"));
  thr_tooltip_set_text (self->back_button, _("Back"));
  thr_tooltip_set_text (self->import_button, _("Import a File"));
  thr_tooltip_set_text (self->report_button, _("Export the Monthly Report as PDF"));
}

static void
thr_window_init (ThrWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  set_tooltips (self);
  gtk_menu_button_set_create_popup_func (self->menu_button, give_primary_menu_cb, self, NULL);
  _thr_window_split_init (self);
#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
  self->page = g_strdup ("overview");
  self->previous_page = g_strdup ("overview");
  self->month = -1;
  self->check_fraction = -1;
  _thr_window_open_init (self);
  add_month_shortcuts (self);

  self->settings = settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_signal_connect_object (self->settings, "changed::today-override",
                               G_CALLBACK (today_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::number-format",
                               G_CALLBACK (number_format_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::holiday-calendar",
                               G_CALLBACK (_thr_window_update_calendar), self, G_CONNECT_SWAPPED);
      number_format_changed_cb (self);
    }

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* The month and the contract shown last belong to the store opened last:
 * another store opens on its own latest month and its first contract. */
static gboolean
is_last_store (GSettings  *settings,
               const char *db_path)
{
  g_autofree char *last_store = g_settings_get_string (settings, "last-store");

  return last_store[0] == '\0' || g_strcmp0 (last_store, db_path) == 0;
}

static char *
remembered_month (GSettings  *settings,
                  const char *db_path)
{
  if (settings == NULL || !is_last_store (settings, db_path))
    return NULL;
  return g_settings_get_string (settings, "last-month");
}

/* Starts loading db_path as the settings say (the month and contract shown
 * last, the day set in the preferences). */
static GWeakRef *
start_load (const char    *db_path,
            GCancellable **cancellable)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *today_text = NULL;
  gint64 contract_id = 0;
  guint32 today = 0;

  settings = settings_new ();
  if (settings != NULL)
    {
      wanted = remembered_month (settings, db_path);
      if (is_last_store (settings, db_path))
        contract_id = g_settings_get_int64 (settings, "last-contract");
      today_text = g_settings_get_string (settings, "today-override");
      if (today_text[0] != '\0' && !thr_day_parse_iso (today_text, &today))
        today = 0;
    }
  *cancellable = g_cancellable_new ();
  return _thr_window_start_load (NULL, db_path, contract_id, today, wanted, *cancellable);
}

void
thr_window_preload (const char *db_path)
{
  GCancellable *cancellable = NULL;
  GWeakRef *target;

  g_return_if_fail (db_path != NULL);

  target = start_load (db_path, &cancellable);
  _thr_window_set_preload (db_path, target, cancellable);
}

ThrWindow *
thr_window_new (GtkApplication *application,
                const char     *db_path)
{
  GCancellable *cancellable = NULL;
  GWeakRef *target;
  ThrWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  /* Start loading before building the window, so the two overlap (or
   * take the load the application started before GTK's). */
  target = _thr_window_claim_preload (db_path, &cancellable);
  if (target == NULL)
    target = start_load (db_path, &cancellable);

  self = g_object_new (THR_TYPE_WINDOW, "application", application, NULL);
  g_weak_ref_set (target, self);
  self->cancellable = cancellable;
  self->db_path = g_strdup (db_path);
  self->wanted_month = remembered_month (self->settings, db_path);
  _thr_window_show_opening (self, db_path);
  _thr_window_end_preload (target);
  return self;
}

gboolean
thr_window_get_loading (ThrWindow *self)
{
  g_return_val_if_fail (THR_IS_WINDOW (self), FALSE);
  return self->loading;
}

gboolean
thr_window_get_history_running (ThrWindow *self)
{
  g_return_val_if_fail (THR_IS_WINDOW (self), FALSE);
  return self->history_running;
}

ThrSession *
thr_window_get_session (ThrWindow *self)
{
  g_return_val_if_fail (THR_IS_WINDOW (self), NULL);
  return self->session;
}

const char *
thr_window_get_page (ThrWindow *self)
{
  g_return_val_if_fail (THR_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->pages);
}

GtkWidget *
thr_window_get_page_widget (ThrWindow  *self,
                            const char *name)
{
  g_return_val_if_fail (THR_IS_WINDOW (self), NULL);
  /* A page not visited yet is built for the asker. */
  return _thr_window_ensure_page (self, name);
}

int
thr_window_get_month (ThrWindow *self)
{
  g_return_val_if_fail (THR_IS_WINDOW (self), -1);
  return self->month;
}
