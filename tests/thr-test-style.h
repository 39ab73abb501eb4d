/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-style.h — libadwaita and Threshold's own style, without ThrApplication */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* adw_init (), then what AdwApplication loads from Threshold's resources
 * for a window of Threshold's: style.css, and style-hc.css over it in the
 * high-contrast style. */
void thr_test_adw_init (void);

G_END_DECLS
