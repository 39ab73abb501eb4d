/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-evaluator.c — every metric of a contract for a month
 *
 * docs/domain.md, "Statuses": met, missed, pending (period not over), no
 * data (nothing imported).  A metric with no data is never taken as met.
 * Quarterly and annual metrics are judged in the last month of their
 * period; before then they show a period-to-date value, pending.
 * When both a reported and a recomputed figure exist, the one the contract
 * says governs decides the status; the other is kept beside it.
 */
#define G_LOG_DOMAIN "thr-evaluator"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "thr-closures.h"
#include "thr-scan-private.h"
#include "thr-evaluator.h"
#include "thr-store-kept.h"
#include "thr-store-scan.h"

/* Part of every kept figure's basis: raise it whenever a scan counts a
 * record differently, so that figures kept by an earlier build of the
 * same version are not read. */
#define SCAN_REVISION 3   /* 2: a completion after today is open as of today;
                                * 3: a record received or a call offered after today is not there */
/* The same for the metrics whose deadline counts business days back from a
 * day (A.2.i), so that a change of that count forgets only their figures:
 * 2 counts from a non-business day as from the business day it rolls to. */
#define BACKWARDS_REVISION 2

struct _ThrEvaluator
{
  GObject      parent_instance;
  ThrStore    *store;
  gint64       contract_id;
  ThrContract *contract;
  ThrCalendar *calendar;
  guint32      today;
  double       discrepancy_tolerance;
  gboolean     keep_figures;
  gboolean     explain;      /* write each result's explanation */
  char        *basis;        /* what every kept figure's basis starts from, made when first needed */
  GHashTable  *metric_bases; /* metric id → the basis and its metric's definition */
};

G_DEFINE_FINAL_TYPE (ThrEvaluator, thr_evaluator, G_TYPE_OBJECT)

static void
thr_evaluator_finalize (GObject *object)
{
  ThrEvaluator *self = THR_EVALUATOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->contract);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->basis, g_free);
  g_clear_pointer (&self->metric_bases, g_hash_table_unref);
  G_OBJECT_CLASS (thr_evaluator_parent_class)->finalize (object);
}

static void
thr_evaluator_class_init (ThrEvaluatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = thr_evaluator_finalize;
}

static void
thr_evaluator_init (ThrEvaluator *self)
{
  self->keep_figures = TRUE;
  self->explain = TRUE;
}

ThrEvaluator *
thr_evaluator_new (ThrStore    *store,
                   gint64       contract_id,
                   ThrContract *contract,
                   ThrCalendar *calendar)
{
  ThrEvaluator *self;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);
  g_return_val_if_fail (THR_IS_CONTRACT (contract), NULL);
  g_return_val_if_fail (THR_IS_CALENDAR (calendar), NULL);

  self = g_object_new (THR_TYPE_EVALUATOR, NULL);
  self->store = g_object_ref (store);
  self->contract_id = contract_id;
  self->contract = g_object_ref (contract);
  self->calendar = g_object_ref (calendar);
  self->today = thr_day_today_in (thr_contract_get_timezone (contract));
  self->discrepancy_tolerance = g_ascii_strtod (thr_contract_get_interpretation (contract, "discrepancy_tolerance"), NULL);
  return self;
}

ThrEvaluator *
thr_evaluator_new_for_store (ThrStore  *store,
                             gint64     contract_id,
                             GError   **error)
{
  g_autoptr(GBytes) definition = NULL;
  g_autoptr(ThrContract) contract = NULL;
  g_autoptr(ThrCalendar) calendar = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);

  definition = thr_store_get_definition (store, contract_id, error);
  if (definition == NULL)
    return NULL;
  name = g_strdup_printf ("contract %" G_GINT64_FORMAT " in %s", contract_id, thr_store_get_path (store));
  contract = thr_contract_new_from_bytes (definition, name, error);
  if (contract == NULL)
    return NULL;
  /* The store's closures count: a day the governor closed is no business
   * day for any deadline the evaluator works out. */
  calendar = thr_store_load_calendar (store, thr_contract_get_calendar (contract), error);
  if (calendar == NULL)
    return NULL;
  return thr_evaluator_new (store, contract_id, contract, calendar);
}

ThrContract *
thr_evaluator_get_contract (ThrEvaluator *self)
{
  g_return_val_if_fail (THR_IS_EVALUATOR (self), NULL);
  return self->contract;
}

ThrCalendar *
thr_evaluator_get_calendar (ThrEvaluator *self)
{
  g_return_val_if_fail (THR_IS_EVALUATOR (self), NULL);
  return self->calendar;
}

void
thr_evaluator_set_today (ThrEvaluator *self,
                         guint32       day)
{
  g_return_if_fail (THR_IS_EVALUATOR (self));
  self->today = day;
}

guint32
thr_evaluator_get_today (ThrEvaluator *self)
{
  g_return_val_if_fail (THR_IS_EVALUATOR (self), 0);
  return self->today;
}

void
thr_evaluator_set_keep_figures (ThrEvaluator *self,
                                gboolean      keep)
{
  g_return_if_fail (THR_IS_EVALUATOR (self));
  self->keep_figures = keep;
}

void
thr_evaluator_set_explain (ThrEvaluator *self,
                           gboolean      explain)
{
  g_return_if_fail (THR_IS_EVALUATOR (self));
  self->explain = explain;
}

/* ---- kept figures ---- */

/* A secret of this user's, part of every basis: a store mailed from
 * elsewhere may hold kept figures written by another program or by hand,
 * and the figures recomputed from records are the check on a vendor's
 * own, so only figures this user's Threshold kept are read back.  NULL
 * when it cannot be read or made: then nothing is kept. */
static const char *
user_secret (void)
{
  static gsize made_once;
  static char *secret;

  if (g_once_init_enter (&made_once))
    {
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "threshold", NULL);
      g_autofree char *path = g_build_filename (dir, "kept-figures.key", NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      char *value = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL) && strlen (g_strstrip (text)) >= 32)
        value = g_strdup (text);
      else
        {
          g_autofree char *made = g_strdup_printf ("%08x%08x%08x%08x%08x%08x%08x%08x",
                                                   g_random_int (), g_random_int (), g_random_int (),
                                                   g_random_int (), g_random_int (), g_random_int (),
                                                   g_random_int (), g_random_int ());

          if (g_mkdir_with_parents (dir, 0700) == 0
              && g_file_set_contents_full (path, made, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
            value = g_steal_pointer (&made);
          else
            g_debug ("figures are not kept: %s", error ? error->message : dir);
        }
      secret = value != NULL ? value : g_strdup ("");
      g_once_init_leave (&made_once, 1);
    }
  return *secret != '\0' ? secret : NULL;
}

/* What decides a recomputed figure besides the records and today is
 * kept beside it as its basis, so that a change forgets only the figures
 * it can change:
 *  - for every figure: this user's secret, the program's version and the
 *    scan's revision, the calendar's name, and every setting of the
 *    contract outside its metrics (components, readings, time zone…);
 *  - its metric's own definition, so that editing one metric leaves the
 *    others' figures kept;
 *  - the business days its scan can read (thr_scan_job_calendar_reach ()),
 *    the bundled holidays and the store's closures alike, so that a
 *    closure forgets only the figures whose deadlines it can move. */
static char *
metric_basis (const char      *head,
              const ThrMetric *loaded,
              const char      *text)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) head, -1);
  if (loaded != NULL && loaded->compute.kind == THR_COMPUTE_WITHIN && loaded->compute.deadline.n < 0)
    {
      g_autofree char *revision = g_strdup_printf (" backwards %d", BACKWARDS_REVISION);
      g_checksum_update (sum, (const guchar *) revision, -1);
    }
  g_checksum_update (sum, (const guchar *) text, -1);
  return g_strdup (g_checksum_get_string (sum));
}

/* The contract's settings go into the head; each metric's definition into
 * its own basis (the texts the contract wrote when it was read). */
static void
make_bases (ThrEvaluator *self)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *head = g_strdup_printf ("%s %d %s\n", PACKAGE_VERSION, SCAN_REVISION,
                                           thr_calendar_get_id (self->calendar));

  self->metric_bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_checksum_update (sum, (const guchar *) user_secret (), -1);
  g_checksum_update (sum, (const guchar *) head, -1);
  g_checksum_update (sum, (const guchar *) thr_contract_get_settings_text (self->contract), -1);
  self->basis = g_strdup (g_checksum_get_string (sum));
  for (guint i = 0; i < thr_contract_get_n_metrics (self->contract); i++)
    {
      const ThrMetric *metric = thr_contract_get_metric (self->contract, i);
      const char *text = thr_contract_get_metric_text (self->contract, metric->id);

      if (text != NULL)
        g_hash_table_replace (self->metric_bases, g_strdup (metric->id), metric_basis (self->basis, metric, text));
    }
}

/* The basis a figure of @job is kept on and read back with. */
static char *
job_basis (ThrEvaluator     *self,
           const ThrScanJob *job)
{
  const char *base;
  guint32 first, last;
  int span_first = thr_calendar_get_first_year (self->calendar) - 1;
  int span_last = thr_calendar_get_last_year (self->calendar) + 1;
  g_autoptr(GChecksum) sum = NULL;
  g_autoptr(GByteArray) days = NULL;
  g_autofree char *range = NULL;

  if (self->basis == NULL)
    make_bases (self);
  base = g_hash_table_lookup (self->metric_bases, job->metric->id);
  if (base == NULL)
    base = self->basis;
  if (!thr_scan_job_calendar_reach (job, &first, &last))
    return g_strdup (base);
  /* Unbounded, it is every day the calendar knows (the margin years hold
   * estimated holidays too). */
  first = MAX (first, thr_day_from_ymd (span_first, 1, 1));
  last = MIN (last, thr_day_from_ymd (span_last, 12, 31));
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  range = g_strdup_printf ("%s %u %u\n", base, first, last);
  g_checksum_update (sum, (const guchar *) range, -1);
  days = g_byte_array_sized_new (last >= first ? (last - first) / 8 + 1 : 1);
  for (guint32 day = first; day <= last; day += 8)
    {
      guint8 bits = 0;

      for (guint32 i = 0; i < 8 && day + i <= last; i++)
        if (thr_calendar_is_business_day (self->calendar, day + i))
          bits |= (guint8) (1u << i);
      g_byte_array_append (days, &bits, 1);
    }
  g_checksum_update (sum, days->data, days->len);
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
keeps_figures (ThrEvaluator *self)
{
  return self->keep_figures && user_secret () != NULL;
}

/* ---- reported figures ---- */

static char *
reported_key (const char *metric,
              const char *subject,
              const char *queue,
              const char *period)
{
  return g_strconcat (metric, "\x1f", subject ? subject : "", "\x1f", queue ? queue : "", "\x1f", period, NULL);
}

typedef struct {
  const char *label;
  GHashTable *figures;
  GHashTable *subjects;
} LoadReported;

static void
reported_cb (const ThrStoreReported *reported,
             gpointer                user_data)
{
  LoadReported *load = user_data;
  ThrFigure *f = g_new0 (ThrFigure, 1);

  f->present = TRUE;
  f->has_ratio = reported->has_ratio;
  f->numerator = reported->numerator;
  f->denominator = reported->denominator;
  f->value = reported->value;
  if (f->has_ratio && !reported->has_value)
    f->present = f->denominator > 0;
  g_hash_table_replace (load->figures,
                        reported_key (reported->metric, reported->subject, reported->queue, load->label), f);
  /* The subjects and queues the reports name, each as
   * "METRIC \x1f SUBJECT \x1f QUEUE". */
  if (*reported->subject || *reported->queue)
    g_hash_table_add (load->subjects,
                      g_strconcat (reported->metric, "\x1f", reported->subject, "\x1f", reported->queue, NULL));
}

/* Later imports override earlier ones: a new version of a report wins. */
static gboolean
load_reported (ThrEvaluator  *self,
               const char    *label,
               GHashTable    *figures,
               GHashTable    *subjects,
               GError       **error)
{
  LoadReported load = { label, figures, subjects };

  return thr_store_each_reported (self->store, self->contract_id, label, reported_cb, &load, error);
}

/* The reference published for @quarter_label, or with @latest the one of
 * the latest quarter up to it; a subject's own reference wins over the
 * statewide one. */
static gboolean
query_reference (ThrEvaluator *self,
                 const char   *key,
                 const char   *subject,
                 const char   *queue,
                 const char   *quarter_label,
                 gboolean      latest,
                 double       *out,
                 char        **period_out)
{
  return thr_store_find_reference (self->store, self->contract_id, key, subject, queue, quarter_label,
                                   latest, out, period_out, NULL);
}

/* The Quarterly Statewide Average of the quarter holding the month.  It is
 * published after the quarter, so the months of the running quarter have
 * none yet: reading missing_reference_quarter = latest_published uses the
 * latest one published before, and says which (r->reference_period). */
static gboolean
lookup_key (ThrEvaluator    *self,
            ThrResult       *r,
            const char      *key,
            const ThrPeriod *month,
            double          *out)
{
  g_autofree char *label = NULL;
  g_autofree char *found_period = NULL;
  ThrPeriod quarter;

  thr_period_enclosing (THR_PERIOD_QUARTER, month, &quarter);
  label = thr_period_format (&quarter);
  if (query_reference (self, key, r->subject, r->queue, label, FALSE, out, &found_period))
    return TRUE;
  if (!g_str_equal (thr_contract_get_interpretation (self->contract, "missing_reference_quarter"), "latest_published"))
    return FALSE;
  if (!query_reference (self, key, r->subject, r->queue, label, TRUE, out, &found_period))
    return FALSE;
  g_free (r->reference_period);
  r->reference_period = g_steal_pointer (&found_period);
  return TRUE;
}

static gboolean
lookup_reference (ThrEvaluator    *self,
                  ThrResult       *r,
                  const ThrPeriod *month)
{
  if (r->metric->reference == NULL)
    {
      r->reference = r->metric->reference_value;
      return TRUE;
    }
  return lookup_key (self, r, r->metric->reference, month, &r->reference);
}

/* A range published per queue: both bounds must be in. */
static gboolean
lookup_range (ThrEvaluator    *self,
              ThrResult       *r,
              const ThrPeriod *month)
{
  return lookup_key (self, r, r->metric->reference_low, month, &r->lower) &&
         lookup_key (self, r, r->metric->reference_high, month, &r->upper);
}

/* ---- judging ---- */

static void
normalize_reported (const ThrMetric *metric,
                    ThrFigure       *f)
{
  /* A reported ratio of a percentage metric is numerator/denominator × 100;
   * when the report gives both, the counts are what we trust. */
  if (f->present && f->has_ratio && f->denominator > 0)
    f->value = f->numerator / f->denominator * (metric->unit == THR_UNIT_PERCENT ? 100.0 : 1.0);
}

static const ThrFigure *
governing_figure (const ThrMetric *metric,
                  ThrResult       *r)
{
  gboolean computed_first = metric->governs == THR_SOURCE_COMPUTED;

  if (computed_first && r->computed.present)
    return r->source = THR_SOURCE_COMPUTED, &r->computed;
  if (r->reported.present)
    return r->source = THR_SOURCE_REPORTED, &r->reported;
  if (r->computed.present)
    return r->source = THR_SOURCE_COMPUTED, &r->computed;
  return NULL;
}

static char *
describe_threshold (const ThrMetric *metric,
                    const ThrResult *r)
{
  const char *u = thr_unit_get_suffix (metric->unit);

  switch (metric->op)
    {
    case THR_OP_BETWEEN:
      if (metric->reference_low != NULL && !r->has_reference)
        /* Translators: a threshold: unit */
        return g_strdup_printf (_("within a published range%s not imported"), u);
      /* Translators: a threshold: lower bound, upper bound, unit (" %", " s" or empty) */
      return g_strdup_printf (_("between %g and %g%s"), r->lower, r->upper, u);
    case THR_OP_WITHIN:
      return r->has_reference
        /* Translators: a threshold: tolerance, reference value (such as the Quarterly Statewide Average), unit */
        ? g_strdup_printf (_("within ±%g of %g%s"), metric->tolerance, r->reference, u)
        /* Translators: a threshold: tolerance, unit */
        : g_strdup_printf (_("within ±%g%s of a reference not imported"), metric->tolerance, u);
    case THR_OP_GE:
    case THR_OP_GT:
    case THR_OP_LE:
    case THR_OP_LT:
    default:
      return g_strdup_printf ("%s %g%s", thr_op_get_sign (metric->op), metric->target, u);
    }
}

static void
append_figure (GString         *text,
               const char      *what,
               const ThrMetric *metric,
               const ThrFigure *f)
{
  g_string_append_printf (text, "%s%s%.2f%s", what, *what ? " " : "", f->value, thr_unit_get_suffix (metric->unit));
  if (f->has_ratio)
    /* Translators: numerator and denominator of a figure */
    g_string_append_printf (text, _(" (%.0f of %.0f)"), f->numerator, f->denominator);
}

static const char *
period_over_text (ThrPeriodKind kind)
{
  switch (kind)
    {
    case THR_PERIOD_WEEK: return _("the week is not over: pending");
    case THR_PERIOD_MONTH: return _("the month is not over: pending");
    case THR_PERIOD_QUARTER: return _("the quarter is not over: pending");
    case THR_PERIOD_YEAR:
    default: return _("the year is not over: pending");
    }
}

static void
note_reading (ThrResult  *r,
              const char *key)
{
  for (guint i = 0; i < r->readings->len; i++)
    if (g_str_equal (g_ptr_array_index (r->readings, i), key))
      return;
  g_ptr_array_add (r->readings, g_strdup (key));
}

/* The readings of unclear text that decided the figure, each with the
 * contract file's note on it, so that the metric page, the CLI and the
 * monthly report all say how the figure was read. */
static void
collect_readings (ThrContract *contract,
                  ThrResult   *r)
{
  const ThrCompute *c = &r->metric->compute;

  r->readings = g_ptr_array_new_with_free_func (g_free);
  if (r->reference_period != NULL)
    note_reading (r, "missing_reference_quarter");
  if (r->reported.present && r->computed.present)
    note_reading (r, "source_governs");
  if (!r->computed.present)
    return;
  /* D2's "within N days" clauses do not say in which month a record
   * counts. */
  if (c->kind == THR_COMPUTE_WITHIN)
    note_reading (r, "record_period");
  if (c->kind == THR_COMPUTE_CALL_SERVICE_LEVEL || c->kind == THR_COMPUTE_CALL_ABANDONMENT)
    {
      note_reading (r, "short_abandon_seconds");
      note_reading (r, "flowout_calls");
    }
}

static void
explain_readings (ThrContract     *contract,
                  const ThrResult *r,
                  GString         *text)
{
  for (guint i = 0; i < r->readings->len; i++)
    {
      const char *key = g_ptr_array_index (r->readings, i);
      const char *notes = thr_contract_get_interpretation_notes (contract, key);

      if (notes != NULL && *notes != '\0')
        /* Translators: an interpretation's key, its value, then the contract file's note on it */
        g_string_append_printf (text, _(" Reading %s = %s: %s"), key,
                                thr_contract_get_interpretation (contract, key), notes);
      else
        g_string_append_printf (text, _(" Reading %s = %s."), key, thr_contract_get_interpretation (contract, key));
    }
}

static char *
explain (ThrContract     *contract,
         const ThrResult *r,
         const ThrPeriod *month)
{
  const ThrMetric *m = r->metric;
  g_autofree char *threshold = describe_threshold (m, r);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s %s%s%s", m->id, r->period_label,
                          /* Translators: between a period and the staff group or worker it is about */
                          *r->subject ? _(" for ") : "", r->subject);
  if (*r->queue)
    /* Translators: the queue a figure is for */
    g_string_append_printf (text, _(", queue %s"), r->queue);
  g_string_append (text, ": ");
  switch (r->status)
    {
    case THR_STATUS_NO_DATA:
      g_string_append_printf (text, _("no data imported; the threshold is %s. A metric without data is never counted as met."),
                              threshold);
      break;
    case THR_STATUS_PENDING:
      g_string_append (text, period_over_text (m->period));
      if (r->value.present)
        append_figure (text, _("; to date"), m, &r->value);
      /* Translators: %s is a threshold such as “>= 98 %” */
      g_string_append_printf (text, _(" against %s."), threshold);
      break;
    case THR_STATUS_MET:
    case THR_STATUS_MISSED:
    default:
      append_figure (text, "", m, &r->value);
      /* Translators: a threshold, then a status (met, missed) */
      g_string_append_printf (text, _(" against %s: %s."), threshold, thr_status_get_label (r->status));
      break;
    }
  if (r->reference_period != NULL)
    {
      g_autofree char *quarter = NULL;
      ThrPeriod q;

      thr_period_enclosing (THR_PERIOD_QUARTER, month, &q);
      quarter = thr_period_format (&q);
      /* Translators: the quarter of the month (2024-Q3), then the quarter whose average is used (2024-Q2) */
      g_string_append_printf (text, _(" No reference is published for %s yet: the latest published, %s's, is used."),
                              quarter, r->reference_period);
    }
  if (r->reported.present && r->computed.present)
    g_string_append_printf (text, r->source == THR_SOURCE_REPORTED
                            ? _(" Reported %.2f, recomputed from records %.2f (difference %+.2f); the reported figure governs.%s")
                            : _(" Reported %.2f, recomputed from records %.2f (difference %+.2f); the recomputed figure governs.%s"),
                            r->reported.value, r->computed.value, r->computed.value - r->reported.value,
                            r->discrepancy ? _(" Discrepancy: the reported figure cannot be reproduced from the records.") : "");
  else if (r->computed.present)
    g_string_append (text, _(" Recomputed from records; no reported figure."));
  if (r->computed.n_pending > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               " %u record with its deadline still ahead is pending and excluded.",
                                               " %u records with deadlines still ahead are pending and excluded.",
                                               r->computed.n_pending),
                            r->computed.n_pending);
  if (m->notes)
    /* Translators: the contract file's note on how a clause is read */
    g_string_append_printf (text, _(" Reading: %s"), m->notes);
  explain_readings (contract, r, text);
  return g_string_free (text, FALSE);
}

static void
raise_flags (ThrResult *r)
{
  const ThrMetric *m = r->metric;

  r->flags = g_ptr_array_new_with_free_func (g_free);
  if (m->flags == NULL || !r->value.present)
    return;
  for (guint i = 0; i < m->flags->len; i++)
    {
      const ThrFlag *flag = g_ptr_array_index (m->flags, i);

      if (thr_op_holds (flag->op, r->value.value, flag->target, flag->lower, flag->upper))
        g_ptr_array_add (r->flags, g_strdup (flag->label));
    }
}

static void
judge (ThrEvaluator    *self,
       ThrResult       *r,
       const ThrPeriod *month)
{
  const ThrMetric *m = r->metric;
  const ThrFigure *gov;
  double lower = m->lower, upper = m->upper;

  normalize_reported (m, &r->reported);
  gov = governing_figure (m, r);
  if (gov)
    r->value = *gov;

  r->lower = m->lower;
  r->upper = m->upper;
  if (m->op == THR_OP_WITHIN)
    {
      r->has_reference = lookup_reference (self, r, month);
      lower = r->reference - m->tolerance;
      upper = r->reference + m->tolerance;
    }
  else if (m->reference_low != NULL)
    {
      r->has_reference = lookup_range (self, r, month);
      lower = r->lower;
      upper = r->upper;
    }

  r->to_date = r->period.last > month->last;
  if (r->to_date || r->period.last >= self->today)
    r->status = THR_STATUS_PENDING;
  else if (gov == NULL || ((m->op == THR_OP_WITHIN || m->reference_low != NULL) && !r->has_reference))
    r->status = THR_STATUS_NO_DATA;
  else
    r->status = thr_op_holds (m->op, gov->value, m->target, lower, upper) ? THR_STATUS_MET : THR_STATUS_MISSED;

  r->discrepancy = r->reported.present && r->computed.present
                   && fabs (r->computed.value - r->reported.value) > self->discrepancy_tolerance + 1e-9;
  raise_flags (r);
  collect_readings (self->contract, r);
  if (self->explain)
    r->explanation = explain (self->contract, r, month);
}

static ThrResult *
new_result (const ThrMetric *metric,
            const char      *subject,
            const char      *queue,
            const ThrPeriod *period)
{
  ThrResult *r = g_new0 (ThrResult, 1);

  r->metric = metric;
  r->subject = g_strdup (subject ? subject : "");
  r->queue = g_strdup (queue ? queue : "");
  r->period = *period;
  r->period_label = thr_period_format (period);
  return r;
}

/* How far a week's value lies on the wrong side of its threshold: above
 * zero outside it.  For a band (within, between) the distance to the
 * nearer edge, so a week far below a band and one far above it are both
 * bad, and the week shown is the one outside it, not the lowest value. */
static double
excess (const ThrResult *w)
{
  const ThrMetric *m = w->metric;
  double v = w->value.value;

  switch (m->op)
    {
    case THR_OP_WITHIN:
      return w->has_reference ? fabs (v - w->reference) - m->tolerance : -G_MAXDOUBLE;
    case THR_OP_BETWEEN:
      return m->reference_low != NULL && !w->has_reference ? -G_MAXDOUBLE : MAX (w->lower - v, v - w->upper);
    case THR_OP_LE:
    case THR_OP_LT:
      return v - m->target;
    case THR_OP_GE:
    case THR_OP_GT:
    default:
      return m->target - v;
    }
}

static void
copy_worst_week (ThrResult       *r,
                 const ThrResult *worst)
{
  r->value = worst->value;
  r->reported = worst->reported;
  r->computed = worst->computed;
  r->source = worst->source;
  r->has_reference = worst->has_reference;
  r->reference = worst->reference;
  r->lower = worst->lower;
  r->upper = worst->upper;
  g_free (r->reference_period);
  r->reference_period = g_strdup (worst->reference_period);
}

/* The worst of a weekly metric's weeks (the furthest outside its
 * threshold, the first of equals; NULL when none has a value) and the
 * first missed (NULL when none is). */
static void
find_worst_and_missed_weeks (const ThrResult  *r,
                             const ThrResult **worst,
                             const ThrResult **missed)
{
  *worst = *missed = NULL;
  for (guint i = 0; i < r->parts->len; i++)
    {
      const ThrResult *w = g_ptr_array_index (r->parts, i);

      if (w->status == THR_STATUS_MISSED && *missed == NULL)
        *missed = w;
      if (w->value.present && (*worst == NULL || excess (w) > excess (*worst)))
        *worst = w;
    }
}

/* The month's explanation of a weekly metric. */
static char *
explain_weeks (const ThrResult *r)
{
  const ThrResult *worst, *missed;
  g_autofree char *shown = NULL;
  g_autofree char *already = NULL;

  find_worst_and_missed_weeks (r, &worst, &missed);
  /* Translators: the week (its Sunday, YYYY-MM-DD) whose value is shown for the month */
  shown = worst ? g_strdup_printf (_("; the value shown is the worst week's, the week of %s"), worst->period_label)
                : g_strdup ("");
  /* Translators: a week (its Sunday, YYYY-MM-DD) already missed while the month's last week is not over */
  already = r->status == THR_STATUS_PENDING && missed
            ? g_strdup_printf (_("; the week of %s was missed, so the month will be missed when "
                                 "its last week is over"), missed->period_label)
            : g_strdup ("");

  /* Translators: metric, month, number of weeks, status, then perhaps the next two messages */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s %s: %u week belongs to this month (a week belongs to the month "
                                       "holding its Saturday): %s%s%s.",
                                       "%s %s: %u weeks belong to this month (a week belongs to the month "
                                       "holding its Saturday): %s%s%s.", r->parts->len),
                          r->metric->id, r->period_label, r->parts->len,
                          thr_status_get_label (r->status), already, shown);
}

/* A weekly metric's month is missed if any of its weeks is ("a missed
 * week misses the metric for that month"), once its last week is over:
 * before, the month is pending like any period not over (DESIGN
 * "Statuses"), a week already missed named in the explanation.  Its
 * value is the worst week's: the one furthest outside its threshold. */
static void
roll_up_weeks (ThrResult *r,
               gboolean   with_explanation)
{
  gboolean any_no_data = FALSE, any_pending = FALSE;
  const ThrResult *worst, *missed;

  find_worst_and_missed_weeks (r, &worst, &missed);
  for (guint i = 0; i < r->parts->len; i++)
    {
      const ThrResult *w = g_ptr_array_index (r->parts, i);

      any_no_data |= w->status == THR_STATUS_NO_DATA;
      any_pending |= w->status == THR_STATUS_PENDING;
      r->discrepancy |= w->discrepancy;
    }
  r->status = any_pending ? THR_STATUS_PENDING : missed ? THR_STATUS_MISSED
              : any_no_data ? THR_STATUS_NO_DATA : THR_STATUS_MET;
  if (worst)
    copy_worst_week (r, worst);
  r->flags = g_ptr_array_new_with_free_func (g_free);
  if (with_explanation)
    r->explanation = explain_weeks (r);
}

/* The explanation of a result of @month judged with explanations off
 * (thr_evaluator_set_explain ()), written once, as the evaluator would
 * have: a window that shows one result's explanation at a time need not
 * write one for every result of every month it holds. */
void
thr_result_explain (ThrResult       *result,
                    ThrContract     *contract,
                    const ThrPeriod *month)
{
  g_return_if_fail (result != NULL && THR_IS_CONTRACT (contract) && month != NULL);

  if (result->explanation != NULL)
    return;
  /* Its weeks first: each was judged in @month as the month's results are. */
  for (guint i = 0; result->parts != NULL && i < result->parts->len; i++)
    thr_result_explain (g_ptr_array_index (result->parts, i), contract, month);
  result->explanation = result->parts ? explain_weeks (result) : explain (contract, result, month);
}

/* ---- the month ---- */

typedef struct {
  ThrResult *result;
  gint       job;      /* index into jobs, -1 when not computed */
} Slot;

/* The record field that names a subject: "group:North" is the team of a
 * task or a call, "worker:Ann" a task's worker or a call's agent.  FALSE
 * for a subject the records cannot name. */
static gboolean
subject_field (const ThrMetric  *m,
               const char       *subject,
               ThrRecordField   *field,
               const char      **value)
{
  gboolean calls = m->compute.records == THR_RECORDS_CALLS;

  if (*subject == '\0')
    {
      *field = THR_FIELD_INVALID;
      return TRUE;
    }
  if (g_str_has_prefix (subject, "group:"))
    *field = calls ? THR_FIELD_CALL_TEAM : THR_FIELD_TEAM;
  else if (g_str_has_prefix (subject, "worker:"))
    *field = calls ? THR_FIELD_AGENT : THR_FIELD_WORKER;
  else
    return FALSE;
  *value = strchr (subject, ':') + 1;
  return TRUE;
}

/* A group's or a worker's figure is recomputed from the records that carry
 * their name, as the contract's is from all of them. */
static void
add_slot (GArray          *slots,
          GArray          *jobs,
          ThrResult       *result,
          const ThrPeriod *month)
{
  const ThrMetric *m = result->metric;
  Slot slot = { result, -1 };
  ThrScanJob job = { 0 };

  /* Records carry no queue a task could be matched on: a queue's figure
   * is as reported. */
  if (m->compute.kind != THR_COMPUTE_NONE && *result->queue == '\0'
      && subject_field (m, result->subject, &job.subject_field, &job.subject_value))
    {
      job.metric = m;
      job.first = result->period.first;
      job.last = MIN (result->period.last, month->last);
      slot.job = (gint) jobs->len;
      g_array_append_val (jobs, job);
    }
  g_array_append_val (slots, slot);
}

/* The (subject, queue) pairs the month's reports name for @metric, each as
 * "SUBJECT \x1f QUEUE": a metric judged per subject or per queue gets a
 * result for each; the dimension it is not judged by is dropped. */
static GPtrArray *
subjects_of (const ThrMetric *metric,
             GHashTable      *subjects)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = g_strconcat (metric->id, "\x1f", NULL);
  GHashTableIter iter;
  const char *key;

  if (metric->subjects == NULL && !metric->per_queue)
    return list;
  g_hash_table_iter_init (&iter, subjects);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      g_auto(GStrv) parts = NULL;
      char *pair;

      if (!g_str_has_prefix (key, prefix))
        continue;
      parts = g_strsplit (key + strlen (prefix), "\x1f", 2);
      pair = g_strconcat (metric->subjects ? parts[0] : "", "\x1f",
                          metric->per_queue && parts[1] ? parts[1] : "", NULL);
      if (g_str_equal (pair, "\x1f") || g_hash_table_contains (seen, pair))
        {
          g_free (pair);
          continue;
        }
      g_ptr_array_add (list, pair);
      g_hash_table_add (seen, pair);
    }
  g_ptr_array_sort (list, (GCompareFunc) g_strcmp0);
  return list;
}

static gboolean
load_all_reported (ThrEvaluator    *self,
                   const ThrPeriod *month,
                   GHashTable      *figures,
                   GHashTable      *subjects,
                   GError         **error)
{
  g_autoptr(GArray) weeks = thr_period_weeks_of_month (month);
  ThrPeriodKind kinds[] = { THR_PERIOD_MONTH, THR_PERIOD_QUARTER, THR_PERIOD_YEAR };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      ThrPeriod p;
      g_autofree char *label = NULL;

      thr_period_enclosing (kinds[k], month, &p);
      label = thr_period_format (&p);
      if (!load_reported (self, label, figures, subjects, error))
        return FALSE;
    }
  for (guint w = 0; w < weeks->len; w++)
    {
      g_autofree char *label = thr_period_format (&g_array_index (weeks, ThrPeriod, w));
      if (!load_reported (self, label, figures, subjects, error))
        return FALSE;
    }
  return TRUE;
}

static void
plan_weeks (const ThrMetric *m,
            const char      *subject,
            const char      *queue,
            const ThrPeriod *month,
            GPtrArray       *results,
            GArray          *slots,
            GArray          *jobs)
{
  g_autoptr(GArray) weeks = thr_period_weeks_of_month (month);
  ThrResult *parent = new_result (m, subject, queue, month);

  parent->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_result_free);
  for (guint w = 0; w < weeks->len; w++)
    {
      ThrResult *week = new_result (m, subject, queue, &g_array_index (weeks, ThrPeriod, w));
      g_ptr_array_add (parent->parts, week);
      add_slot (slots, jobs, week, month);
    }
  g_ptr_array_add (results, parent);
}

/* A per-subject metric (the KPI page's groups and workers) gets a result
 * for every subject the month's reports name. */
static void
plan_metric (const ThrMetric *m,
             const ThrPeriod *month,
             GHashTable      *subjects,
             GPtrArray       *results,
             GArray          *slots,
             GArray          *jobs)
{
  g_autoptr(GPtrArray) names = subjects_of (m, subjects);
  ThrPeriod period;

  if (names->len == 0)
    g_ptr_array_add (names, g_strdup ("\x1f"));
  thr_period_enclosing (m->period == THR_PERIOD_WEEK ? THR_PERIOD_MONTH : m->period, month, &period);
  for (guint s = 0; s < names->len; s++)
    {
      g_auto(GStrv) pair = g_strsplit (g_ptr_array_index (names, s), "\x1f", 2);
      const char *subject = pair[0], *queue = pair[1];
      ThrResult *r;

      if (m->period == THR_PERIOD_WEEK)
        {
          plan_weeks (m, subject, queue, month, results, slots, jobs);
          continue;
        }
      r = new_result (m, subject, queue, &period);
      g_ptr_array_add (results, r);
      add_slot (slots, jobs, r, month);
    }
}

/* ---- figures from the records, kept or scanned ---- */

static char *
kept_key (const char *metric,
          const char *subject,
          guint32     first,
          guint32     last)
{
  return g_strdup_printf ("%s\x1f%s\x1f%u\x1f%u", metric, subject, first, last);
}

/* A kept figure as read, its basis copied. */
typedef struct {
  ThrStoreKeptFigure kept;
  char               basis[];
} KeptCopy;

static void
kept_cb (const ThrStoreKeptFigure *kept,
         gpointer                  user_data)
{
  GHashTable *found = user_data;
  gsize basis_size = strlen (kept->basis) + 1;
  KeptCopy *copy = g_malloc (sizeof (KeptCopy) + basis_size);

  copy->kept = *kept;
  copy->kept.metric = NULL;
  copy->kept.subject = NULL;
  memcpy (copy->basis, kept->basis, basis_size);
  copy->kept.basis = copy->basis;
  g_hash_table_replace (found, kept_key (kept->metric, kept->subject, kept->first, kept->last), copy);
}

/* The figures kept for the month's jobs that still hold today:
 * found[j] is TRUE and computed[j] set for each. */
static gboolean
read_kept (ThrEvaluator    *self,
           const ThrPeriod *month,
           GArray          *slots,
           GArray          *jobs,
           char           **bases,
           guint32          records_last,
           GArray          *computed,
           gboolean        *found,
           GError         **error)
{
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Every job of the month ends inside it (a week on its Saturday, a
   * quarter or a year to date on the month's last day). */
  if (!thr_store_each_kept_figure (self->store, self->contract_id, month->first, month->last,
                                   kept_cb, kept, error))
    return FALSE;
  for (guint s = 0; s < slots->len; s++)
    {
      const Slot *slot = &g_array_index (slots, Slot, s);
      const ThrScanJob *job;
      g_autofree char *key = NULL;
      const ThrStoreKeptFigure *figure;

      if (slot->job < 0)
        continue;
      job = &g_array_index (jobs, ThrScanJob, slot->job);
      key = kept_key (job->metric->id, slot->result->subject, job->first, job->last);
      figure = g_hash_table_lookup (kept, key);
      if (figure == NULL || figure->today != thr_scan_job_today (job, self->today, records_last) ||
          !g_str_equal (figure->basis, bases[slot->job]))
        continue;
      g_array_index (computed, ThrFigure, slot->job) = figure->figure;
      found[slot->job] = TRUE;
    }
  return TRUE;
}

static void
keep_scanned (ThrEvaluator *self,
              GArray       *slots,
              GArray       *jobs,
              char        **bases,
              guint32       records_last,
              GArray       *computed,
              const gboolean *found,
              gint64        generation)
{
  g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (ThrStoreKeptFigure));
  g_autoptr(GError) error = NULL;

  for (guint s = 0; s < slots->len; s++)
    {
      const Slot *slot = &g_array_index (slots, Slot, s);
      const ThrScanJob *job;
      ThrStoreKeptFigure kept = { 0 };

      if (slot->job < 0 || found[slot->job])
        continue;
      job = &g_array_index (jobs, ThrScanJob, slot->job);
      kept.metric = job->metric->id;
      kept.subject = slot->result->subject;
      kept.first = job->first;
      kept.last = job->last;
      kept.today = thr_scan_job_today (job, self->today, records_last);
      thr_scan_job_reach (job, self->calendar, &kept.reach_first, &kept.reach_last);
      kept.basis = bases[slot->job];
      kept.figure = g_array_index (computed, ThrFigure, slot->job);
      g_array_append_val (keep, kept);
    }
  /* The month's results are right all the same: delivered, and the
   * refusal left on the store for the caller to show
   * (thr_store_take_keep_refusal). */
  if (!thr_store_keep_figures (self->store, self->contract_id, generation,
                               (const ThrStoreKeptFigure *) (void *) keep->data, keep->len, NULL, &error))
    g_debug ("figures not kept: %s", error->message);
}

/* One month of an evaluation: its results, the scan jobs behind them and
 * their figures, found kept or scanned. */
typedef struct {
  ThrPeriod   month;
  GPtrArray  *results;
  GHashTable *figures;     /* reported, by reported_key () */
  GArray     *slots;
  GArray     *jobs;
  GArray     *computed;    /* a ThrFigure per job */
  gboolean   *found;       /* kept, per job */
  char      **bases;       /* per job, when figures are kept */
  gint64      generation;
  guint32     records_last; /* the records' last event (records_last_event ()) */
} MonthWork;

static void
month_work_clear (MonthWork *work)
{
  g_clear_pointer (&work->results, g_ptr_array_unref);
  g_clear_pointer (&work->figures, g_hash_table_unref);
  g_clear_pointer (&work->slots, g_array_unref);
  g_clear_pointer (&work->jobs, g_array_unref);
  g_clear_pointer (&work->computed, g_array_unref);
  g_clear_pointer (&work->found, g_free);
  g_clear_pointer (&work->bases, g_strfreev);
}

/* The month's results planned, its reported figures read and the figures
 * kept for its jobs found. */
static gboolean
prepare_month (ThrEvaluator *self,
               MonthWork    *work,
               GError      **error)
{
  g_autoptr(GHashTable) subjects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  work->results = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_result_free);
  work->figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  work->slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  work->jobs = g_array_new (FALSE, FALSE, sizeof (ThrScanJob));
  if (!load_all_reported (self, &work->month, work->figures, subjects, error))
    return FALSE;
  for (guint i = 0; i < thr_contract_get_n_metrics (self->contract); i++)
    {
      const ThrMetric *m = thr_contract_get_metric (self->contract, i);

      /* Before its first period a metric has no result at all (C.6:
       * "with the first measurement to begin January 1, 2018"). */
      if (thr_metric_is_measured (m, work->month.last))
        plan_metric (m, &work->month, subjects, work->results, work->slots, work->jobs);
    }
  work->computed = g_array_sized_new (FALSE, TRUE, sizeof (ThrFigure), work->jobs->len);
  g_array_set_size (work->computed, work->jobs->len);
  work->found = g_new0 (gboolean, work->jobs->len + 1);
  if (!keeps_figures (self))
    return TRUE;
  work->bases = g_new0 (char *, work->jobs->len + 1);
  for (guint j = 0; j < work->jobs->len; j++)
    work->bases[j] = job_basis (self, &g_array_index (work->jobs, ThrScanJob, j));
  /* Taken before anything is read: a write that forgets figures after it
   * keeps this evaluation from keeping what it scanned. */
  return thr_store_get_kept_generation (self->store, &work->generation, error);
}

/* The figures kept for the month's jobs, found. */
static gboolean
find_kept (ThrEvaluator *self,
           MonthWork    *work,
           GError      **error)
{
  if (!keeps_figures (self))
    return TRUE;
  return read_kept (self, &work->month, work->slots, work->jobs, work->bases, work->records_last, work->computed,
                    work->found, error);
}

/* The last day of an event of the contract's records, for the figures
 * whose own days do not bound the records they count
 * (thr_scan_job_today ()); 0 when no month needs it.  Read after every
 * month's generation: a write after it that adds a later record forgets
 * the figures it reaches and keeps the months from keeping theirs. */
static gboolean
records_last_event (ThrEvaluator *self,
                    MonthWork    *works,
                    guint         n_works,
                    guint32      *last,
                    GError      **error)
{
  gboolean needed = FALSE, completions = FALSE;

  *last = 0;
  for (guint w = 0; keeps_figures (self) && w < n_works; w++)
    for (guint j = 0; j < works[w].jobs->len; j++)
      {
        const ThrScanJob *job = &g_array_index (works[w].jobs, ThrScanJob, j);

        needed |= thr_scan_job_today (job, self->today, G_MAXUINT32) != thr_scan_job_today (job, self->today, 0);
        completions |= thr_scan_job_reads_later_completions (job);
      }
  return !needed || thr_store_records_last_event (self->store, self->contract_id, completions, last, error);
}

/* Each result judged on its figures, its weeks rolled up. */
static GPtrArray *
finish_month (ThrEvaluator *self,
              MonthWork    *work)
{
  for (guint s = 0; s < work->slots->len; s++)
    {
      Slot *slot = &g_array_index (work->slots, Slot, s);
      ThrResult *r = slot->result;
      g_autofree char *key = reported_key (r->metric->id, r->subject, r->queue, r->period_label);
      ThrFigure *reported = g_hash_table_lookup (work->figures, key);

      if (reported)
        r->reported = *reported;
      if (slot->job >= 0)
        r->computed = g_array_index (work->computed, ThrFigure, slot->job);
      judge (self, r, &work->month);
    }
  for (guint i = 0; i < work->results->len; i++)
    {
      ThrResult *r = g_ptr_array_index (work->results, i);
      if (r->parts)
        roll_up_weeks (r, self->explain);
    }
  return g_steal_pointer (&work->results);
}

/* The month's scanned figures kept for next time, its results judged and
 * handed over. */
static void
deliver_month (ThrEvaluator        *self,
               MonthWork           *works,
               guint                w,
               ThrMonthResultsFunc  func,
               gpointer             user_data)
{
  MonthWork *work = &works[w];

  if (keeps_figures (self))
    keep_scanned (self, work->slots, work->jobs, work->bases, work->records_last, work->computed, work->found,
                  work->generation);
  func (w, finish_month (self, work), user_data);
}

/* Months whose figures come from one shared run of scans, a step each. */
typedef struct {
  ThrEvaluator        *self;
  MonthWork           *works;
  const guint         *order;      /* the work of each step */
  GArray              *scan;       /* ThrScanJob: each step's jobs together */
  guint               *offsets;    /* where each step's jobs start in scan, and the end */
  ThrMonthResultsFunc  func;
  gpointer             user_data;
} SharedScan;

/* A step done: its month's scanned figures taken, the month delivered. */
static void
month_scanned_cb (guint    step,
                  gpointer user_data)
{
  SharedScan *shared = user_data;
  MonthWork *work = &shared->works[shared->order[step]];
  guint i = shared->offsets[step];

  for (guint j = 0; j < work->jobs->len; j++)
    if (!work->found[j])
      thr_scan_job_figure (&g_array_index (shared->scan, ThrScanJob, i++),
                           &g_array_index (work->computed, ThrFigure, j));
  g_assert (i == shared->offsets[step + 1]);
  deliver_month (shared->self, shared->works, shared->order[step], shared->func, shared->user_data);
}

/* The figures no month of @order found kept, from one run of scans
 * shared by them all, each month delivered as soon as the scans have read
 * its records (thr_scan_run_steps (), a step per month in the order
 * given).  Sharing reads each record once for all the months whose
 * periods hold it (the scans of thr-scan.c give each job the rows its own
 * month's scan would give it, in the same order), where month after month
 * would read the records of the clauses that look back again. */
static gboolean
scan_months (ThrEvaluator        *self,
             MonthWork           *works,
             const guint         *order,
             guint                n_order,
             ThrMonthResultsFunc  func,
             gpointer             user_data,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GArray) scan = g_array_new (FALSE, FALSE, sizeof (ThrScanJob));
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *offsets = g_new0 (guint, n_order + 1);
  SharedScan shared = { self, works, order, scan, offsets, func, user_data };

  for (guint k = 0; k < n_order; k++)
    {
      MonthWork *work = &works[order[k]];

      offsets[k] = scan->len;
      for (guint j = 0; j < work->jobs->len; j++)
        if (!work->found[j])
          {
            g_array_append_val (scan, g_array_index (work->jobs, ThrScanJob, j));
            g_array_append_val (steps, k);
          }
    }
  offsets[n_order] = scan->len;
  return thr_scan_run_steps (self->store, self->contract_id, self->calendar, self->today,
                             (ThrScanJob *) (void *) scan->data, scan->len,
                             (const guint *) (void *) steps->data, n_order, month_scanned_cb, &shared,
                             cancellable, error);
}

static gint
compare_months_by_day (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const MonthWork *works = user_data;
  guint32 first_a = works[*(const guint *) a].month.first;
  guint32 first_b = works[*(const guint *) b].month.first;

  return first_a < first_b ? -1 : first_a > first_b;
}

static gboolean
needs_scan (const MonthWork *work)
{
  for (guint j = 0; j < work->jobs->len; j++)
    if (!work->found[j])
      return TRUE;
  return FALSE;
}

/* @scan FALSE: the months that need a scan are left undelivered. */
static gboolean
evaluate_works (ThrEvaluator        *self,
                MonthWork           *works,
                guint                n_works,
                gboolean             scan,
                ThrMonthResultsFunc  func,
                gpointer             user_data,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  guint32 records_last;

  for (guint w = 0; w < n_works; w++)
    if (!prepare_month (self, &works[w], error))
      return FALSE;
  if (!records_last_event (self, works, n_works, &records_last, error))
    return FALSE;
  for (guint w = 0; w < n_works; w++)
    {
      works[w].records_last = records_last;
      if (!find_kept (self, &works[w], error))
        return FALSE;
    }
  /* Months found whole among the kept figures first: they wait for
   * nothing. */
  for (guint w = 0; w < n_works; w++)
    if (needs_scan (&works[w]))
      g_array_append_val (order, w);
    else
      deliver_month (self, works, w, func, user_data);
  if (order->len == 0 || !scan)
    return TRUE;
  /* A team store's server promises no order, and a sum over one month's
   * rows must add them in the order that month's own scan reads them:
   * there each month is scanned alone. */
  if (!thr_store_scan_keeps_index_order (self->store))
    {
      for (guint k = 0; k < order->len; k++)
        if (!scan_months (self, works, &g_array_index (order, guint, k), 1, func, user_data, cancellable, error))
          return FALSE;
      return TRUE;
    }
  /* In the order of their days, so that the scans, which read the records
   * in the order of theirs, are past each month's records in turn. */
  g_array_sort_with_data (order, compare_months_by_day, works);
  return scan_months (self, works, (const guint *) (void *) order->data, order->len, func, user_data,
                      cancellable, error);
}

GPtrArray *
thr_evaluator_evaluate_month (ThrEvaluator    *self,
                              const ThrPeriod *month,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(GPtrArray) months = NULL;

  g_return_val_if_fail (THR_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (month != NULL && month->kind == THR_PERIOD_MONTH, NULL);

  months = thr_evaluator_evaluate_months (self, month, 1, cancellable, error);
  if (months == NULL)
    return NULL;
  return g_ptr_array_steal_index (months, 0);
}

static void
results_free (gpointer results)
{
  if (results != NULL)
    g_ptr_array_unref (results);
}

static void
collect_month_cb (guint      month,
                  GPtrArray *results,
                  gpointer   user_data)
{
  GPtrArray *out = user_data;

  g_ptr_array_index (out, month) = results;
}

GPtrArray *
thr_evaluator_evaluate_months (ThrEvaluator    *self,
                               const ThrPeriod *months,
                               guint            n_months,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(GPtrArray) out = NULL;

  g_return_val_if_fail (THR_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (months != NULL || n_months == 0, NULL);

  /* Left NULL, on an error, where a month was not delivered. */
  out = g_ptr_array_new_full (n_months, results_free);
  g_ptr_array_set_size (out, n_months);
  if (!thr_evaluator_evaluate_months_each (self, months, n_months, collect_month_cb, out, cancellable, error))
    return NULL;
  return g_steal_pointer (&out);
}

static gboolean
evaluate_months_each (ThrEvaluator        *self,
                      const ThrPeriod     *months,
                      guint                n_months,
                      gboolean             scan,
                      ThrMonthResultsFunc  func,
                      gpointer             user_data,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autofree MonthWork *works = NULL;
  gboolean ok;

  g_return_val_if_fail (THR_IS_EVALUATOR (self), FALSE);
  g_return_val_if_fail (months != NULL || n_months == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  works = g_new0 (MonthWork, n_months + 1);
  for (guint w = 0; w < n_months; w++)
    {
      g_return_val_if_fail (months[w].kind == THR_PERIOD_MONTH, FALSE);
      works[w].month = months[w];
    }
  ok = evaluate_works (self, works, n_months, scan, func, user_data, cancellable, error);
  for (guint w = 0; w < n_months; w++)
    month_work_clear (&works[w]);
  return ok;
}

gboolean
thr_evaluator_evaluate_months_each (ThrEvaluator        *self,
                                    const ThrPeriod     *months,
                                    guint                n_months,
                                    ThrMonthResultsFunc  func,
                                    gpointer             user_data,
                                    GCancellable        *cancellable,
                                    GError             **error)
{
  return evaluate_months_each (self, months, n_months, TRUE, func, user_data, cancellable, error);
}

gboolean
thr_evaluator_evaluate_kept_months (ThrEvaluator        *self,
                                    const ThrPeriod     *months,
                                    guint                n_months,
                                    ThrMonthResultsFunc  func,
                                    gpointer             user_data,
                                    GError             **error)
{
  return evaluate_months_each (self, months, n_months, FALSE, func, user_data, NULL, error);
}

/* ---- drill-down ---- */

void
thr_missed_record_free (ThrMissedRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->task_id);
  g_free (record->type);
  g_free (record);
}

guint32
thr_missed_record_days_late (const ThrMissedRecord *record,
                             guint32                today)
{
  guint32 end;

  g_return_val_if_fail (record != NULL, 0);

  end = record->completed != 0 ? record->completed : today;
  return end > record->deadline ? end - record->deadline : 0;
}

GPtrArray *
thr_evaluator_list_missed (ThrEvaluator    *self,
                           const char      *metric_id,
                           const ThrPeriod *month,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(GPtrArray) missed = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_missed_record_free);
  const ThrMetric *m;
  ThrScanJob job = { 0 };
  ThrPeriod period;

  g_return_val_if_fail (THR_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (metric_id != NULL, NULL);
  g_return_val_if_fail (month != NULL && month->kind == THR_PERIOD_MONTH, NULL);

  m = thr_contract_find_metric (self->contract, metric_id);
  if (m == NULL)
    {
      g_set_error (error, THR_CONTRACT_ERROR, THR_CONTRACT_ERROR_NOT_FOUND,
                   "%s: no such metric", metric_id);
      return NULL;
    }
  if (m->compute.kind != THR_COMPUTE_WITHIN || m->compute.records != THR_RECORDS_TASKS || m->subjects != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s is not computed from task deadlines", metric_id);
      return NULL;
    }
  thr_period_enclosing (m->period == THR_PERIOD_WEEK ? THR_PERIOD_MONTH : m->period, month, &period);
  job.metric = m;
  job.first = period.first;
  job.last = MIN (period.last, month->last);
  job.missed = missed;
  if (!thr_scan_run (self->store, self->contract_id, self->calendar, self->today, &job, 1, cancellable, error))
    return NULL;
  return g_steal_pointer (&missed);
}
