/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-caps.h — Corrective Action Plans as the store keeps them
 *
 * Rows only: what a CAP means (its window, its outcome, its dates due)
 * is worked out above the store, in cap/.
 */
#pragma once

#include "thr-store.h"

G_BEGIN_DECLS

/* ¶4.i: a CAP's implementation date, which a release under it waits for. */
typedef struct {
  char    *metric;
  char    *failure_month;   /* YYYY-MM */
  guint32  implemented_on;  /* a day number */
} ThrStoreImplementation;

void        thr_store_implementation_free    (ThrStoreImplementation *implementation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrStoreImplementation, thr_store_implementation_free)

/* Of ThrStoreImplementation*: the CAPs of a contract that have one. */
GPtrArray  *thr_store_list_implementations   (ThrStore   *self,
                                              gint64      contract_id,
                                              GError    **error);

/* A CAP's row.  Dates are day numbers, 0 when not set. */
typedef struct {
  gint64   id;
  char    *metric;
  char    *failure_month;       /* YYYY-MM */
  guint32  documented_on;
  guint32  submitted_on;
  guint32  approved_on;
  guint32  implemented_on;
  char    *deficiency;
  char    *root_cause;
  char    *monitoring;
  char    *evidence;
  char    *signatories;
  gboolean edited;              /* a user changed it since it was opened */
  char    *failure_undone_at;   /* ISO 8601, or NULL */
  guint32  closed_on;           /* 0 = open */
  char    *close_reason;
  gint64   row_version;         /* raised by every change of its row (11 → 12) */
} ThrStoreCap;

typedef struct {
  gint64   id;
  char    *description;
  char    *owner;
  guint32  due_on;    /* day number, 0 = not set */
  guint32  done_on;
} ThrStoreCapAction;

typedef struct {
  char *at;          /* ISO 8601 UTC */
  char *field;       /* "submitted_on", "action 3 done_on", "opened" … */
  char *old_value;   /* NULL when there was none */
  char *new_value;
  char *author;      /* NULL before schema 8 */
} ThrStoreCapAudit;

void        thr_store_cap_free               (ThrStoreCap       *cap);
void        thr_store_cap_action_free        (ThrStoreCapAction *action);
void        thr_store_cap_audit_free         (ThrStoreCapAudit  *audit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrStoreCap, thr_store_cap_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrStoreCapAction, thr_store_cap_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrStoreCapAudit, thr_store_cap_audit_free)

/* Of ThrStoreCap*, by failure month then metric. */
GPtrArray  *thr_store_list_caps              (ThrStore    *self,
                                              gint64       contract_id,
                                              GError     **error);
/* Of ThrStoreCapAction*, oldest first. */
GPtrArray  *thr_store_list_cap_actions       (ThrStore    *self,
                                              gint64       cap_id,
                                              GError     **error);
/* Of ThrStoreCapAudit*, oldest first. */
GPtrArray  *thr_store_list_cap_audit         (ThrStore    *self,
                                              gint64       cap_id,
                                              GError     **error);

/* The writes below run inside the caller's transaction (thr_store_begin),
 * so a change and its audit line are committed together. */

/* Opens the CAP of (metric, failure month) unless it exists: *id_out is
 * the new CAP's id, or 0 when there was one already. */
gboolean    thr_store_insert_cap             (ThrStore    *self,
                                              gint64       contract_id,
                                              const char  *metric,
                                              const char  *failure_month,
                                              const char  *documented_on,
                                              const char  *created_at,
                                              gint64      *id_out,
                                              GError     **error);
gboolean    thr_store_delete_cap             (ThrStore    *self,
                                              gint64       cap_id,
                                              GError     **error);
/* The CAP of (metric, failure month) marked failure_undone_at: its id
 * (0 when there is none) and the mark. */
gboolean    thr_store_find_undone_cap        (ThrStore    *self,
                                              gint64       contract_id,
                                              const char  *metric,
                                              const char  *failure_month,
                                              gint64      *id_out,
                                              char       **undone_at_out,
                                              GError     **error);
/* A field of a CAP as stored (NULL for none): documented_on, submitted_on,
 * approved_on, implemented_on, closed_on, deficiency, root_cause,
 * monitoring, evidence, signatories, close_reason, metric, edited_at or
 * failure_undone_at; any
 * other name is refused.  THR_STORE_ERROR_NOT_FOUND when there is no
 * such CAP. */
gboolean    thr_store_get_cap_field          (ThrStore    *self,
                                              gint64       cap_id,
                                              const char  *field,
                                              char       **value_out,
                                              GError     **error);
/* The CAP's row_version now (THR_STORE_ERROR_NOT_FOUND: no such CAP).
 * The store raises it with every change of the CAP's row, whoever makes
 * it: read inside a write's transaction, it says whether the CAP is still
 * the one its editor loaded. */
gboolean    thr_store_get_cap_version        (ThrStore    *self,
                                              gint64       cap_id,
                                              gint64      *version_out,
                                              GError     **error);
gboolean    thr_store_set_cap_field          (ThrStore    *self,
                                              gint64       cap_id,
                                              const char  *field,
                                              const char  *value,
                                              GError     **error);
gboolean    thr_store_append_cap_audit       (ThrStore    *self,
                                              gint64       cap_id,
                                              const char  *at,
                                              const char  *author,
                                              const char  *field,
                                              const char  *old_value,
                                              const char  *new_value,
                                              GError     **error);
gboolean    thr_store_insert_cap_action      (ThrStore    *self,
                                              gint64       cap_id,
                                              const char  *description,
                                              const char  *owner,
                                              const char  *due_on,
                                              gint64      *id_out,
                                              GError     **error);
/* THR_STORE_ERROR_NOT_FOUND when there is no such action. */
gboolean    thr_store_get_cap_action_done    (ThrStore    *self,
                                              gint64       action_id,
                                              gint64      *cap_id_out,
                                              char       **done_on_out,
                                              GError     **error);
gboolean    thr_store_set_cap_action_done    (ThrStore    *self,
                                              gint64       action_id,
                                              const char  *done_on,
                                              GError     **error);
/* An action as stored (dates as YYYY-MM-DD text, NULL for none).
 * THR_STORE_ERROR_NOT_FOUND when there is no such action. */
gboolean    thr_store_get_cap_action         (ThrStore    *self,
                                              gint64       action_id,
                                              gint64      *cap_id_out,
                                              char       **description_out,
                                              char       **owner_out,
                                              char       **due_on_out,
                                              GError     **error);
/* One column of an action: description, owner, due_on or done_on. */
gboolean    thr_store_set_cap_action_field   (ThrStore    *self,
                                              gint64       action_id,
                                              const char  *field,
                                              const char  *value,
                                              GError     **error);
gboolean    thr_store_delete_cap_action      (ThrStore    *self,
                                              gint64       action_id,
                                              GError     **error);

G_END_DECLS
