/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-profile.h — how a source's columns map to a record kind
 *
 * A profile is a JSON data file (docs/import-profiles.md): the record kind,
 * for each canonical field the source column it comes from (or a fixed
 * value), the format of its values, a translation of codes, and which
 * columns are dropped or hashed for privacy.  Profiles ship in the core
 * GResource; a user's own live in $XDG_CONFIG_HOME/threshold/profiles/.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define THR_PROFILE_ERROR (thr_profile_error_quark ())
GQuark thr_profile_error_quark (void);

typedef enum {
  THR_PROFILE_ERROR_INVALID,
  THR_PROFILE_ERROR_NOT_FOUND,
  THR_PROFILE_ERROR_EXISTS,
} ThrProfileError;

typedef enum {
  THR_VALUE_FORMAT_AUTO,        /* whatever the field's type takes by default */
  THR_VALUE_FORMAT_PERCENT,     /* 0–100; "98.5" or "98.5%" */
  THR_VALUE_FORMAT_FRACTION,    /* 0–1; "0.985" means 98.5 %, "98.5%" too */
  THR_VALUE_FORMAT_DURATION,    /* seconds, "mm:ss" or "hh:mm:ss" */
  THR_VALUE_FORMAT_EXCEL_DATE,  /* dates also as Excel serial numbers */
} ThrValueFormat;

typedef struct {
  char           *field;      /* canonical field, e.g. "wait_seconds" */
  char           *source;     /* header in the source, lower case; NULL with a constant */
  char           *constant;   /* a fixed value, e.g. a task type "hearing" */
  ThrValueFormat  format;
  GHashTable     *map;        /* lower-case source value → canonical value, or NULL */
  gboolean        hash;       /* store a keyed digest, never the value */
} ThrProfileColumn;

typedef struct _ThrProfile ThrProfile;

ThrProfile     *thr_profile_new_from_bytes (GBytes            *bytes,
                                            const char        *source,
                                            GError           **error);
ThrProfile     *thr_profile_ref            (ThrProfile        *self);
void            thr_profile_unref          (ThrProfile        *self);
const char     *thr_profile_get_id         (ThrProfile        *self);
const char     *thr_profile_get_title      (ThrProfile        *self);
/* A thr_import_kind_to_string() name: "calls", "tasks", … */
const char     *thr_profile_get_kind       (ThrProfile        *self);
const char     *thr_profile_get_origin     (ThrProfile        *self);   /* "built-in" or a file path */
GPtrArray      *thr_profile_get_columns    (ThrProfile        *self);   /* ThrProfileColumn * */
const ThrProfileColumn *thr_profile_find_column (ThrProfile    *self,
                                                 const char    *field);
/* Whether the profile names a source column (lower case) to drop. */
gboolean        thr_profile_drops          (ThrProfile        *self,
                                            const char        *source);
GBytes         *thr_profile_get_bytes      (ThrProfile        *self);

/* Built-in and user profiles, sorted by id; a user's profile with the id
 * of a built-in one replaces it. */
GPtrArray      *thr_profile_list           (GError           **error);
ThrProfile     *thr_profile_lookup         (const char        *id,
                                            GError           **error);
char           *thr_profile_user_dir       (void);
/* Checks the JSON file and copies it to the user's profiles as ID.json. */
ThrProfile     *thr_profile_save_user      (const char        *path,
                                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrProfile, thr_profile_unref)

G_END_DECLS
