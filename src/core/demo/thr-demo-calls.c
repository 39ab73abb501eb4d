/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-demo-calls.c — call records: queues, waits, abandons, the bad week */
#define G_LOG_DOMAIN "thr-demo"

#include "thr-demo-private.h"

/* ------------------------------------------------------------------ */
/* Calls                                                               */
/* ------------------------------------------------------------------ */

static const guint hour_weights[24] = {
  2, 1, 1, 1, 1, 2, 4, 10, 14, 15, 15, 14, 13, 14, 14, 13, 11, 8, 6, 5, 4, 3, 3, 2,
};

static const CallProfile ordinary_calls = { 0.025, 0.02, 0.01, 22.0, 0.0 };

/* Each planned call-centre miss bends the month's profile just enough to
 * miss its own target clearly. */
static CallProfile
call_profile_for_month (DemoGen *gen,
                        int      month_index)
{
  CallProfile profile = ordinary_calls;

  if (plan_says_records_miss (gen, month_index, demo_metric_index ("A.5.a")))
    profile.p_long_wait = 0.22;
  if (plan_says_records_miss (gen, month_index, demo_metric_index ("A.5.b")))
    profile.answer_mean = MAX (profile.answer_mean, 58.0);
  if (plan_says_records_miss (gen, month_index, demo_metric_index ("A.5.c")))
    profile.p_abandon_long = 0.09;
  return profile;
}

/* A weekly A.5.d miss without a monthly A.5.c miss is realised in the
 * month's second full week (the Sunday falling on the 8th–14th). */
static guint32
bad_week_sunday (DemoGen *gen,
                 int      month_index)
{
  int key = gen->first_key + month_index;

  if (!plan_says_records_miss (gen, month_index, demo_metric_index ("A.5.d"))
      || plan_says_records_miss (gen, month_index, demo_metric_index ("A.5.c")))
    return 0;
  return sunday_on_or_before (month_first_day (key) + 13);
}

static const char *
draw_queue (DemoRng *rng)
{
  guint r = rng_below (rng, 100);

  return r < 70 ? "Main" : r < 92 ? "Health Coverage" : "Non-IN RCC";
}

static void
tally_call (CallTally      *tally,
            ThrCallOutcome  outcome,
            int             wait)
{
  tally->offered++;
  if (outcome == THR_OUTCOME_ANSWERED)
    {
      tally->answered++;
      tally->answered_wait += (guint64) wait;
      if (wait <= 60)
        tally->answered_in_60++;
    }
  else if (outcome == THR_OUTCOME_ABANDONED)
    {
      if (wait > 15)
        tally->abandoned_long++;
      else
        tally->abandoned_short++;
    }
}

static ThrCallOutcome
draw_call (DemoRng           *rng,
           const CallProfile *profile,
           int               *wait)
{
  double u = rng_uniform (rng);

  if (u < profile->p_abandon_long)
    {
      *wait = 16 + rng_exponential (rng, 60.0);
      return THR_OUTCOME_ABANDONED;
    }
  u -= profile->p_abandon_long;
  if (u < profile->p_abandon_short)
    {
      *wait = rng_range (rng, 0, 15);
      return THR_OUTCOME_ABANDONED;
    }
  u -= profile->p_abandon_short;
  if (u < profile->p_flowout)
    {
      *wait = rng_range (rng, 120, 600);
      return THR_OUTCOME_FLOWOUT;
    }
  if (rng_uniform (rng) < profile->p_long_wait)
    *wait = rng_range (rng, 400, 1000);
  else
    *wait = MIN (rng_exponential (rng, profile->answer_mean), 3600);
  return THR_OUTCOME_ANSWERED;
}

typedef struct {
  DemoGen     *gen;
  DemoRng      rng;
  int          key;
  int          month_index;
  guint        seq;
  CallProfile  profile;
  CallProfile  bad_week;
  guint32      bad_sunday;
} CallMonth;

static void
emit_call (CallMonth *cm,
           gint64     at)
{
  DemoGen *gen = cm->gen;
  guint32 day = (guint32) (at / DAY_SECONDS);
  gboolean bad = cm->bad_sunday != 0 && day >= cm->bad_sunday && day < cm->bad_sunday + 7;
  const char *queue = draw_queue (&cm->rng);
  ThrCallOutcome outcome;
  char line[128];
  char *p = line;
  int wait = 0;

  outcome = draw_call (&cm->rng, bad ? &cm->bad_week : &cm->profile, &wait);
  tally_call (&gen->month_calls[cm->month_index], outcome, wait);
  tally_call (&gen->week_calls[(day - gen->first_sunday) / 7], outcome, wait);

  *p++ = 'C';
  p = put_seed_tag (p, gen->options->seed);
  p = put_uint (p, (guint64) month_key_year (cm->key), 4);
  p = put_uint (p, (guint64) month_key_month (cm->key), 2);
  p = put_uint (p, ++cm->seq, 7);
  *p++ = ',';
  p = put_str (p, queue);
  *p++ = ',';
  p = put_datetime (p, &gen->dates, at);
  *p++ = ',';
  p = put_uint (p, (guint64) wait, 1);
  *p++ = ',';
  p = put_str (p, thr_call_outcome_to_string (outcome));
  demo_file_put_line (&gen->calls, line, p);
}

static void
emit_call_day (CallMonth *cm,
               guint32    day,
               guint      n,
               gboolean   month_end)
{
  guint64 hour_total = 0, hour_before = 0;
  guint emitted = 0;
  gboolean skip_two = is_dst_start (day);

  for (int h = 0; h < 24; h++)
    hour_total += (skip_two && h == 2) ? 0 : hour_weights[h];
  for (int h = 0; h < 24; h++)
    {
      guint64 w = (skip_two && h == 2) ? 0 : hour_weights[h];
      guint nh = demo_share_of (n, hour_before, w, hour_total);

      hour_before += w;
      for (guint j = 0; j < nh; j++)
        {
          gint64 at = (gint64) day * DAY_SECONDS + h * 3600
                      + (gint64) ((j + rng_uniform (&cm->rng)) * 3600.0 / nh);

          /* The month's last call is always at 23:59, so imports see the
           * very end of the month covered. */
          if (month_end && ++emitted == n)
            at = MAX (at, (gint64) day * DAY_SECONDS + 23 * 3600 + 59 * 60);
          emit_call (cm, at);
        }
    }
}

static guint
call_day_weight (guint32 day)
{
  switch (thr_day_weekday (day))
    {
    case 6: return 35;
    case 7: return 20;
    default: return 100;
    }
}

gboolean
demo_generate_call_month (DemoGen       *gen,
                          int            month_index,
                          GCancellable  *cancellable,
                          GError       **error)
{
  CallMonth cm = { .gen = gen, .month_index = month_index };
  guint total = gen->options->calls_per_month;
  guint64 weight_total = 0, weight_before = 0;
  guint32 first, last;

  cm.key = gen->first_key + month_index;
  first = month_first_day (cm.key);
  last = month_last_day (cm.key);
  rng_init (&cm.rng, gen->options->seed, STREAM_CALLS, cm.key);
  cm.profile = call_profile_for_month (gen, month_index);
  cm.bad_week = cm.profile;
  cm.bad_week.p_abandon_long = 0.095;
  cm.bad_sunday = bad_week_sunday (gen, month_index);

  for (guint32 d = first; d <= last; d++)
    weight_total += call_day_weight (d);
  for (guint32 d = first; d <= last; d++)
    {
      guint64 w = call_day_weight (d);
      guint n = demo_share_of (total, weight_before, w, weight_total);

      weight_before += w;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      emit_call_day (&cm, d, n, d == last);
    }
  return TRUE;
}
