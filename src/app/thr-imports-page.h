/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-imports-page.h — import a file; the history of imports */
#pragma once

#include <adwaita.h>

#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_IMPORTS_PAGE (thr_imports_page_get_type ())
G_DECLARE_FINAL_TYPE (ThrImportsPage, thr_imports_page, THR, IMPORTS_PAGE, AdwBin)

void   thr_imports_page_set_session  (ThrImportsPage *self,
                                      ThrSession     *session);
guint  thr_imports_page_get_n_imports (ThrImportsPage *self);

G_END_DECLS
