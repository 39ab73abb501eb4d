/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-person.c — who is using the program */
#define G_LOG_DOMAIN "thr-person"

#include "thr-person.h"

const char *
thr_person_get_name (void)
{
  /* GLib reads both once and keeps them; it answers "Unknown" when the
   * system has no real name (the GECOS field is empty). */
  const char *real = g_get_real_name ();

  if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return real;
  return g_get_user_name ();
}
