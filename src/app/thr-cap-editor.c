/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cap-editor.c — editing a Corrective Action Plan (D2 ¶4)
 *
 * The notes (deficiency, root cause, monitoring, evidence, signatories)
 * and the dates are saved as the user types: each change waits for a
 * pause (SAVE_DELAY_MS) and is then written with thr_cap_set_field, which
 * keeps the audit trail with the user's name.  A date can be typed or
 * picked from a calendar.  Corrective actions are added, edited, removed
 * and marked done at once; a CAP can be closed with a reason.  After a
 * save the session lists its CAPs again, and the parts computed by the
 * core (the timeline: CAP due, review due, the corrective window's months
 * with their results, the outcome) and the audit trail, in the core's
 * words, are rebuilt; the fields being typed in are left alone.
 *
 * A refused value is shown beside the field that caused it, which is
 * marked invalid.  Every change made here can be undone, the last first
 * (cap.undo, Ctrl+Z): the undo writes the old value back through the same
 * audited calls, so the trail shows both.
 *
 * The editor keeps only the CAP's id: the session's ThrCap structures are
 * replaced on every reload.  The static layout is thr-cap-editor.ui.
 *
 * Export PDF… and Print… activate the window's win.export-cap-pdf and
 * win.print-cap (thr-window-export.c) with the CAP's id; what was typed
 * is saved first, so the document holds it.
 */
#define G_LOG_DOMAIN "thr-cap-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-cap-editor-private.h"
#include "thr-format.h"
#include "thr-narrow-layout.h"
#include "thr-role-hint.h"
#include "thr-row-titles.h"

#define SAVE_DELAY_MS 400

static const char * const note_fields[N_NOTES] = {
  "deficiency", "root_cause", "monitoring", "evidence", "signatories",
};
static const char * const date_fields[N_DATES] = {
  "documented_on", "submitted_on", "approved_on", "implemented_on",
};

G_DEFINE_FINAL_TYPE (ThrCapEditor, thr_cap_editor, GTK_TYPE_WIDGET)


/* ------------------------------------------------------------ helpers */

const ThrCap *
_thr_cap_editor_current_cap (ThrCapEditor *self)
{
  if (self->session == NULL || self->cap_id == 0)
    return NULL;
  return thr_session_get_cap_by_id (self->session, self->cap_id);
}

ThrStore *
_thr_cap_editor_store (ThrCapEditor *self)
{
  return thr_session_get_store (self->session);
}

const ThrCapAction *
_thr_cap_editor_find_action (const ThrCap *cap,
             gint64        action_id)
{
  for (guint i = 0; cap != NULL && i < cap->actions->len; i++)
    {
      const ThrCapAction *action = g_ptr_array_index (cap->actions, i);

      if (action->id == action_id)
        return action;
    }
  return NULL;
}

static guint32
cap_date (const ThrCap *cap,
          const char   *field)
{
  if (g_str_equal (field, "documented_on"))
    return cap->documented_on;
  if (g_str_equal (field, "submitted_on"))
    return cap->submitted_on;
  if (g_str_equal (field, "approved_on"))
    return cap->approved_on;
  return cap->implemented_on;
}

static const char *
cap_note (const ThrCap *cap,
          const char   *field)
{
  if (g_str_equal (field, "deficiency"))
    return cap->deficiency;
  if (g_str_equal (field, "root_cause"))
    return cap->root_cause;
  if (g_str_equal (field, "monitoring"))
    return cap->monitoring;
  if (g_str_equal (field, "evidence"))
    return cap->evidence;
  return cap->signatories;
}

/* A field's value as thr_cap_set_field takes it, "" for none. */
static char *
cap_field_text (const ThrCap *cap,
                const char   *field)
{
  for (guint i = 0; i < N_DATES; i++)
    if (g_str_equal (field, date_fields[i]))
      {
        guint32 day = cap_date (cap, field);
        return day != 0 ? thr_day_format (day) : g_strdup ("");
      }
  return g_strdup (cap_note (cap, field) ? cap_note (cap, field) : "");
}

void
_thr_cap_editor_show_error (ThrCapEditor *self,
            const char   *message)
{
  if (self->error_card != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->error_card));
  self->save_unsaid = self->audit_unread = FALSE;
  gtk_label_set_label (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static gboolean
is_team_store (ThrCapEditor *self)
{
  return self->session != NULL && thr_store_is_team_address (thr_store_get_path (_thr_cap_editor_store (self)));
}

/* What a save that the store refused or failed means, in our words: a
 * team store's server's refusal or failure, a store file another program
 * kept busy, or SQLite's failure of the store file (a disk error, a
 * read-only or vanished file); NULL for any other error, whose message
 * says it (a refused value, a CAP gone). */
static char *
describe_store_failure (ThrCapEditor *self,
                        const GError *error)
{
  const char *path;
  g_autofree char *name = NULL;

  if (self->session == NULL)
    return NULL;
  path = thr_store_get_path (_thr_cap_editor_store (self));
  if (thr_alert_is_store_file_failure (error, path))
    {
      name = thr_alert_store_name (path);
      /* Translators: %s is the store's file name */
      return g_strdup_printf (_("Your change was not saved: Threshold could not write it to the store “%s”. "
                                "SQLite's words below say why; copy what you typed before you close the store."),
                              name);
    }
  if (!is_team_store (self))
    return g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY)
           ? g_strdup (_("Your change was not saved: another program (an import, or Threshold itself) kept writing "
                         "to this store. Try again when it has finished."))
           : NULL;
  if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_RIGHTS))
    return g_strdup (_("Your change was not saved: the team store's server did not let your database role change "
                       "this CAP. Ask whoever runs it for the editor role on this contract."));
  if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY))
    return g_strdup (_("Your change was not saved: someone else was writing to the team store. Try again in a "
                       "moment."));
  if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER))
    return g_strdup (_("Your change was not saved: the team store's server failed, or the connection to it was "
                       "lost. Copy what you typed, then open the store again when the server is back."));
  return NULL;
}

/* The words of @error to quote under our sentence (thr_alert_store_words):
 * a team store's server's, or SQLite's without the store file's path. */
static char *
store_words (ThrCapEditor *self,
             const GError *error)
{
  return thr_alert_store_words (error, thr_store_get_path (_thr_cap_editor_store (self)));
}

/* @sentence at the top of the CAP, and @words (someone else's) quoted
 * under it in a selectable card (thr_alert_quote_card_new, as the
 * window's error page), when there are any. */
static void
show_sentence_quoting (ThrCapEditor *self,
                       const char   *sentence,
                       const char   *words)
{
  _thr_cap_editor_show_error (self, sentence);
  if (words[0] == '\0')
    return;
  self->error_card = thr_alert_quote_card_new (words);
  gtk_widget_insert_after (self->error_card, gtk_widget_get_parent (self->error_label), self->error_label);
}

/* A save the store did not take.  A team store's error is its address,
 * then the server's words: the editor says in our words what failed and
 * what to do, and quotes the server's words under it, for whoever runs
 * the server; a store file kept busy by another program has our sentence
 * only.  Both at the top of the CAP, not beside FIELD: the field is not
 * wrong, and a date's row has no room for a card; the field says where to
 * look.  Any other error is said as before, beside FIELD (NULL: at the
 * top). */
void
_thr_cap_editor_report_error (ThrCapEditor *self,
                              const char   *field,
                              const GError *error)
{
  g_autofree char *sentence = describe_store_failure (self, error);
  g_autofree char *words = NULL;

  if (sentence == NULL)
    {
      if (field != NULL)
        _thr_cap_editor_set_field_error (self, field, error->message);
      else
        _thr_cap_editor_show_error (self, error->message);
      return;
    }
  words = store_words (self, error);
  show_sentence_quoting (self, sentence, words);
  self->save_unsaid = TRUE;
  if (field != NULL && g_hash_table_lookup (self->field_errors, field) != NULL)
    _thr_cap_editor_set_field_error (self, field,
                                     words[0] != '\0' && is_team_store (self)
                                     ? _("Not saved: the team store's words are at the top of this CAP.")
                                     : _("Not saved: why is said at the top of this CAP."));
}

/* The audit trail could not be read (a lost server, a damaged store):
 * said in our words at the top of the CAP, the server's or SQLite's
 * words quoted under them; the rest of the CAP was read with the list. */
static void
report_audit_failure (ThrCapEditor *self,
                      const GError *error)
{
  g_autofree char *words = store_words (self, error);
  g_autofree char *name = thr_alert_store_name (thr_store_get_path (_thr_cap_editor_store (self)));
  g_autofree char *sentence = NULL;

  if (is_team_store (self))
    sentence = g_strdup (_("This CAP's audit trail could not be read: the team store's server failed, or the "
                           "connection to it was lost. Open the store again when the server is back."));
  else
    /* Translators: %s is the store's file name */
    sentence = g_strdup_printf (_("This CAP's audit trail could not be read from the store “%s”: SQLite's words "
                                  "below say why."), name);
  show_sentence_quoting (self, sentence, words);
  self->audit_unread = TRUE;
}

/* The message beside FIELD, which is marked invalid; NULL clears both. */
void
_thr_cap_editor_set_field_error (ThrCapEditor *self,
                 const char   *field,
                 const char   *message)
{
  GtkWidget *label = g_hash_table_lookup (self->field_errors, field);
  GtkWidget *widget = g_hash_table_lookup (self->field_widgets, field);

  if (label == NULL || widget == NULL)
    {
      _thr_cap_editor_show_error (self, message);
      return;
    }
  gtk_label_set_label (GTK_LABEL (label), message ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      label, NULL, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
clear_field_errors (ThrCapEditor *self)
{
  GHashTableIter iter;
  gpointer field;

  g_hash_table_iter_init (&iter, self->field_errors);
  while (g_hash_table_iter_next (&iter, &field, NULL))
    _thr_cap_editor_set_field_error (self, field, NULL);
  _thr_cap_editor_show_error (self, NULL);
}

/* ------------------------------------------------------------- saving */

gboolean
thr_cap_editor_flush (ThrCapEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *failed_field = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean saved = FALSE;
  gint64 *version;

  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->session == NULL || self->cap_id == 0 || g_hash_table_size (self->pending) == 0)
    return TRUE;
  /* One version through every field: each save moves it on. */
  version = _thr_cap_editor_version (self);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *before = _thr_cap_editor_current_cap (self) ? cap_field_text (_thr_cap_editor_current_cap (self), key) : NULL;

      if (!thr_cap_set_field_checked (_thr_cap_editor_store (self), self->cap_id, version, key, value, &error))
        {
          failed_field = g_strdup (key);
          break;
        }
      if (g_strcmp0 (before, value) != 0)
        {
          Edit *edit = _thr_cap_editor_push_edit (self, EDIT_FIELD);

          edit->field = g_strdup (key);
          edit->old_text = g_steal_pointer (&before);
        }
      _thr_cap_editor_set_field_error (self, key, NULL);
      saved = TRUE;
      g_hash_table_iter_remove (&iter);
    }
  if (saved && error == NULL)
    thr_session_reload_caps (self->session, &error);
  /* Saved now: what the store said of the last try no longer holds. */
  if (saved && error == NULL && self->save_unsaid)
    _thr_cap_editor_show_error (self, NULL);
  /* Someone else saved first: what was typed waits for Reload or Overwrite. */
  if (error != NULL && !_thr_cap_editor_conflict (self, error, NULL, NULL))
    _thr_cap_editor_report_error (self, failed_field, error);
  return error == NULL;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  ThrCapEditor *self = user_data;

  self->save_id = 0;
  thr_cap_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
queue_save (ThrCapEditor *self,
            const char   *field,
            const char   *value)
{
  if (self->filling || self->cap_id == 0 || !self->can_edit)
    return;
  g_hash_table_insert (self->pending, g_strdup (field), g_strdup (value));
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
note_changed_cb (GtkTextBuffer *buffer,
                 ThrCapEditor  *self)
{
  const char *field = g_object_get_data (G_OBJECT (buffer), "thr-field");
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  queue_save (self, field, text);
}

/* A plan dated before the failure it answers was documented (¶4: "due
 * 15 calendar days after the failure is documented") is most likely a
 * slip of the date: it is saved as typed (the CLI's `caps set` takes it,
 * and scripts rely on that), and said under the date. */
static void
update_submitted_warning (ThrCapEditor *self)
{
  GtkWidget *warning = self->submitted_warning;
  const char *documented = gtk_editable_get_text (GTK_EDITABLE (self->documented_on_row));
  guint32 documented_day, submitted_day;
  gboolean early = thr_day_parse_iso (documented, &documented_day)
                   && thr_day_parse_iso (gtk_editable_get_text (GTK_EDITABLE (self->submitted_on_row)), &submitted_day)
                   && submitted_day < documented_day;

  gtk_widget_set_visible (self->submitted_warning_row, early);
  if (early)
    {
      g_autofree char *text = g_strdup_printf (_("Before the failure was documented (%s)"), documented);

      gtk_label_set_label (GTK_LABEL (warning), text);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->submitted_on_row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      warning, NULL, -1);
    }
}

static void
date_changed_cb (GtkEditable  *editable,
                 ThrCapEditor *self)
{
  const char *field = g_object_get_data (G_OBJECT (editable), "thr-field");
  const char *text = gtk_editable_get_text (editable);
  guint32 day;

  /* Only whole dates are saved; a date half typed waits, marked. */
  if (text[0] == '\0' || thr_day_parse_iso (text, &day))
    {
      _thr_cap_editor_set_field_error (self, field, NULL);
      queue_save (self, field, text);
    }
  else
    {
      /* Replacing the text passes through "" (a valid clear): forget it. */
      if (!self->filling)
        g_hash_table_remove (self->pending, field);
      _thr_cap_editor_set_field_error (self, field, _("Not a date: type YYYY-MM-DD or pick one"));
    }
  update_submitted_warning (self);
}

/* ------------------------------------------------------- date pickers */

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          GtkWidget   *row)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;
  GtkWidget *popover;

  if (g_object_get_data (G_OBJECT (calendar), "thr-showing") != NULL)
    return;
  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The calendar opens on the row's date, or today's month. */
static void
calendar_popover_show_cb (GtkPopover  *popover,
                          GtkCalendar *calendar)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (calendar), "thr-row");
  guint32 day;
  int y, m, d;
  g_autoptr(GDateTime) date = NULL;

  if (thr_day_parse_iso (gtk_editable_get_text (GTK_EDITABLE (row)), &day))
    {
      thr_day_to_ymd (day, &y, &m, &d);
      date = g_date_time_new_local (y, m, d, 0, 0, 0);
    }
  else
    date = g_date_time_new_now_local ();
  g_object_set_data (G_OBJECT (calendar), "thr-showing", GINT_TO_POINTER (1));
  gtk_calendar_select_day (calendar, date);
  g_object_set_data (G_OBJECT (calendar), "thr-showing", NULL);
}

/* The calendar of a date row's picker, made the first time it is needed:
 * five calendars made with the editor were a sixth of the CAPs page's
 * first visit (docs/benchmarks.md). */
static GtkWidget *
date_picker_calendar (GtkWidget *row)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "thr-picker");
  GtkWidget *calendar = g_object_get_data (G_OBJECT (row), "thr-calendar");
  GtkWidget *popover;

  if (calendar != NULL || button == NULL)
    return calendar;
  popover = gtk_popover_new ();
  calendar = gtk_calendar_new ();
  g_object_set_data (G_OBJECT (calendar), "thr-row", row);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), row);
  g_signal_connect (popover, "show", G_CALLBACK (calendar_popover_show_cb), calendar);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_object_set_data (G_OBJECT (row), "thr-calendar", calendar);
  return calendar;
}

static void
create_date_picker_cb (GtkMenuButton *button,
                       gpointer       row)
{
  date_picker_calendar (row);
}

/* A button beside a date row that picks its date from a calendar. */
void
_thr_cap_editor_add_date_picker (GtkWidget *row)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Pick a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a Date"), -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_date_picker_cb, row, NULL);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "thr-picker", button);
}

/* A place for the message and a calendar button, beside a date row. */
static void
add_date_suffixes (ThrCapEditor *self,
                   GtkWidget    *row,
                   const char   *field)
{
  GtkWidget *error = gtk_label_new (NULL);

  gtk_widget_add_css_class (error, "error");
  gtk_widget_add_css_class (error, "caption");
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (error), 36);
  gtk_widget_set_visible (error, FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), error);
  _thr_cap_editor_add_date_picker (row);
  g_object_set_data (G_OBJECT (row), "thr-field", (gpointer) field);
  g_hash_table_insert (self->field_errors, (gpointer) field, error);
  g_hash_table_insert (self->field_widgets, (gpointer) field, row);
}

/* A message under a note's frame, for a note the store refused. */
static void
add_note_error (ThrCapEditor *self,
                GtkWidget    *view,
                const char   *field)
{
  GtkWidget *frame = gtk_widget_get_parent (view);
  GtkWidget *item = gtk_widget_get_parent (frame);
  GtkWidget *error = gtk_label_new (NULL);

  gtk_widget_add_css_class (error, "error");
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (item), error);
  g_hash_table_insert (self->field_errors, (gpointer) field, error);
  g_hash_table_insert (self->field_widgets, (gpointer) field, frame);
}

/* ------------------------------------------------------------- rights */

/* What changes a CAP, and so needs the editor role on a team store. */
static const char * const edit_actions[] = {
  "cap.add-action", "cap.edit-action", "cap.update-action", "cap.remove-action",
  "cap.ask-close", "cap.close", "cap.reopen", "cap.set-action-done",
};

/* The sentence that says why this person cannot change the CAP, or NULL. */
static char *
refusal (ThrCapEditor *self)
{
  return self->can_edit ? NULL : thr_store_describe_missing_right (THR_STORE_RIGHT_EDIT);
}

static void
explain_refusal (ThrCapEditor *self,
                 GtkWidget    *widget)
{
  g_autofree char *why = refusal (self);

  thr_role_hint_set (widget, why);
}

/* A viewer, an importer or an administrator who is nothing else reads a
 * CAP on a team store as an editor does, but may not change it
 * (docs/team-store.md, "What each role sees"): what would write is
 * disabled, or hidden where an empty control would only invite typing
 * (the new action's fields), and says why.  The notes stay selectable, so
 * they can still be copied.  Disabled actions refuse their keys too. */
static void
apply_rights (ThrCapEditor *self)
{
  ThrStore *store = self->session != NULL ? thr_session_get_store (self->session) : NULL;
  g_autofree char *why = NULL;

  self->can_edit = store == NULL || thr_store_can (store, THR_STORE_RIGHT_EDIT);
  why = refusal (self);
  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edit_actions[i], self->can_edit);
  _thr_cap_editor_update_undo (self);
  gtk_label_set_label (GTK_LABEL (self->rights_label), why != NULL ? why : "");
  gtk_widget_set_visible (self->rights_label, why != NULL);
  for (guint i = 0; i < N_NOTES; i++)
    {
      gtk_text_view_set_editable (GTK_TEXT_VIEW (self->note_views[i]), self->can_edit);
      thr_role_hint_set (self->note_views[i], why);
    }
  for (guint i = 0; i < N_DATES; i++)
    {
      gtk_editable_set_editable (GTK_EDITABLE (self->date_rows[i]), self->can_edit);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (self->date_rows[i]), "thr-picker"), self->can_edit);
      thr_role_hint_set (self->date_rows[i], why);
    }
  thr_role_hint_set (self->close_button, why);
  thr_role_hint_set (self->reopen_button, why);
  thr_role_hint_set (self->undo_button, why);
  gtk_widget_set_visible (self->new_action_group, self->can_edit);
  gtk_widget_set_visible (self->add_action_button, self->can_edit);
}

/* ------------------------------------------------- the computed parts */

/* Below this width a long value beside a timeline row's title ("Not yet:
 * the release waits for it") would squeeze the title to a word a line: the
 * values wrap then.  Wider they keep one line; wrapping them always cost
 * the CAPs page's first visit about 4 ms (docs/benchmarks.md). */
enum { NARROW_WIDTH = 480 };

static void
fit_value (GtkWidget *row,
           gboolean   narrow)
{
  GtkWidget *value = g_object_get_data (G_OBJECT (row), "thr-value");

  if (value == NULL || gtk_label_get_wrap (GTK_LABEL (value)) == narrow)
    return;
  gtk_label_set_wrap (GTK_LABEL (value), narrow);
  thr_row_titles_measure_again (ADW_ACTION_ROW (row));
}

static ThrNarrowLayout *
narrow_layout (ThrCapEditor *self)
{
  return THR_NARROW_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
}

static void
add_dynamic (ThrCapEditor *self,
             GtkWidget    *group,
             GtkWidget    *row)
{
  thr_narrow_layout_fit (narrow_layout (self), row);
  thr_row_titles_wrap_at_words (row);
  g_object_set_data (G_OBJECT (row), "thr-group", group);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (self->dynamic_rows, row);
}

static GtkWidget *
info_row (const char *title,
          const char *value,
          const char *css_class)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  g_object_set_data (G_OBJECT (row), "thr-value", label);
  gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  /* Without GtkBox's width search over the title (thr-row-titles.c): a
   * seventh of the CAPs page's first visit (docs/benchmarks.md). */
  thr_row_titles_stack (ADW_ACTION_ROW (row));
  return row;
}

static char *
day_text (guint32     day,
          guint32     today,
          const char *unset)
{
  g_autofree char *date = NULL;
  g_autofree char *relative = NULL;

  if (day == 0)
    return g_strdup (unset);
  date = thr_day_format (day);
  /* "3115 days ago" says nothing the date does not. */
  if (ABS ((gint64) day - (gint64) today) > 60)
    return g_steal_pointer (&date);
  relative = thr_format_relative_day (day, today, FALSE);
  return g_strdup_printf ("%s (%s)", date, relative);
}

static const char *
status_glyph (const ThrWindowMonth *month)
{
  if (!month->known)
    return _("· not reported yet");
  switch (month->status)
    {
    case THR_STATUS_MET:     return _("✓ met");
    case THR_STATUS_MISSED:  return _("✗ missed");
    case THR_STATUS_PENDING: return _("○ pending");
    case THR_STATUS_NO_DATA:
    default:                 return _("– no data");
    }
}

/* A CAP whose failure is gone has no money to speak of: the header says
 * why it is still listed. */
static const char *
no_failure_title (ThrCapOutcome outcome)
{
  if (outcome == THR_CAP_OUTCOME_UNDONE)
    return _("Its failure was undone: the import that showed it was removed; kept because it was edited");
  return _("Unknown: the failure is no longer in the data");
}

static void
clear_dynamic (ThrCapEditor *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "thr-group"), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);
  thr_narrow_layout_forget (narrow_layout (self));
  self->n_audit = self->n_timeline = 0;
}

static void
show_header (ThrCapEditor *self,
             const ThrCap *cap)
{
  g_autofree char *month = thr_period_label_to_words (cap->failure_month);
  g_autofree char *title = g_strdup_printf (_("CAP for %s, missed %s"), cap->metric, month);
  ThrCapTone tone;
  const char *state = thr_cap_get_state_label (cap, thr_session_get_ledger (self->session), &tone);

  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  /* The ledger's words for the failure's money, as the CAPs page says them:
   * a window met twice whose CAP is not implemented still holds it (¶4.i). */
  gtk_label_set_label (GTK_LABEL (self->outcome_label),
                       cap->failure != NULL ? state : no_failure_title (thr_cap_get_outcome (cap)));
  for (ThrCapTone t = THR_CAP_TONE_NEUTRAL; t <= THR_CAP_TONE_SUCCESS; t++)
    gtk_widget_remove_css_class (self->outcome_label, thr_cap_editor_get_tone_class (t));
  gtk_widget_add_css_class (self->outcome_label, thr_cap_editor_get_tone_class (tone));
  gtk_widget_set_visible (self->closed_label, cap->closed_on != 0);
  gtk_widget_set_visible (self->close_button, cap->closed_on == 0);
  gtk_widget_set_visible (self->reopen_button, cap->closed_on != 0);
  if (cap->closed_on != 0)
    {
      g_autofree char *day = thr_day_format (cap->closed_on);
      /* Translators: the day a CAP was closed, then the reason given */
      g_autofree char *text = g_strdup_printf (_("Closed on %s: %s"), day, cap->close_reason ? cap->close_reason : "");

      gtk_label_set_label (GTK_LABEL (self->closed_label), text);
    }
}

static void
show_timeline (ThrCapEditor *self,
               const ThrCap *cap,
               guint32       today)
{
  g_autofree char *documented = day_text (cap->documented_on, today, _("Not known"));
  g_autofree char *due = day_text (cap->cap_due, today, _("When the failure is documented"));
  g_autofree char *submitted = day_text (cap->submitted_on, today, _("Not yet"));
  g_autofree char *review = day_text (cap->review_due, today, _("When the CAP is submitted"));
  g_autofree char *approved = day_text (cap->approved_on, today, _("Not yet"));
  g_autofree char *implemented = day_text (cap->implemented_on, today, _("Not yet: the release waits for it"));
  gboolean late = cap->cap_due != 0 && cap->submitted_on == 0 && cap->closed_on == 0 && cap->cap_due < today;

  add_dynamic (self, self->timeline_group, info_row (_("Failure documented"), documented, NULL));
  add_dynamic (self, self->timeline_group, info_row (_("CAP due (15 days, ¶4)"), due, late ? "error" : NULL));
  add_dynamic (self, self->timeline_group, info_row (_("CAP submitted"), submitted, NULL));
  add_dynamic (self, self->timeline_group, info_row (_("State review due (10 days, ¶4)"), review, NULL));
  add_dynamic (self, self->timeline_group, info_row (_("CAP approved"), approved, NULL));
  add_dynamic (self, self->timeline_group, info_row (_("CAP implemented (¶4.i)"), implemented, NULL));
  self->n_timeline += 6;
  if (cap->failure == NULL)
    return;
  for (guint i = 0; i < cap->failure->months->len; i++)
    {
      const ThrWindowMonth *m = &g_array_index (cap->failure->months, ThrWindowMonth, i);
      g_autofree char *label = thr_period_format_words (&m->month);
      /* TRANSLATORS: a month of ¶4.iii's four-month corrective period: "Corrective period, May 2018" */
      g_autofree char *row_title = g_strdup_printf (_("Corrective period, %s"), label);

      add_dynamic (self, self->timeline_group,
                   info_row (row_title, status_glyph (m),
                             m->known && m->status == THR_STATUS_MISSED ? "error"
                             : m->known && m->status == THR_STATUS_MET ? "success" : "dim-label"));
      self->n_timeline++;
    }
  {
    /* The header's words: a window met whose money is still held is not
     * "Resolved" here either (thr_cap_get_state_label ()). */
    const char *state = thr_cap_get_state_label (cap, thr_session_get_ledger (self->session), NULL);
    GtkWidget *row = info_row (_("Outcome"), state, NULL);

    gtk_widget_set_tooltip_text (row, cap->failure->explanation);
    add_dynamic (self, self->timeline_group, row);
    self->n_timeline++;
  }
}

static GtkWidget *
action_button (const char   *icon,
               const char   *label,
               const char   *action_name,
               gint64        action_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", action_id);
  return button;
}

static void
show_actions (ThrCapEditor *self,
              const ThrCap *cap,
              guint32       today)
{
  self->filling = TRUE;
  for (guint i = 0; i < cap->actions->len; i++)
    {
      const ThrCapAction *action = g_ptr_array_index (cap->actions, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *edit, *remove;
      g_autofree char *escaped = g_markup_escape_text (action->description, -1);
      g_autofree char *due = day_text (action->due_on, today, _("no due date"));
      g_autofree char *subtitle = NULL;

      subtitle = g_markup_printf_escaped (_("Owner: %s · due %s%s"),
                                          action->owner && action->owner[0] ? action->owner : _("nobody yet"), due,
                                          action->done_on ? _(" · done") : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), action->done_on != 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
      g_object_set_data (G_OBJECT (check), "thr-action", GSIZE_TO_POINTER ((gsize) action->id));
      g_signal_connect (check, "toggled", G_CALLBACK (_thr_cap_editor_action_done_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      edit = action_button ("document-edit-symbolic", _("Edit Action"), "cap.edit-action", action->id);
      remove = action_button ("user-trash-symbolic", _("Remove Action"), "cap.remove-action", action->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      if (!self->can_edit)
        {
          gtk_widget_set_sensitive (check, FALSE);
          explain_refusal (self, check);
          explain_refusal (self, edit);
          explain_refusal (self, remove);
        }
      add_dynamic (self, self->actions_group, row);
    }
  self->filling = FALSE;
}

/* The audit trail, newest first, in the core's words. */
static void
show_audit (ThrCapEditor *self,
            const ThrCap *cap)
{
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;

  audit = thr_cap_get_audit (_thr_cap_editor_store (self), cap->id, &error);
  for (guint i = audit ? audit->len : 0; i-- > 0;)
    {
      const ThrCapAudit *entry = g_ptr_array_index (audit, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *words = thr_cap_audit_describe (entry, NULL);
      g_autofree char *detail = thr_cap_audit_detail (entry);
      g_autofree char *escaped = g_markup_escape_text (words, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      if (detail != NULL)
        {
          g_autofree char *escaped_detail = g_markup_escape_text (detail, -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_detail);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
        }
      add_dynamic (self, self->audit_group, row);
      self->n_audit++;
    }
  /* Read now (another CAP, or the store back): the last failure to read
   * one no longer holds. */
  if (error == NULL && self->audit_unread)
    _thr_cap_editor_show_error (self, NULL);
  if (error != NULL)
    report_audit_failure (self, error);
}

void
_thr_cap_editor_rebuild (ThrCapEditor *self)
{
  const ThrCap *cap = _thr_cap_editor_current_cap (self);
  guint32 today;

  clear_dynamic (self);
  if (cap == NULL)
    return;
  today = thr_session_get_today (self->session);
  show_header (self, cap);
  show_timeline (self, cap, today);
  show_actions (self, cap, today);
  show_audit (self, cap);
}

/* Fills the editable fields from the store: when another CAP is shown,
 * and after an undo. */
void
_thr_cap_editor_fill_fields (ThrCapEditor *self)
{
  const ThrCap *cap = _thr_cap_editor_current_cap (self);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), cap ? "cap" : "none");
  if (cap == NULL)
    return;
  self->filling = TRUE;
  for (guint i = 0; i < N_NOTES; i++)
    {
      const char *value = cap_note (cap, note_fields[i]);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_views[i])), value ? value : "", -1);
    }
  for (guint i = 0; i < N_DATES; i++)
    {
      guint32 day = cap_date (cap, date_fields[i]);
      g_autofree char *text = day ? thr_day_format (day) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (self->date_rows[i]), text);
    }
  self->filling = FALSE;
  clear_field_errors (self);
}

static void
consequences_changed_cb (ThrCapEditor *self)
{
  _thr_cap_editor_rebuild (self);
}

/* ------------------------------------------------ the first showing */

/* The editor's first showing lays out its header and timeline alone, the
 * first screen of a 768-pixel window; the dates, the plan, the actions and
 * the audit trail under them (about a fifth of the CAPs page's first
 * visit, docs/benchmarks.md) come the frame after.  They are built and
 * filled all the same: only their first layout waits. */
static gboolean
show_below_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);

  if (self->below_first_frame < 0)
    {
      /* The frame that shows the editor. */
      self->below_first_frame = frame;
      return G_SOURCE_CONTINUE;
    }
  if (frame == self->below_first_frame)
    return G_SOURCE_CONTINUE;
  gtk_widget_set_visible (self->below, TRUE);
  self->below_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
mapped_cb (ThrCapEditor *self)
{
  if (gtk_widget_get_visible (self->below) || self->below_tick_id != 0)
    return;
  self->below_first_frame = -1;
  self->below_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), show_below_cb, NULL, NULL);
}

/* ---------------------------------------------------------- documents */

/* The window's actions read the CAP from the store, so what is pending is
 * saved first (a button's own action would run before its handlers). */
static void
activate_document (ThrCapEditor *self,
                   const char   *action)
{
  if (self->cap_id == 0)
    return;
  thr_cap_editor_flush (self);
  gtk_widget_activate_action (GTK_WIDGET (self), action, "x", self->cap_id);
}

static void
export_clicked_cb (ThrCapEditor *self)
{
  activate_document (self, "win.export-cap-pdf");
}

static void
print_clicked_cb (ThrCapEditor *self)
{
  activate_document (self, "win.print-cap");
}

/* ------------------------------------------------------- construction */

static void
thr_cap_editor_dispose (GObject *object)
{
  ThrCapEditor *self = THR_CAP_EDITOR (object);

  /* What was typed is not lost by closing (unless someone else saved the
   * CAP first: nobody is left to ask, and nothing is overwritten). */
  self->disposing = TRUE;
  if (self->save_id != 0)
    thr_cap_editor_flush (self);
  _thr_cap_editor_forget_conflict (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_CAP_EDITOR);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->field_errors, g_hash_table_unref);
  g_clear_pointer (&self->field_widgets, g_hash_table_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (thr_cap_editor_parent_class)->dispose (object);
}

static void
thr_cap_editor_class_init (ThrCapEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thr_cap_editor_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-cap-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, closed_label);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, rights_label);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, export_button);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, print_button);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, dates_group);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, actions_group);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, new_action_group);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, add_action_button);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, audit_group);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, below);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, new_description);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, new_owner);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, new_due);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, documented_on_row);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, submitted_on_row);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, submitted_warning_row);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, submitted_warning);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, approved_on_row);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, implemented_on_row);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, deficiency_view);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, root_cause_view);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, monitoring_view);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, evidence_view);
  gtk_widget_class_bind_template_child (widget_class, ThrCapEditor, signatories_view);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);

  _thr_cap_editor_class_actions_init (widget_class);
}

/* The widgets of each field, in the order of the field tables. */
static void
index_fields (ThrCapEditor *self)
{
  GtkWidget *notes[N_NOTES] = { self->deficiency_view, self->root_cause_view, self->monitoring_view,
                                self->evidence_view, self->signatories_view };
  GtkWidget *dates[N_DATES] = { self->documented_on_row, self->submitted_on_row, self->approved_on_row,
                                self->implemented_on_row };

  for (guint i = 0; i < N_NOTES; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes[i]));

      self->note_views[i] = notes[i];
      g_object_set_data (G_OBJECT (buffer), "thr-field", (gpointer) note_fields[i]);
      g_signal_connect (buffer, "changed", G_CALLBACK (note_changed_cb), self);
      add_note_error (self, notes[i], note_fields[i]);
    }
  for (guint i = 0; i < N_DATES; i++)
    {
      self->date_rows[i] = dates[i];
      add_date_suffixes (self, dates[i], date_fields[i]);
      g_signal_connect (dates[i], "changed", G_CALLBACK (date_changed_cb), self);
    }
  add_date_suffixes (self, self->new_due, "new_due");
  g_object_set_data (G_OBJECT (self->submitted_on_row), "thr-warning", self->submitted_warning);
  {
    GtkWidget *error = gtk_label_new (NULL);

    gtk_widget_add_css_class (error, "error");
    gtk_widget_add_css_class (error, "caption");
    gtk_widget_set_visible (error, FALSE);
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->new_description), error);
    g_hash_table_insert (self->field_errors, (gpointer) "new_description", error);
    g_hash_table_insert (self->field_widgets, (gpointer) "new_description", self->new_description);
  }
}

static void
thr_cap_editor_init (ThrCapEditor *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->field_errors = g_hash_table_new (g_str_hash, g_str_equal);
  self->field_widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) _thr_cap_editor_edit_free);
  self->dynamic_rows = g_ptr_array_new ();
  self->can_edit = TRUE;
  gtk_widget_set_layout_manager (GTK_WIDGET (self), thr_narrow_layout_new (NARROW_WIDTH, fit_value));
  gtk_widget_init_template (GTK_WIDGET (self));
  thr_row_titles_wrap_at_words (GTK_WIDGET (self));
  /* Its long description was laid out at some ten widths for each height
   * the header's GtkBox asked of it, at the page's first visit. */
  thr_row_titles_stack_group (ADW_PREFERENCES_GROUP (self->timeline_group));
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  index_fields (self);
  _thr_cap_editor_update_undo (self);
}

/* ---------------------------------------------------------- public API */

GtkWidget *
thr_cap_editor_new (void)
{
  return g_object_new (THR_TYPE_CAP_EDITOR, NULL);
}

void
thr_cap_editor_set_session (ThrCapEditor *self,
                            ThrSession   *session)
{
  g_return_if_fail (THR_IS_CAP_EDITOR (self));

  if (self->session == session)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_hash_table_remove_all (self->pending);
  g_ptr_array_set_size (self->undo_stack, 0);
  _thr_cap_editor_update_undo (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "consequences-changed", G_CALLBACK (consequences_changed_cb), self);
  apply_rights (self);
  self->cap_id = 0;
  _thr_cap_editor_fill_fields (self);
  _thr_cap_editor_rebuild (self);
}

void
thr_cap_editor_set_cap (ThrCapEditor *self,
                        gint64        cap_id)
{
  g_return_if_fail (THR_IS_CAP_EDITOR (self));

  if (cap_id == self->cap_id)
    return;
  thr_cap_editor_flush (self);
  /* What a conflict kept back belongs to the CAP left, not to this one. */
  g_hash_table_remove_all (self->pending);
  /* Ctrl+Z undoes what was done to the CAP shown, not to another. */
  g_ptr_array_set_size (self->undo_stack, 0);
  _thr_cap_editor_update_undo (self);
  self->cap_id = cap_id;
  _thr_cap_editor_fill_fields (self);
  _thr_cap_editor_rebuild (self);
}

gboolean
thr_cap_editor_has_unsaved (ThrCapEditor *self)
{
  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), FALSE);
  return g_hash_table_size (self->pending) > 0 || self->save_id != 0 || self->conflict_dialog != NULL;
}

gint64
thr_cap_editor_get_cap_id (ThrCapEditor *self)
{
  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), 0);
  return self->cap_id;
}

GtkWidget *
thr_cap_editor_get_field (ThrCapEditor *self,
                          const char   *field)
{
  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), NULL);

  for (guint i = 0; i < N_NOTES; i++)
    if (g_str_equal (note_fields[i], field))
      return self->note_views[i];
  for (guint i = 0; i < N_DATES; i++)
    if (g_str_equal (date_fields[i], field))
      return self->date_rows[i];
  if (g_str_equal (field, "new_description"))
    return self->new_description;
  if (g_str_equal (field, "new_owner"))
    return self->new_owner;
  if (g_str_equal (field, "new_due"))
    return self->new_due;
  return NULL;
}

const char *
thr_cap_editor_get_field_error (ThrCapEditor *self,
                                const char   *field)
{
  GtkWidget *label;

  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), NULL);

  label = g_hash_table_lookup (self->field_errors, field);
  if (label == NULL || !gtk_widget_get_visible (label))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (label));
}

const char *
thr_cap_editor_get_error (ThrCapEditor *self)
{
  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (self->error_label))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (self->error_label));
}

GtkWidget *
thr_cap_editor_get_error_card (ThrCapEditor *self)
{
  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), NULL);

  return self->error_card;
}

const char *
thr_cap_editor_get_field_warning (ThrCapEditor *self,
                                  const char   *field)
{
  GtkWidget *row;
  GtkWidget *warning;

  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), NULL);

  row = g_hash_table_lookup (self->field_widgets, field);
  warning = row ? g_object_get_data (G_OBJECT (row), "thr-warning") : NULL;
  if (warning == NULL || !gtk_widget_get_visible (gtk_widget_get_parent (warning)))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (warning));
}

/* The list of CAPs colours each state as the header does. */
const char *
thr_cap_editor_get_tone_class (ThrCapTone tone)
{
  switch (tone)
    {
    case THR_CAP_TONE_ERROR: return "error";
    case THR_CAP_TONE_SUCCESS: return "success";
    case THR_CAP_TONE_WARNING: return "warning";
    case THR_CAP_TONE_NEUTRAL:
    default: return "accent";
    }
}

GtkWidget *
thr_cap_editor_get_outcome_label (ThrCapEditor *self)
{
  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), NULL);

  return self->outcome_label;
}

guint
thr_cap_editor_get_n_audit (ThrCapEditor *self)
{
  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), 0);
  return self->n_audit;
}

guint
thr_cap_editor_get_n_timeline (ThrCapEditor *self)
{
  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), 0);
  return self->n_timeline;
}

char *
thr_cap_editor_dup_audit_text (ThrCapEditor *self,
                               guint         index)
{
  guint seen = 0;

  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), NULL);

  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);

      if (g_object_get_data (G_OBJECT (row), "thr-group") != self->audit_group)
        continue;
      if (seen++ == index)
        return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  return NULL;
}

GtkWidget *
thr_cap_editor_get_date_picker (ThrCapEditor *self,
                                const char   *field)
{
  GtkWidget *row;

  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), NULL);

  row = g_hash_table_lookup (self->field_widgets, field);
  return row != NULL ? date_picker_calendar (row) : NULL;
}
