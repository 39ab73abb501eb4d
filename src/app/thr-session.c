/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-session.c — a store, its contract and every month's evaluation
 *
 * Loading evaluates only the months the window needs first (the latest,
 * and the one it asks for), so the overview appears at once; the
 * history is then evaluated newest first on a pool of worker threads, one
 * per processor, each with its own connection, each month handed to the
 * main thread soon after it is done (with the months done beside it) and
 * announced by ::month-evaluated; the last ones wait for the consequences
 * worked out from them, so that the window shows both in one frame.
 * Months whose figures the store keeps take no scan at all.
 */
#define G_LOG_DOMAIN "thr-session"

#include "config.h"

#include <string.h>

#include "thr-session.h"

typedef struct _Outcome Outcome;

static void     outcome_free                 (Outcome    *outcome);
static Outcome *work_out_loaded_consequences (ThrSession *self);
static void     take_consequences            (ThrSession *self,
                                              Outcome    *outcome);

struct _ThrSession
{
  GObject       parent_instance;
  char         *path;
  ThrStore     *store;
  gint64        contract_id;
  char         *contract_name;
  guint32       demo_today; /* the demo's day inside its data, when it is judged on it */
  GPtrArray    *contracts; /* of ThrStoreContract*, every contract of the store */
  ThrEvaluator *evaluator;
  GPtrArray    *months;    /* of char*, YYYY-MM */
  GPtrArray    *results;   /* of GPtrArray of ThrResult*, one per month; NULL until evaluated */
  GPtrArray    *by_metric; /* of GHashTable metric id → ThrResult*, one per month; NULL until evaluated */
  guint         n_evaluated;
  GPtrArray    *evaluators; /* keep alive the contracts the history's results point into */
  GCancellable *history_cancellable;
  ThrLedger    *ledger;
  GPtrArray    *caps;      /* of ThrCap*, borrowing failures from the ledger */
  GPtrArray    *deadlines; /* of ThrDeadlineItem* */
  guint         ledger_serial;
  /* For tests and benchmarks: how often each month was evaluated (by the
   * load and the history), how many history workers evaluated a month,
   * how many months the consequences' worker evaluated itself. */
  gint         *n_evaluations;
  gint          n_history_workers;
  gint          n_ledger_evaluations;
  /* The store as the load found it before reading anything else: what a
   * window watching it compares with (thr_session_get_opening_stamps). */
  gint64        opening_data_version;
  char         *opening_imports_stamp;
  char         *opening_content_stamp;
  /* The consequences worked out by the load, taken on the main thread by
   * thr_session_load_finish (). */
  Outcome      *loaded_outcome;
};

enum {
  PROP_0,
  PROP_N_EVALUATED,
  PROP_COMPLETE,
  PROP_HAS_CONSEQUENCES,
  PROP_LEDGER_SERIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MONTH_EVALUATED,
  CONSEQUENCES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Sessions not yet finalized, each with its store open. */
static gint n_alive;

G_DEFINE_FINAL_TYPE (ThrSession, thr_session, G_TYPE_OBJECT)

static void
thr_session_dispose (GObject *object)
{
  ThrSession *self = THR_SESSION (object);

  g_cancellable_cancel (self->history_cancellable);
  G_OBJECT_CLASS (thr_session_parent_class)->dispose (object);
}

static void
thr_session_finalize (GObject *object)
{
  ThrSession *self = THR_SESSION (object);

  g_clear_object (&self->history_cancellable);
  g_clear_pointer (&self->loaded_outcome, outcome_free);
  g_clear_pointer (&self->deadlines, g_ptr_array_unref);
  g_clear_pointer (&self->caps, g_ptr_array_unref);
  g_clear_pointer (&self->ledger, thr_ledger_free);
  g_clear_pointer (&self->by_metric, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_clear_pointer (&self->evaluators, g_ptr_array_unref);
  g_clear_object (&self->evaluator);
  g_clear_object (&self->store);
  g_clear_pointer (&self->contract_name, g_free);
  g_clear_pointer (&self->contracts, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->n_evaluations, g_free);
  g_clear_pointer (&self->opening_imports_stamp, g_free);
  g_clear_pointer (&self->opening_content_stamp, g_free);
  G_OBJECT_CLASS (thr_session_parent_class)->finalize (object);
  g_atomic_int_dec_and_test (&n_alive);
}

static void
thr_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ThrSession *self = THR_SESSION (object);

  switch (prop_id)
    {
    case PROP_N_EVALUATED:
      g_value_set_uint (value, self->n_evaluated);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, thr_session_is_complete (self));
      break;
    case PROP_HAS_CONSEQUENCES:
      g_value_set_boolean (value, thr_session_has_consequences (self));
      break;
    case PROP_LEDGER_SERIAL:
      g_value_set_uint (value, self->ledger_serial);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thr_session_class_init (ThrSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = thr_session_dispose;
  object_class->finalize = thr_session_finalize;
  object_class->get_property = thr_session_get_property;

  /* Read-only and notified when they change, so that a view binds to them
   * instead of asking again on every signal. */
  properties[PROP_N_EVALUATED] =
    g_param_spec_uint ("n-evaluated", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_CONSEQUENCES] =
    g_param_spec_boolean ("has-consequences", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEDGER_SERIAL] =
    g_param_spec_uint ("ledger-serial", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ThrSession::month-evaluated:
   * @month: the month's index
   *
   * The history's evaluation has filled in a month.
   */
  signals[MONTH_EVALUATED] =
    g_signal_new ("month-evaluated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * ThrSession::consequences-changed:
   *
   * The ledger, the CAPs or the deadlines are new.
   */
  signals[CONSEQUENCES_CHANGED] =
    g_signal_new ("consequences-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

/* Months not evaluated yet hold NULL. */
static void
results_free (gpointer results)
{
  if (results != NULL)
    g_ptr_array_unref (results);
}

static void
index_free (gpointer index)
{
  if (index != NULL)
    g_hash_table_unref (index);
}

static void
thr_session_init (ThrSession *self)
{
  self->months = g_ptr_array_new_with_free_func (g_free);
  self->results = g_ptr_array_new_with_free_func (results_free);
  self->by_metric = g_ptr_array_new_with_free_func (index_free);
  self->evaluators = g_ptr_array_new_with_free_func (g_object_unref);
  self->history_cancellable = g_cancellable_new ();
  g_atomic_int_inc (&n_alive);
}

static GHashTable *index_results (GPtrArray *results);

static void
set_month_results (ThrSession *self,
                   guint       month,
                   GPtrArray  *results)
{
  g_assert (g_ptr_array_index (self->results, month) == NULL);
  g_ptr_array_index (self->results, month) = results;
  g_ptr_array_index (self->by_metric, month) = index_results (results);
  self->n_evaluated++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVALUATED]);
  if (thr_session_is_complete (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static gboolean
evaluate_one (ThrSession    *self,
              ThrEvaluator  *evaluator,
              guint          month,
              GCancellable  *cancellable,
              GPtrArray    **out,
              GError       **error)
{
  ThrPeriod period;

  if (!thr_period_parse (g_ptr_array_index (self->months, month), &period, error))
    return FALSE;
  g_atomic_int_inc (&self->n_evaluations[month]);
  *out = thr_evaluator_evaluate_month (evaluator, &period, cancellable, error);
  return *out != NULL;
}

static GHashTable *
index_results (GPtrArray *results)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < results->len; i++)
    {
      ThrResult *result = g_ptr_array_index (results, i);

      if (!g_hash_table_contains (index, result->metric->id))
        g_hash_table_insert (index, result->metric->id,
                             thr_results_find_worst (results, result->metric->id));
    }
  return index;
}

/* The contract asked for when the store still has it, else the first. */
static const ThrStoreContract *
choose_contract (GPtrArray *contracts,
                 gint64     wanted_id)
{
  for (guint i = 0; i < contracts->len; i++)
    {
      const ThrStoreContract *contract = g_ptr_array_index (contracts, i);

      if (contract->id == wanted_id)
        return contract;
    }
  return g_ptr_array_index (contracts, 0);
}

/* The check of a store's pages, told to the window on the task's own
 * main context: its start on its own, so that the bar is always shown
 * before the end however busy the main thread is, then at most one
 * report waiting there, with the latest figure. */
typedef struct {
  ThrSessionCheckFunc  func;
  gpointer             user_data;   /* the load's callback's */
  gint                 permille;
  gint                 pending;
} CheckReport;

static void
tell_check (GTask  *task,
            double  fraction)
{
  CheckReport *report = g_object_get_data (G_OBJECT (task), "check-report");

  /* Never after the load's callback, which may free its user data. */
  if (!g_task_get_completed (task))
    report->func (fraction, report->user_data);
}

static gboolean
report_check_start_cb (gpointer data)
{
  tell_check (data, 0.0);
  return G_SOURCE_REMOVE;
}

static gboolean
report_check_cb (gpointer data)
{
  GTask *task = data;
  CheckReport *report = g_object_get_data (G_OBJECT (task), "check-report");

  g_atomic_int_set (&report->pending, 0);
  tell_check (task, g_atomic_int_get (&report->permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

static void
attach_check_report (GTask       *task,
                     GSourceFunc  func)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

static void
store_check_cb (double   fraction,
                gpointer user_data)
{
  GTask *task = user_data;
  CheckReport *report = g_object_get_data (G_OBJECT (task), "check-report");

  if (fraction <= 0.0)
    {
      attach_check_report (task, report_check_start_cb);
      return;
    }
  g_atomic_int_set (&report->permille, (gint) (fraction * 1000 + 0.5));
  if (g_atomic_int_compare_and_exchange (&report->pending, 0, 1))
    attach_check_report (task, report_check_cb);
}

/* A month of the load's kept months: @month indexes the months asked
 * (those left by the latest and the wanted one). */
typedef struct {
  ThrSession *session;
  guint      *indexes;   /* the session's month of each month asked */
} KeptLoad;

static void
kept_month_cb (guint      month,
               GPtrArray *results,
               gpointer   user_data)
{
  KeptLoad *kept = user_data;
  guint index = kept->indexes[month];

  g_atomic_int_inc (&kept->session->n_evaluations[index]);
  set_month_results (kept->session, index, results);
}

/* The months whose figures are all kept, read with the load from a store
 * file: on a store opened before, that is every month (about 2 ms each
 * on the 36-month benchmark's store), so the window's first frame shows
 * the whole grid, with the second core otherwise idle while GTK starts.
 * The history does the rest.  Not from a team store (see load ()), where
 * each month costs the server's round trips before the first frame. */
static gboolean
load_kept_months (ThrSession  *self,
                  GError     **error)
{
  g_autofree ThrPeriod *periods = g_new0 (ThrPeriod, self->months->len + 1);
  g_autofree guint *indexes = g_new0 (guint, self->months->len + 1);
  KeptLoad kept = { self, indexes };
  guint n = 0;

  for (guint m = 0; m < self->months->len; m++)
    {
      if (g_ptr_array_index (self->results, m) != NULL)
        continue;
      if (!thr_period_parse (g_ptr_array_index (self->months, m), &periods[n], error))
        return FALSE;
      indexes[n++] = m;
    }
  return n == 0 || thr_evaluator_evaluate_kept_months (self->evaluator, periods, n, kept_month_cb, &kept, error);
}

static gboolean
load (ThrSession    *self,
      GTask         *task,
      gint64         wanted_contract,
      guint32        today,
      const char    *wanted,
      GCancellable  *cancellable,
      GError       **error)
{
  const ThrStoreContract *contract;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  ThrPeriod month, end;
  int wanted_index = -1;

  self->store = thr_store_open_checking (self->path,
                                        g_object_get_data (G_OBJECT (task), "check-report") ? store_check_cb : NULL,
                                        task, cancellable, error);
  if (self->store == NULL)
    return FALSE;
  /* Read first: a colleague's change committed while this load reads the
   * rest is then one the window's watch still sees as new. */
  self->opening_data_version = thr_store_get_data_version (self->store);
  self->opening_imports_stamp = thr_store_get_imports_stamp (self->store);
  self->opening_content_stamp = thr_store_get_content_stamp (self->store);
  self->contracts = thr_store_list_contracts (self->store, error);
  if (self->contracts == NULL)
    return FALSE;
  if (self->contracts->len == 0)
    return TRUE;

  contract = choose_contract (self->contracts, wanted_contract);
  self->contract_id = contract->id;
  self->contract_name = g_strdup (contract->name);
  self->evaluator = thr_evaluator_new_for_store (self->store, self->contract_id, error);
  if (self->evaluator == NULL)
    return FALSE;
  /* A result's explanation is written when a page shows it
   * (thr_session_explain): writing one for every result of every month,
   * in the reader's language, was 53 M of the 185 M instructions the
   * load's thread took to open the demo with its months kept. */
  thr_evaluator_set_explain (self->evaluator, FALSE);
  if (today != 0 && today != THR_SESSION_REAL_TODAY)
    thr_evaluator_set_today (self->evaluator, today);

  if (!thr_store_get_month_span (self->store, self->contract_id, &first, &last, error))
    return FALSE;
  if (first == NULL)
    return TRUE;
  if (!thr_period_parse (first, &month, error) || !thr_period_parse (last, &end, error))
    return FALSE;
  /* The demo's dates are of years past; unless a day was asked for, it
   * is judged on a day inside its data. */
  if (today == 0 && thr_demo_is_demo_contract (contract->name))
    {
      self->demo_today = thr_demo_today (&end);
      thr_evaluator_set_today (self->evaluator, self->demo_today);
    }

  for (; thr_period_compare (&month, &end) <= 0; thr_period_next (&month, &month))
    {
      g_ptr_array_add (self->months, thr_period_format (&month));
      g_ptr_array_add (self->results, NULL);
      g_ptr_array_add (self->by_metric, NULL);
    }
  self->n_evaluations = g_new0 (gint, self->months->len);

  /* What the window shows first: the latest month, and the one asked for. */
  wanted_index = thr_session_find_month (self, wanted);
  for (int pass = 0; pass < 2; pass++)
    {
      int index = pass == 0 ? (int) self->months->len - 1 : wanted_index;
      GPtrArray *results;

      if (index < 0 || g_ptr_array_index (self->results, index) != NULL)
        continue;
      if (!evaluate_one (self, self->evaluator, index, cancellable, &results, error))
        return FALSE;
      set_month_results (self, index, results);
    }
  if (thr_store_is_team_address (self->path))
    return TRUE;
  if (!load_kept_months (self, error))
    return FALSE;
  /* Every month in: the ledger too, so that the first frame shows the
   * money beside the grid rather than a frame later. */
  if (thr_session_is_complete (self))
    self->loaded_outcome = work_out_loaded_consequences (self);
  return TRUE;
}

static void
load_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ThrSession *self = task_data;
  GError *error = NULL;

  gint64 *contract_id = g_object_get_data (G_OBJECT (task), "contract");

  if (load (self, task, *contract_id, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "today")),
            g_object_get_data (G_OBJECT (task), "wanted"), cancellable, &error))
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
  else
    g_task_return_error (task, error);
}

void
thr_session_load_async (const char          *path,
                        guint32              today,
                        const char          *wanted_month,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  thr_session_load_contract_async (path, 0, today, wanted_month, cancellable, NULL, callback, user_data);
}

void
thr_session_load_contract_async (const char          *path,
                                 gint64               contract_id,
                                 guint32              today,
                                 const char          *wanted_month,
                                 GCancellable        *cancellable,
                                 ThrSessionCheckFunc  check_progress,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ThrSession *self;

  g_return_if_fail (path != NULL);

  self = g_object_new (THR_TYPE_SESSION, NULL);
  self->path = g_strdup (path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, thr_session_load_async);
  g_task_set_task_data (task, self, g_object_unref);
  g_object_set_data (G_OBJECT (task), "today", GUINT_TO_POINTER (today));
  g_object_set_data_full (G_OBJECT (task), "wanted", g_strdup (wanted_month), g_free);
  g_object_set_data_full (G_OBJECT (task), "contract", g_memdup2 (&contract_id, sizeof contract_id), g_free);
  if (check_progress != NULL)
    {
      CheckReport *report = g_new0 (CheckReport, 1);

      report->func = check_progress;
      report->user_data = user_data;
      g_object_set_data_full (G_OBJECT (task), "check-report", report, g_free);
    }
  g_task_run_in_thread (task, load_thread_cb);
}

ThrSession *
thr_session_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  ThrSession *self;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  self = g_task_propagate_pointer (G_TASK (result), error);
  if (self != NULL && self->loaded_outcome != NULL)
    {
      Outcome *outcome = g_steal_pointer (&self->loaded_outcome);

      take_consequences (self, outcome);
      outcome_free (outcome);
    }
  return self;
}

void
thr_session_get_opening_stamps (ThrSession  *self,
                                gint64      *data_version,
                                const char **imports_stamp,
                                const char **content_stamp)
{
  g_return_if_fail (THR_IS_SESSION (self));
  *data_version = self->opening_data_version;
  *imports_stamp = self->opening_imports_stamp;
  *content_stamp = self->opening_content_stamp;
}

GPtrArray *
thr_session_get_contracts (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  return self->contracts;
}

const char *
thr_session_get_path (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  return self->path;
}

ThrStore *
thr_session_get_store (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  return self->store;
}

gint64
thr_session_get_contract_id (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), 0);
  return self->contract_id;
}

ThrContract *
thr_session_get_contract (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  return self->evaluator ? thr_evaluator_get_contract (self->evaluator) : NULL;
}

const char *
thr_session_get_contract_name (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  return self->contract_name;
}

guint
thr_session_get_n_months (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), 0);
  return self->months->len;
}

const char *
thr_session_get_month (ThrSession *self,
                       guint       index)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  g_return_val_if_fail (index < self->months->len, NULL);
  return g_ptr_array_index (self->months, index);
}

int
thr_session_find_month (ThrSession *self,
                        const char *label)
{
  g_return_val_if_fail (THR_IS_SESSION (self), -1);

  for (guint i = 0; label != NULL && i < self->months->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->months, i), label) == 0)
      return i;
  return -1;
}

gboolean
thr_session_is_evaluated (ThrSession *self,
                          guint       month)
{
  g_return_val_if_fail (THR_IS_SESSION (self), FALSE);
  return month < self->results->len && g_ptr_array_index (self->results, month) != NULL;
}

gboolean
thr_session_is_complete (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), FALSE);
  return self->n_evaluated == self->months->len;
}

const ThrResult *
thr_session_get_result (ThrSession *self,
                        guint       month,
                        const char *metric_id)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);

  if (month >= self->by_metric->len || g_ptr_array_index (self->by_metric, month) == NULL)
    return NULL;
  return g_hash_table_lookup (g_ptr_array_index (self->by_metric, month), metric_id);
}

const char *
thr_session_explain (ThrSession *self,
                     guint       month,
                     const char *metric_id)
{
  /* The session's results are its own and read on this thread only. */
  ThrResult *result = (ThrResult *) thr_session_get_result (self, month, metric_id);
  ThrPeriod period;

  if (result == NULL)
    return NULL;
  if (result->explanation == NULL && thr_period_parse (g_ptr_array_index (self->months, month), &period, NULL))
    thr_result_explain (result, thr_evaluator_get_contract (self->evaluator), &period);
  return result->explanation;
}

void
thr_session_count (ThrSession *self,
                   guint       month,
                   guint       counts[4])
{
  ThrContract *contract;

  g_return_if_fail (THR_IS_SESSION (self));

  memset (counts, 0, 4 * sizeof (guint));
  contract = thr_session_get_contract (self);
  if (contract == NULL || !thr_session_is_evaluated (self, month))
    return;
  for (guint i = 0; i < thr_contract_get_n_metrics (contract); i++)
    {
      const ThrResult *result = thr_session_get_result (self, month, thr_contract_get_metric (contract, i)->id);

      counts[result ? result->status : THR_STATUS_NO_DATA]++;
    }
}

GPtrArray *
thr_session_list_missed (ThrSession  *self,
                         guint        month,
                         const char  *metric_id,
                         GError     **error)
{
  ThrPeriod period;

  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  g_return_val_if_fail (month < self->months->len, NULL);

  if (!thr_period_parse (g_ptr_array_index (self->months, month), &period, error))
    return NULL;
  return thr_evaluator_list_missed (self->evaluator, metric_id, &period, NULL, error);
}

/* ---- the consequences' work, on a thread ----
 *
 * The ledger, each failure's CAP opened (thr_cap_sync_on) and the CAPs and
 * deadlines listed, all on a worker's connection; the main thread only
 * takes them (take_consequences ()).  The history's thread does it right
 * after its last month, so that the window gets the months and the
 * consequences in one turn of its main loop, one frame; the window's own
 * thread for them (thr_session_load_consequences_async ()) when it could not.
 */

/* What that work takes from the session when it starts: the months
 * evaluated so far, so that the ledger reads them instead of evaluating
 * them again; the history adds each month it evaluates. */
typedef struct {
  ThrSession *session;
  guint32     today;
  GPtrArray  *months;   /* of char*, YYYY-MM */
  GPtrArray  *results;  /* of GPtrArray of ThrResult*, or NULL, one per month */
} Consequences;

static void
consequences_free (Consequences *c)
{
  g_ptr_array_unref (c->results);
  g_ptr_array_unref (c->months);
  g_free (c);
}

static Consequences *
consequences_new (ThrSession *self)
{
  Consequences *c = g_new0 (Consequences, 1);

  c->session = self;
  c->today = thr_session_get_today (self);
  c->months = g_ptr_array_new_full (self->months->len, g_free);
  c->results = g_ptr_array_new_full (self->months->len, results_free);
  for (guint m = 0; m < self->months->len; m++)
    {
      GPtrArray *results = g_ptr_array_index (self->results, m);

      g_ptr_array_add (c->months, g_strdup (g_ptr_array_index (self->months, m)));
      g_ptr_array_add (c->results, results != NULL ? g_ptr_array_ref (results) : NULL);
    }
  return c;
}

static void
consequences_add_month (Consequences *c,
                        guint         month,
                        GPtrArray    *results)
{
  results_free (g_ptr_array_index (c->results, month));
  g_ptr_array_index (c->results, month) = g_ptr_array_ref (results);
}

static GPtrArray *
evaluated_month_cb (const ThrPeriod *month,
                    gpointer         user_data)
{
  Consequences *c = user_data;
  g_autofree char *label = thr_period_format (month);

  for (guint m = 0; m < c->months->len; m++)
    if (g_str_equal (g_ptr_array_index (c->months, m), label) && g_ptr_array_index (c->results, m) != NULL)
      return g_ptr_array_ref (g_ptr_array_index (c->results, m));
  g_atomic_int_inc (&c->session->n_ledger_evaluations);
  return NULL;
}

/* The consequences worked out, handed to the main thread whole. */
struct _Outcome {
  ThrLedger *ledger;
  GPtrArray *caps;       /* of ThrCap*, borrowing failures from the ledger */
  GPtrArray *deadlines;  /* of ThrDeadlineItem* */
  GError    *refusal;    /* a keep refused as the ledger evaluated months itself */
};

static void
outcome_free (Outcome *outcome)
{
  g_clear_error (&outcome->refusal);
  g_clear_pointer (&outcome->deadlines, g_ptr_array_unref);
  g_clear_pointer (&outcome->caps, g_ptr_array_unref);
  g_clear_pointer (&outcome->ledger, thr_ledger_free);
  g_free (outcome);
}

static Outcome *
work_out_consequences (ThrStore      *store,
                       Consequences  *c,
                       GError       **error)
{
  gint64 contract_id = c->session->contract_id;
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GPtrArray) caps = NULL;
  Outcome *outcome;

  /* The session's contract and calendar, which its results were evaluated
   * with, rather than the store's parsed again (a sixth of a kept
   * opening's load). */
  ledger = thr_ledger_compute_for_contract (store, contract_id, thr_evaluator_get_contract (c->session->evaluator),
                                            thr_evaluator_get_calendar (c->session->evaluator), NULL, NULL, c->today,
                                            evaluated_month_cb, c, error);
  /* Every failure of the ledger gets its CAP before the window lists them. */
  if (ledger == NULL || !thr_cap_sync_on (store, contract_id, ledger, c->today, NULL, error))
    return NULL;
  caps = thr_cap_list (store, contract_id, ledger, error);
  if (caps == NULL)
    return NULL;
  outcome = g_new0 (Outcome, 1);
  outcome->deadlines = thr_deadlines_collect (ledger, caps, c->today);
  outcome->caps = g_steal_pointer (&caps);
  outcome->ledger = g_steal_pointer (&ledger);
  return outcome;
}

/* The consequences of a load that has every month, on the session's
 * connection in the load's thread; NULL when they cannot be worked out
 * there (say the store is read-only and a CAP is due): the window then
 * works them out on a thread of their own, and says why if that fails. */
static Outcome *
work_out_loaded_consequences (ThrSession *self)
{
  g_autoptr(GError) error = NULL;
  Consequences *c = consequences_new (self);
  Outcome *outcome = work_out_consequences (self->store, c, &error);

  if (outcome == NULL)
    g_debug ("load: no consequences with the months: %s", error != NULL ? error->message : "");
  consequences_free (c);
  return outcome;
}

/* consequences-changed, then the ledger serial's notification, with the
 * CAPs and deadlines of the new ledger already in place for whoever
 * follows either: a view that follows the signal alone (as it must for a
 * CAP's edit) is up to date when the serial is notified. */
static void
take_consequences (ThrSession *self,
                   Outcome    *outcome)
{
  g_object_freeze_notify (G_OBJECT (self));
  /* The CAPs borrow the ledger's failures: drop them first. */
  g_clear_pointer (&self->deadlines, g_ptr_array_unref);
  g_clear_pointer (&self->caps, g_ptr_array_unref);
  g_clear_pointer (&self->ledger, thr_ledger_free);
  self->ledger = g_steal_pointer (&outcome->ledger);
  self->caps = g_steal_pointer (&outcome->caps);
  self->deadlines = g_steal_pointer (&outcome->deadlines);
  self->ledger_serial++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEDGER_SERIAL]);
  if (self->ledger_serial == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CONSEQUENCES]);
  g_signal_emit (self, signals[CONSEQUENCES_CHANGED], 0);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- the history ---- */

typedef struct {
  ThrSession   *session;
  guint         month;
  GPtrArray    *results;
  ThrEvaluator *evaluator;
} Delivery;

static void
delivery_free (Delivery *d)
{
  g_clear_pointer (&d->results, g_ptr_array_unref);
  g_object_unref (d->evaluator);
  g_object_unref (d->session);
  g_free (d);
}

static void
apply_delivery (Delivery *d)
{
  if (!g_cancellable_is_cancelled (d->session->history_cancellable) &&
      g_ptr_array_index (d->session->results, d->month) == NULL)
    {
      if (!g_ptr_array_find (d->session->evaluators, d->evaluator, NULL))
        g_ptr_array_insert (d->session->evaluators, 0, g_object_ref (d->evaluator));
      set_month_results (d->session, d->month, g_steal_pointer (&d->results));
      /* when each month reaches the window, for a benchmark's trace */
      g_debug ("history: %s shown", (const char *) g_ptr_array_index (d->session->months, d->month));
      g_signal_emit (d->session, signals[MONTH_EVALUATED], 0, d->month);
    }
}

/* How long a month done on a worker waits for the months done after it,
 * in ms.  Each batch the main thread takes is a frame of the grid; months
 * read from kept figures (a team store's: a file's come with the load)
 * come from both workers within tens of milliseconds of the first, so
 * they are taken together, at the history's end.  A month scanned afresh
 * comes seconds after the one before, and shows this much later, alone. */
#define HANDOVER_WAIT_MS 100

/* The months done on the workers and not yet taken by the main thread,
 * taken all at once: shared by the history's thread and the main
 * context's source that takes them. */
typedef struct {
  gatomicrefcount  ref;
  GMainContext    *context;
  GMutex           lock;
  GPtrArray       *pending;  /* of Delivery* */
  GSource         *source;   /* the one that will take them, or NULL */
  gint64           since;    /* when the first of them was done */
  ThrSession      *session;
  Outcome         *outcome;  /* the consequences, given with the last months */
  guint            n_months; /* the months the history evaluates */
  guint            n_taken;  /* of them, those the main thread has taken */
  gboolean         finished; /* the history is done: nothing more to wait for */
} Handover;

static Handover *
handover_new (GMainContext *context,
              ThrSession   *session,
              guint         n_months)
{
  Handover *handover = g_new0 (Handover, 1);

  handover->n_months = n_months;
  g_atomic_ref_count_init (&handover->ref);
  handover->session = g_object_ref (session);
  handover->context = g_main_context_ref (context);
  g_mutex_init (&handover->lock);
  handover->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) delivery_free);
  return handover;
}

static Handover *
handover_ref (Handover *handover)
{
  g_atomic_ref_count_inc (&handover->ref);
  return handover;
}

static void
handover_unref (Handover *handover)
{
  if (!g_atomic_ref_count_dec (&handover->ref))
    return;
  /* Deliveries are left only if the main context went before its source ran. */
  g_ptr_array_unref (handover->pending);
  g_clear_pointer (&handover->outcome, outcome_free);
  g_object_unref (handover->session);
  g_mutex_clear (&handover->lock);
  g_main_context_unref (handover->context);
  g_free (handover);
}

static gboolean
handover_take_cb (gpointer data)
{
  Handover *handover = data;
  g_autoptr(GPtrArray) taken = NULL;
  Outcome *outcome;
  gint64 since;

  g_mutex_lock (&handover->lock);
  if (handover->source == g_main_current_source ())
    g_clear_pointer (&handover->source, g_source_unref);
  /* The last months wait for the consequences, worked out right after
   * them, even when the wait for the months after the first is over. */
  if (!handover->finished && handover->n_taken + handover->pending->len == handover->n_months)
    {
      g_mutex_unlock (&handover->lock);
      return G_SOURCE_REMOVE;
    }
  handover->n_taken += handover->pending->len;
  since = handover->since;
  outcome = g_steal_pointer (&handover->outcome);
  taken = g_steal_pointer (&handover->pending);
  handover->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) delivery_free);
  g_mutex_unlock (&handover->lock);
  /* for a benchmark's trace: how many months each frame of the grid gets */
  if (taken->len > 0)
    g_debug ("history: %u months taken, the first done %.1f ms before", taken->len,
             (g_get_monotonic_time () - since) / 1000.0);
  for (guint i = 0; i < taken->len; i++)
    apply_delivery (g_ptr_array_index (taken, i));
  if (outcome != NULL && !g_cancellable_is_cancelled (handover->session->history_cancellable))
    take_consequences (handover->session, outcome);
  g_clear_pointer (&outcome, outcome_free);
  return G_SOURCE_REMOVE;
}

/* With the handover's lock held. */
static void
handover_schedule (Handover *handover,
                   GSource  *source)
{
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, handover_take_cb, handover_ref (handover), (GDestroyNotify) handover_unref);
  g_source_attach (source, handover->context);
  handover->source = source;
}

static void
handover_add (Handover *handover,
              Delivery *d)
{
  g_mutex_lock (&handover->lock);
  if (handover->pending->len == 0)
    handover->since = g_get_monotonic_time ();
  g_ptr_array_add (handover->pending, d);
  if (handover->source == NULL)
    handover_schedule (handover, g_timeout_source_new (HANDOVER_WAIT_MS));
  g_mutex_unlock (&handover->lock);
}

/* Every month is done: what waits stays for the consequences, worked out
 * next, rather than be a frame of its own. */
static void
handover_hold (Handover *handover)
{
  g_mutex_lock (&handover->lock);
  if (handover->source != NULL)
    {
      g_source_destroy (handover->source);
      g_clear_pointer (&handover->source, g_source_unref);
    }
  g_mutex_unlock (&handover->lock);
}

/* What waits, and the consequences (or NULL), are taken at once, before
 * the history's end reaches the main thread. */
static void
handover_finish (Handover *handover,
                 Outcome  *outcome)
{
  g_mutex_lock (&handover->lock);
  handover->outcome = outcome;
  handover->finished = TRUE;
  if (handover->pending->len > 0 || outcome != NULL)
    handover_schedule (handover, g_idle_source_new ());
  g_mutex_unlock (&handover->lock);
}

/* One worker of the history's pool: a read connection of its own (SQLite
 * connections are not shared between threads here) and an evaluator on it. */
typedef struct {
  ThrStore     *store;
  ThrEvaluator *evaluator;
  guint         n_months;  /* evaluated by this worker */
} Worker;

static void
worker_free (Worker *worker)
{
  g_clear_object (&worker->evaluator);
  g_clear_object (&worker->store);
  g_free (worker);
}

typedef struct {
  ThrSession   *session;
  GMainContext *context;
  GCancellable *cancellable;
  Handover     *handover;
  GAsyncQueue  *workers;   /* of Worker*, each opened by a pool thread, taken by one group at a time */
  GMutex        lock;
  GError       *error;     /* the first failure; the months after it are skipped */
  Consequences *consequences;  /* every month, for the ledger once they are done */
} History;

/* The page cache of a worker's connection, in KiB. */
#define WORKER_CACHE_KIB 8192

static Worker *
worker_new (ThrSession  *self,
            GError     **error)
{
  Worker *worker = g_new0 (Worker, 1);

  worker->store = thr_store_open (self->path, error);
  if (worker->store != NULL)
    {
      /* A run of months reads the tasks in one pass, in a cache of its
       * own, and the rest in index order, which follows the table's:
       * each worker's own 64 MB would be filled once, on top of the
       * window's. */
      thr_store_set_cache_size (worker->store, WORKER_CACHE_KIB);
      /* The session's contract and calendar, which nothing changes once
       * they are loaded: parsing the contract again took about 5 ms of
       * each worker's start, on the way to the history's first month,
       * and the months are then judged by the very definition the
       * latest month was. */
      worker->evaluator = thr_evaluator_new (worker->store, self->contract_id,
                                             thr_evaluator_get_contract (self->evaluator),
                                             thr_evaluator_get_calendar (self->evaluator));
      thr_evaluator_set_explain (worker->evaluator, FALSE);
    }
  if (worker->store == NULL)
    {
      worker_free (worker);
      return NULL;
    }
  thr_evaluator_set_today (worker->evaluator, thr_evaluator_get_today (self->evaluator));
  return worker;
}

static void
deliver (History      *history,
         guint         month,
         GPtrArray    *results,
         ThrEvaluator *evaluator)
{
  Delivery *d = g_new0 (Delivery, 1);

  d->session = g_object_ref (history->session);
  d->month = month;
  d->results = results;
  d->evaluator = g_object_ref (evaluator);
  g_mutex_lock (&history->lock);
  consequences_add_month (history->consequences, month, results);
  g_mutex_unlock (&history->lock);
  handover_add (history->handover, d);
}

static gboolean
history_failed (History *history)
{
  gboolean failed;

  g_mutex_lock (&history->lock);
  failed = history->error != NULL;
  g_mutex_unlock (&history->lock);
  return failed || g_cancellable_is_cancelled (history->cancellable);
}

/* The months one worker evaluates together (indexes into the session's). */
typedef struct {
  guint *months;
  guint  n_months;
} MonthGroup;

static void
month_group_free (MonthGroup *group)
{
  g_free (group->months);
  g_free (group);
}

static void
history_fail (History *history,
              GError  *error)
{
  g_mutex_lock (&history->lock);
  if (history->error == NULL)
    history->error = g_steal_pointer (&error);
  g_mutex_unlock (&history->lock);
  g_clear_error (&error);
}

static gboolean
parse_group (ThrSession       *self,
             const MonthGroup *group,
             ThrPeriod        *periods,
             GError          **error)
{
  for (guint i = 0; i < group->n_months; i++)
    if (!thr_period_parse (g_ptr_array_index (self->months, group->months[i]), &periods[i], error))
      return FALSE;
  return TRUE;
}

typedef struct {
  History          *history;
  const MonthGroup *group;
  ThrEvaluator     *evaluator;
} GroupDelivery;

static void
month_done_cb (guint      month,
               GPtrArray *results,
               gpointer   user_data)
{
  GroupDelivery *gd = user_data;

  deliver (gd->history, gd->group->months[month], results, gd->evaluator);
}

/* A group of the pool: its months are evaluated together, their records
 * read once for them all (thr_evaluator_evaluate_months_each ()), and each
 * is shown as soon as the scans are past its records; on N cores N groups
 * are scanned at once. */
static void
evaluate_months_cb (gpointer data,
                    gpointer user_data)
{
  History *history = user_data;
  MonthGroup *group = data;
  g_autofree ThrPeriod *periods = g_new0 (ThrPeriod, group->n_months + 1);
  GError *error = NULL;
  GroupDelivery gd = { history, group, NULL };
  Worker *worker;

  if (!parse_group (history->session, group, periods, &error))
    history_fail (history, error);
  if (history_failed (history))
    {
      month_group_free (group);
      return;
    }
  /* Each pool thread opens its own worker, so that the workers' stores
   * are opened and their contracts read side by side. */
  worker = g_async_queue_try_pop (history->workers);
  if (worker == NULL)
    worker = worker_new (history->session, &error);
  if (worker == NULL)
    {
      history_fail (history, error);
      month_group_free (group);
      return;
    }
  if (worker->n_months == 0)
    g_atomic_int_inc (&history->session->n_history_workers);
  worker->n_months += group->n_months;
  for (guint i = 0; i < group->n_months; i++)
    g_atomic_int_inc (&history->session->n_evaluations[group->months[i]]);
  gd.evaluator = worker->evaluator;
  if (!thr_evaluator_evaluate_months_each (worker->evaluator, periods, group->n_months, month_done_cb, &gd,
                                           history->cancellable, &error))
    history_fail (history, error);
  g_async_queue_push (history->workers, worker);
  month_group_free (group);
}

static guint
count_missing (ThrSession *self)
{
  guint n = 0;

  /* The months list never changes after loading; results are only read
   * here to skip months, and only written on the main thread. */
  for (guint m = 0; m < self->months->len; m++)
    n += g_ptr_array_index (self->results, m) == NULL;
  return n;
}

/* The history's workers when set (thr_session_set_history_workers), else 0. */
static gint history_workers;

void
thr_session_set_history_workers (guint n_workers)
{
  g_atomic_int_set (&history_workers, (gint) MIN (n_workers, 64));
}

/* One worker per processor, unless a test or a benchmark set a number to
 * run the same pool on any machine.  Read on the history's thread: an
 * environment variable, set by a test between two windows, was changed
 * while other threads read the environment (g_setenv () is not
 * thread-safe). */
static guint
count_workers (void)
{
  guint n = (guint) g_atomic_int_get (&history_workers);

  return n != 0 ? n : (guint) g_get_num_processors ();
}

/* The missing months in @n_groups runs of neighbours, newest first (the
 * months the overview shows first).  Neighbours, because a month's
 * clauses read the records of the months before it (A.3.k fourteen months
 * back): a run reads them once for all its months.  One run per worker:
 * each run's scans read the tables about once, whatever its length. */
static void
push_month_groups (ThrSession  *self,
                   GThreadPool *pool,
                   guint        n_groups)
{
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (guint));
  guint done = 0;

  if (pool == NULL)
    return;
  for (guint m = self->months->len; m-- > 0;)
    if (g_ptr_array_index (self->results, m) == NULL)
      g_array_append_val (missing, m);
  for (guint g = 0; g < n_groups && done < missing->len; g++)
    {
      MonthGroup *group = g_new0 (MonthGroup, 1);
      guint n = (missing->len - done + (n_groups - g) - 1) / (n_groups - g);

      group->months = g_memdup2 (&g_array_index (missing, guint, done), sizeof (guint) * n);
      group->n_months = n;
      done += n;
      g_thread_pool_push (pool, group, NULL);
    }
}

/* The consequences of every month, on a worker's connection once the
 * pool is done; NULL when a month failed, or they could not be worked out
 * here (the window then works them out on a thread of their own, and says
 * why if it fails again). */
static Outcome *
history_consequences (History *history)
{
  g_autoptr(GError) error = NULL;
  Worker *worker;
  Outcome *outcome;

  if (history_failed (history))
    return NULL;
  worker = g_async_queue_try_pop (history->workers);
  if (worker == NULL)
    return NULL;
  outcome = work_out_consequences (worker->store, history->consequences, &error);
  if (outcome == NULL)
    g_debug ("history: no consequences with the months: %s", error != NULL ? error->message : "");
  g_async_queue_push (history->workers, worker);
  return outcome;
}

/* The first keep a store refused in the history (the months are
 * delivered, and the consequences worked out, all the same): on a
 * worker's connection, by its months or the months the ledger evaluated
 * itself, or on the session's, by the latest month, evaluated on opening.
 * The workers are closed. */
static GError *
take_keep_refusal (History *history)
{
  GError *refusal = thr_store_take_keep_refusal (history->session->store);
  Worker *worker;

  while ((worker = g_async_queue_try_pop (history->workers)) != NULL)
    {
      GError *more = thr_store_take_keep_refusal (worker->store);

      if (refusal == NULL)
        refusal = more;
      else
        g_clear_error (&more);
      worker_free (worker);
    }
  return refusal;
}

/* The task's data: where the months are handed over, and the months the
 * session had evaluated when the history started. */
typedef struct {
  GMainContext *context;
  Consequences *consequences;
} HistoryStart;

static void
history_start_free (HistoryStart *start)
{
  g_main_context_unref (start->context);
  consequences_free (start->consequences);
  g_free (start);
}

static void
history_thread_cb (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ThrSession *self = source_object;
  HistoryStart *start = task_data;
  History history = { self, start->context, cancellable, handover_new (start->context, self, count_missing (self)),
                      NULL, { 0 }, NULL, start->consequences };
  guint n_workers = MAX (1, MIN (count_workers (), count_missing (self)));
  GThreadPool *pool;
  GError *error = NULL;

  g_mutex_init (&history.lock);
  history.workers = g_async_queue_new_full ((GDestroyNotify) worker_free);
  pool = g_thread_pool_new (evaluate_months_cb, &history, (gint) n_workers, FALSE, &error);
  push_month_groups (self, pool, n_workers);
  if (pool != NULL)
    g_thread_pool_free (pool, FALSE, TRUE);   /* waits for every month */
  handover_hold (history.handover);
  handover_finish (history.handover, error == NULL ? history_consequences (&history) : NULL);
  g_clear_pointer (&history.handover, handover_unref);
  if (error == NULL)
    error = history.error;
  else
    g_clear_error (&history.error);
  /* Said once the months and the consequences are in. */
  if (error == NULL)
    error = take_keep_refusal (&history);
  g_async_queue_unref (history.workers);
  g_mutex_clear (&history.lock);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
thr_session_evaluate_history_async (ThrSession          *self,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (THR_IS_SESSION (self));

  task = g_task_new (self, self->history_cancellable, callback, user_data);
  g_task_set_source_tag (task, thr_session_evaluate_history_async);
  if (self->evaluator == NULL || thr_session_is_complete (self))
    {
      /* Every month came with the load, the latest month's keep with it. */
      GError *refusal = thr_store_take_keep_refusal (self->store);

      if (refusal != NULL)
        g_task_return_error (task, refusal);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  {
    HistoryStart *start = g_new0 (HistoryStart, 1);

    start->context = g_main_context_ref_thread_default ();
    start->consequences = consequences_new (self);
    g_task_set_task_data (task, start, (GDestroyNotify) history_start_free);
  }
  g_task_run_in_thread (task, history_thread_cb);
}

gboolean
thr_session_evaluate_history_finish (ThrSession    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
thr_session_cancel (ThrSession *self)
{
  g_return_if_fail (THR_IS_SESSION (self));
  g_cancellable_cancel (self->history_cancellable);
}

/* ---- consequences ---- */

static void
consequences_thread_cb (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ThrSession *self = source_object;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (self->path, &error);
  Outcome *outcome = store != NULL ? work_out_consequences (store, task_data, &error) : NULL;

  if (outcome != NULL)
    outcome->refusal = thr_store_take_keep_refusal (store);
  if (outcome == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

void
thr_session_load_consequences_async (ThrSession          *self,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (THR_IS_SESSION (self));

  task = g_task_new (self, self->history_cancellable, callback, user_data);
  g_task_set_source_tag (task, thr_session_load_consequences_async);
  if (self->evaluator == NULL || self->months->len == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_set_task_data (task, consequences_new (self), (GDestroyNotify) consequences_free);
  g_task_run_in_thread (task, consequences_thread_cb);
}

gboolean
thr_session_load_consequences_finish (ThrSession    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  Outcome *outcome;
  GError *local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  outcome = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (outcome == NULL)
    return TRUE;
  take_consequences (self, outcome);
  /* Taken all the same: the figures are right, only not kept. */
  if (outcome->refusal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&outcome->refusal));
      outcome_free (outcome);
      return FALSE;
    }
  outcome_free (outcome);
  return TRUE;
}

gboolean
thr_session_has_consequences (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), FALSE);
  return self->ledger != NULL;
}

ThrLedger *
thr_session_get_ledger (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  return self->ledger;
}

guint
thr_session_get_ledger_serial (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), 0);
  return self->ledger_serial;
}

GPtrArray *
thr_session_get_caps (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  return self->caps;
}

const ThrCap *
thr_session_find_cap (ThrSession *self,
                      const char *metric_id,
                      const char *failure_month)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);

  for (guint i = 0; self->caps != NULL && i < self->caps->len; i++)
    {
      const ThrCap *cap = g_ptr_array_index (self->caps, i);

      if (g_strcmp0 (cap->metric, metric_id) != 0)
        continue;
      if (g_strcmp0 (cap->failure_month, failure_month) == 0)
        return cap;
      /* A repeat miss inside a window belongs to that window's CAP. */
      for (guint j = 0; cap->failure != NULL && j < cap->failure->repeat_misses->len; j++)
        if (g_strcmp0 (g_ptr_array_index (cap->failure->repeat_misses, j), failure_month) == 0)
          return cap;
    }
  return NULL;
}

const ThrCap *
thr_session_get_cap_by_id (ThrSession *self,
                           gint64      cap_id)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);

  for (guint i = 0; self->caps != NULL && i < self->caps->len; i++)
    if (((ThrCap *) g_ptr_array_index (self->caps, i))->id == cap_id)
      return g_ptr_array_index (self->caps, i);
  return NULL;
}

GPtrArray *
thr_session_get_deadlines (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), NULL);
  return self->deadlines;
}

guint32
thr_session_get_demo_today (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), 0);
  return self->demo_today;
}

guint32
thr_session_get_today (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), 0);
  return self->evaluator ? thr_evaluator_get_today (self->evaluator) : 0;
}

gboolean
thr_session_reload_caps (ThrSession  *self,
                         GError     **error)
{
  g_autoptr(GPtrArray) caps = NULL;

  g_return_val_if_fail (THR_IS_SESSION (self), FALSE);
  g_return_val_if_fail (self->ledger != NULL, FALSE);

  caps = thr_cap_list (self->store, self->contract_id, self->ledger, error);
  if (caps == NULL)
    return FALSE;
  g_clear_pointer (&self->deadlines, g_ptr_array_unref);
  g_clear_pointer (&self->caps, g_ptr_array_unref);
  self->caps = g_steal_pointer (&caps);
  self->deadlines = thr_deadlines_collect (self->ledger, self->caps, thr_session_get_today (self));
  g_signal_emit (self, signals[CONSEQUENCES_CHANGED], 0);
  return TRUE;
}

guint
thr_session_get_n_evaluations (ThrSession *self,
                               guint       month)
{
  g_return_val_if_fail (THR_IS_SESSION (self), 0);
  g_return_val_if_fail (month < self->months->len, 0);
  return (guint) g_atomic_int_get (&self->n_evaluations[month]);
}

guint
thr_session_get_n_history_workers (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), 0);
  return (guint) g_atomic_int_get (&self->n_history_workers);
}

guint
thr_session_get_n_ledger_evaluations (ThrSession *self)
{
  g_return_val_if_fail (THR_IS_SESSION (self), 0);
  return (guint) g_atomic_int_get (&self->n_ledger_evaluations);
}

/* How many sessions still hold their store: work running on a thread (the
 * history's workers, the consequences) keeps its session until the main
 * loop hears that it ended. */
guint
thr_session_count_alive (void)
{
  return (guint) g_atomic_int_get (&n_alive);
}
