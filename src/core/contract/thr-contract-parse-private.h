/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract-parse-private.h — JSON helpers shared by the contract parser
 *
 * thr-contract-parse.c holds the typed member access and the enumeration
 * names; thr-contract-filter.c reads record fields and filters,
 * thr-contract-compute.c computations, and thr-contract-load.c the
 * document and its metrics.  Every helper reports
 * errors as "SOURCE: $.path: message" and returns FALSE, so callers can
 * simply "return FALSE" on failure.
 */
#pragma once

#include "thr-contract-private.h"

G_BEGIN_DECLS

typedef struct {
  const char    *source;          /* file name shown in errors */
  GString       *path;            /* JSON path of the node being read */
  GError       **error;
  ThrContract   *contract;
  ThrRecordKind  records;         /* record kind of the compute being read */
  int            filter_depth;
} ThrParser;

/* One table per vocabulary of the contract files, read by the loader and
 * by every printer: a word as files and JSON write it, its value, and, where
 * people read something else, what they read (the sign "≥" for ">=", the
 * unit " %" after a percentage; N_() where it is words). */
typedef struct {
  const char *name;
  int         value;
  const char *shown;
} ThrParseName;

/* values[0] == NULL: a whole, non-negative number of seconds. */
typedef struct {
  const char        *key;
  const char        *fallback;
  const char * const values[4];
} ThrInterpretationInfo;

extern const ThrParseName thr_parse_op_names[];
extern const ThrParseName thr_parse_unit_names[];
extern const ThrParseName thr_parse_period_names[];
extern const ThrParseName thr_parse_reported_names[];
extern const ThrParseName thr_parse_source_names[];
extern const ThrParseName thr_parse_compute_names[];
extern const ThrParseName thr_parse_records_names[];
extern const ThrParseName thr_parse_anchor_names[];
extern const ThrParseName thr_parse_align_names[];
extern const ThrParseName thr_parse_day_unit_names[];
extern const ThrParseName thr_parse_consequence_names[];

const ThrParseName          *thr_parse_word_of             (const ThrParseName  *names,
                                                            int                  value);
const char                  *thr_parse_name_of             (const ThrParseName  *names,
                                                            int                  value);
gboolean                     thr_parse_value_of            (const ThrParseName  *names,
                                                            const char          *name,
                                                            int                 *out);
char                        *thr_parse_describe_names      (const ThrParseName  *names);
const ThrInterpretationInfo *thr_parse_interpretation_info (const char          *key);

gboolean thr_parse_fail             (ThrParser           *p,
                                     ThrContractError     code,
                                     const char          *format,
                                     ...) G_GNUC_PRINTF (3, 4);
gsize    thr_parse_enter_key        (ThrParser           *p,
                                     const char          *key);
gsize    thr_parse_enter_index      (ThrParser           *p,
                                     guint                index);
void     thr_parse_leave            (ThrParser           *p,
                                     gsize                mark);

gboolean thr_parse_check_keys       (ThrParser           *p,
                                     JsonObject          *object,
                                     const char * const  *allowed);
gboolean thr_parse_member           (ThrParser           *p,
                                     JsonObject          *object,
                                     const char          *key,
                                     gboolean             required,
                                     JsonNode           **node);
gboolean thr_parse_node_is_number   (JsonNode            *node);
gboolean thr_parse_string           (ThrParser           *p,
                                     JsonObject          *object,
                                     const char          *key,
                                     gboolean             required,
                                     char               **out);
gboolean thr_parse_number           (ThrParser           *p,
                                     JsonObject          *object,
                                     const char          *key,
                                     gboolean             required,
                                     double              *out,
                                     gboolean            *present);
gboolean thr_parse_int              (ThrParser           *p,
                                     JsonObject          *object,
                                     const char          *key,
                                     gboolean             required,
                                     int                 *out);
gboolean thr_parse_bool             (ThrParser           *p,
                                     JsonObject          *object,
                                     const char          *key,
                                     gboolean            *out);
gboolean thr_parse_enum             (ThrParser           *p,
                                     JsonObject          *object,
                                     const char          *key,
                                     gboolean             required,
                                     const ThrParseName  *names,
                                     const char          *what,
                                     int                 *out,
                                     gboolean            *present);
gboolean thr_parse_array            (ThrParser           *p,
                                     JsonObject          *object,
                                     const char          *key,
                                     gboolean             required,
                                     JsonArray          **out);
gboolean thr_parse_expect_object    (ThrParser           *p,
                                     JsonNode            *node,
                                     JsonObject         **out);
gboolean thr_parse_check_identifier (ThrParser           *p,
                                     const char          *key,
                                     const char          *id);
gboolean thr_parse_check_range      (ThrParser           *p,
                                     const char          *key,
                                     double               value,
                                     double               lower,
                                     double               upper);
/* @type: a ThrFieldType, or -1 for any. */
gboolean thr_parse_field            (ThrParser           *p,
                                     JsonObject          *object,
                                     const char          *key,
                                     gboolean             required,
                                     int                  type,
                                     ThrRecordField      *out);
gboolean thr_parse_filter           (ThrParser           *p,
                                     JsonObject          *object,
                                     const char          *key,
                                     gboolean             required,
                                     ThrFilter          **out);
gboolean thr_parse_compute          (ThrParser           *p,
                                     JsonObject          *object,
                                     ThrCompute          *compute);

G_END_DECLS
