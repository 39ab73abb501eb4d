/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup-bare.c — the reference: a bare AdwApplicationWindow
 * holding a label, in a program that links GTK and libadwaita only
 *
 * bench-startup's own "bare" child is the benchmark's program, so it pays
 * for loading and relocating every library Threshold links (SQLite; libpq,
 * libarchive, libxml2, libsecret, json-glib and Nettle are opened only
 * when first used) before its window exists; this one does not.  It
 * says the same three figures as bench-startup's children: its main
 * thread's and all its threads' processor time up to its first frame,
 * and that frame's time on the monotonic clock.  `--application` runs the
 * window in an AdwApplication.
 */
#include <stdlib.h>
#include <time.h>

#include <adwaita.h>

static double
cpu_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  g_print ("%.3f %.3f %" G_GINT64_FORMAT "\n", cpu_ms (CLOCK_THREAD_CPUTIME_ID), cpu_ms (CLOCK_PROCESS_CPUTIME_ID),
           g_get_monotonic_time ());
  exit (0);
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
present_bare_window (GApplication *app)
{
  GtkWidget *window = g_object_new (ADW_TYPE_APPLICATION_WINDOW, "application", app,
                                    "default-width", 1366, "default-height", 768,
                                    "content", gtk_label_new ("Threshold"), NULL);

  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* With --application the window is an AdwApplication's, as a user's
 * launch of an application gives it: the reference of bench-startup's
 * "application" child. */
int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_str_equal (argv[1], "--application"))
    {
      g_autoptr(AdwApplication) app = adw_application_new ("io.github.thresholdapp.ThresholdBenchBare",
                                                           G_APPLICATION_NON_UNIQUE);

      g_signal_connect (app, "activate", G_CALLBACK (present_bare_window), NULL);
      return g_application_run (G_APPLICATION (app), 1, argv);
    }
  adw_init ();
  present_bare_window (NULL);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
}
