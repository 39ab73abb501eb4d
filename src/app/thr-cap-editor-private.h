/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cap-editor-private.h — what the CAP editor's files share */
#pragma once

#include "thr-cap-editor.h"

G_BEGIN_DECLS

#define N_NOTES 5   /* deficiency, root cause, monitoring, evidence, signatories */
#define N_DATES 4   /* documented, submitted, approved, implemented */

/* One change made here, with what undoes it. */
typedef enum {
  EDIT_FIELD,           /* field was old_text ("" for none) */
  EDIT_ACTION_DONE,     /* action's done_on was old_day */
  EDIT_ACTION,          /* action was old_text, old_owner, old_day */
  EDIT_ACTION_ADDED,    /* action_id was added */
  EDIT_ACTION_REMOVED,  /* old_text, old_owner, old_day, old_done were removed */
  EDIT_CLOSE,           /* closed_on was old_day, with old_text as its reason */
} EditKind;

typedef struct {
  EditKind  kind;
  gint64    cap_id;
  gint64    action_id;
  char     *field;
  char     *old_text;
  char     *old_owner;
  guint32   old_day;
  guint32   old_done;
} Edit;

struct _ThrCapEditor
{
  GtkWidget    parent_instance;
  ThrSession  *session;
  gint64       cap_id;
  GHashTable  *pending;        /* field → new value */
  GHashTable  *field_errors;   /* field → its error GtkLabel (borrowed) */
  GHashTable  *field_widgets;  /* field → the widget marked invalid (borrowed) */
  GPtrArray   *undo_stack;     /* of Edit*, the last on top */
  guint        save_id;
  gboolean     filling;        /* setting the fields from the store */
  guint        n_audit;
  guint        n_timeline;
  gint64       save_version;   /* the version a save carries (thr-cap-editor-conflict.c) */
  gboolean     overwriting;    /* the person chose Overwrite: saves carry none */
  gboolean     disposing;
  gboolean     can_edit;       /* the store lets this person write CAPs */
  GtkWidget   *conflict_dialog; /* Reload or Overwrite, while it is asked */
  gint64       conflict_cap_id;
  char        *retry_action;   /* what Overwrite runs again (NULL: the pending fields) */
  GVariant    *retry_parameter;

  GtkWidget   *stack;
  GtkWidget   *scrolled;
  GtkWidget   *title_label;
  GtkWidget   *outcome_label;
  GtkWidget   *closed_label;
  GtkWidget   *error_label;
  GtkWidget   *error_card;     /* under it: a team store's server's words, quoted */
  gboolean     save_unsaid;    /* the error shown is a save the store refused or failed */
  gboolean     audit_unread;   /* the error shown is that the audit trail could not be read */
  GtkWidget   *rights_label;   /* why nothing here can be changed */
  GtkWidget   *export_button;
  GtkWidget   *print_button;
  GtkWidget   *close_button;
  GtkWidget   *reopen_button;
  GtkWidget   *undo_button;
  GtkWidget   *timeline_group;
  GtkWidget   *dates_group;
  GtkWidget   *actions_group;
  GtkWidget   *new_action_group;
  GtkWidget   *add_action_button;
  GtkWidget   *audit_group;
  GtkWidget   *below;          /* the groups under the timeline: shown the frame after the first */
  guint        below_tick_id;
  gint64       below_first_frame;
  GtkWidget   *new_description;
  GtkWidget   *new_owner;
  GtkWidget   *new_due;
  GtkWidget   *documented_on_row;
  GtkWidget   *submitted_on_row;
  GtkWidget   *submitted_warning_row;  /* under it: a plan dated before the documentation */
  GtkWidget   *submitted_warning;
  GtkWidget   *approved_on_row;
  GtkWidget   *implemented_on_row;
  GtkWidget   *deficiency_view;
  GtkWidget   *root_cause_view;
  GtkWidget   *monitoring_view;
  GtkWidget   *evidence_view;
  GtkWidget   *signatories_view;
  GtkWidget   *note_views[N_NOTES];
  GtkWidget   *date_rows[N_DATES];
  GPtrArray   *dynamic_rows;   /* rows of the three rebuilt groups, with their group */
};

/* thr-cap-editor.c */
const ThrCap       *_thr_cap_editor_current_cap     (ThrCapEditor *self);
ThrStore           *_thr_cap_editor_store           (ThrCapEditor *self);
const ThrCapAction *_thr_cap_editor_find_action     (const ThrCap *cap,
                                                     gint64        action_id);
void                _thr_cap_editor_show_error      (ThrCapEditor *self,
                                                     const char   *message);
void                _thr_cap_editor_set_field_error (ThrCapEditor *self,
                                                     const char   *field,
                                                     const char   *message);
void                _thr_cap_editor_report_error    (ThrCapEditor *self,
                                                     const char   *field,
                                                     const GError *error);
void                _thr_cap_editor_fill_fields     (ThrCapEditor *self);
void                _thr_cap_editor_rebuild         (ThrCapEditor *self);
void                _thr_cap_editor_add_date_picker (GtkWidget    *row);

/* thr-cap-editor-actions.c */
void                _thr_cap_editor_edit_free       (Edit         *edit);
Edit               *_thr_cap_editor_push_edit       (ThrCapEditor *self,
                                                     EditKind      kind);
void                _thr_cap_editor_update_undo     (ThrCapEditor *self);
void                _thr_cap_editor_action_done_cb  (GtkCheckButton *check,
                                                     ThrCapEditor   *self);
void                _thr_cap_editor_class_actions_init (GtkWidgetClass *widget_class);

/* thr-cap-editor-conflict.c */
gint64             *_thr_cap_editor_version         (ThrCapEditor *self);
gboolean            _thr_cap_editor_conflict        (ThrCapEditor *self,
                                                     const GError *error,
                                                     const char   *action,
                                                     GVariant     *parameter);
void                _thr_cap_editor_forget_conflict (ThrCapEditor *self);

G_END_DECLS
