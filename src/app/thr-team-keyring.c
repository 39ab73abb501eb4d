/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-team-keyring.c — team store passwords in the desktop's keyring */
#define G_LOG_DOMAIN "thr-team-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "thr-core.h"
#include "thr-team-keyring.h"

/* Threshold's own schema: its items are found by the store's address
 * alone, and another program's items never match. */
static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.thresholdapp.Threshold.TeamStore", SECRET_SCHEMA_NONE,
    {
      { "address", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

gboolean
thr_team_keyring_store (const char    *address,
                        const char    *password,
                        GCancellable  *cancellable,
                        GError       **error)
{
  /* Translators: the label of a password in the keyring; %s is the
   * team store's address, without its password */
  g_autofree char *label = g_strdup_printf (_("Threshold team store %s"), address);

  g_return_val_if_fail (address != NULL && password != NULL, FALSE);

  return secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                                     error, "address", address, NULL);
}

char *
thr_team_keyring_lookup (const char    *address,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local = NULL;
  char *secret;
  char *password;

  g_return_val_if_fail (address != NULL, NULL);

  secret = secret_password_lookup_sync (get_schema (), cancellable, &local, "address", address, NULL);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* libsecret's copy is wiped when freed; ours is an ordinary string,
   * handed to the core and libpq, which keep it in ordinary memory too. */
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
}

gboolean
thr_team_keyring_clear (const char    *address,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  secret_password_clear_sync (get_schema (), cancellable, &local, "address", address, NULL);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

gboolean
thr_team_keyring_hand_over (const char  *address,
                            GError     **error)
{
  g_autofree char *password = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  password = thr_team_keyring_lookup (address, NULL, error);
  if (password == NULL)
    return FALSE;
  thr_team_password_set (address, password);
  return TRUE;
}
