/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-export.c — documents from the window
 *
 * The CAP draft and the monthly performance report as PDF, and both
 * printed.  The Export actions ask for a file (thr-file-chooser.c) and
 * then activate the write actions (win.write-cap-pdf,
 * win.write-month-pdf) with the path chosen: those write through the
 * core's thr_report_*_write_for_store, which threshold-cli report uses, so
 * the app and the CLI make the same document.  They can be activated
 * without a dialog, as the tests do.  The document is written in a worker
 * thread with its own store connection (evaluating the trend's months and
 * the ledger takes a while on a large store); once it is, a toast says
 * so, or a dialog (thr-alert.c) says why it could not be.
 *
 * Printing (the CAP, or the month shown) builds the same ThrDocument on
 * the main thread, with the window's ledger, and hands it to
 * GtkPrintOperation (thr-print.c), which draws it with the code that
 * writes the PDF.
 */
#define G_LOG_DOMAIN "thr-window-export"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-file-chooser.h"
#include "thr-print.h"
#include "thr-window-private.h"

/* What the window judges by: its "today" and, once computed, its ledger
 * (which saves computing it again; main thread only). */
static ThrReportStoreOptions
report_options (ThrWindow *self)
{
  ThrReportStoreOptions options = { 0 };

  options.today = thr_session_get_today (self->session);
  if (thr_session_has_consequences (self->session))
    options.ledger = thr_session_get_ledger (self->session);
  return options;
}

typedef struct {
  char      *db_path;
  gint64     contract_id;
  guint32    today;
  gint64     cap_id;     /* 0 for the monthly report */
  ThrPeriod  month;
  char      *path;
  GError    *refusal;    /* the figures worked out, which a team store refused to keep */
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_clear_error (&job->refusal);
  g_free (job);
}

/* A document is made all the same when a team store's server refuses to
 * keep the figures worked out for it (the evaluator leaves the refusal on
 * the store); the window says so, as it does for the history's. */
static void
report_keep_refusal (ThrWindow *self,
                     ThrStore  *store)
{
  g_autoptr(GError) refusal = thr_store_take_keep_refusal (store);

  if (refusal != NULL)
    _thr_window_report_error (self, refusal);
}

static void
show_failure (ThrWindow  *self,
              const char *heading,
              const char *message)
{
  GtkWidget *dialog = thr_alert_new (heading, message);

  thr_alert_add_response (dialog, "close", _("_Close"));
  thr_alert_present (dialog, GTK_WIDGET (self));
}

/* A document that could not be made.  A team store's errors name the
 * store first (a server's refusal or failure; a contract its row-level
 * security no longer shows the role): said in our words, what followed
 * the address quoted apart, as the window's other failures.  Any other
 * error (a file that cannot be written, the printing system's) says it. */
static void
show_document_failure (ThrWindow    *self,
                       const char   *heading,
                       const GError *error)
{
  g_autofree char *words = NULL;
  GtkWidget *dialog;

  if (error == NULL)
    {
      show_failure (self, heading, _("The printing system gave no reason."));
      return;
    }
  words = thr_alert_server_words (error->message);
  if (!thr_store_is_team_address (self->db_path) || g_str_equal (words, error->message))
    {
      show_failure (self, heading, error->message);
      return;
    }
  dialog = thr_alert_new_with_quote (heading,
                                     _("The document could not be read from the team store, so nothing was made. "
                                       "Try again when its server is back; if it refused, whoever runs it can say "
                                       "why from its words below."), words);
  thr_alert_add_response (dialog, "close", _("_Close"));
  thr_alert_present (dialog, GTK_WIDGET (self));
}

static void
show_written (ThrWindow  *self,
              const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  /* Translators: a document's file name */
  g_autofree char *text = g_strdup_printf (_("Saved %s"), base);

  _thr_window_toast (self, text);
}

static gboolean
has_store (ThrWindow *self)
{
  return self->session != NULL && thr_session_get_contract_id (self->session) != 0;
}

/* --------------------------------------------------- writing a document */

static void
write_thread_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (job->db_path, &error);
  ThrReportStoreOptions options = { 0 };
  gboolean written;

  /* The session's ledger belongs to the main thread: this one computes
   * its own, for the same day. */
  options.today = job->today;
  if (store == NULL)
    written = FALSE;
  else if (job->cap_id != 0)
    written = thr_report_cap_write_for_store (store, job->contract_id, job->cap_id, job->path, &options, &error);
  else
    written = thr_report_month_write_for_store (store, job->contract_id, &job->month, job->path, &options, &error);
  if (written)
    job->refusal = thr_store_take_keep_refusal (store);
  if (!written)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ThrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  WriteJob *job = g_task_get_task_data (G_TASK (result));

  /* A window closed meanwhile has nobody to tell. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_document_failure (self, job->cap_id != 0 ? _("The CAP Could Not Be Exported")
                                                  : _("The Monthly Report Could Not Be Exported"), error);
  else
    show_written (self, job->path);
  if (job->refusal != NULL)
    _thr_window_report_error (self, job->refusal);
}

static void
start_write (ThrWindow       *self,
             gint64           cap_id,
             const ThrPeriod *month,
             const char      *path)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job = g_new0 (WriteJob, 1);

  job->db_path = g_strdup (self->db_path);
  job->contract_id = thr_session_get_contract_id (self->session);
  job->today = thr_session_get_today (self->session);
  job->cap_id = cap_id;
  if (month != NULL)
    job->month = *month;
  job->path = g_strdup (path);
  task = g_task_new (NULL, NULL, write_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread_cb);
}

/* ------------------------------------------------------- choosing a file */

typedef struct
{
  ThrWindow  *window;
  const char *action;
  GVariant   *first;
} PdfChoice;

static void
pdf_choice_free (gpointer data)
{
  PdfChoice *choice = data;

  g_object_unref (choice->window);
  g_variant_unref (choice->first);
  g_free (choice);
}

static void
pdf_chosen_cb (GFile    *file,
               gpointer  data)
{
  PdfChoice *choice = data;
  g_autofree char *path = file != NULL ? thr_file_chooser_path_with_suffix (file, ".pdf") : NULL;

  if (path != NULL)
    {
      /* GTK 4.8 does not sink a floating parameter of a class action
       * (LeakSanitizer saw it), so it is held here. */
      g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new ("(@*s)", choice->first, path));

      gtk_widget_activate_action_variant (GTK_WIDGET (choice->window), choice->action, target);
    }
}

GFile *
_thr_window_documents_folder (void)
{
  const char *dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_file_new_for_path (dir);
}

/* Asks where to save a PDF, then activates @action with (@target, path). */
static void
choose_pdf (ThrWindow  *self,
            const char *title,
            const char *suggested,
            const char *action,
            GVariant   *target)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = _thr_window_documents_folder ();
  ThrFileChooserOptions options = { title, _("_Save"), suggested, folder, filter };
  PdfChoice *choice = g_new0 (PdfChoice, 1);

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  choice->window = g_object_ref (self);
  choice->action = action;
  choice->first = g_variant_ref_sink (target);
  thr_file_chooser_save (GTK_WINDOW (self), &options, pdf_chosen_cb, choice, pdf_choice_free);
}

/* ------------------------------------------------------------ the CAP */

static void
export_cap_pdf_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  gint64 cap_id = g_variant_get_int64 (param);
  const ThrCap *cap = has_store (self) ? thr_session_get_cap_by_id (self->session, cap_id) : NULL;
  g_autofree char *suggested = NULL;

  if (cap == NULL)
    return;
  /* Identifiers only, as threshold-cli report cap names the CAP. */
  suggested = g_strdup_printf ("CAP-%" G_GINT64_FORMAT " %s %s.pdf", cap->id, cap->metric, cap->failure_month);
  choose_pdf (self, _("Export the CAP as PDF"), suggested, "win.write-cap-pdf", g_variant_new_int64 (cap_id));
}

static void
write_cap_pdf_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  const char *path;
  gint64 cap_id;

  g_variant_get (param, "(x&s)", &cap_id, &path);
  if (has_store (self) && cap_id > 0)
    start_write (self, cap_id, NULL, path);
}

/* Prints a document just built and takes it (NULL when building failed),
 * or exports it to export_path as the print dialog's "Print to File" would. */
static GtkPrintOperationResult
print_built (ThrWindow    *self,
             ThrDocument  *doc,
             const char   *export_path,
             GError      **error)
{
  if (doc == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  return thr_print_document (doc, GTK_WINDOW (self),
                             export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                             export_path, error);
}

GtkPrintOperationResult
thr_window_print_cap (ThrWindow   *self,
                      gint64       cap_id,
                      const char  *export_path,
                      GError     **error)
{
  ThrReportStoreOptions options;
  ThrDocument *doc;

  g_return_val_if_fail (THR_IS_WINDOW (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (!has_store (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No store is open"));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  options = report_options (self);
  doc = thr_report_cap_build_for_store (thr_session_get_store (self->session),
                                        thr_session_get_contract_id (self->session), cap_id, &options, error);
  report_keep_refusal (self, thr_session_get_store (self->session));
  return print_built (self, doc, export_path, error);
}

static void
print_cap_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (thr_window_print_cap (self, g_variant_get_int64 (param), NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_document_failure (self, _("The CAP Could Not Be Printed"), error);
}

/* ------------------------------------------------- the monthly report */

GtkPrintOperationResult
thr_window_print_month (ThrWindow   *self,
                        const char  *export_path,
                        GError     **error)
{
  ThrReportStoreOptions options;
  ThrDocument *doc;
  ThrPeriod month;

  g_return_val_if_fail (THR_IS_WINDOW (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (!has_store (self) || self->month < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No store is open"));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  if (!thr_period_parse (thr_session_get_month (self->session, self->month), &month, error))
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  options = report_options (self);
  doc = thr_report_month_build_for_store (thr_session_get_store (self->session),
                                          thr_session_get_contract_id (self->session), &month, &options, error);
  report_keep_refusal (self, thr_session_get_store (self->session));
  return print_built (self, doc, export_path, error);
}

static void
print_month_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (thr_window_print_month (self, NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_document_failure (self, _("The Monthly Report Could Not Be Printed"), error);
}

static void
export_month_pdf_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  const char *month;
  g_autofree char *suggested = NULL;

  if (!has_store (self) || self->month < 0)
    return;
  month = thr_session_get_month (self->session, self->month);
  /* Translators: the monthly report's suggested file name; the month (YYYY-MM) */
  suggested = g_strdup_printf (_("Performance report %s.pdf"), month);
  choose_pdf (self, _("Export the Monthly Report as PDF"), suggested, "win.write-month-pdf",
              g_variant_new_string (month));
}

static void
write_month_pdf_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *month_text, *path;
  ThrPeriod month;

  g_variant_get (param, "(&s&s)", &month_text, &path);
  if (!has_store (self))
    return;
  if (!thr_period_parse (month_text, &month, &error))
    {
      show_failure (self, _("The Monthly Report Could Not Be Exported"), error->message);
      return;
    }
  start_write (self, 0, &month, path);
}

void
_thr_window_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-cap-pdf", "x", export_cap_pdf_cb);
  gtk_widget_class_install_action (widget_class, "win.write-cap-pdf", "(xs)", write_cap_pdf_cb);
  gtk_widget_class_install_action (widget_class, "win.print-cap", "x", print_cap_cb);
  gtk_widget_class_install_action (widget_class, "win.export-month-pdf", NULL, export_month_pdf_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-month-pdf", NULL);
  gtk_widget_class_install_action (widget_class, "win.write-month-pdf", "(ss)", write_month_pdf_cb);
  gtk_widget_class_install_action (widget_class, "win.print-month", NULL, print_month_cb);
}

void
_thr_window_update_export_actions (ThrWindow *self)
{
  gboolean ready = has_store (self) && !self->loading;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-cap-pdf", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.write-cap-pdf", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-cap", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-month-pdf", ready && self->month >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.write-month-pdf", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-month", ready && self->month >= 0);
}
