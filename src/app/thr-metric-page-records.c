/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-metric-page-records.c — the records behind a recomputed figure
 *
 * For "within N days" metrics, the task records that missed their
 * deadline in the selected month: listed on demand in a sortable table
 * (the first hundred shown) with the days each was late, and exported
 * as CSV.
 */
#define G_LOG_DOMAIN "thr-metric-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "thr-alert.h"
#include "thr-file-chooser.h"
#include "thr-metric-page-private.h"

/* "April 2018" for the session's month index: headings and prose say
 * months in words. */
static char *
month_words (ThrMetricPage *self,
             int            month)
{
  return thr_period_label_to_words (thr_session_get_month (self->session, month));
}

gboolean
_thr_metric_page_has_records (const ThrMetric *metric)
{
  return metric != NULL && metric->compute.kind == THR_COMPUTE_WITHIN &&
         metric->compute.records == THR_RECORDS_TASKS && metric->subjects == NULL;
}

void
_thr_metric_page_clear_records (ThrMetricPage *self)
{
  g_clear_pointer (&self->records, g_ptr_array_unref);
  self->records_month = -1;
  thr_table_view_set_items (self->records_view, NULL);
  gtk_widget_set_visible (self->records_frame, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "metric.export-records", FALSE);
}

void
_thr_metric_page_update_records (ThrMetricPage *self)
{
  int selected = thr_chart_widget_get_selected (self->chart);
  g_autofree char *button = NULL;
  g_autofree char *text = NULL;
  g_autofree char *month = NULL;

  gtk_widget_set_visible (self->records_group, _thr_metric_page_has_records (self->metric) && selected >= 0);
  if (!_thr_metric_page_has_records (self->metric) || selected < 0 || selected == self->records_month)
    return;
  _thr_metric_page_clear_records (self);
  month = month_words (self, selected);
  /* Translators: a month */
  button = g_strdup_printf (_("_List Them for %s"), month);
  gtk_button_set_label (self->records_button, button);
  gtk_button_set_use_underline (self->records_button, TRUE);
  /* The label wraps rather than widen the page past what a 360 px window
   * gives it ("List Them for September 2018" beside Export…). */
  if (GTK_IS_LABEL (gtk_button_get_child (self->records_button)))
    gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (self->records_button)), TRUE);
  text = g_strdup_printf (_("The task records behind the recomputed figure for %s that missed their deadline."), month);
  gtk_label_set_label (self->records_label, text);
}

static char *
format_day (guint32 day)
{
  return day ? thr_day_format (day) : g_strdup (_("still open"));
}

#define MAX_RECORD_ROWS 100

enum {
  RECORD_TASK,
  RECORD_TYPE,
  RECORD_RECEIVED,
  RECORD_DUE,
  RECORD_COMPLETED,
  RECORD_DAYS_LATE,
  N_RECORD_COLUMNS
};

void
_thr_metric_page_setup_records (ThrMetricPage *self)
{
  thr_table_view_add_column (self->records_view, _("Task"), FALSE);
  thr_table_view_add_column (self->records_view, _("Type"), FALSE);
  thr_table_view_add_column (self->records_view, _("Received"), FALSE);
  thr_table_view_add_column (self->records_view, _("Due"), FALSE);
  thr_table_view_add_column (self->records_view, _("Completed"), FALSE);
  thr_table_view_add_column (self->records_view, _("Days Late"), TRUE);
}

static void
set_day (ThrTableItem *item,
         guint         column,
         guint32       day)
{
  g_autofree char *text = format_day (day);

  thr_table_item_set (item, column, text, day ? (double) day : NAN, NULL);
}

/* A record that missed its deadline: its dates, and the days late the
 * core counts (to its completion, or to today while it is open). */
static ThrTableItem *
record_item (ThrMetricPage         *self,
             const ThrMissedRecord *record)
{
  ThrTableItem *item = thr_table_item_new (N_RECORD_COLUMNS);
  guint32 days_late = thr_missed_record_days_late (record, thr_session_get_today (self->session));
  g_autofree char *late = thr_format_number (days_late, 0);

  thr_table_item_set (item, RECORD_TASK, record->task_id, NAN, NULL);
  thr_table_item_set (item, RECORD_TYPE, record->type, NAN, NULL);
  set_day (item, RECORD_RECEIVED, record->received);
  set_day (item, RECORD_DUE, record->deadline);
  set_day (item, RECORD_COMPLETED, record->completed);
  thr_table_item_set (item, RECORD_DAYS_LATE, late, days_late, record->completed == 0 ? "error" : NULL);
  return item;
}

void
_thr_metric_page_list_records_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThrMetricPage *self = THR_METRIC_PAGE (widget);
  int selected = thr_chart_widget_get_selected (self->chart);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  g_autofree char *words = NULL;
  GPtrArray *records;

  if (!_thr_metric_page_has_records (self->metric) || selected < 0)
    return;
  _thr_metric_page_clear_records (self);
  records = thr_session_list_missed (self->session, selected, self->metric->id, &error);
  if (records == NULL)
    {
      g_autofree char *said = thr_alert_describe_store_error (error,
                                                              thr_store_get_path (thr_session_get_store (self->session)));

      gtk_label_set_label (self->records_label, said);
      return;
    }
  self->records = records;
  self->records_month = selected;
  count = thr_format_number (records->len, 0);
  words = month_words (self, selected);
  /* Translators: a count (with its thousands separators), a month */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record missed its deadline in %s.",
                                       "%s records missed their deadline in %s.", records->len),
                          count, words);
  if (records->len > MAX_RECORD_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_(" The first %u are shown; the export has them all."), MAX_RECORD_ROWS);
      char *joined = g_strconcat (text, more, NULL);

      g_free (text);
      text = joined;
    }
  gtk_label_set_label (self->records_label, text);

  {
    g_autoptr(GListStore) items = g_list_store_new (THR_TYPE_TABLE_ITEM);
    g_autofree char *label = NULL;

    for (guint i = 0; i < MIN (records->len, MAX_RECORD_ROWS); i++)
      {
        g_autoptr(ThrTableItem) item = record_item (self, g_ptr_array_index (records, i));

        g_list_store_append (items, item);
      }
    thr_table_view_set_items (self->records_view, G_LIST_MODEL (items));
    /* Translators: the accessible name of the table: metric id, month */
    label = g_strdup_printf (_("Records of %s that missed their deadline in %s"), self->metric->id,
                             thr_session_get_month (self->session, selected));
    thr_table_view_set_label (self->records_view, label);
  }
  gtk_widget_set_visible (self->records_frame, records->len > 0);
  gtk_widget_action_set_enabled (widget, "metric.export-records", TRUE);
}

gboolean
thr_metric_page_write_records (ThrMetricPage  *self,
                               GFile          *file,
                               GError        **error)
{
  g_autoptr(ThrExportTable) table = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), FALSE);
  g_return_val_if_fail (self->records != NULL, FALSE);

  table = thr_export_missed_table (self->records, thr_session_get_today (self->session));
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("The records can only be saved to a local file."));
      return FALSE;
    }
  return thr_export_table_write (table, THR_EXPORT_CSV, NULL, path, error);
}

static void
export_chosen_cb (GFile    *file,
                  gpointer  data)
{
  ThrMetricPage *self = data;
  g_autoptr(GError) error = NULL;

  if (file != NULL && self->records != NULL && !thr_metric_page_write_records (self, file, &error))
    gtk_label_set_label (self->records_label, error->message);
}

void
_thr_metric_page_export_records_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ThrMetricPage *self = THR_METRIC_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  ThrFileChooserOptions options = { _("Export the Records"), _("_Export"), NULL, NULL, NULL };

  if (self->records == NULL)
    return;
  name = g_strdup_printf ("%s-%s-missed.csv", self->metric->id,
                          thr_session_get_month (self->session, self->records_month));
  options.initial_name = name;
  thr_file_chooser_save (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &options, export_chosen_cb,
                         g_object_ref (self), g_object_unref);
}

GPtrArray *
thr_metric_page_get_records (ThrMetricPage *self)
{
  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), NULL);
  return self->records;
}
