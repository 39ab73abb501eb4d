/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-demo-metric-report.c — the contractor's monthly report and the invoices */
#define G_LOG_DOMAIN "thr-demo"

#include "thr-demo-private.h"

/* ------------------------------------------------------------------ */
/* The contractor's monthly report                                     */
/* ------------------------------------------------------------------ */

static void
put_value_row (DemoFile   *file,
               const char *metric,
               const char *period,
               const char *format,
               double      value)
{
  char line[128];
  char *p = line;

  p = put_str (p, metric);
  *p++ = ',';
  p = put_str (p, period);
  *p++ = ',';
  p = put_double (p, format, value);
  p = put_str (p, ",,");
  demo_file_put_line (file, line, p);
}

static void
put_ratio_row (DemoFile   *file,
               const char *metric,
               const char *period,
               guint64     numerator,
               guint64     denominator)
{
  char line[128];
  char *p = line;

  p = put_str (p, metric);
  *p++ = ',';
  p = put_str (p, period);
  p = put_str (p, ",,");
  p = put_uint (p, numerator, 1);
  *p++ = ',';
  p = put_uint (p, denominator, 1);
  demo_file_put_line (file, line, p);
}

static void
put_dollars_row (DemoFile   *file,
                 const char *metric,
                 const char *period,
                 gint64      cents)
{
  char line[128];
  char *p = line;

  p = put_str (p, metric);
  *p++ = ',';
  p = put_str (p, period);
  *p++ = ',';
  p = put_cents (p, cents);
  p = put_str (p, ",,");
  demo_file_put_line (file, line, p);
}

static double
percent (guint64 numerator,
         guint64 denominator)
{
  return denominator == 0 ? 0.0 : 100.0 * (double) numerator / (double) denominator;
}

static void
report_tasks (DemoGen    *gen,
              DemoFile   *file,
              int         month_index,
              int         m,
              const char *label)
{
  const TaskTally *tally = &gen->task_tally[(gsize) month_index * N_METRICS + (gsize) m];
  guint met = tally->met;

  /* Nothing resolved by the report date (rare kinds in small demos). */
  if (tally->total == 0)
    return;
  /* The deliberate discrepancy: about five points more than the records. */
  if (plan_cell (gen, month_index, m)->outcome == PLAN_OVERREPORTED)
    met = MIN (tally->total, met + (tally->total * 5 + 50) / 100);
  put_ratio_row (file, demo_metrics[m].id, label, met, tally->total);
}

static void
report_weeks (DemoGen  *gen,
              DemoFile *file,
              int       month_index,
              int       m)
{
  int key = gen->first_key + month_index;
  guint32 first = month_first_day (key), last = month_last_day (key);

  /* Weeks belong to the month holding their Saturday. */
  for (guint32 sunday = sunday_on_or_before (first); sunday <= last; sunday += 7)
    {
      const CallTally *week;
      char label[11];

      if (sunday + 6 < first || sunday + 6 > last)
        continue;
      week = &gen->week_calls[(sunday - gen->first_sunday) / 7];
      put_date (label, &gen->dates, sunday);
      label[10] = '\0';
      put_value_row (file, demo_metrics[m].id, label, "%.2f",
                     percent (week->abandoned_long, week->offered - week->abandoned_short));
    }
}

/* Reported-only figures.  Every branch draws the same number of values, so
 * changing one outcome never shifts the others. */
static void
report_value_metric (DemoGen    *gen,
                     DemoFile   *file,
                     DemoRng    *rng,
                     int         month_index,
                     int         m,
                     const char *label)
{
  const DemoMetric *metric = &demo_metrics[m];
  const PlanCell *cell = plan_cell (gen, month_index, m);
  gboolean missed = cell->outcome == PLAN_MISSED;
  int key = gen->first_key + month_index;
  int month = month_key_month (key);
  double u = rng_uniform (rng);
  guint size = (guint) rng_range (rng, 18, 45);
  char year[8], quarter[10];
  double rate;
  guint n;

  if (cell->outcome == PLAN_NO_DATA)
    return;
  g_snprintf (year, sizeof year, "%04d", month_key_year (key));
  g_snprintf (quarter, sizeof quarter, "%04d-Q%d", month_key_year (key), (month + 2) / 3);

  switch (metric->source)
    {
    case SOURCE_ACCURACY:
      put_value_row (file, metric->id, label, "%.2f",
                     cell->value != 0 ? cell->value : missed ? 93.2 + 1.5 * u : 96.0 + 3.4 * u);
      break;
    case SOURCE_QUARTER_DOLLARS:
      if (month % 3 != 0)
        break;
      rate = missed ? 0.80 + 0.15 * u : 1.04 + 0.30 * u;
      put_dollars_row (file, metric->id, quarter,
                       (gint64) llround ((cell->value != 0 ? cell->value : metric->target * rate) * 100));
      break;
    case SOURCE_TURNOVER:
      n = 380 + size;            /* average headcount */
      if (month == 12)
        put_ratio_row (file, metric->id, year,
                       (guint64) llround (n * (missed ? 0.23 : 0.14 + 0.05 * u)), n);
      break;
    case SOURCE_ABSENTEEISM:
      n = (380 + size) * 8 * 21; /* scheduled hours */
      put_ratio_row (file, metric->id, label,
                       (guint64) llround (n * (missed ? 0.135 : 0.06 + 0.04 * u)), n);
      break;
    case SOURCE_EXAM_PASS:
      put_ratio_row (file, metric->id, label, missed ? size - 2 : size, size);
      break;
    case SOURCE_TWO_ATTEMPTS:
      /* One retake in a class of twenty or more still reaches 95 %. */
      put_ratio_row (file, metric->id, label,
                     missed ? size * 9 / 10 : size - (size >= 20 && u < 0.5 ? 1 : 0), size);
      break;
    case SOURCE_NEW_HIRE:
      n = 160 + size * 2;        /* trainees who started in the year */
      if (month == 12)
        put_ratio_row (file, metric->id, year,
                       (guint64) llround (n * (cell->value != 0 ? cell->value / 100
                                               : missed ? 0.82 : 0.86 + 0.06 * u)), n);
      break;
    case SOURCE_TASKS:
    case SOURCE_ASA:
    case SOURCE_SERVICE_LEVEL:
    case SOURCE_ABANDONMENT:
    case SOURCE_WEEKLY_ABANDON:
    default:
      g_assert_not_reached ();
    }
}

/* Figures that exist only in the contractor's report, drawn from the
 * report stream rather than counted from records. */
static gboolean
is_reported_only (MetricSource source)
{
  switch (source)
    {
    case SOURCE_TASKS:
    case SOURCE_ASA:
    case SOURCE_SERVICE_LEVEL:
    case SOURCE_ABANDONMENT:
    case SOURCE_WEEKLY_ABANDON:
      return FALSE;
    case SOURCE_ACCURACY:
    case SOURCE_QUARTER_DOLLARS:
    case SOURCE_TURNOVER:
    case SOURCE_ABSENTEEISM:
    case SOURCE_EXAM_PASS:
    case SOURCE_TWO_ATTEMPTS:
    case SOURCE_NEW_HIRE:
    default:
      return TRUE;
    }
}

static void
report_month (DemoGen  *gen,
              DemoFile *file,
              int       month_index)
{
  const CallTally *calls = &gen->month_calls[month_index];
  int key = gen->first_key + month_index;
  char label[8];
  DemoRng rng;

  *put_month_label (label, key) = '\0';
  rng_init (&rng, gen->options->seed, STREAM_REPORT, key);
  for (guint m = 0; m < N_METRICS; m++)
    {
      /* Reported-only metrics handle no-data themselves, after their draws. */
      if (plan_cell (gen, month_index, (int) m)->outcome == PLAN_NO_DATA
          && !is_reported_only (demo_metrics[m].source))
        continue;
      switch (demo_metrics[m].source)
        {
        case SOURCE_TASKS:
          report_tasks (gen, file, month_index, (int) m, label);
          break;
        case SOURCE_ASA:
          put_value_row (file, demo_metrics[m].id, label, "%.1f",
                         calls->answered == 0 ? 0.0
                         : (double) calls->answered_wait / (double) calls->answered);
          break;
        case SOURCE_SERVICE_LEVEL:
          put_value_row (file, demo_metrics[m].id, label, "%.2f",
                         percent (calls->answered_in_60, calls->answered + calls->abandoned_long));
          break;
        case SOURCE_ABANDONMENT:
          put_value_row (file, demo_metrics[m].id, label, "%.2f",
                         percent (calls->abandoned_long, calls->offered - calls->abandoned_short));
          break;
        case SOURCE_WEEKLY_ABANDON:
          report_weeks (gen, file, month_index, (int) m);
          break;
        case SOURCE_ACCURACY:
        case SOURCE_QUARTER_DOLLARS:
        case SOURCE_TURNOVER:
        case SOURCE_ABSENTEEISM:
        case SOURCE_EXAM_PASS:
        case SOURCE_TWO_ATTEMPTS:
        case SOURCE_NEW_HIRE:
        default:
          report_value_metric (gen, file, &rng, month_index, (int) m, label);
          break;
        }
    }
}

gboolean
demo_write_metric_report (DemoGen     *gen,
                          const char  *directory,
                          GError     **error)
{
  DemoFile file = { 0 };

  if (!demo_file_open (&file, directory, "metric-report.csv",
                       "metric,period,value,numerator,denominator", error))
    return FALSE;
  for (int i = 0; i < gen->options->n_months; i++)
    report_month (gen, &file, i);
  return demo_file_close (&file, error);
}

/* ------------------------------------------------------------------ */
/* Invoices                                                            */
/* ------------------------------------------------------------------ */

static const struct {
  const char *component;
  gint64      cents;      /* a typical month */
} invoice_components[] = {
  { "central", 185000000 },
  { "local_office", 62000000 },
  { "training", 14000000 },
};

gboolean
demo_write_invoices (DemoGen     *gen,
                     const char  *directory,
                     GError     **error)
{
  DemoFile file = { 0 };

  if (!demo_file_open (&file, directory, "invoices.csv", "month,component,amount", error))
    return FALSE;
  for (int i = 0; i < gen->options->n_months; i++)
    {
      int key = gen->first_key + i;
      DemoRng rng;

      rng_init (&rng, gen->options->seed, STREAM_INVOICES, key);
      for (guint c = 0; c < G_N_ELEMENTS (invoice_components); c++)
        {
          /* ±3 % around the typical month, to the cent. */
          gint64 cents = invoice_components[c].cents * (970 + rng_below (&rng, 61)) / 1000
                         + rng_below (&rng, 100);
          char line[64];
          char *p = line;

          p = put_month_label (p, key);
          *p++ = ',';
          p = put_str (p, invoice_components[c].component);
          *p++ = ',';
          p = put_cents (p, cents);
          demo_file_put_line (&file, line, p);
        }
    }
  return demo_file_close (&file, error);
}
