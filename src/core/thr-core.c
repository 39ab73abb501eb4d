/* thr-core.c — entry point of the core library */
#define G_LOG_DOMAIN "thr-core"

#include "thr-core.h"
#include "thr-core-resources.h"

void
thr_core_init (void)
{
  static gsize initialized = 0;

  /* Referencing the resource from code keeps the linker from dropping it
   * out of the static library. */
  if (g_once_init_enter (&initialized))
    {
      g_resources_register (thr_core_get_resource ());
      g_once_init_leave (&initialized, 1);
    }
}
