/* thr-window.c — the main window
 *
 * For now one page summarising the store's latest month from the core's
 * evaluation; the desktop-app issue builds the leaflet with the overview,
 * metrics, CAPs, deadlines and ledger pages.
 */
#define G_LOG_DOMAIN "thr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-core.h"
#include "thr-window.h"

struct _ThrWindow
{
  AdwApplicationWindow  parent_instance;
  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (ThrWindow, thr_window, ADW_TYPE_APPLICATION_WINDOW)

static char *
summarize_month (ThrEvaluator *evaluator,
                 const char   *label,
                 GError      **error)
{
  g_autoptr(GPtrArray) results = NULL;
  guint counts[4] = { 0 };
  ThrPeriod month;

  if (!thr_period_parse (label, &month, error))
    return NULL;
  results = thr_evaluator_evaluate_month (evaluator, &month, NULL, error);
  if (results == NULL)
    return NULL;
  for (guint i = 0; i < results->len; i++)
    counts[((ThrResult *) g_ptr_array_index (results, i))->status]++;
  /* Translators: a month such as 2018-04, then counts of metrics. */
  return g_strdup_printf (_("%s: %u met, %u missed, %u pending, %u without data"), label,
                          counts[THR_STATUS_MET], counts[THR_STATUS_MISSED],
                          counts[THR_STATUS_PENDING], counts[THR_STATUS_NO_DATA]);
}

static void
show_store (ThrWindow  *self,
            const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (db_path, &error);
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autofree char *month = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  gint64 contract_id = 0;

  if (store != NULL)
    contract_id = thr_store_resolve_contract (store, NULL, &error);
  if (contract_id != 0)
    evaluator = thr_evaluator_new_for_store (store, contract_id, &error);
  if (evaluator != NULL)
    {
      adw_status_page_set_title (self->status_page,
                                 thr_contract_get_title (thr_evaluator_get_contract (evaluator)));
      month = thr_store_latest_month (store, contract_id, &error);
      if (month != NULL)
        summary = summarize_month (evaluator, month, &error);
    }

  if (error != NULL)
    description = g_markup_printf_escaped ("%s\n%s", db_path, error->message);
  else if (summary == NULL)
    description = g_markup_printf_escaped (_("%s\nNothing imported yet."), db_path);
  else
    description = g_markup_printf_escaped ("%s\n%s", summary, db_path);
  adw_status_page_set_description (self->status_page, description);
}

static void
thr_window_class_init (ThrWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrWindow, status_page);
}

static void
thr_window_init (ThrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThrWindow *
thr_window_new (ThrApplication *application)
{
  ThrWindow *self;

  g_return_val_if_fail (THR_IS_APPLICATION (application), NULL);

  self = g_object_new (THR_TYPE_WINDOW, "application", application, NULL);
  show_store (self, thr_application_get_db_path (application));
  return self;
}
