/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-sqlite-lazy.c — SQLite, opened the first time a store is opened
 *
 * The core does not need SQLite linked.  Each SQLite function the store
 * calls is defined here and calls the library's own, opened with GModule
 * (thr-lazy-library.h).  Linked, SQLite was the last library the window
 * links and a bare window does not: every symbol lookup of the launch
 * (the GL driver's, before the first frame) looked in it first, about
 * 2 M instructions of the main thread (docs/benchmarks.md, "Start-up,
 * session 20").  The window opens its store on a worker thread, so its
 * main thread no longer loads SQLite at all.  A program that calls other
 * SQLite functions itself (the CLI, the tests) still links the library,
 * and these wrappers, kept out of its dynamic symbol table, call into
 * the same copy.
 *
 * An opening (sqlite3_open_v2), the configuration and the VFS calls
 * open the library.  Every other function takes a connection, statement
 * or backup that an opening made, so it tests only its pointer, not
 * g_once's state: a row read costs about what the PLT's jump cost.  Should
 * the library be missing, the opening fails with SQLITE_CANTOPEN,
 * sqlite3_errmsg () says why, and the functions answer a NULL handle as
 * SQLite does (closing and finalizing NULL succeed).
 */
#define G_LOG_DOMAIN "thr-store"

#include "config.h"

#include <stdarg.h>

/* Hidden: a program that links SQLite as well (the CLI, the tests) would
 * otherwise export these, since the library refers to its own functions,
 * and SQLite's calls to itself would come back here. */
#pragma GCC visibility push(hidden)
#include <sqlite3.h>
#pragma GCC visibility pop

#include "thr-lazy-library.h"

/* The library's soname, as its pkg-config file links it. */
#define SQLITE_SONAME "libsqlite3.so.0"

/* The functions that need no handle: each opens the library first. */
#define THR_SQLITE_ENTRIES(F) \
  F (const char *, sqlite3_errstr, (int code), (code), "SQLite cannot be opened") \
  F (sqlite3_vfs *, sqlite3_vfs_find, (const char *zVfsName), (zVfsName), NULL) \
  F (int, sqlite3_vfs_register, (sqlite3_vfs *vfs, int makeDflt), (vfs, makeDflt), SQLITE_ERROR)

/* The functions on a handle an opening made: the library is open, or the
 * handle is NULL. */
#define THR_SQLITE_ON_HANDLE(F) \
  F (int, sqlite3_close, (sqlite3 *db), (db), SQLITE_OK) \
  F (int, sqlite3_errcode, (sqlite3 *db), (db), SQLITE_CANTOPEN) \
  F (int, sqlite3_extended_errcode, (sqlite3 *db), (db), SQLITE_CANTOPEN) \
  F (int, sqlite3_extended_result_codes, (sqlite3 *db, int onoff), (db, onoff), SQLITE_MISUSE) \
  F (int, sqlite3_busy_timeout, (sqlite3 *db, int ms), (db, ms), SQLITE_MISUSE) \
  F (int, sqlite3_get_autocommit, (sqlite3 *db), (db), 1) \
  F (sqlite3_int64, sqlite3_changes64, (sqlite3 *db), (db), 0) \
  F (sqlite3_int64, sqlite3_last_insert_rowid, (sqlite3 *db), (db), 0) \
  F (int, sqlite3_exec, \
     (sqlite3 *db, const char *sql, int (*callback) (void *, int, char **, char **), void *data, char **errmsg), \
     (db, sql, callback, data, errmsg), SQLITE_MISUSE) \
  F (int, sqlite3_prepare_v2, \
     (sqlite3 *db, const char *zSql, int nByte, sqlite3_stmt **ppStmt, const char **pzTail), \
     (db, zSql, nByte, ppStmt, pzTail), SQLITE_MISUSE) \
  F (int, sqlite3_prepare_v3, \
     (sqlite3 *db, const char *zSql, int nByte, unsigned int prepFlags, sqlite3_stmt **ppStmt, \
      const char **pzTail), \
     (db, zSql, nByte, prepFlags, ppStmt, pzTail), SQLITE_MISUSE) \
  F (int, sqlite3_step, (sqlite3_stmt *stmt), (stmt), SQLITE_MISUSE) \
  F (int, sqlite3_reset, (sqlite3_stmt *pStmt), (pStmt), SQLITE_OK) \
  F (int, sqlite3_finalize, (sqlite3_stmt *pStmt), (pStmt), SQLITE_OK) \
  F (int, sqlite3_clear_bindings, (sqlite3_stmt *stmt), (stmt), SQLITE_OK) \
  F (int, sqlite3_bind_null, (sqlite3_stmt *stmt, int i), (stmt, i), SQLITE_MISUSE) \
  F (int, sqlite3_bind_int64, (sqlite3_stmt *stmt, int i, sqlite3_int64 value), (stmt, i, value), SQLITE_MISUSE) \
  F (int, sqlite3_bind_double, (sqlite3_stmt *stmt, int i, double value), (stmt, i, value), SQLITE_MISUSE) \
  F (int, sqlite3_bind_text, (sqlite3_stmt *stmt, int i, const char *text, int n, void (*destroy) (void *)), \
     (stmt, i, text, n, destroy), SQLITE_MISUSE) \
  F (int, sqlite3_column_type, (sqlite3_stmt *stmt, int iCol), (stmt, iCol), SQLITE_NULL) \
  F (int, sqlite3_column_int, (sqlite3_stmt *stmt, int iCol), (stmt, iCol), 0) \
  F (sqlite3_int64, sqlite3_column_int64, (sqlite3_stmt *stmt, int iCol), (stmt, iCol), 0) \
  F (double, sqlite3_column_double, (sqlite3_stmt *stmt, int iCol), (stmt, iCol), 0.0) \
  F (const unsigned char *, sqlite3_column_text, (sqlite3_stmt *stmt, int iCol), (stmt, iCol), NULL) \
  F (int, sqlite3_column_bytes, (sqlite3_stmt *stmt, int iCol), (stmt, iCol), 0) \
  F (sqlite3_backup *, sqlite3_backup_init, \
     (sqlite3 *pDest, const char *zDestName, sqlite3 *pSource, const char *zSourceName), \
     (pDest, zDestName, pSource, zSourceName), NULL) \
  F (int, sqlite3_backup_step, (sqlite3_backup *p, int nPage), (p, nPage), SQLITE_MISUSE) \
  F (int, sqlite3_backup_finish, (sqlite3_backup *p), (p), SQLITE_OK)

#define THR_SQLITE_ON_HANDLE_PROCEDURES(F) \
  F (sqlite3_progress_handler, (sqlite3 *db, int n, int (*callback) (void *), void *data), (db, n, callback, data))

/* Written out below: the opening says why it failed, and the variadic
 * ones forward the arguments of the operations the store uses. */
typedef int ThrSqliteOpen (const char *filename, sqlite3 **ppDb, int flags, const char *zVfs);
typedef const char *ThrSqliteErrmsg (sqlite3 *db);
typedef int ThrSqliteConfig (int op, ...);
typedef int ThrSqliteDbConfig (sqlite3 *db, int op, ...);

#define THR_SQLITE_WRITTEN_OUT(V) \
  V (ThrSqliteOpen, sqlite3_open_v2) \
  V (ThrSqliteErrmsg, sqlite3_errmsg) \
  V (ThrSqliteConfig, sqlite3_config) \
  V (ThrSqliteDbConfig, sqlite3_db_config)

static struct
{
  THR_SQLITE_ENTRIES (THR_LAZY_POINTER)
  THR_SQLITE_ON_HANDLE (THR_LAZY_POINTER)
  THR_SQLITE_ON_HANDLE_PROCEDURES (THR_LAZY_PROCEDURE_POINTER)
  THR_SQLITE_WRITTEN_OUT (THR_LAZY_VARIABLE_POINTER)
} thr_lazy_functions;

static const ThrLazySymbol thr_lazy_symbols[] = {
  THR_SQLITE_ENTRIES (THR_LAZY_SYMBOL)
  THR_SQLITE_ON_HANDLE (THR_LAZY_SYMBOL)
  THR_SQLITE_ON_HANDLE_PROCEDURES (THR_LAZY_PROCEDURE_SYMBOL)
  THR_SQLITE_WRITTEN_OUT (THR_LAZY_VARIABLE_SYMBOL)
  { NULL, NULL },
};

static ThrLazyLibrary thr_lazy_library = { SQLITE_SONAME, thr_lazy_symbols, 0, NULL };

/* Once the library is open its pointers are set, so a call on a handle
 * costs one test.  A NULL pointer is a NULL handle, or a handle made by a
 * function not wrapped here (a test's sqlite3_open ()), in a program that
 * links SQLite: then the library is opened as for an opening. */
#define THR_SQLITE_OPEN_FOR(name) \
  (G_LIKELY (thr_lazy_functions.name != NULL) || thr_lazy_library_open (&thr_lazy_library, NULL))
#define THR_SQLITE_DEFINE_ON_HANDLE(ret, name, params, args, fallback) \
  ret name params \
  { \
    return THR_SQLITE_OPEN_FOR (name) ? thr_lazy_functions.name args : (fallback); \
  }
#define THR_SQLITE_DEFINE_ON_HANDLE_PROCEDURE(name, params, args) \
  void name params \
  { \
    if (THR_SQLITE_OPEN_FOR (name)) \
      thr_lazy_functions.name args; \
  }

THR_SQLITE_ENTRIES (THR_LAZY_DEFINE_FUNCTION)
THR_SQLITE_ON_HANDLE (THR_SQLITE_DEFINE_ON_HANDLE)
THR_SQLITE_ON_HANDLE_PROCEDURES (THR_SQLITE_DEFINE_ON_HANDLE_PROCEDURE)

int
sqlite3_open_v2 (const char  *filename,
                 sqlite3    **ppDb,
                 int          flags,
                 const char  *zVfs)
{
  if (!thr_lazy_library_open (&thr_lazy_library, NULL))
    {
      *ppDb = NULL;
      return SQLITE_CANTOPEN;
    }
  return thr_lazy_functions.sqlite3_open_v2 (filename, ppDb, flags, zVfs);
}

/* For the NULL connection of an opening that failed because the library
 * could not be opened: why not. */
const char *
sqlite3_errmsg (sqlite3 *db)
{
  if (THR_SQLITE_OPEN_FOR (sqlite3_errmsg))
    return thr_lazy_functions.sqlite3_errmsg (db);
  return thr_lazy_library.reason != NULL ? thr_lazy_library.reason : "SQLite cannot be opened";
}

/* A va_list cannot be passed on, so only the operations that take one
 * int are forwarded (SQLITE_CONFIG_MEMSTATUS, thr-db.c). */
int
sqlite3_config (int op,
                ...)
{
  va_list args;
  int value;

  g_return_val_if_fail (op == SQLITE_CONFIG_MEMSTATUS, SQLITE_MISUSE);
  if (!thr_lazy_library_open (&thr_lazy_library, NULL))
    return SQLITE_ERROR;
  va_start (args, op);
  value = va_arg (args, int);
  va_end (args);
  return thr_lazy_functions.sqlite3_config (op, value);
}

/* Likewise: the switches, which take an int and an int * for the
 * setting's new state (SQLITE_DBCONFIG_DEFENSIVE, _TRUSTED_SCHEMA). */
int
sqlite3_db_config (sqlite3 *db,
                   int      op,
                   ...)
{
  va_list args;
  int value;
  int *state;

  g_return_val_if_fail (op != SQLITE_DBCONFIG_MAINDBNAME && op != SQLITE_DBCONFIG_LOOKASIDE, SQLITE_MISUSE);
  if (!THR_SQLITE_OPEN_FOR (sqlite3_db_config))
    return SQLITE_MISUSE;
  va_start (args, op);
  value = va_arg (args, int);
  state = va_arg (args, int *);
  va_end (args);
  return thr_lazy_functions.sqlite3_db_config (db, op, value, state);
}
