/* thr-preferences-window.c — numbers, the holiday calendar, and "today"
 *
 * Each row writes its GSettings key; the window listens to the keys.  The
 * holiday calendar only marks deadlines that fall on a closed day: the
 * contract names the calendar that its business-day metrics count with,
 * and the evaluation, the ledger and the documents keep to it.
 */
#define G_LOG_DOMAIN "thr-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-core.h"
#include "thr-format.h"
#include "thr-preferences-window.h"

struct _ThrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;
  GSettings            *settings;
  GStrv                 calendars;     /* built-in ids, in the calendar row's order after "the contract's" */
  gboolean              filling;
  AdwEntryRow          *today_row;
  AdwComboRow          *number_row;
  AdwComboRow          *calendar_row;
  AdwPreferencesGroup  *display_group;
};

static const char *number_formats[] = { "locale", "comma-point", "point-comma" };

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
number_selected_cb (ThrPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->number_row);

  if (self->filling || self->settings == NULL || selected >= G_N_ELEMENTS (number_formats))
    return;
  g_settings_set_string (self->settings, "number-format", number_formats[selected]);
}

static void
calendar_selected_cb (ThrPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->calendar_row);

  if (self->filling || self->settings == NULL || selected > g_strv_length (self->calendars))
    return;
  g_settings_set_string (self->settings, "holiday-calendar", selected == 0 ? "" : self->calendars[selected - 1]);
}

static void
fill_numbers (ThrPreferencesWindow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *current = g_settings_get_string (self->settings, "number-format");
  g_autofree char *locale = thr_format_number_example (THR_NUMBER_FORMAT_LOCALE);
  /* Translators: the number format of the language settings, with an example "1,234.56" */
  g_autofree char *first = g_strdup_printf (_("Language settings (%s)"), locale);

  gtk_string_list_append (model, first);
  for (guint i = 1; i < G_N_ELEMENTS (number_formats); i++)
    {
      g_autofree char *example = thr_format_number_example ((ThrNumberFormat) i);

      gtk_string_list_append (model, example);
    }
  adw_combo_row_set_model (self->number_row, G_LIST_MODEL (model));
  for (guint i = 0; i < G_N_ELEMENTS (number_formats); i++)
    if (g_str_equal (current, number_formats[i]))
      adw_combo_row_set_selected (self->number_row, i);
}

/* "The contract's", then every built-in calendar by name; the subtitle
 * names the contract's. */
static void
fill_calendars (ThrPreferencesWindow *self,
                const char           *contract_calendar)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *current = g_settings_get_string (self->settings, "holiday-calendar");
  g_autoptr(ThrCalendar) own = contract_calendar ? thr_calendar_load_builtin (contract_calendar, NULL) : NULL;
  guint selected = 0;

  if (own != NULL)
    {
      /* Translators: the contract's holiday calendar, "State of Indiana" */
      g_autofree char *description = g_strdup_printf (_("How the window writes money and values, and which holiday calendar marks deadlines that fall on a closed day. Documents and exports are not affected; business-day metrics always count with the contract's own calendar, %s."),
                                                      thr_calendar_get_name (own));

      adw_preferences_group_set_description (self->display_group, description);
    }
  gtk_string_list_append (model, _("The contract's"));
  for (guint i = 0; self->calendars[i] != NULL; i++)
    {
      g_autoptr(ThrCalendar) calendar = thr_calendar_load_builtin (self->calendars[i], NULL);

      gtk_string_list_append (model, calendar ? thr_calendar_get_name (calendar) : self->calendars[i]);
      if (g_str_equal (current, self->calendars[i]))
        selected = i + 1;
    }
  adw_combo_row_set_model (self->calendar_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->calendar_row, selected);
}

static void
thr_preferences_window_dispose (GObject *object)
{
  ThrPreferencesWindow *self = THR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->calendars, g_strfreev);
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
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, number_row);
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, display_group);
  gtk_widget_class_bind_template_callback (widget_class, today_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_selected_cb);
}

static void
thr_preferences_window_init (ThrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThrPreferencesWindow *
thr_preferences_window_new (GtkWindow  *parent,
                            GSettings  *settings,
                            const char *contract_calendar)
{
  ThrPreferencesWindow *self;
  g_autofree char *today = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (THR_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  self->calendars = thr_calendar_list_builtin ();
  today = g_settings_get_string (settings, "today-override");
  gtk_editable_set_text (GTK_EDITABLE (self->today_row), today);
  self->filling = TRUE;
  fill_numbers (self);
  fill_calendars (self, contract_calendar);
  self->filling = FALSE;
  return self;
}
