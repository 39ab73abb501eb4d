/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-narrow-layout.h — a bin's layout that says when its widget is narrow */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define THR_TYPE_NARROW_LAYOUT (thr_narrow_layout_get_type ())
G_DECLARE_FINAL_TYPE (ThrNarrowLayout, thr_narrow_layout, THR, NARROW_LAYOUT, GtkLayoutManager)

/* Lays its widget's one child out as GtkBinLayout does.  :narrow is TRUE
 * while the widget is allocated less than @narrow_width; its
 * notification comes after the frame that crossed it, so that labels
 * made to wrap then are not changed while the frame is laid out.  A
 * window narrower than @narrow_width makes it TRUE at once, before the
 * widget's child is measured, so that the labels fit its first frame. */
GtkLayoutManager *thr_narrow_layout_new        (int              narrow_width);
gboolean          thr_narrow_layout_get_narrow (ThrNarrowLayout *self);

G_END_DECLS
