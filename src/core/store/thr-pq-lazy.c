/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-pq-lazy.c — libpq, opened the first time a team store is used
 *
 * Threshold does not link libpq.  Each libpq function the store calls is
 * defined here and calls the library's own, which is opened with GModule
 * at the first call (thr-lazy-library.h).  Linked, libpq and the TLS,
 * Kerberos and LDAP libraries it brings cost every launch about 8 ms of
 * the main thread before the window's first frame (docs/benchmarks.md, "Start-up, session
 * 12"), and most people never open a team store.
 *
 * Only the store's team backend (thr-db-pg.c, thr-db-pg-notify.c) calls
 * these; a connection is the first call, so every other one finds the
 * library open.  Should it be missing, the connection fails
 * (PQconnectdbParams gives NULL, which the store reports, and a warning
 * says why) and the other calls answer as libpq does to a NULL connection
 * or result.
 */
#define G_LOG_DOMAIN "thr-store"

#include "config.h"

/* Hidden: a program that links libpq as well (make-demo-store, and the
 * tests that make roles on the test server) exported these otherwise, and
 * libpq's calls to its own functions came here. */
#pragma GCC visibility push(hidden)
#include <libpq-fe.h>
#pragma GCC visibility pop

#include "thr-lazy-library.h"

/* The library's soname, as its pkg-config file links it. */
#define LIBPQ_SONAME "libpq.so.5"

/* Each function: its return type, name, parameters, arguments, and the
 * answer when the library cannot be opened. */
#define THR_PQ_FUNCTIONS(F) \
  F (PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand_dbname), \
     (keywords, values, expand_dbname), NULL) \
  F (PGconn *, PQconnectdb, (const char *conninfo), (conninfo), NULL) \
  F (ConnStatusType, PQstatus, (const PGconn *conn), (conn), CONNECTION_BAD) \
  F (char *, PQerrorMessage, (const PGconn *conn), (conn), NULL) \
  F (char *, PQuser, (const PGconn *conn), (conn), NULL) \
  F (char *, PQdb, (const PGconn *conn), (conn), NULL) \
  F (char *, PQhost, (const PGconn *conn), (conn), NULL) \
  F (char *, PQport, (const PGconn *conn), (conn), NULL) \
  F (int, PQsocket, (const PGconn *conn), (conn), -1) \
  F (int, PQbackendPID, (const PGconn *conn), (conn), 0) \
  F (PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query), NULL) \
  F (PGresult *, PQexecParams, \
     (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues, \
      const int *paramLengths, const int *paramFormats, int resultFormat), \
     (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat), NULL) \
  F (PGresult *, PQprepare, (PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes), \
     (conn, stmtName, query, nParams, paramTypes), NULL) \
  F (PGresult *, PQexecPrepared, \
     (PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths, \
      const int *paramFormats, int resultFormat), \
     (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat), NULL) \
  F (int, PQsendQueryPrepared, \
     (PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths, \
      const int *paramFormats, int resultFormat), \
     (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat), 0) \
  F (int, PQsendQueryParams, \
     (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues, \
      const int *paramLengths, const int *paramFormats, int resultFormat), \
     (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat), 0) \
  F (int, PQsetSingleRowMode, (PGconn *conn), (conn), 0) \
  F (PGresult *, PQgetResult, (PGconn *conn), (conn), NULL) \
  F (int, PQconsumeInput, (PGconn *conn), (conn), 0) \
  F (PGnotify *, PQnotifies, (PGconn *conn), (conn), NULL) \
  F (int, PQputCopyData, (PGconn *conn, const char *buffer, int nbytes), (conn, buffer, nbytes), -1) \
  F (int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg), -1) \
  F (PGcancel *, PQgetCancel, (PGconn *conn), (conn), NULL) \
  F (int, PQcancel, (PGcancel *cancel, char *errbuf, int errbufsize), (cancel, errbuf, errbufsize), 0) \
  F (ExecStatusType, PQresultStatus, (const PGresult *res), (res), PGRES_FATAL_ERROR) \
  F (char *, PQresultErrorMessage, (const PGresult *res), (res), NULL) \
  F (char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode), NULL) \
  F (int, PQntuples, (const PGresult *res), (res), 0) \
  F (int, PQnfields, (const PGresult *res), (res), 0) \
  F (Oid, PQftype, (const PGresult *res, int field_num), (res, field_num), 0) \
  F (char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num), NULL) \
  F (int, PQgetlength, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num), 0) \
  F (int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num), 1) \
  F (char *, PQcmdTuples, (PGresult *res), (res), NULL)

/* The functions that return nothing. */
#define THR_PQ_PROCEDURES(F) \
  F (PQfinish, (PGconn *conn), (conn)) \
  F (PQclear, (PGresult *res), (res)) \
  F (PQfreemem, (void *ptr), (ptr)) \
  F (PQfreeCancel, (PGcancel *cancel), (cancel))

THR_LAZY_LIBRARY_DEFINE (LIBPQ_SONAME, THR_PQ_FUNCTIONS, THR_PQ_PROCEDURES)
