/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-metric-page-records.c — the records behind a recomputed figure
 *
 * For "within N days" metrics, the task records that missed their
 * deadline in the selected month: listed on demand (the first hundred
 * shown) and exported as CSV.
 */
#define G_LOG_DOMAIN "thr-metric-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "thr-metric-page-private.h"

gboolean
_thr_metric_page_has_records (const ThrMetric *metric)
{
  return metric != NULL && metric->compute.kind == THR_COMPUTE_WITHIN &&
         metric->compute.records == THR_RECORDS_TASKS && metric->subjects == NULL;
}

void
_thr_metric_page_clear_records (ThrMetricPage *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->records, g_ptr_array_unref);
  self->records_month = -1;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->records_list))))
    gtk_list_box_remove (self->records_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->records_list), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "metric.export-records", FALSE);
}

void
_thr_metric_page_update_records (ThrMetricPage *self)
{
  int selected = thr_chart_widget_get_selected (self->chart);
  g_autofree char *button = NULL;
  g_autofree char *text = NULL;
  const char *month;

  gtk_widget_set_visible (self->records_group, _thr_metric_page_has_records (self->metric) && selected >= 0);
  if (!_thr_metric_page_has_records (self->metric) || selected < 0 || selected == self->records_month)
    return;
  _thr_metric_page_clear_records (self);
  month = thr_session_get_month (self->session, selected);
  /* Translators: a month */
  button = g_strdup_printf (_("_List Them for %s"), month);
  gtk_button_set_label (self->records_button, button);
  gtk_button_set_use_underline (self->records_button, TRUE);
  text = g_strdup_printf (_("The task records behind the recomputed figure for %s that missed their deadline."), month);
  gtk_label_set_label (self->records_label, text);
}

static char *
format_day (guint32 day)
{
  return day ? thr_day_format (day) : g_strdup (_("still open"));
}

#define MAX_RECORD_ROWS 100

void
_thr_metric_page_list_records_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThrMetricPage *self = THR_METRIC_PAGE (widget);
  int selected = thr_chart_widget_get_selected (self->chart);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GPtrArray *records;

  if (!_thr_metric_page_has_records (self->metric) || selected < 0)
    return;
  _thr_metric_page_clear_records (self);
  records = thr_session_list_missed (self->session, selected, self->metric->id, &error);
  if (records == NULL)
    {
      gtk_label_set_label (self->records_label, error->message);
      return;
    }
  self->records = records;
  self->records_month = selected;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record missed its deadline in %s.",
                                       "%u records missed their deadline in %s.", records->len),
                          records->len, thr_session_get_month (self->session, selected));
  if (records->len > MAX_RECORD_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_(" The first %u are shown; the export has them all."), MAX_RECORD_ROWS);
      char *joined = g_strconcat (text, more, NULL);

      g_free (text);
      text = joined;
    }
  gtk_label_set_label (self->records_label, text);

  for (guint i = 0; i < MIN (records->len, MAX_RECORD_ROWS); i++)
    {
      const ThrMissedRecord *record = g_ptr_array_index (records, i);
      g_autofree char *received = format_day (record->received);
      g_autofree char *deadline = format_day (record->deadline);
      g_autofree char *completed = format_day (record->completed);
      g_autofree char *title = g_markup_printf_escaped ("%s · %s", record->task_id, record->type);
      /* Translators: three dates */
      g_autofree char *subtitle = g_strdup_printf (_("received %s · due %s · completed %s"),
                                                   received, deadline, completed);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->records_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->records_list), records->len > 0);
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
export_chosen_cb (GtkNativeDialog *native,
                  int              response,
                  ThrMetricPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->records != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GError) error = NULL;

      if (!thr_metric_page_write_records (self, file, &error))
        gtk_label_set_label (self->records_label, error->message);
    }
  g_object_unref (native);
  g_object_unref (self);
}

void
_thr_metric_page_export_records_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ThrMetricPage *self = THR_METRIC_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  if (self->records == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Export the Records"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s-%s-missed.csv", self->metric->id,
                          thr_session_get_month (self->session, self->records_month));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (export_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

GPtrArray *
thr_metric_page_get_records (ThrMetricPage *self)
{
  g_return_val_if_fail (THR_IS_METRIC_PAGE (self), NULL);
  return self->records;
}
