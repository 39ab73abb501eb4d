/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-narrow-layout.h — a bin's layout that fits labels to a narrow widget */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define THR_TYPE_NARROW_LAYOUT (thr_narrow_layout_get_type ())
G_DECLARE_FINAL_TYPE (ThrNarrowLayout, thr_narrow_layout, THR, NARROW_LAYOUT, GtkLayoutManager)

/* Fits a widget (a label, or a row holding one) to a page that is, or is
 * no longer, narrow. */
typedef void (*ThrNarrowFitFunc) (GtkWidget *widget,
                                  gboolean   narrow);

/* Lays its widget's one child out as GtkBinLayout does, and fits the
 * widgets given to thr_narrow_layout_fit() with @fit: narrow while the
 * widget is allocated less than @narrow_width, refitted after the frame
 * that crossed it, so that labels made to wrap then are not changed while
 * the frame is laid out.  A window narrower than @narrow_width makes them
 * narrow at once, before the widget's child is measured, so that they fit
 * its first frame. */
GtkLayoutManager *thr_narrow_layout_new    (int               narrow_width,
                                            ThrNarrowFitFunc  fit);
/* Fits @widget now, and again each time the page crosses the width. */
void              thr_narrow_layout_fit    (ThrNarrowLayout  *self,
                                            GtkWidget        *widget);
/* Forgets every widget given, as the page removes them. */
void              thr_narrow_layout_forget (ThrNarrowLayout  *self);

G_END_DECLS
