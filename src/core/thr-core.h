/* thr-core.h — entry point of the core library (no GTK) */
#pragma once

#include "thr-demo.h"
#include "thr-period.h"
#include "thr-record.h"
#include "thr-calendar.h"
#include "thr-chart.h"
#include "thr-contract.h"
#include "thr-csv.h"
#include "thr-evaluator.h"
#include "thr-import.h"
#include "thr-result.h"
#include "thr-store.h"
#include "thr-values.h"

G_BEGIN_DECLS

/* Registers the bundled contracts and calendars; safe to call more than once. */
void thr_core_init (void);

G_END_DECLS
