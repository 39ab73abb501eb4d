/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-menu-button.c — a menu button's menu built when it first opens
 *
 * GTK 4.8 builds a GtkPopoverMenu, with every item's widgets, as soon as
 * a menu button is given a menu model: a page whose template gives its
 * Export button its menu pays for the popover when the page is first
 * shown, in the frame a person waits for, for a menu most visits never
 * open.  Given here, the model reaches the button when it first opens
 * (its mnemonic, a click or Enter alike), and the popover is built then.
 */
#define G_LOG_DOMAIN "thr-menu-button"

#include "config.h"

#include "thr-menu-button.h"

static void
give_menu_cb (GtkMenuButton *button,
              gpointer       user_data)
{
  GMenuModel *menu = user_data;

  /* Called at every opening: the model is given once, the popover it
   * built kept for the next. */
  if (gtk_menu_button_get_menu_model (button) != menu)
    gtk_menu_button_set_menu_model (button, menu);
}

/* MENU as BUTTON's menu from its first opening on; the button keeps a
 * reference to MENU. */
void
thr_menu_button_give_menu_on_open (GtkMenuButton *button,
                                   GMenuModel    *menu)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (menu));

  gtk_menu_button_set_create_popup_func (button, give_menu_cb, g_object_ref (menu), g_object_unref);
}
