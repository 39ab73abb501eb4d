/* thr-preferences-window.c — the "today" override for demonstrations
 *
 * The calendar and number format preferences of the issue are not here
 * yet: the calendar comes with the contract, and numbers follow the locale.
 */
#define G_LOG_DOMAIN "thr-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-core.h"
#include "thr-preferences-window.h"

struct _ThrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;
  GSettings            *settings;
  AdwEntryRow          *today_row;
};

G_DEFINE_FINAL_TYPE (ThrPreferencesWindow, thr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
today_apply_cb (ThrPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->today_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint32 day;

  if (stripped[0] != '\0' && !thr_day_parse_iso (stripped, &day))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->today_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Write the date as YYYY-MM-DD, or leave it empty")));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->today_row), "error");
  g_settings_set_string (self->settings, "today-override", stripped);
}

static void
thr_preferences_window_dispose (GObject *object)
{
  ThrPreferencesWindow *self = THR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (thr_preferences_window_parent_class)->dispose (object);
}

static void
thr_preferences_window_class_init (ThrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thr_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, today_row);
  gtk_widget_class_bind_template_callback (widget_class, today_apply_cb);
}

static void
thr_preferences_window_init (ThrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThrPreferencesWindow *
thr_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  ThrPreferencesWindow *self;
  g_autofree char *today = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (THR_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  today = g_settings_get_string (settings, "today-override");
  gtk_editable_set_text (GTK_EDITABLE (self->today_row), today);
  return self;
}
