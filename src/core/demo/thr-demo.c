/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-demo.c — deterministic, seeded demo data for contract rfp-16-102
 *
 * The generator streams month by month: tasks and calls are formatted and
 * written as they are drawn, and only per-month and per-week tallies are
 * kept, so memory stays flat however many records are asked for.  The
 * contractor's monthly report is written last from those tallies.
 *
 * Determinism: every random draw comes from our own xoshiro256** streams,
 * seeded by splitmix64 from (seed, stream, month).  Nothing reads the
 * clock, GRand, the locale or hash-table order; numbers are formatted by
 * hand or with g_ascii_formatd.
 *
 * Business days: the generator has no holiday calendar, so it counts
 * weekdays only.  That is also the contractor's simplification in its own
 * report; the state's recomputation (with Indiana holidays) can only find
 * deadlines later, never earlier, so it sees at most a few more records
 * on time than the contractor reports.
 */
#define G_LOG_DOMAIN "thr-demo"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>

#include "thr-demo-private.h"

/* Section: output files */

gboolean
demo_file_open (DemoFile    *file,
                const char  *directory,
                const char  *name,
                const char  *header,
                GError     **error)
{
  file->path = g_build_filename (directory, name, NULL);
  file->fp = g_fopen (file->path, "wb");
  if (file->fp == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create %s: %s", file->path, g_strerror (saved));
      return FALSE;
    }
  /* A big buffer keeps the cost at one write(2) per few megabytes. */
  file->buffer = g_malloc (FILE_BUFFER_SIZE);
  setvbuf (file->fp, file->buffer, _IOFBF, FILE_BUFFER_SIZE);
  fputs (header, file->fp);
  fputc ('\n', file->fp);
  return TRUE;
}

/* Write errors are sticky in the FILE, so one check at the end suffices. */
gboolean
demo_file_close (DemoFile  *file,
                 GError   **error)
{
  gboolean failed;
  int saved = 0;

  if (file->fp == NULL)
    return TRUE;
  failed = fflush (file->fp) != 0 || ferror (file->fp);
  if (failed)
    saved = errno;
  if (fclose (file->fp) != 0 && !failed)
    {
      failed = TRUE;
      saved = errno;
    }
  file->fp = NULL;
  g_clear_pointer (&file->buffer, g_free);
  if (failed)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 "Cannot write %s: %s", file->path, g_strerror (saved));
  g_clear_pointer (&file->path, g_free);
  return !failed;
}

void
demo_file_clear (DemoFile *file)
{
  if (file->fp != NULL)
    fclose (file->fp);
  file->fp = NULL;
  g_clear_pointer (&file->buffer, g_free);
  g_clear_pointer (&file->path, g_free);
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

void
thr_demo_options_init (ThrDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (ThrDemoOptions) {
    .seed = THR_DEMO_DEFAULT_SEED,
    .first_year = 2018,
    .first_month = 1,
    .n_months = 24,
    .tasks_per_month = 4000,
    .calls_per_month = 20000,
  };
}

static gboolean
validate_options (const ThrDemoOptions  *options,
                  GError               **error)
{
  if (options->first_year < 1900 || options->first_year > 9000
      || options->first_month < 1 || options->first_month > 12
      || options->n_months < 1 || options->n_months > 1200)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Demo months must start in a valid month and number 1 to 1200");
      return FALSE;
    }
  if (options->tasks_per_month < MIN_TASKS_PER_MONTH || options->tasks_per_month > MAX_PER_MONTH
      || options->calls_per_month < MIN_CALLS_PER_MONTH || options->calls_per_month > MAX_PER_MONTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Demo tasks per month must be %u to %u and calls per month %u to %u",
                   MIN_TASKS_PER_MONTH, MAX_PER_MONTH, MIN_CALLS_PER_MONTH, MAX_PER_MONTH);
      return FALSE;
    }
  return TRUE;
}

static void
demo_gen_init (DemoGen              *gen,
               const ThrDemoOptions *options)
{
  guint32 first_day, end_day;

  gen->options = options;
  gen->first_key = options->first_year * 12 + options->first_month - 1;
  first_day = month_first_day (gen->first_key);
  end_day = month_first_day (gen->first_key + options->n_months);
  gen->extract_day = end_day + 14;
  gen->first_sunday = sunday_on_or_before (first_day);
  gen->n_weeks = (end_day - gen->first_sunday) / 7 + 1;
  /* Claim months reach ten months back; completions written stop at the
   * extract day; anything else falls back to slower formatting. */
  date_table_init (&gen->dates, first_day - 400, gen->extract_day + 400);
  for (guint k = 0; k < N_TASK_KINDS; k++)
    for (guint i = 0; i < MAX_CHECKS; i++)
      gen->check_metric[k][i] = demo_task_kinds[k].checks[i].metric != NULL
        ? demo_metric_index (demo_task_kinds[k].checks[i].metric) : -1;
  gen->plan = demo_plan_new (gen->first_key, options->n_months);
  /* Claim referrals fall due up to fourteen months after receipt. */
  gen->n_late_months = options->n_months + 16;
  gen->late_slots = g_new0 (LateSlot, N_TASK_KINDS * (gsize) gen->n_late_months);
  gen->task_tally = g_new0 (TaskTally, (gsize) options->n_months * N_METRICS);
  gen->month_calls = g_new0 (CallTally, (gsize) options->n_months);
  gen->week_calls = g_new0 (CallTally, gen->n_weeks);
}

static void
demo_gen_clear (DemoGen *gen)
{
  demo_file_clear (&gen->tasks);
  demo_file_clear (&gen->calls);
  date_table_clear (&gen->dates);
  g_clear_pointer (&gen->plan, g_free);
  g_clear_pointer (&gen->late_slots, g_free);
  g_clear_pointer (&gen->task_tally, g_free);
  g_clear_pointer (&gen->month_calls, g_free);
  g_clear_pointer (&gen->week_calls, g_free);
}

static gboolean
write_records (DemoGen       *gen,
               const char    *directory,
               GCancellable  *cancellable,
               GError       **error)
{
  if (!demo_file_open (&gen->tasks, directory, "tasks.csv",
                       "task_id,type,received,completed,due,program,category,status", error)
      || !demo_file_open (&gen->calls, directory, "calls.csv",
                          "call_id,queue,offered_at,wait_seconds,outcome", error))
    return FALSE;
  for (int i = 0; i < gen->options->n_months; i++)
    if (!demo_generate_task_month (gen, i, cancellable, error)
        || !demo_generate_call_month (gen, i, cancellable, error))
      return FALSE;
  return demo_file_close (&gen->tasks, error) && demo_file_close (&gen->calls, error);
}

gboolean
thr_demo_write (const ThrDemoOptions  *options,
                const char            *directory,
                GCancellable          *cancellable,
                GError               **error)
{
  DemoGen gen = { 0 };
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_options (options, error))
    return FALSE;
  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create %s: %s", directory, g_strerror (saved));
      return FALSE;
    }

  demo_gen_init (&gen, options);
  ok = write_records (&gen, directory, cancellable, error)
       && demo_write_metric_report (&gen, directory, error)
       && demo_write_invoices (&gen, directory, error);
  demo_gen_clear (&gen);
  return ok;
}

/* The name the CLI and the window give the demo's contract.  The window
 * writes it in the user's language, so either spelling is the demo's. */
const char *
thr_demo_contract_name (void)
{
  return N_("RFP 16-102 demo (generated data)");
}

gboolean
thr_demo_is_demo_contract (const char *name)
{
  return name != NULL && (g_str_equal (name, thr_demo_contract_name ()) ||
                          g_str_equal (name, _(thr_demo_contract_name ())));
}

/* Generated data is of years past: judged against the real date, every
 * contract date in it is long overdue and nothing is ever "this week".
 * The demo stands instead six days before the 15th of the second month
 * after its latest one: the contractor's report on the month after the
 * latest is due then (¶2: "no later than the 15th calendar day of the
 * following month"), and so are the corrective windows' next checkpoints
 * and the CAPs of the latest month's failures. */
guint32
thr_demo_today (const ThrPeriod *latest_month)
{
  ThrPeriod next, after;

  g_return_val_if_fail (latest_month != NULL, 0);

  thr_period_next (latest_month, &next);
  thr_period_next (&next, &after);
  return after.first + 8;
}
