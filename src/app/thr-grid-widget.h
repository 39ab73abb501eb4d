/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-grid-widget.h — the compliance grid, drawn by the core's thr_grid_draw_* */
#pragma once

#include <gtk/gtk.h>

#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_GRID_WIDGET (thr_grid_widget_get_type ())
G_DECLARE_FINAL_TYPE (ThrGridWidget, thr_grid_widget, THR, GRID_WIDGET, GtkWidget)

GtkWidget  *thr_grid_widget_new          (void);
/* Rows are the contract's metrics by section, columns the session's
 * months.  A new session of the same store and contract keeps showing
 * the statuses it had, faded, until each month is evaluated again. */
void        thr_grid_widget_set_session  (ThrGridWidget *self,
                                          ThrSession    *session);
/* Bands the chosen month's column, scrolls it into view, moves the
 * keyboard's cell into it and describes it; -1 clears. */
void        thr_grid_widget_set_month    (ThrGridWidget *self,
                                          int            month);
/* Selects the keyboard's cell and scrolls it into view; -1 clears. */
void        thr_grid_widget_select       (ThrGridWidget *self,
                                          int            row,
                                          int            month);
void        thr_grid_widget_get_cursor   (ThrGridWidget *self,
                                          int           *row,
                                          int           *month);
guint       thr_grid_widget_get_n_rows   (ThrGridWidget *self);
const char *thr_grid_widget_get_metric   (ThrGridWidget *self,
                                          guint          row);
ThrStatus   thr_grid_widget_get_status   (ThrGridWidget *self,
                                          guint          row,
                                          guint          month);
/* Whether a month's column is drawn, and whether it shows statuses from
 * before the store was read again (not evaluated again yet). */
gboolean    thr_grid_widget_is_month_shown (ThrGridWidget *self,
                                            guint          month,
                                            gboolean      *stale);
/* The parts a person sees: the month header, the metric column, the
 * scrolled cells (its adjustments drive both headers). */
GtkWidget  *thr_grid_widget_get_column_header (ThrGridWidget *self);
GtkWidget  *thr_grid_widget_get_row_header    (ThrGridWidget *self);
GtkWidget  *thr_grid_widget_get_body          (ThrGridWidget *self);
GtkScrolledWindow *thr_grid_widget_get_scroller (ThrGridWidget *self);

G_END_DECLS
