/* thr-core.h — entry point of the core library (no GTK) */
#pragma once

#include "thr-demo.h"
#include "thr-period.h"
#include "thr-profile.h"
#include "thr-record.h"
#include "thr-report-cap.h"
#include "thr-report-format.h"
#include "thr-report-month.h"
#include "thr-report-store.h"
#include "thr-report-trend.h"
#include "thr-calendar.h"
#include "thr-cap.h"
#include "thr-chart.h"
#include "thr-contract.h"
#include "thr-csv.h"
#include "thr-deadlines.h"
#include "thr-document.h"
#include "thr-drawing-export.h"
#include "thr-encoding.h"
#include "thr-evaluator.h"
#include "thr-export-ics.h"
#include "thr-export.h"
#include "thr-history.h"
#include "thr-import.h"
#include "thr-ledger.h"
#include "thr-result.h"
#include "thr-store.h"
#include "thr-table.h"
#include "thr-values.h"
#include "thr-xlsx.h"

G_BEGIN_DECLS

/* Registers the bundled contracts and calendars; safe to call more than once. */
void thr_core_init (void);
const char *thr_core_get_localedir (void);

G_END_DECLS
