/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-counts-layout.h — the overview's counts, two to four a line */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define THR_TYPE_COUNTS_LAYOUT (thr_counts_layout_get_type ())
G_DECLARE_FINAL_TYPE (ThrCountsLayout, thr_counts_layout, THR, COUNTS_LAYOUT, GtkLayoutManager)

G_END_DECLS
