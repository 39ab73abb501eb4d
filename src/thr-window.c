/* thr-window.c — the main window
 *
 * For now a status page naming the store; the desktop-app issue builds the
 * leaflet with the overview, metrics, CAPs, deadlines and ledger pages.
 */
#define G_LOG_DOMAIN "thr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-window.h"

struct _ThrWindow
{
  AdwApplicationWindow  parent_instance;
  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (ThrWindow, thr_window, ADW_TYPE_APPLICATION_WINDOW)

static void
thr_window_constructed (GObject *object)
{
  ThrWindow *self = THR_WINDOW (object);
  ThrApplication *app = THR_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (thr_window_parent_class)->constructed (object);

  description = g_strdup_printf (_("Store: %s"), thr_application_get_db_path (app));
  adw_status_page_set_description (self->status_page, description);
}

static void
thr_window_class_init (ThrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = thr_window_constructed;

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
  return g_object_new (THR_TYPE_WINDOW, "application", application, NULL);
}
