/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-core-init.c — the bundled data and the message catalogue */
#define G_LOG_DOMAIN "thr-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-core-init.h"
#include "thr-core-resources.h"

/* Where the message catalogues are: LOCALEDIR, or THRESHOLD_LOCALEDIR when
 * set, so that the tests can read the catalogues compiled in the build
 * directory (_build/po) before anything is installed. */
const char *
thr_core_get_localedir (void)
{
  const char *dir = g_getenv ("THRESHOLD_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

void
thr_core_init (void)
{
  static gsize initialized = 0;

  /* Referencing the resource from code keeps the linker from dropping it
   * out of the static library. */
  if (g_once_init_enter (&initialized))
    {
      g_resources_register (thr_core_get_resource ());
      bindtextdomain (GETTEXT_PACKAGE, thr_core_get_localedir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&initialized, 1);
    }
}
