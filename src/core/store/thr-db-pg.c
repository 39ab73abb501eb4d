/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-db-pg.c — the store's connection: the PostgreSQL backend of the seam
 *
 * The store's SQL is written once, in words both backends know where
 * they share them; what only SQLite says is translated here, in one
 * place (_thr_db_pg_translate): numbered parameters ?N become $n, IFNULL
 * becomes COALESCE, min and max of several values LEAST and GREATEST, a
 * GLOB pattern a regular expression, an INDEXED BY hint is dropped, and an INSERT into a table with an id returns it
 * (SQLite's last_insert_rowid).
 *
 * Values travel as text both ways, so the server's own output functions
 * print every number: a double comes back with all its digits
 * (extra_float_digits is 1 by default since PostgreSQL 12).
 *
 * A statement marked streamed (the scans of raw records) is run in
 * single-row mode, so a scan of millions of records never holds more
 * than one row of it in memory.  libpq runs one query at a time on a
 * connection: if another statement runs while a streamed one still has
 * rows coming, those rows are read ahead into memory first.
 *
 * An import's inserts (thr_db_prepare_bulk) travel as one COPY … FROM
 * STDIN per table, inside the import's transaction: a row costs a line
 * of text, not a round trip.  The COPY ends when anything else is asked
 * of the connection, which then reports what the server refused in it.
 * Its rows are given their ids here, as SQLite gives them (the largest
 * so far, plus one): writers hold the store's lock, so no one else
 * inserts meanwhile, and the identity is moved past them afterwards.
 *
 * A user whom row-level security holds (any but the tables' owner or a
 * superuser: an importer) may not COPY into a table with policies.  The
 * raw records, which an import brings by the million, go into their
 * contract's part of tasks and calls (tasks_c<ID>, which has none), with
 * ids taken from the table's sequence, since the largest id such a user
 * sees is only that of its own contracts; every other table of an import
 * is written row by row.
 *
 * Writers take one transaction-scoped advisory lock, as SQLite's BEGIN
 * IMMEDIATE takes its write lock: writes follow one another, readers are
 * never held, and a writer that waits past the timeout is told the store
 * is busy (THR_STORE_ERROR_BUSY) before it has written anything.
 */
#define G_LOG_DOMAIN "thr-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "thr-db-pg-private.h"
#include "thr-team-password.h"

/* The advisory lock every writer of a team store takes ("THR" in ASCII). */
#define WRITE_LOCK_KEY "5523538"

/* Tables split by contract (schema.sql): a part per contract. */
static const char * const tables_split_by_contract[] = { "tasks", "calls" };

/* Tables whose INSERT gives back the id of the row it made. */
static const char * const tables_with_id[] = {
  "contracts", "imports", "reported_values", "reference_values", "invoices", "tasks", "calls",
  "caps", "cap_actions", "cap_audit", "calendar_closures",
};

/* ---- translating SQLite's words ---- */

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Whether the SQL at @p starts with the word @word (any case). */
static gboolean
at_word (const char *sql,
         const char *p,
         const char *word)
{
  gsize len = strlen (word);

  return (p == sql || !is_word_char (p[-1]))
         && g_ascii_strncasecmp (p, word, len) == 0
         && !is_word_char (p[len]);
}

/* A GLOB pattern ('[0-9]-*') as an anchored regular expression. */
static void
append_glob_as_regex (GString    *out,
                      const char *pattern,
                      gsize       len)
{
  g_string_append (out, "~ '^");
  for (gsize i = 0; i < len; i++)
    {
      char c = pattern[i];

      if (c == '*')
        g_string_append (out, ".*");
      else if (c == '?')
        g_string_append_c (out, '.');
      else if (c == '[')
        {
          for (; i < len && pattern[i] != ']'; i++)
            g_string_append_c (out, pattern[i]);
          g_string_append_c (out, ']');
        }
      else
        {
          if (strchr (".^$+(){}|\\", c) != NULL)
            g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
    }
  g_string_append (out, "$'");
}

/* Copies a quoted literal or identifier starting at @p; returns its end. */
static const char *
copy_quoted (GString    *out,
             const char *p)
{
  char quote = *p;

  g_string_append_c (out, *p++);
  while (*p != '\0')
    {
      g_string_append_c (out, *p);
      if (*p++ == quote)
        {
          if (*p != quote)
            break;
          g_string_append_c (out, *p++);
        }
    }
  return p;
}

/* Whether the call whose "(" is at @open has more than one argument. */
static gboolean
has_several_arguments (const char *open)
{
  int depth = 0;

  for (const char *p = open; *p != '\0'; p++)
    {
      if (*p == '\'')
        for (p++; *p != '\0' && *p != '\''; p++)
          ;
      if (*p == '\0')
        break;
      if (*p == '(')
        depth++;
      else if (*p == ')' && --depth == 0)
        return FALSE;
      else if (*p == ',' && depth == 1)
        return TRUE;
    }
  return FALSE;
}

/* The table an "INSERT INTO name" names, if it has an id column. */
static gboolean
inserts_into_table_with_id (const char *sql)
{
  const char *p = sql;

  while (g_ascii_isspace (*p))
    p++;
  if (g_ascii_strncasecmp (p, "INSERT INTO ", 12) != 0)
    return FALSE;
  p += 12;
  for (guint i = 0; i < G_N_ELEMENTS (tables_with_id); i++)
    {
      gsize len = strlen (tables_with_id[i]);

      if (strncmp (p, tables_with_id[i], len) == 0 && !is_word_char (p[len]))
        return TRUE;
    }
  return FALSE;
}

char *
_thr_db_pg_translate (const char *sql,
                      int        *param_of,
                      int        *n_params,
                      gboolean   *returns_id)
{
  g_autoptr(GString) out = g_string_sized_new (strlen (sql) + 32);
  const char *p = sql;

  for (int i = 0; i <= THR_DB_MAX_PARAMS; i++)
    param_of[i] = -1;
  *n_params = 0;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        p = copy_quoted (out, p);
      else if (*p == '?' && g_ascii_isdigit (p[1]))
        {
          /* Renumbered densely in order of appearance: PostgreSQL must
           * know a type for every $n up to the last, and the store leaves
           * some ?N out of a statement on purpose. */
          char *end;
          guint64 n = g_ascii_strtoull (p + 1, &end, 10);

          g_assert (n >= 1 && n <= THR_DB_MAX_PARAMS);
          if (param_of[n] < 0)
            param_of[n] = (*n_params)++;
          g_string_append_printf (out, "$%d", param_of[n] + 1);
          p = end;
        }
      else if ((at_word (sql, p, "min") || at_word (sql, p, "max")) && p[3] == '('
               && has_several_arguments (p + 3))
        {
          /* SQLite's min and max of several values are PostgreSQL's LEAST
           * and GREATEST (which skip a NULL where SQLite's give NULL: the
           * store passes them none). */
          g_string_append (out, g_ascii_strncasecmp (p, "min", 3) == 0 ? "LEAST" : "GREATEST");
          p += 3;
        }
      else if (at_word (sql, p, "IFNULL"))
        {
          g_string_append (out, "COALESCE");
          p += 6;
        }
      else if (at_word (sql, p, "GLOB"))
        {
          const char *start, *end;

          for (p += 4; g_ascii_isspace (*p); p++)
            ;
          g_assert (*p == '\'');
          start = p + 1;
          end = strchr (start, '\'');
          g_assert (end != NULL);
          append_glob_as_regex (out, start, (gsize) (end - start));
          p = end + 1;
        }
      else if (at_word (sql, p, "INDEXED"))
        {
          /* "INDEXED BY name": a hint for SQLite's planner only. */
          for (p += 7; g_ascii_isspace (*p); p++)
            ;
          for (p += 2; g_ascii_isspace (*p); p++)
            ;
          while (is_word_char (*p))
            p++;
        }
      else
        g_string_append_c (out, *p++);
    }

  *returns_id = inserts_into_table_with_id (sql);
  if (*returns_id)
    g_string_append (out, " RETURNING id");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- errors ---- */

static void
remember_error (ThrDb      *self,
                const char *message,
                const char *sqlstate)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (message != NULL && *message ? message : "unknown error"));

  g_free (self->pg_error);
  self->pg_error = g_steal_pointer (&trimmed);
  g_strlcpy (self->pg_sqlstate, sqlstate != NULL ? sqlstate : "", sizeof self->pg_sqlstate);
}

/* One of the server's messages as a sentence: PostgreSQL writes its
 * primary messages in lower case and without a full stop. */
static void
append_sentence (GString    *out,
                 const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize len = strlen (trimmed);

  if (len == 0)
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (trimmed)));
  g_string_append (out, g_utf8_next_char (trimmed));
  if (!strchr (".!?", trimmed[len - 1]))
    g_string_append_c (out, '.');
}

/* The server's words for a person: its primary message, then the detail
 * and the hint each on a line of their own, without the severity ("ERROR:
 * ") and the field names ("DETAIL:  ") libpq's one text puts before
 * them, which read as noise in a dialog. */
static char *
describe_result_error (const PGresult *result)
{
  const char *primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
  g_autoptr(GString) out = g_string_new (NULL);

  /* An error libpq made itself (a lost connection) has no fields. */
  if (primary == NULL)
    return g_strdup (PQresultErrorMessage (result));
  append_sentence (out, primary);
  append_sentence (out, PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL));
  append_sentence (out, PQresultErrorField (result, PG_DIAG_MESSAGE_HINT));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
remember_result_error (ThrDb          *self,
                       const PGresult *result)
{
  g_autofree char *words = NULL;

  if (result == NULL)
    {
      remember_error (self, PQerrorMessage (self->pg), "08000");
      return;
    }
  words = describe_result_error (result);
  remember_error (self, words, PQresultErrorField (result, PG_DIAG_SQLSTATE));
}

gboolean
_thr_db_pg_set_error (ThrDb   *self,
                      GError **error)
{
  const char *state = self->pg_sqlstate;

  if (PQstatus (self->pg) != CONNECTION_OK || g_str_has_prefix (state, "08"))
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER,
                 _("%s: the connection to the PostgreSQL server failed (%s)"), self->path, self->pg_error);
  else if (g_str_equal (state, "55P03") || g_str_equal (state, "40001") || g_str_equal (state, "40P01"))
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY,
                 _("%s is busy: another person or program kept writing to it; nothing was written, "
                   "try again when it has finished (%s)"), self->path, self->pg_error);
  else if (g_str_equal (state, "42501"))
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_RIGHTS,
                 _("%s: the server refused this to your database role (%s)"), self->path, self->pg_error);
  else
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER, "%s: %s", self->path, self->pg_error);
  return FALSE;
}

/* ---- the connection ---- */

/* The address as it may be shown: without a password, in the URI's
 * user information or in a password= parameter. */
static char *
address_without_password (const char *address)
{
  g_autoptr(GString) shown = g_string_new (address);
  const char *scheme_end = strstr (shown->str, "://");
  const char *at, *colon, *param;

  if (scheme_end != NULL)
    {
      const char *authority = scheme_end + 3;
      gsize authority_len = strcspn (authority, "/?");

      at = g_strstr_len (authority, (gssize) authority_len, "@");
      colon = at != NULL ? g_strstr_len (authority, at - authority, ":") : NULL;
      if (colon != NULL)
        g_string_erase (shown, colon - shown->str, at - colon);
    }
  param = strstr (shown->str, "password=");
  if (param != NULL)
    {
      gsize start = (gsize) (param - shown->str) + 9;
      gsize len = strcspn (shown->str + start, "& ");

      g_string_erase (shown, (gssize) start, (gssize) len);
      g_string_insert (shown, (gssize) start, "…");
    }
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* Whether row-level security holds the user: anyone but a superuser, a
 * role that bypasses it, and the tables' owner (in a database with no
 * tables yet, whoever makes them). */
static gboolean
ask_whether_held_by_policies (ThrDb   *self,
                              GError **error)
{
  g_autoptr(PGresult) result =
    PQexec (self->pg,
            "SELECT NOT (coalesce ((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user), false) "
            "  OR coalesce (pg_has_role (current_user, (SELECT relowner FROM pg_class "
            "    WHERE oid = to_regclass ('contracts')), 'MEMBER'), true))");

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    {
      remember_result_error (self, result);
      return _thr_db_pg_set_error (self, error);
    }
  self->held_by_policies = g_str_equal (PQgetvalue (result, 0, 0), "t");
  return TRUE;
}

gboolean
_thr_db_pg_connect (ThrDb       *self,
                    const char  *address,
                    GError     **error)
{
  g_autofree char *shown = address_without_password (address);

  g_free (self->path);
  self->path = g_steal_pointer (&shown);
  g_free (self->pg_address);
  self->pg_address = g_strdup (address);
  /* libpq reads what the address leaves out from the PG* environment
   * variables and, for service=NAME, from the service file.  A server
   * that does not answer is given up after a while rather than waited
   * for as long as the network lets a connection hang; the address or
   * PGCONNECT_TIMEOUT says otherwise. */
  const char *keywords[] = { "connect_timeout", "dbname", "password", NULL };
  /* A password the window read from the keyring (thr-team-password.h):
   * after the address, so it counts over one the address might hold. */
  g_autofree char *password = thr_team_password_lookup (self->path);
  const char *values[] = { "15", address, password, NULL };

  if (password == NULL)
    keywords[2] = NULL;

  self->pg = PQconnectdbParams (g_getenv ("PGCONNECT_TIMEOUT") != NULL ? keywords + 1 : keywords,
                                g_getenv ("PGCONNECT_TIMEOUT") != NULL ? values + 1 : values, TRUE);
  if (self->pg == NULL || PQstatus (self->pg) != CONNECTION_OK)
    {
      remember_error (self, self->pg != NULL ? PQerrorMessage (self->pg) : "out of memory", "08000");
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER,
                   _("%s: cannot connect to the PostgreSQL server (%s)"), self->path, self->pg_error);
      return FALSE;
    }
  /* Text in and out is UTF-8 whatever the server's locale; notices
   * (an index that already exists) are not for the user. */
  return _thr_db_pg_exec (self, "SET client_encoding = 'UTF8'; SET client_min_messages = warning", error)
         && ask_whether_held_by_policies (self, error);
}

/* For the whole session (is_local false), and as a parameter: a name is
 * whatever the system's account says, quotes included. */
gboolean
_thr_db_pg_set_person (ThrDb       *self,
                       const char  *name,
                       GError     **error)
{
  const char *values[] = { name };
  g_autoptr(PGresult) result = NULL;

  if (!_thr_db_pg_free_connection (self, error))
    return FALSE;
  result = PQexecParams (self->pg, "SELECT set_config ('threshold.person', $1, false)", 1, NULL, values,
                         NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      remember_result_error (self, result);
      return _thr_db_pg_set_error (self, error);
    }
  return TRUE;
}

void
_thr_db_pg_close (ThrDb *self)
{
  _thr_db_pg_notify_close (self);
  g_clear_pointer (&self->pg, PQfinish);
  g_clear_pointer (&self->pg_error, g_free);
  if (self->copy_row != NULL)
    g_string_free (g_steal_pointer (&self->copy_row), TRUE);
}

/* ---- COPY for bulk inserts ---- */

/* Reads the table, columns and parameters of "INSERT INTO t (a, b)
 * VALUES (?1, ?2)"; FALSE for any other shape, which is then inserted
 * row by row. */
static gboolean
parse_bulk_insert (ThrDbPgStmt *pg,
                   const char  *sql)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*INSERT INTO (\\w+) \\(([^)]*)\\)\\s*VALUES\\s*\\(([^)]*)\\)\\s*$",
                                         G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *table = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *values = NULL;
  g_auto(GStrv) value_list = NULL;
  g_auto(GStrv) column_list = NULL;
  guint n;

  if (!g_regex_match (regex, sql, 0, &match))
    return FALSE;
  table = g_match_info_fetch (match, 1);
  columns = g_match_info_fetch (match, 2);
  values = g_match_info_fetch (match, 3);
  value_list = g_strsplit (values, ",", -1);
  column_list = g_strsplit (columns, ",", -1);
  n = g_strv_length (value_list);
  if (n != g_strv_length (column_list))
    return FALSE;

  pg->copy_slots = g_new0 (int, n);
  for (guint i = 0; i < n; i++)
    {
      const char *value = g_strstrip (value_list[i]);
      guint64 param;

      if (value[0] != '?' || !g_ascii_string_to_unsigned (value + 1, 10, 1, THR_DB_MAX_PARAMS, &param, NULL))
        {
          g_clear_pointer (&pg->copy_slots, g_free);
          return FALSE;
        }
      pg->copy_slots[i] = pg->param_of[param];
    }
  pg->n_copy_slots = (int) n;
  pg->copy_table = g_steal_pointer (&table);
  /* An import's rows are given ids here; a copied store's bring theirs. */
  pg->copy_has_ids = g_str_equal (g_strstrip (column_list[0]), "id");
  pg->copy_gives_ids = !pg->copy_has_ids && inserts_into_table_with_id (sql);
  pg->copy_has_ids = pg->copy_has_ids || pg->copy_gives_ids;
  pg->copy_columns = g_strdup_printf ("%s%s", pg->copy_gives_ids ? "id, " : "", columns);
  pg->copy_sql = g_strdup_printf ("COPY %s (%s) FROM STDIN", pg->copy_table, pg->copy_columns);
  pg->copy_contract_slot = -1;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (g_strstrip (column_list[i]), "contract_id"))
      pg->copy_contract_slot = pg->copy_slots[i];
  return TRUE;
}

static void
append_copy_text (GString    *row,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (row, "\\\\");
          break;
        case '\t':
          g_string_append (row, "\\t");
          break;
        case '\n':
          g_string_append (row, "\\n");
          break;
        case '\r':
          g_string_append (row, "\\r");
          break;
        default:
          g_string_append_c (row, *p);
        }
    }
}

static gboolean
is_split_by_contract (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables_split_by_contract); i++)
    if (g_str_equal (table, tables_split_by_contract[i]))
      return TRUE;
  return FALSE;
}

/* Whether the bulk insert may travel as COPY for this user: always for
 * the owner; for a user held by policies, only into a contract's part. */
static gboolean
may_copy (ThrDbStmt *stmt)
{
  ThrDbPgStmt *pg = stmt->pg;

  if (pg->copy_sql == NULL)
    return FALSE;
  if (stmt->db->copying == stmt)
    return TRUE;
  pg->copy_into_part = stmt->db->held_by_policies;
  return !pg->copy_into_part
         || (is_split_by_contract (pg->copy_table) && pg->copy_contract_slot >= 0 && pg->copy_gives_ids);
}

/* For a user held by policies: "COPY tasks_c<ID> …", its ids from the
 * table's sequence (every writer holds the store's lock, so they follow
 * one another, and end_copy moves the sequence past them). */
static char *
start_copy_into_part (ThrDbStmt  *stmt,
                      GError    **error)
{
  ThrDb *db = stmt->db;
  ThrDbPgStmt *pg = stmt->pg;
  const char *contract = pg->values[pg->copy_contract_slot];
  g_autofree char *next_sql = g_strdup_printf ("SELECT nextval (pg_get_serial_sequence ('%s', 'id'))", pg->copy_table);
  g_autoptr(PGresult) next = NULL;
  gint64 contract_id;

  if (contract == NULL || !g_ascii_string_to_signed (contract, 10, 1, G_MAXINT64, &contract_id, NULL))
    {
      remember_error (db, "a record names no contract", "22023");
      _thr_db_pg_set_error (db, error);
      return NULL;
    }
  next = PQexec (db->pg, next_sql);
  if (PQresultStatus (next) != PGRES_TUPLES_OK)
    {
      remember_result_error (db, next);
      _thr_db_pg_set_error (db, error);
      return NULL;
    }
  pg->next_id = g_ascii_strtoll (PQgetvalue (next, 0, 0), NULL, 10);
  pg->first_id = pg->next_id;
  return g_strdup_printf ("COPY %s_c%" G_GINT64_FORMAT " (%s) FROM STDIN", pg->copy_table, contract_id,
                          pg->copy_columns);
}

/* Opens the COPY; the ids it gives continue after the table's largest. */
static gboolean
start_copy (ThrDbStmt  *stmt,
            GError    **error)
{
  ThrDb *db = stmt->db;
  ThrDbPgStmt *pg = stmt->pg;
  g_autoptr(PGresult) copy = NULL;
  g_autofree char *into_part = NULL;

  if (pg->copy_into_part)
    {
      into_part = start_copy_into_part (stmt, error);
      if (into_part == NULL)
        return FALSE;
    }
  else if (pg->copy_gives_ids)
    {
      g_autofree char *max_sql = g_strdup_printf ("SELECT COALESCE(max(id), 0) FROM %s", pg->copy_table);
      g_autoptr(PGresult) max = PQexec (db->pg, max_sql);

      if (PQresultStatus (max) != PGRES_TUPLES_OK)
        {
          remember_result_error (db, max);
          return _thr_db_pg_set_error (db, error);
        }
      pg->next_id = g_ascii_strtoll (PQgetvalue (max, 0, 0), NULL, 10) + 1;
    }
  copy = PQexec (db->pg, into_part != NULL ? into_part : pg->copy_sql);
  if (PQresultStatus (copy) != PGRES_COPY_IN)
    {
      remember_result_error (db, copy);
      return _thr_db_pg_set_error (db, error);
    }
  db->copying = stmt;
  if (db->copy_row == NULL)
    db->copy_row = g_string_sized_new (256);
  return TRUE;
}

static ThrDbStep
copy_row (ThrDbStmt  *stmt,
          GError    **error)
{
  ThrDb *db = stmt->db;
  ThrDbPgStmt *pg = stmt->pg;
  GString *row;

  if (db->copying != stmt)
    {
      if (!_thr_db_pg_free_connection (db, error) || !start_copy (stmt, error))
        return THR_DB_ERROR;
    }
  row = db->copy_row;
  g_string_truncate (row, 0);
  if (pg->copy_gives_ids)
    g_string_append_printf (row, "%" G_GINT64_FORMAT "\t", pg->next_id);
  for (int i = 0; i < pg->n_copy_slots; i++)
    {
      const char *value = pg->copy_slots[i] >= 0 ? pg->values[pg->copy_slots[i]] : NULL;

      if (i > 0)
        g_string_append_c (row, '\t');
      if (value == NULL)
        g_string_append (row, "\\N");
      else
        append_copy_text (row, value);
    }
  g_string_append_c (row, '\n');
  if (PQputCopyData (db->pg, row->str, (int) row->len) != 1)
    {
      remember_error (db, PQerrorMessage (db->pg), "08000");
      _thr_db_pg_set_error (db, error);
      return THR_DB_ERROR;
    }
  db->last_insert_id = pg->next_id++;
  db->changes = 1;
  return THR_DB_DONE;
}

/* Ends the open COPY: what the server refused in it is told now.  The
 * table's identity then continues after the ids given. */
static gboolean
end_copy (ThrDb   *self,
          GError **error)
{
  ThrDbPgStmt *pg = self->copying->pg;
  g_autofree char *setval = NULL;
  gboolean ok = TRUE;
  PGresult *result;

  self->copying = NULL;
  if (PQputCopyEnd (self->pg, NULL) != 1)
    {
      remember_error (self, PQerrorMessage (self->pg), "08000");
      return _thr_db_pg_set_error (self, error);
    }
  while ((result = PQgetResult (self->pg)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          remember_result_error (self, result);
          ok = _thr_db_pg_set_error (self, error);
        }
      PQclear (result);
    }
  if (!ok || !pg->copy_has_ids)
    return ok;
  if (pg->copy_into_part)
    {
      /* The user sees only its own contracts' ids: the sequence, which it
       * took the first from, goes on after the last it gave. */
      if (pg->next_id == pg->first_id)
        return TRUE;
      setval = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('%s', 'id'), %" G_GINT64_FORMAT ")",
                                pg->copy_table, pg->next_id - 1);
      return _thr_db_pg_exec (self, setval, error);
    }
  setval = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('%s', 'id'), COALESCE(max(id), 0) + 1, false) "
                            "FROM %s", pg->copy_table, pg->copy_table);
  return _thr_db_pg_exec (self, setval, error);
}

/* A rollback drops the open COPY, telling the server why. */
static void
abort_copy (ThrDb *self)
{
  PGresult *result;

  if (self->copying == NULL)
    return;
  self->copying = NULL;
  PQputCopyEnd (self->pg, "the import was rolled back");
  while ((result = PQgetResult (self->pg)) != NULL)
    PQclear (result);
}

/* A streamed statement still receiving rows reads them ahead, so the
 * connection is free for another query. */
static void
set_aside_streamed_rows (ThrDb *self)
{
  ThrDbPgStmt *pg;
  PGresult *result;

  if (self->streaming == NULL)
    return;
  pg = self->streaming->pg;
  while ((result = PQgetResult (self->pg)) != NULL)
    g_queue_push_tail (&pg->buffered, result);
  pg->in_flight = FALSE;
  self->streaming = NULL;
}

/* Readies the connection for another query: streamed rows read ahead,
 * an open COPY ended (FALSE with the error the server found in it). */
gboolean
_thr_db_pg_free_connection (ThrDb   *self,
                            GError **error)
{
  set_aside_streamed_rows (self);
  if (self->copying != NULL)
    return end_copy (self, error);
  return TRUE;
}

gboolean
_thr_db_pg_exec (ThrDb       *self,
                 const char  *sql,
                 GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  if (!_thr_db_pg_free_connection (self, error))
    return FALSE;
  result = PQexec (self->pg, sql);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      remember_result_error (self, result);
      return _thr_db_pg_set_error (self, error);
    }
  return TRUE;
}

gboolean
_thr_db_pg_begin (ThrDb   *self,
                  guint    wait_ms,
                  GError **error)
{
  g_autofree char *sql = g_strdup_printf ("BEGIN; SET LOCAL lock_timeout = %u; "
                                          "SELECT pg_advisory_xact_lock (" WRITE_LOCK_KEY ")", wait_ms);
  g_autoptr(GError) local = NULL;

  if (_thr_db_pg_exec (self, sql, &local))
    {
      self->pg_in_transaction = TRUE;
      return TRUE;
    }
  /* The BEGIN may have run before the lock timed out. */
  _thr_db_pg_exec (self, "ROLLBACK", NULL);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
_thr_db_pg_commit (ThrDb   *self,
                   GError **error)
{
  gboolean ok;

  /* Every listening connection hears of the commit, once it is made
   * (thr-db-pg-notify.c); in a transaction that failed the NOTIFY fails
   * too, and the COMMIT below rolls back. */
  _thr_db_pg_exec (self, _thr_db_pg_notify_sql (), NULL);
  ok = _thr_db_pg_exec (self, "COMMIT", error);

  /* A COMMIT that fails ends the transaction too (it rolls back). */
  self->pg_in_transaction = FALSE;
  return ok;
}

void
_thr_db_pg_rollback (ThrDb *self)
{
  if (!self->pg_in_transaction)
    return;
  abort_copy (self);
  _thr_db_pg_exec (self, "ROLLBACK", NULL);
  self->pg_in_transaction = FALSE;
}

/* ---- statements ---- */

gboolean
_thr_db_pg_init_stmt (ThrDb       *self,
                      ThrDbStmt   *stmt,
                      const char  *sql,
                      gboolean     streamed,
                      gboolean     bulk,
                      GError     **error)
{
  ThrDbPgStmt *pg = g_new0 (ThrDbPgStmt, 1);

  stmt->pg = pg;
  pg->streamed = streamed;
  pg->name = g_strdup_printf ("thr%u", ++self->n_statements);
  pg->sql = _thr_db_pg_translate (sql, pg->param_of, &pg->n_params, &pg->returns_id);
  pg->values = g_new0 (char *, pg->n_params + 1);
  if (bulk)
    parse_bulk_insert (pg, sql);
  g_queue_init (&pg->buffered);
  /* Prepared on the server when run a second time (start ()), so a
   * statement built and never stepped costs no round trip. */
  return TRUE;
}

static void
clear_values (ThrDbPgStmt *pg)
{
  for (int i = 0; i < pg->n_params; i++)
    g_clear_pointer (&pg->values[i], g_free);
}

void
_thr_db_pg_reset (ThrDbStmt *stmt)
{
  ThrDbPgStmt *pg = stmt->pg;
  PGresult *result;

  if (pg->in_flight)
    {
      /* Stopped early (LIMIT reached, cancelled): the server is told to
       * stop sending, and what it sent meanwhile is dropped. */
      PGcancel *cancel = PQgetCancel (stmt->db->pg);
      char message[256];

      if (cancel != NULL)
        {
          PQcancel (cancel, message, sizeof message);
          PQfreeCancel (cancel);
        }
      while ((result = PQgetResult (stmt->db->pg)) != NULL)
        PQclear (result);
      pg->in_flight = FALSE;
      stmt->db->streaming = NULL;
    }
  g_queue_clear_full (&pg->buffered, (GDestroyNotify) PQclear);
  g_clear_pointer (&pg->result, PQclear);
  pg->running = FALSE;
  pg->row = 0;
}

void
_thr_db_pg_free_stmt (ThrDbStmt *stmt)
{
  ThrDbPgStmt *pg = stmt->pg;

  if (pg == NULL)
    return;
  _thr_db_pg_reset (stmt);
  clear_values (pg);
  if (stmt->db->copying == stmt)
    abort_copy (stmt->db);
  g_free (pg->copy_table);
  g_free (pg->copy_sql);
  g_free (pg->copy_columns);
  g_free (pg->copy_slots);
  g_free (pg->values);
  g_free (pg->sql);
  g_free (pg->name);
  g_free (pg);
  stmt->pg = NULL;
}

void
_thr_db_pg_clear_bindings (ThrDbStmt *stmt)
{
  clear_values (stmt->pg);
}

void
_thr_db_pg_bind (ThrDbStmt *stmt,
                 int        param,
                 char      *value)
{
  ThrDbPgStmt *pg = stmt->pg;
  int slot;

  g_assert (param >= 1 && param <= THR_DB_MAX_PARAMS);
  slot = pg->param_of[param];
  if (slot < 0)
    {
      /* A parameter the statement does not use, as SQLite allows. */
      g_free (value);
      return;
    }
  g_free (pg->values[slot]);
  pg->values[slot] = value;
}

static gboolean
prepare_on_server (ThrDbStmt  *stmt,
                   GError    **error)
{
  ThrDb *db = stmt->db;
  g_autoptr(PGresult) result = PQprepare (db->pg, stmt->pg->name, stmt->pg->sql, stmt->pg->n_params, NULL);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      remember_result_error (db, result);
      return _thr_db_pg_set_error (db, error);
    }
  stmt->pg->prepared = TRUE;
  return TRUE;
}

/* What a finished command tells: rows changed, and an INSERT's id. */
static void
note_command (ThrDb    *db,
              PGresult *result,
              gboolean  returns_id)
{
  db->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  if (returns_id && PQntuples (result) > 0)
    db->last_insert_id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
}

static ThrDbStep
fail (ThrDbStmt      *stmt,
      const PGresult *result,
      GError        **error)
{
  remember_result_error (stmt->db, result);
  _thr_db_pg_set_error (stmt->db, error);
  return THR_DB_ERROR;
}

/* STMT run with its values, prepared or, its first time, unnamed. */
static PGresult *
exec_query (ThrDbStmt *stmt)
{
  ThrDbPgStmt *pg = stmt->pg;
  const char * const *values = (const char * const *) pg->values;

  if (pg->prepared)
    return PQexecPrepared (stmt->db->pg, pg->name, pg->n_params, values, NULL, NULL, 0);
  return PQexecParams (stmt->db->pg, pg->sql, pg->n_params, NULL, values, NULL, NULL, 0);
}

/* The same, its rows to come one by one (single-row mode). */
static gboolean
send_query (ThrDbStmt *stmt)
{
  ThrDbPgStmt *pg = stmt->pg;
  const char * const *values = (const char * const *) pg->values;

  if (pg->prepared)
    return PQsendQueryPrepared (stmt->db->pg, pg->name, pg->n_params, values, NULL, NULL, 0);
  return PQsendQueryParams (stmt->db->pg, pg->sql, pg->n_params, NULL, values, NULL, NULL, 0);
}

static ThrDbStep
start (ThrDbStmt  *stmt,
       GError    **error)
{
  ThrDbPgStmt *pg = stmt->pg;
  ThrDb *db = stmt->db;
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  if (!_thr_db_pg_free_connection (db, error))
    return THR_DB_ERROR;
  /* A statement's first run is one round trip: libpq sends an unnamed
   * statement's parse, bind and execute at once, where a named one is
   * prepared first and then run, two.  Most statements of an opening,
   * and of a CLI command, run once; on a team store across a state's
   * network each round trip is tens of milliseconds.  One that runs
   * again is prepared then, so the server plans it once from there on. */
  if (!pg->prepared && pg->ran_once && !prepare_on_server (stmt, error))
    return THR_DB_ERROR;
  pg->ran_once = TRUE;
  pg->running = TRUE;

  if (pg->streamed)
    {
      if (!send_query (stmt) || !PQsetSingleRowMode (db->pg))
        return fail (stmt, NULL, error);
      pg->in_flight = TRUE;
      db->streaming = stmt;
      return THR_DB_ROW;  /* the caller's step reads the first row next */
    }

  result = exec_query (stmt);
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK)
    {
      note_command (db, result, FALSE);
      return THR_DB_DONE;
    }
  if (status != PGRES_TUPLES_OK)
    return fail (stmt, result, error);
  if (pg->returns_id)
    {
      note_command (db, result, TRUE);
      return THR_DB_DONE;
    }
  pg->result = g_steal_pointer (&result);
  pg->row = -1;
  return THR_DB_ROW;
}

/* The next streamed result: read ahead, or from the server. */
static PGresult *
next_streamed (ThrDbStmt *stmt)
{
  ThrDbPgStmt *pg = stmt->pg;
  PGresult *result;

  if (!g_queue_is_empty (&pg->buffered))
    return g_queue_pop_head (&pg->buffered);
  if (!pg->in_flight)
    return NULL;
  result = PQgetResult (stmt->db->pg);
  if (result == NULL)
    {
      pg->in_flight = FALSE;
      stmt->db->streaming = NULL;
    }
  return result;
}

static ThrDbStep
step_streamed (ThrDbStmt  *stmt,
               GError    **error)
{
  ThrDbPgStmt *pg = stmt->pg;
  PGresult *result;

  g_clear_pointer (&pg->result, PQclear);
  while ((result = next_streamed (stmt)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);
      ThrDbStep step;

      if (status == PGRES_SINGLE_TUPLE)
        {
          pg->result = result;
          pg->row = 0;
          return THR_DB_ROW;
        }
      if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
        {
          PQclear (result);
          continue;  /* the end; libpq gives NULL next */
        }
      step = fail (stmt, result, error);
      PQclear (result);
      /* What follows an error is read and dropped, so the connection is
       * free again. */
      while ((result = next_streamed (stmt)) != NULL)
        PQclear (result);
      return step;
    }
  return THR_DB_DONE;
}

ThrDbStep
_thr_db_pg_step (ThrDbStmt  *stmt,
                 GError    **error)
{
  ThrDbPgStmt *pg = stmt->pg;

  if (may_copy (stmt))
    return copy_row (stmt, error);
  if (!pg->running)
    {
      ThrDbStep step = start (stmt, error);

      if (step != THR_DB_ROW)
        return step;
    }
  if (pg->streamed)
    return step_streamed (stmt, error);
  if (pg->result == NULL || ++pg->row >= PQntuples (pg->result))
    return THR_DB_DONE;
  return THR_DB_ROW;
}

const char *
_thr_db_pg_value (ThrDbStmt *stmt,
                  int        column)
{
  ThrDbPgStmt *pg = stmt->pg;

  if (pg->result == NULL || PQgetisnull (pg->result, pg->row, column))
    return NULL;
  return PQgetvalue (pg->result, pg->row, column);
}

gsize
_thr_db_pg_length (ThrDbStmt *stmt,
                   int        column)
{
  ThrDbPgStmt *pg = stmt->pg;

  return pg->result != NULL ? (gsize) PQgetlength (pg->result, pg->row, column) : 0;
}

/* A comparison comes back as a boolean, "t" or "f", which SQLite gives as
 * 1 or 0; NULL reads as 0 as in SQLite.  TRUE when @text is one of those. */
static gboolean
boolean_value (const char *text,
               int        *out)
{
  if (text == NULL || (text[0] == 'f' && text[1] == '\0'))
    *out = 0;
  else if (text[0] == 't' && text[1] == '\0')
    *out = 1;
  else
    return FALSE;
  return TRUE;
}

gint64
_thr_db_pg_int64 (ThrDbStmt *stmt,
                  int        column)
{
  const char *text = _thr_db_pg_value (stmt, column);
  int boolean;

  if (boolean_value (text, &boolean))
    return boolean;
  if (strchr (text, '.') != NULL || strchr (text, 'e') != NULL)
    return (gint64) g_ascii_strtod (text, NULL);
  return g_ascii_strtoll (text, NULL, 10);
}

double
_thr_db_pg_double (ThrDbStmt *stmt,
                   int        column)
{
  const char *text = _thr_db_pg_value (stmt, column);
  int boolean;

  if (boolean_value (text, &boolean))
    return boolean;
  return g_ascii_strtod (text, NULL);
}

/* From the column's type on the server (pg_type.h's OIDs). */
ThrDbKind
_thr_db_pg_kind (ThrDbStmt *stmt,
                 int        column)
{
  ThrDbPgStmt *pg = stmt->pg;

  if (_thr_db_pg_value (stmt, column) == NULL)
    return THR_DB_NULL;
  switch (PQftype (pg->result, column))
    {
    case 16:   /* bool */
    case 20:   /* int8 */
    case 21:   /* int2 */
    case 23:   /* int4 */
      return THR_DB_INTEGER;
    case 700:  /* float4 */
    case 701:  /* float8 */
    case 1700: /* numeric */
      return THR_DB_FLOAT;
    default:
      return THR_DB_TEXT;
    }
}
