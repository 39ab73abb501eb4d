/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-preferences-window.c — numbers, the holiday calendar, "today", and
 * the days the governor closed
 *
 * Each row writes its GSettings key; the window listens to the keys.  The
 * holiday calendar only marks deadlines that fall on a closed day: the
 * contract names the calendar that its business-day metrics count with,
 * and the evaluation, the ledger and the documents keep to it.
 *
 * Closures are not settings: they are facts about the state's calendar and
 * travel with the store, so they are written there (thr-closures.h), and
 * "closures-changed" tells the main window to evaluate again.
 */
#define G_LOG_DOMAIN "thr-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-core.h"
#include "thr-format.h"
#include "thr-preferences-window.h"
#include "thr-role-hint.h"

struct _ThrPreferencesWindow
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwPreferencesDialog  parent_instance;
#else
  AdwPreferencesWindow  parent_instance;
#endif
  GtkWindow            *parent;        /* weak: the window it is shown over */
  GSettings            *settings;
  GStrv                 calendars;     /* built-in ids, in the calendar row's order after "the contract's" */
  gboolean              filling;
  AdwEntryRow          *today_row;
  AdwComboRow          *number_row;
  AdwComboRow          *calendar_row;
  AdwPreferencesGroup  *display_group;
  AdwPreferencesGroup  *closures_group;
  AdwEntryRow          *closure_date_row;
  AdwEntryRow          *closure_reason_row;
  GPtrArray            *closure_rows;  /* the rows listing the store's closures */
  ThrStore             *store;
  char                 *calendar_id;
  char                 *refusal;       /* why this role may not close days, or NULL */
};

enum {
  CLOSURES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *number_formats[] = { "locale", "comma-point", "point-comma" };

#if ADW_CHECK_VERSION (1, 5, 0)
G_DEFINE_FINAL_TYPE (ThrPreferencesWindow, thr_preferences_window, ADW_TYPE_PREFERENCES_DIALOG)
#else
G_DEFINE_FINAL_TYPE (ThrPreferencesWindow, thr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)
#endif

static void
toast (ThrPreferencesWindow *self,
       const char           *text)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), adw_toast_new (text));
#else
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
#endif
}

/* A store's error as a toast: a store file's failure in our words, naming
 * the store, SQLite's words after them (thr_alert_describe_store_error);
 * the store's own refusals (a closure on a weekend) as they are. */
static void
toast_store_error (ThrPreferencesWindow *self,
                   const GError         *error)
{
  g_autofree char *said = thr_alert_describe_store_error (error, thr_store_get_path (self->store));

  toast (self, said);
}

static void
today_apply_cb (ThrPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->today_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint32 day;

  if (stripped[0] != '\0' && !thr_day_parse_iso (stripped, &day))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->today_row), "error");
      toast (self, _("Write the date as YYYY-MM-DD, or leave it empty"));
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
                                                      thr_calendar_translate (thr_calendar_get_name (own)));

      adw_preferences_group_set_description (self->display_group, description);
    }
  gtk_string_list_append (model, _("The contract's"));
  for (guint i = 0; self->calendars[i] != NULL; i++)
    {
      g_autoptr(ThrCalendar) calendar = thr_calendar_load_builtin (self->calendars[i], NULL);

      gtk_string_list_append (model, calendar ? thr_calendar_translate (thr_calendar_get_name (calendar)) : self->calendars[i]);
      if (g_str_equal (current, self->calendars[i]))
        selected = i + 1;
    }
  adw_combo_row_set_model (self->calendar_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->calendar_row, selected);
}

/* ------------------------------------------------------------------ */
/* Closures                                                            */

static void fill_closures (ThrPreferencesWindow *self);

static void
closures_changed (ThrPreferencesWindow *self)
{
  fill_closures (self);
  g_signal_emit (self, signals[CLOSURES_CHANGED], 0);
}

static void
remove_closure_cb (GtkButton            *button,
                   ThrPreferencesWindow *self)
{
  guint32 day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "day"));
  g_autoptr(GError) error = NULL;

  if (!thr_store_remove_closure (self->store, self->calendar_id, day, &error))
    {
      toast_store_error (self, error);
      return;
    }
  closures_changed (self);
}

static GtkWidget *
closure_row_new (ThrPreferencesWindow  *self,
                 const ThrStoreClosure *closure)
{
  g_autofree char *date = thr_day_format (closure->day);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), closure->reason);
  /* The reason is the user's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  /* Translators: tooltip of the button that removes a closure */
  gtk_widget_set_tooltip_text (remove, _("Remove this closure"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this closure"), -1);
  g_object_set_data (G_OBJECT (remove), "day", GUINT_TO_POINTER (closure->day));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_closure_cb), self);
  gtk_widget_set_sensitive (remove, self->refusal == NULL);
  thr_role_hint_set (remove, self->refusal);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
fill_closures (ThrPreferencesWindow *self)
{
  g_autoptr(GPtrArray) closures = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->closure_rows->len; i++)
    adw_preferences_group_remove (self->closures_group, g_ptr_array_index (self->closure_rows, i));
  g_ptr_array_set_size (self->closure_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->closures_group), self->store != NULL && self->calendar_id != NULL);
  if (self->store == NULL || self->calendar_id == NULL)
    return;

  closures = thr_store_list_closures (self->store, self->calendar_id, &error);
  if (closures == NULL)
    {
      toast_store_error (self, error);
      return;
    }
  for (guint i = 0; i < closures->len; i++)
    {
      GtkWidget *row = closure_row_new (self, g_ptr_array_index (closures, i));

      adw_preferences_group_add (self->closures_group, row);
      g_ptr_array_add (self->closure_rows, row);
    }
}

static void
add_closure_cb (ThrPreferencesWindow *self)
{
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->closure_date_row))));
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->closure_reason_row));
  g_autoptr(GError) error = NULL;
  guint32 day;

  if (self->store == NULL || self->calendar_id == NULL)
    return;
  if (!thr_day_parse_iso (date, &day))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->closure_date_row), "error");
      toast (self, _("Write the date as YYYY-MM-DD"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->closure_date_row), "error");
  if (!thr_store_add_closure (self->store, self->calendar_id, day, reason, &error))
    {
      toast_store_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->closure_date_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->closure_reason_row), "");
  closures_changed (self);
}

/* ------------------------------------------------------------------ */

static void
thr_preferences_window_dispose (GObject *object)
{
  ThrPreferencesWindow *self = THR_PREFERENCES_WINDOW (object);

  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->calendar_id, g_free);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->closure_rows, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->calendars, g_strfreev);
  G_OBJECT_CLASS (thr_preferences_window_parent_class)->dispose (object);
}

#define TEMPLATE "/io/github/thresholdapp/Threshold/thr-preferences-window.ui"

#if ADW_CHECK_VERSION (1, 5, 0)
/* One template for both classes: GTK wants its parent named exactly, and
 * AdwPreferencesDialog takes the same pages and rows as the window. */
static void
set_template (GtkWidgetClass *widget_class)
{
  g_autoptr(GBytes) window_ui = g_resources_lookup_data (TEMPLATE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GString) ui = NULL;
  g_autoptr(GBytes) dialog_ui = NULL;
  const char *data;
  gsize length;

  g_assert (window_ui != NULL);
  data = g_bytes_get_data (window_ui, &length);
  ui = g_string_new_len (data, length);
  if (g_string_replace (ui, "parent=\"AdwPreferencesWindow\"", "parent=\"AdwPreferencesDialog\"", 1) != 1)
    g_error ("%s names no AdwPreferencesWindow parent", TEMPLATE);
  length = ui->len;
  dialog_ui = g_bytes_new_take (g_string_free (g_steal_pointer (&ui), FALSE), length);
  gtk_widget_class_set_template (widget_class, dialog_ui);
}
#else
static void
set_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, TEMPLATE);
}
#endif

static void
thr_preferences_window_class_init (ThrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thr_preferences_window_dispose;
  set_template (widget_class);
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, today_row);
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, number_row);
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, display_group);
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, closures_group);
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, closure_date_row);
  gtk_widget_class_bind_template_child (widget_class, ThrPreferencesWindow, closure_reason_row);
  gtk_widget_class_bind_template_callback (widget_class, today_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_closure_cb);

  /* A closure was added or removed: every deadline may have moved. */
  signals[CLOSURES_CHANGED] =
    g_signal_new ("closures-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

/* An entry row's apply button is an icon (a check mark) the row makes
 * itself: it needs a name a screen reader can say. */
static void
name_apply_button (GtkWidget  *widget,
                   const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (child))))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      name_apply_button (child, name);
    }
}

static void
thr_preferences_window_init (ThrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* What the two classes name differently (the template sets only what
   * they share). */
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_set_content_width (ADW_DIALOG (self), 680);
  adw_dialog_set_content_height (ADW_DIALOG (self), 560);
#else
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 680, 560);
#endif
  self->closure_rows = g_ptr_array_new ();
  name_apply_button (GTK_WIDGET (self->closure_reason_row), _("Add Closure"));
  name_apply_button (GTK_WIDGET (self->today_row), _("Use This Date"));
}

ThrPreferencesWindow *
thr_preferences_window_new (GtkWindow  *parent,
                            GSettings  *settings,
                            const char *contract_calendar)
{
  ThrPreferencesWindow *self;
  g_autofree char *today = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (THR_TYPE_PREFERENCES_WINDOW, NULL);
  g_set_weak_pointer (&self->parent, parent);
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

/* Over its parent: a dialog inside it, or a window of its own. */
void
thr_preferences_window_present (ThrPreferencesWindow *self)
{
  g_return_if_fail (THR_IS_PREFERENCES_WINDOW (self));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (self), GTK_WIDGET (self->parent));
#else
  gtk_window_set_transient_for (GTK_WINDOW (self), self->parent);
  gtk_window_present (GTK_WINDOW (self));
#endif
}

void
thr_preferences_window_close (ThrPreferencesWindow *self)
{
  g_return_if_fail (THR_IS_PREFERENCES_WINDOW (self));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_force_close (ADW_DIALOG (self));
#else
  gtk_window_destroy (GTK_WINDOW (self));
#endif
}

/* The store the closures are kept in and the calendar they close, the
 * open contract's; without either the group is hidden. */
void
thr_preferences_window_set_store (ThrPreferencesWindow *self,
                                  ThrStore             *store,
                                  const char           *calendar_id)
{
  g_return_if_fail (THR_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (store == NULL || THR_IS_STORE (store));

  g_set_object (&self->store, store);
  g_free (self->calendar_id);
  self->calendar_id = g_strdup (calendar_id);
  /* On a team store only an administrator closes days: anyone else reads
   * the closures, and the group says why they cannot add or remove one
   * (the fields to add one are hidden, having no use). */
  g_clear_pointer (&self->refusal, g_free);
  if (store != NULL && !thr_store_can (store, THR_STORE_RIGHT_ADMIN))
    self->refusal = thr_store_describe_missing_right (THR_STORE_RIGHT_ADMIN);
  gtk_widget_set_visible (GTK_WIDGET (self->closure_date_row), self->refusal == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->closure_reason_row), self->refusal == NULL);
  if (calendar_id != NULL)
    {
      g_autoptr(ThrCalendar) calendar = thr_calendar_load_builtin (calendar_id, NULL);
      /* Translators: the calendar's name, "State of Indiana" */
      g_autofree char *description = g_strdup_printf (_("Days the governor closed state offices that the %s calendar does not list. Every deadline and business-day count of the contracts on this calendar skips them; they are kept in the store."),
                                                      calendar ? thr_calendar_translate (thr_calendar_get_name (calendar)) : calendar_id);

      if (self->refusal != NULL)
        {
          char *both = g_strconcat (description, "\n\n", self->refusal, NULL);

          g_free (description);
          description = both;
        }
      adw_preferences_group_set_description (self->closures_group, description);
    }
  fill_closures (self);
}
