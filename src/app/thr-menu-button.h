/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-menu-button.h — a menu button's menu built when it first opens */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void thr_menu_button_give_menu_on_open (GtkMenuButton *button,
                                        GMenuModel    *menu);

G_END_DECLS
