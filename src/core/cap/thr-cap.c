/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cap.c — Corrective Action Plans in the store, with an audit trail
 *
 * Every write goes through one transaction that also appends to cap_audit,
 * so the trail can never miss a change.
 */
#define G_LOG_DOMAIN "thr-cap"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "thr-cap.h"
#include "thr-enum-nick.h"
#include "thr-store-caps.h"
#include "thr-history.h"
#include "thr-ledger-stakes.h"
#include "thr-person.h"
#include "thr-store-rights.h"
#include "thr-values.h"

/* Section: freeing */

static void
action_free (ThrCapAction *action)
{
  g_free (action->description);
  g_free (action->owner);
  g_free (action);
}

void
thr_cap_free (ThrCap *cap)
{
  if (cap == NULL)
    return;
  g_free (cap->metric);
  g_free (cap->failure_month);
  g_free (cap->deficiency);
  g_free (cap->root_cause);
  g_free (cap->monitoring);
  g_free (cap->evidence);
  g_free (cap->signatories);
  g_free (cap->failure_undone_at);
  g_free (cap->close_reason);
  g_clear_pointer (&cap->actions, g_ptr_array_unref);
  g_clear_pointer (&cap->readings, g_ptr_array_unref);
  g_free (cap);
}

void
thr_cap_audit_free (ThrCapAudit *audit)
{
  if (audit == NULL)
    return;
  g_free (audit->at);
  g_free (audit->field);
  g_free (audit->old_value);
  g_free (audit->new_value);
  g_free (audit->author);
  g_free (audit);
}

ThrCapOutcome
thr_cap_get_outcome (const ThrCap *cap)
{
  g_return_val_if_fail (cap != NULL, THR_CAP_OUTCOME_UNKNOWN);

  if (cap->failure == NULL)
    return cap->failure_undone_at != NULL ? THR_CAP_OUTCOME_UNDONE : THR_CAP_OUTCOME_UNKNOWN;
  switch (cap->failure->outcome)
    {
    case THR_WINDOW_OPEN: return THR_CAP_OUTCOME_OPEN;
    case THR_WINDOW_RESOLVED: return THR_CAP_OUTCOME_RESOLVED;
    case THR_WINDOW_FAILED: return THR_CAP_OUTCOME_FAILED;
    default: g_return_val_if_reached (THR_CAP_OUTCOME_UNKNOWN);
    }
}

const char *
thr_cap_outcome_to_string (ThrCapOutcome outcome)
{
  return thr_enum_to_nick (THR_TYPE_CAP_OUTCOME, outcome);
}

const char *
thr_cap_outcome_get_label (ThrCapOutcome outcome)
{
  switch (outcome)
    {
    case THR_CAP_OUTCOME_OPEN: return C_("CAP outcome", "Open");
    case THR_CAP_OUTCOME_RESOLVED: return C_("CAP outcome", "Resolved");
    case THR_CAP_OUTCOME_FAILED: return C_("CAP outcome", "Failed");
    case THR_CAP_OUTCOME_UNDONE: return C_("CAP outcome", "Undone");
    case THR_CAP_OUTCOME_UNKNOWN: return C_("CAP outcome", "Unknown");
    default: g_return_val_if_reached (NULL);
    }
}

static ThrCapTone
tone_of_failure_state (ThrLedgerFailureState state)
{
  switch (state)
    {
    case THR_LEDGER_FAILURE_STATE_RETAINED: return THR_CAP_TONE_ERROR;
    case THR_LEDGER_FAILURE_STATE_RELEASED: return THR_CAP_TONE_SUCCESS;
    case THR_LEDGER_FAILURE_STATE_OPEN: return THR_CAP_TONE_NEUTRAL;
    case THR_LEDGER_FAILURE_STATE_AWAITING_IMPLEMENTATION:
    case THR_LEDGER_FAILURE_STATE_AWAITING_VERIFICATION:
    case THR_LEDGER_FAILURE_STATE_HELD_FOR_OTHERS:
    default: return THR_CAP_TONE_WARNING;
    }
}

/* ¶4.i withholds "until Contractor demonstrates that the CAP has been
 * implemented and further successfully meets the missed Metrics for two
 * consecutive months", and ¶4.ii releases only "following verification
 * that the missed Metric(s) have been met for two consecutive months".  A
 * window met twice whose CAP is not implemented, or whose months are not
 * verified or are held for another failure, has not released its money,
 * so the list says what the ledger says of the same failure. */
const char *
thr_cap_get_state_label (const ThrCap *cap,
                         ThrLedger    *ledger,
                         ThrCapTone   *tone)
{
  ThrLedgerFailureState state;

  g_return_val_if_fail (cap != NULL, NULL);

  if (cap->failure == NULL || ledger == NULL)
    {
      if (tone != NULL)
        *tone = THR_CAP_TONE_NEUTRAL;
      return thr_cap_outcome_get_label (thr_cap_get_outcome (cap));
    }
  state = thr_ledger_failure_get_state (ledger, cap->failure);
  if (tone != NULL)
    *tone = tone_of_failure_state (state);
  return thr_ledger_failure_state_get_label (state);
}

/* Section: helpers */

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

static gboolean
audit (ThrStore    *store,
       gint64       cap_id,
       const char  *field,
       const char  *old_value,
       const char  *new_value,
       GError     **error)
{
  g_autofree char *now = now_iso ();

  return thr_store_append_cap_audit (store, cap_id, now, thr_cap_get_author (), field, old_value, new_value, error);
}

/* A user's change: undoing an import keeps a CAP someone wrote in. */
static gboolean
mark_edited (ThrStore  *store,
             gint64     cap_id,
             GError   **error)
{
  g_autofree char *now = now_iso ();

  return thr_store_set_cap_field (store, cap_id, "edited_at", now, error);
}

/* Runs with a transaction around it; rolls back when the body fails. */
static gboolean
finish (ThrStore  *store,
        gboolean   ok,
        GError   **error)
{
  if (ok && thr_store_commit (store, error))
    return TRUE;
  thr_store_rollback (store);
  return FALSE;
}

/* Section: saving over someone else's change */

/* THR_STORE_ERROR_CONFLICT, in the trail's words: its last line is the
 * change this save would have overwritten. */
static gboolean
set_conflict_error (ThrStore  *store,
                    gint64     cap_id,
                    GError   **error)
{
  g_autoptr(GPtrArray) trail = thr_cap_get_audit (store, cap_id, NULL);
  g_autofree char *last = NULL;

  if (trail != NULL && trail->len > 0)
    last = thr_cap_audit_describe (g_ptr_array_index (trail, trail->len - 1), NULL);
  if (last != NULL)
    /* Translators: %s is the last change of the CAP, as its audit trail
     * says it: "Root cause changed by Ana Ruiz on 1 December 2026 at 10:15" */
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_CONFLICT,
                 _("Someone else changed this CAP after you opened it (%s); your change was not saved."), last);
  else
    g_set_error_literal (error, THR_STORE_ERROR, THR_STORE_ERROR_CONFLICT,
                         _("Someone else changed this CAP after you opened it; your change was not saved."));
  return FALSE;
}

/* Inside the save's transaction, which holds the store's write lock: is
 * the CAP still at the version its editor loaded?  NULL saves over
 * whatever is there. */
static gboolean
check_version (ThrStore      *store,
               gint64         cap_id,
               const gint64  *version,
               GError       **error)
{
  gint64 stored;

  if (version == NULL)
    return TRUE;
  if (!thr_store_get_cap_version (store, cap_id, &stored, error))
    return FALSE;
  if (stored != *version)
    return set_conflict_error (store, cap_id, error);
  return TRUE;
}

/* finish(), then the version the save left, for the editor's next save. */
static gboolean
finish_checked (ThrStore  *store,
                gint64     cap_id,
                gboolean   ok,
                gint64    *version,
                GError   **error)
{
  gint64 saved = 0;

  if (ok && version != NULL)
    ok = thr_store_get_cap_version (store, cap_id, &saved, error);
  if (!finish (store, ok, error))
    return FALSE;
  if (version != NULL)
    *version = saved;
  return TRUE;
}

/* Section: opening CAPs from the ledger */

/* The contract's local date of a stored UTC timestamp ("2018-05-03T04:10:00Z"
 * is 2018-05-03 in Indianapolis, but "2018-05-03T02:00:00Z" is still the 2nd). */
static guint32
local_day_of (const char *iso,
              GTimeZone  *tz)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) at = iso != NULL ? g_date_time_new_from_iso8601 (iso, utc) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (at == NULL)
    return 0;
  local = g_date_time_to_timezone (at, tz);
  return thr_day_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local));
}

/* The program's today in the contract's time zone, when none was given. */
static guint32
today_in (GTimeZone *tz)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  return thr_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now));
}

/* When the contract's imports came, as local days, read once for every
 * failure of a sync or a listing (not once per failure: a store of a few
 * years holds hundreds of imports and failures). */
typedef struct {
  GArray     *days;         /* guint32, ascending: every import */
  GHashTable *results_day;  /* period label → GUINT_TO_POINTER (day its reported figures first came) */
} ImportDays;

static void
import_days_clear (ImportDays *imports)
{
  g_clear_pointer (&imports->days, g_array_unref);
  g_clear_pointer (&imports->results_day, g_hash_table_unref);
}

static gboolean
import_days_load (ThrStore    *store,
                  gint64       contract_id,
                  GTimeZone   *tz,
                  ImportDays  *imports,
                  GError     **error)
{
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(GHashTable) firsts = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!thr_history_import_times (store, contract_id, &times, &firsts, error))
    return FALSE;
  imports->days = g_array_sized_new (FALSE, FALSE, sizeof (guint32), times->len);
  imports->results_day = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < times->len; i++)
    {
      guint32 day = local_day_of (g_ptr_array_index (times, i), tz);
      g_array_append_val (imports->days, day);
    }
  g_hash_table_iter_init (&iter, firsts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (imports->results_day, g_strdup (key), GUINT_TO_POINTER (local_day_of (value, tz)));
  return TRUE;
}

/* The day of the first import after `last`, or 0. */
static guint32
first_import_after (const ImportDays *imports,
                    guint32           last)
{
  guint lo = 0, hi = imports->days->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (imports->days, guint32, mid) > last)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo < imports->days->len ? g_array_index (imports->days, guint32, lo) : 0;
}

/* ¶3's example has January "verified in February": the last day of the
 * month after the failure month. */
static guint32
verification_day (const ThrPeriod *month)
{
  return thr_day_month_end (thr_day_add_months (month->first, 1));
}

/* ¶4 counts from "the documentation of failure"; by default that is the
 * day the month's results were first imported (the metric report with the
 * month's figures, else the first import after the month ended), as a
 * date in the contract's time zone, never later than the program's today
 * (a store worked "as of" an earlier day, as the demo is, documents its
 * failures that day at the latest).  With no import after the month yet,
 * a month already over is documented today.
 *
 * Results that first came after the failure's corrective window had ended
 * (¶4.i's "four month period", so history brought into a store, years
 * old perhaps) cannot date the State's documentation: under the reading
 * late_results_documented_on = verification_day such a failure is taken
 * as documented on its month's verification day, not on the import day
 * or today.  *by_reading says whether the reading decided the day. */
static guint32
default_documented_on (const ImportDays *imports,
                       const char       *month,
                       guint32           today,
                       gboolean          history_verified,
                       gboolean         *by_reading)
{
  ThrPeriod period;
  guint32 day, window_end;

  *by_reading = FALSE;
  if (!thr_period_parse_kind (month, THR_PERIOD_MONTH, &period, NULL))
    return 0;
  day = GPOINTER_TO_UINT (g_hash_table_lookup (imports->results_day, month));
  if (day == 0)
    day = first_import_after (imports, period.last);
  if (day == 0 && today > period.last)
    day = today;
  if (day == 0)
    return 0;
  /* A store worked "as of" an earlier today took the results that day. */
  day = MIN (day, today);
  window_end = thr_day_month_end (thr_day_add_months (period.first, 4));
  if (history_verified && day > window_end)
    {
      day = verification_day (&period);
      *by_reading = TRUE;
    }
  return day;
}

static gboolean
history_verified (ThrContract *contract)
{
  return g_strcmp0 (thr_contract_get_interpretation (contract, "late_results_documented_on"),
                    "verification_day") == 0;
}

/* A kept CAP whose failure an undo took away has it again (the data came
 * back): the mark goes, and the trail says so. */
static gboolean
clear_undone_mark (ThrStore                *store,
                   gint64                   contract_id,
                   const ThrLedgerFailure  *failure,
                   GError                 **error)
{
  g_autofree char *was = NULL;
  gint64 cap_id = 0;

  if (!thr_store_find_undone_cap (store, contract_id, failure->metric, failure->failure_label,
                                  &cap_id, &was, error))
    return FALSE;
  if (cap_id == 0)
    return TRUE;
  return thr_store_set_cap_field (store, cap_id, "failure_undone_at", NULL, error) &&
         audit (store, cap_id, "failure_undone_at", was, NULL, error);
}

static gboolean
open_cap (ThrStore                *store,
          gint64                   contract_id,
          const ThrLedgerFailure  *failure,
          guint32                  documented_on,
          gboolean                *opened,
          GError                 **error)
{
  g_autofree char *documented = documented_on != 0 ? thr_day_format (documented_on) : NULL;
  g_autofree char *now = now_iso ();
  g_autofree char *what = NULL;
  gint64 cap_id = 0;

  if (!thr_store_insert_cap (store, contract_id, failure->metric, failure->failure_label, documented, now,
                             &cap_id, error))
    return FALSE;
  *opened = cap_id != 0;
  if (!*opened)
    return TRUE;
  what = g_strdup_printf ("%s missed in %s", failure->metric, failure->failure_label);
  return audit (store, cap_id, "opened", NULL, what, error) &&
         (documented == NULL || audit (store, cap_id, "documented_on", NULL, documented, error));
}

/* "metric\nYYYY-MM" of the contract's CAPs → whether an undo marked it. */
static GHashTable *
existing_caps (ThrStore  *store,
               gint64     contract_id,
               GError   **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) caps = thr_store_list_caps (store, contract_id, error);

  if (caps == NULL)
    return NULL;
  for (guint i = 0; i < caps->len; i++)
    {
      const ThrStoreCap *cap = g_ptr_array_index (caps, i);

      g_hash_table_insert (keys, g_strdup_printf ("%s\n%s", cap->metric, cap->failure_month),
                           GINT_TO_POINTER (cap->failure_undone_at != NULL));
    }
  return g_steal_pointer (&keys);
}

/* A failure that has its CAP needs nothing, unless an undo had marked it
 * (the data came back); one without gets its CAP, documented by default. */
static gboolean
sync_failure (ThrStore                *store,
              gint64                   contract_id,
              const ThrLedgerFailure  *failure,
              GHashTable              *existing,
              ImportDays              *imports,
              GTimeZone               *tz,
              guint32                  today,
              gboolean                 verified_reading,
              gboolean                *opened,
              GError                 **error)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", failure->metric, failure->failure_label);
  gpointer marked;
  gboolean by_reading;

  *opened = FALSE;
  if (g_hash_table_lookup_extended (existing, key, NULL, &marked))
    return !GPOINTER_TO_INT (marked) || clear_undone_mark (store, contract_id, failure, error);
  if (imports->days == NULL && !import_days_load (store, contract_id, tz, imports, error))
    return FALSE;
  return open_cap (store, contract_id, failure,
                   default_documented_on (imports, failure->failure_label, today, verified_reading, &by_reading),
                   opened, error);
}

gboolean
thr_cap_sync_on (ThrStore   *store,
                 gint64      contract_id,
                 ThrLedger  *ledger,
                 guint32     today,
                 guint      *n_opened,
                 GError    **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GHashTable) existing = NULL;
  ImportDays imports = { NULL, NULL };
  GPtrArray *failures;
  gboolean verified_reading;
  gboolean ok;
  guint n = 0;

  g_return_val_if_fail (THR_IS_STORE (store), FALSE);
  g_return_val_if_fail (ledger != NULL, FALSE);

  tz = thr_time_zone_new (thr_contract_get_timezone (thr_ledger_get_contract (ledger)));
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  if (today == 0)
    today = today_in (tz);
  failures = thr_ledger_get_failures (ledger);
  verified_reading = history_verified (thr_ledger_get_contract (ledger));
  if (n_opened != NULL)
    *n_opened = 0;
  /* On a team store a viewer (and an administrator who is nothing else)
   * may not open CAPs: the figures and the CAPs already opened still
   * show, and whoever edits or imports opens the missing ones. */
  if (!thr_store_can (store, THR_STORE_RIGHT_EDIT) && !thr_store_can (store, THR_STORE_RIGHT_IMPORT))
    return TRUE;
  if (!thr_store_begin (store, error))
    return FALSE;
  existing = existing_caps (store, contract_id, error);
  ok = existing != NULL;
  for (guint i = 0; ok && i < failures->len; i++)
    {
      gboolean opened = FALSE;

      ok = sync_failure (store, contract_id, g_ptr_array_index (failures, i), existing, &imports, tz, today,
                         verified_reading, &opened, error);
      n += opened ? 1 : 0;
    }
  import_days_clear (&imports);
  if (!finish (store, ok, error))
    return FALSE;
  if (n_opened != NULL)
    *n_opened = n;
  return TRUE;
}

gboolean
thr_cap_sync (ThrStore   *store,
              gint64      contract_id,
              ThrLedger  *ledger,
              guint      *n_opened,
              GError    **error)
{
  return thr_cap_sync_on (store, contract_id, ledger, 0, n_opened, error);
}

/* Section: undoing an import */

static gboolean
has_failure (ThrLedger  *ledger,
             const char *metric,
             const char *month)
{
  GPtrArray *failures = thr_ledger_get_failures (ledger);

  for (guint i = 0; i < failures->len; i++)
    {
      const ThrLedgerFailure *f = g_ptr_array_index (failures, i);

      if (g_str_equal (f->metric, metric) && g_str_equal (f->failure_label, month))
        return TRUE;
    }
  return FALSE;
}

static gboolean
mark_undone (ThrStore  *store,
             gint64     cap_id,
             gint64     import_id,
             GError   **error)
{
  g_autofree char *now = now_iso ();
  g_autofree char *why = g_strdup_printf ("import %" G_GINT64_FORMAT " undone", import_id);

  return thr_store_set_cap_field (store, cap_id, "failure_undone_at", now, error) &&
         audit (store, cap_id, "failure_undone_at", why, now, error);
}

/* The CAPs of failures that were in `before` and are not in `after`:
 * what only the undone import brought.  One nobody edited goes (its
 * trail and actions with it); an edited one stays, marked.  Inside the
 * undo's transaction. */
static gboolean
settle_undone_caps (ThrStore          *store,
                    gint64             contract_id,
                    gint64             import_id,
                    ThrLedger         *before,
                    ThrLedger         *after,
                    ThrCapUndoResult  *result,
                    GError           **error)
{
  g_autoptr(GPtrArray) caps = thr_cap_list (store, contract_id, NULL, error);
  gboolean ok = caps != NULL;

  for (guint i = 0; ok && i < caps->len; i++)
    {
      const ThrCap *cap = g_ptr_array_index (caps, i);

      if (!has_failure (before, cap->metric, cap->failure_month) ||
          has_failure (after, cap->metric, cap->failure_month))
        continue;
      if (!cap->edited)
        {
          ok = thr_store_delete_cap (store, cap->id, error);
          result->n_caps_removed++;
        }
      else if (cap->failure_undone_at == NULL)
        {
          ok = mark_undone (store, cap->id, import_id, error);
          result->n_caps_marked++;
        }
    }
  return ok;
}

gboolean
thr_cap_undo_import (ThrStore          *store,
                     gint64             contract_id,
                     gint64             import_id,
                     guint32            today,
                     ThrCapUndoResult  *result,
                     GError           **error)
{
  g_autoptr(ThrLedger) before = NULL;
  g_autoptr(ThrLedger) after = NULL;
  ThrCapUndoResult r = { 0 };

  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  before = thr_ledger_compute_for_store (store, contract_id, NULL, NULL, today, error);
  if (before == NULL || !thr_store_check_right (store, THR_STORE_RIGHT_IMPORT, error) ||
      !thr_store_begin (store, error))
    return FALSE;
  /* One transaction: a store that fails or refuses while the CAPs are
   * settled keeps the import as well, never the import gone and its CAPs
   * still open.  The ledger after the undo is read inside it, from the
   * same connection, so it sees the undo; the figures it works out again
   * are not kept there (thr_store_keep_figures does not write inside a
   * transaction) but when the store is next evaluated. */
  after = thr_history_undo_import_within (store, contract_id, import_id, &r.n_rows, error)
          ? thr_ledger_compute_for_store (store, contract_id, NULL, NULL, today, error) : NULL;
  if (!finish (store, after != NULL && settle_undone_caps (store, contract_id, import_id, before, after, &r, error),
               error))
    return FALSE;
  if (result != NULL)
    *result = r;
  return TRUE;
}

/* A person's edit of a CAP: on a team store only an editor may (roles.sql),
 * and anyone else is told so in words before anything is written. */
static gboolean
begin_edit (ThrStore  *store,
            GError   **error)
{
  return thr_store_check_right (store, THR_STORE_RIGHT_EDIT, error) && thr_store_begin (store, error);
}

/* Section: reading */

static gboolean
load_actions (ThrStore  *store,
              ThrCap    *cap,
              GError   **error)
{
  g_autoptr(GPtrArray) rows = thr_store_list_cap_actions (store, cap->id, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      ThrStoreCapAction *row = g_ptr_array_index (rows, i);
      ThrCapAction *action = g_new0 (ThrCapAction, 1);

      action->id = row->id;
      action->description = g_steal_pointer (&row->description);
      action->owner = g_steal_pointer (&row->owner);
      action->due_on = row->due_on;
      action->done_on = row->done_on;
      g_ptr_array_add (cap->actions, action);
    }
  return TRUE;
}

static ThrLedgerFailure *
find_failure (ThrLedger  *ledger,
              const char *metric,
              const char *month)
{
  GPtrArray *failures;

  if (ledger == NULL)
    return NULL;
  failures = thr_ledger_get_failures (ledger);
  for (guint i = 0; i < failures->len; i++)
    {
      ThrLedgerFailure *f = g_ptr_array_index (failures, i);

      if (g_str_equal (f->metric, metric) && g_str_equal (f->failure_label, month))
        return f;
    }
  return NULL;
}

static ThrCap *
cap_from_store (ThrStoreCap *row)
{
  ThrCap *cap = g_new0 (ThrCap, 1);

  cap->readings = g_ptr_array_new_with_free_func (g_free);
  cap->id = row->id;
  cap->metric = g_steal_pointer (&row->metric);
  cap->failure_month = g_steal_pointer (&row->failure_month);
  cap->documented_on = row->documented_on;
  cap->submitted_on = row->submitted_on;
  cap->approved_on = row->approved_on;
  cap->implemented_on = row->implemented_on;
  cap->deficiency = g_steal_pointer (&row->deficiency);
  cap->root_cause = g_steal_pointer (&row->root_cause);
  cap->monitoring = g_steal_pointer (&row->monitoring);
  cap->evidence = g_steal_pointer (&row->evidence);
  cap->signatories = g_steal_pointer (&row->signatories);
  cap->edited = row->edited;
  cap->failure_undone_at = g_steal_pointer (&row->failure_undone_at);
  cap->closed_on = row->closed_on;
  cap->close_reason = g_steal_pointer (&row->close_reason);
  cap->row_version = row->row_version;
  cap->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) action_free);
  /* ¶4: due "within fifteen (15) calendar days following the
   * documentation"; reviewed "within ten (10) calendar days of the CAP
   * being received". */
  if (cap->documented_on != 0)
    cap->cap_due = cap->documented_on + THR_CAP_DUE_DAYS;
  if (cap->submitted_on != 0)
    cap->review_due = cap->submitted_on + THR_CAP_REVIEW_DAYS;
  return cap;
}

/* A CAP whose documented_on is the default that late_results_documented_on
 * chose (its month's results came after its corrective window) names the
 * reading, whichever value it has, as every figure a reading decides does. */
static gboolean
note_documented_readings (ThrStore     *store,
                          gint64        contract_id,
                          ThrContract  *contract,
                          GPtrArray    *caps,
                          GError      **error)
{
  g_autoptr(GTimeZone) tz = thr_time_zone_new (thr_contract_get_timezone (contract));
  ImportDays imports = { NULL, NULL };
  gboolean verified = history_verified (contract);

  if (caps->len == 0)
    return TRUE;
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  if (!import_days_load (store, contract_id, tz, &imports, error))
    return FALSE;
  for (guint i = 0; i < caps->len; i++)
    {
      ThrCap *cap = g_ptr_array_index (caps, i);
      gboolean late = FALSE, unused;
      guint32 reading_day;

      /* Whether the reading applies at all, then the day its value gives. */
      default_documented_on (&imports, cap->failure_month, G_MAXUINT32, TRUE, &late);
      reading_day = default_documented_on (&imports, cap->failure_month, G_MAXUINT32, verified, &unused);
      if (late && cap->documented_on != 0 && cap->documented_on == reading_day)
        g_ptr_array_add (cap->readings, g_strdup ("late_results_documented_on"));
    }
  import_days_clear (&imports);
  return TRUE;
}

GPtrArray *
thr_cap_list (ThrStore   *store,
              gint64      contract_id,
              ThrLedger  *ledger,
              GError    **error)
{
  g_autoptr(GPtrArray) caps = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_cap_free);
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);

  rows = thr_store_list_caps (store, contract_id, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      ThrCap *cap = cap_from_store (g_ptr_array_index (rows, i));

      g_ptr_array_add (caps, cap);
      if (!load_actions (store, cap, error))
        return NULL;
      cap->failure = find_failure (ledger, cap->metric, cap->failure_month);
    }
  if (ledger != NULL && !note_documented_readings (store, contract_id, thr_ledger_get_contract (ledger), caps, error))
    return NULL;
  return g_steal_pointer (&caps);
}

GPtrArray *
thr_cap_get_audit (ThrStore  *store,
                   gint64     cap_id,
                   GError   **error)
{
  g_autoptr(GPtrArray) trail = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_cap_audit_free);
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);

  rows = thr_store_list_cap_audit (store, cap_id, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      ThrStoreCapAudit *row = g_ptr_array_index (rows, i);
      ThrCapAudit *a = g_new0 (ThrCapAudit, 1);

      a->at = g_steal_pointer (&row->at);
      a->field = g_steal_pointer (&row->field);
      a->old_value = g_steal_pointer (&row->old_value);
      a->new_value = g_steal_pointer (&row->new_value);
      a->author = g_steal_pointer (&row->author);
      g_ptr_array_add (trail, a);
    }
  return g_steal_pointer (&trail);
}

/* Section: changing */

static const char * const date_fields[] = {
  "documented_on", "submitted_on", "approved_on", "implemented_on", "closed_on", NULL
};
static const char * const text_fields[] = {
  "deficiency", "root_cause", "monitoring", "evidence", "signatories", "close_reason", NULL
};

static gboolean
check_field (const char  *field,
             const char  *value,
             GError     **error)
{
  guint32 day;

  if (g_strv_contains (text_fields, field))
    return TRUE;
  if (!g_strv_contains (date_fields, field))
    {
      g_autofree char *quoted = thr_value_quote (field);

      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND,
                   "a CAP has no field %s (documented_on, submitted_on, approved_on, implemented_on, "
                   "closed_on, deficiency, root_cause, monitoring, evidence, signatories or close_reason)", quoted);
      return FALSE;
    }
  if (*value != '\0' && !thr_day_parse_iso (value, &day))
    {
      g_autofree char *quoted = thr_value_quote (value);

      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND,
                   "%s must be a date YYYY-MM-DD, not %s", field, quoted);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_field (ThrStore    *store,
             gint64       cap_id,
             const char  *field,
             const char  *value,
             GError     **error)
{
  g_autofree char *old = NULL;
  gboolean is_date = g_strv_contains (date_fields, field);
  const char *stored = is_date && *value == '\0' ? NULL : value;

  if (!thr_store_get_cap_field (store, cap_id, field, &old, error))
    return FALSE;
  if (g_strcmp0 (old, stored) == 0)
    return TRUE;   /* no change, nothing to audit */
  return thr_store_set_cap_field (store, cap_id, field, stored, error) &&
         audit (store, cap_id, field, old, stored, error) &&
         mark_edited (store, cap_id, error);
}

static gboolean
set_field (ThrStore    *store,
           gint64       cap_id,
           gint64      *version,
           const char  *field,
           const char  *value,
           GError     **error)
{
  if (!check_field (field, value, error) || !begin_edit (store, error))
    return FALSE;
  return finish_checked (store, cap_id,
                         check_version (store, cap_id, version, error) &&
                         write_field (store, cap_id, field, value, error),
                         version, error);
}

gboolean
thr_cap_set_field (ThrStore    *store,
                   gint64       cap_id,
                   const char  *field,
                   const char  *value,
                   GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return set_field (store, cap_id, NULL, field, value, error);
}

gboolean
thr_cap_set_field_checked (ThrStore    *store,
                           gint64       cap_id,
                           gint64      *version,
                           const char  *field,
                           const char  *value,
                           GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return set_field (store, cap_id, version, field, value, error);
}

static gint64
add_action (ThrStore    *store,
            gint64       cap_id,
            gint64      *version,
            const char  *description,
            const char  *owner,
            guint32      due_on,
            GError     **error)
{
  g_autofree char *due = due_on != 0 ? thr_day_format (due_on) : NULL;
  g_autofree char *field = NULL;
  g_autofree char *exists = NULL;
  gint64 id = 0;
  gboolean ok;

  if (!begin_edit (store, error))
    return 0;
  ok = thr_store_get_cap_field (store, cap_id, "metric", &exists, error) &&
       check_version (store, cap_id, version, error) &&
       thr_store_insert_cap_action (store, cap_id, description, owner, due, &id, error);
  if (ok)
    {
      field = g_strdup_printf ("action %" G_GINT64_FORMAT, id);
      ok = audit (store, cap_id, field, NULL, description, error) &&
           (owner == NULL || *owner == '\0' || audit (store, cap_id, "action owner", NULL, owner, error)) &&
           (due == NULL || audit (store, cap_id, "action due_on", NULL, due, error)) &&
           mark_edited (store, cap_id, error);
    }
  return finish_checked (store, cap_id, ok, version, error) ? id : 0;
}

gint64
thr_cap_add_action (ThrStore    *store,
                    gint64       cap_id,
                    const char  *description,
                    const char  *owner,
                    guint32      due_on,
                    GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), 0);
  g_return_val_if_fail (description != NULL, 0);

  return add_action (store, cap_id, NULL, description, owner, due_on, error);
}

gint64
thr_cap_add_action_checked (ThrStore    *store,
                            gint64       cap_id,
                            gint64      *version,
                            const char  *description,
                            const char  *owner,
                            guint32      due_on,
                            GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), 0);
  g_return_val_if_fail (description != NULL, 0);

  return add_action (store, cap_id, version, description, owner, due_on, error);
}

static gboolean
set_action_done (ThrStore  *store,
                 gint64     action_id,
                 gint64    *version,
                 guint32    done_on,
                 GError   **error)
{
  g_autofree char *done = done_on != 0 ? thr_day_format (done_on) : NULL;
  g_autofree char *old = NULL;
  g_autofree char *field = g_strdup_printf ("action %" G_GINT64_FORMAT " done_on", action_id);
  gint64 cap_id = 0;
  gboolean ok;

  if (!begin_edit (store, error))
    return FALSE;
  ok = thr_store_get_cap_action_done (store, action_id, &cap_id, &old, error) &&
       check_version (store, cap_id, version, error);
  if (ok && g_strcmp0 (old, done) != 0)
    ok = thr_store_set_cap_action_done (store, action_id, done, error) &&
         audit (store, cap_id, field, old, done, error) &&
         mark_edited (store, cap_id, error);
  return finish_checked (store, cap_id, ok, version, error);
}

gboolean
thr_cap_set_action_done (ThrStore  *store,
                         gint64     action_id,
                         guint32    done_on,
                         GError   **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  return set_action_done (store, action_id, NULL, done_on, error);
}

gboolean
thr_cap_set_action_done_checked (ThrStore  *store,
                                 gint64     action_id,
                                 gint64    *version,
                                 guint32    done_on,
                                 GError   **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  return set_action_done (store, action_id, version, done_on, error);
}

/* Section: editing and removing actions, closing */

typedef struct {
  gint64  cap_id;
  char   *description;
  char   *owner;
  char   *due_on;
} StoredAction;

static void
stored_action_clear (StoredAction *action)
{
  g_clear_pointer (&action->description, g_free);
  g_clear_pointer (&action->owner, g_free);
  g_clear_pointer (&action->due_on, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredAction, stored_action_clear)

static gboolean
read_action (ThrStore      *store,
             gint64         action_id,
             StoredAction  *out,
             GError       **error)
{
  return thr_store_get_cap_action (store, action_id, &out->cap_id, &out->description, &out->owner,
                                   &out->due_on, error);
}

/* One column of an action, audited as "action N" + suffix when it changes. */
static gboolean
write_action_column (ThrStore    *store,
                     gint64       action_id,
                     gint64       cap_id,
                     const char  *column,
                     const char  *suffix,
                     const char  *old_value,
                     const char  *new_value,
                     GError     **error)
{
  g_autofree char *field = g_strdup_printf ("action %" G_GINT64_FORMAT "%s", action_id, suffix);

  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  return thr_store_set_cap_action_field (store, action_id, column, new_value, error) &&
         audit (store, cap_id, field, old_value, new_value, error) &&
         mark_edited (store, cap_id, error);
}

static gboolean
update_action (ThrStore    *store,
               gint64       action_id,
               gint64      *version,
               const char  *description,
               const char  *owner,
               guint32      due_on,
               GError     **error)
{
  g_auto(StoredAction) old = { 0 };
  g_autofree char *due = due_on != 0 ? thr_day_format (due_on) : NULL;
  gboolean ok;

  if (*description == '\0')
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_INVALID,
                   "a corrective action needs a description");
      return FALSE;
    }
  if (!begin_edit (store, error))
    return FALSE;
  ok = read_action (store, action_id, &old, error) &&
       check_version (store, old.cap_id, version, error) &&
       write_action_column (store, action_id, old.cap_id, "description", "", old.description, description, error) &&
       write_action_column (store, action_id, old.cap_id, "owner", " owner", old.owner,
                            owner != NULL ? owner : "", error) &&
       write_action_column (store, action_id, old.cap_id, "due_on", " due_on", old.due_on, due, error);
  return finish_checked (store, old.cap_id, ok, version, error);
}

gboolean
thr_cap_update_action (ThrStore    *store,
                       gint64       action_id,
                       const char  *description,
                       const char  *owner,
                       guint32      due_on,
                       GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);
  g_return_val_if_fail (description != NULL, FALSE);

  return update_action (store, action_id, NULL, description, owner, due_on, error);
}

gboolean
thr_cap_update_action_checked (ThrStore    *store,
                               gint64       action_id,
                               gint64      *version,
                               const char  *description,
                               const char  *owner,
                               guint32      due_on,
                               GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);
  g_return_val_if_fail (description != NULL, FALSE);

  return update_action (store, action_id, version, description, owner, due_on, error);
}

static gboolean
remove_action (ThrStore  *store,
               gint64     action_id,
               gint64    *version,
               GError   **error)
{
  g_auto(StoredAction) old = { 0 };
  g_autofree char *field = g_strdup_printf ("action %" G_GINT64_FORMAT " removed", action_id);
  gboolean ok;

  if (!begin_edit (store, error))
    return FALSE;
  ok = read_action (store, action_id, &old, error) &&
       check_version (store, old.cap_id, version, error) &&
       thr_store_delete_cap_action (store, action_id, error) &&
       audit (store, old.cap_id, field, old.description, NULL, error) &&
       mark_edited (store, old.cap_id, error);
  return finish_checked (store, old.cap_id, ok, version, error);
}

gboolean
thr_cap_remove_action (ThrStore  *store,
                       gint64     action_id,
                       GError   **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  return remove_action (store, action_id, NULL, error);
}

gboolean
thr_cap_remove_action_checked (ThrStore  *store,
                               gint64     action_id,
                               gint64    *version,
                               GError   **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  return remove_action (store, action_id, version, error);
}

static gboolean
close_cap (ThrStore    *store,
           gint64       cap_id,
           gint64      *version,
           guint32      closed_on,
           const char  *reason,
           GError     **error)
{
  g_autofree char *day = closed_on != 0 ? thr_day_format (closed_on) : g_strdup ("");
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  if (closed_on != 0 && *stripped == '\0')
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_INVALID, "closing a CAP needs a reason");
      return FALSE;
    }
  if (!begin_edit (store, error))
    return FALSE;
  /* The reason first, so the trail reads "reason set, then closed". */
  return finish_checked (store, cap_id,
                         check_version (store, cap_id, version, error) &&
                         write_field (store, cap_id, "close_reason", closed_on != 0 ? stripped : "", error) &&
                         write_field (store, cap_id, "closed_on", day, error),
                         version, error);
}

gboolean
thr_cap_close (ThrStore    *store,
               gint64       cap_id,
               guint32      closed_on,
               const char  *reason,
               GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  return close_cap (store, cap_id, NULL, closed_on, reason, error);
}

gboolean
thr_cap_close_checked (ThrStore    *store,
                       gint64       cap_id,
                       gint64      *version,
                       guint32      closed_on,
                       const char  *reason,
                       GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  return close_cap (store, cap_id, version, closed_on, reason, error);
}

const char *
thr_cap_get_author (void)
{
  return thr_person_get_name ();
}

/* Section: the trail in words */

/* What a stored field name is, for a person: "Root cause", "Corrective
 * action 3's owner".  *verb_removed is set for a removal. */
static char *
audit_subject (const char *field,
               gboolean   *removed)
{
  static const struct { const char *field; const char *title; } titles[] = {
    { "documented_on", N_("The failure’s documented date") },
    { "submitted_on", N_("The submission date") },
    { "approved_on", N_("The approval date") },
    { "implemented_on", N_("The implementation date") },
    { "closed_on", N_("The closing date") },
    { "close_reason", N_("The reason for closing") },
    { "deficiency", N_("Deficiency") },
    { "root_cause", N_("Root cause") },
    { "monitoring", N_("Monitoring") },
    { "evidence", N_("Evidence") },
    { "signatories", N_("Signatories") },
    { "failure_undone_at", N_("The mark that its failure was undone") },
    { "action owner", N_("A new action’s owner") },
    { "action due_on", N_("A new action’s due date") },
  };
  g_autofree char *number = NULL;
  gint64 id;
  char *end = NULL;

  *removed = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (field, titles[i].field))
      return g_strdup (_(titles[i].title));
  if (!g_str_has_prefix (field, "action "))
    return g_strdup (field);
  id = g_ascii_strtoll (field + strlen ("action "), &end, 10);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (end == NULL || *end == '\0')
    /* Translators: a corrective action of a CAP, by its number */
    return g_strdup_printf (_("Corrective action %s"), number);
  if (g_str_equal (end, " owner"))
    return g_strdup_printf (_("The owner of corrective action %s"), number);
  if (g_str_equal (end, " due_on"))
    return g_strdup_printf (_("The due date of corrective action %s"), number);
  if (g_str_equal (end, " done_on"))
    return g_strdup_printf (_("The completion of corrective action %s"), number);
  if (g_str_equal (end, " removed"))
    {
      *removed = TRUE;
      return g_strdup_printf (_("Corrective action %s"), number);
    }
  return g_strdup (field);
}

static gboolean
is_blank (const char *value)
{
  return value == NULL || *value == '\0';
}

char *
thr_cap_audit_describe (const ThrCapAudit *entry,
                        GTimeZone         *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) local_tz = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  const char *who;
  gboolean removed;

  g_return_val_if_fail (entry != NULL, NULL);

  utc = g_date_time_new_from_iso8601 (entry->at, NULL);
  if (utc == NULL)
    return g_strdup (entry->at);
  if (tz == NULL)
    tz = local_tz = g_time_zone_new_local ();
  local = g_date_time_to_timezone (utc, tz);
  date = thr_day_format_words (thr_day_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                                                  g_date_time_get_day_of_month (local)));
  /* Translators: a time of day in an audit trail, strftime-style: "10:15" */
  time = g_date_time_format (local, _("%H:%M"));
  who = entry->author;
  subject = audit_subject (entry->field, &removed);

  if (g_str_equal (entry->field, "opened"))
    return is_blank (who)
      /* Translators: an audit entry: date, time */
      ? g_strdup_printf (_("CAP opened on %s at %s"), date, time)
      /* Translators: an audit entry: who, date, time */
      : g_strdup_printf (_("CAP opened by %s on %s at %s"), who, date, time);
  if (removed)
    return is_blank (who)
      /* Translators: an audit entry: what, date, time */
      ? g_strdup_printf (_("%s removed on %s at %s"), subject, date, time)
      /* Translators: an audit entry: what, who, date, time */
      : g_strdup_printf (_("%s removed by %s on %s at %s"), subject, who, date, time);
  if (is_blank (entry->old_value) && !is_blank (entry->new_value))
    return is_blank (who)
      /* Translators: an audit entry: what, date, time */
      ? g_strdup_printf (_("%s set on %s at %s"), subject, date, time)
      /* Translators: an audit entry: what, who, date, time */
      : g_strdup_printf (_("%s set by %s on %s at %s"), subject, who, date, time);
  if (is_blank (entry->new_value))
    return is_blank (who)
      /* Translators: an audit entry: what, date, time */
      ? g_strdup_printf (_("%s cleared on %s at %s"), subject, date, time)
      /* Translators: an audit entry: what, who, date, time */
      : g_strdup_printf (_("%s cleared by %s on %s at %s"), subject, who, date, time);
  return is_blank (who)
    /* Translators: an audit entry: what, date, time */
    ? g_strdup_printf (_("%s changed on %s at %s"), subject, date, time)
    /* Translators: an audit entry: what, who, date, time */
    : g_strdup_printf (_("%s changed by %s on %s at %s"), subject, who, date, time);
}

char *
thr_cap_audit_detail (const ThrCapAudit *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (is_blank (entry->old_value) && is_blank (entry->new_value))
    return NULL;
  /* The store keeps what a CAP was opened for as "A.1.a missed in 2018-04";
   * people read it in their words, the month in words. */
  if (g_str_equal (entry->field, "opened") && !is_blank (entry->new_value))
    {
      g_auto(GStrv) parts = g_strsplit (entry->new_value, " missed in ", 2);
      ThrPeriod month;

      if (g_strv_length (parts) == 2 && thr_period_parse (parts[1], &month, NULL))
        {
          g_autofree char *words = thr_period_format_words (&month);

          /* Translators: what a CAP was opened for: a metric, the month it was missed */
          return g_strdup_printf (_("%s missed in %s"), parts[0], words);
        }
    }
  if (is_blank (entry->old_value))
    return g_strdup_printf ("“%s”", entry->new_value);
  if (is_blank (entry->new_value))
    /* Translators: what an audit entry cleared or removed */
    return g_strdup_printf (_("was “%s”"), entry->old_value);
  return g_strdup_printf ("“%s” → “%s”", entry->old_value, entry->new_value);
}

const char *
thr_cap_describe_none (ThrContract *contract)
{
  g_return_val_if_fail (THR_IS_CONTRACT (contract), NULL);

  if (thr_contract_get_n_components (contract) == 0)
    return _("This contract withholds no money, so a missed metric opens no CAP.");
  return _("No metric that withholds money has been missed, so no plan is needed.");
}
