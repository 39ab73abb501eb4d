/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-search-bar.h — find (Ctrl+F) and "missed only" for a page's rows */
#pragma once

#include <adwaita.h>

#include "thr-search-item.h"

G_BEGIN_DECLS

#define THR_TYPE_SEARCH_BAR (thr_search_bar_get_type ())
G_DECLARE_FINAL_TYPE (ThrSearchBar, thr_search_bar, THR, SEARCH_BAR, GtkWidget)

/* Matches the ThrSearchItem of a row: its text holds every word typed
 * (whatever their case) and, with "missed only", it is missed.  Emits
 * GtkFilter::changed as the user types or toggles. */
GtkFilter *thr_search_bar_get_filter      (ThrSearchBar *self);
gboolean   thr_search_bar_matches         (ThrSearchBar *self,
                                           gpointer      item);
/* Shows the bar with the entry focused, or hides it and clears it. */
void       thr_search_bar_toggle          (ThrSearchBar *self);
gboolean   thr_search_bar_get_shown       (ThrSearchBar *self);
/* What "missed only" keeps on this page, as its tooltip. */
void       thr_search_bar_set_missed_tooltip (ThrSearchBar *self,
                                              const char   *tooltip);
/* Typing typed on WIDGET starts a search. */
void       thr_search_bar_set_key_capture (ThrSearchBar *self,
                                           GtkWidget    *widget);
/* For tests and callers: what the user would type and toggle. */
void       thr_search_bar_set_text        (ThrSearchBar *self,
                                           const char   *text);
void       thr_search_bar_set_missed_only (ThrSearchBar *self,
                                           gboolean      missed_only);

/* For pages that build their rows one by one: ROW (in GROUP, which is
 * hidden when none of its tracked rows is left; may be NULL) is shown only
 * while TEXT and MISSED match.  Forget the rows before building new ones,
 * and apply once they are built. */
void       thr_search_bar_track_row       (ThrSearchBar *self,
                                           GtkWidget    *row,
                                           GtkWidget    *group,
                                           const char   *text,
                                           gboolean      missed);
void       thr_search_bar_forget_rows     (ThrSearchBar *self);
void       thr_search_bar_apply           (ThrSearchBar *self);
guint      thr_search_bar_get_n_rows_shown (ThrSearchBar *self);

G_END_DECLS
