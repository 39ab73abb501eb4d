/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window.c — a large store in the window: opening it, pages, months, memory
 *
 *   bench-window STORE [RUNS]        (under xvfb-run; tools/bench-all runs it)
 *
 * The window targets on a store that tools/bench-all has built and
 * evaluated, each timed in the same run as its reference:
 *
 *  - opening STORE with its kept results: from spawning Threshold's window
 *    to the first frame drawn once every month of the grid is evaluated
 *    and the consequences (the ledger) are worked out, against spawning a
 *    bare AdwApplicationWindow holding a label to its first frame (the
 *    reference of bench-startup).  RUNS of each, taken alternately
 *    (default 5), and their medians.  BENCH_COLD=1 forgets the kept
 *    figures before the first opening, which then times the history's
 *    first evaluation of every month on its pool of worker threads;
 *  - in one more window on STORE: each page switch (win.show-page, and a
 *    metric's page through win.show-metric) and each month change
 *    (win.previous-month, win.next-month), from the action to the end of
 *    the frame that shows it; a page's first visit builds it, so every
 *    page is visited twice and both are given, each with the processor
 *    time the window's main thread spent on it (what the other processes
 *    of a busy machine do not stretch) and the page faults it took (the
 *    kernel's share of it); THR_BENCH_TRACE=1 also traces
 *    each step's action and each frame's layout and paint on standard
 *    error.  The steps start at the opening's last frame;
 *    THR_BENCH_SETTLE_MS=N starts them N ms later instead, as a person
 *    who looks before clicking would, once the window's frames after the
 *    opening (and their buffers) are done;
 *  - the peak resident memory of each window's process (getrusage);
 *  - beside each opening's wall-clock time, the processor time its main
 *    thread and all its threads took up to that frame (medians, on the
 *    "processor" lines).
 *
 * Each child process reports its figures on standard output at the frame
 * it waits for (an opening is timed from its spawn to that frame), then
 * closes its store and exits; no step waits for a fixed time.
 */
#define _GNU_SOURCE   /* RUSAGE_THREAD */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <adwaita.h>

#include "thr-bench-window.h"
#include "thr-core.h"
#include "thr-session.h"
#include "thr-window.h"

/* ---- the children ---- */

typedef struct {
  const char *action;
  const char *target;     /* a page name, a metric, or NULL */
  const char *label;
} Step;

static const Step steps[] = {
  { "win.show-page", "metrics", "page: Metrics" },
  { "win.show-page", "caps", "page: CAPs" },
  { "win.show-page", "deadlines", "page: Deadlines" },
  { "win.show-page", "ledger", "page: Ledger" },
  { "win.show-page", "imports", "page: Imports" },
  { "win.show-metric", "A.1.a", "page: metric A.1.a" },
  { "win.show-page", "overview", "page: Overview" },
  { "win.previous-month", NULL, "month: previous" },
  { "win.previous-month", NULL, "month: previous" },
  { "win.next-month", NULL, "month: next" },
  { "win.next-month", NULL, "month: next" },
};

static const char *child_mode;
static gint64 step_start;
static gint64 step_cpu_start;  /* the main thread's processor time */
static long step_faults_start;
static int step = -1;          /* -1: waiting for the complete window */
static guint round_;           /* each page visited twice */

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* The main thread's processor time in microseconds: what a step costs
 * the window itself, which the other processes of a busy machine do not
 * lengthen as they do the wall-clock time. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The main thread's page faults: a frame that paints into memory the
 * process has not touched yet (a window-sized surface) pays the kernel
 * for each page, in system time the instruction counts do not show. */
static long
thread_faults (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_minflt + usage.ru_majflt;
}

static double
clock_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gboolean
window_complete (GtkWidget *window)
{
  ThrSession *session;

  if (!THR_IS_WINDOW (window))
    return TRUE;
  if (thr_window_get_loading (THR_WINDOW (window)))
    return FALSE;
  session = thr_window_get_session (THR_WINDOW (window));
  return session != NULL && thr_session_is_complete (session) &&
         (thr_session_get_n_months (session) == 0 || thr_session_has_consequences (session));
}

/* A change of the session's state is drawn, so that the frame which shows
 * the complete window comes even if nothing else asks for one. */
static void
session_changed_cb (GObject    *session,
                    GParamSpec *pspec,
                    GtkWidget  *window)
{
  thr_bench_window_trace (g_param_spec_get_name (pspec));
  gtk_widget_queue_draw (window);
}

static void
loading_cb (GObject    *window,
            GParamSpec *pspec,
            gpointer    user_data)
{
  ThrSession *session = thr_window_get_session (THR_WINDOW (window));

  if (thr_window_get_loading (THR_WINDOW (window)) || session == NULL)
    return;
  thr_bench_window_trace ("loaded");
  g_signal_connect_object (session, "notify::complete", G_CALLBACK (session_changed_cb), window, 0);
  g_signal_connect_object (session, "notify::has-consequences", G_CALLBACK (session_changed_cb), window, 0);
  gtk_widget_queue_draw (GTK_WIDGET (window));
}

static void
start_step (GtkWidget *window)
{
  const Step *s = &steps[step];
  GVariant *target = NULL;

  if (g_str_equal (s->action, "win.show-metric"))
    target = g_variant_new ("(si)", s->target, thr_window_get_month (THR_WINDOW (window)));
  else if (s->target != NULL)
    target = g_variant_new_string (s->target);
  thr_bench_window_trace (s->label);
  step_start = g_get_monotonic_time ();
  step_cpu_start = thread_cpu_us ();
  step_faults_start = thread_faults ();
  if (!gtk_widget_activate_action_variant (window, s->action, target))
    g_error ("%s could not be activated", s->action);
  thr_bench_window_trace ("action done");
  gtk_widget_queue_draw (window);
}

/* Between the opening's last frame and the first step, with
 * THR_BENCH_SETTLE_MS: frames drawn meanwhile are no step's. */
static gboolean settling;

static gboolean
settled_cb (gpointer window)
{
  settling = FALSE;
  start_step (window);
  return G_SOURCE_REMOVE;
}

/* Whether the first step waits (THR_BENCH_SETTLE_MS); if so, it is
 * started when the wait is over. */
static gboolean
settle_first (GtkWidget *window)
{
  const char *settle = g_getenv ("THR_BENCH_SETTLE_MS");

  if (settle == NULL || atoi (settle) <= 0)
    return FALSE;
  settling = TRUE;
  step = 0;
  g_timeout_add ((guint) atoi (settle), settled_cb, window);
  return TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  gboolean pages = g_str_equal (child_mode, "pages");

  if (settling)
    return;
  if (step < 0)
    {
      if (!window_complete (window))
        return;
      /* "at": the frame on the monotonic clock the parent shares (the
       * child then closes its store, which is not part of the opening). */
      g_print ("open %.1f ms %.1f MiB processor %.1f %.1f at %" G_GINT64_FORMAT "\n", thr_bench_window_elapsed_ms (),
               peak_mib (), clock_ms (CLOCK_THREAD_CPUTIME_ID), clock_ms (CLOCK_PROCESS_CPUTIME_ID),
               g_get_monotonic_time ());
      if (!pages)
        thr_bench_window_exit (window);
      if (settle_first (window))
        return;
    }
  else
    g_print ("step %u %s: %.1f ms (processor %.1f ms, %ld page faults; shows %s, month %d)\n", round_,
             steps[step].label, (g_get_monotonic_time () - step_start) / 1000.0,
             (thread_cpu_us () - step_cpu_start) / 1000.0, thread_faults () - step_faults_start,
             thr_window_get_page (THR_WINDOW (window)), thr_window_get_month (THR_WINDOW (window)));

  if (++step == G_N_ELEMENTS (steps))
    {
      step = 0;
      if (++round_ == 2)
        {
          g_print ("peak %.1f MiB\n", peak_mib ());
          thr_bench_window_exit (window);
        }
    }
  start_step (window);
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
setup_cb (GtkWidget *window,
          gboolean   bare)
{
  if (!bare)
    g_signal_connect (window, "notify::loading", G_CALLBACK (loading_cb), NULL);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}

/* ---- the parent ---- */

static char *
run (const char *self,
     const char *mode,
     const char *db,
     double     *ms)
{
  const char *argv[] = { self, "--child", mode, db, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s window: %s", mode, error->message);
  *ms = (g_get_monotonic_time () - start) / 1000.0;
  {
    const char *at = strstr (out, " at ");

    if (at != NULL)
      *ms = (g_ascii_strtoll (at + 4, NULL, 10) - start) / 1000.0;
  }
  return g_steal_pointer (&out);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
forget_kept (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (db, &error);

  if (store == NULL || !thr_store_forget_kept_figures (store, 1, &error))
    g_error ("%s: %s", db, error->message);
}

/* The peak memory and the processor times a child reported on its
 * "open" line. */
static double
child_mib (const char *out,
           double     *main_ms,
           double     *process_ms)
{
  const char *open = strstr (out, "open ");
  double ms, mib = 0, main_thread = 0, process = 0;

  if (open == NULL || sscanf (open, "open %lf ms %lf MiB processor %lf %lf", &ms, &mib, &main_thread, &process) != 4)
    g_error ("no figures from the window: %s", out);
  if (main_ms != NULL)
    *main_ms = main_thread;
  if (process_ms != NULL)
    *process_ms = process;
  return mib;
}

/* The benchmarks' cache folder beside the store DB (thr_bench_use_cache_in ()). */
static void
use_cache_beside (const char *db)
{
  g_autofree char *folder = g_path_get_dirname (db);

  thr_bench_use_cache_in (folder);
}

int
main (int   argc,
      char *argv[])
{
  guint runs;
  g_autofree double *bare = NULL;
  g_autofree double *app = NULL;
  g_autofree double *bare_main = NULL, *bare_process = NULL, *app_main = NULL, *app_process = NULL;
  double mib = 0, ms;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    {
      /* The parent's folder, which the child inherits, and the same one
       * when the child is run alone (by hand, to trace one opening). */
      use_cache_beside (argv[3]);
      child_mode = argv[2];
      thr_bench_window_run (argv[2], argv[3], setup_cb);
    }
  if (argc < 2)
    {
      g_printerr ("usage: %s STORE [RUNS]\n", argv[0]);
      return 2;
    }
  use_cache_beside (argv[1]);
  thr_core_init ();
  runs = argc > 2 ? (guint) MAX (1, atoi (argv[2])) : 5;
  bare = g_new0 (double, runs);
  app = g_new0 (double, runs);
  bare_main = g_new0 (double, runs);
  bare_process = g_new0 (double, runs);
  app_main = g_new0 (double, runs);
  app_process = g_new0 (double, runs);

  if (g_strcmp0 (g_getenv ("BENCH_COLD"), "1") == 0)
    {
      g_autofree char *out = NULL;

      forget_kept (argv[1]);
      out = run (argv[0], "open", argv[1], &ms);
      g_print ("cold\t%.1f\t%.1f\n", ms, child_mib (out, NULL, NULL));
    }
  else
    g_free (run (argv[0], "open", argv[1], &ms));   /* warms the caches, as every later run finds them */
  g_free (run (argv[0], "bare", argv[1], &ms));
  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *bare_out = run (argv[0], "bare", argv[1], &bare[i]);
      g_autofree char *out = run (argv[0], "open", argv[1], &app[i]);

      child_mib (bare_out, &bare_main[i], &bare_process[i]);
      mib = MAX (mib, child_mib (out, &app_main[i], &app_process[i]));
    }
  g_print ("bare\t%.1f\n", median (bare, runs));
  g_print ("kept\t%.1f\t%.1f\n", median (app, runs), mib);
  /* After the lines tools/bench-all reads, in words of their own. */
  g_print ("processor bare: main thread %.1f ms, all threads %.1f ms\n",
           median (bare_main, runs), median (bare_process, runs));
  g_print ("processor kept: main thread %.1f ms, all threads %.1f ms\n",
           median (app_main, runs), median (app_process, runs));
  {
    g_autofree char *out = run (argv[0], "pages", argv[1], &ms);
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "step ") || g_str_has_prefix (lines[i], "peak "))
        g_print ("%s\n", lines[i]);
  }
  return 0;
}
