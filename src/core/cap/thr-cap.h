/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cap.h — Corrective Action Plans (D2 ¶4) kept in the store
 *
 * "If Contractor fails to meet the requirements for one or more Performance
 * Metrics … in a given month, the Contractor must submit a Corrective
 * Action Plan (CAP) to the State within fifteen (15) calendar days
 * following the documentation of failure … The State shall review and make
 * reasonable efforts to approve the CAP within ten (10) calendar days of
 * the CAP being received."
 *
 * CAPs are opened from the ledger's failures (thr_cap_sync); what a user
 * writes (dates, deficiency, root cause, actions …) is kept with an audit
 * trail of every change.  The window and the outcome are never stored:
 * they are computed from the data each time (thr_cap_list with a ledger).
 */
#pragma once

#include "thr-cap-enums.h"
#include "thr-ledger.h"
#include "thr-store.h"

G_BEGIN_DECLS

typedef enum {
  THR_CAP_OUTCOME_OPEN,      /* ¶4.i: the corrective window is running */
  THR_CAP_OUTCOME_RESOLVED,  /* ¶4.i: met two consecutive months, the withholding released */
  THR_CAP_OUTCOME_FAILED,    /* the withholding is permanently retained */
  THR_CAP_OUTCOME_UNDONE,    /* the import that showed its failure was undone */
  THR_CAP_OUTCOME_UNKNOWN,   /* no failure in the data for it */
} ThrCapOutcome;

/* How strongly a list marks a CAP's state (thr_cap_get_state_label ()):
 * the window still running, its money still held, retained, released. */
typedef enum {
  THR_CAP_TONE_NEUTRAL,
  THR_CAP_TONE_WARNING,
  THR_CAP_TONE_ERROR,
  THR_CAP_TONE_SUCCESS,
} ThrCapTone;

#define THR_CAP_DUE_DAYS    15   /* ¶4: calendar days after documentation */
#define THR_CAP_REVIEW_DAYS 10   /* ¶4: calendar days after receipt */

typedef struct {
  gint64   id;
  char    *description;
  char    *owner;
  guint32  due_on;    /* day number, 0 = not set */
  guint32  done_on;
} ThrCapAction;

typedef struct {
  char *at;          /* ISO 8601 UTC */
  char *field;       /* "submitted_on", "action 3 done_on", "opened" … */
  char *old_value;   /* NULL when there was none */
  char *new_value;
  char *author;      /* who made it (thr_cap_get_author); NULL before schema 8 */
} ThrCapAudit;

typedef struct {
  gint64             id;
  char              *metric;
  char              *failure_month;   /* "YYYY-MM" */
  guint32            documented_on;   /* 0 = not known */
  guint32            cap_due;         /* documented_on + 15, 0 if unknown */
  guint32            submitted_on;
  guint32            review_due;      /* submitted_on + 10, 0 if not submitted */
  guint32            approved_on;
  guint32            implemented_on;  /* ¶4.i: the release waits for it */
  char              *deficiency;
  char              *root_cause;
  char              *monitoring;
  char              *evidence;
  char              *signatories;
  GPtrArray         *actions;         /* of ThrCapAction* */
  gboolean           edited;          /* a user changed it since it was opened */
  char              *failure_undone_at; /* ISO 8601: an undo took its failure away, or NULL */
  guint32            closed_on;       /* a user closed it that day (thr_cap_close), 0 = open */
  char              *close_reason;    /* why, when closed */
  gint64             row_version;     /* raised by every change of the CAP: what an
                                       * editor's saves carry (thr_cap_*_checked) */
  GPtrArray         *readings;        /* keys of the interpretations that decided its dates
                                       * (late_results_documented_on), listed with a ledger */
  /* From the ledger, when one was given and it still has this failure. */
  ThrLedgerFailure  *failure;         /* borrowed from the ledger, or NULL */
} ThrCap;

void        thr_cap_free          (ThrCap        *cap);
void        thr_cap_audit_free    (ThrCapAudit   *audit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrCap, thr_cap_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrCapAudit, thr_cap_audit_free)

/* Opens a CAP for each failure of the ledger that has none; a repeat miss
 * inside a window is part of its failure and so joins that CAP.  A new
 * CAP's documented_on defaults to the day the failure month's results were
 * first imported, or, for results that came after the failure's corrective
 * window (history), to the month's verification day (the reading
 * late_results_documented_on).  *n_opened (may be NULL) counts the new ones. */
gboolean    thr_cap_sync          (ThrStore      *store,
                                   gint64         contract_id,
                                   ThrLedger     *ledger,
                                   guint         *n_opened,
                                   GError       **error);
/* The same, with the program's today (0: today in the contract's time
 * zone), which bounds the default documented_on. */
gboolean    thr_cap_sync_on       (ThrStore      *store,
                                   gint64         contract_id,
                                   ThrLedger     *ledger,
                                   guint32        today,
                                   guint         *n_opened,
                                   GError       **error);

typedef struct {
  guint n_rows;          /* the rows the import had brought */
  guint n_caps_removed;  /* CAPs of failures only it brought, nobody had edited */
  guint n_caps_marked;   /* the same, edited: kept, marked "its failure was undone" */
} ThrCapUndoResult;

/* Undoes an import (thr_history_undo_import) and settles the CAPs of the
 * failures that only it brought: one nobody edited is removed, an edited
 * one is kept with failure_undone_at set, in one transaction: a failure
 * leaves the store as it was.  today as for the ledger. */
gboolean    thr_cap_undo_import   (ThrStore          *store,
                                   gint64             contract_id,
                                   gint64             import_id,
                                   guint32            today,
                                   ThrCapUndoResult  *result,
                                   GError           **error);
/* Of ThrCap*, by failure month then metric.  With a ledger, each CAP
 * carries its failure (window, results, outcome); the ledger must outlive
 * the list. */
GPtrArray  *thr_cap_list          (ThrStore      *store,
                                   gint64         contract_id,
                                   ThrLedger     *ledger,
                                   GError       **error);
/* Fields: documented_on, submitted_on, approved_on, implemented_on,
 * closed_on (YYYY-MM-DD or "" to clear), deficiency, root_cause,
 * monitoring, evidence, signatories, close_reason. */
gboolean    thr_cap_set_field     (ThrStore      *store,
                                   gint64         cap_id,
                                   const char    *field,
                                   const char    *value,
                                   GError       **error);
gint64      thr_cap_add_action    (ThrStore      *store,
                                   gint64         cap_id,
                                   const char    *description,
                                   const char    *owner,
                                   guint32        due_on,
                                   GError       **error);
gboolean    thr_cap_set_action_done (ThrStore    *store,
                                   gint64         action_id,
                                   guint32        done_on,
                                   GError       **error);
/* Changes a corrective action's description, owner ("" for none) and due
 * day (0 for none); each part that changes is audited. */
gboolean    thr_cap_update_action (ThrStore    *store,
                                   gint64         action_id,
                                   const char    *description,
                                   const char    *owner,
                                   guint32        due_on,
                                   GError       **error);
/* Removes a corrective action; the trail keeps its description. */
gboolean    thr_cap_remove_action (ThrStore    *store,
                                   gint64         action_id,
                                   GError       **error);
/* Closes a CAP on CLOSED_ON with a REASON (required), in one transaction;
 * CLOSED_ON 0 opens it again and clears the reason. */
gboolean    thr_cap_close         (ThrStore      *store,
                                   gint64         cap_id,
                                   guint32        closed_on,
                                   const char    *reason,
                                   GError       **error);
/* The saves of an editor that loaded the CAP at *version (its
 * ThrCap.row_version), as the functions above: each first checks, in its
 * transaction, that nobody changed the CAP since (another window, the
 * CLI, a colleague on a team store, an undone import).  If someone did,
 * it writes nothing and fails with THR_STORE_ERROR_CONFLICT, the message
 * naming the last change from the audit trail (who, what, when).  On
 * success *version is the CAP's version after the save.  Overwriting the
 * other change, which the user asks for, is a NULL @version (or the
 * unchecked function above). */
gboolean    thr_cap_set_field_checked       (ThrStore    *store,
                                             gint64       cap_id,
                                             gint64      *version,
                                             const char  *field,
                                             const char  *value,
                                             GError     **error);
gint64      thr_cap_add_action_checked      (ThrStore    *store,
                                             gint64       cap_id,
                                             gint64      *version,
                                             const char  *description,
                                             const char  *owner,
                                             guint32      due_on,
                                             GError     **error);
gboolean    thr_cap_set_action_done_checked (ThrStore    *store,
                                             gint64       action_id,
                                             gint64      *version,
                                             guint32      done_on,
                                             GError     **error);
gboolean    thr_cap_update_action_checked   (ThrStore    *store,
                                             gint64       action_id,
                                             gint64      *version,
                                             const char  *description,
                                             const char  *owner,
                                             guint32      due_on,
                                             GError     **error);
gboolean    thr_cap_remove_action_checked   (ThrStore    *store,
                                             gint64       action_id,
                                             gint64      *version,
                                             GError     **error);
gboolean    thr_cap_close_checked           (ThrStore    *store,
                                             gint64       cap_id,
                                             gint64      *version,
                                             guint32      closed_on,
                                             const char  *reason,
                                             GError     **error);
/* Who the trail names for a change made now: the user's real name from
 * the system, or the login name when there is none (thr_person_get_name,
 * the name a team store's connection states to the server too). */
const char *thr_cap_get_author    (void);
/* Of ThrCapAudit*, oldest first. */
GPtrArray  *thr_cap_get_audit     (ThrStore      *store,
                                   gint64         cap_id,
                                   GError       **error);
/* The audit entry in words, in TZ (NULL: local time): "Root cause changed
 * by Ana Ruiz on 1 December 2026 at 10:15". */
char       *thr_cap_audit_describe (const ThrCapAudit *entry,
                                    GTimeZone         *tz);
/* What changed: "“old” → “new”", "“new”" for a value set, or NULL when
 * the words say it all. */
char       *thr_cap_audit_detail   (const ThrCapAudit *entry);
/* Open, resolved or failed from the ledger's window; undone when an undo
 * took its failure away; unknown without a failure. */
ThrCapOutcome thr_cap_get_outcome       (const ThrCap  *cap);
/* The fixed word JSON and CSV carry: "open", "resolved", … */
const char   *thr_cap_outcome_to_string (ThrCapOutcome  outcome);
/* The outcome as a word for people, translated: "Open", "Resolved", … */
const char   *thr_cap_outcome_get_label (ThrCapOutcome  outcome);
/* The CAP's state as a list shows it, in the ledger's words: a window met
 * whose money @ledger (the one the CAP's failure is borrowed from) still
 * holds reads as held, not "Resolved" (thr_ledger_failure_get_state ()).
 * The outcome (thr_cap_get_outcome ()) is unchanged: it is the window's. */
const char   *thr_cap_get_state_label   (const ThrCap  *cap,
                                         ThrLedger     *ledger,
                                         ThrCapTone    *tone);

/* Why a contract has no CAP, in a sentence for an empty list: none of
 * its withholding metrics was missed, or it withholds nothing at all
 * (no invoice components, as the KPI page), so a miss opens none. */
const char   *thr_cap_describe_none     (ThrContract   *contract);

G_END_DECLS
