/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-core-init.h — what every part of the core needs before it runs */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the bundled contracts, calendars and profiles and binds the
 * message catalogue; safe to call more than once, from any thread. */
void        thr_core_init            (void);
const char *thr_core_get_localedir   (void);

G_END_DECLS
