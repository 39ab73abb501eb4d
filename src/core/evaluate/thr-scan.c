/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-scan.c — recomputing metrics from raw records
 *
 * docs/domain.md, "Within N days": a record is due N business or calendar
 * days after its start and belongs to the period of that deadline; done by
 * the deadline is met, overdue and still open is missed, and a record whose
 * deadline has not come is pending and left out.  docs/domain.md, "As of
 * a day": every figure is read as of today, a record dated after it not
 * there yet (row_as_of ()).
 *
 * Records are read in one range scan per (task type, date column), and each
 * row is offered to every metric that shares the scan and whose days hold
 * it, so a month of a million tasks is read about once whatever the number
 * of metrics, and many months' metrics can share one scan.
 * Filters are evaluated here in C on the row: nothing from a contract file
 * ever becomes SQL.
 */
#define G_LOG_DOMAIN "thr-scan"

#include <string.h>

#include "thr-scan-private.h"
#include "thr-evaluator.h"
#include "thr-store-scan.h"

/* A record as the store hands it over. */
typedef ThrStoreRow Row;

/* ---- filters ---- */

static gboolean
text_in (const char *value,
         GStrv       texts)
{
  for (guint i = 0; texts && texts[i]; i++)
    if (strcmp (value, texts[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
cmp_holds (const ThrFilter *f,
           const Row       *row)
{
  const ThrFieldInfo *info = thr_record_field_info (f->field);
  const char *text = row->text[f->field];
  gboolean numeric = info->type != THR_FIELD_TYPE_TEXT;
  gboolean present = numeric ? row->has_number[f->field] : text != NULL;
  double v = row->number[f->field];

  /* As in SQL, a comparison with a missing value does not hold. */
  if (f->cmp == THR_CMP_IS_NULL)
    return !present;
  if (f->cmp == THR_CMP_NOT_NULL)
    return present;
  if (!present)
    return FALSE;
  if (!numeric)
    switch (f->cmp)
      {
      case THR_CMP_EQ: return f->texts && f->texts[0] && strcmp (text, f->texts[0]) == 0;
      case THR_CMP_NE: return !(f->texts && f->texts[0] && strcmp (text, f->texts[0]) == 0);
      case THR_CMP_IN: return text_in (text, f->texts);
      case THR_CMP_NOT_IN: return !text_in (text, f->texts);
      case THR_CMP_GT:
      case THR_CMP_GE:
      case THR_CMP_LT:
      case THR_CMP_LE:
      case THR_CMP_IS_NULL:
      case THR_CMP_NOT_NULL:
      default: return FALSE;
      }
  switch (f->cmp)
    {
    case THR_CMP_EQ: return v == f->number;
    case THR_CMP_NE: return v != f->number;
    case THR_CMP_GT: return v > f->number;
    case THR_CMP_GE: return v >= f->number;
    case THR_CMP_LT: return v < f->number;
    case THR_CMP_LE: return v <= f->number;
    case THR_CMP_IN:
    case THR_CMP_NOT_IN:
    case THR_CMP_IS_NULL:
    case THR_CMP_NOT_NULL:
    default: return FALSE;
    }
}

/* A group's or a worker's figure counts only the records that name them. */
static gboolean
subject_holds (const ThrScanJob *job,
               const Row        *row)
{
  const char *text;

  if (job->subject_field == THR_FIELD_INVALID)
    return TRUE;
  text = row->text[job->subject_field];
  return text != NULL && strcmp (text, job->subject_value) == 0;
}

static gboolean
filter_holds (const ThrFilter *f,
              const Row       *row)
{
  if (f == NULL)
    return TRUE;
  switch (f->kind)
    {
    case THR_FILTER_ALL:
      for (guint i = 0; i < f->children->len; i++)
        if (!filter_holds (g_ptr_array_index (f->children, i), row))
          return FALSE;
      return TRUE;
    case THR_FILTER_ANY:
      for (guint i = 0; i < f->children->len; i++)
        if (filter_holds (g_ptr_array_index (f->children, i), row))
          return TRUE;
      return FALSE;
    case THR_FILTER_NOT:
      return !filter_holds (g_ptr_array_index (f->children, 0), row);
    case THR_FILTER_CMP:
    default:
      return cmp_holds (f, row);
    }
}

/* The task types a filter restricts to, so the scan can use the
 * (contract, type, day) index; NULL when it does not restrict the type. */
static GStrv
filter_types (const ThrFilter *f)
{
  if (f == NULL)
    return NULL;
  if (f->kind == THR_FILTER_CMP && f->field == THR_FIELD_TYPE
      && (f->cmp == THR_CMP_EQ || f->cmp == THR_CMP_IN))
    return g_strdupv (f->texts);
  if (f->kind == THR_FILTER_ALL)
    for (guint i = 0; i < f->children->len; i++)
      {
        GStrv types = filter_types (g_ptr_array_index (f->children, i));
        if (types)
          return types;
      }
  return NULL;
}

/* ---- deadlines ---- */

static guint32
align_anchor (ThrAlign align,
              guint32  day)
{
  ThrPeriod quarter;

  switch (align)
    {
    case THR_ALIGN_MONTH_END:
      return thr_day_month_end (day);
    case THR_ALIGN_QUARTER_END:
      thr_period_for_day (THR_PERIOD_QUARTER, day, &quarter);
      return quarter.last;
    case THR_ALIGN_NONE:
    default:
      return day;
    }
}

guint32
thr_scan_deadline (const ThrDeadline *deadline,
                      ThrCalendar       *calendar,
                      guint32            anchor)
{
  guint32 day = align_anchor (deadline->align, anchor);

  switch (deadline->unit)
    {
    case THR_DAYS_BUSINESS:
      /* A.2.i: "the 4th business day prior to the last calendar day" —
       * the business days before that day, whatever it is.  The calendar
       * counts back over (E, S], which from a Saturday already holds the
       * Friday (Saturday − 1 is Thursday), so count from the business day
       * the day falls on or rolls to. */
      if (deadline->n < 0)
        day = thr_calendar_next_business_day (calendar, day);
      day = thr_calendar_add_business_days (calendar, day, deadline->n);
      break;
    case THR_DAYS_MONTHS:
      /* From a month end, "+3 months" is the end of the third month on. */
      if (deadline->align != THR_ALIGN_NONE)
        day = thr_day_month_end (thr_day_add_months (day - 27, deadline->n));
      else
        day = thr_day_add_months (day, deadline->n);
      break;
    case THR_DAYS_CALENDAR:
    default:
      day += deadline->n;
      break;
    }
  /* A.2.a: "In the event the due date … falls on a non-business day, then
   * the due date becomes the next business day." */
  if (deadline->roll_forward)
    day = thr_calendar_next_business_day (calendar, day);
  return day;
}

/* Bounds of (deadline − anchor) in days, generous enough to hold every
 * weekend and holiday run, so the scan's range never misses a record. */
static void
deadline_span (const ThrDeadline *d,
               int               *lo,
               int               *hi)
{
  int align_hi = d->align == THR_ALIGN_MONTH_END ? 31 : d->align == THR_ALIGN_QUARTER_END ? 92 : 0;

  switch (d->unit)
    {
    case THR_DAYS_BUSINESS:
      *lo = d->n >= 0 ? d->n : d->n * 2 - 14;
      *hi = d->n >= 0 ? d->n * 2 + 14 : d->n;
      break;
    case THR_DAYS_MONTHS:
      *lo = d->n * 28 - 3;
      *hi = d->n * 31 + 3;
      break;
    case THR_DAYS_CALENDAR:
    default:
      *lo = *hi = d->n;
      break;
    }
  *hi += align_hi + (d->roll_forward ? 14 : 0);
}

/* ---- scans ---- */

/* Each job's days on the scan's column, so that a row is offered only to
 * the jobs whose period can hold it: with many months in one scan, a row
 * belongs to a few of its hundreds of jobs. */
typedef struct {
  guint32      first;         /* the first day indexed */
  guint32      n_days;
  guint       *start;         /* n_days + 1 offsets into jobs */
  ThrScanJob **jobs;          /* the jobs of each day, day after day */
} DayIndex;

typedef struct {
  ThrScanJob *job;
  guint32     first;
  guint32     last;
} JobDays;

static void
day_index_clear (DayIndex *index)
{
  g_clear_pointer (&index->start, g_free);
  g_clear_pointer (&index->jobs, g_free);
}

static gboolean offers_every_job (void);

/* The first and last day of @spans (JobDays); for the reference plan
 * (THR_SCAN_PLAN_RANGES) every span is widened to them, so that each row
 * goes to every job and the job's own checks place it. */
static void
span_bounds (GArray  *spans,
             guint32 *first,
             guint32 *last)
{
  *first = G_MAXUINT32;
  *last = 0;
  for (guint i = 0; i < spans->len; i++)
    {
      const JobDays *d = &g_array_index (spans, JobDays, i);
      *first = MIN (*first, d->first);
      *last = MAX (*last, d->last);
    }
  if (offers_every_job ())
    for (guint i = 0; i < spans->len; i++)
      {
        g_array_index (spans, JobDays, i).first = *first;
        g_array_index (spans, JobDays, i).last = *last;
      }
}

/* The index of @spans, each job under every day of its span. */
static void
day_index_build (DayIndex *index,
                 GArray   *spans)
{
  guint32 first, last;
  guint *fill;

  day_index_clear (index);
  span_bounds (spans, &first, &last);
  index->first = first;
  index->n_days = spans->len > 0 ? last - first + 1 : 0;
  index->start = g_new0 (guint, index->n_days + 1);
  for (guint i = 0; i < spans->len; i++)
    {
      const JobDays *d = &g_array_index (spans, JobDays, i);
      for (guint32 day = d->first; day <= d->last; day++)
        index->start[day - first + 1]++;
    }
  for (guint32 k = 0; k < index->n_days; k++)
    index->start[k + 1] += index->start[k];
  index->jobs = g_new (ThrScanJob *, index->start[index->n_days]);
  fill = g_memdup2 (index->start, sizeof (guint) * (index->n_days + 1));
  for (guint i = 0; i < spans->len; i++)
    {
      const JobDays *d = &g_array_index (spans, JobDays, i);
      for (guint32 day = d->first; day <= d->last; day++)
        index->jobs[fill[day - first]++] = d->job;
    }
  g_free (fill);
}

/* The jobs whose days hold @day, and how many (none outside the index). */
static inline ThrScanJob **
day_index_lookup (const DayIndex *index,
                  double          day,
                  guint          *n_jobs)
{
  guint32 k;

  if (day < index->first || day >= (double) index->first + index->n_days)
    {
      *n_jobs = 0;
      return NULL;
    }
  k = (guint32) day - index->first;
  *n_jobs = index->start[k + 1] - index->start[k];
  return index->jobs + index->start[k];
}

typedef struct {
  char            *type;       /* NULL: every type */
  ThrRecordField   anchor;     /* the column the scan ranges over */
  guint32          first;
  guint32          last;
  GPtrArray       *jobs;       /* ThrScanJob* */
  GArray          *spans;      /* JobDays: each job's days on the anchor */
  DayIndex         days;
  /* until[k]: the last day of the column that the jobs of steps 0 … k
   * need read (first − 1 when none of them reads it) */
  gint64          *until;
  /* read whole at the first step: a job that adds doubles takes its rows
   * from this scan and another (a mean over two types), and must have
   * each scan's rows in turn, as a run of one step gives them */
  gboolean         whole;
  gint64           n_rows;      /* in its range, when counted */
  gboolean         in_pass;     /* read by the pass over the table */
  /* the first day the pass reads for it: the days before, through its
   * index (a month's window, split_window_start ()) */
  guint32          pass_from;
  /* not in the pass, but handed by it its rows within the pass's ids,
   * the others read with those of the other such scans
   * (around_window (), run_scans_around ()) */
  gboolean         around_pass;
} Scan;

static void
scan_free (Scan *scan)
{
  g_free (scan->until);
  g_free (scan->type);
  g_ptr_array_unref (scan->jobs);
  g_array_unref (scan->spans);
  day_index_clear (&scan->days);
  g_free (scan);
}

/* The column a job's scan ranges over, and a range of it wide enough for
 * any calendar: deadline_span () bounds every weekend and holiday run. */
static ThrRecordField
job_anchor_bounds (const ThrScanJob *job,
                   guint32          *first,
                   guint32          *last)
{
  const ThrCompute *c = &job->metric->compute;
  int lo, hi;

  if (c->kind == THR_COMPUTE_WITHIN && c->date_field == THR_FIELD_INVALID)
    {
      deadline_span (&c->deadline, &lo, &hi);
      *first = job->first - hi;
      *last = job->last - lo;
      return c->deadline.anchor == THR_FIELD_DUE ? THR_FIELD_DUE : THR_FIELD_RECEIVED;
    }
  *first = job->first;
  *last = job->last;
  if (c->date_field == THR_FIELD_INVALID)
    return THR_FIELD_RECEIVED;
  return c->date_field;
}

/* A record placed by its deadline counts in the job's period only if that
 * deadline falls in it, so of the bounds above the scan reads just the
 * anchor days whose deadline does, under this calendar.  The bounds are
 * loose by design (A.3.h's "by the end of the third month after the
 * quarter" spans from 81 to 188 days), and every record in the slack is a
 * row fetched and then dropped: as a store ages, the slack fills with
 * older months' records.  Each anchor day of the bounds is tried (a few
 * hundred at most), so nothing is assumed of how deadlines move.  When no
 * anchor day has its deadline in the period (A.3.h in a month that ends
 * no quarter's third month), first > last: nothing to read. */
static ThrRecordField
job_anchor (const ThrScanJob *job,
            ThrCalendar      *calendar,
            guint32          *first,
            guint32          *last)
{
  const ThrCompute *c = &job->metric->compute;
  ThrRecordField anchor = job_anchor_bounds (job, first, last);
  guint32 lo = *first, hi = *last;

  if (c->kind != THR_COMPUTE_WITHIN || c->date_field != THR_FIELD_INVALID)
    return anchor;
  *first = 1;
  *last = 0;
  for (guint32 day = lo; day <= hi && day >= lo; day++)
    {
      guint32 deadline = thr_scan_deadline (&c->deadline, calendar, day);

      if (deadline < job->first || deadline > job->last)
        continue;
      if (*first > *last)
        *first = day;
      *last = day;
    }
  return anchor;
}

static void
add_to_scan (GPtrArray     *scans,
             const char    *type,
             ThrRecordField anchor,
             guint32        first,
             guint32        last,
             ThrScanJob *job)
{
  JobDays span = { job, first, last };

  for (guint i = 0; i < scans->len; i++)
    {
      Scan *s = g_ptr_array_index (scans, i);

      if (s->anchor == anchor && g_strcmp0 (s->type, type) == 0)
        {
          s->first = MIN (s->first, first);
          s->last = MAX (s->last, last);
          g_ptr_array_add (s->jobs, job);
          g_array_append_val (s->spans, span);
          return;
        }
    }
  {
    Scan *s = g_new0 (Scan, 1);
    s->type = g_strdup (type);
    s->anchor = anchor;
    s->first = first;
    s->last = last;
    s->pass_from = 0;
    s->jobs = g_ptr_array_new ();
    s->spans = g_array_new (FALSE, FALSE, sizeof (JobDays));
    g_ptr_array_add (s->jobs, job);
    g_array_append_val (s->spans, span);
    g_ptr_array_add (scans, s);
  }
}

static GPtrArray *
plan_task_scans (ThrScanJob  *jobs,
                 guint        n_jobs,
                 ThrCalendar *calendar)
{
  GPtrArray *scans = g_ptr_array_new_with_free_func ((GDestroyNotify) scan_free);

  for (guint j = 0; j < n_jobs; j++)
    {
      ThrScanJob *job = &jobs[j];
      g_auto(GStrv) types = NULL;
      guint32 first, last;
      ThrRecordField anchor;

      if (job->metric->compute.records != THR_RECORDS_TASKS)
        continue;
      anchor = job_anchor (job, calendar, &first, &last);
      if (first > last)
        continue;              /* no record can fall in its period */
      types = filter_types (job->metric->compute.filter);
      if (types == NULL)
        add_to_scan (scans, NULL, anchor, first, last, job);
      for (guint t = 0; types && types[t]; t++)
        add_to_scan (scans, types[t], anchor, first, last, job);
    }
  for (guint i = 0; i < scans->len; i++)
    {
      Scan *s = g_ptr_array_index (scans, i);
      day_index_build (&s->days, s->spans);
    }
  return scans;
}

/* As of today (--today, the preferences' day) a record dated after it
 * has not happened yet: a task received after today is not received and
 * a call offered after it not offered, so neither counts in any figure,
 * not even as pending; a completion after today has not happened, so the
 * task is still open.  A due day is a date set, not an event: it stays.
 * NULL for a record that does not exist yet; else @row, or @copy of it
 * without its completion when that is later.  Every tally reads its row
 * through this, so a figure never holds the future whatever it counts. */
static const Row *
row_as_of (const Row *row,
           guint32    today,
           Row       *copy)
{
  if (today == 0)
    return row;
  if ((row->has_number[THR_FIELD_RECEIVED] && (guint32) row->number[THR_FIELD_RECEIVED] > today)
      || (row->has_number[THR_FIELD_OFFERED_AT] && (guint32) row->number[THR_FIELD_OFFERED_AT] > today))
    return NULL;
  if (!row->has_number[THR_FIELD_COMPLETED] || (guint32) row->number[THR_FIELD_COMPLETED] <= today)
    return row;
  *copy = *row;
  copy->has_number[THR_FIELD_COMPLETED] = FALSE;
  return copy;
}

static void
add_missed (ThrScanJob *job,
            const Row     *row,
            guint32        deadline,
            guint32        completed)
{
  ThrMissedRecord *record = g_new0 (ThrMissedRecord, 1);

  record->task_id = g_strdup (row->text[THR_FIELD_TASK_ID]);
  record->type = g_strdup (row->text[THR_FIELD_TYPE]);
  record->received = row->has_number[THR_FIELD_RECEIVED] ? (guint32) row->number[THR_FIELD_RECEIVED] : 0;
  record->deadline = deadline;
  record->completed = completed;
  g_ptr_array_add (job->missed, record);
}

static void
tally_within (ThrScanJob *job,
              ThrCalendar   *calendar,
              guint32        today,
              const Row     *row)
{
  const ThrCompute *c = &job->metric->compute;
  ThrRecordField end_field = c->end_field ? c->end_field : THR_FIELD_COMPLETED;
  ThrRecordField anchor = c->deadline.anchor ? c->deadline.anchor : THR_FIELD_RECEIVED;
  guint32 deadline, placed, completed;
  Row copy;

  /* A completion after today leaves the record open: missed if its
   * deadline has passed and pending if not, as the rule below reads an
   * open record; a record placed by its completion is in no period yet. */
  row = row_as_of (row, today, &copy);
  if (row == NULL || !row->has_number[anchor])
    return;
  deadline = thr_scan_deadline (&c->deadline, calendar, (guint32) row->number[anchor]);
  completed = row->has_number[end_field] ? (guint32) row->number[end_field] : 0;
  placed = c->date_field == THR_FIELD_INVALID ? deadline
           : c->date_field == end_field ? completed
           : row->has_number[c->date_field] ? (guint32) row->number[c->date_field] : 0;
  if (placed < job->first || placed > job->last || !filter_holds (c->filter, row) || !subject_holds (job, row))
    return;

  if (completed != 0)
    {
      job->denominator++;
      if (completed <= deadline)
        job->numerator++;
      else if (job->missed != NULL)
        add_missed (job, row, deadline, completed);
    }
  else if (deadline < today)
    {
      job->denominator++;      /* still open past its deadline: missed */
      if (job->missed != NULL)
        add_missed (job, row, deadline, 0);
    }
  else
    job->n_pending++;        /* deadline still ahead: excluded */
}

static void
tally_by_date (ThrScanJob *job,
               guint32     today,
               const Row  *row)
{
  const ThrCompute *c = &job->metric->compute;
  ThrRecordField date = c->date_field ? c->date_field : THR_FIELD_RECEIVED;
  guint32 placed;
  Row copy;

  row = row_as_of (row, today, &copy);
  if (row == NULL || !row->has_number[date])
    return;
  placed = (guint32) row->number[date];
  if (placed < job->first || placed > job->last || !filter_holds (c->filter, row) || !subject_holds (job, row))
    return;

  switch (c->kind)
    {
    case THR_COMPUTE_SHARE:
      job->denominator++;
      if (filter_holds (c->match, row))
        job->numerator++;
      break;
    case THR_COMPUTE_MEAN:
    case THR_COMPUTE_SUM:
      if (row->has_number[c->value_field])
        {
          job->sum += row->number[c->value_field];
          job->n++;
        }
      break;
    case THR_COMPUTE_COUNT:
    case THR_COMPUTE_NONE:
    case THR_COMPUTE_WITHIN:
    case THR_COMPUTE_CALL_ABANDONMENT:
    case THR_COMPUTE_CALL_ASA:
    case THR_COMPUTE_CALL_SERVICE_LEVEL:
    default:
      job->n++;
      break;
    }
}

typedef struct {
  Scan        *scan;
  ThrCalendar *calendar;
  guint32      today;
  guint64      n_rows;      /* handed over by the store */
} TaskScan;

/* The rows the task scans have been handed in this process, for tests;
 * under a lock, as GLib has no 64-bit atomic add. */
static guint64 n_rows_read;
static GMutex n_rows_lock;

static void
count_rows_read (guint64 n)
{
  g_mutex_lock (&n_rows_lock);
  n_rows_read += n;
  g_mutex_unlock (&n_rows_lock);
}

/* Each row is offered to every metric that shares the scan and whose
 * days on the scan's column hold the row's: job_anchor () gives a job
 * every day a record it counts can have there, so the others would drop
 * it. */
static void
task_row_cb (const ThrStoreRow *row,
             gpointer           user_data)
{
  TaskScan *ts = user_data;
  ThrScanJob **jobs;
  guint n_jobs;

  ts->n_rows++;
  if (!row->has_number[ts->scan->anchor])
    return;
  jobs = day_index_lookup (&ts->scan->days, row->number[ts->scan->anchor], &n_jobs);
  for (guint j = 0; j < n_jobs; j++)
    {
      ThrScanJob *job = jobs[j];

      if (job->metric->compute.kind == THR_COMPUTE_WITHIN)
        tally_within (job, ts->calendar, ts->today, row);
      else
        tally_by_date (job, ts->today, row);
    }
}

/* The rows of the scan's days [first, last]: a range of its index is a
 * run of the whole range's order, so the jobs get their rows in the same
 * order whichever steps the range is read in. */
static gboolean
run_task_scan (ThrStore      *store,
               gint64         contract_id,
               ThrCalendar   *calendar,
               guint32        today,
               Scan          *scan,
               gint64         first,
               gint64         last,
               GCancellable  *cancellable,
               GError       **error)
{
  TaskScan ts = { scan, calendar, today, 0 };
  gboolean ok;

  if (first > last)
    return TRUE;
  ok = thr_store_scan_tasks (store, contract_id, scan->type, scan->anchor, (guint32) first, (guint32) last,
                             task_row_cb, &ts, cancellable, error);
  count_rows_read (ts.n_rows);
  return ok;
}

/* The scans a read offers each of its rows to, by the type of the rows
 * they take: those of a pass over the table, and those around it. */
typedef struct {
  GHashTable *by_type;      /* a task type → GPtrArray of its Scan*, borrowed */
  GPtrArray  *any_type;     /* Scan* of every type */
} ScansByType;

static void
scans_by_type_init (ScansByType *sets)
{
  sets->by_type = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  sets->any_type = g_ptr_array_new ();
}

static void
scans_by_type_add (ScansByType *sets,
                   Scan        *scan)
{
  GPtrArray *of_type;

  if (scan->type == NULL)
    {
      g_ptr_array_add (sets->any_type, scan);
      return;
    }
  of_type = g_hash_table_lookup (sets->by_type, scan->type);
  if (of_type == NULL)
    {
      of_type = g_ptr_array_new ();
      g_hash_table_insert (sets->by_type, scan->type, of_type);
    }
  g_ptr_array_add (of_type, scan);
}

static void
scans_by_type_clear (ScansByType *sets)
{
  g_clear_pointer (&sets->by_type, g_hash_table_unref);
  g_clear_pointer (&sets->any_type, g_ptr_array_unref);
}

/* Hands @row, with @read, to @offer for each scan of its type, then for
 * each scan of every type; @offer applies the read's own filter. */
static inline void
offer_to_scans (const ScansByType  *sets,
                const ThrStoreRow  *row,
                void              (*offer) (gpointer, Scan *, const ThrStoreRow *),
                gpointer            read)
{
  GPtrArray *of_type = g_hash_table_lookup (sets->by_type, row->text[THR_FIELD_TYPE]);

  for (guint i = 0; of_type != NULL && i < of_type->len; i++)
    offer (read, g_ptr_array_index (of_type, i), row);
  for (guint i = 0; i < sets->any_type->len; i++)
    offer (read, g_ptr_array_index (sets->any_type, i), row);
}

/* The scans left out of a month's window (around_window ()), their rows
 * outside the window read together, each row offered to the scans of its
 * type whose days hold it, as each one's own range would hand it: only
 * order-free scans are around a pass, so the order of their ids, not of
 * their days, gives the same figures. */
typedef struct {
  ScansByType  scans;
  ThrCalendar *calendar;
  guint32      today;
  guint64      n_rows;
} AroundRead;

static void
offer_around (gpointer           read,
              Scan              *scan,
              const ThrStoreRow *row)
{
  AroundRead *around = read;
  TaskScan ts = { scan, around->calendar, around->today, 0 };

  if (!row->has_number[scan->anchor] || row->number[scan->anchor] < scan->first
      || row->number[scan->anchor] > scan->last)
    return;
  task_row_cb (row, &ts);
}

static void
around_row_cb (const ThrStoreRow *row,
               gpointer           user_data)
{
  AroundRead *around = user_data;

  around->n_rows++;
  offer_to_scans (&around->scans, row, offer_around, around);
}

/* The rows of the scans around the pass (one step: each its days
 * [first, last]) with an id outside [skip_first_id, skip_last_id]. */
static gboolean
run_scans_around (ThrStore      *store,
                  gint64         contract_id,
                  ThrCalendar   *calendar,
                  guint32        today,
                  GPtrArray     *scans,
                  gint64         skip_first_id,
                  gint64         skip_last_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (ThrStoreTaskRange));
  AroundRead around = { { 0 }, calendar, today, 0 };
  gboolean ok;

  scans_by_type_init (&around.scans);
  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);
      ThrStoreTaskRange range = { scan->type, scan->anchor, scan->first, scan->last };

      if (!scan->around_pass || scan->first > scan->last)
        continue;
      g_array_append_val (ranges, range);
      scans_by_type_add (&around.scans, scan);
    }
  ok = thr_store_scan_ranges_around (store, contract_id, (const ThrStoreTaskRange *) (void *) ranges->data,
                                     ranges->len, skip_first_id, skip_last_id, around_row_cb, &around,
                                     cancellable, error);
  count_rows_read (around.n_rows);
  scans_by_type_clear (&around.scans);
  return ok;
}

static void
tally_call (ThrScanJob *job,
            const Row     *row,
            guint32        day,
            guint32        today)
{
  const ThrCompute *c = &job->metric->compute;
  double wait = row->number[THR_FIELD_WAIT_SECONDS];
  double short_limit = c->short_abandon_seconds;
  const char *outcome = row->text[THR_FIELD_OUTCOME];

  /* Not offered yet as of today (row_as_of ()). */
  if (today != 0 && day > today)
    return;
  if (day < job->first || day > job->last || !filter_holds (c->filter, row) || !subject_holds (job, row))
    return;
  job->offered++;
  if (outcome[0] == 'a' && outcome[1] == 'n')
    {
      job->answered++;
      job->wait_answered += wait;
      if (wait <= c->answer_seconds)
        job->answered_in_time++;
    }
  else if (outcome[0] == 'a')
    {
      /* D2 A.5.c: "Calls abandoned within the first 15 seconds … are
       * excluded from the above measurement." */
      if (wait > short_limit)
        job->abandoned_long++;
      else
        job->abandoned_short++;
    }
  else
    job->flowouts++;
}

static gboolean
is_call_formula (ThrComputeKind kind)
{
  return kind == THR_COMPUTE_CALL_ASA || kind == THR_COMPUTE_CALL_SERVICE_LEVEL ||
         kind == THR_COMPUTE_CALL_ABANDONMENT;
}

typedef struct {
  const DayIndex *days;
  guint32         today;
} CallScan;

/* Calls are placed by the day they were offered: a call goes to the jobs
 * whose period holds that day. */
static void
call_row_cb (const ThrStoreRow *row,
             gpointer           user_data)
{
  const CallScan *cs = user_data;
  guint32 day = (guint32) row->number[THR_FIELD_OFFERED_AT];
  ThrScanJob **jobs;
  guint n_jobs;

  jobs = day_index_lookup (cs->days, row->number[THR_FIELD_OFFERED_AT], &n_jobs);
  for (guint j = 0; j < n_jobs; j++)
    {
      /* The call centre's own formulas count outcomes; a mean, sum,
       * share or count over calls (the KPI page's handle time) is the
       * generic tally, over the offered day. */
      if (is_call_formula (jobs[j]->metric->compute.kind))
        tally_call (jobs[j], row, day, cs->today);
      else
        tally_by_date (jobs[j], cs->today, row);
    }
}

/* The calls' jobs, indexed by the day they place a call on. */
static void
plan_call_scan (ThrScanJob *jobs,
                guint       n_jobs,
                DayIndex   *days,
                GArray     *spans)
{
  for (guint j = 0; j < n_jobs; j++)
    if (jobs[j].metric->compute.records == THR_RECORDS_CALLS && jobs[j].first <= jobs[j].last)
      {
        JobDays span = { &jobs[j], jobs[j].first, jobs[j].last };
        g_array_append_val (spans, span);
      }
  if (spans->len > 0)
    day_index_build (days, spans);
}

static gboolean
run_call_scan (ThrStore       *store,
               gint64          contract_id,
               DayIndex       *days,
               guint32         today,
               gint64          first,
               gint64          last,
               GCancellable   *cancellable,
               GError        **error)
{
  CallScan cs = { days, today };

  if (first > last)
    return TRUE;
  return thr_store_scan_calls (store, contract_id, (guint32) first, (guint32) last,
                               call_row_cb, &cs, cancellable, error);
}

/* ---- one pass over the tasks ---- */

static gint scan_plan = THR_SCAN_PLAN_CHOOSE;   /* ThrScanPlan, atomic */
static guint n_one_passes;                       /* atomic */
static guint n_split_scans;                      /* atomic */
static guint n_rows_around;                      /* atomic */

void
thr_scan_set_plan (ThrScanPlan plan)
{
  g_atomic_int_set (&scan_plan, plan);
}

static gboolean
offers_every_job (void)
{
  return g_atomic_int_get (&scan_plan) == THR_SCAN_PLAN_RANGES;
}

guint
thr_scan_count_one_passes (void)
{
  return (guint) g_atomic_int_get (&n_one_passes);
}

guint
thr_scan_count_split_scans (void)
{
  return (guint) g_atomic_int_get (&n_split_scans);
}

guint
thr_scan_count_rows_around (void)
{
  return (guint) g_atomic_int_get (&n_rows_around);
}

guint64
thr_scan_count_rows_read (void)
{
  guint64 n;

  g_mutex_lock (&n_rows_lock);
  n = n_rows_read;
  g_mutex_unlock (&n_rows_lock);
  return n;
}

/* A job that only counts records (met or missed by a deadline, a share, a
 * count) comes to the same figure whatever the order of its rows.  A mean
 * or a sum adds doubles, whose last bits depend on the order (A.3.b's
 * retained dollars), and a list of missed records is given in the index's
 * order. */
static gboolean
job_is_order_free (const ThrScanJob *job)
{
  ThrComputeKind kind = job->metric->compute.kind;

  return job->missed == NULL
         && (kind == THR_COMPUTE_WITHIN || kind == THR_COMPUTE_SHARE || kind == THR_COMPUTE_COUNT);
}

/* A scan whose jobs are all order-free can be read in any order: those
 * whose jobs are not stay on their index. */
static gboolean
scan_is_order_free (const Scan *scan)
{
  for (guint j = 0; j < scan->jobs->len; j++)
    if (!job_is_order_free (g_ptr_array_index (scan->jobs, j)))
      return FALSE;
  return TRUE;
}

/* Each range scan reads its rows one index lookup at a time, and the rows
 * of one type lie on nearly every page of the table, so a month's dozens
 * of scans read each page dozens of times.  When the order-free scans
 * would between them look up as many rows as a quarter of the table holds
 * (a store of a few months, or a run of many months of a large store),
 * one pass in the table's order reads each page once and offers every row
 * to the scans it belongs to.  A quarter, not half: seventeen months of
 * the 36-month store, under half of it, took 58.5 s through their indexes
 * beside eighteen newer ones in one pass in 39.9 s, and 51.9 s against
 * 48.8 s with both in a pass.  Counting the ranges reads only the
 * indexes. */
#define PASS_SHARE 4

static gboolean
choose_one_pass (ThrStore      *store,
                 gint64         contract_id,
                 GPtrArray     *scans,
                 gboolean      *one_pass,
                 GError       **error)
{
  g_autoptr(GError) local = NULL;
  ThrScanPlan plan = g_atomic_int_get (&scan_plan);
  gint64 n_table = 0, n_ranges = 0;

  *one_pass = FALSE;
  if (plan == THR_SCAN_PLAN_RANGES)
    return TRUE;
  if (!thr_store_estimate_tasks (store, &n_table, &local))
    {
      if (local == NULL)
        return TRUE;          /* a team store: its server plans the scans */
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);
      gint64 n = 0;

      if (!scan_is_order_free (scan))
        continue;
      if (plan == THR_SCAN_PLAN_ONE_PASS)
        {
          *one_pass = TRUE;   /* for a test: whatever the ranges cover */
          return TRUE;
        }
      if (!thr_store_count_tasks (store, contract_id, scan->type, scan->anchor, scan->first, scan->last, &n, error))
        return FALSE;
      scan->n_rows = n;
      n_ranges += n;
      /* Enough: the ranges of many months' scans hold most of the table,
       * and counting the rest would read their indexes to no purpose. */
      if (n_ranges * PASS_SHARE >= n_table)
        break;
    }
  *one_pass = n_ranges > 0 && n_ranges * PASS_SHARE >= n_table;
  return TRUE;
}

static void
put_order_free_scans_in_pass (GPtrArray *scans)
{
  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);
      scan->in_pass = scan_is_order_free (scan);
    }
}

typedef struct {
  ScansByType  scans;
  ThrCalendar *calendar;
  guint32      today;
  guint64      n_rows;
  guint        n_rows_around;   /* handed to scans around the pass */
} OnePass;

/* What the scan's own range would have handed it: a row of its type
 * whose day on its column lies in [first, last], the jobs' days. */
static void
offer_row (gpointer           read,
           Scan              *scan,
           const ThrStoreRow *row)
{
  OnePass *pass = read;
  TaskScan ts = { scan, pass->calendar, pass->today, 0 };

  if (row->has_number[scan->anchor] && row->number[scan->anchor] < scan->pass_from)
    return;                     /* read through its index */
  if (scan->around_pass && row->has_number[scan->anchor] && row->number[scan->anchor] >= scan->first
      && row->number[scan->anchor] <= scan->last)
    pass->n_rows_around++;
  task_row_cb (row, &ts);
}

static void
one_pass_row_cb (const ThrStoreRow *row,
                 gpointer           user_data)
{
  OnePass *pass = user_data;

  pass->n_rows++;
  offer_to_scans (&pass->scans, row, offer_row, pass);
}

/* The pass's scans by the type of their rows. */
static void
one_pass_init (OnePass     *pass,
               GPtrArray   *scans,
               ThrCalendar *calendar,
               guint32      today)
{
  scans_by_type_init (&pass->scans);
  pass->calendar = calendar;
  pass->today = today;
  pass->n_rows = 0;
  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);

      if (scan->in_pass || scan->around_pass)
        scans_by_type_add (&pass->scans, scan);
    }
}

static void
one_pass_clear (OnePass *pass)
{
  scans_by_type_clear (&pass->scans);
}

/* The rows of the pass with an id in [first_id, last_id]. */
static gboolean
run_one_pass (ThrStore      *store,
              gint64         contract_id,
              OnePass       *pass,
              gint64         first_id,
              gint64         last_id,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean ok;

  if (first_id > last_id)
    return TRUE;
  pass->n_rows = 0;
  pass->n_rows_around = 0;
  ok = thr_store_scan_task_ids (store, contract_id, first_id, last_id, one_pass_row_cb, pass, cancellable, error);
  count_rows_read (pass->n_rows);
  g_atomic_int_add (&n_rows_around, pass->n_rows_around);
  return ok;
}

/* ---- steps ---- */

/* A run in steps: the jobs of step k have every row they count once the
 * scans have read, each on its own column, the days up to the last one a
 * job of steps 0 … k reads.  The history's months, each a step in the
 * order of their days, are so shown one after the other as the shared
 * scans go past them, not all when the scans end. */

static guint
job_step (const ThrScanJob *job,
          const ThrScanJob *jobs,
          const guint      *steps)
{
  return steps != NULL ? steps[job - jobs] : 0;
}

/* until[k] of the days @spans (JobDays) name from @first on. */
static gint64 *
steps_until (GArray           *spans,
             guint32           first,
             const ThrScanJob *jobs,
             const guint      *steps,
             guint             n_steps)
{
  gint64 *until = g_new (gint64, n_steps);

  for (guint k = 0; k < n_steps; k++)
    until[k] = (gint64) first - 1;
  for (guint i = 0; i < spans->len; i++)
    {
      const JobDays *d = &g_array_index (spans, JobDays, i);
      guint k = job_step (d->job, jobs, steps);

      until[k] = MAX (until[k], (gint64) d->last);
    }
  for (guint k = 1; k < n_steps; k++)
    until[k] = MAX (until[k], until[k - 1]);
  return until;
}

/* Marks the scans read whole: those of a job that is not order-free and
 * takes rows from more than one scan (a filter of several types). */
static void
mark_whole_scans (GPtrArray *scans)
{
  g_autoptr(GHashTable) n_scans = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);

      for (guint j = 0; j < scan->jobs->len; j++)
        {
          ThrScanJob *job = g_ptr_array_index (scan->jobs, j);

          if (!job_is_order_free (job))
            g_hash_table_insert (n_scans, job,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n_scans, job)) + 1));
        }
    }
  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);

      for (guint j = 0; j < scan->jobs->len && !scan->whole; j++)
        scan->whole = GPOINTER_TO_UINT (g_hash_table_lookup (n_scans, g_ptr_array_index (scan->jobs, j))) > 1;
    }
}

/* The days of the scan read at step k: [*first, *last]. */
static void
step_days (const Scan *scan,
           guint       k,
           gint64     *first,
           gint64     *last)
{
  if (scan->whole)
    {
      *first = scan->first;
      *last = k == 0 ? (gint64) scan->last : (gint64) scan->first - 1;
      return;
    }
  *first = k == 0 ? (gint64) scan->first : scan->until[k - 1] + 1;
  *last = scan->until[k];
}

/* Longer ranges are not looked up day by day: the pass then reads the
 * whole table before its first step. */
#define MAX_BOUNDED_DAYS 4000

/* The smallest and largest id of the scan's rows of any of @types, day
 * by day (0 in max_ids[] for a day without rows); n_days entries each. */
static gboolean
scan_ids_by_day (ThrStore  *store,
                 gint64     contract_id,
                 Scan      *scan,
                 GStrv      types,
                 gint64    *min_ids,
                 gint64    *max_ids,
                 GError   **error)
{
  guint32 n_days = scan->last - scan->first + 1;
  g_autofree gint64 *type_min = g_new (gint64, n_days);
  g_autofree gint64 *type_max = g_new (gint64, n_days);

  for (guint32 d = 0; d < n_days; d++)
    {
      min_ids[d] = G_MAXINT64;
      max_ids[d] = 0;
    }
  for (guint t = 0; types[t] != NULL; t++)
    {
      if (!thr_store_task_ids_by_day (store, contract_id, types[t], scan->anchor, scan->first, scan->last,
                                      type_min, type_max, error))
        return FALSE;
      for (guint32 d = 0; d < n_days; d++)
        if (type_max[d] != 0)
          {
            min_ids[d] = MIN (min_ids[d], type_min[d]);
            max_ids[d] = MAX (max_ids[d], type_max[d]);
          }
    }
  return TRUE;
}

/* Adds to ends[] (and *start) the ids of the scan's rows, day by day. */
static gboolean
bound_scan_ids (ThrStore  *store,
                gint64     contract_id,
                Scan      *scan,
                GStrv      types,
                guint      n_steps,
                gint64    *start,
                gint64    *ends,
                GError   **error)
{
  guint32 n_days = scan->last - scan->first + 1;
  g_autofree gint64 *min_ids = g_new (gint64, n_days);
  g_autofree gint64 *up_to = g_new (gint64, n_days);   /* the largest id up to each day */

  if (!scan_ids_by_day (store, contract_id, scan, types, min_ids, up_to, error))
    return FALSE;
  for (guint32 d = 0; d < n_days; d++)
    if (up_to[d] != 0)
      *start = MIN (*start, min_ids[d]);
  for (guint32 d = 1; d < n_days; d++)
    up_to[d] = MAX (up_to[d], up_to[d - 1]);
  for (guint k = 0; k < n_steps; k++)
    if (scan->until[k] >= scan->first)
      ends[k] = MAX (ends[k], up_to[scan->until[k] - scan->first]);
  return TRUE;
}

/* Where the pass in the table's order starts and where each step's part
 * of it ends (ids): each pass scan's rows, of each of its types, looked up
 * at both ends of each of its days in the index.  A run of months reads
 * from the first row its months need to the last, not the whole table,
 * and a month is given its figures once the pass is past its last row.
 * One step reads the whole table, as it always did: a month alone needs
 * no ends. */
/* The task types a scan reads: its own (in @of_type), or for a scan of
 * every type the contract's, listed into @every_type the first time one
 * asks.  NULL when they cannot be listed. */
static char **
scan_types (ThrStore   *store,
            gint64      contract_id,
            Scan       *scan,
            char       *of_type[2],
            GStrv      *every_type,
            GError    **error)
{
  of_type[0] = scan->type;
  of_type[1] = NULL;
  if (scan->type != NULL)
    return of_type;
  if (*every_type == NULL)
    *every_type = thr_store_list_task_types (store, contract_id, error);
  return *every_type;
}

static gboolean
pass_bounds (ThrStore   *store,
             gint64      contract_id,
             GPtrArray  *scans,
             guint       n_steps,
             gint64     *start,
             gint64     *ends,
             GError    **error)
{
  g_auto(GStrv) every_type = NULL;
  gboolean bounded = n_steps > 1;

  *start = G_MAXINT64;
  for (guint k = 0; k < n_steps; k++)
    ends[k] = 0;
  for (guint i = 0; i < scans->len && bounded; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);
      char *of_type[2];
      char **types;

      if (!scan->in_pass)
        continue;
      bounded = scan->last - scan->first < MAX_BOUNDED_DAYS;
      if (!bounded)
        break;
      types = scan_types (store, contract_id, scan, of_type, &every_type, error);
      if (types == NULL || !bound_scan_ids (store, contract_id, scan, types, n_steps, start, ends, error))
        return FALSE;
    }
  if (bounded)
    {
      for (guint k = 1; k < n_steps; k++)
        ends[k] = MAX (ends[k], ends[k - 1]);
      return TRUE;
    }
  *start = G_MININT64;
  for (guint k = 0; k < n_steps; k++)
    ends[k] = G_MAXINT64;
  return TRUE;
}

/* The smallest and largest id of the scan's rows, of any of @types. */
static gboolean
scan_id_span (ThrStore  *store,
              gint64     contract_id,
              Scan      *scan,
              GStrv      types,
              gint64    *lo,
              gint64    *hi,
              GError   **error)
{
  guint32 n_days = scan->last - scan->first + 1;
  g_autofree gint64 *min_ids = g_new (gint64, n_days);
  g_autofree gint64 *max_ids = g_new (gint64, n_days);

  *lo = G_MAXINT64;
  *hi = 0;
  if (!scan_ids_by_day (store, contract_id, scan, types, min_ids, max_ids, error))
    return FALSE;
  for (guint32 d = 0; d < n_days; d++)
    if (max_ids[d] != 0)
      {
        *lo = MIN (*lo, min_ids[d]);
        *hi = MAX (*hi, max_ids[d]);
      }
  return TRUE;
}

/* The first day of @scan whose rows, and those of every later day, all
 * have an id from @start on: the pass from @start reads the scan from that
 * day, its index the days before.  @min_ids: its rows' smallest id each
 * day, G_MAXINT64 for a day without rows. */
static guint32
split_day (const Scan   *scan,
           const gint64 *min_ids,
           gint64        start)
{
  guint32 day = scan->first;

  for (guint32 d = 0; d <= scan->last - scan->first; d++)
    if (min_ids[d] < start)
      day = scan->first + d + 1;
  return day;
}

/* The rows of @scan before @day, from its count shared among its days
 * by the span of their ids (a day's rows of one type lie among the rows
 * imported with them, at the type's share of them). */
static double
rows_before (const Scan   *scan,
             const gint64 *min_ids,
             const gint64 *max_ids,
             guint32       day)
{
  double before = 0, all = 0;

  for (guint32 d = 0; d <= scan->last - scan->first; d++)
    if (max_ids[d] != 0)
      {
        all += max_ids[d] - min_ids[d] + 1;
        if (scan->first + d < day)
          before += max_ids[d] - min_ids[d] + 1;
      }
  return all > 0 ? scan->n_rows * before / all : 0;
}

/* A month's window starts at the first row of one of its scans, and the
 * days of the others from there on are read with it.  Month 37's started
 * at the changes received on 13 December, which A.2.a can count in
 * January ("processed and sent to the State within nineteen (19)
 * calendar days from the date of the receipt of the task … In the event
 * the due date … falls on a non-business day, then the due date becomes
 * the next business day": 1 January, a holiday, then 4 January), and
 * 607,000 of its 1,556,731 rows were December's, of which its scans
 * counted 272,000.  So the window may start later, at a day of one of its
 * scans: each scan then reads its days before there through its index,
 * and the pass the others, when PASS_SHARE times the rows so moved
 * (estimated from the scan's count, shared among its days by their ids)
 * is less than the rows the pass no longer reads.  Only order-free scans
 * are in a pass, so their rows may come in two parts; the pass drops a
 * row of a day before its scan's pass_from. */
static gboolean
split_window_start (ThrStore   *store,
                    gint64      contract_id,
                    GPtrArray  *scans,
                    gint64     *start,
                    GError    **error)
{
  g_autoptr(GPtrArray) in_pass = g_ptr_array_new ();
  g_autoptr(GPtrArray) mins = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) maxs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) every_type = NULL;
  gint64 best_gain = 0, best_start = *start;

  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);
      guint32 n_days = scan->last - scan->first + 1;
      gint64 *min_ids, *max_ids;
      char *of_type[2];
      char **types;

      if (!scan->in_pass)
        continue;
      min_ids = g_new (gint64, n_days);
      max_ids = g_new (gint64, n_days);
      g_ptr_array_add (mins, min_ids);
      g_ptr_array_add (maxs, max_ids);
      g_ptr_array_add (in_pass, scan);
      types = scan_types (store, contract_id, scan, of_type, &every_type, error);
      if (types == NULL || !scan_ids_by_day (store, contract_id, scan, types, min_ids, max_ids, error))
        return FALSE;
      for (guint32 d = 0; d < n_days; d++)
        if (min_ids[d] > *start && max_ids[d] != 0)
          g_array_append_val (candidates, min_ids[d]);
    }
  for (guint c = 0; c < candidates->len; c++)
    {
      gint64 from = g_array_index (candidates, gint64, c);
      double moved = 0, gain;

      for (guint i = 0; i < in_pass->len; i++)
        {
          Scan *scan = g_ptr_array_index (in_pass, i);
          const gint64 *min_ids = g_ptr_array_index (mins, i);

          moved += rows_before (scan, min_ids, g_ptr_array_index (maxs, i), split_day (scan, min_ids, from));
        }
      gain = (double) (from - *start) - moved * PASS_SHARE;
      if (gain > best_gain)
        {
          best_gain = gain;
          best_start = from;
        }
    }
  if (best_gain <= 0)
    return TRUE;
  for (guint i = 0; i < in_pass->len; i++)
    {
      Scan *scan = g_ptr_array_index (in_pass, i);

      scan->pass_from = split_day (scan, g_ptr_array_index (mins, i), best_start);
      if (scan->pass_from > scan->last)
        {
          scan->in_pass = FALSE;   /* all of it before the window */
          scan->pass_from = 0;
        }
      else if (scan->pass_from > scan->first)
        g_atomic_int_inc (&n_split_scans);
    }
  *start = best_start;
  return TRUE;
}

/* One month of a store of many months: its ranges hold a small part of
 * the table, so there is no pass over all of it, but most of them lie
 * among the rows that the month's own import wrote, whose pages each of
 * its dozens of index scans reads again (month 37 of the 36-month store
 * took 1.43× the processor time of month 2, which makes the pass).  A
 * row fetched through an index costs about what PASS_SHARE rows read in
 * order do, so the scans whose rows all lie in a window of ids are read
 * in one pass over it when that costs less: of the windows from one
 * scan's first row to another's last, the one where PASS_SHARE times the
 * rows of the scans inside it most exceeds its length.  The others
 * (A.3.k's records of fourteen months back) keep their index.  Each scan
 * is read whole one way or the other, and only order-free ones are in a
 * pass, so the figures are those of the ranges. */
static gboolean
choose_pass_window (ThrStore   *store,
                    gint64      contract_id,
                    GPtrArray  *scans,
                    gboolean   *one_pass,
                    gint64     *start,
                    gint64     *end,
                    GError    **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GArray) los = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) his = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) every_type = NULL;
  gint64 best_gain = 0;

  *one_pass = FALSE;
  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);
      char *of_type[2];
      char **types;
      gint64 lo, hi;

      if (!scan_is_order_free (scan) || scan->n_rows == 0 || scan->last - scan->first >= MAX_BOUNDED_DAYS)
        continue;
      types = scan_types (store, contract_id, scan, of_type, &every_type, error);
      if (types == NULL || !scan_id_span (store, contract_id, scan, types, &lo, &hi, error))
        return FALSE;
      if (hi == 0)
        continue;
      g_ptr_array_add (candidates, scan);
      g_array_append_val (los, lo);
      g_array_append_val (his, hi);
    }
  for (guint a = 0; a < candidates->len; a++)
    for (guint b = 0; b < candidates->len; b++)
      {
        gint64 lo = g_array_index (los, gint64, a), hi = g_array_index (his, gint64, b), covered = 0, gain;

        if (hi < lo)
          continue;
        for (guint i = 0; i < candidates->len; i++)
          if (g_array_index (los, gint64, i) >= lo && g_array_index (his, gint64, i) <= hi)
            covered += ((Scan *) g_ptr_array_index (candidates, i))->n_rows;
        gain = covered * PASS_SHARE - (hi - lo + 1);
        if (gain > best_gain)
          {
            best_gain = gain;
            *start = lo;
            *end = hi;
          }
      }
  for (guint i = 0; best_gain > 0 && i < candidates->len; i++)
    if (g_array_index (los, gint64, i) >= *start && g_array_index (his, gint64, i) <= *end)
      ((Scan *) g_ptr_array_index (candidates, i))->in_pass = TRUE;
  *one_pass = best_gain > 0;
  return !*one_pass || split_window_start (store, contract_id, scans, start, error);
}

/* The order-free scans left out of a month's window still have rows in
 * it, which the pass reads anyway: month 37's redeterminations, due on
 * the last days of December and January, lie across 3,000,000 ids, and
 * 43,000 of their 120,000 rows in the window's 1,428,081.  So the pass
 * hands each such scan its rows within the window, and its index gives
 * the ids of the others, leaving out the rest in the index before any
 * record is read; those of every such scan are then read together in
 * the order of their ids (run_scans_around ()).  Each row is still read
 * once, and the scan order-free, so the figures are those of the ranges. */
static void
around_window (GPtrArray *scans)
{
  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);

      scan->around_pass = !scan->in_pass && scan_is_order_free (scan);
    }
}

/* A run of months' pass starts at the first row any of its scans needs:
 * A.3.k's referrals of fourteen months back made the newer half of the
 * 36-month store's history read fourteen more months of the table, for
 * a few thousand rows a month.  The scan whose rows begin before all the
 * others' leaves the pass for its index when that spares the pass more
 * than PASS_SHARE rows for each of its own, and so on while it does. */
static gboolean
trim_pass_start (ThrStore   *store,
                 gint64      contract_id,
                 GPtrArray  *scans,
                 GError    **error)
{
  g_autoptr(GPtrArray) in_pass = g_ptr_array_new ();
  g_autoptr(GArray) los = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) every_type = NULL;

  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);
      char *of_type[2];
      char **types;
      gint64 lo, hi;

      if (!scan->in_pass)
        continue;
      if (scan->last - scan->first >= MAX_BOUNDED_DAYS)
        return TRUE;            /* the pass reads the whole table anyway */
      types = scan_types (store, contract_id, scan, of_type, &every_type, error);
      if (types == NULL || !scan_id_span (store, contract_id, scan, types, &lo, &hi, error))
        return FALSE;
      if (hi == 0)
        continue;
      g_ptr_array_add (in_pass, scan);
      g_array_append_val (los, lo);
    }
  while (in_pass->len > 1)
    {
      guint first = 0, second = G_MAXUINT;
      Scan *scan;

      for (guint i = 1; i < in_pass->len; i++)
        if (g_array_index (los, gint64, i) < g_array_index (los, gint64, first))
          first = i;
      for (guint i = 0; i < in_pass->len; i++)
        if (i != first && (second == G_MAXUINT || g_array_index (los, gint64, i) < g_array_index (los, gint64, second)))
          second = i;
      scan = g_ptr_array_index (in_pass, first);
      if (scan->n_rows == 0
          && !thr_store_count_tasks (store, contract_id, scan->type, scan->anchor, scan->first, scan->last,
                                     &scan->n_rows, error))
        return FALSE;
      if (g_array_index (los, gint64, second) - g_array_index (los, gint64, first) <= scan->n_rows * PASS_SHARE)
        break;
      scan->in_pass = FALSE;
      g_ptr_array_remove_index (in_pass, first);
      g_array_remove_index (los, first);
    }
  return TRUE;
}

/* A run of months (many steps): the pass it would make is bounded first
 * (trim_pass_start (), pass_bounds ()), and it is made when the counting
 * scans' ranges hold a quarter of what it would read, not of the whole
 * table.  Counting to a quarter of the 36-month store took each run of
 * the history 0.9 s before its first month (load 5); a bounded pass is
 * about half the table for each, so counting stops half as soon. */
static gboolean
choose_bounded_pass (ThrStore   *store,
                     gint64      contract_id,
                     GPtrArray  *scans,
                     guint       n_steps,
                     gboolean   *one_pass,
                     gint64     *start,
                     gint64     *ends,
                     GError    **error)
{
  gint64 length, covered = 0;

  *one_pass = FALSE;
  put_order_free_scans_in_pass (scans);
  if (!trim_pass_start (store, contract_id, scans, error)
      || !pass_bounds (store, contract_id, scans, n_steps, start, ends, error))
    return FALSE;
  if (*start == G_MININT64)
    {
      /* unbounded: the whole table */
      if (!thr_store_estimate_tasks (store, &length, error))
        return FALSE;
    }
  else
    length = *start <= ends[n_steps - 1] ? ends[n_steps - 1] - *start + 1 : 0;
  for (guint i = 0; length > 0 && i < scans->len && !*one_pass; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);

      if (!scan->in_pass)
        continue;
      if (scan->n_rows == 0
          && !thr_store_count_tasks (store, contract_id, scan->type, scan->anchor, scan->first, scan->last,
                                     &scan->n_rows, error))
        return FALSE;
      covered += scan->n_rows;
      *one_pass = covered * PASS_SHARE >= length;
    }
  if (!*one_pass)
    for (guint i = 0; i < scans->len; i++)
      ((Scan *) g_ptr_array_index (scans, i))->in_pass = FALSE;
  return TRUE;
}

gboolean
thr_scan_run (ThrStore       *store,
              gint64          contract_id,
              ThrCalendar    *calendar,
              guint32         today,
              ThrScanJob     *jobs,
              guint           n_jobs,
              GCancellable   *cancellable,
              GError        **error)
{
  return thr_scan_run_steps (store, contract_id, calendar, today, jobs, n_jobs, NULL, 1, NULL, NULL,
                             cancellable, error);
}

gboolean
thr_scan_run_steps (ThrStore        *store,
                    gint64           contract_id,
                    ThrCalendar     *calendar,
                    guint32          today,
                    ThrScanJob      *jobs,
                    guint            n_jobs,
                    const guint     *steps,
                    guint            n_steps,
                    ThrScanStepFunc  step_done,
                    gpointer         user_data,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(GPtrArray) scans = plan_task_scans (jobs, n_jobs, calendar);
  g_autoptr(GArray) call_spans = g_array_new (FALSE, FALSE, sizeof (JobDays));
  g_autofree gint64 *call_until = NULL;
  g_autofree gint64 *pass_ends = g_new (gint64, n_steps);
  DayIndex call_days = { 0 };
  OnePass pass = { 0 };
  gboolean one_pass = FALSE, ok = TRUE;
  gint64 pass_start = G_MININT64;

  g_return_val_if_fail (n_steps > 0, FALSE);

  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = g_ptr_array_index (scans, i);
      scan->until = steps_until (scan->spans, scan->first, jobs, steps, n_steps);
    }
  mark_whole_scans (scans);
  plan_call_scan (jobs, n_jobs, &call_days, call_spans);
  call_until = steps_until (call_spans, call_days.first, jobs, steps, n_steps);

  if (n_steps > 1 && g_atomic_int_get (&scan_plan) == THR_SCAN_PLAN_CHOOSE
      && thr_store_scan_keeps_index_order (store))
    ok = choose_bounded_pass (store, contract_id, scans, n_steps, &one_pass, &pass_start, pass_ends, error);
  else if (!choose_one_pass (store, contract_id, scans, &one_pass, error))
    ok = FALSE;
  else if (one_pass)
    {
      put_order_free_scans_in_pass (scans);
      ok = pass_bounds (store, contract_id, scans, n_steps, &pass_start, pass_ends, error);
    }
  else if (ok && n_steps == 1 && g_atomic_int_get (&scan_plan) == THR_SCAN_PLAN_CHOOSE
           && thr_store_scan_keeps_index_order (store))
    {
      ok = choose_pass_window (store, contract_id, scans, &one_pass, &pass_start, &pass_ends[0], error);
      if (ok && one_pass)
        around_window (scans);
    }
  if (ok && one_pass)
    {
      g_atomic_int_inc (&n_one_passes);
      one_pass_init (&pass, scans, calendar, today);
    }
  for (guint k = 0; ok && k < n_steps; k++)
    {
      if (one_pass)
        ok = run_one_pass (store, contract_id, &pass, k == 0 ? pass_start : pass_ends[k - 1] + 1, pass_ends[k],
                           cancellable, error);
      for (guint i = 0; ok && i < scans->len; i++)
        {
          Scan *scan = g_ptr_array_index (scans, i);
          gint64 first, last;

          if (scan->in_pass && scan->pass_from > scan->first && k == 0)
            ok = run_task_scan (store, contract_id, calendar, today, scan, scan->first,
                                (gint64) scan->pass_from - 1, cancellable, error);
          if (scan->in_pass)
            continue;             /* counted in the pass (from pass_from on) */
          if (scan->around_pass)
            continue;             /* with the others around the pass, below */
          step_days (scan, k, &first, &last);
          ok = run_task_scan (store, contract_id, calendar, today, scan, first, last, cancellable, error);
        }
      /* Only a month alone has scans around its pass: one step. */
      if (ok && one_pass && n_steps == 1)
        ok = run_scans_around (store, contract_id, calendar, today, scans, pass_start, pass_ends[0], cancellable,
                               error);
      if (ok && call_spans->len > 0)
        ok = run_call_scan (store, contract_id, &call_days, today,
                            k == 0 ? call_days.first : call_until[k - 1] + 1, call_until[k], cancellable, error);
      if (ok && step_done != NULL)
        step_done (k, user_data);
    }
  one_pass_clear (&pass);
  day_index_clear (&call_days);
  return ok;
}

static void
set_ratio (ThrFigure *out,
           double     numerator,
           double     denominator,
           double     scale)
{
  out->has_ratio = TRUE;
  out->numerator = numerator;
  out->denominator = denominator;
  out->present = denominator > 0;
  out->value = out->present ? numerator / denominator * scale : 0;
}

void
thr_scan_job_figure (const ThrScanJob *job,
                        ThrFigure           *out)
{
  memset (out, 0, sizeof *out);
  out->n_pending = job->n_pending;

  switch (job->metric->compute.kind)
    {
    case THR_COMPUTE_WITHIN:
    case THR_COMPUTE_SHARE:
      set_ratio (out, job->numerator, job->denominator, 100.0);
      break;
    case THR_COMPUTE_MEAN:
      set_ratio (out, job->sum, job->n, 1.0);
      break;
    case THR_COMPUTE_SUM:
      out->present = job->n > 0;
      out->value = job->sum;
      break;
    case THR_COMPUTE_COUNT:
      out->present = TRUE;
      out->value = job->n;
      break;
    case THR_COMPUTE_CALL_ASA:
      set_ratio (out, job->wait_answered, job->answered, 1.0);
      break;
    case THR_COMPUTE_CALL_SERVICE_LEVEL:
      /* answered within 60 s / (answered + abandoned after S), and under
       * flowout_calls = offered the flow-outs too: A.5.b's "incoming
       * calls" that no live agent answered. */
      set_ratio (out, job->answered_in_time,
                 job->answered + job->abandoned_long + (job->metric->compute.flowouts_offered ? job->flowouts : 0),
                 100.0);
      break;
    case THR_COMPUTE_CALL_ABANDONMENT:
      /* abandoned after S / (offered − abandoned within S) */
      set_ratio (out, job->abandoned_long, job->offered - job->abandoned_short, 100.0);
      break;
    case THR_COMPUTE_NONE:
    default:
      break;
    }
}

void
thr_scan_job_reach (const ThrScanJob *job,
                    ThrCalendar      *calendar,
                    guint32          *first,
                    guint32          *last)
{
  job_anchor (job, calendar, first, last);
}

gboolean
thr_scan_job_calendar_reach (const ThrScanJob *job,
                             guint32          *first,
                             guint32          *last)
{
  const ThrCompute *c = &job->metric->compute;
  const ThrDeadline *d = &c->deadline;
  ThrRecordField anchor = d->anchor ? d->anchor : THR_FIELD_RECEIVED;
  int align_hi = d->align == THR_ALIGN_MONTH_END ? 31 : d->align == THR_ALIGN_QUARTER_END ? 92 : 0;
  guint32 anchor_first, anchor_last;
  int lo, hi;

  if (c->kind != THR_COMPUTE_WITHIN || (d->unit != THR_DAYS_BUSINESS && !d->roll_forward))
    return FALSE;
  /* The loose bounds, not this calendar's exact days: another calendar
   * can bring a deadline into the period from anywhere inside them. */
  if (c->date_field == THR_FIELD_INVALID)
    job_anchor_bounds (job, &anchor_first, &anchor_last);   /* placed by its deadline */
  else if (c->date_field == anchor)
    {
      anchor_first = job->first;
      anchor_last = job->last;
    }
  else
    {
      /* Placed by another day than the one its deadline is counted from:
       * that one can lie anywhere. */
      *first = 0;
      *last = G_MAXUINT32;
      return TRUE;
    }
  /* thr_scan_deadline () reads the days between the anchor moved to its
   * month or quarter end and the deadline (before it when n < 0), then
   * those it rolls over; a day more on each side for the ends. */
  deadline_span (d, &lo, &hi);
  *first = anchor_first - (guint32) (-MIN (0, lo)) - 1;
  *last = anchor_last + (guint32) MAX (0, hi) + (guint32) align_hi + 1;
  return TRUE;
}

/* The last deadline a record counted in the job's period can have: the
 * period's last day when records are placed by their deadline or by
 * their completion, a span after it when placed by the day the deadline
 * is counted from, and no bound when placed by another day. */
static guint32
latest_deadline (const ThrScanJob *job)
{
  const ThrCompute *c = &job->metric->compute;
  ThrRecordField anchor = c->deadline.anchor ? c->deadline.anchor : THR_FIELD_RECEIVED;
  int lo, hi;

  if (c->date_field == THR_FIELD_INVALID || c->date_field == c->end_field)
    return job->last;
  if (c->date_field != anchor)
    return G_MAXUINT32;
  deadline_span (&c->deadline, &lo, &hi);
  return job->last + (guint32) MAX (0, hi) + 1;
}

/* Whether @filter reads @field anywhere. */
static gboolean
filter_reads (const ThrFilter *f,
              ThrRecordField   field)
{
  if (f == NULL)
    return FALSE;
  if (f->kind == THR_FILTER_CMP)
    return f->field == field;
  for (guint i = 0; f->children && i < f->children->len; i++)
    if (filter_reads (g_ptr_array_index (f->children, i), field))
      return TRUE;
  return FALSE;
}

gboolean
thr_scan_job_reads_later_completions (const ThrScanJob *job)
{
  const ThrCompute *c = &job->metric->compute;
  ThrRecordField date = c->date_field ? c->date_field : THR_FIELD_RECEIVED;

  if (c->records != THR_RECORDS_TASKS || (c->kind != THR_COMPUTE_WITHIN && date == THR_FIELD_COMPLETED))
    return FALSE;
  return filter_reads (c->filter, THR_FIELD_COMPLETED) || filter_reads (c->match, THR_FIELD_COMPLETED)
         || (c->kind != THR_COMPUTE_WITHIN && c->value_field == THR_FIELD_COMPLETED);
}

/* The last day on which an event of a record the job counts (a task
 * received or completed, a call offered) can fall: row_as_of () reads
 * no later one, so from that day on the figure no longer depends on
 * today through its events.  G_MAXUINT32 when the job alone bounds none:
 * a record placed by its due day, or by a deadline counted from its due
 * day, can be received any day; a filter that reads the completion of a
 * record placed by its receipt reads any later day.  A "within" figure's
 * completions are latest_deadline ()'s: after every deadline a later
 * completion is late all the same. */
static guint32
latest_event (const ThrScanJob *job)
{
  const ThrCompute *c = &job->metric->compute;
  ThrRecordField anchor = c->deadline.anchor ? c->deadline.anchor : THR_FIELD_RECEIVED;
  ThrRecordField date = c->date_field;
  guint32 first, last;

  if (c->records == THR_RECORDS_CALLS)
    return job->last;           /* placed by the day offered, its one event */
  if (thr_scan_job_reads_later_completions (job))
    return G_MAXUINT32;
  if (c->kind != THR_COMPUTE_WITHIN && date == THR_FIELD_INVALID)
    date = THR_FIELD_RECEIVED;
  /* Received on or before its completion (the import refuses the
   * other way round). */
  if (date == THR_FIELD_RECEIVED || date == THR_FIELD_COMPLETED)
    return job->last;
  if (date == THR_FIELD_INVALID && anchor == THR_FIELD_RECEIVED)
    {
      job_anchor_bounds (job, &first, &last);
      return last;
    }
  return G_MAXUINT32;
}

/* A figure depends on today while a record it counts can have an event
 * after today (row_as_of ()), and a "within" figure also while one of
 * its records can be open with its deadline on or after today. */
guint32
thr_scan_job_today (const ThrScanJob *job,
                    guint32           today,
                    guint32           records_last)
{
  guint32 events = latest_event (job);

  if (events == G_MAXUINT32)
    events = records_last;
  if (today < events)
    return today;
  if (job->metric->compute.kind == THR_COMPUTE_WITHIN && today <= latest_deadline (job))
    return today;
  return 0;
}
