/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-demo-plan.c — the D2 metrics as the demo reports them, and the scenario */
#define G_LOG_DOMAIN "thr-demo"

#include "thr-demo-private.h"

const DemoMetric demo_metrics[N_METRICS] = {
  { "A.1.a", SOURCE_TASKS, 98 },    { "A.1.b", SOURCE_TASKS, 99 },
  { "A.1.c", SOURCE_TASKS, 98 },    { "A.1.d", SOURCE_TASKS, 99 },
  { "A.1.e", SOURCE_ACCURACY, 95 }, { "A.1.f", SOURCE_TASKS, 98 },
  { "A.1.g", SOURCE_TASKS, 99 },    { "A.1.h", SOURCE_ACCURACY, 95 },
  { "A.1.i", SOURCE_TASKS, 98 },    { "A.1.j", SOURCE_TASKS, 99 },
  { "A.1.k", SOURCE_ACCURACY, 95 },
  { "A.2.a", SOURCE_TASKS, 95 },    { "A.2.b", SOURCE_TASKS, 95 },
  { "A.2.c", SOURCE_ACCURACY, 95 }, { "A.2.d", SOURCE_ACCURACY, 95 },
  { "A.2.e", SOURCE_TASKS, 95 },    { "A.2.f", SOURCE_ACCURACY, 95 },
  { "A.2.g", SOURCE_TASKS, 95 },    { "A.2.h", SOURCE_ACCURACY, 95 },
  { "A.2.i", SOURCE_TASKS, 95 },    { "A.2.j", SOURCE_TASKS, 95 },
  { "A.2.k", SOURCE_ACCURACY, 95 },
  { "A.3.a", SOURCE_TASKS, 95 },    { "A.3.b", SOURCE_QUARTER_DOLLARS, 120000 },
  { "A.3.c", SOURCE_QUARTER_DOLLARS, 30000 },
  { "A.3.d", SOURCE_TASKS, 95 },    { "A.3.e", SOURCE_ACCURACY, 95 },
  { "A.3.f", SOURCE_TASKS, 90 },    { "A.3.g", SOURCE_TASKS, 90 },
  { "A.3.h", SOURCE_TASKS, 90 },    { "A.3.i", SOURCE_TASKS, 95 },
  { "A.3.j", SOURCE_TASKS, 90 },    { "A.3.k", SOURCE_TASKS, 90 },
  { "A.4.a", SOURCE_TASKS, 98 },    { "A.4.b", SOURCE_TASKS, 95 },
  { "A.4.c", SOURCE_TASKS, 75 },    { "A.4.d", SOURCE_TASKS, 99 },
  { "A.5.a", SOURCE_ASA, 150 },     { "A.5.b", SOURCE_SERVICE_LEVEL, 80 },
  { "A.5.c", SOURCE_ABANDONMENT, 5 },
  { "A.5.d", SOURCE_WEEKLY_ABANDON, 7 },
  { "A.5.e", SOURCE_ACCURACY, 95 },
  { "B.1", SOURCE_TURNOVER, 20 },   { "B.2", SOURCE_TASKS, 100 },
  { "B.3", SOURCE_ABSENTEEISM, 12 },
  { "C.1", SOURCE_EXAM_PASS, 100 }, { "C.2", SOURCE_TWO_ATTEMPTS, 95 },
  { "C.3", SOURCE_TASKS, 100 },     { "C.4", SOURCE_TASKS, 100 },
  { "C.5", SOURCE_TASKS, 100 },     { "C.6", SOURCE_NEW_HIRE, 85 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (demo_metrics) == N_METRICS);

int
demo_metric_index (const char *id)
{
  for (guint i = 0; i < N_METRICS; i++)
    if (strcmp (demo_metrics[i].id, id) == 0)
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

typedef struct {
  const char  *metric;
  const char  *month;   /* YYYY-MM in which the result is judged */
  PlanOutcome  outcome;
  double       value;   /* the reported value, or 0 to draw one */
} ScenarioRow;

/* Which consequence case each row exercises (cases as in the brief):
 *  (1) A.1.a missed 2018-04, met only 2018-07 within May–August: the
 *      contract's own example, April, May, June and August retained.
 *  (2) A.4.a missed 2018-02, met 03 and 04: released.
 *  (3) 2018-04 misses A.1.a, A.5.a, A.5.b, A.5.c (and A.5.d follows): five
 *      misses, the central rate rises to 25 %.  2018-09 is the first month
 *      with every metric met: escalation ends, September is released.
 *  (4) A.1.f missed 2018-06 (window Jul–Oct) overlaps the A.1.a window
 *      (May–Aug) and the A.5.* window (May–Aug); A.1.f is then met Jul and
 *      Aug and released.
 *  (5) A.1.a missed again in May, June and August inside its own window;
 *      A.2.c missed again in 2018-12 inside its window, with exactly 95.00,
 *      which "will exceed 95 %" makes a miss.
 *  (6) B.3 has no row in 2019-03 (no-data).
 *  (7) A.2.c missed 2018-11, window Dec 2018 – Mar 2019 crosses the year
 *      end; met 2019-01 and 2019-02, so released.
 *  (8) A.5.d: the second week of 2019-05 (Sunday the 12th) abandons > 7 %
 *      while the month's A.5.c stays under 5 %.
 *  (9) A.3.b above the $120,000 baseline in some quarters, below in others,
 *      and exactly on it in 2019-Q2 ("equal to or exceeds").
 *  (D) The deliberate discrepancy: in 2019-06 the records miss A.1.a by
 *      about four points but the contractor reports about five points more.
 *  (B) C.6 2019 new-hire completion 82 %: no bonus for 2019.
 * MET rows change nothing; they document what the case relies on.
 */
static const ScenarioRow scenario[] = {
  { "A.4.a", "2018-02", PLAN_MISSED, 0 },       /* (2) */
  { "A.4.a", "2018-03", PLAN_MET, 0 },          /* (2) */
  { "A.4.a", "2018-04", PLAN_MET, 0 },          /* (2) released */
  { "A.1.a", "2018-04", PLAN_MISSED, 0 },       /* (1) (3) */
  { "A.5.a", "2018-04", PLAN_MISSED, 0 },       /* (3) */
  { "A.5.b", "2018-04", PLAN_MISSED, 0 },       /* (3) */
  { "A.5.c", "2018-04", PLAN_MISSED, 0 },       /* (3); weeks miss A.5.d too */
  { "A.1.a", "2018-05", PLAN_MISSED, 0 },       /* (1) (5) */
  { "A.1.a", "2018-06", PLAN_MISSED, 0 },       /* (1) (5) */
  { "A.1.f", "2018-06", PLAN_MISSED, 0 },       /* (4) */
  { "A.3.b", "2018-03", PLAN_MET, 152340.17 },  /* (9) Q1 above */
  { "A.3.b", "2018-06", PLAN_MISSED, 96480.55 },/* (9) Q2 below */
  { "A.1.a", "2018-07", PLAN_MET, 0 },          /* (1) the single pass */
  { "A.1.a", "2018-08", PLAN_MISSED, 0 },       /* (1) (5) */
  { "A.1.a", "2018-09", PLAN_MET, 0 },          /* (3) all met */
  { "A.3.b", "2018-09", PLAN_MET, 131902.40 },  /* (9) Q3 above, (3) all met */
  { "A.2.c", "2018-11", PLAN_MISSED, 94.10 },   /* (7) */
  { "A.2.c", "2018-12", PLAN_MISSED, 95.00 },   /* (5) (7) strict */
  { "A.3.b", "2018-12", PLAN_MISSED, 112215.90 },/* (9) Q4 below */
  { "A.2.c", "2019-01", PLAN_MET, 0 },          /* (7) */
  { "A.2.c", "2019-02", PLAN_MET, 0 },          /* (7) released */
  { "A.3.b", "2019-03", PLAN_MET, 143660.05 },  /* (9) Q1 above */
  { "B.3", "2019-03", PLAN_NO_DATA, 0 },        /* (6) */
  { "A.5.d", "2019-05", PLAN_MISSED, 0 },       /* (8) one week */
  { "A.5.c", "2019-05", PLAN_MET, 0 },          /* (8) */
  { "A.1.a", "2019-06", PLAN_OVERREPORTED, 0 }, /* (D) */
  { "A.3.b", "2019-06", PLAN_MET, 120000.00 },  /* (9) exactly the baseline */
  { "A.3.b", "2019-09", PLAN_MISSED, 101875.35 },/* (9) Q3 below */
  { "A.3.b", "2019-12", PLAN_MET, 165420.80 },  /* (9) Q4 above */
  { "C.6", "2019-12", PLAN_MISSED, 82.0 },      /* (B) */
};

static int
parse_month_key (const char *label)
{
  guint32 day = 0;
  g_autofree char *iso = g_strconcat (label, "-01", NULL);

  if (!thr_day_parse_iso (iso, &day))
    g_assert_not_reached ();
  return month_key_of_day (day);
}

/* Spreads the scenario table over the generated months; rows outside the
 * range are ignored, months outside the table keep every metric met. */
PlanCell *
demo_plan_new (int first_key,
               int n_months)
{
  PlanCell *cells = g_new0 (PlanCell, (gsize) n_months * N_METRICS);

  for (guint i = 0; i < G_N_ELEMENTS (scenario); i++)
    {
      int k = parse_month_key (scenario[i].month) - first_key;

      if (k < 0 || k >= n_months)
        continue;
      cells[(gsize) k * N_METRICS + demo_metric_index (scenario[i].metric)] =
        (PlanCell) { scenario[i].outcome, scenario[i].value };
    }
  return cells;
}
