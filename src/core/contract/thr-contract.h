/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract.h — a contract's metrics, thresholds and rules, loaded from data
 *
 * The format is documented in docs/contract-format.md.  Everything a contract
 * says lives in its JSON file under data/contracts/; the loader validates it
 * and reports problems as "FILE: $.json.path: message".
 */
#pragma once

#include <gio/gio.h>

#include "thr-period.h"
#include "thr-record.h"

G_BEGIN_DECLS

#define THR_CONTRACT_ERROR (thr_contract_error_quark ())
GQuark thr_contract_error_quark (void);

typedef enum {
  THR_CONTRACT_ERROR_PARSE,       /* not JSON, or not the shape the schema asks */
  THR_CONTRACT_ERROR_INVALID,     /* well formed but inconsistent */
  THR_CONTRACT_ERROR_NOT_FOUND,   /* no such template */
} ThrContractError;

typedef enum {
  THR_OP_GE,        /* ">="      */
  THR_OP_GT,        /* ">"       */
  THR_OP_LE,        /* "<="      */
  THR_OP_LT,        /* "<"       */
  THR_OP_BETWEEN,   /* "between" lower ≤ v ≤ upper */
  THR_OP_WITHIN,    /* "within"  |v − reference| ≤ tolerance */
} ThrOp;

typedef enum {
  THR_UNIT_PERCENT,   /* 0–100 */
  THR_UNIT_SECONDS,
  THR_UNIT_DOLLARS,
  THR_UNIT_COUNT,
} ThrUnit;

typedef enum {
  THR_REPORTED_NONE,   /* the contractor does not report it */
  THR_REPORTED_VALUE,  /* a single value */
  THR_REPORTED_RATIO,  /* numerator and denominator */
} ThrReported;

typedef enum {
  THR_SOURCE_REPORTED,
  THR_SOURCE_COMPUTED,
} ThrSource;

typedef enum {
  THR_COMPUTE_NONE,
  THR_COMPUTE_WITHIN,           /* share of records done by their deadline */
  THR_COMPUTE_SHARE,            /* share of records matching a filter */
  THR_COMPUTE_MEAN,             /* mean of a numeric field */
  THR_COMPUTE_SUM,              /* sum of a numeric field (money against a baseline) */
  THR_COMPUTE_COUNT,            /* number of records matching a filter */
  THR_COMPUTE_CALL_ASA,         /* Σ wait of answered / answered */
  THR_COMPUTE_CALL_SERVICE_LEVEL,
  THR_COMPUTE_CALL_ABANDONMENT,
} ThrComputeKind;

typedef enum {
  THR_DAYS_CALENDAR,
  THR_DAYS_BUSINESS,
  THR_DAYS_MONTHS,
} ThrDayUnit;

typedef enum {
  THR_ALIGN_NONE,
  THR_ALIGN_MONTH_END,     /* the anchor date moves to the last day of its month */
  THR_ALIGN_QUARTER_END,   /* … of its quarter */
} ThrAlign;

typedef enum {
  THR_FILTER_ALL,   /* every child holds */
  THR_FILTER_ANY,   /* at least one child holds */
  THR_FILTER_NOT,   /* the single child does not hold */
  THR_FILTER_CMP,   /* field cmp value(s) */
} ThrFilterKind;

typedef enum {
  THR_CMP_EQ,
  THR_CMP_NE,
  THR_CMP_IN,
  THR_CMP_NOT_IN,
  THR_CMP_GT,
  THR_CMP_GE,
  THR_CMP_LT,
  THR_CMP_LE,
  THR_CMP_IS_NULL,
  THR_CMP_NOT_NULL,
} ThrCmp;

typedef struct _ThrFilter ThrFilter;
struct _ThrFilter {
  ThrFilterKind   kind;
  GPtrArray      *children;   /* of ThrFilter*, for ALL, ANY and NOT */
  ThrRecordField  field;      /* for CMP */
  ThrCmp          cmp;
  GStrv           texts;      /* text operands (one for EQ/NE, many for IN/NOT_IN) */
  double          number;     /* numeric operand for GT…LE on number fields */
};

void thr_filter_free (ThrFilter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrFilter, thr_filter_free)

typedef struct {
  ThrRecordField  anchor;     /* THR_FIELD_RECEIVED or THR_FIELD_DUE */
  ThrAlign        align;
  int             n;          /* may be negative: "4th business day prior to …" */
  ThrDayUnit      unit;
  gboolean        roll_forward; /* a deadline on a non-business day moves to the next business day */
} ThrDeadline;

typedef struct {
  ThrComputeKind  kind;
  ThrRecordKind   records;
  ThrFilter      *filter;       /* which records count at all; NULL = all */
  ThrFilter      *match;        /* SHARE: which of those are the numerator */
  /* Places a record in a period.  SHARE/MEAN/SUM/COUNT: the record's date.
   * WITHIN: INVALID (default) = the period in which its deadline falls;
   * RECEIVED = the period of its start; COMPLETED = the period of its
   * completion (A.3.g "completed in a report month"). */
  ThrRecordField  date_field;
  ThrRecordField  value_field;  /* MEAN/SUM */
  ThrRecordField  end_field;    /* WITHIN: the completion date (default completed) */
  ThrDeadline     deadline;     /* WITHIN */
  double          answer_seconds;         /* SERVICE_LEVEL: 60 */
  double          short_abandon_seconds;  /* calls: 15, D2 A.5.c */
  gboolean        flowouts_offered;       /* calls: flow-outs count as offered calls not
                                           * answered in time (flowout_calls = offered) */
} ThrCompute;

typedef struct {
  ThrOp   op;
  double  target;   /* GE/GT/LE/LT */
  double  lower;    /* BETWEEN */
  double  upper;
  char   *label;    /* why the flag matters, shown to the user */
} ThrFlag;

typedef struct {
  char         *id;          /* "A.1.a" */
  char         *title;
  char         *clause;      /* the contract text, verbatim */
  char         *section;     /* "A" */
  char         *component;   /* invoice component id, from the section */
  char         *notes;       /* our reading of the clause, shown in explanations */
  ThrPeriodKind period;
  ThrUnit       unit;
  ThrOp         op;
  double        target;      /* GE/GT/LE/LT */
  double        lower;       /* BETWEEN */
  double        upper;
  char         *reference;   /* WITHIN: key of an imported reference value … */
  double        reference_value; /* … or a fixed reference when reference is NULL */
  double        tolerance;   /* WITHIN */
  char         *reference_low;  /* BETWEEN with reference_range: keys of the imported bounds */
  char         *reference_high;
  gboolean      per_queue;   /* results per queue named in the reports (the KPI page's queues) */
  ThrReported   reported;
  ThrCompute    compute;     /* kind NONE when it cannot be computed from records */
  ThrSource     governs;     /* which value decides the status when both exist */
  GStrv         subjects;    /* NULL = the whole contract; else e.g. {"group","worker"} */
  GPtrArray    *flags;       /* of ThrFlag*: annotations such as "95–100 % is not normal" */
  char         *consequence; /* "withholding" (default), "bonus", "bonus_damages", "none" */
  double        baseline;    /* money metrics: the baseline in dollars */
  double        bonus_percent; /* bonus metrics: percent of the excess (A.3.b) or of the year's fees (C.6) */
  double        bonus_cap;   /* dollars; 0 = none.  What it caps is the bonus_cap interpretation */
  gboolean      has_first_period;
  ThrPeriod     first_period; /* the first period measured (C.6: 2018), if has_first_period */
} ThrMetric;

typedef struct {
  char   *id;         /* "central", "local_office", "training" */
  char   *title;
  double  rate;       /* percent withheld, 15 */
  double  escalated_rate; /* 25 for central, else equal to rate */
  char   *clause;     /* the paragraph that sets it */
} ThrComponent;

typedef struct {
  char *id;           /* "A" */
  char *title;
  char *component;
} ThrSection;

#define THR_TYPE_CONTRACT (thr_contract_get_type ())
G_DECLARE_FINAL_TYPE (ThrContract, thr_contract, THR, CONTRACT, GObject)

ThrContract        *thr_contract_new_from_bytes     (GBytes       *json,
                                                     const char   *source_name,
                                                     GError      **error);
ThrContract        *thr_contract_new_from_file      (GFile        *file,
                                                     GError      **error);
/* A metric title in the user's language: the titles of the bundled
 * contracts are in the core's catalogue (thr-contract-titles.c); any
 * other comes back as written. */
const char         *thr_contract_translate_title    (const char   *title);
/* The bundled contracts' metric titles as written, NULL-terminated. */
const char * const *thr_contract_get_bundled_titles (void);
/* The bundled contracts' reading notes (a metric's and an interpretation's
 * "notes") as written, NULL-terminated. */
const char * const *thr_contract_get_bundled_notes  (void);
/* A metric's title for people: in the user's language where the catalogue
 * has it.  The metric's `title` itself stays the contract's words, which
 * JSON and CSV carry unchanged in every locale. */
const char         *thr_metric_get_label            (const ThrMetric *metric);
ThrContract        *thr_contract_load_template      (const char   *template_id,
                                                     GError      **error);
GStrv               thr_contract_list_templates     (void);

const char         *thr_contract_get_id             (ThrContract  *self);
const char         *thr_contract_get_title          (ThrContract  *self);
const char         *thr_contract_get_source         (ThrContract  *self);
const char         *thr_contract_get_calendar       (ThrContract  *self);
const char         *thr_contract_get_timezone       (ThrContract  *self);
GBytes             *thr_contract_get_definition     (ThrContract  *self);
/* The definition as the bases of kept figures read it (thr-evaluator.c):
 * every member of the file but "metrics", each "NAME\x1fJSON\x1e", and
 * one metric's "metric\x1fJSON\x1e" (NULL for an id the file does not
 * have); the JSON compact, in the file's order. */
const char         *thr_contract_get_settings_text  (ThrContract  *self);
const char         *thr_contract_get_metric_text    (ThrContract  *self,
                                                     const char   *id);

guint               thr_contract_get_n_metrics      (ThrContract  *self);
const ThrMetric    *thr_contract_get_metric         (ThrContract  *self,
                                                     guint         position);
const ThrMetric    *thr_contract_find_metric        (ThrContract  *self,
                                                     const char   *id);
guint               thr_contract_get_n_components   (ThrContract  *self);
const ThrComponent *thr_contract_get_component      (ThrContract  *self,
                                                     guint         position);
const ThrComponent *thr_contract_find_component     (ThrContract  *self,
                                                     const char   *id);
guint               thr_contract_get_n_sections     (ThrContract  *self);
const ThrSection   *thr_contract_get_section        (ThrContract  *self,
                                                     guint         position);
/* Named readings of ambiguous text ("interpretations" in the file). */
const char         *thr_contract_get_interpretation (ThrContract  *self,
                                                     const char   *key);
const char         *thr_contract_get_interpretation_notes (ThrContract *self,
                                                           const char  *key);
/* The readings that decided a figure as "key=value; key=value", in the
 * order given ("" for none): the column the ledger's CSV and workbook
 * carry beside each amount, as the JSON carries [{key, value}]. */
char               *thr_contract_format_readings    (ThrContract  *self,
                                                     GPtrArray    *keys);

/* Whether the contract measures the metric in the period (of the metric's
 * own kind) that encloses `day`: FALSE before its first period. */
gboolean            thr_metric_is_measured          (const ThrMetric *metric,
                                                     guint32          day);
const char         *thr_op_to_string                (ThrOp         op);
gboolean            thr_op_from_string              (const char   *str,
                                                     ThrOp        *out);
/* How people read an operator: "≥", "≤", "<", ">", "↔" (between), "±"
 * (within); thr_op_to_string() is the word of files and JSON (">="). */
const char         *thr_op_get_sign                 (ThrOp         op);
const char         *thr_unit_to_string              (ThrUnit       unit);
/* What follows an amount of @unit, with its leading space: " %", " s",
 * " dollars" (translated), "" for a count. */
const char         *thr_unit_get_suffix             (ThrUnit       unit);
gboolean            thr_unit_from_string            (const char   *str,
                                                     ThrUnit      *out);

G_END_DECLS
