/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-person.h — who is using the program, as the store records it
 *
 * One answer for everything that names the person behind a change: the
 * CAP's audit trail (thr_cap_get_author) and, on a team store, the name
 * the connection states to the server (threshold.person), which the
 * server writes beside the database role in every changed row.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The user's real name from the system, or the login name when there is
 * none; never NULL or empty. */
const char *thr_person_get_name (void);

G_END_DECLS
