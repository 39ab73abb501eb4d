/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-metric-page.c — a metric's trend against its threshold, and why
 *
 * The chart shows every month of the session; its selected point (hover,
 * click or the arrow keys) drives the readout with the exact value,
 * numerator, denominator and period, and the explanation below.
 * For "within N days" metrics the records that missed their deadline
 * can be listed and exported (the drill-down behind the recomputed
 * figure).  The corrective windows of the metric's CAPs (from the
 * session's ledger) are shaded on the chart and listed under it; a
 * missed month offers "Start a CAP" (win.start-cap), which opens the CAP
 * that month's failure opened.
 */
#define G_LOG_DOMAIN "thr-metric-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "thr-chart-widget.h"
#include "thr-format.h"
#include "thr-menu-button.h"
#include "thr-metric-page-private.h"



G_DEFINE_FINAL_TYPE (ThrMetricPage, thr_metric_page, GTK_TYPE_WIDGET)

char *
_thr_metric_page_format_figure (const ThrMetric *metric,
                                const ThrFigure *figure)
{
  g_autofree char *value = NULL;
  GString *text;

  if (!figure->present)
    return g_strdup ("—");
  value = thr_format_value (metric->unit, figure->value);
  text = g_string_new (value);
  if (figure->has_ratio)
    {
      g_autofree char *numerator = thr_format_number (figure->numerator, -1);
      g_autofree char *denominator = thr_format_number (figure->denominator, -1);

      g_string_append_printf (text, " (%s / %s)", numerator, denominator);
    }
  if (figure->n_pending > 0)
    g_string_append_printf (text, _(", %u pending"), figure->n_pending);
  return g_string_free (text, FALSE);
}

const char *
_thr_metric_page_status_label (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MET:     return _("✓ Met");
    case THR_STATUS_MISSED:  return _("✗ Missed");
    case THR_STATUS_PENDING: return _("○ Pending");
    case THR_STATUS_NO_DATA:
    default:                 return _("– No data");
    }
}

static char *
describe_target (const ThrMetric *metric)
{
  g_autofree char *target = NULL;
  g_autofree char *lower = thr_format_number (metric->lower, -1);
  g_autofree char *upper = thr_format_number (metric->upper, -1);
  g_autofree char *tolerance = thr_format_number (metric->tolerance, -1);

  switch (metric->op)
    {
    case THR_OP_BETWEEN:
      target = metric->reference_low != NULL
               ? g_strdup (_("within the range published for each queue"))
               : g_strdup_printf (_("between %s and %s"), lower, upper);
      break;
    case THR_OP_WITHIN:
      target = g_strdup_printf (_("within %s of the reference"), tolerance);
      break;
    case THR_OP_GE:
    case THR_OP_GT:
    case THR_OP_LE:
    case THR_OP_LT:
    default:
      {
        g_autofree char *value = thr_format_value (metric->unit, metric->target);
        target = g_strdup_printf ("%s %s", thr_op_get_sign (metric->op), value);
      }
    }
  /* Translators: target, period kind (month, quarter…), section letter */
  return g_strdup_printf (_("Target %s · judged per %s · section %s"),
                          target, thr_period_kind_get_label (metric->period), metric->section);
}

static void
update_readout (ThrMetricPage *self)
{
  int selected = thr_chart_widget_get_selected (self->chart);
  const ThrResult *result = NULL;
  const char *explanation;

  g_clear_pointer (&self->readout, g_free);
  if (self->metric != NULL && selected >= 0)
    result = thr_session_get_result (self->session, selected, self->metric->id);
  gtk_widget_set_visible (GTK_WIDGET (self->cap_button), result != NULL && result->status == THR_STATUS_MISSED);
  if (result == NULL)
    {
      gtk_label_set_label (self->readout_label, "");
      gtk_label_set_label (self->explanation_label, "");
      return;
    }
  {
    g_autofree char *reported = _thr_metric_page_format_figure (self->metric, &result->reported);
    g_autofree char *computed = _thr_metric_page_format_figure (self->metric, &result->computed);
    const char *month_label = thr_session_get_month (self->session, selected);
    g_autofree char *month = thr_period_label_to_words (month_label);
    g_autofree char *period = thr_period_label_to_words (result->period_label);

    /* The period is said only when it is not the month itself: a
     * quarter, a year, a week, or a quarter to date. */
    if (g_strcmp0 (result->period_label, month_label) == 0 && !result->to_date)
      /* Translators: month, status, reported figure, recomputed figure */
      self->readout = g_strdup_printf (_("%s · %s · reported %s · recomputed %s"),
                                       month, _thr_metric_page_status_label (result->status), reported, computed);
    else
      /* Translators: month, status, period, reported figure, recomputed figure */
      self->readout = g_strdup_printf (_("%s · %s · period %s%s · reported %s · recomputed %s"),
                                       month, _thr_metric_page_status_label (result->status), period,
                                       result->to_date ? _(" (to date)") : "", reported, computed);
  }
  if (result->subject[0] != '\0')
    {
      /* Translators: per-subject metrics show their worst subject */
      char *with_subject = g_strdup_printf (_("%s · worst subject: %s"), self->readout, result->subject);

      g_free (self->readout);
      self->readout = with_subject;
    }
  gtk_label_set_label (self->readout_label, self->readout);
  explanation = thr_session_explain (self->session, selected, self->metric->id);
  gtk_label_set_label (self->explanation_label, explanation ? explanation : "");
  /* Screen readers hear the selected point as the chart's value. */
  {
    g_autofree char *description = g_strdup_printf ("%s %s", self->summary ? self->summary : "", self->readout);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  }
}

static void
selected_cb (ThrMetricPage *self)
{
  update_readout (self);
  _thr_metric_page_update_records (self);
}

static void
fill_chart (ThrMetricPage *self,
            int            month)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (ThrChartPoint));
  g_autoptr(GString) description = g_string_new (NULL);
  guint n_months = thr_session_get_n_months (self->session);
  guint counts[4] = { 0 };
  ThrChartData data;

  thr_chart_data_init_for_metric (&data, self->metric);
  data.selected = month;
  for (guint m = 0; m < n_months; m++)
    {
      const ThrResult *result = thr_session_get_result (self->session, m, self->metric->id);
      ThrChartPoint point = thr_chart_point_for_result (thr_session_get_month (self->session, m), result);

      if (result != NULL)
        counts[point.status]++;
      if (point.status == THR_STATUS_MISSED)
        g_string_append_printf (description, " %s", point.label);
      g_array_append_val (points, point);
    }
  data.points = (const ThrChartPoint *) points->data;
  data.n_points = points->len;
  g_autoptr(GArray) windows = g_array_new (FALSE, TRUE, sizeof (ThrChartWindow));
  /* The chart draws its own legend; this line names the corrective
   * periods it shades and how to choose a month. */
  g_autoptr(GString) legend = g_string_new (NULL);
  GPtrArray *caps = thr_session_get_caps (self->session);

  /* Each CAP's corrective window: the months after the failure, as far
   * as the session's months reach. */
  for (guint i = 0; caps != NULL && i < caps->len; i++)
    {
      const ThrCap *cap = g_ptr_array_index (caps, i);
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autofree char *failure_words = NULL;
      g_autofree char *first_words = NULL;
      g_autofree char *last_words = NULL;
      int from, to;

      if (cap->failure == NULL || g_strcmp0 (cap->metric, self->metric->id) != 0)
        continue;
      first = thr_period_format (&cap->failure->window_first);
      last = thr_period_format (&cap->failure->window_last);
      from = thr_session_find_month (self->session, first);
      to = thr_session_find_month (self->session, last);
      if (from < 0)
        continue;
      if (to < 0)
        to = n_months - 1;
      g_array_append_val (windows, ((ThrChartWindow) { from, to }));
      if (windows->len == 1)
        {
          g_string_append (legend, _("Corrective periods:"));
          g_string_append_c (legend, ' ');
        }
      else
        /* Translators: between two corrective periods in a list */
        g_string_append (legend, _("; "));
      failure_words = thr_period_label_to_words (cap->failure_month);
      first_words = thr_period_label_to_words (first);
      last_words = thr_period_label_to_words (last);
      /* Translators: a corrective window's failure month, its months and outcome */
      g_string_append_printf (legend, _("%s → %s–%s (%s)"), failure_words, first_words, last_words,
                              thr_cap_outcome_get_label (thr_cap_get_outcome (cap)));
    }
  if (legend->len > 0)
    g_string_append (legend, ". ");
  g_string_append (legend, _("Hover a month to see its figures; click it, or focus the chart and use the arrow keys, to choose it."));
  gtk_label_set_label (self->legend_label, legend->str);
  self->n_windows = windows->len;
  data.windows = (const ThrChartWindow *) windows->data;
  data.n_windows = windows->len;
  thr_chart_widget_set_data (self->chart, &data);

  {
    /* Translators: metric id, months, then counts; missed months follow */
    g_autofree char *text = g_strdup_printf (_("%s over %u months: %u met, %u missed, %u pending, %u without data. Missed:%s"),
                                             self->metric->id,
                                             counts[0] + counts[1] + counts[2] + counts[3],
                                             counts[THR_STATUS_MET],
                                             counts[THR_STATUS_MISSED], counts[THR_STATUS_PENDING],
                                             counts[THR_STATUS_NO_DATA],
                                             description->len ? description->str : _(" none"));
    g_autofree char *label = g_strdup_printf (_("Trend of %s"), thr_metric_get_label (self->metric));

    g_free (self->summary);
    self->summary = g_strdup (text);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  }
}

/* A month chosen on the chart becomes the window's month, so its heading
 * names the month the page acts on. */
static void
point_chosen_cb (ThrMetricPage *self,
                 int            index)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-month", "i", (gint32) index);
}

static void
start_cap_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThrMetricPage *self = THR_METRIC_PAGE (widget);
  int selected = thr_chart_widget_get_selected (self->chart);

  if (self->metric != NULL && selected >= 0)
    gtk_widget_activate_action (widget, "win.start-cap", "(si)", self->metric->id, (gint32) selected);
}

static void
thr_metric_page_dispose (GObject *object)
{
  ThrMetricPage *self = THR_METRIC_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_METRIC_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->readout, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  G_OBJECT_CLASS (thr_metric_page_parent_class)->dispose (object);
}

static void
thr_metric_page_class_init (ThrMetricPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thr_metric_page_dispose;

  g_type_ensure (THR_TYPE_CHART_WIDGET);
  g_type_ensure (THR_TYPE_TABLE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-metric-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, target_label);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, chart);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, readout_label);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, clause_label);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, values_view);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, records_group);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, records_button);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, records_label);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, records_frame);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, records_view);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, cap_button);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricPage, chart_export_menu);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
  gtk_widget_class_install_action (widget_class, "metric.list-records", NULL, _thr_metric_page_list_records_cb);
  gtk_widget_class_install_action (widget_class, "metric.export-records", NULL, _thr_metric_page_export_records_cb);
  gtk_widget_class_install_action (widget_class, "metric.start-cap", NULL, start_cap_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
thr_metric_page_init (ThrMetricPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  thr_menu_button_give_menu_on_open (self->export_button, self->chart_export_menu);
  _thr_metric_page_setup_values (self);
  _thr_metric_page_setup_records (self);
  g_signal_connect_object (self->chart, "point-chosen", G_CALLBACK (point_chosen_cb), self, G_CONNECT_SWAPPED);
  self->records_month = -1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "metric.export-records", FALSE);
}

void
thr_metric_page_set_session (ThrMetricPage *self,
                             ThrSession    *session)
{
  g_return_if_fail (THR_IS_METRIC_PAGE (self));

  g_set_object (&self->session, session);
  self->metric = NULL;
  _thr_metric_page_clear_records (self);
}

void
thr_metric_page_show (ThrMetricPage *self,
                      const char    *metric_id,
                      guint          month)
{
  ThrContract *contract;
  g_autofree char *title = NULL;
  g_autofree char *target = NULL;

  g_return_if_fail (THR_IS_METRIC_PAGE (self));
  g_return_if_fail (self->session != NULL);

  contract = thr_session_get_contract (self->session);
  self->metric = contract ? thr_contract_find_metric (contract, metric_id) : NULL;
  if (self->metric == NULL)
    return;

  title = g_strdup_printf ("%s  %s", self->metric->id, thr_metric_get_label (self->metric));
  target = describe_target (self->metric);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->target_label, target);
  gtk_label_set_label (self->clause_label, self->metric->clause ? self->metric->clause : "");
  _thr_metric_page_clear_records (self);
  fill_chart (self, month);
  _thr_metric_page_fill_values (self);
  update_readout (self);
  _thr_metric_page_update_records (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* More months have been evaluated: refill the chart and the values,
 * keeping the selected point and the scroll position. */
void
thr_metric_page_refresh (ThrMetricPage *self)
{
  GtkAdjustment *adjustment;
  double scroll;
  int selected;

  g_return_if_fail (THR_IS_METRIC_PAGE (self));

  if (self->metric == NULL || self->session == NULL)
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  scroll = gtk_adjustment_get_value (adjustment);
  selected = thr_chart_widget_get_selected (self->chart);
  fill_chart (self, selected);
  _thr_metric_page_fill_values (self);
  update_readout (self);
  gtk_adjustment_set_value (adjustment, scroll);
}

const char *
thr_metric_page_get_metric (ThrMetricPage *self)
{
  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), NULL);
  return self->metric ? self->metric->id : NULL;
}

const char *
thr_metric_page_get_legend (ThrMetricPage *self)
{
  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), NULL);

  return gtk_label_get_label (self->legend_label);
}

const char *
thr_metric_page_get_readout (ThrMetricPage *self)
{
  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), NULL);
  return self->readout;
}

const char *
thr_metric_page_get_explanation (ThrMetricPage *self)
{
  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), NULL);
  return gtk_label_get_label (self->explanation_label);
}

GtkWidget *
thr_metric_page_get_chart (ThrMetricPage *self)
{
  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), NULL);
  return GTK_WIDGET (self->chart);
}

guint
thr_metric_page_get_n_values (ThrMetricPage *self)
{
  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), 0);
  return self->n_values;
}


guint
thr_metric_page_get_n_windows (ThrMetricPage *self)
{
  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), 0);
  return self->n_windows;
}
