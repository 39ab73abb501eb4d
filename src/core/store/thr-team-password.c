/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-team-password.c — a team store's password, for this process only */
#define G_LOG_DOMAIN "thr-store"

#include "thr-team-password.h"

/* Stores are opened from worker threads as well as the main one. */
static GMutex lock;
static GHashTable *passwords;  /* address → password */

void
thr_team_password_set (const char *address,
                       const char *password)
{
  g_return_if_fail (address != NULL);

  g_mutex_lock (&lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (password != NULL)
    g_hash_table_replace (passwords, g_strdup (address), g_strdup (password));
  else
    g_hash_table_remove (passwords, address);
  if (g_hash_table_size (passwords) == 0)
    g_clear_pointer (&passwords, g_hash_table_unref);
  g_mutex_unlock (&lock);
}

char *
thr_team_password_lookup (const char *address)
{
  char *password = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  g_mutex_lock (&lock);
  if (passwords != NULL)
    password = g_strdup (g_hash_table_lookup (passwords, address));
  g_mutex_unlock (&lock);
  return password;
}
