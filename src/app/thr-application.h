/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define THR_TYPE_APPLICATION (thr_application_get_type ())
G_DECLARE_FINAL_TYPE (ThrApplication, thr_application, THR, APPLICATION, AdwApplication)

ThrApplication *thr_application_new          (void);
const char     *thr_application_get_db_path  (ThrApplication *self);

G_END_DECLS
