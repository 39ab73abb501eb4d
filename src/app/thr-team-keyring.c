/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-team-keyring.c — team store passwords in the desktop's keyring */
#define G_LOG_DOMAIN "thr-team-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "thr-core.h"
#include "thr-lazy-library.h"
#include "thr-team-keyring.h"

/* libsecret is opened the first time a password is kept, read or
 * cleared (thr-lazy-library.h), not linked: linked, it and the libraries
 * it brings (libgcrypt, libgpg-error) cost every launch their loading and
 * relocation, and lengthened the list of libraries every later symbol
 * lookup walks (the GL driver's, before the first frame), though only a
 * team store needs it (docs/benchmarks.md, "Start-up, session 19").  The
 * functions are the forms that take the attributes as a table, as the
 * variadic ones cannot be forwarded. */
#define SECRET_SONAME "libsecret-1.so.0"

#define THR_SECRET_FUNCTIONS(F) \
  F (gboolean, secret_password_storev_sync, \
     (const SecretSchema *schema, GHashTable *attributes, const gchar *collection, const gchar *label, \
      const gchar *password, GCancellable *cancellable, GError **error), \
     (schema, attributes, collection, label, password, cancellable, error), FALSE) \
  F (gchar *, secret_password_lookupv_sync, \
     (const SecretSchema *schema, GHashTable *attributes, GCancellable *cancellable, GError **error), \
     (schema, attributes, cancellable, error), NULL) \
  F (gboolean, secret_password_clearv_sync, \
     (const SecretSchema *schema, GHashTable *attributes, GCancellable *cancellable, GError **error), \
     (schema, attributes, cancellable, error), FALSE)

#define THR_SECRET_PROCEDURES(F) \
  F (secret_password_free, (gchar *password), (password))

THR_LAZY_LIBRARY_DEFINE (SECRET_SONAME, THR_SECRET_FUNCTIONS, THR_SECRET_PROCEDURES)

/* The attributes Threshold's items are found by: the address alone. */
static GHashTable *
attributes_new (const char *address)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "address", (gpointer) address);
  return attributes;
}

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
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (address != NULL && password != NULL, FALSE);

  if (!thr_lazy_library_open (&thr_lazy_library, error))
    return FALSE;
  attributes = attributes_new (address);
  return secret_password_storev_sync (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, password,
                                      cancellable, error);
}

char *
thr_team_keyring_lookup (const char    *address,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local = NULL;
  char *secret;
  char *password;

  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  if (!thr_lazy_library_open (&thr_lazy_library, error))
    return NULL;
  attributes = attributes_new (address);
  secret = secret_password_lookupv_sync (get_schema (), attributes, cancellable, &local);
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
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  if (!thr_lazy_library_open (&thr_lazy_library, error))
    return FALSE;
  attributes = attributes_new (address);
  secret_password_clearv_sync (get_schema (), attributes, cancellable, &local);
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
