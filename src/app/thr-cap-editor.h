/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cap-editor.h — one CAP: its plan, actions, timeline and audit trail */
#pragma once

#include <adwaita.h>

#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_CAP_EDITOR (thr_cap_editor_get_type ())
G_DECLARE_FINAL_TYPE (ThrCapEditor, thr_cap_editor, THR, CAP_EDITOR, GtkWidget)

GtkWidget *thr_cap_editor_new          (void);
void       thr_cap_editor_set_session  (ThrCapEditor *self,
                                        ThrSession   *session);
/* Saves what is pending for the CAP shown, then shows CAP_ID (0: none). */
void       thr_cap_editor_set_cap      (ThrCapEditor *self,
                                        gint64        cap_id);
gint64     thr_cap_editor_get_cap_id   (ThrCapEditor *self);
/* Saves the edits still waiting for their pause now; FALSE on an error
 * (also shown in the editor). */
gboolean   thr_cap_editor_flush        (ThrCapEditor *self);
/* Something typed is not saved yet: waiting for its pause, or kept back
 * while the person is asked to reload or overwrite someone else's save. */
gboolean   thr_cap_editor_has_unsaved  (ThrCapEditor *self);
/* The editable widget of a field (a GtkTextView for the notes, an
 * AdwEntryRow for the dates and the new action's "new_description",
 * "new_owner", "new_due"), for keyboard focus and tests. */
GtkWidget *thr_cap_editor_get_field    (ThrCapEditor *self,
                                        const char   *field);
/* The message shown beside a field (as for thr_cap_editor_get_field, or
 * "new_description", "new_due"), or NULL when it has none. */
const char *thr_cap_editor_get_field_error (ThrCapEditor *self,
                                            const char   *field);
/* The warning shown under a date that is kept as typed but looks wrong
 * ("submitted_on" before "documented_on"), or NULL. */
const char *thr_cap_editor_get_field_warning (ThrCapEditor *self,
                                              const char   *field);
/* The message at the top of the editor (a save refused, not a field's),
 * or NULL; and the card quoting a team store's server's words under it,
 * or NULL. */
const char *thr_cap_editor_get_error   (ThrCapEditor *self);
GtkWidget  *thr_cap_editor_get_error_card (ThrCapEditor *self);
/* The GtkCalendar of a date field's picker (made when first asked for or
 * popped up), or NULL for a field without one. */
GtkWidget *thr_cap_editor_get_date_picker (ThrCapEditor *self,
                                           const char   *field);
/* The words of the audit trail's INDEXth row (0: the newest), or NULL. */
char      *thr_cap_editor_dup_audit_text (ThrCapEditor *self,
                                          guint         index);
/* The style class that colours a CAP's state (thr_cap_get_state_label ()). */
const char *thr_cap_editor_get_tone_class (ThrCapTone tone);
/* The header's line that says the CAP's state, in the ledger's words. */
GtkWidget *thr_cap_editor_get_outcome_label (ThrCapEditor *self);
/* Rows shown in the audit trail and the timeline. */
guint      thr_cap_editor_get_n_audit  (ThrCapEditor *self);
guint      thr_cap_editor_get_n_timeline (ThrCapEditor *self);

G_END_DECLS
