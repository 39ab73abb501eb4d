/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-demo.h — deterministic, seeded demo data for contract rfp-16-102
 *
 * Writes the four CSV files that `threshold-cli import` reads:
 * metric-report.csv, invoices.csv, tasks.csv and calls.csv.  The same
 * options always produce the same bytes, so demos, screenshots and
 * benchmarks are repeatable.
 */
#pragma once

#include <gio/gio.h>

#include "thr-period.h"
#include "thr-store.h"

G_BEGIN_DECLS

#define THR_DEMO_DEFAULT_SEED 16102

typedef struct {
  guint64 seed;            /* default THR_DEMO_DEFAULT_SEED */
  int     first_year;      /* default 2018 */
  int     first_month;     /* default 1 */
  int     n_months;        /* default 24 */
  guint   tasks_per_month; /* default 4000 */
  guint   calls_per_month; /* default 20000 */
} ThrDemoOptions;

void     thr_demo_options_init (ThrDemoOptions       *options);
gboolean thr_demo_write        (const ThrDemoOptions *options,
                                const char           *directory,
                                GCancellable         *cancellable,
                                GError              **error);

/* After the demo files are imported: documents each CAP on its month's
 * verification day and gives all but the last two months' CAPs a
 * submitted and approved plan, as a store kept month by month would. */
gboolean thr_demo_settle_caps  (ThrStore             *store,
                                gint64                contract_id,
                                GError              **error);

/* The demo contract's name; whether a contract's name is it (in English
 * or in the user's language). */
const char *thr_demo_contract_name    (void);
gboolean    thr_demo_is_demo_contract (const char           *name);
/* The day a demo store is judged on, inside its data: the 9th of the
 * second month after @latest_month, six days before the next report, the
 * corrective windows' next checkpoints and the latest failures' CAPs are
 * due. */
guint32     thr_demo_today            (const ThrPeriod      *latest_month);

G_END_DECLS
