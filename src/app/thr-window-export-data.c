/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-export-data.c — exports from the window: tables, the
 * calendar, the chart
 *
 * win.export-data (s WHAT) asks for a file (thr-file-chooser.c) and then
 * activates win.write-data (WHAT, path), which the tests activate
 * directly.  WHAT is one of: metrics-xlsx, metrics-csv (the month shown),
 * ledger-xlsx, ledger-csv, grid-xlsx, grid-csv (every month of the store),
 * deadlines-ics, chart-png, chart-svg, chart-pdf (the metric shown, over
 * every month).  The file is written in a worker thread with its own store
 * connection by the same core functions `threshold-cli export` and
 * `deadlines --format ics` call (thr_export_*_table, thr_export_table_write,
 * thr_export_deadlines_ics_write, thr_drawing_export), so the window and
 * the CLI write the same file.  Then a toast offers to open it
 * (win.open-exported: GtkFileLauncher, or the default application for the
 * file's type on GTK 4.8).
 */
#define G_LOG_DOMAIN "thr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-file-chooser.h"
#include "thr-window-private.h"

typedef enum {
  DATA_METRICS,
  DATA_LEDGER,
  DATA_GRID,
  DATA_DEADLINES,
  DATA_CHART,
} DataKind;

static const struct {
  const char *id;
  DataKind    kind;
  const char *suffix;
  const char *title;      /* the file chooser's */
  const char *filter;     /* the file filter's name */
  const char *mime;
} exports[] = {
  { "metrics-xlsx", DATA_METRICS, "xlsx", N_("Export the Month’s Metrics"), N_("Spreadsheets"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  { "metrics-csv", DATA_METRICS, "csv", N_("Export the Month’s Metrics"), N_("CSV files"), "text/csv" },
  { "ledger-xlsx", DATA_LEDGER, "xlsx", N_("Export the Ledger"), N_("Spreadsheets"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  { "ledger-csv", DATA_LEDGER, "csv", N_("Export the Ledger"), N_("CSV files"), "text/csv" },
  { "grid-xlsx", DATA_GRID, "xlsx", N_("Export the Compliance Grid"), N_("Spreadsheets"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  { "grid-csv", DATA_GRID, "csv", N_("Export the Compliance Grid"), N_("CSV files"), "text/csv" },
  { "deadlines-ics", DATA_DEADLINES, "ics", N_("Export the Deadlines"), N_("Calendars"), "text/calendar" },
  { "chart-png", DATA_CHART, "png", N_("Export the Chart"), N_("PNG images"), "image/png" },
  { "chart-svg", DATA_CHART, "svg", N_("Export the Chart"), N_("SVG images"), "image/svg+xml" },
  { "chart-pdf", DATA_CHART, "pdf", N_("Export the Chart"), N_("PDF documents"), "application/pdf" },
};

typedef struct {
  guint      index;        /* in exports[] */
  char      *db_path;
  gint64     contract_id;
  char      *contract_name;
  guint32    today;
  ThrPeriod  month;        /* the month shown */
  ThrPeriod  first;        /* the store's first month */
  guint      n_months;
  char      *metric;       /* the metric shown, for the chart */
  char      *path;
  guint      n_rows;       /* what was written */
  GError    *refusal;      /* the figures worked out, which a team store refused to keep */
} DataJob;

static void
data_job_free (DataJob *job)
{
  g_free (job->db_path);
  g_free (job->contract_name);
  g_free (job->metric);
  g_free (job->path);
  g_clear_error (&job->refusal);
  g_free (job);
}

static int
find_export (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    if (g_str_equal (exports[i].id, id))
      return i;
  return -1;
}

/* ------------------------------------------------------- in the worker */

static gboolean
write_table (DataJob         *job,
             ThrExportTable  *table,
             const char      *sheet,
             GError         **error)
{
  ThrExportFormat format = g_str_equal (exports[job->index].suffix, "xlsx") ? THR_EXPORT_XLSX : THR_EXPORT_CSV;

  if (table == NULL)
    return FALSE;
  job->n_rows = thr_export_table_get_n_rows (table);
  return thr_export_table_write (table, format, sheet, job->path, error);
}

static gboolean
write_metrics (DataJob       *job,
               ThrEvaluator  *evaluator,
               GError       **error)
{
  g_autoptr(GPtrArray) results = thr_evaluator_evaluate_month (evaluator, &job->month, NULL, error);
  g_autoptr(ThrExportTable) table = NULL;
  g_autofree char *label = thr_period_format (&job->month);
  g_autofree char *sheet = g_strdup_printf ("Metrics %s", label);

  if (results == NULL)
    return FALSE;
  table = thr_export_metrics_table (results);
  return write_table (job, table, sheet, error);
}

static gboolean
write_deadlines (DataJob    *job,
                 ThrStore   *store,
                 ThrLedger  *ledger,
                 GError    **error)
{
  g_autoptr(GPtrArray) caps = thr_cap_list (store, job->contract_id, ledger, error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (caps == NULL)
    return FALSE;
  items = thr_deadlines_collect (ledger, caps, job->today);
  job->n_rows = items->len;
  return thr_export_deadlines_ics_write (store, job->contract_id, job->contract_name, items,
                                         THR_ICS_FLAGS_NONE, now, job->path, error);
}

/* The metric's trend with its corrective windows, as threshold-cli export
 * chart draws it: 720 × 320 points, PNG at 2 pixels a point. */
static gboolean
write_chart (DataJob       *job,
             ThrEvaluator  *evaluator,
             ThrLedger     *ledger,
             GError       **error)
{
  g_autoptr(ThrReportTrend) trend = NULL;
  ThrDrawingFormat drawing;

  if (!thr_drawing_format_from_path (job->path, &drawing))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, _("A chart is saved as .png, .svg or .pdf"));
      return FALSE;
    }
  trend = thr_report_trend_new (evaluator, job->metric, &job->first, job->n_months, error);
  if (trend == NULL)
    return FALSE;
  thr_report_trend_add_windows (trend, ledger);
  job->n_rows = job->n_months;
  return thr_drawing_export (thr_report_trend_draw_cb, trend, 720, 320, drawing, 2.0, job->path, error);
}

static gboolean
write_data_from (DataJob   *job,
                 ThrStore  *store,
                 GError   **error)
{
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  DataKind kind = exports[job->index].kind;

  if (kind != DATA_LEDGER && kind != DATA_DEADLINES)
    {
      evaluator = thr_evaluator_new_for_store (store, job->contract_id, error);
      if (evaluator == NULL)
        return FALSE;
      thr_evaluator_set_today (evaluator, job->today);
    }
  if (kind == DATA_METRICS)
    return write_metrics (job, evaluator, error);
  if (kind == DATA_GRID)
    {
      g_autoptr(ThrExportTable) table = thr_export_grid_table (evaluator, &job->first, job->n_months, error);

      return write_table (job, table, "Compliance grid", error);
    }
  ledger = thr_ledger_compute_for_store (store, job->contract_id, NULL, NULL, job->today, error);
  if (ledger == NULL)
    return FALSE;
  if (kind == DATA_LEDGER)
    {
      g_autoptr(ThrExportTable) table = thr_export_ledger_table (ledger);

      return write_table (job, table, "Ledger", error);
    }
  if (kind == DATA_DEADLINES)
    return write_deadlines (job, store, ledger, error);
  return write_chart (job, evaluator, ledger, error);
}

/* The file is written all the same when a team store's server refuses to
 * keep the figures worked out for it (the evaluator and the ledger leave
 * the refusal on the store): the window says so once the file is saved,
 * as it does for the history's. */
static gboolean
write_data (DataJob  *job,
            GError  **error)
{
  g_autoptr(ThrStore) store = thr_store_open (job->db_path, error);

  if (store == NULL || !write_data_from (job, store, error))
    return FALSE;
  job->refusal = thr_store_take_keep_refusal (store);
  return TRUE;
}

static void
write_thread_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!write_data (task_data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---------------------------------------------------- on the main thread */

static void
show_exported (ThrWindow  *self,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *base = g_path_get_basename (path);
  /* Translators: a file's name */
  g_autofree char *text = g_strdup_printf (_("Saved %s"), base);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-exported");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  g_object_set_data_full (G_OBJECT (self), "thr-export-toast", g_object_ref (toast), g_object_unref);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ThrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  DataJob *job = g_task_get_task_data (G_TASK (result));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkWidget *dialog = thr_alert_new (_("The File Could Not Be Exported"), error->message);

      thr_alert_add_response (dialog, "close", _("_Close"));
      thr_alert_present (dialog, GTK_WIDGET (self));
      return;
    }
  show_exported (self, job->path);
  if (job->refusal != NULL)
    _thr_window_report_error (self, job->refusal);
}

/* The job for WHAT from what the window shows; NULL (with a toast saying
 * why) when there is nothing to export. */
static DataJob *
new_job (ThrWindow  *self,
         int         index,
         const char *path)
{
  DataJob *job;
  const char *metric = NULL;

  if (self->session == NULL || thr_session_get_contract_id (self->session) == 0 ||
      thr_session_get_n_months (self->session) == 0)
    {
      _thr_window_toast (self, _("Nothing to export yet: import a month first"));
      return NULL;
    }
  if (exports[index].kind == DATA_CHART)
    {
      metric = self->metric_page && g_strcmp0 (thr_window_get_page (self), "metric") == 0
               ? thr_metric_page_get_metric (self->metric_page) : NULL;
      if (metric == NULL)
        {
          _thr_window_toast (self, _("Open a metric to export its chart"));
          return NULL;
        }
    }
  job = g_new0 (DataJob, 1);
  job->index = index;
  job->db_path = g_strdup (self->db_path);
  job->contract_id = thr_session_get_contract_id (self->session);
  job->contract_name = g_strdup (thr_session_get_contract_name (self->session));
  job->today = thr_session_get_today (self->session);
  job->n_months = thr_session_get_n_months (self->session);
  job->metric = g_strdup (metric);
  job->path = g_strdup (path);
  thr_period_parse (thr_session_get_month (self->session, MAX (self->month, 0)), &job->month, NULL);
  thr_period_parse (thr_session_get_month (self->session, 0), &job->first, NULL);
  return job;
}

static void
write_data_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  g_autoptr(GTask) task = NULL;
  const char *what, *path;
  DataJob *job;
  int index;

  g_variant_get (param, "(&s&s)", &what, &path);
  index = find_export (what);
  g_return_if_fail (index >= 0);
  job = new_job (self, index, path);
  if (job == NULL)
    return;
  task = g_task_new (NULL, NULL, write_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) data_job_free);
  g_task_run_in_thread (task, write_thread_cb);
}

typedef struct
{
  ThrWindow *window;
  int        index;
} ExportChoice;

static void
export_choice_free (gpointer data)
{
  ExportChoice *choice = data;

  g_object_unref (choice->window);
  g_free (choice);
}

/* Writes the export chosen to FILE, with the format's suffix added if the
 * name lacks it; NULL (dismissed) writes nothing. */
static void
export_chosen_cb (GFile    *file,
                  gpointer  data)
{
  ExportChoice *choice = data;
  g_autofree char *dot_suffix = g_strconcat (".", exports[choice->index].suffix, NULL);
  g_autofree char *path = file != NULL ? thr_file_chooser_path_with_suffix (file, dot_suffix) : NULL;
  g_autoptr(GVariant) target = NULL;

  if (path == NULL)
    return;
  /* GTK 4.8 does not sink a floating parameter of a class action. */
  target = g_variant_ref_sink (g_variant_new ("(ss)", exports[choice->index].id, path));
  gtk_widget_activate_action_variant (GTK_WIDGET (choice->window), "win.write-data", target);
}

/* "Metrics 2019-12.xlsx", "Ledger.csv", "A.1.a chart.svg" … */
static char *
suggested_name (ThrWindow *self,
                int        index)
{
  const char *suffix = exports[index].suffix;

  switch (exports[index].kind)
    {
    case DATA_METRICS:
      return g_strdup_printf ("Metrics %s.%s", thr_session_get_month (self->session, MAX (self->month, 0)), suffix);
    case DATA_LEDGER:
      return g_strdup_printf ("Ledger.%s", suffix);
    case DATA_GRID:
      return g_strdup_printf ("Compliance grid.%s", suffix);
    case DATA_DEADLINES:
      return g_strdup_printf ("Deadlines.%s", suffix);
    case DATA_CHART:
    default:
      return g_strdup_printf ("%s chart.%s", thr_metric_page_get_metric (self->metric_page), suffix);
    }
}

static GtkFileFilter *
file_filter (int index)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _(exports[index].filter));
  gtk_file_filter_add_suffix (filter, exports[index].suffix);
  gtk_file_filter_add_mime_type (filter, exports[index].mime);
  return filter;
}

static void
export_data_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  int index = find_export (g_variant_get_string (param, NULL));
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) folder = _thr_window_documents_folder ();
  ThrFileChooserOptions options = { 0 };
  ExportChoice *choice;
  DataJob *check;

  g_return_if_fail (index >= 0);
  /* Say now, not after the dialog, that there is nothing to export. */
  check = new_job (self, index, "");
  if (check == NULL)
    return;
  data_job_free (check);
  suggested = suggested_name (self, index);
  filter = file_filter (index);
  options.title = _(exports[index].title);
  options.accept_label = _("_Save");
  options.initial_name = suggested;
  options.initial_folder = folder;
  options.filter = filter;
  choice = g_new0 (ExportChoice, 1);
  choice->window = g_object_ref (self);
  choice->index = index;
  thr_file_chooser_save (GTK_WINDOW (self), &options, export_chosen_cb, choice, export_choice_free);
}

/* An Open that failed (no program for the file, or the file moved or
 * deleted since it was written): a toast would say GIO's sentence and
 * vanish; the dialog names the file and where it is, and quotes GIO. */
typedef struct {
  ThrWindow *window;
  char      *uri;
} Launch;

static void
launch_free (Launch *launch)
{
  g_object_unref (launch->window);
  g_free (launch->uri);
  g_free (launch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Launch, launch_free)

static void
report_open_failure (Launch       *launch,
                     const GError *error)
{
  g_autoptr(GFile) file = g_file_new_for_uri (launch->uri);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *where = folder ? g_file_get_parse_name (folder) : g_strdup ("/");
  /* Translators: the first %s is a file's name, the second its folder. */
  g_autofree char *body = g_strdup_printf (_("“%s” in “%s” could not be opened. It may have been moved or deleted since it was exported, or no program on this computer opens files of its kind."),
                                           name, where);

  _thr_window_report_file_failure (launch->window, _("The Export Was Not Opened"), body, error);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Launch) launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    report_open_failure (launch, error);
}
#else
static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Launch) launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    report_open_failure (launch, error);
}
#endif

/* The toast's Open: the file in the program the desktop opens it with. */
static void
open_exported_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  const char *uri = g_variant_get_string (param, NULL);
  Launch *launch = g_new0 (Launch, 1);

  launch->window = g_object_ref (THR_WINDOW (widget));
  launch->uri = g_strdup (uri);
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GFile) file = g_file_new_for_uri (uri);
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

    gtk_file_launcher_launch (launcher, GTK_WINDOW (widget), NULL, launched_cb, launch);
  }
#else
  {
    g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));

    g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, launched_cb, launch);
  }
#endif
}

void
_thr_window_class_export_data_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-data", "s", export_data_cb);
  gtk_widget_class_install_action (widget_class, "win.write-data", "(ss)", write_data_cb);
  gtk_widget_class_install_action (widget_class, "win.open-exported", "s", open_exported_cb);
}

AdwToast *
thr_window_get_export_toast (ThrWindow *self)
{
  g_return_val_if_fail (THR_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), "thr-export-toast");
}
