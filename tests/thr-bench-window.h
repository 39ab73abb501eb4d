/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-bench-window.h — the timed child of the window benchmarks
 *
 * bench-startup and bench-window spawn themselves again as a child that
 * opens one window and exits at the frame it waits for; the parent times
 * the child.  This is that child's common part: one window, made and
 * shown as ThrApplication shows its own, and the clock it counts from.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called with the window once it is made, before it is shown: connect
 * here whatever waits for the frame to time. */
typedef void (*ThrBenchWindowSetup) (GtkWidget *window,
                                     gboolean   bare);

/* The benchmarks' own cache folder, "bench-cache" in FOLDER (the one that
 * holds the benchmark's store) and kept with it, as XDG_CACHE_HOME: Threshold's record of the stores it left
 * unchanged (checked-stores.ini, 64 stores) is then not the user's, whose
 * large stores the benchmarks' stores would push out (each then has every
 * page read again at its next opening: minutes for 6.4 GB), and a store a
 * benchmark opens again is not checked again at each run.  Call before
 * anything reads the cache folder; the children inherit it. */
void   thr_bench_use_cache_in      (const char *folder);
/* Removes that cache folder, once the benchmark is done with @folder. */
void   thr_bench_remove_cache_in   (const char *folder);

/* Milliseconds since the child started (thr_bench_window_run ()). */
double thr_bench_window_elapsed_ms (void);

/* With THR_BENCH_TRACE set: WHAT and the time since the child started,
 * on standard error. */
void   thr_bench_window_trace      (const char *what);

/* Runs the child: MODE "bare" is an AdwApplicationWindow holding a label
 * (the reference), any other Threshold's window on the store DB; both
 * 1366×768.  SETUP is called, and under THR_BENCH_TRACE each frame's
 * layout and paint phases are traced.  Never returns: the child exits
 * from its frame callback. */
G_GNUC_NORETURN
void   thr_bench_window_run        (const char          *mode,
                                    const char          *db,
                                    ThrBenchWindowSetup  setup);

/* The same with an application, as a user launches: MODE "application"
 * runs ThrApplication itself on the store DB (its start-up, style.css,
 * actions and accelerators, then its window, 1366×768), "bare-application"
 * an AdwApplication that presents a bare AdwApplicationWindow holding a
 * label.  SETUP is called with the window as the application is given it. */
G_GNUC_NORETURN
void   thr_bench_window_run_application (const char          *mode,
                                         const char          *db,
                                         ThrBenchWindowSetup  setup);

/* Closes WINDOW, and so its store, then exits the child. */
G_GNUC_NORETURN
void   thr_bench_window_exit       (GtkWidget *window);

G_END_DECLS
