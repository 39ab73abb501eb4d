/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-grid-widget.h — the compliance grid, drawn by the core's thr_grid_draw */
#pragma once

#include <gtk/gtk.h>

#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_GRID_WIDGET (thr_grid_widget_get_type ())
G_DECLARE_FINAL_TYPE (ThrGridWidget, thr_grid_widget, THR, GRID_WIDGET, GtkWidget)

GtkWidget  *thr_grid_widget_new          (void);
/* Rows are the contract's metrics by section, columns the session's months. */
void        thr_grid_widget_set_session  (ThrGridWidget *self,
                                          ThrSession    *session);
/* Bands the chosen month's column and describes it; -1 clears. */
void        thr_grid_widget_set_month    (ThrGridWidget *self,
                                          int            month);
/* Selects the keyboard's cell; -1 clears. */
void        thr_grid_widget_select       (ThrGridWidget *self,
                                          int            row,
                                          int            month);
guint       thr_grid_widget_get_n_rows   (ThrGridWidget *self);
const char *thr_grid_widget_get_metric   (ThrGridWidget *self,
                                          guint          row);
ThrStatus   thr_grid_widget_get_status   (ThrGridWidget *self,
                                          guint          row,
                                          guint          month);

G_END_DECLS
