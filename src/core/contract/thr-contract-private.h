/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract-private.h — what the contract object and its parser share
 *
 * thr-contract.c owns the GObject and its accessors; thr-contract-parse.c
 * turns a JSON tree into the structures below, checking it as it goes.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "thr-contract.h"

G_BEGIN_DECLS

/* One named reading of ambiguous contract text, as the file gives it. */
typedef struct {
  char *value;
  char *notes;   /* may be NULL when the file used the short string form */
} ThrInterpretation;

struct _ThrContract {
  GObject     parent_instance;

  GBytes     *definition;       /* the bytes the contract was loaded from */
  char       *id;
  char       *title;
  char       *source;
  char       *calendar;
  char       *timezone;

  GPtrArray  *components;       /* of ThrComponent* */
  GPtrArray  *sections;         /* of ThrSection* */
  GPtrArray  *metrics;          /* of ThrMetric*, in file order */
  GHashTable *metrics_by_id;    /* id → ThrMetric*, borrowed from metrics */
  GHashTable *interpretations;  /* key → ThrInterpretation* */
  char       *settings_text;    /* thr_contract_get_settings_text () */
  GHashTable *metric_texts;     /* id → thr_contract_get_metric_text () */
};

void        thr_metric_free            (ThrMetric         *metric);
void        thr_flag_free              (ThrFlag           *flag);
void        thr_component_free         (ThrComponent      *component);
void        thr_section_free           (ThrSection        *section);
void        thr_interpretation_free    (ThrInterpretation *interpretation);
void        thr_compute_clear          (ThrCompute        *compute);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrMetric, thr_metric_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrFlag, thr_flag_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrComponent, thr_component_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrSection, thr_section_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrInterpretation, thr_interpretation_free)

/* Fills @self from @root.  Errors read "SOURCE_NAME: $.json.path: message". */
gboolean    _thr_contract_parse        (ThrContract       *self,
                                        JsonNode          *root,
                                        const char        *source_name,
                                        GError           **error);

/* The value an interpretation takes when the file does not set it;
 * NULL for a key Threshold does not know. */
const char *_thr_interpretation_default (const char       *key);

G_END_DECLS
