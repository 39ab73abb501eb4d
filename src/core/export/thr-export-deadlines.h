/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-deadlines.h — the contract's dates as an iCalendar file
 *
 * One writer for `threshold-cli deadlines --format ics` and the window's
 * Export: the deadlines (thr_deadlines_collect) become all-day events
 * written by the core's RFC 5545 writer (thr-export-ics.c).
 */
#pragma once

#include "thr-deadlines.h"
#include "thr-export-ics.h"

G_BEGIN_DECLS

/* @items: ThrDeadlineItem*; each event's UID keeps the item's key and the
 * contract, so a calendar that imports the file again updates its events
 * instead of doubling them.  @calendar_name becomes X-WR-CALNAME. */
char     *thr_export_deadlines_ics       (GPtrArray   *items,
                                          gint64       contract_id,
                                          const char  *calendar_name,
                                          GDateTime   *stamp);
gboolean  thr_export_deadlines_ics_write (GPtrArray   *items,
                                          gint64       contract_id,
                                          const char  *calendar_name,
                                          GDateTime   *stamp,
                                          const char  *path,
                                          GError     **error);

G_END_DECLS
