#pragma once

#include <adwaita.h>

#include "thr-application.h"

G_BEGIN_DECLS

#define THR_TYPE_WINDOW (thr_window_get_type ())
G_DECLARE_FINAL_TYPE (ThrWindow, thr_window, THR, WINDOW, AdwApplicationWindow)

ThrWindow *thr_window_new (ThrApplication *application);

G_END_DECLS
