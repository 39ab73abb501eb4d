/* thr-overview-page.c — counts for the chosen month and the compliance grid
 *
 * The month is the window's; the arrows here activate its
 * win.previous-month and win.next-month.  A grid cell activates
 * win.show-metric with its metric and month.
 */
#define G_LOG_DOMAIN "thr-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "thr-grid-widget.h"
#include "thr-overview-page.h"

struct _ThrOverviewPage
{
  GtkWidget      parent_instance;
  ThrSession    *session;
  guint          month;
  guint          counts[4];

  GtkLabel      *month_label;
  GtkLabel      *met_label;
  GtkLabel      *missed_label;
  GtkLabel      *pending_label;
  GtkLabel      *no_data_label;
  ThrGridWidget *grid;
  GtkSpinner    *history_spinner;
  GtkLabel      *history_label;
};

G_DEFINE_FINAL_TYPE (ThrOverviewPage, thr_overview_page, GTK_TYPE_WIDGET)

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_label (label, text);
}

static void
update_history (ThrOverviewPage *self)
{
  gboolean busy = self->session != NULL && !thr_session_is_complete (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->history_spinner), busy);
  gtk_spinner_set_spinning (self->history_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->history_label), busy);
}

static void
update (ThrOverviewPage *self)
{
  update_history (self);
  if (self->session == NULL || self->month >= thr_session_get_n_months (self->session))
    {
      memset (self->counts, 0, sizeof self->counts);
      gtk_label_set_label (self->month_label, "");
      return;
    }
  thr_session_count (self->session, self->month, self->counts);
  gtk_label_set_label (self->month_label, thr_session_get_month (self->session, self->month));
  set_count (self->met_label, self->counts[THR_STATUS_MET]);
  set_count (self->missed_label, self->counts[THR_STATUS_MISSED]);
  set_count (self->pending_label, self->counts[THR_STATUS_PENDING]);
  set_count (self->no_data_label, self->counts[THR_STATUS_NO_DATA]);
  thr_grid_widget_set_month (self->grid, self->month);
  thr_grid_widget_select (self->grid, 0, self->month);
}

static void
cell_activated_cb (ThrGridWidget   *grid,
                   const char      *metric,
                   guint            month,
                   ThrOverviewPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-metric", "(si)", metric, (gint32) month);
}

static void
thr_overview_page_dispose (GObject *object)
{
  ThrOverviewPage *self = THR_OVERVIEW_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_OVERVIEW_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (thr_overview_page_parent_class)->dispose (object);
}

static void
thr_overview_page_class_init (ThrOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thr_overview_page_dispose;

  g_type_ensure (THR_TYPE_GRID_WIDGET);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, met_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, missed_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, no_data_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, grid);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, history_spinner);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, history_label);
  gtk_widget_class_bind_template_callback (widget_class, cell_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
thr_overview_page_init (ThrOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
thr_overview_page_set_session (ThrOverviewPage *self,
                               ThrSession      *session)
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));

  g_set_object (&self->session, session);
  thr_grid_widget_set_session (self->grid, session);
  self->month = 0;
  update (self);
}

/* Months of the history have been evaluated: redraw the grid. */
void
thr_overview_page_refresh (ThrOverviewPage *self)
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));

  thr_grid_widget_set_session (self->grid, self->session);
  update (self);
}

void
thr_overview_page_set_month (ThrOverviewPage *self,
                             guint            month)
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));

  self->month = month;
  update (self);
}

void
thr_overview_page_get_counts (ThrOverviewPage *self,
                              guint            counts[4])
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));
  memcpy (counts, self->counts, sizeof self->counts);
}

GtkWidget *
thr_overview_page_get_grid (ThrOverviewPage *self)
{
  g_return_val_if_fail (THR_IS_OVERVIEW_PAGE (self), NULL);
  return GTK_WIDGET (self->grid);
}
