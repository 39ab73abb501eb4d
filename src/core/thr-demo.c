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

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "thr-demo.h"
#include "thr-period.h"
#include "thr-record.h"

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

static guint64
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
static void
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

static guint32
month_first_day (int key)
{
  return thr_day_from_ymd (month_key_year (key), month_key_month (key), 1);
}

static guint32
month_last_day (int key)
{
  return month_first_day (key + 1) - 1;
}

static int
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

/* Weekdays only: see the comment at the top of the file. */
static guint32
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

static guint32
next_business_day (guint32 day)
{
  while (is_weekend (day))
    day++;
  return day;
}

static guint32
sunday_on_or_before (guint32 day)
{
  return day - (guint32) (thr_day_weekday (day) % 7);
}

/* US daylight saving time starts on the second Sunday of March at 02:00;
 * that local hour does not exist, so no timestamp may fall in it. */
static gboolean
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

static void
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

static void
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

static char *
put_cents (char   *p,
           gint64  cents)
{
  p = put_uint (p, (guint64) (cents / 100), 1);
  *p++ = '.';
  return put_uint (p, (guint64) (cents % 100), 2);
}

static char *
put_double (char       *p,
            const char *format,
            double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return put_str (p, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static char *
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

static gboolean
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

static inline void
demo_file_put_line (DemoFile   *file,
                    const char *line,
                    char       *end)
{
  *end++ = '\n';
  fwrite (line, 1, (size_t) (end - line), file->fp);
}

/* Write errors are sticky in the FILE, so one check at the end suffices. */
static gboolean
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

static void
demo_file_clear (DemoFile *file)
{
  if (file->fp != NULL)
    fclose (file->fp);
  file->fp = NULL;
  g_clear_pointer (&file->buffer, g_free);
  g_clear_pointer (&file->path, g_free);
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

static const DemoMetric demo_metrics[] = {
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

#define N_METRICS G_N_ELEMENTS (demo_metrics)

static int
metric_index (const char *id)
{
  for (guint i = 0; i < N_METRICS; i++)
    if (strcmp (demo_metrics[i].id, id) == 0)
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

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

typedef struct {
  PlanOutcome outcome;
  double      value;
} PlanCell;

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
static PlanCell *
plan_new (int first_key,
          int n_months)
{
  PlanCell *cells = g_new0 (PlanCell, (gsize) n_months * N_METRICS);

  for (guint i = 0; i < G_N_ELEMENTS (scenario); i++)
    {
      int k = parse_month_key (scenario[i].month) - first_key;

      if (k < 0 || k >= n_months)
        continue;
      cells[(gsize) k * N_METRICS + metric_index (scenario[i].metric)] =
        (PlanCell) { scenario[i].outcome, scenario[i].value };
    }
  return cells;
}

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

#define BD(m, n)  { m, RULE_BUSINESS_DAYS, n }
#define CAL(m, n) { m, RULE_CALENDAR_DAYS, n }

static const TaskKind task_kinds[] = {
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

#define N_TASK_KINDS  G_N_ELEMENTS (task_kinds)
#define DOCUMENT_KIND 2

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

static gboolean
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
static int
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
  const TaskKind *kind = &task_kinds[k];
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
      guint n = (guint) (((guint64) total * task_kinds[k].per_mille + 500) / 1000);

      tm->remaining[k] = MAX (n, 2u);
      if (task_kinds[k].per_mille != 0)
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
  const TaskKind *kind = &task_kinds[k];
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
static guint
share_of (guint64 n,
          guint64 weight_before,
          guint64 weight,
          guint64 weight_total)
{
  return (guint) ((n * (weight_before + weight) + weight_total / 2) / weight_total
                  - (n * weight_before + weight_total / 2) / weight_total);
}

#define TASK_WEEKDAY_WEIGHT 100
#define TASK_WEEKEND_WEIGHT 4     /* weekend arrivals are documents only */

static gboolean
generate_task_month (DemoGen       *gen,
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
        weekend_total += share_of (total, weight_before, w, weight_total);
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
      guint n = share_of (total, weight_before, w, weight_total);

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

  if (plan_says_records_miss (gen, month_index, metric_index ("A.5.a")))
    profile.p_long_wait = 0.22;
  if (plan_says_records_miss (gen, month_index, metric_index ("A.5.b")))
    profile.answer_mean = MAX (profile.answer_mean, 58.0);
  if (plan_says_records_miss (gen, month_index, metric_index ("A.5.c")))
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

  if (!plan_says_records_miss (gen, month_index, metric_index ("A.5.d"))
      || plan_says_records_miss (gen, month_index, metric_index ("A.5.c")))
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
      guint nh = share_of (n, hour_before, w, hour_total);

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

static gboolean
generate_call_month (DemoGen       *gen,
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
      guint n = share_of (total, weight_before, w, weight_total);

      weight_before += w;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      emit_call_day (&cm, d, n, d == last);
    }
  return TRUE;
}

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
        default:
          report_value_metric (gen, file, &rng, month_index, (int) m, label);
          break;
        }
    }
}

static gboolean
write_metric_report (DemoGen     *gen,
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

static gboolean
write_invoices (DemoGen     *gen,
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

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

void
thr_demo_options_init (ThrDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (ThrDemoOptions) {
    .seed = 16102,
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
      gen->check_metric[k][i] = task_kinds[k].checks[i].metric != NULL
        ? metric_index (task_kinds[k].checks[i].metric) : -1;
  gen->plan = plan_new (gen->first_key, options->n_months);
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
    if (!generate_task_month (gen, i, cancellable, error)
        || !generate_call_month (gen, i, cancellable, error))
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
       && write_metric_report (&gen, directory, error)
       && write_invoices (&gen, directory, error);
  demo_gen_clear (&gen);
  return ok;
}
