/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-enum-nick.h — the fixed words of registered enums, for JSON, CSV and the store */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of @value in the registered enum @type (its gnome.mkenums_simple
 * registration, with the nick the header's annotation gives), or NULL with
 * a critical when @value is not one of it. */
const char *thr_enum_to_nick   (GType       type,
                                int         value);
/* The value whose nick is exactly @nick; FALSE when none. */
gboolean    thr_enum_from_nick (GType       type,
                                const char *nick,
                                int        *value);

G_END_DECLS
