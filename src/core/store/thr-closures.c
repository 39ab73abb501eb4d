/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-closures.c — days a user closes on a calendar, kept in the store */
#define G_LOG_DOMAIN "thr-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-closures.h"
#include "thr-period.h"
#include "thr-store-rights.h"
#include "thr-store-sql-private.h"

void
thr_store_closure_free (ThrStoreClosure *closure)
{
  if (closure == NULL)
    return;
  g_free (closure->calendar);
  g_free (closure->reason);
  g_free (closure->added_at);
  g_free (closure);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (THR_STORE_ERROR, THR_STORE_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

/* The checks run against the calendar as every count will see it, the
 * store's own closures included, so a day is never closed twice. */
static gboolean
check_closure (ThrStore     *self,
               const char   *calendar_id,
               guint32       day,
               const char   *reason,
               GError      **error)
{
  g_autoptr(ThrCalendar) calendar = thr_store_load_calendar (self, calendar_id, error);
  g_autofree char *date = thr_day_format (day);
  g_autofree char *trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  const char *closed_by = NULL;
  int year;

  if (calendar == NULL)
    return FALSE;
  thr_day_to_ymd (day, &year, NULL, NULL);
  if (year < thr_calendar_get_first_year (calendar) || year > thr_calendar_get_last_year (calendar))
    return invalid (error, _("%s is outside the years of the %s calendar (%d–%d)"), date, calendar_id,
                    thr_calendar_get_first_year (calendar), thr_calendar_get_last_year (calendar));
  if (thr_day_weekday (day) >= 6)
    return invalid (error, _("%s is a weekend day: there is no business day to close"), date);
  if (thr_calendar_is_holiday (calendar, day, &closed_by))
    return invalid (error, _("%s is already closed on the %s calendar (%s)"), date, calendar_id, closed_by);
  if (*trimmed == '\0')
    return invalid (error, _("A closure needs a reason, such as the order that closed the offices"));
  return TRUE;
}

gboolean
thr_store_add_closure (ThrStore    *self,
                       const char  *calendar_id,
                       guint32      day,
                       const char  *reason,
                       GError     **error)
{
  g_autofree char *date = NULL;
  g_autofree char *added = now_iso ();
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (calendar_id != NULL, FALSE);
  g_return_val_if_fail (day > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!thr_store_check_right (self, THR_STORE_RIGHT_ADMIN, error)
      || !check_closure (self, calendar_id, day, reason, error))
    return FALSE;
  stmt = thr_store_statement (self,
                              "INSERT INTO calendar_closures (calendar, day, reason, added_at) "
                              "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  date = thr_day_format (day);
  thr_db_stmt_bind_text (stmt, 1, calendar_id);
  thr_db_stmt_bind_text (stmt, 2, date);
  thr_db_stmt_bind_text (stmt, 3, reason);
  thr_db_stmt_bind_text (stmt, 4, added);
  return thr_db_stmt_step_done (stmt, error);
}

gboolean
thr_store_remove_closure (ThrStore    *self,
                          const char  *calendar_id,
                          guint32      day,
                          GError     **error)
{
  g_autofree char *date = NULL;
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (calendar_id != NULL, FALSE);
  g_return_val_if_fail (day > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!thr_store_check_right (self, THR_STORE_RIGHT_ADMIN, error))
    return FALSE;
  stmt = thr_store_statement (self, "DELETE FROM calendar_closures WHERE calendar = ?1 AND day = ?2", error);
  if (stmt == NULL)
    return FALSE;
  date = thr_day_format (day);
  thr_db_stmt_bind_text (stmt, 1, calendar_id);
  thr_db_stmt_bind_text (stmt, 2, date);
  if (!thr_db_stmt_step_done (stmt, error))
    return FALSE;
  if (thr_db_changes (thr_store_get_connection (self)) == 0)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND,
                   _("The store holds no closure of the %s calendar on %s"), calendar_id, date);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
thr_store_list_closures (ThrStore    *self,
                         const char  *calendar_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) closures = NULL;
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = thr_store_statement (self,
                              "SELECT calendar, day, reason, added_at FROM calendar_closures "
                              "WHERE calendar = COALESCE(?1, calendar) ORDER BY calendar, day", error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_text (stmt, 1, calendar_id);
  closures = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_store_closure_free);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      g_autoptr(ThrStoreClosure) closure = g_new0 (ThrStoreClosure, 1);

      /* The store was checked on open, but a day is still parsed, never
       * trusted: a row that is not a date is skipped, not guessed at. */
      if (!thr_day_parse_iso (thr_db_stmt_column_text (stmt, 1), &closure->day))
        continue;
      closure->calendar = thr_db_stmt_column_dup (stmt, 0);
      closure->reason = thr_db_stmt_column_dup (stmt, 2);
      closure->added_at = thr_db_stmt_column_dup (stmt, 3);
      g_ptr_array_add (closures, g_steal_pointer (&closure));
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    {
      thr_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&closures);
}

ThrCalendar *
thr_store_load_calendar (ThrStore    *self,
                         const char  *calendar_id,
                         GError     **error)
{
  g_autoptr(ThrCalendar) calendar = NULL;
  g_autoptr(GPtrArray) closures = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);
  g_return_val_if_fail (calendar_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  calendar = thr_calendar_load_builtin (calendar_id, error);
  if (calendar == NULL)
    return NULL;
  closures = thr_store_list_closures (self, calendar_id, error);
  if (closures == NULL)
    return NULL;
  for (guint i = 0; i < closures->len; i++)
    {
      const ThrStoreClosure *closure = g_ptr_array_index (closures, i);

      thr_calendar_add_closure (calendar, closure->day, closure->reason);
    }
  return g_steal_pointer (&calendar);
}
