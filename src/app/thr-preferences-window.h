/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-preferences-window.h — preferences kept in GSettings
 *
 * An AdwPreferencesDialog, shown inside the main window, where libadwaita
 * has one (1.5 and later: the Flatpak's GNOME runtime); an
 * AdwPreferencesWindow of its own on Debian 12's libadwaita 1.2. */
#pragma once

#include <adwaita.h>

#include "thr-store.h"

G_BEGIN_DECLS

#define THR_TYPE_PREFERENCES_WINDOW (thr_preferences_window_get_type ())
#if ADW_CHECK_VERSION (1, 5, 0)
G_DECLARE_FINAL_TYPE (ThrPreferencesWindow, thr_preferences_window, THR, PREFERENCES_WINDOW, AdwPreferencesDialog)
#else
G_DECLARE_FINAL_TYPE (ThrPreferencesWindow, thr_preferences_window, THR, PREFERENCES_WINDOW, AdwPreferencesWindow)
#endif

/* CONTRACT_CALENDAR: the id of the open contract's calendar, or NULL. */
ThrPreferencesWindow *thr_preferences_window_new (GtkWindow  *parent,
                                                  GSettings  *settings,
                                                  const char *contract_calendar);
void                  thr_preferences_window_present   (ThrPreferencesWindow *self);
void                  thr_preferences_window_close     (ThrPreferencesWindow *self);
void                  thr_preferences_window_set_store (ThrPreferencesWindow *self,
                                                        ThrStore             *store,
                                                        const char           *calendar_id);

G_END_DECLS
