/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-caps-page.h — the Corrective Action Plans and their editor */
#pragma once

#include <adwaita.h>

#include "thr-cap-editor.h"
#include "thr-search-bar.h"
#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_CAPS_PAGE (thr_caps_page_get_type ())
G_DECLARE_FINAL_TYPE (ThrCapsPage, thr_caps_page, THR, CAPS_PAGE, GtkWidget)

void          thr_caps_page_set_session (ThrCapsPage *self,
                                         ThrSession  *session);
/* Selects the CAP and shows its editor; FALSE if there is no such CAP. */
gboolean      thr_caps_page_select      (ThrCapsPage *self,
                                         gint64       cap_id);
guint         thr_caps_page_get_n_rows  (ThrCapsPage *self);
/* Rows left by the search bar's words and "missed only". */
guint         thr_caps_page_get_n_shown (ThrCapsPage *self);
ThrSearchBar *thr_caps_page_get_search_bar (ThrCapsPage *self);
ThrCapEditor *thr_caps_page_get_editor  (ThrCapsPage *self);
/* The window's header has a back button of its own when the window is
 * folded; the page then shows none, and the window's back returns from
 * the editor to the list (thr_caps_page_navigate_back). */
void          thr_caps_page_set_window_has_back (ThrCapsPage *self,
                                                 gboolean     window_has_back);
/* From the editor to the list when folded; FALSE if there is no step back. */
gboolean      thr_caps_page_navigate_back (ThrCapsPage *self);
/* Folded, with the editor in view rather than the list. */
gboolean      thr_caps_page_is_editor_shown (ThrCapsPage *self);

G_END_DECLS
