/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-check-normalize.h — a schema statement spelled one way */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs of white space become one space (none beside punctuation), and a
 * plain identifier loses its double quotes; string literals are kept.
 * NULL (an automatic index has no statement) gives "". */
char *_thr_store_normalize_sql (const char *sql);

G_END_DECLS
