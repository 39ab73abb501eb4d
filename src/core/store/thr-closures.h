/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-closures.h — days a user closes on a calendar, kept in the store
 *
 * When the governor closes state offices on a day no calendar file lists
 * (next week's storm, a Christmas Eve), the user records it once; every
 * count of business days and every deadline of every contract on that
 * calendar then skips the day: evaluation, CAP dates, the deadlines list
 * and threshold-cli business-days all load their calendar through
 * thr_store_load_calendar().
 */
#pragma once

#include "thr-calendar.h"
#include "thr-store.h"

G_BEGIN_DECLS

typedef struct {
  char    *calendar;   /* the calendar's id: indiana, missouri */
  guint32  day;        /* the local date closed */
  char    *reason;     /* what the user wrote: the order, the storm */
  char    *added_at;   /* when it was recorded, ISO 8601 UTC */
} ThrStoreClosure;

void          thr_store_closure_free     (ThrStoreClosure *closure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrStoreClosure, thr_store_closure_free)

/* Refuses (THR_STORE_ERROR_INVALID) an unknown calendar, a day outside
 * its years, a weekend day, a day the calendar already closes and an
 * empty reason; nothing is written then. */
gboolean      thr_store_add_closure      (ThrStore     *self,
                                          const char   *calendar_id,
                                          guint32       day,
                                          const char   *reason,
                                          GError      **error);
/* THR_STORE_ERROR_NOT_FOUND when the store holds no such closure. */
gboolean      thr_store_remove_closure   (ThrStore     *self,
                                          const char   *calendar_id,
                                          guint32       day,
                                          GError      **error);
/* By calendar, then day; @calendar_id NULL lists every calendar's. */
GPtrArray    *thr_store_list_closures    (ThrStore     *self,
                                          const char   *calendar_id,
                                          GError      **error);
/* The built-in calendar with the store's closures added. */
ThrCalendar  *thr_store_load_calendar    (ThrStore     *self,
                                          const char   *calendar_id,
                                          GError      **error);

G_END_DECLS
