/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-lazy-library.h — a library opened the first time it is used, not linked
 *
 * A library only some launches need (libpq for a team store, libsecret for
 * its password) costs every launch its loading and relocation before the
 * window's first frame (docs/benchmarks.md, "Start-up, session 12").  Its
 * wrapper file lists the functions the program calls and says
 *
 *     THR_LAZY_LIBRARY_DEFINE ("libfoo.so.1", FOO_FUNCTIONS, FOO_PROCEDURES)
 *
 * which defines each of them, calling the library's own, opened with
 * GModule at the first call (once, from any thread; never closed).  A list
 * gives F (return type, name, (parameters), (arguments), answer when the
 * library cannot be opened) for each function, P (name, (parameters),
 * (arguments)) for each that returns nothing.  The wrapper's own
 * thr_lazy_library_open (&thr_lazy_library, error) says why it cannot
 * be opened, for callers that can report it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  gpointer   *slot;
} ThrLazySymbol;

typedef struct
{
  const char          *soname;
  const ThrLazySymbol *symbols; /* ends with { NULL, NULL } */
  gsize                state;   /* g_once: 1 opened, 2 not */
  char                *reason;  /* why not, once known */
} ThrLazyLibrary;

gboolean thr_lazy_library_open (ThrLazyLibrary  *library,
                                GError         **error);

#define THR_LAZY_POINTER(ret, name, params, args, fallback) ret (*name) params;
#define THR_LAZY_PROCEDURE_POINTER(name, params, args) void (*name) params;
#define THR_LAZY_SYMBOL(ret, name, params, args, fallback) { #name, (gpointer *) &thr_lazy_functions.name },
#define THR_LAZY_PROCEDURE_SYMBOL(name, params, args) { #name, (gpointer *) &thr_lazy_functions.name },
#define THR_LAZY_DEFINE_FUNCTION(ret, name, params, args, fallback) \
  ret name params \
  { \
    return thr_lazy_library_open (&thr_lazy_library, NULL) ? thr_lazy_functions.name args : (fallback); \
  }
#define THR_LAZY_DEFINE_PROCEDURE(name, params, args) \
  void name params \
  { \
    if (thr_lazy_library_open (&thr_lazy_library, NULL)) \
      thr_lazy_functions.name args; \
  }

#define THR_LAZY_VARIABLE_POINTER(type, name) type *name;
#define THR_LAZY_VARIABLE_SYMBOL(type, name) { #name, (gpointer *) &thr_lazy_functions.name },
#define THR_LAZY_NO_VARIABLES(V)

/* As THR_LAZY_LIBRARY_DEFINE, and a list V (type, name) of the library's
 * variables, whose addresses thr_lazy_functions.name holds once it is open. */
#define THR_LAZY_LIBRARY_DEFINE_WITH_VARIABLES(soname, FUNCTIONS, PROCEDURES, VARIABLES) \
  static struct \
  { \
    FUNCTIONS (THR_LAZY_POINTER) \
    PROCEDURES (THR_LAZY_PROCEDURE_POINTER) \
    VARIABLES (THR_LAZY_VARIABLE_POINTER) \
  } thr_lazy_functions; \
  static const ThrLazySymbol thr_lazy_symbols[] = { \
    FUNCTIONS (THR_LAZY_SYMBOL) \
    PROCEDURES (THR_LAZY_PROCEDURE_SYMBOL) \
    VARIABLES (THR_LAZY_VARIABLE_SYMBOL) \
    { NULL, NULL }, \
  }; \
  static ThrLazyLibrary thr_lazy_library = { soname, thr_lazy_symbols, 0, NULL }; \
  FUNCTIONS (THR_LAZY_DEFINE_FUNCTION) \
  PROCEDURES (THR_LAZY_DEFINE_PROCEDURE)

#define THR_LAZY_LIBRARY_DEFINE(soname, FUNCTIONS, PROCEDURES) \
  THR_LAZY_LIBRARY_DEFINE_WITH_VARIABLES (soname, FUNCTIONS, PROCEDURES, THR_LAZY_NO_VARIABLES)

G_END_DECLS
