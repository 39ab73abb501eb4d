/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cap-editor-actions.c — what the CAP editor does besides typing
 *
 * Corrective actions added, marked done, edited (in a dialog) and
 * removed; the CAP closed with a reason, or reopened; and the undo of
 * each of those and of every saved field, the last first (cap.undo,
 * Ctrl+Z).  Every change goes through the core's audited calls, so an
 * undo is in the trail as a change back, and carries the version of the
 * CAP the editor shows: someone else's save since is not overwritten
 * unless the person says so (thr-cap-editor-conflict.c).
 */
#define G_LOG_DOMAIN "thr-cap-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-cap-editor-private.h"

void
_thr_cap_editor_edit_free (Edit *edit)
{
  g_free (edit->field);
  g_free (edit->old_text);
  g_free (edit->old_owner);
  g_free (edit);
}

/* --------------------------------------------------------------- undo */

void
_thr_cap_editor_update_undo (ThrCapEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cap.undo", self->can_edit && self->undo_stack->len > 0);
}

Edit *
_thr_cap_editor_push_edit (ThrCapEditor *self,
           EditKind      kind)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = kind;
  edit->cap_id = self->cap_id;
  g_ptr_array_add (self->undo_stack, edit);
  _thr_cap_editor_update_undo (self);
  return edit;
}

/* An action put back by an undo is a new row with an id of its own (the
 * server's sequence never gives one twice; SQLite only happened to give
 * the last row's again): the older edits of that action, still to be
 * undone, follow it there. */
static void
follow_readded_action (ThrCapEditor *self,
                       gint64        old_id,
                       gint64        new_id)
{
  for (guint i = 0; i < self->undo_stack->len; i++)
    {
      Edit *older = g_ptr_array_index (self->undo_stack, i);

      if (older->kind != EDIT_FIELD && older->kind != EDIT_CLOSE && older->action_id == old_id)
        older->action_id = new_id;
    }
}

static gboolean
revert_edit (ThrCapEditor  *self,
             const Edit    *edit,
             GError       **error)
{
  ThrStore *store = _thr_cap_editor_store (self);
  gint64 *version = _thr_cap_editor_version (self);
  gint64 id;

  switch (edit->kind)
    {
    case EDIT_FIELD:
      return thr_cap_set_field_checked (store, edit->cap_id, version, edit->field, edit->old_text, error);
    case EDIT_ACTION_DONE:
      return thr_cap_set_action_done_checked (store, edit->action_id, version, edit->old_day, error);
    case EDIT_ACTION:
      return thr_cap_update_action_checked (store, edit->action_id, version, edit->old_text, edit->old_owner,
                                            edit->old_day, error);
    case EDIT_ACTION_ADDED:
      return thr_cap_remove_action_checked (store, edit->action_id, version, error);
    case EDIT_ACTION_REMOVED:
      id = thr_cap_add_action_checked (store, edit->cap_id, version, edit->old_text, edit->old_owner, edit->old_day,
                                       error);
      if (id > 0)
        follow_readded_action (self, edit->action_id, id);
      return id > 0 && (edit->old_done == 0 ||
                        thr_cap_set_action_done_checked (store, id, version, edit->old_done, error));
    case EDIT_CLOSE:
      return thr_cap_close_checked (store, edit->cap_id, version, edit->old_day, edit->old_text, error);
    default:
      g_assert_not_reached ();
    }
}

static void
undo_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  Edit *edit;

  /* What is still waiting for its pause is the latest edit: save it so
   * that it is the one undone. */
  thr_cap_editor_flush (self);
  if (self->undo_stack->len == 0)
    return;
  edit = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  _thr_cap_editor_update_undo (self);
  if (!revert_edit (self, edit, &error) || !thr_session_reload_caps (self->session, &error))
    {
      /* Refused as a conflict, the edit stays to be undone (by Overwrite). */
      if (_thr_cap_editor_conflict (self, error, "cap.undo", NULL))
        {
          g_ptr_array_add (self->undo_stack, g_steal_pointer (&edit));
          _thr_cap_editor_update_undo (self);
          return;
        }
      _thr_cap_editor_report_error (self, NULL, error);
    }
  else
    {
      /* The fields show what the store now holds. */
      _thr_cap_editor_fill_fields (self);
      _thr_cap_editor_rebuild (self);
    }
  _thr_cap_editor_edit_free (edit);
}

/* -------------------------------------------------- corrective actions */

/* cap.set-action-done (x id, u day or 0): what an action's check does. */
static void
set_action_done_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 action_id;
  guint32 done_on;
  const ThrCapAction *action;
  guint32 old_done;
  Edit *edit;

  g_variant_get (parameter, "(xu)", &action_id, &done_on);
  action = _thr_cap_editor_find_action (_thr_cap_editor_current_cap (self), action_id);
  old_done = action != NULL ? action->done_on : 0;
  if (!thr_cap_set_action_done_checked (_thr_cap_editor_store (self), action_id, _thr_cap_editor_version (self),
                                        done_on, &error) ||
      !thr_session_reload_caps (self->session, &error))
    {
      if (!_thr_cap_editor_conflict (self, error, action_name, parameter))
        _thr_cap_editor_report_error (self, NULL, error);
      return;
    }
  edit = _thr_cap_editor_push_edit (self, EDIT_ACTION_DONE);
  edit->action_id = action_id;
  edit->old_day = old_done;
}

void
_thr_cap_editor_action_done_cb (GtkCheckButton *check,
                                ThrCapEditor   *self)
{
  gint64 action_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "thr-action"));
  guint32 done_on = gtk_check_button_get_active (check) ? thr_session_get_today (self->session) : 0;

  if (self->filling)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "cap.set-action-done", "(xu)", action_id, done_on);
}

static gboolean
parse_due (ThrCapEditor *self,
           const char   *field,
           const char   *text,
           guint32      *due)
{
  *due = 0;
  if (text[0] != '\0' && !thr_day_parse_iso (text, due))
    {
      _thr_cap_editor_set_field_error (self, field, _("Not a date: type YYYY-MM-DD or pick one"));
      return FALSE;
    }
  _thr_cap_editor_set_field_error (self, field, NULL);
  return TRUE;
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->new_description));
  const char *owner = gtk_editable_get_text (GTK_EDITABLE (self->new_owner));
  const char *due_text = gtk_editable_get_text (GTK_EDITABLE (self->new_due));
  g_autofree char *stripped = g_strstrip (g_strdup (description));
  gboolean due_ok;
  guint32 due = 0;
  gint64 id;

  if (self->cap_id == 0)
    return;
  due_ok = parse_due (self, "new_due", due_text, &due);
  _thr_cap_editor_set_field_error (self, "new_description", stripped[0] == '\0' ? _("A corrective action needs a description") : NULL);
  if (!due_ok || stripped[0] == '\0')
    return;
  thr_cap_editor_flush (self);
  id = thr_cap_add_action_checked (_thr_cap_editor_store (self), self->cap_id, _thr_cap_editor_version (self),
                                   stripped, owner, due, &error);
  if (id <= 0 || !thr_session_reload_caps (self->session, &error))
    {
      if (error == NULL)
        _thr_cap_editor_show_error (self, _("The action could not be added."));
      else if (!_thr_cap_editor_conflict (self, error, action_name, parameter))
        _thr_cap_editor_report_error (self, NULL, error);
      return;
    }
  _thr_cap_editor_push_edit (self, EDIT_ACTION_ADDED)->action_id = id;
  gtk_editable_set_text (GTK_EDITABLE (self->new_description), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_owner), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_due), "");
  _thr_cap_editor_set_field_error (self, "new_due", NULL);
  _thr_cap_editor_show_error (self, NULL);
}

static void
remove_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 action_id = g_variant_get_int64 (parameter);
  const ThrCapAction *action = _thr_cap_editor_find_action (_thr_cap_editor_current_cap (self), action_id);
  Edit *edit;

  if (action == NULL)
    return;
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ACTION_REMOVED;
  edit->cap_id = self->cap_id;
  edit->action_id = action_id;   /* the id the older edits know it by */
  edit->old_text = g_strdup (action->description);
  edit->old_owner = g_strdup (action->owner);
  edit->old_day = action->due_on;
  edit->old_done = action->done_on;
  if (!thr_cap_remove_action_checked (_thr_cap_editor_store (self), action_id, _thr_cap_editor_version (self),
                                      &error) ||
      !thr_session_reload_caps (self->session, &error))
    {
      if (!_thr_cap_editor_conflict (self, error, action_name, parameter))
        _thr_cap_editor_report_error (self, NULL, error);
      _thr_cap_editor_edit_free (edit);
      return;
    }
  g_ptr_array_add (self->undo_stack, edit);
  _thr_cap_editor_update_undo (self);
}

/* cap.update-action (x id, s description, s owner, s due): what the Edit
 * dialog's Save does. */
static void
update_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  const ThrCapAction *action;
  const char *description, *owner, *due_text;
  g_autofree char *stripped = NULL;
  gint64 action_id;
  guint32 due;
  Edit *edit;

  g_variant_get (parameter, "(x&s&s&s)", &action_id, &description, &owner, &due_text);
  action = _thr_cap_editor_find_action (_thr_cap_editor_current_cap (self), action_id);
  stripped = g_strstrip (g_strdup (description));
  if (action == NULL)
    return;
  if (stripped[0] == '\0')
    {
      _thr_cap_editor_show_error (self, _("A corrective action needs a description"));
      return;
    }
  if (due_text[0] != '\0' && !thr_day_parse_iso (due_text, &due))
    {
      _thr_cap_editor_show_error (self, _("Not a date: type YYYY-MM-DD or pick one"));
      return;
    }
  if (due_text[0] == '\0')
    due = 0;
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ACTION;
  edit->cap_id = self->cap_id;
  edit->action_id = action_id;
  edit->old_text = g_strdup (action->description);
  edit->old_owner = g_strdup (action->owner);
  edit->old_day = action->due_on;
  if (!thr_cap_update_action_checked (_thr_cap_editor_store (self), action_id, _thr_cap_editor_version (self),
                                      stripped, owner, due, &error) ||
      !thr_session_reload_caps (self->session, &error))
    {
      if (!_thr_cap_editor_conflict (self, error, action_name, parameter))
        _thr_cap_editor_report_error (self, NULL, error);
      _thr_cap_editor_edit_free (edit);
      return;
    }
  g_ptr_array_add (self->undo_stack, edit);
  _thr_cap_editor_update_undo (self);
  _thr_cap_editor_show_error (self, NULL);
}

static GtkWidget *
dialog_entry_row (GtkWidget  *list,
                  const char *title,
                  const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
edit_dialog_response_cb (GtkWidget    *dialog,
                         const char   *response,
                         ThrCapEditor *self)
{
  GtkWidget **rows = g_object_get_data (G_OBJECT (dialog), "thr-rows");
  gint64 action_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "thr-action"));

  if (g_str_equal (response, "save"))
    gtk_widget_activate_action (GTK_WIDGET (self), "cap.update-action", "(xsss)", action_id,
                                gtk_editable_get_text (GTK_EDITABLE (rows[0])),
                                gtk_editable_get_text (GTK_EDITABLE (rows[1])),
                                gtk_editable_get_text (GTK_EDITABLE (rows[2])));
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  gint64 action_id = g_variant_get_int64 (parameter);
  const ThrCapAction *action = _thr_cap_editor_find_action (_thr_cap_editor_current_cap (self), action_id);
  g_autofree char *due = NULL;
  GtkWidget *dialog, *list;
  GtkWidget **rows;

  if (action == NULL)
    return;
  due = action->due_on ? thr_day_format (action->due_on) : g_strdup ("");
  dialog = thr_alert_new (_("Edit Corrective Action"), NULL);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  rows = g_new0 (GtkWidget *, 3);
  rows[0] = dialog_entry_row (list, _("Action"), action->description);
  rows[1] = dialog_entry_row (list, _("Owner"), action->owner);
  rows[2] = dialog_entry_row (list, _("Due (YYYY-MM-DD)"), due);
  _thr_cap_editor_add_date_picker (rows[2]);
  g_object_set_data_full (G_OBJECT (dialog), "thr-rows", rows, g_free);
  g_object_set_data (G_OBJECT (dialog), "thr-action", GSIZE_TO_POINTER ((gsize) action_id));
  thr_alert_set_extra_child (dialog, list);
  thr_alert_add_response (dialog, "cancel", _("_Cancel"));
  thr_alert_add_response (dialog, "save", _("_Save"));
  thr_alert_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  thr_alert_set_default_response (dialog, "save");
  g_signal_connect (dialog, "response", G_CALLBACK (edit_dialog_response_cb), self);
  thr_alert_present (dialog, widget);
}

/* ------------------------------------------------------------ closing */

/* cap.close (s reason): closes the CAP today. */
static void
close_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  const ThrCap *cap = _thr_cap_editor_current_cap (self);
  const char *reason = g_variant_get_string (parameter, NULL);
  guint32 old_day;
  g_autofree char *old_reason = NULL;
  Edit *edit;

  if (cap == NULL)
    return;
  thr_cap_editor_flush (self);
  cap = _thr_cap_editor_current_cap (self);
  old_day = cap->closed_on;
  old_reason = g_strdup (cap->close_reason ? cap->close_reason : "");
  if (!thr_cap_close_checked (_thr_cap_editor_store (self), self->cap_id, _thr_cap_editor_version (self),
                              thr_session_get_today (self->session), reason, &error) ||
      !thr_session_reload_caps (self->session, &error))
    {
      if (!_thr_cap_editor_conflict (self, error, action_name, parameter))
        {
          if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_INVALID))
            _thr_cap_editor_show_error (self, _("Closing a CAP needs a reason"));
          else
            _thr_cap_editor_report_error (self, NULL, error);
        }
      return;
    }
  edit = _thr_cap_editor_push_edit (self, EDIT_CLOSE);
  edit->old_day = old_day;
  edit->old_text = g_steal_pointer (&old_reason);
  _thr_cap_editor_show_error (self, NULL);
}

static void
reopen_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  const ThrCap *cap = _thr_cap_editor_current_cap (self);
  Edit *edit;

  if (cap == NULL || cap->closed_on == 0)
    return;
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_CLOSE;
  edit->cap_id = self->cap_id;
  edit->old_day = cap->closed_on;
  edit->old_text = g_strdup (cap->close_reason);
  if (!thr_cap_close_checked (_thr_cap_editor_store (self), self->cap_id, _thr_cap_editor_version (self), 0, NULL,
                              &error) ||
      !thr_session_reload_caps (self->session, &error))
    {
      if (!_thr_cap_editor_conflict (self, error, action_name, parameter))
        _thr_cap_editor_report_error (self, NULL, error);
      _thr_cap_editor_edit_free (edit);
      return;
    }
  g_ptr_array_add (self->undo_stack, edit);
  _thr_cap_editor_update_undo (self);
}

static void
reason_changed_cb (GtkEditable *reason,
                   GtkWidget   *dialog)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  thr_alert_set_response_enabled (dialog, "close", stripped[0] != '\0');
}

static void
close_dialog_response_cb (GtkWidget    *dialog,
                          const char   *response,
                          ThrCapEditor *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "thr-reason");

  if (g_str_equal (response, "close"))
    gtk_widget_activate_action (GTK_WIDGET (self), "cap.close", "s", gtk_editable_get_text (reason));
}

static void
ask_close_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ThrCapEditor *self = THR_CAP_EDITOR (widget);
  GtkWidget *dialog, *list, *reason;

  if (_thr_cap_editor_current_cap (self) == NULL)
    return;
  dialog = thr_alert_new (_("Close This CAP?"),
                          _("A closed CAP asks for nothing more: its dates leave the deadlines. "
                            "The reason is kept in the audit trail, and the CAP can be reopened."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  reason = dialog_entry_row (list, _("Reason"), "");
  g_object_set_data (G_OBJECT (dialog), "thr-reason", reason);
  thr_alert_set_extra_child (dialog, list);
  thr_alert_add_response (dialog, "cancel", _("_Cancel"));
  thr_alert_add_response (dialog, "close", _("C_lose CAP"));
  thr_alert_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  thr_alert_set_response_enabled (dialog, "close", FALSE);
  g_signal_connect (reason, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (close_dialog_response_cb), self);
  thr_alert_present (dialog, widget);
}

void
_thr_cap_editor_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "cap.undo", NULL, undo_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "cap.undo", NULL);
  gtk_widget_class_install_action (widget_class, "cap.add-action", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "cap.edit-action", "x", edit_action_cb);
  gtk_widget_class_install_action (widget_class, "cap.update-action", "(xsss)", update_action_cb);
  gtk_widget_class_install_action (widget_class, "cap.remove-action", "x", remove_action_cb);
  gtk_widget_class_install_action (widget_class, "cap.ask-close", NULL, ask_close_cb);
  gtk_widget_class_install_action (widget_class, "cap.close", "s", close_cb);
  gtk_widget_class_install_action (widget_class, "cap.reopen", NULL, reopen_cb);
  gtk_widget_class_install_action (widget_class, "cap.set-action-done", "(xu)", set_action_done_cb);
}
