/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-nettle-lazy.h — Nettle, opened the first time it is used (thr-nettle-lazy.c) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Opens Nettle if it is not open yet; FALSE, saying why, when it cannot be. */
gboolean thr_nettle_open (GError **error);

G_END_DECLS
