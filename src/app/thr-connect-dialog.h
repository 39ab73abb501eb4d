/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-connect-dialog.h — "Connect to a Team Store…": a PostgreSQL server's
 * address, its TLS mode and the password
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define THR_TYPE_CONNECT_DIALOG (thr_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThrConnectDialog, thr_connect_dialog, THR, CONNECT_DIALOG, AdwWindow)

ThrConnectDialog *thr_connect_dialog_new            (GtkWindow        *parent);
/* The libpq address the fields make, without the password: the URI
 * typed, or one made of host, port, database and user; sslmode is added
 * unless the address names it, or the host is a Unix socket's folder
 * (libpq ignores it there). */
char             *thr_connect_dialog_get_address    (ThrConnectDialog *self);
/* The team stores connected to lately, offered first; one chosen is
 * connected to at once, with its password from the keyring. */
/* A team store's address in words: "threshold on db.agency.example",
 * "threshold on this computer" (a socket folder); NULL when it is no
 * URI (a service name alone, PG* variables). */
char             *thr_connect_dialog_describe_address (const char       *address);
void              thr_connect_dialog_set_recent     (ThrConnectDialog   *self,
                                                     const char * const *addresses);

G_END_DECLS
