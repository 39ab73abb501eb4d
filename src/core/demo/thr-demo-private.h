/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-demo-private.h — what the demo generator's files share
 *
 * The generator is split by what it writes: thr-demo-tasks.c,
 * thr-demo-calls.c, thr-demo-metric-report.c (the contractor's report and
 * invoices) and thr-demo-plan.c (the metrics and the scenario), with the
 * files and the entry points in thr-demo.c.  The small helpers that run
 * for every record (random numbers, dates, formatting) are inline here.
 */
#pragma once

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "thr-demo.h"
#include "thr-period.h"
#include "thr-record.h"

G_BEGIN_DECLS

#define DAY_SECONDS        86400
#define FILE_BUFFER_SIZE   (4 * 1024 * 1024)
#define MAX_CHECKS         4
#define MAX_PER_MONTH      9999999u   /* ids carry seven digits of sequence */
#define MIN_TASKS_PER_MONTH 200u   /* room for every kind's floor of two */
#define MIN_CALLS_PER_MONTH 100u

/* ------------------------------------------------------------------ */
/* Random numbers: splitmix64 seeds xoshiro256**                       */
/* ------------------------------------------------------------------ */

typedef struct {
  guint64 s[4];
} DemoRng;

typedef enum {
  STREAM_TASKS = 1,
  STREAM_CALLS,
  STREAM_REPORT,
  STREAM_INVOICES,
  STREAM_RATES,
} DemoStream;

static inline guint64
splitmix64_next (guint64 *state)
{
  guint64 z = (*state += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static inline guint64
rotl64 (guint64 x,
        int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (DemoRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl64 (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64 (s[3], 45);
  return result;
}

/* Each (stream, month) pair gets its own generator, so a month's records do
 * not depend on how many records earlier months had. */
static inline void
rng_init (DemoRng    *rng,
          guint64     seed,
          DemoStream  stream,
          int         month_key)
{
  guint64 mixer = seed;
  guint64 state = splitmix64_next (&mixer) ^ ((guint64) stream << 48) ^ (guint64) (guint32) month_key;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64_next (&state);
}

static inline double
rng_uniform (DemoRng *rng)
{
  return (double) (rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n); the bias of the multiply-shift is far below anything a
 * demo can show. */
static inline guint32
rng_below (DemoRng *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static inline int
rng_range (DemoRng *rng,
           int      lo,
           int      hi)
{
  return lo + (int) rng_below (rng, (guint32) (hi - lo + 1));
}

static inline int
rng_exponential (DemoRng *rng,
                 double   mean)
{
  return (int) floor (-mean * log1p (-rng_uniform (rng)) + 0.5);
}

/* ------------------------------------------------------------------ */
/* Days and months                                                     */
/* ------------------------------------------------------------------ */

/* A month key counts months from year 0: year * 12 + (month - 1). */
static inline int month_key_year  (int key) { return key / 12; }
static inline int month_key_month (int key) { return key % 12 + 1; }

static inline guint32
month_first_day (int key)
{
  return thr_day_from_ymd (month_key_year (key), month_key_month (key), 1);
}

static inline guint32
month_last_day (int key)
{
  return month_first_day (key + 1) - 1;
}

static inline int
month_key_of_day (guint32 day)
{
  int y, m;

  thr_day_to_ymd (day, &y, &m, NULL);
  return y * 12 + m - 1;
}

static inline gboolean
is_weekend (guint32 day)
{
  return thr_day_weekday (day) >= 6;
}

/* Weekdays only: see the comment at the top of thr-demo.c. */
static inline guint32
add_business_days (guint32 day,
                   int     n)
{
  while (n > 0)
    {
      day++;
      if (!is_weekend (day))
        n--;
    }
  return day;
}

static inline guint32
next_business_day (guint32 day)
{
  while (is_weekend (day))
    day++;
  return day;
}

static inline guint32
sunday_on_or_before (guint32 day)
{
  return day - (guint32) (thr_day_weekday (day) % 7);
}

/* US daylight saving time starts on the second Sunday of March at 02:00;
 * that local hour does not exist, so no timestamp may fall in it. */
static inline gboolean
is_dst_start (guint32 day)
{
  int y, m, d;

  thr_day_to_ymd (day, &y, &m, &d);
  return m == 3 && d >= 8 && d <= 14 && thr_day_weekday (day) == 7;
}

/* "YYYY-MM-DD" for every day the files can mention, formatted once: dates
 * are written millions of times and GDate conversions would dominate. */
typedef struct {
  guint32  first;
  guint32  n;
  char    *text;
} DateTable;

static inline void
date_table_init (DateTable *table,
                 guint32    first,
                 guint32    last)
{
  table->first = first;
  table->n = last - first + 1;
  /* One byte more for the NUL that g_snprintf writes after the last date. */
  table->text = g_malloc ((gsize) table->n * 10 + 1);
  for (guint32 i = 0; i < table->n; i++)
    {
      int y, m, d;

      thr_day_to_ymd (first + i, &y, &m, &d);
      g_snprintf (table->text + (gsize) i * 10 , 11, "%04d-%02d-%02d", y, m, d);
    }
}

static inline void
date_table_clear (DateTable *table)
{
  g_clear_pointer (&table->text, g_free);
}

/* ------------------------------------------------------------------ */
/* Hand formatting into a line buffer                                  */
/* ------------------------------------------------------------------ */

static inline char *
put_str (char       *p,
         const char *s)
{
  size_t n;

  if (s == NULL)
    return p;
  n = strlen (s);
  memcpy (p, s, n);
  return p + n;
}

static inline char *
put_uint (char    *p,
          guint64  v,
          int      width)
{
  char tmp[24];
  int n = 0;

  do
    {
      tmp[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  while (n < width)
    tmp[n++] = '0';
  while (n > 0)
    *p++ = tmp[--n];
  return p;
}

/* Record ids are unique across seeds, as a task system's are across its
 * extracts: another seed makes other records, never the same ones again
 * (the importer refuses an id it already holds).  The default seed's ids
 * stay as they always were. */
static inline char *
put_seed_tag (char    *p,
              guint64  seed)
{
  if (seed == THR_DEMO_DEFAULT_SEED)
    return p;
  p = put_uint (p, seed, 1);
  *p++ = '-';
  return p;
}

static inline char *
put_date (char            *p,
          const DateTable *table,
          guint32          day)
{
  int y, m, d;

  if (day >= table->first && day - table->first < table->n)
    {
      memcpy (p, table->text + (gsize) (day - table->first) * 10, 10);
      return p + 10;
    }
  thr_day_to_ymd (day, &y, &m, &d);
  p = put_uint (p, (guint64) y, 4);
  *p++ = '-';
  p = put_uint (p, (guint64) m, 2);
  *p++ = '-';
  return put_uint (p, (guint64) d, 2);
}

static inline char *
put_datetime (char            *p,
              const DateTable *table,
              gint64           at)
{
  int secs = (int) (at % DAY_SECONDS);

  p = put_date (p, table, (guint32) (at / DAY_SECONDS));
  *p++ = ' ';
  p = put_uint (p, (guint64) (secs / 3600), 2);
  *p++ = ':';
  p = put_uint (p, (guint64) (secs / 60 % 60), 2);
  *p++ = ':';
  return put_uint (p, (guint64) (secs % 60), 2);
}

static inline char *
put_cents (char   *p,
           gint64  cents)
{
  p = put_uint (p, (guint64) (cents / 100), 1);
  *p++ = '.';
  return put_uint (p, (guint64) (cents % 100), 2);
}

static inline char *
put_double (char       *p,
            const char *format,
            double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return put_str (p, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static inline char *
put_month_label (char *p,
                 int   key)
{
  p = put_uint (p, (guint64) month_key_year (key), 4);
  *p++ = '-';
  return put_uint (p, (guint64) month_key_month (key), 2);
}

/* ------------------------------------------------------------------ */
/* Output files                                                        */
/* ------------------------------------------------------------------ */

typedef struct {
  FILE *fp;
  char *path;
  char *buffer;
} DemoFile;

gboolean demo_file_open       (DemoFile    *file,
                               const char  *directory,
                               const char  *name,
                               const char  *header,
                               GError     **error);
gboolean demo_file_close      (DemoFile    *file,
                               GError     **error);
void     demo_file_clear      (DemoFile    *file);

/* A line formatted into a buffer, from line to end (exclusive). */
static inline void
demo_file_put_line (DemoFile   *file,
                    const char *line,
                    char       *end)
{
  *end++ = '\n';
  fwrite (line, 1, (size_t) (end - line), file->fp);
}

/* ------------------------------------------------------------------ */
/* The D2 metrics and how the contractor reports each                  */
/* ------------------------------------------------------------------ */

typedef enum {
  SOURCE_TASKS,            /* numerator/denominator counted from task records */
  SOURCE_ACCURACY,         /* value, percent, "will exceed 95 %" */
  SOURCE_ASA,              /* value, seconds */
  SOURCE_SERVICE_LEVEL,    /* value, percent */
  SOURCE_ABANDONMENT,      /* value, percent, monthly */
  SOURCE_WEEKLY_ABANDON,   /* value, percent, one row per week */
  SOURCE_QUARTER_DOLLARS,  /* value, dollars, in the quarter's last month */
  SOURCE_TURNOVER,         /* separations / average headcount, in December */
  SOURCE_ABSENTEEISM,      /* absent hours / scheduled hours */
  SOURCE_EXAM_PASS,        /* passed / participants */
  SOURCE_TWO_ATTEMPTS,     /* passed within two attempts / participants */
  SOURCE_NEW_HIRE,         /* completed / started, in December */
} MetricSource;

typedef struct {
  const char   *id;
  MetricSource  source;
  double        target;    /* percent for tasks; dollars for baselines */
} DemoMetric;

#define N_METRICS 51

extern const DemoMetric demo_metrics[N_METRICS];

int      demo_metric_index    (const char *id);

/* ------------------------------------------------------------------ */
/* The scenario                                                        */
/* ------------------------------------------------------------------ */

typedef enum {
  PLAN_MET = 0,        /* the default for every metric and month */
  PLAN_MISSED,         /* realised in the raw records (or the reported value) */
  PLAN_NO_DATA,        /* the contractor's report has no row */
  PLAN_OVERREPORTED,   /* records miss, the contractor reports a pass */
} PlanOutcome;

typedef struct {
  PlanOutcome outcome;
  double      value;
} PlanCell;

PlanCell *demo_plan_new       (int first_key,
                               int n_months);

/* ------------------------------------------------------------------ */
/* Task kinds                                                          */
/* ------------------------------------------------------------------ */

typedef enum {
  RULE_BUSINESS_DAYS,      /* N business days after receipt */
  RULE_CALENDAR_DAYS,      /* N calendar days after receipt */
  RULE_CALENDAR_ROLL,      /* N calendar days, a weekend deadline rolls on */
  RULE_DUE,                /* on or before the due column */
  RULE_REDET_ON_TIME,      /* 4th business day before the due month's last day */
  RULE_REDET_LATE,         /* the 15th of the month after the due month */
  RULE_QUARTER_AFTER,      /* end of the quarter after the quarter received */
  RULE_MONTHS_AFTER_DUE,   /* N months after the end of the due month */
} DeadlineRule;

typedef enum {
  DUE_NONE,
  DUE_OPERATIONAL,         /* a date the state's operations set, 5–15 days on */
  DUE_NEXT_MONTH,          /* redetermination due next month */
  DUE_THIS_MONTH,          /* redetermination due this month */
  DUE_PAST_CLAIM_MONTH,    /* the last claim month, 1–10 months back */
} DueKind;

typedef struct {
  const char   *metric;
  DeadlineRule  rule;
  int           n;
} TaskCheck;

/* checks[0] is the tight deadline and checks[1], if any, the loose one of a
 * pair judged on the same records (2 and 5 business days, 33 and 42 days);
 * lateness is drawn against those two.  Further checks only reuse the
 * completion drawn for the pair. */
typedef struct {
  const char *type;
  const char *programs[3];
  const char *category;
  const char *status;       /* NULL: completed or open */
  guint       per_mille;    /* share of tasks; 0 takes the remainder */
  DueKind     due;
  int         typical_days; /* on-time work usually finishes within this */
  int         late_span;    /* late work lands this many days past deadline */
  double      tight_late;   /* ordinary share past the tight deadline */
  double      loose_late;   /* ordinary share past the loose deadline */
  TaskCheck   checks[MAX_CHECKS];
} TaskKind;

#define N_TASK_KINDS  27
#define DOCUMENT_KIND 2

extern const TaskKind demo_task_kinds[N_TASK_KINDS];

/* ------------------------------------------------------------------ */
/* Generator state                                                     */
/* ------------------------------------------------------------------ */

typedef struct {
  guint met;
  guint total;
} TaskTally;

typedef struct {
  guint64 offered;
  guint64 answered;
  guint64 answered_wait;
  guint64 answered_in_60;
  guint64 abandoned_long;
  guint64 abandoned_short;
} CallTally;

typedef struct {
  double p_abandon_long;
  double p_abandon_short;
  double p_flowout;
  double answer_mean;      /* mean wait of answered calls, seconds */
  double p_long_wait;      /* answered after a 400–1000 s wait */
} CallProfile;

/* Lateness is planned per kind and per month in which the tight deadline
 * falls, the period the state evaluates in, so its recomputation sees the
 * plan exactly.  Accumulators rather than coin flips make each month's late
 * share exact, so small samples still land on the planned side of the
 * target; they persist across receipt months because a deadline month
 * collects records received in several. */
typedef struct {
  gboolean ready;
  double   p_mild;
  double   p_severe;
  double   acc_mild;
  double   acc_severe;
} LateSlot;

typedef struct {
  const ThrDemoOptions *options;
  int        first_key;
  guint32    extract_day;      /* extracts are pulled on the 15th after the last month */
  guint32    first_sunday;     /* weeks are counted from here */
  guint      n_weeks;
  DateTable  dates;
  int        check_metric[N_TASK_KINDS][MAX_CHECKS];
  PlanCell  *plan;             /* n_months × N_METRICS */
  LateSlot  *late_slots;       /* N_TASK_KINDS × n_late_months */
  int        n_late_months;
  TaskTally *task_tally;       /* n_months × N_METRICS, by receipt month */
  CallTally *month_calls;      /* n_months */
  CallTally *week_calls;       /* n_weeks */
  DemoFile   tasks;
  DemoFile   calls;
} DemoGen;

static inline PlanCell *
plan_cell (DemoGen *gen,
           int      month_index,
           int      metric)
{
  return &gen->plan[(gsize) month_index * N_METRICS + (gsize) metric];
}

static inline gboolean
plan_says_records_miss (DemoGen *gen,
                        int      month_index,
                        int      metric)
{
  PlanOutcome outcome;

  if (metric < 0)
    return FALSE;
  outcome = plan_cell (gen, month_index, metric)->outcome;
  return outcome == PLAN_MISSED || outcome == PLAN_OVERREPORTED;
}

/* The month key of a day, read from the date table when it can be: this
 * runs for every task. */
static inline int
day_month_key (DemoGen *gen,
               guint32  day)
{
  const char *t;

  if (day < gen->dates.first || day - gen->dates.first >= gen->dates.n)
    return month_key_of_day (day);
  t = gen->dates.text + (gsize) (day - gen->dates.first) * 10;
  return ((t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0')) * 12
         + (t[5] - '0') * 10 + (t[6] - '0') - 1;
}

guint    demo_share_of        (guint64 n,
                               guint64 weight_before,
                               guint64 weight,
                               guint64 weight_total);
gboolean demo_generate_task_month (DemoGen       *gen,
                               int            month_index,
                               GCancellable  *cancellable,
                               GError       **error);
gboolean demo_generate_call_month (DemoGen       *gen,
                               int            month_index,
                               GCancellable  *cancellable,
                               GError       **error);
gboolean demo_write_metric_report (DemoGen     *gen,
                               const char  *directory,
                               GError     **error);
gboolean demo_write_invoices  (DemoGen     *gen,
                               const char  *directory,
                               GError     **error);

G_END_DECLS
