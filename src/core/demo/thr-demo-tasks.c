/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-demo-tasks.c — task records: kinds, deadlines, lateness as planned */
#define G_LOG_DOMAIN "thr-demo"

#include "thr-demo-private.h"

#define BD(m, n)  { m, RULE_BUSINESS_DAYS, n }
#define CAL(m, n) { m, RULE_CALENDAR_DAYS, n }

const TaskKind demo_task_kinds[N_TASK_KINDS] = {
  { "application", { "SNAP", "TANF" }, NULL, NULL, 0, DUE_NONE, 2, 3, 0.005, 0.002,
    { BD ("A.1.a", 2), BD ("A.1.b", 5) } },
  { "application", { "SNAP" }, "expedited", NULL, 30, DUE_NONE, 1, 3, 0.004, 0.002,
    { BD ("A.1.c", 1), BD ("A.1.d", 2), BD ("A.1.a", 2), BD ("A.1.b", 5) } },
  { "document", { NULL }, NULL, NULL, 200, DUE_NONE, 2, 3, 0.005, 0.002,
    { BD ("A.1.f", 2), BD ("A.1.g", 5) } },
  { "medicaid_application", { "Medicaid" }, NULL, NULL, 80, DUE_NONE, 28, 6, 0.005, 0.002,
    { CAL ("A.1.i", 33), CAL ("A.1.j", 42) } },
  /* ABD applications are excluded from A.1.i/j; they are slow on purpose so
   * that an evaluator that forgets the exclusion shows a miss. */
  { "medicaid_application", { "Medicaid" }, "ABD", NULL, 10, DUE_NONE, 40, 20, 0.3, 0.2,
    { { NULL } } },
  { "change", { NULL }, NULL, NULL, 150, DUE_NONE, 15, 6, 0.012, 0,
    { { "A.2.a", RULE_CALENDAR_ROLL, 19 } } },
  { "change", { NULL }, "linked", NULL, 40, DUE_NONE, 15, 6, 0.012, 0,
    { { "A.2.b", RULE_CALENDAR_ROLL, 19 } } },
  { "system_task", { NULL }, NULL, NULL, 60, DUE_OPERATIONAL, 10, 5, 0.012, 0,
    { { "A.2.e", RULE_DUE, 0 } } },
  { "interim_report", { NULL }, NULL, NULL, 40, DUE_OPERATIONAL, 10, 5, 0.012, 0,
    { { "A.2.g", RULE_DUE, 0 } } },
  { "redetermination", { "Medicaid" }, "mailer_on_time", NULL, 40, DUE_NEXT_MONTH, 20, 6, 0.012, 0,
    { { "A.2.i", RULE_REDET_ON_TIME, 0 } } },
  { "redetermination", { "Medicaid" }, "mailer_late", NULL, 15, DUE_THIS_MONTH, 12, 6, 0.012, 0,
    { { "A.2.j", RULE_REDET_LATE, 0 } } },
  /* Rescinded redeterminations are excluded and never completed. */
  { "redetermination", { "Medicaid" }, "mailer_on_time", "rescinded", 5, DUE_NEXT_MONTH, 0, 0, 0, 0,
    { { NULL } } },
  { "benefit_recovery_referral", { NULL }, NULL, NULL, 15, DUE_NONE, 20, 8, 0.012, 0,
    { CAL ("A.3.a", 30) } },
  { "fraud_referral", { NULL }, NULL, NULL, 10, DUE_NONE, 8, 5, 0.012, 0,
    { BD ("A.3.d", 10) } },
  { "cody_case", { NULL }, NULL, NULL, 8, DUE_NONE, 40, 15, 0.025, 0,
    { CAL ("A.3.f", 60) } },
  { "cody_comp", { NULL }, NULL, NULL, 5, DUE_NONE, 40, 15, 0.025, 0,
    { CAL ("A.3.g", 60) } },
  { "claim", { "SNAP", "TANF" }, NULL, NULL, 15, DUE_NONE, 60, 20, 0.025, 0,
    { { "A.3.h", RULE_QUARTER_AFTER, 0 } } },
  { "ipv_claim", { "SNAP", "TANF" }, NULL, NULL, 5, DUE_NONE, 8, 5, 0.012, 0,
    { BD ("A.3.i", 10) } },
  { "snap_qc_claim", { "SNAP" }, NULL, NULL, 5, DUE_NONE, 20, 6, 0.025, 0,
    { CAL ("A.3.j", 30) } },
  { "medicaid_claim_referral", { "Medicaid" }, NULL, NULL, 8, DUE_PAST_CLAIM_MONTH, 45, 30, 0.025, 0,
    { { "A.3.k", RULE_MONTHS_AFTER_DUE, 14 } } },
  { "hearing_reinstatement", { NULL }, NULL, NULL, 10, DUE_NONE, 1, 3, 0.005, 0,
    { BD ("A.4.a", 2) } },
  { "prehearing_conference", { NULL }, NULL, NULL, 10, DUE_NONE, 8, 5, 0.012, 0,
    { BD ("A.4.b", 10) } },
  { "hearing_decision", { NULL }, NULL, NULL, 12, DUE_NONE, 4, 4, 0.10, 0.002,
    { BD ("A.4.c", 5), BD ("A.4.d", 10) } },
  { "vacancy", { NULL }, NULL, NULL, 3, DUE_NONE, 30, 10, 0, 0,
    { CAL ("B.2", 45) } },
  { "training_class_request", { NULL }, NULL, NULL, 2, DUE_NONE, 3, 3, 0, 0,
    { BD ("C.3", 5) } },
  { "policy_material", { NULL }, NULL, NULL, 2, DUE_NONE, 3, 3, 0, 0,
    { BD ("C.4", 5) } },
  { "training_plan_amendment", { NULL }, NULL, NULL, 2, DUE_NONE, 12, 5, 0, 0,
    { BD ("C.5", 15) } },
};

#undef BD
#undef CAL

G_STATIC_ASSERT (G_N_ELEMENTS (demo_task_kinds) == N_TASK_KINDS);

/* ------------------------------------------------------------------ */
/* Tasks                                                               */
/* ------------------------------------------------------------------ */

typedef enum {
  LATE_NONE,
  LATE_MILD,     /* past the tight deadline, within the loose one */
  LATE_SEVERE,   /* past the last deadline */
} Lateness;

typedef struct {
  DemoGen   *gen;
  DemoRng    rng;
  int        key;
  int        month_index;
  guint32    report_day;     /* the contractor reports on the 15th after */
  guint      seq;
  guint      remaining[N_TASK_KINDS];
} TaskMonth;

static double
miss_share (int metric)
{
  return (100.0 - demo_metrics[metric].target) / 100.0 + 0.045;
}

/* The plan for a kind in the month its deadlines fall in.  Ordinary rates
 * wobble from month to month and planned misses land 4.5–6.5 points under
 * the target, so reported figures do not repeat.  The wobble has its own
 * stream so it does not depend on the order records are drawn in. */
static void
late_slot_plan (DemoGen  *gen,
                guint     k,
                int       month_index,
                LateSlot *slot)
{
  const TaskKind *kind = &demo_task_kinds[k];
  int tight_metric = gen->check_metric[k][0];
  int loose_metric = gen->check_metric[k][1];
  gboolean in_range = month_index >= 0 && month_index < gen->options->n_months;
  DemoRng rng;
  double wobble, tight, loose;

  rng_init (&rng, gen->options->seed, STREAM_RATES, (gen->first_key + month_index) * 64 + (int) k);
  wobble = rng_uniform (&rng);
  tight = kind->tight_late * (0.6 + 0.8 * wobble);
  loose = kind->loose_late * (0.6 + 0.8 * wobble);
  if (in_range && plan_says_records_miss (gen, month_index, tight_metric))
    tight = MAX (tight, miss_share (tight_metric) + 0.02 * wobble);
  if (in_range && plan_says_records_miss (gen, month_index, loose_metric))
    {
      loose = MAX (loose, miss_share (loose_metric) - 0.015 + 0.02 * wobble);
      tight = MAX (tight, loose);
    }
  slot->p_severe = loose_metric >= 0 ? loose : tight;
  slot->p_mild = loose_metric >= 0 ? tight - loose : 0;
  slot->acc_mild = slot->acc_severe = 0.5;
  slot->ready = TRUE;
}

static LateSlot *
late_slot_for (DemoGen *gen,
               guint    k,
               guint32  tight_deadline)
{
  int month_index = day_month_key (gen, tight_deadline) - gen->first_key;
  LateSlot *slot;

  month_index = CLAMP (month_index, 0, gen->n_late_months - 1);
  slot = &gen->late_slots[(gsize) k * (gsize) gen->n_late_months + (gsize) month_index];
  if (!slot->ready)
    late_slot_plan (gen, k, month_index, slot);
  return slot;
}

static Lateness
late_slot_draw (LateSlot *slot)
{
  slot->acc_severe += slot->p_severe;
  if (slot->acc_severe >= 1.0)
    {
      slot->acc_severe -= 1.0;
      return LATE_SEVERE;
    }
  slot->acc_mild += slot->p_mild;
  if (slot->acc_mild >= 1.0)
    {
      slot->acc_mild -= 1.0;
      return LATE_MILD;
    }
  return LATE_NONE;
}

/* Shares by per mille with a floor of two records, the remainder going to
 * general applications, so that the month's total is exactly the option. */
static void
kind_month_counts (TaskMonth *tm,
                   guint      total)
{
  guint assigned = 0;

  for (guint k = 0; k < N_TASK_KINDS; k++)
    {
      guint n = (guint) (((guint64) total * demo_task_kinds[k].per_mille + 500) / 1000);

      tm->remaining[k] = MAX (n, 2u);
      if (demo_task_kinds[k].per_mille != 0)
        assigned += tm->remaining[k];
    }
  g_assert (assigned < total);   /* MIN_TASKS_PER_MONTH guarantees it */
  tm->remaining[0] = total - assigned;
}

static guint32
draw_due (DemoRng       *rng,
          const TaskKind *kind,
          int            key,
          guint32        received)
{
  switch (kind->due)
    {
    case DUE_OPERATIONAL:
      return next_business_day (received + (guint32) rng_range (rng, 5, 15));
    case DUE_NEXT_MONTH:
      return month_last_day (key + 1);
    case DUE_THIS_MONTH:
      return month_last_day (key);
    case DUE_PAST_CLAIM_MONTH:
      return month_last_day (key - rng_range (rng, 1, 10));
    case DUE_NONE:
    default:
      return 0;
    }
}

static guint32
redetermination_on_time_deadline (guint32 due)
{
  guint32 last = thr_day_month_end (due);
  guint32 day = last;
  int found = 0;

  while (found < 4)
    {
      day--;
      if (!is_weekend (day))
        found++;
    }
  return day;
}

static guint32
deadline_for (const TaskCheck *check,
              guint32          received,
              guint32          due)
{
  int key;

  switch (check->rule)
    {
    case RULE_BUSINESS_DAYS:
      return add_business_days (received, check->n);
    case RULE_CALENDAR_DAYS:
      return received + (guint32) check->n;
    case RULE_CALENDAR_ROLL:
      return next_business_day (received + (guint32) check->n);
    case RULE_DUE:
      return due;
    case RULE_REDET_ON_TIME:
      return redetermination_on_time_deadline (due);
    case RULE_REDET_LATE:
      return month_first_day (month_key_of_day (due) + 1) + 14;
    case RULE_QUARTER_AFTER:
      key = month_key_of_day (received);
      return month_last_day (key - key % 3 + 5);
    case RULE_MONTHS_AFTER_DUE:
      return month_last_day (month_key_of_day (due) + check->n);
    default:
      g_assert_not_reached ();
      return received;
    }
}

/* A day in [lo, hi], moved off a weekend when the range allows. */
static guint32
pick_work_day (DemoRng *rng,
               guint32  lo,
               guint32  hi)
{
  guint32 day = lo + rng_below (rng, hi - lo + 1);

  while (is_weekend (day) && day > lo)
    day--;
  while (is_weekend (day) && day < hi)
    day++;
  return day;
}

static gint64
draw_completion (TaskMonth      *tm,
                 const TaskKind *kind,
                 guint           k,
                 const guint32  *deadlines,
                 gint64          received_at)
{
  guint32 received = (guint32) (received_at / DAY_SECONDS);
  gboolean paired = tm->gen->check_metric[k][1] >= 0;
  guint32 tight = deadlines[0];
  guint32 last = paired ? deadlines[1] : deadlines[0];
  guint32 lo, hi;
  gint64 at;

  switch (late_slot_draw (late_slot_for (tm->gen, k, tight)))
    {
    case LATE_MILD:
      lo = tight + 1;
      hi = MAX (last, lo);
      break;
    case LATE_SEVERE:
      lo = last + 1;
      hi = last + (guint32) kind->late_span;
      break;
    case LATE_NONE:
    default:
      lo = received;
      hi = MIN (tight, received + (guint32) kind->typical_days);
      hi = MAX (hi, lo);
      break;
    }
  at = (gint64) pick_work_day (&tm->rng, lo, hi) * DAY_SECONDS
       + rng_range (&tm->rng, 8 * 3600, 19 * 3600 - 1);
  /* Same-day work finishes after it arrived, and before midnight so it
   * stays on the day the lateness was drawn for. */
  if (at < received_at + 300)
    at = MIN (received_at + 300 + rng_below (&tm->rng, 3600),
              (received_at / DAY_SECONDS + 1) * DAY_SECONDS - 1);
  return at;
}

/* The contractor judges a record as it stands on its report date, the 15th
 * after the month of receipt (paragraph 2): done by then decides by the
 * deadline; not done with the deadline passed is a miss; otherwise the
 * record is pending and left out. */
static void
tally_as_contractor (TaskMonth *tm,
                     int        metric,
                     guint32    deadline,
                     gint64     completed_at)
{
  gint64 cutoff = (gint64) tm->report_day * DAY_SECONDS;
  TaskTally *tally = &tm->gen->task_tally[(gsize) tm->month_index * N_METRICS + (gsize) metric];

  if (completed_at >= 0 && completed_at < cutoff)
    {
      tally->total++;
      if ((guint32) (completed_at / DAY_SECONDS) <= deadline)
        tally->met++;
    }
  else if (deadline < tm->report_day)
    tally->total++;
}

static void
write_task_line (TaskMonth      *tm,
                 const TaskKind *kind,
                 gint64          received_at,
                 gint64          completed_at,
                 guint32         due)
{
  DemoGen *gen = tm->gen;
  gboolean open = completed_at < 0 || completed_at >= (gint64) gen->extract_day * DAY_SECONDS;
  const char *program = NULL;
  char line[256];
  char *p = line;
  guint n_programs = 0;

  while (n_programs < G_N_ELEMENTS (kind->programs) && kind->programs[n_programs] != NULL)
    n_programs++;
  if (n_programs > 0)
    program = kind->programs[n_programs == 1 ? 0 : rng_below (&tm->rng, n_programs)];

  *p++ = 'T';
  p = put_seed_tag (p, gen->options->seed);
  p = put_uint (p, (guint64) month_key_year (tm->key), 4);
  p = put_uint (p, (guint64) month_key_month (tm->key), 2);
  p = put_uint (p, ++tm->seq, 7);
  *p++ = ',';
  p = put_str (p, kind->type);
  *p++ = ',';
  p = put_datetime (p, &gen->dates, received_at);
  *p++ = ',';
  if (!open)
    p = put_datetime (p, &gen->dates, completed_at);
  *p++ = ',';
  if (due != 0)
    p = put_date (p, &gen->dates, due);
  *p++ = ',';
  p = put_str (p, program);
  *p++ = ',';
  p = put_str (p, kind->category);
  *p++ = ',';
  p = put_str (p, kind->status != NULL ? kind->status : open ? "open" : "completed");
  demo_file_put_line (&gen->tasks, line, p);
}

static void
emit_task (TaskMonth *tm,
           guint      k,
           gint64     received_at)
{
  const TaskKind *kind = &demo_task_kinds[k];
  guint32 received = (guint32) (received_at / DAY_SECONDS);
  guint32 due = draw_due (&tm->rng, kind, tm->key, received);
  guint32 deadlines[MAX_CHECKS] = { 0 };
  gint64 completed_at = -1;
  guint n_checks = 0;

  while (n_checks < MAX_CHECKS && kind->checks[n_checks].metric != NULL)
    {
      deadlines[n_checks] = deadline_for (&kind->checks[n_checks], received, due);
      n_checks++;
    }
  if (kind->status == NULL)
    completed_at = n_checks > 0
      ? draw_completion (tm, kind, k, deadlines, received_at)
      : received_at + (gint64) rng_range (&tm->rng, 1, kind->typical_days) * DAY_SECONDS;

  write_task_line (tm, kind, received_at, completed_at, due);
  for (guint i = 0; i < n_checks; i++)
    tally_as_contractor (tm, tm->gen->check_metric[k][i], deadlines[i], completed_at);
}

/* Sampling without replacement from the month's remaining quotas keeps the
 * kinds interleaved in time while the counts stay exact. */
static guint
draw_weekday_kind (TaskMonth *tm,
                   guint      remaining_total)
{
  guint r = rng_below (&tm->rng, remaining_total);

  for (guint k = 0; k < N_TASK_KINDS; k++)
    {
      if (r < tm->remaining[k])
        return k;
      r -= tm->remaining[k];
    }
  g_assert_not_reached ();
  return 0;
}

/* Exact per-day counts: the cumulative share rounded, so they sum to n. */
guint
demo_share_of (guint64 n,
               guint64 weight_before,
               guint64 weight,
               guint64 weight_total)
{
  return (guint) ((n * (weight_before + weight) + weight_total / 2) / weight_total
                  - (n * weight_before + weight_total / 2) / weight_total);
}

#define TASK_WEEKDAY_WEIGHT 100
#define TASK_WEEKEND_WEIGHT 4     /* weekend arrivals are documents only */

gboolean
demo_generate_task_month (DemoGen       *gen,
                          int            month_index,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TaskMonth tm = { .gen = gen, .month_index = month_index };
  guint total = gen->options->tasks_per_month;
  guint32 first, last;
  guint64 weight_total = 0, weight_before = 0;
  guint weekend_total = 0, weekday_remaining;

  tm.key = gen->first_key + month_index;
  tm.report_day = month_first_day (tm.key + 1) + 14;
  first = month_first_day (tm.key);
  last = month_last_day (tm.key);
  rng_init (&tm.rng, gen->options->seed, STREAM_TASKS, tm.key);
  kind_month_counts (&tm, total);

  for (guint32 d = first; d <= last; d++)
    weight_total += is_weekend (d) ? TASK_WEEKEND_WEIGHT : TASK_WEEKDAY_WEIGHT;
  for (guint32 d = first; d <= last; d++)
    {
      guint64 w = is_weekend (d) ? TASK_WEEKEND_WEIGHT : TASK_WEEKDAY_WEIGHT;

      if (is_weekend (d))
        weekend_total += demo_share_of (total, weight_before, w, weight_total);
      weight_before += w;
    }
  /* Documents for the weekends are set aside before weekdays draw. */
  tm.remaining[DOCUMENT_KIND] -= weekend_total;
  weekday_remaining = total - weekend_total;

  weight_before = 0;
  for (guint32 d = first; d <= last; d++)
    {
      gboolean weekend = is_weekend (d);
      guint64 w = weekend ? TASK_WEEKEND_WEIGHT : TASK_WEEKDAY_WEIGHT;
      guint n = demo_share_of (total, weight_before, w, weight_total);

      weight_before += w;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* Arrivals 07:00–19:00, one per slot with jitter, so already sorted. */
      for (guint j = 0; j < n; j++)
        {
          gint64 at = (gint64) d * DAY_SECONDS + 7 * 3600
                      + (gint64) ((j + rng_uniform (&tm.rng)) * (12.0 * 3600) / n);
          guint k;

          if (weekend)
            k = DOCUMENT_KIND;
          else
            {
              k = draw_weekday_kind (&tm, weekday_remaining);
              tm.remaining[k]--;
              weekday_remaining--;
            }
          emit_task (&tm, k, at);
        }
    }
  return TRUE;
}
