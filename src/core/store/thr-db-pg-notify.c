/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-db-pg-notify.c — hearing other connections' commits on a team store
 *
 * Every writer of a team store sends NOTIFY threshold_changed with its
 * COMMIT (_thr_db_pg_commit), which the server delivers, once the
 * transaction is committed, to every connection listening on the
 * channel.  A connection that wants to hear them (a window watching the
 * store) listens on a second connection of its own: the first carries
 * the store's queries, and a notice libpq read while it waited for a
 * query's result would no longer wake the main loop.  The listening
 * connection only ever receives, so its socket is readable exactly when
 * a notice arrives.
 *
 * What is heard counts as the data version (thr_db_get_data_version),
 * as SQLite's data_version counts other connections' commits: a notice
 * sent by this connection's own backend is not counted.
 */
#define G_LOG_DOMAIN "thr-store"

#include "config.h"

#include <glib-unix.h>

#include <glib/gi18n-lib.h>

#include "thr-db-pg-private.h"
#include "thr-team-password.h"

#define CHANGED_CHANNEL "threshold_changed"

const char *
_thr_db_pg_notify_sql (void)
{
  return "NOTIFY " CHANGED_CHANNEL;
}

static gboolean
start_listening (ThrDb   *self,
                 GError **error)
{
  g_autoptr(PGresult) result = NULL;

  if (self->listener != NULL)
    return TRUE;
  {
    /* As the store's own connection was made (_thr_db_pg_connect), with
     * the password the window holds for it: a server that asks for one
     * asks the listener too. */
    const char *keywords[] = { "connect_timeout", "dbname", "password", NULL };
    g_autofree char *password = thr_team_password_lookup (self->path);
    const char *values[] = { "15", self->pg_address, password, NULL };

    if (password == NULL)
      keywords[2] = NULL;
    self->listener = PQconnectdbParams (keywords, values, TRUE);
  }
  if (PQstatus (self->listener) != CONNECTION_OK)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER,
                   _("%s: cannot connect to the PostgreSQL server to hear other people’s changes (%s)"),
                   self->path, PQerrorMessage (self->listener));
      g_clear_pointer (&self->listener, PQfinish);
      return FALSE;
    }
  result = PQexec (self->listener, "LISTEN " CHANGED_CHANNEL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER, "%s: %s", self->path,
                   PQresultErrorMessage (result));
      g_clear_pointer (&self->listener, PQfinish);
      return FALSE;
    }
  return TRUE;
}

/* Reads what arrived; TRUE when another connection's commit was heard. */
static gboolean
count_notices (ThrDb *self)
{
  int own = PQbackendPID (self->pg);
  gboolean heard = FALSE;
  PGnotify *notice;

  PQconsumeInput (self->listener);
  while ((notice = PQnotifies (self->listener)) != NULL)
    {
      if (notice->be_pid != own)
        {
          self->data_version++;
          heard = TRUE;
        }
      PQfreemem (notice);
    }
  return heard;
}

gint64
_thr_db_pg_get_data_version (ThrDb *self)
{
  /* The first call starts listening: commits before it are in what the
   * caller has just read anyway. */
  if (!start_listening (self, NULL))
    return -1;
  count_notices (self);
  return self->data_version;
}

typedef struct {
  ThrDb       *db;
  GSourceFunc  func;
  gpointer     data;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_object_unref (watch->db);
  g_free (watch);
}

static gboolean
socket_ready_cb (gint         fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  Watch *watch = user_data;

  /* Read now, whatever the callback does, or the socket stays readable. */
  if (count_notices (watch->db))
    return watch->func (watch->data);
  return G_SOURCE_CONTINUE;
}

guint
_thr_db_pg_add_watch (ThrDb        *self,
                      GSourceFunc   func,
                      gpointer      data,
                      GError      **error)
{
  g_autoptr(GSource) source = NULL;
  Watch *watch;

  if (!start_listening (self, error))
    return 0;
  watch = g_new0 (Watch, 1);
  /* The source keeps the connection (and its listener) open. */
  watch->db = g_object_ref (self);
  watch->func = func;
  watch->data = data;
  source = g_unix_fd_source_new (PQsocket (self->listener), G_IO_IN);
  g_source_set_callback (source, G_SOURCE_FUNC (socket_ready_cb), watch, watch_free);
  g_source_set_name (source, "[threshold] team store notices");
  return g_source_attach (source, NULL);
}

void
_thr_db_pg_notify_close (ThrDb *self)
{
  g_clear_pointer (&self->listener, PQfinish);
  g_clear_pointer (&self->pg_address, g_free);
}
