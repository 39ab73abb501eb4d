/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-demo-caps.c — a lived-in CAP history for the demo store
 *
 * The demo's months are imported in one go, today, so every CAP would be
 * "documented" today and due in two weeks although its failure is years
 * old.  A real store grows month by month: the state documents a failure
 * when it verifies the month, the contractor submits its plan inside the
 * fifteen days of D2 ¶4 and the state approves it inside the ten days of
 * review, and records it implemented once its action is done.  This
 * writes that history through the same CAP calls a user's
 * edits go through, so the audit trail shows it, and leaves the CAPs of
 * the demo's last two months open for the user to work on.
 */

#include "config.h"

#include "thr-demo.h"

#include "thr-cap.h"
#include "thr-ledger.h"
#include "thr-period.h"

/* Days after documentation and receipt, inside ¶4's 15 and 10. */
#define DEMO_SUBMIT_AFTER   11
#define DEMO_APPROVE_AFTER  6
#define DEMO_ACTION_DAYS    30
#define DEMO_OPEN_MONTHS    2

/* D2 ¶3: the state verifies a month by the end of the next one, which is
 * when a failure is documented. */
static guint32
verification_day (const char *failure_month)
{
  ThrPeriod month;

  if (!thr_period_parse_kind (failure_month, THR_PERIOD_MONTH, &month, NULL))
    return 0;
  return thr_day_month_end (thr_day_add_months (month.first, 1));
}

static gboolean
set_day (ThrStore    *store,
         gint64       cap_id,
         const char  *field,
         guint32      day,
         GError     **error)
{
  g_autofree char *text = thr_day_format (day);

  return thr_cap_set_field (store, cap_id, field, text, error);
}

static gboolean
write_plan (ThrStore      *store,
            const ThrCap  *cap,
            guint32        submitted,
            GError       **error)
{
  g_autofree char *deficiency = g_strdup_printf ("%s was not met in %s.", cap->metric, cap->failure_month);
  guint32 due = submitted + DEMO_ACTION_DAYS;
  gint64 action;

  if (!thr_cap_set_field (store, cap->id, "deficiency", deficiency, error) ||
      !thr_cap_set_field (store, cap->id, "root_cause",
                          "Staffing fell behind the month's volume; new staff were not yet trained.", error) ||
      !thr_cap_set_field (store, cap->id, "monitoring",
                          "Weekly review of the metric with the contractor's operations lead.", error))
    return FALSE;
  action = thr_cap_add_action (store, cap->id, "Retrain the affected unit and rebalance the queue",
                               "Contractor operations", due, error);
  /* Its action done, the State records the plan implemented (¶4.i). */
  return action != 0 && thr_cap_set_action_done (store, action, due - 3, error) &&
         set_day (store, cap->id, "implemented_on", due - 3, error);
}

static gboolean
settle_cap (ThrStore      *store,
            const ThrCap  *cap,
            const char    *open_from,
            GError       **error)
{
  guint32 documented = verification_day (cap->failure_month);
  guint32 submitted = documented + DEMO_SUBMIT_AFTER;

  if (documented == 0)
    return TRUE;
  if (!set_day (store, cap->id, "documented_on", documented, error))
    return FALSE;
  if (g_strcmp0 (cap->failure_month, open_from) >= 0)
    return TRUE;
  return set_day (store, cap->id, "submitted_on", submitted, error) &&
         set_day (store, cap->id, "approved_on", submitted + DEMO_APPROVE_AFTER, error) &&
         write_plan (store, cap, submitted, error);
}

static char *
first_open_month (ThrLedger *ledger)
{
  GPtrArray *months = thr_ledger_get_months (ledger);
  const ThrLedgerMonth *month;

  if (months == NULL || months->len == 0)
    return g_strdup ("");
  month = g_ptr_array_index (months, months->len > DEMO_OPEN_MONTHS ? months->len - DEMO_OPEN_MONTHS : 0);
  return g_strdup (month->label);
}

gboolean
thr_demo_settle_caps (ThrStore  *store,
                      gint64     contract_id,
                      GError   **error)
{
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GPtrArray) caps = NULL;
  g_autofree char *open_from = NULL;

  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  ledger = thr_ledger_compute_for_store (store, contract_id, NULL, NULL, 0, error);
  if (ledger == NULL || !thr_cap_sync (store, contract_id, ledger, NULL, error))
    return FALSE;
  caps = thr_cap_list (store, contract_id, ledger, error);
  if (caps == NULL)
    return FALSE;
  open_from = first_open_month (ledger);
  for (guint i = 0; i < caps->len; i++)
    if (!settle_cap (store, g_ptr_array_index (caps, i), open_from, error))
      return FALSE;
  return TRUE;
}
