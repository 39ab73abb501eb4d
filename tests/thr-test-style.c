/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-style.c — libadwaita and Threshold's own style, without ThrApplication
 *
 * The tests' and benchmarks' windows have no application, so nothing loads
 * the stylesheets AdwApplication finds under the application's resource
 * path; without them a window would neither look nor cost to draw as it
 * does in Threshold.  The style is taken once, at the start: the tests
 * switch between light and dark, which style.css does not tell apart, and
 * never to the high-contrast style.
 */
#include <adwaita.h>

#include "thr-test-style.h"

#define RESOURCE_PATH "/io/github/thresholdapp/Threshold/"

static void
add_stylesheet (const char *name)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, name);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
thr_test_adw_init (void)
{
  adw_init ();
  add_stylesheet (RESOURCE_PATH "style.css");
  if (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
    add_stylesheet (RESOURCE_PATH "style-hc.css");
}
