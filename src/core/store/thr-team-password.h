/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-team-password.h — a team store's password, for this process only
 *
 * The window keeps a team store's password in the desktop's keyring
 * (libsecret), never in its settings nor in the address it remembers.  It
 * hands the password over here before opening the store; every connection
 * this process then makes to that address (the window opens the store
 * again after each import, in worker threads) gives it to libpq, which
 * sends it only if the server asks.  Nothing here is written anywhere.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @address as thr_store_get_path shows it (without a password); a NULL
 * @password forgets it. */
void   thr_team_password_set    (const char *address,
                                 const char *password);
/* A copy of the password set for @address, or NULL. */
char  *thr_team_password_lookup (const char *address);

G_END_DECLS
