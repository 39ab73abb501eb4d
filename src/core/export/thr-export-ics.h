/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-ics.h — contract dates as an iCalendar file (RFC 5545)
 *
 * Each date is an all-day event with a stable UID, so importing the file
 * again updates a calendar rather than duplicating it.  The deadlines come
 * from the CAP timeline (the consequences engine); this module only writes
 * them.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char    *uid;           /* stable across exports: "cap-7-due@threshold" */
  char    *summary;
  char    *description;   /* NULL for none */
  guint32  day;           /* a Julian day (thr-period.h) */
  guint    alarm_days;    /* remind this many days before; 0 for no alarm */
  char    *category;      /* CATEGORIES, NULL for none */
  guint    sequence;      /* SEQUENCE: one more each time the day moved */
  char    *organizer;     /* ORGANIZER's URI ("urn:uuid:…"), NULL for none */
} ThrIcsEvent;

ThrIcsEvent *thr_ics_event_new   (const char  *uid,
                                  const char  *summary,
                                  const char  *description,
                                  guint32      day,
                                  guint        alarm_days);
void         thr_ics_event_free  (ThrIcsEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrIcsEvent, thr_ics_event_free)

/* @events: ThrIcsEvent*; @stamp: the DTSTAMP of every event (UTC). */
char        *thr_ics_to_string   (GPtrArray   *events,
                                  GDateTime   *stamp);
/* The same, with X-WR-CALNAME: the name a calendar client gives it. */
char        *thr_ics_to_string_named (GPtrArray  *events,
                                      const char *calendar_name,
                                      GDateTime  *stamp);
gboolean     thr_ics_write       (GPtrArray   *events,
                                  GDateTime   *stamp,
                                  const char  *path,
                                  GError     **error);

G_END_DECLS
