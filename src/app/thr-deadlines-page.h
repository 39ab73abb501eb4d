/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-deadlines-page.h — every contract date, overdue first */
#pragma once

#include <adwaita.h>

#include "thr-search-bar.h"
#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_DEADLINES_PAGE (thr_deadlines_page_get_type ())
G_DECLARE_FINAL_TYPE (ThrDeadlinesPage, thr_deadlines_page, THR, DEADLINES_PAGE, GtkWidget)

void     thr_deadlines_page_set_session (ThrDeadlinesPage *self,
                                         ThrSession       *session);
/* Marks the days that are not business days in CALENDAR (NULL: none). */
void     thr_deadlines_page_set_calendar (ThrDeadlinesPage *self,
                                          ThrCalendar      *calendar);
/* The rows whose day is marked as a weekend or a holiday. */
guint    thr_deadlines_page_get_n_marked (ThrDeadlinesPage *self);
/* How many rows the page shows in a state (a ThrDeadlineState). */
guint    thr_deadlines_page_get_n_shown (ThrDeadlinesPage *self,
                                         int               state);
/* How many of the overdue, due and upcoming dates' rows are built: a
 * screenful at the first visit, the rest a few a frame after it. */
guint    thr_deadlines_page_get_n_rows_built (ThrDeadlinesPage *self);

/* Find (Ctrl+F) and "missed only" (the overdue dates). */
ThrSearchBar *thr_deadlines_page_get_search_bar (ThrDeadlinesPage *self);

G_END_DECLS
