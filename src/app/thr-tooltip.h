/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-tooltip.h — a tooltip set without asking the display server anything */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void thr_tooltip_set_text (GtkWidget  *widget,
                           const char *text);

G_END_DECLS
