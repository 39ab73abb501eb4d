/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-app-pch.h — the outside headers every file of the app's library
 * parses, precompiled once for it (c_pch in src/app/meson.build)
 *
 * GTK and libadwaita are about 900 of the 1,030 headers a window file
 * parses: with them precompiled, thr-alert.c took 0.74 s of processor
 * time to compile rather than 1.09 s (the 59 MB it loads cost some of
 * what parsing saves).  The core's files gain nothing from the same: a
 * precompiled GIO, JSON-GLib and Pango took them as long to load as to
 * parse.  Only headers from outside: ours change too often.  A build
 * with -Db_pch=false compiles every file without it, which shows a file
 * that forgot an include this header hides.
 */
#include <adwaita.h>
#include <json-glib/json-glib.h>

/* GLib's headers define G_LOG_DOMAIN when the file has not: each file
 * defines its own after this header, which must leave it undefined. */
#undef G_LOG_DOMAIN
