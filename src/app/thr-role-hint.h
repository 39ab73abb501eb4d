/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-role-hint.h — saying on a control why a team store's role may not use it */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets @widget's tooltip to @why (the sentence of
 * thr_store_describe_missing_right), keeping its own tooltip aside; NULL
 * gives the widget its own tooltip back. */
void thr_role_hint_set (GtkWidget  *widget,
                        const char *why);

G_END_DECLS
