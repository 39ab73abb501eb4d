/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-contracts.c — a store with two contracts
 *
 * The window opens the store's first contract, offers the others in the
 * menu beside its name, switches through win.open-contract, remembers the
 * choice in GSettings and opens it again next time.
 */
#include <adwaita.h>

#include "thr-session.h"
#include "thr-test-demo.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"
#include "thr-window.h"
#include "thr-window-private.h"

static ThrSession *
wait_for_contract (ThrWindow *window,
                   gint64     contract_id)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  ThrSession *session;

  for (;;)
    {
      session = thr_window_get_session (window);
      if (!thr_window_get_loading (window) && session != NULL &&
          thr_session_get_contract_id (session) == contract_id)
        return session;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static gint64
add_kpi_contract (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (db, &error);
  g_autoptr(ThrContract) contract = thr_contract_load_template ("mo-im-kpi", &error);
  gint64 id;

  g_assert_no_error (error);
  id = thr_store_add_contract (store, "mo-im-kpi", "Missouri IM KPIs",
                               thr_contract_get_definition (contract), &error);
  g_assert_no_error (error);
  return id;
}

static GtkMenuButton *
find_menu_button (GtkWidget  *widget,
                  const char *icon_name)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon_name) == 0)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child, icon_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A menu's popover is built when it opens (not with the window), with
 * the menu it should have: the main menu's items, one item per contract. */
static void
assert_menu_built_on_opening (ThrWindow  *window,
                              const char *icon_name,
                              const char *tooltip,
                              const char *first_action,
                              int         n_items)
{
  GtkMenuButton *button = find_menu_button (GTK_WIDGET (window), icon_name);
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *action = NULL;
  GMenuModel *menu;

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, tooltip);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_null (gtk_menu_button_get_popover (button));
  gtk_menu_button_popup (button);
  g_assert_nonnull (gtk_menu_button_get_popover (button));
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  if (n_items >= 0)
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, n_items);
  /* The main menu begins with a section. */
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_true (g_menu_model_get_item_attribute (section ? section : menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, first_action);
  gtk_menu_button_popdown (button);
}

static void
test_switch (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-contracts-XXXXXX", &error);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  g_autofree char *db = NULL;
  ThrDemoOptions options;
  gint64 demo_id, kpi_id;
  ThrSession *session;
  ThrWindow *window;

  thr_demo_options_init (&options);
  options.n_months = 3;
  options.tasks_per_month = 400;
  options.calls_per_month = 1000;
  db = thr_test_make_demo_store (dir, &options, &demo_id);
  kpi_id = add_kpi_contract (db);
  g_settings_set_int64 (settings, "last-contract", 0);

  window = thr_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  session = wait_for_contract (window, demo_id);
  g_assert_cmpuint (thr_session_get_contracts (session)->len, ==, 2);
  g_assert_cmpuint (thr_session_get_n_months (session), ==, 3);
  assert_menu_built_on_opening (window, "pan-down-symbolic", "Switch Contract", "win.open-contract", 2);
  assert_menu_built_on_opening (window, "open-menu-symbolic", "Main Menu", "win.open", -1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-contract", "x", kpi_id));
  session = wait_for_contract (window, kpi_id);
  g_assert_cmpstr (thr_session_get_contract_name (session), ==, "Missouri IM KPIs");
  /* The KPI contract has no data yet. */
  g_assert_cmpuint (thr_session_get_n_months (session), ==, 0);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-contract"), ==, kpi_id);

  /* Reloading keeps the contract shown. */
  thr_window_open_store (window, db);
  session = wait_for_contract (window, kpi_id);
  thr_test_close_window (window);

  /* The next window opens the contract shown last. */
  window = thr_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_contract (window, kpi_id);
  thr_test_close_window (window);

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  thr_test_remove_dir (dir);
}

/* A load started ahead of the window (ThrApplication's startup starts it
 * before GTK's) is the window's for its store: a result that came first
 * is shown as the window is made, one still running is taken over, and
 * one for another store is dropped. */
static void
test_preload (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-preload-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  ThrDemoOptions options;
  ThrSession *session;
  ThrWindow *window;
  gint64 demo_id;

  thr_demo_options_init (&options);
  options.n_months = 3;
  options.tasks_per_month = 400;
  options.calls_per_month = 1000;
  db = thr_test_make_demo_store (dir, &options, &demo_id);
  /* No such folder: its load fails at once, leaving nothing behind. */
  other = g_build_filename (dir, "missing", "other.db", NULL);

  g_settings_set_string (settings, "today-override", "2018-03-15");
  thr_window_preload (db);
  while (!_thr_window_preload_is_waiting ())
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  /* The day asked for changes now: a load made now would judge on it. */
  g_settings_set_string (settings, "today-override", "2018-03-20");
  window = thr_window_new (NULL, db);
  g_assert_false (_thr_window_preload_is_waiting ());
  session = wait_for_contract (window, demo_id);
  g_assert_cmpuint (thr_session_get_n_months (session), ==, 3);
  g_assert_cmpuint (thr_session_get_today (session), ==, thr_day_from_ymd (2018, 3, 15));
  thr_test_close_window (window);
  g_settings_set_string (settings, "today-override", "");

  thr_window_preload (db);
  window = thr_window_new (NULL, db);
  session = wait_for_contract (window, demo_id);
  g_assert_cmpstr (thr_session_get_path (session), ==, db);
  thr_test_close_window (window);

  thr_window_preload (other);
  window = thr_window_new (NULL, db);
  session = wait_for_contract (window, demo_id);
  g_assert_cmpstr (thr_session_get_path (session), ==, db);
  g_assert_false (_thr_window_preload_is_waiting ());
  thr_test_close_window (window);

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  thr_test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  thr_test_adw_init ();
  thr_core_init ();
  g_test_add_func ("/window-contracts/switch", test_switch);
  g_test_add_func ("/window-contracts/preload", test_preload);
  return g_test_run ();
}
