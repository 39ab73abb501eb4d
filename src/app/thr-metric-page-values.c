/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-metric-page-values.c — a metric's values month by month, as a table
 *
 * Month, status, the contractor's reported figure and Threshold's
 * recomputed one, newest month first and sortable by any column: each
 * cell is the session's result written through the core's formatting,
 * each sort key the figure itself.  A month whose two figures differ by
 * more than the contract's tolerance (the core's discrepancy) is marked.
 */
#define G_LOG_DOMAIN "thr-metric-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "thr-metric-page-private.h"

enum {
  VALUE_MONTH,
  VALUE_STATUS,
  VALUE_REPORTED,
  VALUE_RECOMPUTED,
  N_VALUE_COLUMNS
};

void
_thr_metric_page_setup_values (ThrMetricPage *self)
{
  thr_table_view_add_column (self->values_view, _("Month"), FALSE);
  thr_table_view_add_column (self->values_view, _("Status"), FALSE);
  thr_table_view_add_column (self->values_view, _("Reported"), TRUE);
  thr_table_view_add_column (self->values_view, _("Recomputed"), TRUE);
}

static double
figure_key (const ThrFigure *figure)
{
  return figure->present ? figure->value : NAN;
}

static ThrTableItem *
value_item (ThrMetricPage   *self,
            guint            month,
            const ThrResult *result)
{
  ThrTableItem *item = thr_table_item_new (N_VALUE_COLUMNS);
  g_autofree char *reported = _thr_metric_page_format_figure (self->metric, &result->reported);
  g_autofree char *computed = _thr_metric_page_format_figure (self->metric, &result->computed);
  g_autofree char *words = NULL;
  ThrPeriod period;

  if (thr_period_parse (thr_session_get_month (self->session, month), &period, NULL))
    words = thr_period_format_words (&period);
  thr_table_item_set (item, VALUE_MONTH, words ? words : thr_session_get_month (self->session, month), month, NULL);
  /* Missed first when sorted ascending: the worst status is the smallest key. */
  thr_table_item_set (item, VALUE_STATUS, _thr_metric_page_status_label (result->status),
                      -thr_status_severity (result->status),
                      result->status == THR_STATUS_MISSED ? "error" : NULL);
  thr_table_item_set (item, VALUE_REPORTED, reported, figure_key (&result->reported), NULL);
  thr_table_item_set (item, VALUE_RECOMPUTED, computed, figure_key (&result->computed),
                      result->discrepancy ? "warning" : NULL);
  if (result->discrepancy)
    thr_table_item_set_tooltip (item, VALUE_RECOMPUTED,
                                _("Differs from the reported figure by more than the contract's tolerance"));
  return item;
}

void
_thr_metric_page_fill_values (ThrMetricPage *self)
{
  g_autoptr(GListStore) items = g_list_store_new (THR_TYPE_TABLE_ITEM);
  guint n_months = thr_session_get_n_months (self->session);
  g_autofree char *label = NULL;

  /* Newest month first, as the page reads. */
  for (guint m = n_months; m-- > 0;)
    {
      const ThrResult *result = thr_session_get_result (self->session, m, self->metric->id);
      g_autoptr(ThrTableItem) item = NULL;

      if (result == NULL)
        continue;
      item = value_item (self, m, result);
      g_list_store_append (items, item);
    }
  thr_table_view_set_items (self->values_view, G_LIST_MODEL (items));
  self->n_values = g_list_model_get_n_items (G_LIST_MODEL (items));
  /* Translators: the accessible name of a metric's table of values */
  label = g_strdup_printf (_("Values of %s"), self->metric->id);
  thr_table_view_set_label (self->values_view, label);
}
