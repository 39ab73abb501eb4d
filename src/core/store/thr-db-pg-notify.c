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

/* A lost listener (the server restarted, or ended its session) is tried
 * again this often; until then its commits are not heard. */
#define LISTEN_AGAIN_USEC (2 * G_USEC_PER_SEC)

/* The watch on the listener's socket.  Its own source, not a GLib fd
 * source: once the connection is lost its socket stays readable (at its
 * end), and the watch must stop polling it, yet keep its id, which the
 * caller removes when it no longer wants to hear. */
typedef struct {
  GSource   source;
  ThrDb    *db;
  gpointer  socket_tag;  /* NULL while the listener is lost */
} Watch;

static void
watch_socket (Watch *watch)
{
  watch->socket_tag = g_source_add_unix_fd (&watch->source, PQsocket (watch->db->listener), G_IO_IN);
  g_source_set_ready_time (&watch->source, -1);
}

static void
lose_listener (Watch *watch)
{
  g_debug ("%s: the connection that hears other people's changes was lost (%s); listening again in %d s",
           watch->db->path, PQerrorMessage (watch->db->listener), (int) (LISTEN_AGAIN_USEC / G_USEC_PER_SEC));
  g_source_remove_unix_fd (&watch->source, watch->socket_tag);
  watch->socket_tag = NULL;
  g_clear_pointer (&watch->db->listener, PQfinish);
  g_source_set_ready_time (&watch->source, g_source_get_time (&watch->source) + LISTEN_AGAIN_USEC);
}

/* TRUE when listening again.  What was committed meanwhile was not heard:
 * it counts as a change, which the caller reads the store to know. */
static gboolean
listen_again (Watch *watch)
{
  if (!start_listening (watch->db, NULL))
    {
      g_source_set_ready_time (&watch->source, g_source_get_time (&watch->source) + LISTEN_AGAIN_USEC);
      return FALSE;
    }
  watch_socket (watch);
  watch->db->data_version++;
  return TRUE;
}

static gboolean
watch_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  Watch *watch = (Watch *) source;
  gboolean heard;

  if (watch->socket_tag == NULL)
    return listen_again (watch) ? callback (user_data) : G_SOURCE_CONTINUE;
  /* Read now, whatever the callback does, or the socket stays readable. */
  heard = count_notices (watch->db);
  if (PQstatus (watch->db->listener) == CONNECTION_BAD)
    {
      lose_listener (watch);
      return G_SOURCE_CONTINUE;
    }
  return heard ? callback (user_data) : G_SOURCE_CONTINUE;
}

static void
watch_finalize (GSource *source)
{
  g_object_unref (((Watch *) source)->db);
}

static GSourceFuncs watch_funcs = {
  .dispatch = watch_dispatch,
  .finalize = watch_finalize,
};

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
  source = g_source_new (&watch_funcs, sizeof (Watch));
  watch = (Watch *) source;
  /* The source keeps the connection (and its listener) open. */
  watch->db = g_object_ref (self);
  watch_socket (watch);
  g_source_set_callback (source, func, data, NULL);
  g_source_set_name (source, "[threshold] team store notices");
  return g_source_attach (source, NULL);
}

void
_thr_db_pg_notify_close (ThrDb *self)
{
  g_clear_pointer (&self->listener, PQfinish);
  g_clear_pointer (&self->pg_address, g_free);
}
