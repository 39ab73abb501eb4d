/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-cap.h — a Corrective Action Plan drafted as a document
 *
 * The CAP's facts (its dates, its corrective window, the money at stake)
 * belong to the consequences engine, which is not part of this module: the
 * caller hands them over in ThrReportCapOptions.  What the caller does not
 * know is left out (money, window) or left blank to fill in by hand
 * (deficiency, root cause, actions), never invented.
 */
#pragma once

#include "thr-contract.h"
#include "thr-document.h"
#include "thr-result.h"

G_BEGIN_DECLS

typedef struct {
  char    *description;
  char    *owner;
  guint32  due;          /* a Julian day (thr-period.h); 0 = not set */
  char    *status;       /* "open", "done", … as the CAP engine words it */
} ThrReportCapAction;

/* One month of the corrective window and its result so far. */
typedef struct {
  char      *month;      /* "2018-05" */
  ThrStatus  status;
  gboolean   has_value;
  double     value;
} ThrReportCapMonth;

ThrReportCapAction *thr_report_cap_action_new  (const char *description,
                                                const char *owner,
                                                guint32     due,
                                                const char *status);
void                thr_report_cap_action_free (ThrReportCapAction *action);
ThrReportCapMonth  *thr_report_cap_month_new   (const char *month,
                                                ThrStatus   status,
                                                gboolean    has_value,
                                                double      value);
void                thr_report_cap_month_free  (ThrReportCapMonth  *month);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrReportCapAction, thr_report_cap_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrReportCapMonth, thr_report_cap_month_free)

typedef struct {
  const char          *agency;       /* running header; NULL leaves it out */
  GDateTime           *generated;    /* NULL: now */
  const char          *cap_id;       /* "CAP-2018-04-A.1.a"; required */
  /* The metric's result in the failure month; required. */
  const ThrResult     *failure;
  /* Julian days; 0 leaves the line out. */
  guint32              documented;
  guint32              cap_due;
  guint32              review_due;
  guint32              submitted;
  guint32              approved;
  /* Plain text; NULL leaves ruled lines to write on. */
  const char          *deficiency;
  const char          *root_cause;
  const char          *monitoring;
  const char          *evidence;      /* NULL or "" leaves the section out */
  const char          *signatories;   /* named above the signature lines */
  /* ThrReportCapAction*; NULL or empty leaves blank rows to fill in. */
  GPtrArray           *actions;
  /* ThrReportCapMonth*, the months of the window so far; NULL leaves the
   * window out. */
  GPtrArray           *window;
  /* The window's span ("2018-05", "2018-08") and how it stands, with the
   * paragraphs it rests on; NULL leaves them out. */
  const char          *window_first;
  const char          *window_last;
  const char          *outcome;
  /* The money at stake, in cents, when the ledger knows it. */
  gboolean             has_money;
  gint64               withheld;
  gint64               released;
  gint64               at_risk;
  gint64               retained;
  const char          *money_component;  /* the titles of the invoice components it holds … */
  guint                n_money_components; /* … and how many they are */
  /* The metric's trend chart (the app's thr_chart_draw); NULL for none. */
  ThrDocumentDrawFunc  chart;
  gpointer             chart_data;
  double               chart_height;
  GDestroyNotify       chart_destroy;  /* the document frees chart_data with it */
  const char          *chart_alt;      /* what it shows, in words; NULL: the metric's id */
} ThrReportCapOptions;

ThrDocument *thr_report_cap_build (ThrContract               *contract,
                                   const ThrReportCapOptions *options);

G_END_DECLS
