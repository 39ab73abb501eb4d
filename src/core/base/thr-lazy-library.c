/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-lazy-library.c — a library opened the first time it is used */
#define G_LOG_DOMAIN "thr-lazy-library"

#include "config.h"

#include <gio/gio.h>
#include <gmodule.h>

#include "thr-lazy-library.h"

/* NULL when every symbol was found, else why not. */
static char *
resolve_all (GModule             *module,
             const ThrLazySymbol *symbols)
{
  for (const ThrLazySymbol *symbol = symbols; symbol->name != NULL; symbol++)
    if (!g_module_symbol (module, symbol->name, symbol->slot))
      return g_strdup (g_module_error ());
  return NULL;
}

static char *
open_and_resolve (const ThrLazyLibrary *library)
{
  /* Local: the symbols are reached through the pointers only, so they
   * cannot take the place of another library's of the same name. */
  GModule *module = g_module_open (library->soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    return g_strdup (g_module_error ());
  return resolve_all (module, library->symbols);
}

/* Opens the library once, from whichever thread asks first; TRUE when
 * every function was found.  A library that cannot be opened is said in
 * a warning once, and to each caller that passes @error. */
gboolean
thr_lazy_library_open (ThrLazyLibrary  *library,
                       GError         **error)
{
  g_return_val_if_fail (library != NULL, FALSE);

  if (g_once_init_enter (&library->state))
    {
      library->reason = open_and_resolve (library);
      if (library->reason != NULL)
        g_warning ("%s cannot be opened: %s", library->soname, library->reason);
      g_once_init_leave (&library->state, library->reason == NULL ? 1 : 2);
    }
  if (library->state == 1)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s cannot be opened: %s", library->soname,
               library->reason);
  return FALSE;
}
