/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-metrics-page.c — the contract's metrics, grouped by section
 *
 * Each row names a metric, its status in the window's month and its
 * target; activating it runs win.show-metric.
 */
#define G_LOG_DOMAIN "thr-metrics-page"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-format.h"
#include "thr-metrics-page.h"

struct _ThrMetricsPage
{
  AdwBin  parent_instance;
  guint   n_rows;
  guint   n_missed;
};

G_DEFINE_FINAL_TYPE (ThrMetricsPage, thr_metrics_page, ADW_TYPE_BIN)

static const char *
status_glyph (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MET:     return _("✓ met");
    case THR_STATUS_MISSED:  return _("✗ missed");
    case THR_STATUS_PENDING: return _("○ pending");
    case THR_STATUS_NO_DATA:
    default:                 return _("– no data");
    }
}

static const char *
status_class (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MET:    return "success";
    case THR_STATUS_MISSED: return "error";
    default:                return "dim-label";
    }
}

static void
thr_metrics_page_class_init (ThrMetricsPageClass *klass)
{
}

static void
thr_metrics_page_init (ThrMetricsPage *self)
{
}

void
thr_metrics_page_set_session (ThrMetricsPage *self,
                              ThrSession     *session,
                              guint           month)
{
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group = NULL;
  ThrContract *contract;
  const char *section = NULL;

  g_return_if_fail (THR_IS_METRICS_PAGE (self));

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (page));
  self->n_rows = self->n_missed = 0;
  contract = session ? thr_session_get_contract (session) : NULL;
  if (contract == NULL)
    return;

  for (guint i = 0; i < thr_contract_get_n_metrics (contract); i++)
    {
      const ThrMetric *metric = thr_contract_get_metric (contract, i);
      const ThrResult *result = thr_session_get_result (session, month, metric->id);
      ThrStatus status = result ? result->status : THR_STATUS_NO_DATA;
      g_autofree char *title = NULL;
      GtkWidget *row, *label;

      if (group == NULL || g_strcmp0 (section, metric->section) != 0)
        {
          g_autofree char *heading = NULL;

          section = metric->section;
          /* Translators: a contract section's letter */
          heading = g_strdup_printf (_("Section %s"), section);
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, heading);
          for (guint s = 0; s < thr_contract_get_n_sections (contract); s++)
            if (g_strcmp0 (thr_contract_get_section (contract, s)->id, section) == 0)
              adw_preferences_group_set_description (group, thr_contract_get_section (contract, s)->title);
          adw_preferences_page_add (page, group);
        }

      title = g_markup_printf_escaped ("%s  %s", metric->id, metric->title);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-metric");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(si)", metric->id, (gint32) month);
      if (result != NULL && result->value.present)
        {
          g_autofree char *subtitle = NULL;
          g_autofree char *value = thr_format_value (metric->unit, result->value.value);

          /* Translators: value, then the period it covers */
          subtitle = g_strdup_printf (_("%s in %s%s"), value, result->period_label,
                                      result->to_date ? _(" so far") : "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      label = gtk_label_new (status_glyph (status));
      gtk_widget_add_css_class (label, status_class (status));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      adw_preferences_group_add (group, row);
      self->n_rows++;
      self->n_missed += status == THR_STATUS_MISSED;
    }
}

guint
thr_metrics_page_get_n_rows (ThrMetricsPage *self)
{
  g_return_val_if_fail (THR_IS_METRICS_PAGE (self), 0);
  return self->n_rows;
}

guint
thr_metrics_page_get_n_missed (ThrMetricsPage *self)
{
  g_return_val_if_fail (THR_IS_METRICS_PAGE (self), 0);
  return self->n_missed;
}
