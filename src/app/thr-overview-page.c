/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-overview-page.c — counts for the chosen month and the compliance grid
 *
 * The month is the window's; the arrows here activate its
 * win.previous-month and win.next-month.  A grid cell activates
 * win.show-metric with its metric and month.  Money withheld, released
 * and retained (this month, and to date) and the CAP dates due soon come
 * from the session's ledger and deadlines once they are computed.
 */

#define DUE_SOON_DAYS 14
#define DUE_SOON_MAX  6
#define G_LOG_DOMAIN "thr-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "thr-format.h"
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
  GtkLabel      *money_status_label;
  GtkWidget     *money_box;
  /* withheld, released, held, retained: this month, then to date */
  GtkLabel      *money_labels[8];
  AdwPreferencesGroup *caps_group;
  GPtrArray     *caps_rows;
  ThrLedgerTotals month_totals;
  ThrLedgerTotals to_date;
  guint          n_due_soon;
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
set_money (GtkLabel *label,
           gboolean  to_date,
           gint64    cents)
{
  g_autofree char *money = thr_format_money (cents);
  /* Translators: an amount of money summed over every month so far */
  g_autofree char *text = to_date ? g_strdup_printf (_("%s to date"), money) : NULL;

  gtk_label_set_label (label, text ? text : money);
}

/* This month's withholding and its fate, then the same for every month up
 * to it: thr_ledger_sum(), the one sum the ledger page, the monthly report
 * and `ledger --format json` show too. */
static void
update_money (ThrOverviewPage *self)
{
  ThrLedger *ledger = self->session ? thr_session_get_ledger (self->session) : NULL;
  ThrPeriod month;

  memset (&self->month_totals, 0, sizeof self->month_totals);
  memset (&self->to_date, 0, sizeof self->to_date);
  gtk_widget_set_visible (self->money_box, ledger != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->money_status_label), ledger == NULL);
  if (ledger == NULL || self->month >= thr_session_get_n_months (self->session))
    return;
  if (!thr_period_parse (thr_session_get_month (self->session, self->month), &month, NULL))
    return;
  thr_ledger_sum (ledger, &month, &month, NULL, &self->month_totals);
  thr_ledger_sum (ledger, NULL, &month, NULL, &self->to_date);
  {
    const gint64 amounts[] = {
      self->month_totals.withheld, self->month_totals.released, self->month_totals.held, self->month_totals.retained,
      self->to_date.withheld, self->to_date.released, self->to_date.held, self->to_date.retained,
    };

    for (guint i = 0; i < 4; i++)
      {
        set_money (self->money_labels[i], FALSE, amounts[i]);
        set_money (self->money_labels[i + 4], TRUE, amounts[i + 4]);
      }
  }
}

static void
update_caps (ThrOverviewPage *self)
{
  GPtrArray *items = self->session ? thr_session_get_deadlines (self->session) : NULL;
  guint32 today = self->session ? thr_session_get_today (self->session) : 0;

  for (guint i = 0; i < self->caps_rows->len; i++)
    adw_preferences_group_remove (self->caps_group, g_ptr_array_index (self->caps_rows, i));
  g_ptr_array_set_size (self->caps_rows, 0);
  self->n_due_soon = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->caps_group), items != NULL);
  if (items == NULL)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);
      GtkWidget *row, *when;
      g_autofree char *relative = NULL;
      g_autofree char *title = NULL;

      if (item->cap_id == 0 || item->state == THR_DEADLINE_DONE ||
          (item->state == THR_DEADLINE_UPCOMING && item->day > today + DUE_SOON_DAYS))
        continue;
      self->n_due_soon++;
      if (self->caps_rows->len == DUE_SOON_MAX)
        continue;
      row = adw_action_row_new ();
      title = g_markup_escape_text (item->title, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      relative = thr_format_relative_day (item->day, today, item->state == THR_DEADLINE_OVERDUE);
      when = gtk_label_new (relative);
      gtk_widget_add_css_class (when, item->state == THR_DEADLINE_OVERDUE ? "error"
                                : item->state == THR_DEADLINE_DUE ? "warning" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), when);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-cap");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", item->cap_id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_preferences_group_add (self->caps_group, row);
      g_ptr_array_add (self->caps_rows, row);
    }
  if (self->n_due_soon == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No CAP date is due soon"));
      adw_preferences_group_add (self->caps_group, row);
      g_ptr_array_add (self->caps_rows, row);
    }
  else if (self->n_due_soon > self->caps_rows->len)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more on the Deadlines page",
                                                            "%u more on the Deadlines page",
                                                            self->n_due_soon - self->caps_rows->len),
                                               self->n_due_soon - self->caps_rows->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-page");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", "deadlines");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      adw_preferences_group_add (self->caps_group, row);
      g_ptr_array_add (self->caps_rows, row);
    }
}

static void
update (ThrOverviewPage *self)
{
  update_history (self);
  update_money (self);
  update_caps (self);
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
  g_clear_pointer (&self->caps_rows, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, money_status_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, money_box);
  gtk_widget_class_bind_template_child_full (widget_class, "withheld_label", FALSE,
                                             G_STRUCT_OFFSET (ThrOverviewPage, money_labels[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "released_label", FALSE,
                                             G_STRUCT_OFFSET (ThrOverviewPage, money_labels[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "held_label", FALSE,
                                             G_STRUCT_OFFSET (ThrOverviewPage, money_labels[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "retained_label", FALSE,
                                             G_STRUCT_OFFSET (ThrOverviewPage, money_labels[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "withheld_total_label", FALSE,
                                             G_STRUCT_OFFSET (ThrOverviewPage, money_labels[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "released_total_label", FALSE,
                                             G_STRUCT_OFFSET (ThrOverviewPage, money_labels[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "held_total_label", FALSE,
                                             G_STRUCT_OFFSET (ThrOverviewPage, money_labels[6]));
  gtk_widget_class_bind_template_child_full (widget_class, "retained_total_label", FALSE,
                                             G_STRUCT_OFFSET (ThrOverviewPage, money_labels[7]));
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, caps_group);
  gtk_widget_class_bind_template_callback (widget_class, cell_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
thr_overview_page_init (ThrOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->caps_rows = g_ptr_array_new ();
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

void
thr_overview_page_get_money (ThrOverviewPage *self,
                             ThrLedgerTotals *month,
                             ThrLedgerTotals *to_date)
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));
  *month = self->month_totals;
  *to_date = self->to_date;
}

guint
thr_overview_page_get_n_due_soon (ThrOverviewPage *self)
{
  g_return_val_if_fail (THR_IS_OVERVIEW_PAGE (self), 0);
  return self->n_due_soon;
}

const char *
thr_overview_page_get_money_text (ThrOverviewPage *self,
                                  guint            index)
{
  g_return_val_if_fail (THR_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (self->money_labels), NULL);
  return gtk_label_get_label (self->money_labels[index]);
}
