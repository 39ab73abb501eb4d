/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cap-editor.c — editing a Corrective Action Plan (D2 ¶4)
 *
 * The notes (deficiency, root cause, monitoring, evidence, signatories)
 * and the dates are saved as the user types: each change waits for a
 * pause (SAVE_DELAY_MS) and is then written with thr_cap_set_field, which
 * keeps the audit trail.  Corrective actions are added and marked done
 * at once.  After a save the session lists its CAPs again, and the parts
 * computed by the core (the timeline: CAP due, review due, the corrective
 * window's months with their results, the outcome) and the audit trail
 * are rebuilt; the fields being typed in are left alone.
 *
 * The editor keeps only the CAP's id: the session's ThrCap structures are
 * replaced on every reload.
 *
 * Export PDF… and Print… activate the window's win.export-cap-pdf and
 * win.print-cap (thr-window-export.c) with the CAP's id; what was typed
 * is saved first, so the document holds it.
 */
#define G_LOG_DOMAIN "thr-cap-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-cap-editor.h"
#include "thr-format.h"

#define SAVE_DELAY_MS 400

static const struct {
  const char *field;
  const char *title;
  const char *placeholder;
} notes[] = {
  { "deficiency", N_("Deficiency"), N_("What was missed, by how much, and its effect") },
  { "root_cause", N_("Root Cause"), N_("Why it happened") },
  { "monitoring", N_("Monitoring"), N_("How the fix will be watched, and by whom") },
  { "evidence", N_("Evidence"), N_("What shows the fix worked") },
  { "signatories", N_("Signatories"), N_("Who signs the plan, one per line") },
};

static const struct {
  const char *field;
  const char *title;
} dates[] = {
  { "documented_on", N_("Failure Documented (YYYY-MM-DD)") },
  { "submitted_on", N_("CAP Submitted (YYYY-MM-DD)") },
  { "approved_on", N_("CAP Approved (YYYY-MM-DD)") },
  /* ¶4.i: the release waits for it (recorded by the State). */
  { "implemented_on", N_("CAP Implemented (YYYY-MM-DD)") },
};

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

struct _ThrCapEditor
{
  GtkWidget    parent_instance;
  ThrSession  *session;
  gint64       cap_id;
  GHashTable  *pending;        /* field → new value */
  guint        save_id;
  gboolean     filling;        /* setting the fields from the store */
  guint        n_audit;
  guint        n_timeline;

  GtkWidget   *scrolled;
  GtkWidget   *stack;
  GtkWidget   *title_label;
  GtkWidget   *outcome_label;
  GtkWidget   *error_label;
  GtkWidget   *export_button;
  GtkWidget   *print_button;
  GtkWidget   *timeline_group;
  GtkWidget   *actions_group;
  GtkWidget   *audit_group;
  GtkWidget   *new_description;
  GtkWidget   *new_owner;
  GtkWidget   *new_due;
  GtkWidget   *note_views[G_N_ELEMENTS (notes)];
  GtkWidget   *date_rows[G_N_ELEMENTS (dates)];
  GPtrArray   *dynamic_rows;   /* rows of the three rebuilt groups, with their group */
};

G_DEFINE_FINAL_TYPE (ThrCapEditor, thr_cap_editor, GTK_TYPE_WIDGET)

static void rebuild_derived (ThrCapEditor *self);

static const ThrCap *
current_cap (ThrCapEditor *self)
{
  if (self->session == NULL || self->cap_id == 0)
    return NULL;
  return thr_session_get_cap_by_id (self->session, self->cap_id);
}

static void
show_error (ThrCapEditor *self,
            const char   *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

/* ---- saving ---- */

gboolean
thr_cap_editor_flush (ThrCapEditor *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean saved = FALSE;

  g_return_val_if_fail (THR_IS_CAP_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->session == NULL || self->cap_id == 0 || g_hash_table_size (self->pending) == 0)
    return TRUE;
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!thr_cap_set_field (thr_session_get_store (self->session), self->cap_id, key, value, &error))
        break;
      saved = TRUE;
      g_hash_table_iter_remove (&iter);
    }
  if (saved && error == NULL)
    thr_session_reload_caps (self->session, &error);
  show_error (self, error ? error->message : NULL);
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
  if (self->filling || self->cap_id == 0)
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

static void
date_changed_cb (GtkEditable  *editable,
                 ThrCapEditor *self)
{
  const char *field = g_object_get_data (G_OBJECT (editable), "thr-field");
  const char *text = gtk_editable_get_text (editable);
  guint32 day;

  /* Only whole dates are saved; a date half typed waits. */
  if (text[0] == '\0' || thr_day_parse_iso (text, &day))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      queue_save (self, field, text);
    }
  else
    {
      /* Replacing the text passes through "" (a valid clear): forget it. */
      if (!self->filling)
        g_hash_table_remove (self->pending, field);
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
    }
}

/* ---- corrective actions ---- */

static void
action_done_cb (GtkCheckButton *check,
                ThrCapEditor   *self)
{
  g_autoptr(GError) error = NULL;
  gint64 action_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "thr-action"));
  guint32 done_on = gtk_check_button_get_active (check) ? thr_session_get_today (self->session) : 0;

  if (self->filling)
    return;
  if (!thr_cap_set_action_done (thr_session_get_store (self->session), action_id, done_on, &error) ||
      !thr_session_reload_caps (self->session, &error))
    show_error (self, error->message);
}

static void
add_action_cb (ThrCapEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->new_description));
  const char *owner = gtk_editable_get_text (GTK_EDITABLE (self->new_owner));
  const char *due_text = gtk_editable_get_text (GTK_EDITABLE (self->new_due));
  g_autofree char *stripped = g_strstrip (g_strdup (description));
  guint32 due = 0;

  if (self->cap_id == 0 || stripped[0] == '\0')
    {
      show_error (self, _("A corrective action needs a description."));
      return;
    }
  if (due_text[0] != '\0' && !thr_day_parse_iso (due_text, &due))
    {
      show_error (self, _("The due date is not a date (YYYY-MM-DD)."));
      return;
    }
  thr_cap_editor_flush (self);
  if (thr_cap_add_action (thr_session_get_store (self->session), self->cap_id, description, owner, due, &error) <= 0 ||
      !thr_session_reload_caps (self->session, &error))
    {
      show_error (self, error ? error->message : _("The action could not be added."));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_description), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_owner), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_due), "");
  show_error (self, NULL);
}

/* ---- the computed parts ---- */

static void
add_dynamic (ThrCapEditor *self,
             GtkWidget    *group,
             GtkWidget    *row)
{
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
  gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static char *
day_text (guint32 day,
          guint32 today,
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

static const char *
outcome_title (const char *outcome)
{
  if (g_str_equal (outcome, "resolved"))
    return _("Resolved: met two consecutive months, withholding released");
  if (g_str_equal (outcome, "failed"))
    return _("Failed: the withholding is permanently retained");
  if (g_str_equal (outcome, "open"))
    return _("Open: the corrective window is running");
  if (g_str_equal (outcome, "undone"))
    return _("Its failure was undone: the import that showed it was removed; kept because it was edited");
  return _("Unknown: the failure is no longer in the data");
}

static void
rebuild_derived (ThrCapEditor *self)
{
  const ThrCap *cap = current_cap (self);
  guint32 today;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *outcome;

  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "thr-group"), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);
  self->n_audit = self->n_timeline = 0;
  if (cap == NULL)
    return;

  today = thr_session_get_today (self->session);
  title = g_strdup_printf (_("CAP for %s, missed %s"), cap->metric, cap->failure_month);
  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  outcome = thr_cap_get_outcome (cap);
  gtk_label_set_label (GTK_LABEL (self->outcome_label), outcome_title (outcome));
  gtk_widget_remove_css_class (self->outcome_label, "error");
  gtk_widget_remove_css_class (self->outcome_label, "success");
  if (g_str_equal (outcome, "failed"))
    gtk_widget_add_css_class (self->outcome_label, "error");
  else if (g_str_equal (outcome, "resolved"))
    gtk_widget_add_css_class (self->outcome_label, "success");

  /* The timeline, as the core computes it. */
  {
    g_autofree char *documented = day_text (cap->documented_on, today, _("Not known"));
    g_autofree char *due = day_text (cap->cap_due, today, _("When the failure is documented"));
    g_autofree char *submitted = day_text (cap->submitted_on, today, _("Not yet"));
    g_autofree char *review = day_text (cap->review_due, today, _("When the CAP is submitted"));
    g_autofree char *approved = day_text (cap->approved_on, today, _("Not yet"));
    g_autofree char *implemented = day_text (cap->implemented_on, today, _("Not yet: the release waits for it"));
    gboolean late = cap->cap_due != 0 && cap->submitted_on == 0 && cap->cap_due < today;

    add_dynamic (self, self->timeline_group, info_row (_("Failure documented"), documented, NULL));
    add_dynamic (self, self->timeline_group, info_row (_("CAP due (15 days, ¶4)"), due, late ? "error" : NULL));
    add_dynamic (self, self->timeline_group, info_row (_("CAP submitted"), submitted, NULL));
    add_dynamic (self, self->timeline_group, info_row (_("State review due (10 days, ¶4)"), review, NULL));
    add_dynamic (self, self->timeline_group, info_row (_("CAP approved"), approved, NULL));
    add_dynamic (self, self->timeline_group, info_row (_("CAP implemented (¶4.i)"), implemented, NULL));
    self->n_timeline += 6;
  }
  if (cap->failure != NULL)
    {
      for (guint i = 0; i < cap->failure->months->len; i++)
        {
          const ThrWindowMonth *m = &g_array_index (cap->failure->months, ThrWindowMonth, i);
          g_autofree char *label = thr_period_format (&m->month);
          g_autofree char *row_title = g_strdup_printf (_("Window month %s"), label);

          add_dynamic (self, self->timeline_group,
                       info_row (row_title, status_glyph (m),
                                 m->known && m->status == THR_STATUS_MISSED ? "error"
                                 : m->known && m->status == THR_STATUS_MET ? "success" : "dim-label"));
          self->n_timeline++;
        }
      {
        GtkWidget *row = info_row (_("Outcome"), thr_cap_get_outcome (cap), NULL);

        gtk_widget_set_tooltip_text (row, cap->failure->explanation);
        add_dynamic (self, self->timeline_group, row);
        self->n_timeline++;
      }
    }

  /* Corrective actions. */
  self->filling = TRUE;
  for (guint i = 0; i < cap->actions->len; i++)
    {
      const ThrCapAction *action = g_ptr_array_index (cap->actions, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
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
      g_signal_connect (check, "toggled", G_CALLBACK (action_done_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      add_dynamic (self, self->actions_group, row);
    }
  self->filling = FALSE;

  /* The audit trail, newest first. */
  audit = thr_cap_get_audit (thr_session_get_store (self->session), cap->id, &error);
  for (guint i = audit ? audit->len : 0; i-- > 0;)
    {
      const ThrCapAudit *entry = g_ptr_array_index (audit, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *escaped = g_markup_escape_text (entry->field, -1);
      g_autofree char *subtitle = NULL;

      /* Translators: an audit entry: when, the old value, the new one */
      subtitle = g_markup_printf_escaped (_("%s · “%s” → “%s”"), entry->at,
                                          entry->old_value ? entry->old_value : "",
                                          entry->new_value ? entry->new_value : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      add_dynamic (self, self->audit_group, row);
      self->n_audit++;
    }
  if (error != NULL)
    show_error (self, error->message);
}

/* Fills the editable fields from the store: only when another CAP is shown. */
static void
fill_fields (ThrCapEditor *self)
{
  const ThrCap *cap = current_cap (self);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), cap ? "cap" : "none");
  if (cap == NULL)
    return;
  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      const char *value = g_str_equal (notes[i].field, "deficiency") ? cap->deficiency
                          : g_str_equal (notes[i].field, "root_cause") ? cap->root_cause
                          : g_str_equal (notes[i].field, "monitoring") ? cap->monitoring
                          : g_str_equal (notes[i].field, "evidence") ? cap->evidence : cap->signatories;

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_views[i])), value ? value : "", -1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      guint32 day = cap_date (cap, dates[i].field);
      g_autofree char *text = day ? thr_day_format (day) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (self->date_rows[i]), text);
      gtk_widget_remove_css_class (self->date_rows[i], "error");
    }
  self->filling = FALSE;
  show_error (self, NULL);
}

static void
consequences_changed_cb (ThrCapEditor *self)
{
  rebuild_derived (self);
}

/* ---- documents ---- */

/* The window's actions read the CAP from the store, so what is pending is
 * saved first (a button's own action would run before its handlers). */
static void
document_clicked_cb (GtkButton    *button,
                     ThrCapEditor *self)
{
  if (self->cap_id == 0)
    return;
  thr_cap_editor_flush (self);
  gtk_widget_activate_action (GTK_WIDGET (self), g_object_get_data (G_OBJECT (button), "thr-action"),
                              "x", self->cap_id);
}

static GtkWidget *
document_button (ThrCapEditor *self,
                 const char   *label,
                 const char   *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data (G_OBJECT (button), "thr-action", (gpointer) action);
  g_signal_connect (button, "clicked", G_CALLBACK (document_clicked_cb), self);
  return button;
}

/* ---- construction ---- */

static GtkWidget *
group_new (GtkWidget  *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (box), group);
  return group;
}

static void
build (ThrCapEditor *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *group, *none, *add_button;

  self->stack = gtk_stack_new ();
  none = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "document-edit-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("No CAP Chosen"));
  adw_status_page_set_description (ADW_STATUS_PAGE (none), _("A missed metric opens a Corrective Action Plan; choose one from the list."));
  gtk_stack_add_named (GTK_STACK (self->stack), none, "none");

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_widget_add_css_class (self->title_label, "title-2");
  self->outcome_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->outcome_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->outcome_label), TRUE);
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (header), self->title_label);
  gtk_box_append (GTK_BOX (header), self->outcome_label);
  gtk_box_append (GTK_BOX (header), self->error_label);
  {
    GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    self->export_button = document_button (self, _("_Export PDF…"), "win.export-cap-pdf");
    gtk_widget_add_css_class (self->export_button, "suggested-action");
    self->print_button = document_button (self, _("_Print…"), "win.print-cap");
    gtk_widget_set_margin_top (buttons, 6);
    gtk_box_append (GTK_BOX (buttons), self->export_button);
    gtk_box_append (GTK_BOX (buttons), self->print_button);
    gtk_box_append (GTK_BOX (header), buttons);
  }
  gtk_box_append (GTK_BOX (box), header);

  self->timeline_group = group_new (box, _("Timeline"),
                                    _("Computed from the imported results: the CAP is due 15 calendar days after the failure is documented, the State reviews within 10 days of receipt, and the metric must be met two consecutive months within the four after the failure (¶4, ¶4.i)."));

  group = group_new (box, _("Dates"), _("Saved as you type a whole date; an empty field clears it."));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      self->date_rows[i] = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_rows[i]), _(dates[i].title));
      g_object_set_data (G_OBJECT (self->date_rows[i]), "thr-field", (gpointer) dates[i].field);
      g_signal_connect (self->date_rows[i], "changed", G_CALLBACK (date_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->date_rows[i]);
    }

  group = group_new (box, _("Plan"), _("Saved as you type."));
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      GtkWidget *label = gtk_label_new (_(notes[i].title));
      GtkWidget *view = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
      gtk_widget_set_size_request (view, -1, 64);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(notes[i].title),
                                      GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, _(notes[i].placeholder),
                                      -1);
      gtk_widget_set_tooltip_text (view, _(notes[i].placeholder));
      g_object_set_data (G_OBJECT (buffer), "thr-field", (gpointer) notes[i].field);
      g_signal_connect (buffer, "changed", G_CALLBACK (note_changed_cb), self);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_widget_add_css_class (frame, "view");
      gtk_box_append (GTK_BOX (item), label);
      gtk_box_append (GTK_BOX (item), frame);
      gtk_widget_set_margin_bottom (item, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), item);
      self->note_views[i] = view;
    }

  self->actions_group = group_new (box, _("Corrective Actions"), NULL);
  group = group_new (box, NULL, NULL);
  self->new_description = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_description), _("New Action"));
  self->new_owner = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_owner), _("Owner"));
  self->new_due = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_due), _("Due (YYYY-MM-DD)"));
  add_button = gtk_button_new_with_mnemonic (_("_Add Action"));
  gtk_widget_set_halign (add_button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (add_button, 6);
  g_signal_connect_swapped (add_button, "clicked", G_CALLBACK (add_action_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->new_description);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->new_owner);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->new_due);
  gtk_box_append (GTK_BOX (box), add_button);

  self->audit_group = group_new (box, _("Audit Trail"), _("Every change to this CAP, newest first."));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_stack_add_named (GTK_STACK (self->stack), self->scrolled, "cap");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
}

static void
thr_cap_editor_dispose (GObject *object)
{
  ThrCapEditor *self = THR_CAP_EDITOR (object);

  /* What was typed is not lost by closing. */
  if (self->save_id != 0)
    thr_cap_editor_flush (self);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (thr_cap_editor_parent_class)->dispose (object);
}

static void
thr_cap_editor_class_init (ThrCapEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = thr_cap_editor_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
thr_cap_editor_init (ThrCapEditor *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dynamic_rows = g_ptr_array_new ();
  build (self);
}

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
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "consequences-changed", G_CALLBACK (consequences_changed_cb), self);
  self->cap_id = 0;
  fill_fields (self);
  rebuild_derived (self);
}

void
thr_cap_editor_set_cap (ThrCapEditor *self,
                        gint64        cap_id)
{
  g_return_if_fail (THR_IS_CAP_EDITOR (self));

  if (cap_id == self->cap_id)
    return;
  thr_cap_editor_flush (self);
  self->cap_id = cap_id;
  fill_fields (self);
  rebuild_derived (self);
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

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    if (g_str_equal (notes[i].field, field))
      return self->note_views[i];
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (g_str_equal (dates[i].field, field))
      return self->date_rows[i];
  return NULL;
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
