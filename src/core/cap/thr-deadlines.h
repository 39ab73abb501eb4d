/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-deadlines.h — every date the contract sets, in one list
 *
 * From the ledger (its months and corrective windows) and the CAPs: the
 * contractor's monthly report (¶2), the State's verification (¶3), CAP due
 * and review due (¶4), corrective actions, the close of each corrective
 * window (¶4.i) and, once a window's two months are met, the CAP's
 * implementation that the release still waits for (¶4.i); each judged
 * against a given day.
 */
#pragma once

#include "thr-cap.h"
#include "thr-ledger.h"

G_BEGIN_DECLS

typedef enum {
  THR_DEADLINE_REPORT,            /* ¶2: reporting due the 15th of the following month */
  THR_DEADLINE_VERIFICATION,      /* ¶3: the State verifies in the following month */
  THR_DEADLINE_CAP_DUE,           /*< nick=cap_due >*/
                                  /* ¶4: documented + 15 calendar days */
  THR_DEADLINE_REVIEW_DUE,        /*< nick=review_due >*/
                                  /* ¶4: submitted + 10 calendar days */
  THR_DEADLINE_ACTION,            /* a corrective action's due date */
  THR_DEADLINE_WINDOW_CHECKPOINT, /*< nick=window_checkpoint >*/
                                  /* ¶2 + ¶4.i: a window month's result is reported */
  THR_DEADLINE_WINDOW_CLOSES,     /*< nick=window_closes >*/
                                  /* ¶4.i: the last day of the four-month window */
  THR_DEADLINE_IMPLEMENTATION,    /* ¶4.i: met two months; the CAP's implementation, by the window's end */
} ThrDeadlineKind;

typedef enum {
  THR_DEADLINE_UPCOMING,   /* after the given day */
  THR_DEADLINE_DUE,        /* on the given day */
  THR_DEADLINE_OVERDUE,    /* before it and not done */
  THR_DEADLINE_DONE,       /* done, whenever it was due */
} ThrDeadlineState;

typedef struct {
  guint32           day;
  ThrDeadlineKind   kind;
  ThrDeadlineState  state;
  char             *key;          /* stable, unique: "report/2018-04", "cap/3/due" … */
  char             *title;
  char             *description;  /* the clause it comes from */
  gint64            cap_id;       /* 0 when not about a CAP */
} ThrDeadlineItem;

#define THR_TYPE_DEADLINE_ITEM (thr_deadline_item_get_type ())
GType            thr_deadline_item_get_type     (void) G_GNUC_CONST;
ThrDeadlineItem *thr_deadline_item_copy         (const ThrDeadlineItem *deadline);
void        thr_deadline_item_free              (ThrDeadlineItem      *deadline);
/* The paragraph a deadline comes from, in the user's language (the item's
 * description stays English for JSON and the calendar export). */
const char *thr_deadline_item_get_clause        (const ThrDeadlineItem *deadline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrDeadlineItem, thr_deadline_item_free)

/* Of ThrDeadlineItem*, by day then key.  caps may be NULL. */
GPtrArray  *thr_deadlines_collect          (ThrLedger        *ledger,
                                            GPtrArray        *caps,
                                            guint32           today);
/* Of the ThrDeadlineItem*s of @items (not copied: @items owns them), in
 * its order: those not done that are overdue, due on @today, or due in
 * the @n_days after it. */
GPtrArray  *thr_deadlines_due_within       (GPtrArray        *items,
                                            guint32           today,
                                            guint             n_days);
const char *thr_deadline_kind_to_string    (ThrDeadlineKind   kind);
const char *thr_deadline_state_to_string   (ThrDeadlineState  state);

G_END_DECLS
