/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-deadlines.h — the contract's dates as an iCalendar file
 *
 * One writer for `threshold-cli deadlines --format ics` and the window's
 * Export: the deadlines (thr_deadlines_collect) become all-day events
 * written by the core's RFC 5545 writer (thr-export-ics.c), made to merge
 * into the user's own calendar.
 */
#pragma once

#include "thr-deadlines.h"
#include "thr-export-ics.h"
#include "thr-store.h"

G_BEGIN_DECLS

typedef enum {
  THR_ICS_FLAGS_NONE      = 0,
  THR_ICS_FLAGS_OMIT_DONE = 1 << 0,   /* leave out what is done already */
  THR_ICS_FLAGS_ALARM     = 1 << 1,   /* a reminder the day before each open date */
} ThrIcsFlags;

/* The calendar of @items (ThrDeadlineItem*) for the contract @contract_id
 * of @store, named "Threshold — @contract_name" (X-WR-CALNAME): each UID
 * holds the deadline's key, the contract and the store's id, so the
 * calendars of two stores merge without a clash and importing the file
 * again updates its events instead of doubling them; SEQUENCE counts the
 * moves of each date since the store first published it (the store
 * records this publication); SUMMARY names the contract; CATEGORIES says
 * in words what kind of date it is. */
char        *thr_export_deadlines_ics       (ThrStore    *store,
                                             gint64       contract_id,
                                             const char  *contract_name,
                                             GPtrArray   *items,
                                             ThrIcsFlags  flags,
                                             GDateTime   *stamp,
                                             GError     **error);
/* The same, written to @path (replaced atomically). */
gboolean     thr_export_deadlines_ics_write (ThrStore    *store,
                                             gint64       contract_id,
                                             const char  *contract_name,
                                             GPtrArray   *items,
                                             ThrIcsFlags  flags,
                                             GDateTime   *stamp,
                                             const char  *path,
                                             GError     **error);
/* CATEGORIES of a kind of deadline, in words, translated. */
const char  *thr_ics_category_for_kind      (ThrDeadlineKind kind);

G_END_DECLS
