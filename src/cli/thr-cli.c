/* thr-cli.c — threshold-cli: the command-line contract of DESIGN.md */
#include "config.h"

#include <glib/gi18n.h>

#include "thr-core.h"

int
main (int   argc,
      char *argv[])
{
  thr_core_init ();
  g_printerr ("usage: threshold-cli [--db FILE] COMMAND …\n");
  return 2;
}
