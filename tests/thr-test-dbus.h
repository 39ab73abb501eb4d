/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-dbus.h — a private session bus for the tests that need one */
#pragma once

#include <gio/gio.h>

/* GTestDBus forks a watcher process the first time a bus comes up, to take
 * the bus down if the test dies; that fork ends with exit(), so it runs
 * the exit handlers of every library the test had loaded when it forked.
 * Forked after GTK has opened the display, it runs Mesa's, which wait for
 * threads only the parent has: Mesa 26 (Debian forky) waits for ever, and
 * the watcher, holding the test's output open, keeps meson waiting until
 * the test's timeout.  Called first thing in main(), before GTK, this
 * brings a bus up and down once so that the watcher is forked from the
 * plain process (later buses reuse it).  Before g_test_init(), as it
 * sets the environment. */
static inline void
thr_test_dbus_fork_watcher (void)
{
  /* A bus coming up unsets these (against D-Bus's X11 autolaunch and a
   * bus in the runtime folder); the test needs them back. */
  static const char *kept[] = { "DISPLAY", "XDG_RUNTIME_DIR" };
  char *values[G_N_ELEMENTS (kept)];
  GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    values[i] = g_strdup (g_getenv (kept[i]));
  g_test_dbus_up (bus);
  g_test_dbus_down (bus);
  g_object_unref (bus);
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      if (values[i] != NULL)
        g_setenv (kept[i], values[i], TRUE);
      g_free (values[i]);
    }
}
