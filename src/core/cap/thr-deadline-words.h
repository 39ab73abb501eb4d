/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-deadline-words.h — a contract date as a person reads it
 *
 * ThrDeadlineItem's title is the CLI's and the calendar export's: English,
 * months as YYYY-MM.  The window says the same in the user's language,
 * months in words: "The contractor's report for July 2018",
 * "A.1.a's corrective window (missed in April 2018) closes at the end of
 * August 2018".
 */
#pragma once

#include "thr-deadlines.h"

G_BEGIN_DECLS

/* @caps (ThrCap*, may be NULL) name the metric and failure of a CAP's
 * dates; without them a CAP's date falls back to the item's title. */
char *thr_deadline_item_describe (const ThrDeadlineItem *item,
                                  GPtrArray             *caps);
/* The same said where its CAP is named already (the CAP's row on the
 * CAPs page, "A.1.a · May 2018"), without the metric and the month again:
 * "The contractor's CAP", "The State's review of the CAP", "Action: …".
 * Items of no CAP are said as thr_deadline_item_describe () says them. */
char *thr_deadline_item_describe_in_cap (const ThrDeadlineItem *item,
                                         GPtrArray             *caps);

G_END_DECLS
