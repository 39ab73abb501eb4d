/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-core.h — everything the core offers, for the app, the CLI and the tests
 *
 * No file inside src/core/ includes this header: each module includes the
 * headers of the modules below it by name, and its include path holds only
 * those (src/core/meson.build), so a layer that reaches up fails to build. */
#pragma once

#include "thr-core-init.h"
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
#include "thr-closures.h"
#include "thr-contract.h"
#include "thr-csv.h"
#include "thr-deadline-words.h"
#include "thr-deadlines.h"
#include "thr-document.h"
#include "thr-drawing-export.h"
#include "thr-encoding.h"
#include "thr-evaluator.h"
#include "thr-export-deadlines.h"
#include "thr-export-ics.h"
#include "thr-export.h"
#include "thr-format.h"
#include "thr-history.h"
#include "thr-import.h"
#include "thr-ledger.h"
#include "thr-ledger-stakes.h"
#include "thr-ledger-totals.h"
#include "thr-result.h"
#include "thr-store.h"
#include "thr-store-copy.h"
#include "thr-sheet.h"
#include "thr-values.h"
#include "thr-xlsx.h"

