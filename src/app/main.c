/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — the Threshold desktop application */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "thr-application.h"
#include "thr-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ThrApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, thr_core_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = thr_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
