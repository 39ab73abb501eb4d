/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-bench-window.c — the timed child of the window benchmarks */
#define G_LOG_DOMAIN "thr-bench"

#include <stdlib.h>
#include <time.h>

#include "thr-application.h"
#include "thr-bench-window.h"
#include "thr-core.h"
#include "thr-session.h"
#include "thr-test-style.h"
#include "thr-window.h"

static gint64 child_start;

double
thr_bench_window_elapsed_ms (void)
{
  return (g_get_monotonic_time () - child_start) / 1000.0;
}

/* Each trace gives the calling thread's processor time beside the wall
 * clock (for the window's main thread: what a busy machine's other
 * processes do not stretch). */
void
thr_bench_window_trace (const char *what)
{
  struct timespec ts;

  if (!g_getenv ("THR_BENCH_TRACE"))
    return;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  g_printerr ("%8.1f ms  (processor %6.1f ms)  %s\n", thr_bench_window_elapsed_ms (),
              ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6, what);
}

static void
phase_cb (GdkFrameClock *clock,
          const char    *phase)
{
  thr_bench_window_trace (phase);
}

/* Connected after GtkWindow's own phase handlers, so each trace is the
 * end of that phase. */
static void
realize_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  thr_bench_window_trace ("realize");
  if (g_getenv ("THR_BENCH_TRACE"))
    {
      g_signal_connect (clock, "layout", G_CALLBACK (phase_cb), (gpointer) "layout done");
      g_signal_connect (clock, "paint", G_CALLBACK (phase_cb), (gpointer) "paint done");
    }
}

static void
session_gone_cb (gpointer  data,
                 GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

/* The child closes its store before it exits, as the application does when
 * it quits: a store left open keeps its write-ahead log and is not recorded
 * as checked, so the next child (or launch) read every page of it again. */
void
thr_bench_window_exit (GtkWidget *window)
{
  ThrSession *session = THR_IS_WINDOW (window) ? thr_window_get_session (THR_WINDOW (window)) : NULL;
  gboolean gone = session == NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (session != NULL)
    g_object_weak_ref (G_OBJECT (session), session_gone_cb, &gone);
  gtk_window_destroy (GTK_WINDOW (window));
  /* Cancelled work still running in other threads lets the session go
   * when its answer reaches this thread. */
  while (!gone && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  if (!gone)
    g_error ("the window's session outlived it by 10 s: its store is still open");
  thr_bench_window_trace ("store closed");
  exit (0);
}

void
thr_bench_window_run (const char          *mode,
                      const char          *db,
                      ThrBenchWindowSetup  setup)
{
  gboolean bare = g_str_equal (mode, "bare");
  GtkWidget *window;

  child_start = g_get_monotonic_time ();
  /* As ThrApplication's startup does: the store loads while GTK starts. */
  if (!bare)
    {
      thr_core_init ();
      thr_window_preload (db);
      thr_test_adw_init ();
    }
  else
    adw_init ();
  thr_bench_window_trace ("adw_init");
  if (bare)
    window = g_object_new (ADW_TYPE_APPLICATION_WINDOW, "default-width", 1366, "default-height", 768,
                           "content", gtk_label_new ("Threshold"), NULL);
  else
    {
      window = GTK_WIDGET (thr_window_new (NULL, db));
      gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
    }
  thr_bench_window_trace ("window built");
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  setup (window, bare);
  /* As ThrApplication does; THR_BENCH_PRESENT_MS waits longer, for a
   * child under valgrind, whose load takes more than the half second in
   * which a native one shows the overview without its loading page. */
  if (bare)
    gtk_window_present (GTK_WINDOW (window));
  else
    thr_window_present_when_loaded (THR_WINDOW (window), g_getenv ("THR_BENCH_PRESENT_MS")
                                                         ? (guint) atoi (g_getenv ("THR_BENCH_PRESENT_MS")) : 500);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
}

/* ---- with an application, as a user launches ---- */

static void
bare_activate_cb (GApplication *app)
{
  GtkWidget *window = g_object_new (ADW_TYPE_APPLICATION_WINDOW, "application", app,
                                    "default-width", 1366, "default-height", 768,
                                    "content", gtk_label_new ("Threshold"), NULL);

  gtk_window_present (GTK_WINDOW (window));
}

/* GtkApplication's window-added comes as the window is given its
 * application, once built and before it is presented. */
static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        setup)
{
  gboolean bare = !THR_IS_WINDOW (window);

  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  if (!bare)
    gtk_window_set_default_size (window, 1366, 768);
  ((ThrBenchWindowSetup) setup) (GTK_WIDGET (window), bare);
}

void
thr_bench_window_run_application (const char          *mode,
                                  const char          *db,
                                  ThrBenchWindowSetup  setup)
{
  gboolean bare = g_str_equal (mode, "bare-application");
  /* As `threshold --db DB` runs: non-unique, which the bare one is too. */
  char *argv[] = { (char *) "threshold", (char *) "--db", (char *) db, NULL };
  g_autoptr(GApplication) app = NULL;

  child_start = g_get_monotonic_time ();
  if (bare)
    {
      app = G_APPLICATION (adw_application_new ("io.github.thresholdapp.ThresholdBenchBare", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), NULL);
    }
  else
    app = G_APPLICATION (thr_application_new ());
  g_signal_connect_swapped (app, "startup", G_CALLBACK (thr_bench_window_trace), (gpointer) "startup");
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), setup);
  g_application_run (app, bare ? 1 : 3, argv);
  g_error ("the application ended before its first frame");
}

void
thr_bench_use_cache_in (const char *folder)
{
  g_autofree char *absolute = g_canonicalize_filename (folder, NULL);
  g_autofree char *cache = g_build_filename (absolute, "bench-cache", NULL);

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

void
thr_bench_remove_cache_in (const char *folder)
{
  g_autofree char *cache = g_build_filename (folder, "bench-cache", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (cache);

  remove_tree (file);
}
