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

G_END_DECLS
