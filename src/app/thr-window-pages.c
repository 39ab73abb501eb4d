/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-pages.c — the content pages, each built on its first visit
 *
 * Only the overview is in the window's template: it is what the window
 * opens on.  The other pages (the metric list and a metric, the CAPs with
 * their editor, the deadlines, the ledger, the imports) are made when they
 * are first shown or asked for, and then handed the session the window
 * holds; the status pages that say why there is nothing to show, and the
 * loading page, come from thr-window-status.ui the same way.
 * Building them all before the first frame cost the launch about a third
 * of its time over a bare window (see README, Benchmarks).
 */
#define G_LOG_DOMAIN "thr-window"

#include "config.h"

#include "thr-window-private.h"

/* The status page NAME (its id in thr-window-status.ui), added to the
 * stack; NULL for a name that is none of them. */
static GtkWidget *
add_status_page (ThrWindow  *self,
                 const char *name)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { name, NULL };
  GtkWidget *page;

  if (!g_strv_contains ((const char * const[]) { "loading", "error", "no-contract", "no-data", NULL }, name))
    return NULL;
  builder = gtk_builder_new ();
  /* The program's own resource: a failure is a mistake in the build. */
  if (!gtk_builder_add_objects_from_resource (builder, "/io/github/thresholdapp/Threshold/thr-window-status.ui",
                                              ids, &error))
    g_error ("%s", error->message);
  page = GTK_WIDGET (gtk_builder_get_object (builder, name));
  /* Added while the builder still holds it. */
  gtk_stack_add_named (self->pages, page, name);
  if (g_str_equal (name, "loading"))
    {
      self->loading_page = ADW_STATUS_PAGE (page);
      _thr_window_preload_spinner_icon (self);
      self->check_bar = GTK_PROGRESS_BAR (gtk_builder_get_object (builder, "check_bar"));
      /* A check that started before the page was built. */
      _thr_window_show_check (self, self->check_fraction);
    }
  return page;
}

static GtkWidget *
make_page (ThrWindow  *self,
           const char *name)
{
  if (g_str_equal (name, "metrics"))
    {
      self->metrics_page = g_object_new (THR_TYPE_METRICS_PAGE, NULL);
      self->metrics_stale = TRUE;
      return GTK_WIDGET (self->metrics_page);
    }
  if (g_str_equal (name, "metric"))
    {
      self->metric_page = g_object_new (THR_TYPE_METRIC_PAGE, NULL);
      thr_metric_page_set_session (self->metric_page, self->session);
      return GTK_WIDGET (self->metric_page);
    }
  if (g_str_equal (name, "caps"))
    {
      self->caps_page = g_object_new (THR_TYPE_CAPS_PAGE, NULL);
      thr_caps_page_set_window_has_back (self->caps_page, _thr_window_is_folded (self));
      thr_caps_page_set_session (self->caps_page, self->session);
      return GTK_WIDGET (self->caps_page);
    }
  if (g_str_equal (name, "deadlines"))
    {
      self->deadlines_page = g_object_new (THR_TYPE_DEADLINES_PAGE, NULL);
      _thr_window_update_calendar (self);
      thr_deadlines_page_set_session (self->deadlines_page, self->session);
      return GTK_WIDGET (self->deadlines_page);
    }
  if (g_str_equal (name, "ledger"))
    {
      self->ledger_page = g_object_new (THR_TYPE_LEDGER_PAGE, NULL);
      thr_ledger_page_set_session (self->ledger_page, self->session);
      return GTK_WIDGET (self->ledger_page);
    }
  if (g_str_equal (name, "imports"))
    {
      self->imports_page = g_object_new (THR_TYPE_IMPORTS_PAGE, NULL);
      self->imports_stale = TRUE;
      return GTK_WIDGET (self->imports_page);
    }
  return NULL;
}

/* The page named NAME, built now if it was not yet; NULL for a name that
 * is no page. */
GtkWidget *
_thr_window_ensure_page (ThrWindow  *self,
                         const char *name)
{
  GtkWidget *page;

  g_assert (THR_IS_WINDOW (self));

  page = gtk_stack_get_child_by_name (self->pages, name);
  if (page != NULL)
    return page;
  page = make_page (self, name);
  if (page == NULL)
    return add_status_page (self, name);
  gtk_stack_add_named (self->pages, page, name);
  return page;
}

/* A new session (or none) for every page built so far; the others take
 * it when they are built. */
void
_thr_window_pages_set_session (ThrWindow  *self,
                               ThrSession *session)
{
  g_assert (THR_IS_WINDOW (self));

  thr_overview_page_set_session (self->overview_page, session);
  if (self->metric_page != NULL)
    thr_metric_page_set_session (self->metric_page, session);
  if (self->caps_page != NULL)
    thr_caps_page_set_session (self->caps_page, session);
  if (self->deadlines_page != NULL)
    thr_deadlines_page_set_session (self->deadlines_page, session);
  if (self->ledger_page != NULL)
    thr_ledger_page_set_session (self->ledger_page, session);
  self->metrics_stale = TRUE;
  self->imports_stale = TRUE;
}
