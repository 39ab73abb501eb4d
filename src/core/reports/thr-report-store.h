/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-store.h — the CAP draft and the monthly report from a store
 *
 * thr-report-cap.h and thr-report-month.h lay out what they are handed;
 * this module hands them what the store knows: the evaluator's results,
 * the ledger (money withheld, held, retained; corrective windows), the
 * CAPs and their actions, and the metric's trend drawn by thr_chart_draw().
 * The app, the CLI and the tests all call these.
 */
#pragma once

#include "thr-document.h"
#include "thr-ledger.h"
#include "thr-period.h"
#include "thr-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *agency;      /* running header; NULL leaves it out */
  GDateTime  *generated;   /* NULL: now */
  guint32     today;       /* 0: today in the contract's time zone */
  /* The whole run's ledger (no --from/--to), when the caller already has
   * it for @today: saves computing it again.  NULL: computed here. */
  ThrLedger  *ledger;
} ThrReportStoreOptions;

/* The draft of CAP @cap_id (an id of thr_cap_list).  The CAP must exist:
 * thr_cap_sync() opens CAPs for new failures. */
ThrDocument *thr_report_cap_build_for_store    (ThrStore                    *store,
                                                gint64                       contract_id,
                                                gint64                       cap_id,
                                                const ThrReportStoreOptions *options,
                                                GError                     **error);
gboolean     thr_report_cap_write_for_store    (ThrStore                    *store,
                                                gint64                       contract_id,
                                                gint64                       cap_id,
                                                const char                  *path,
                                                const ThrReportStoreOptions *options,
                                                GError                     **error);

/* The monthly report with the month's ledger, the year to date and the
 * CAPs open at the end of @month, when the contract has invoice
 * components. */
ThrDocument *thr_report_month_build_for_store  (ThrStore                    *store,
                                                gint64                       contract_id,
                                                const ThrPeriod             *month,
                                                const ThrReportStoreOptions *options,
                                                GError                     **error);
gboolean     thr_report_month_write_for_store  (ThrStore                    *store,
                                                gint64                       contract_id,
                                                const ThrPeriod             *month,
                                                const char                  *path,
                                                const ThrReportStoreOptions *options,
                                                GError                     **error);

G_END_DECLS
