/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-team-keyring.h — team store passwords in the desktop's keyring
 *
 * A password is kept by the Secret Service (GNOME Keyring, KeePassXC…)
 * through libsecret, under a schema of Threshold's own keyed by the
 * store's address without its password (thr_store_get_path): never in
 * GSettings, never in an address the window remembers.  Before opening a
 * team store the window reads its password from here and hands it to the
 * core for this process only (thr_team_password_set).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  thr_team_keyring_store  (const char    *address,
                                   const char    *password,
                                   GCancellable  *cancellable,
                                   GError       **error);
/* The password kept for @address; NULL with no error when none is. */
char     *thr_team_keyring_lookup (const char    *address,
                                   GCancellable  *cancellable,
                                   GError       **error);
gboolean  thr_team_keyring_clear  (const char    *address,
                                   GCancellable  *cancellable,
                                   GError       **error);
/* Hands the password kept for @address to the core for this process
 * (thr_team_password_set), before the store is opened; FALSE when none is
 * kept (the server may need none) or the keyring cannot be read. */
gboolean  thr_team_keyring_hand_over (const char  *address,
                                      GError     **error);

G_END_DECLS
