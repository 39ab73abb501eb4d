/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cap.c — CAPs opened from the ledger, their dates, actions and audit */
#include <string.h>

#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-test-util.h"
#include "thr-test-store.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */

typedef struct {
  char        *dir;
  ThrStore    *store;
  ThrContract *contract;
  gint64       contract_id;
} Fixture;

static void
import_text (Fixture    *f,
             const char *name,
             const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_true (thr_import_file (f->store, f->contract_id, f->contract, path, THR_IMPORT_KIND_AUTO,
                                  FALSE, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
}

/* A.1.a missed in April and again in May (one CAP: the May miss joins the
 * April window), met in June; the run ends in June so the window is open. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->contract = thr_contract_load_template ("rfp-16-102", &error);
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("thr-cap-XXXXXX", &error);
  g_assert_no_error (error);
  db = thr_test_store_address (f->dir, "test.db");
  f->store = thr_store_open (db, &error);
  g_assert_no_error (error);
  f->contract_id = thr_store_add_contract (f->store, "rfp-16-102", "test",
                                           thr_contract_get_definition (f->contract), &error);
  g_assert_no_error (error);
  import_text (f, "invoices.csv",
               "month,component,amount\n"
               "2018-04,central,100000.00\n"
               "2018-05,central,100000.00\n"
               "2018-06,central,100000.00\n");
  import_text (f, "report.csv",
               "metric,period,value\n"
               "A.1.a,2018-04,90\n"
               "A.1.a,2018-05,91\n"
               "A.1.a,2018-06,99\n"
               "A.1.b,2018-06,50\n");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->contract);
  thr_test_remove_dir (f->dir);
  g_free (f->dir);
}

static ThrLedger *
ledger_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ThrLedger *ledger = thr_ledger_compute_for_store (f->store, f->contract_id, NULL, NULL,
                                                    thr_day_from_ymd (2018, 7, 20), &error);

  g_assert_no_error (error);
  return ledger;
}

/* Today in the RFP's time zone (Indianapolis), as the CAPs' dates are. */
static guint32
today_local (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Indiana/Indianapolis");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  return thr_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now));
}

static void
assert_day (guint32     day,
            const char *expected)
{
  g_autofree char *text = day != 0 ? thr_day_format (day) : g_strdup ("");
  g_assert_cmpstr (text, ==, expected);
}

static void
test_schema_version (Fixture       *f,
                     gconstpointer  data)
{
  /* A team store records its version in a table, a file in its header. */
  g_assert_cmpint (thr_test_store_value (f->store, thr_test_store_is_team () ? "SELECT version FROM schema_version"
                                                                              : "PRAGMA user_version"),
                   ==, THR_STORE_SCHEMA_VERSION);
}

static void
test_sync (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  ThrCap *a1a, *a1b;
  guint n = 99;

  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);   /* A.1.a (April, joined by May) and A.1.b (June) */
  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, &n, &error));
  g_assert_cmpuint (n, ==, 0);   /* idempotent */

  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (caps->len, ==, 2);
  a1a = g_ptr_array_index (caps, 0);
  a1b = g_ptr_array_index (caps, 1);
  g_assert_cmpstr (a1a->metric, ==, "A.1.a");
  g_assert_cmpstr (a1a->failure_month, ==, "2018-04");
  g_assert_cmpstr (a1b->metric, ==, "A.1.b");
  g_assert_cmpstr (a1b->failure_month, ==, "2018-06");
  g_assert_nonnull (a1a->failure);
  g_assert_cmpint (thr_cap_get_outcome (a1a), ==, THR_CAP_OUTCOME_OPEN);
  g_assert_cmpstr (thr_cap_outcome_to_string (thr_cap_get_outcome (a1a)), ==, "open");
  g_assert_cmpuint (a1a->failure->repeat_misses->len, ==, 1);

  /* April's results were imported today, years after its corrective
   * window (May–August 2018) ended: history, not the month's report.  The
   * CAP is not "documented today" and due in two weeks but documented on
   * April's verification day, 31 May 2018, and says which reading made it
   * so (late_results_documented_on = verification_day). */
  assert_day (a1a->documented_on, "2018-05-31");
  assert_day (a1a->cap_due, "2018-06-15");
  g_assert_cmpuint (a1a->readings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (a1a->readings, 0), ==, "late_results_documented_on");
  g_assert_cmpuint (a1a->submitted_on, ==, 0);
  g_assert_cmpuint (a1a->review_due, ==, 0);

  trail = thr_cap_get_audit (f->store, a1a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trail->len, ==, 2);
  g_assert_cmpstr (((ThrCapAudit *) g_ptr_array_index (trail, 0))->field, ==, "opened");
  g_assert_cmpstr (((ThrCapAudit *) g_ptr_array_index (trail, 0))->new_value, ==, "A.1.a missed in 2018-04");
  /* … which people read with the month in words. */
  {
    g_autofree char *detail = thr_cap_audit_detail (g_ptr_array_index (trail, 0));

    g_assert_cmpstr (detail, ==, "A.1.a missed in April 2018");
  }

  /* Without a ledger the outcome is unknown, not guessed. */
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, NULL, &error);
  g_assert_cmpint (thr_cap_get_outcome (g_ptr_array_index (caps, 0)), ==, THR_CAP_OUTCOME_UNKNOWN);
}

static void
test_edit_and_audit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  ThrCap *cap;
  ThrCapAudit *last;
  gint64 id, action;

  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, NULL, &error));
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  id = ((ThrCap *) g_ptr_array_index (caps, 0))->id;

  /* ¶4: due 15 calendar days after documentation, reviewed within 10 of receipt. */
  g_assert_true (thr_cap_set_field (f->store, id, "documented_on", "2018-05-20", &error));
  g_assert_true (thr_cap_set_field (f->store, id, "submitted_on", "2018-06-01", &error));
  g_assert_true (thr_cap_set_field (f->store, id, "root_cause", "Short staffing at intake", &error));
  g_assert_true (thr_cap_set_field (f->store, id, "root_cause", "Short staffing at intake", &error));
  g_assert_no_error (error);
  action = thr_cap_add_action (f->store, id, "Hire two intake workers", "Vendor HR",
                               thr_day_from_ymd (2018, 6, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpint (action, >, 0);
  g_assert_true (thr_cap_set_action_done (f->store, action, thr_day_from_ymd (2018, 6, 28), &error));
  g_assert_no_error (error);

  g_assert_false (thr_cap_set_field (f->store, id, "colour", "red", &error));
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (thr_cap_set_field (f->store, id, "approved_on", "June 3", &error));
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (thr_cap_set_field (f->store, 9999, "root_cause", "x", &error));
  g_clear_error (&error);

  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  cap = g_ptr_array_index (caps, 0);
  assert_day (cap->documented_on, "2018-05-20");
  assert_day (cap->cap_due, "2018-06-04");
  assert_day (cap->submitted_on, "2018-06-01");
  assert_day (cap->review_due, "2018-06-11");
  g_assert_cmpstr (cap->root_cause, ==, "Short staffing at intake");
  g_assert_cmpuint (cap->actions->len, ==, 1);
  assert_day (((ThrCapAction *) g_ptr_array_index (cap->actions, 0))->due_on, "2018-06-30");
  assert_day (((ThrCapAction *) g_ptr_array_index (cap->actions, 0))->done_on, "2018-06-28");

  /* opened, documented_on (default), documented_on, submitted_on,
   * root_cause (once: the repeat wrote nothing), action, owner, due, done. */
  trail = thr_cap_get_audit (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trail->len, ==, 9);
  last = g_ptr_array_index (trail, 2);
  g_assert_cmpstr (last->field, ==, "documented_on");
  g_assert_cmpstr (last->new_value, ==, "2018-05-20");
  g_assert_nonnull (last->old_value);
  last = g_ptr_array_index (trail, 8);
  g_assert_true (g_str_has_suffix (last->field, "done_on"));
  g_assert_null (last->old_value);
  g_assert_cmpstr (last->new_value, ==, "2018-06-28");

  /* Clearing a date is a change too. */
  g_assert_true (thr_cap_set_field (f->store, id, "submitted_on", "", &error));
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  g_assert_cmpuint (((ThrCap *) g_ptr_array_index (caps, 0))->review_due, ==, 0);
}

/* Issue 14 point 7: actions edited and removed, a CAP closed with a
 * reason, and the trail in words naming who made each change. */
static void
test_edit_remove_close_words (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Indiana/Indianapolis");
  g_autofree char *expected_end = NULL;
  g_autofree char *words = NULL;
  g_autofree char *detail = NULL;
  const ThrCapAudit *entry;
  const ThrCap *cap;
  const ThrCapAction *act;
  gint64 id, action;
  guint n_open = 0;

  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, NULL, &error));
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  id = ((ThrCap *) g_ptr_array_index (caps, 0))->id;
  g_assert_true (thr_cap_set_field (f->store, id, "root_cause", "Short staffing", &error));
  action = thr_cap_add_action (f->store, id, "Hire two workers", "HR", thr_day_from_ymd (2018, 6, 30), &error);
  g_assert_no_error (error);

  /* Editing: only what changed is written and audited. */
  g_assert_true (thr_cap_update_action (f->store, action, "Hire three workers", "HR", thr_day_from_ymd (2018, 7, 15), &error));
  g_assert_no_error (error);
  g_assert_false (thr_cap_update_action (f->store, action, "", "HR", 0, &error));
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  cap = g_ptr_array_index (caps, 0);
  act = g_ptr_array_index (cap->actions, 0);
  g_assert_cmpstr (act->description, ==, "Hire three workers");
  g_assert_cmpstr (act->owner, ==, "HR");
  assert_day (act->due_on, "2018-07-15");

  /* Removing: gone from the CAP, kept in the trail. */
  g_assert_true (thr_cap_remove_action (f->store, action, &error));
  g_assert_no_error (error);
  g_assert_false (thr_cap_remove_action (f->store, action, &error));
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Closing needs a reason; a closed CAP's dates are no longer due. */
  g_assert_false (thr_cap_close (f->store, id, thr_day_from_ymd (2018, 7, 20), "  ", &error));
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (thr_cap_set_field (f->store, id, "documented_on", "2018-05-20", &error));
  g_assert_true (thr_cap_close (f->store, id, thr_day_from_ymd (2018, 7, 20), "Withdrawn: the report was corrected", &error));
  g_assert_no_error (error);
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  cap = g_ptr_array_index (caps, 0);
  g_assert_cmpuint (cap->actions->len, ==, 0);
  assert_day (cap->closed_on, "2018-07-20");
  g_assert_cmpstr (cap->close_reason, ==, "Withdrawn: the report was corrected");
  deadlines = thr_deadlines_collect (ledger, caps, thr_day_from_ymd (2018, 7, 20));
  for (guint i = 0; i < deadlines->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (deadlines, i);

      if (item->cap_id == id && item->state != THR_DEADLINE_DONE)
        n_open++;
    }
  g_assert_cmpuint (n_open, ==, 0);

  /* The trail names the user, in words, in the given time zone. */
  trail = thr_cap_get_audit (f->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < trail->len; i++)
    g_assert_cmpstr (((ThrCapAudit *) g_ptr_array_index (trail, i))->author, ==, thr_cap_get_author ());
  g_assert_cmpstr (thr_cap_get_author (), !=, "");
  entry = g_ptr_array_index (trail, 2);
  g_assert_cmpstr (entry->field, ==, "root_cause");
  words = thr_cap_audit_describe (entry, tz);
  g_assert_true (g_str_has_prefix (words, "Root cause set by "));
  g_assert_nonnull (strstr (words, thr_cap_get_author ()));
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (entry->at, NULL);
    g_autoptr(GDateTime) there = g_date_time_to_timezone (utc, tz);
    g_autofree char *date = g_date_time_format (there, "%-d %B %Y");
    g_autofree char *time = g_date_time_format (there, "%H:%M");

    expected_end = g_strdup_printf (" on %s at %s", date, time);
  }
  g_assert_true (g_str_has_suffix (words, expected_end));
  detail = thr_cap_audit_detail (entry);
  g_assert_cmpstr (detail, ==, "“Short staffing”");
  for (guint i = 0; i < trail->len; i++)
    {
      g_autofree char *line = NULL;
      g_autofree char *removed = g_strdup_printf ("action %" G_GINT64_FORMAT " removed", action);

      entry = g_ptr_array_index (trail, i);
      line = thr_cap_audit_describe (entry, tz);
      if (g_str_equal (entry->field, removed))
        {
          g_autofree char *want = g_strdup_printf ("Corrective action %" G_GINT64_FORMAT " removed by %s",
                                                   action, thr_cap_get_author ());
          g_autofree char *was = thr_cap_audit_detail (entry);

          g_assert_true (g_str_has_prefix (line, want));
          g_assert_cmpstr (was, ==, "was “Hire three workers”");
        }
      if (g_str_equal (entry->field, "closed_on"))
        g_assert_true (g_str_has_prefix (line, "The closing date set by "));
    }
  entry = g_ptr_array_index (trail, trail->len - 1);
  g_assert_cmpstr (entry->field, ==, "closed_on");

  /* An entry from before authors were kept says when, not who. */
  {
    ThrCapAudit old = { .at = (char *) "2018-06-01T14:15:00Z", .field = (char *) "submitted_on",
                        .old_value = (char *) "2018-05-30", .new_value = (char *) "2018-06-01" };
    g_autofree char *line = thr_cap_audit_describe (&old, tz);

    g_assert_cmpstr (line, ==, "The submission date changed on 1 June 2018 at 10:15");
  }

  /* Opened again: both cleared. */
  g_assert_true (thr_cap_close (f->store, id, 0, NULL, &error));
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  cap = g_ptr_array_index (caps, 0);
  g_assert_cmpuint (cap->closed_on, ==, 0);
  g_assert_true (cap->close_reason == NULL || *cap->close_reason == '\0');
}

/* Issue 12 point 2: the State records the CAP's implementation
 * (¶4.i); it is audited like every field, marks the CAP edited, and the
 * ledger computed from the store reads it back onto the failure. */
static void
test_implemented_on (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(ThrLedger) again = NULL;
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  ThrCapAudit *last;
  ThrCap *cap;

  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, NULL, &error));
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  cap = g_ptr_array_index (caps, 0);
  g_assert_false (cap->edited);
  g_assert_cmpuint (cap->implemented_on, ==, 0);
  g_assert_true (thr_cap_set_field (f->store, cap->id, "implemented_on", "2018-06-12", &error));
  g_assert_no_error (error);

  trail = thr_cap_get_audit (f->store, cap->id, &error);
  last = g_ptr_array_index (trail, trail->len - 1);
  g_assert_cmpstr (last->field, ==, "implemented_on");
  g_assert_null (last->old_value);
  g_assert_cmpstr (last->new_value, ==, "2018-06-12");

  g_clear_pointer (&caps, g_ptr_array_unref);
  again = ledger_of (f);
  caps = thr_cap_list (f->store, f->contract_id, again, &error);
  cap = g_ptr_array_index (caps, 0);
  g_assert_true (cap->edited);
  assert_day (cap->implemented_on, "2018-06-12");
  assert_day (cap->failure->implemented_on, "2018-06-12");
}

static void
run_sql (Fixture    *f,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (thr_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

/* Issue 12 point 7: the default documented_on is the contract's local
 * date of the import, never the UTC one, and never after the program's
 * today.  The report imported at 2018-06-05 02:30 UTC was imported on
 * 4 June in Indianapolis (UTC−4): A.1.a's CAP is documented 2018-06-04,
 * due 2018-06-19.  Judged "as of" 2018-06-02 (before that import), it is
 * documented that day instead.  With no import after the month and today
 * past its end, the month is documented today. */
static void
test_documented_local_date (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(GPtrArray) caps = NULL;
  ThrCap *cap;

  run_sql (f, "UPDATE imports SET imported_at = '2018-06-05T02:30:00Z'");
  g_assert_true (thr_cap_sync_on (f->store, f->contract_id, ledger, thr_day_from_ymd (2018, 7, 20), NULL, &error));
  g_assert_no_error (error);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  cap = g_ptr_array_index (caps, 0);
  assert_day (cap->documented_on, "2018-06-04");
  assert_day (cap->cap_due, "2018-06-19");

  run_sql (f, "DELETE FROM caps");
  g_assert_true (thr_cap_sync_on (f->store, f->contract_id, ledger, thr_day_from_ymd (2018, 6, 2), NULL, &error));
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  assert_day (((ThrCap *) g_ptr_array_index (caps, 0))->documented_on, "2018-06-02");

  /* The June failure (A.1.b) and no import after June: documented on
   * today, 2018-07-20. */
  run_sql (f, "DELETE FROM caps");
  run_sql (f, "DELETE FROM reported_values WHERE period = '2018-06'");
  g_assert_true (thr_cap_sync_on (f->store, f->contract_id, ledger, thr_day_from_ymd (2018, 7, 20), NULL, &error));
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  g_assert_cmpstr (((ThrCap *) g_ptr_array_index (caps, 1))->metric, ==, "A.1.b");
  assert_day (((ThrCap *) g_ptr_array_index (caps, 1))->documented_on, "2018-07-20");
}

/* The reading late_results_documented_on: April's results imported on
 * 2018-05-10 (inside its window) date its documentation, whatever the
 * reading; imported on 2018-09-01 (after the window, May–August) they
 * give the verification day, 2018-05-31, and the CAP names the reading;
 * under import_day the import day stands, and the CAP names it too. */
static void
test_documented_history (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(GPtrArray) caps = NULL;
  guint32 today = thr_day_from_ymd (2018, 9, 20);
  ThrCap *cap;

  run_sql (f, "UPDATE imports SET imported_at = '2018-05-10T15:00:00Z'");
  g_assert_true (thr_cap_sync_on (f->store, f->contract_id, ledger, today, NULL, &error));
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  cap = g_ptr_array_index (caps, 0);
  assert_day (cap->documented_on, "2018-05-10");
  g_assert_cmpuint (cap->readings->len, ==, 0);

  run_sql (f, "DELETE FROM caps");
  run_sql (f, "UPDATE imports SET imported_at = '2018-09-01T15:00:00Z'");
  g_assert_true (thr_cap_sync_on (f->store, f->contract_id, ledger, today, NULL, &error));
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  cap = g_ptr_array_index (caps, 0);
  assert_day (cap->documented_on, "2018-05-31");
  assert_day (cap->cap_due, "2018-06-15");
  g_assert_cmpuint (cap->readings->len, ==, 1);

  run_sql (f, "DELETE FROM caps");
  run_sql (f, "UPDATE contracts SET definition = replace (definition, '\"value\": \"verification_day\"', "
              "'\"value\": \"import_day\"')");
  g_clear_pointer (&ledger, thr_ledger_free);
  ledger = ledger_of (f);
  g_assert_cmpstr (thr_contract_get_interpretation (thr_ledger_get_contract (ledger), "late_results_documented_on"),
                   ==, "import_day");
  g_assert_true (thr_cap_sync_on (f->store, f->contract_id, ledger, today, NULL, &error));
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  cap = g_ptr_array_index (caps, 0);
  assert_day (cap->documented_on, "2018-09-01");
  g_assert_cmpuint (cap->readings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (cap->readings, 0), ==, "late_results_documented_on");
}

/* Under import_day a failure imported today is documented today, as
 * before the reading (today in the contract's time zone). */
static void
test_documented_import_day (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GPtrArray) caps = NULL;

  run_sql (f, "UPDATE contracts SET definition = replace (definition, '\"value\": \"verification_day\"', "
              "'\"value\": \"import_day\"')");
  ledger = ledger_of (f);
  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, NULL, &error));
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  g_assert_cmpuint (((ThrCap *) g_ptr_array_index (caps, 0))->documented_on, ==, today_local ());
}

/* Issue 12 point 7: undoing the report removes what only it brought.
 * A.1.a's CAP (April) nobody edited goes; A.1.b's (June), edited, stays,
 * marked "its failure was undone", with the mark in its trail.  Imported
 * again, the failure is back: A.1.b's mark is cleared, A.1.a gets a new
 * CAP. */
static void
test_undo_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  ThrCapUndoResult undone = { 0 };
  ThrCap *kept;
  gint64 a1b, report_id;

  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, NULL, &error));
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  a1b = ((ThrCap *) g_ptr_array_index (caps, 1))->id;
  g_assert_true (thr_cap_set_field (f->store, a1b, "root_cause", "Vacancies at intake", &error));
  {
    g_autoptr(GPtrArray) imports = thr_history_list_imports (f->store, f->contract_id, &error);
    g_assert_no_error (error);
    report_id = ((ThrImportInfo *) g_ptr_array_index (imports, imports->len - 1))->id;
  }

  g_assert_true (thr_cap_undo_import (f->store, f->contract_id, report_id, thr_day_from_ymd (2018, 7, 20),
                                      &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undone.n_rows, ==, 4);
  g_assert_cmpuint (undone.n_caps_removed, ==, 1);
  g_assert_cmpuint (undone.n_caps_marked, ==, 1);
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, NULL, &error);
  g_assert_cmpuint (caps->len, ==, 1);
  kept = g_ptr_array_index (caps, 0);
  g_assert_cmpint (kept->id, ==, a1b);
  g_assert_nonnull (kept->failure_undone_at);
  g_assert_cmpint (thr_cap_get_outcome (kept), ==, THR_CAP_OUTCOME_UNDONE);
  g_assert_cmpstr (thr_cap_outcome_to_string (thr_cap_get_outcome (kept)), ==, "undone");
  trail = thr_cap_get_audit (f->store, a1b, &error);
  g_assert_cmpstr (((ThrCapAudit *) g_ptr_array_index (trail, trail->len - 1))->field, ==, "failure_undone_at");

  import_text (f, "report-again.csv",
               "metric,period,value\n"
               "A.1.a,2018-04,90\n"
               "A.1.a,2018-05,91\n"
               "A.1.a,2018-06,99\n"
               "A.1.b,2018-06,50\n");
  g_clear_pointer (&ledger, thr_ledger_free);
  ledger = ledger_of (f);
  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, NULL, &error));
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  g_assert_cmpuint (caps->len, ==, 2);
  g_assert_null (((ThrCap *) g_ptr_array_index (caps, 1))->failure_undone_at);
  g_assert_cmpint (((ThrCap *) g_ptr_array_index (caps, 1))->id, ==, a1b);
  g_assert_cmpint (((ThrCap *) g_ptr_array_index (caps, 0))->id, !=, a1b);
}

/* The store refuses to remove A.1.a's CAP while the undo settles the
 * CAPs (a trigger of this connection's: a disk error or a server's
 * refusal there): the undo fails and the store is as it was, the import
 * with its rows and both CAPs, not the import gone and its CAP left
 * open.  Once the store lets it, the same undo goes through. */
static void
test_undo_import_whole (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  ThrCapUndoResult undone = { 0 };
  gboolean team = thr_store_is_team_address (thr_store_get_path (f->store));
  gint64 report_id;

  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, NULL, &error));
  imports = thr_history_list_imports (f->store, f->contract_id, &error);
  g_assert_no_error (error);
  report_id = ((ThrImportInfo *) g_ptr_array_index (imports, imports->len - 1))->id;
  if (team)
    {
      run_sql (f, "CREATE FUNCTION refuse_cap_delete () RETURNS trigger LANGUAGE plpgsql AS "
                  "$$ BEGIN RAISE EXCEPTION 'the test refuses to remove a CAP'; END $$; "
                  "CREATE TRIGGER refuse_cap_delete BEFORE DELETE ON caps "
                  "FOR EACH ROW EXECUTE FUNCTION refuse_cap_delete ()");
      thr_test_store_expect_server_error (thr_store_get_path (f->store), "P0001");
    }
  else
    run_sql (f, "CREATE TEMP TRIGGER refuse_cap_delete BEFORE DELETE ON main.caps "
                "BEGIN SELECT RAISE (ABORT, 'the test refuses to remove a CAP'); END");

  g_assert_false (thr_cap_undo_import (f->store, f->contract_id, report_id, thr_day_from_ymd (2018, 7, 20),
                                       &undone, &error));
  g_assert_nonnull (error);
  g_test_message ("the undo failed: %s", error->message);
  /* The server's words are capitalised: "The test …". */
  g_assert_nonnull (strstr (error->message, "he test refuses to remove a CAP"));
  g_clear_error (&error);
  g_clear_pointer (&imports, g_ptr_array_unref);
  imports = thr_history_list_imports (f->store, f->contract_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((ThrImportInfo *) g_ptr_array_index (imports, imports->len - 1))->id, ==, report_id);
  caps = thr_cap_list (f->store, f->contract_id, NULL, &error);
  g_assert_cmpuint (caps->len, ==, 2);
  g_clear_pointer (&ledger, thr_ledger_free);
  ledger = ledger_of (f);
  g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 2);

  run_sql (f, team ? "DROP TRIGGER refuse_cap_delete ON caps" : "DROP TRIGGER temp.refuse_cap_delete");
  g_assert_true (thr_cap_undo_import (f->store, f->contract_id, report_id, thr_day_from_ymd (2018, 7, 20),
                                      &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undone.n_rows, ==, 4);
  g_assert_cmpuint (undone.n_caps_removed, ==, 2);
}

static const ThrDeadlineItem *
find_deadline (GPtrArray  *list,
               const char *key)
{
  for (guint i = 0; i < list->len; i++)
    {
      const ThrDeadlineItem *d = g_ptr_array_index (list, i);
      if (g_str_equal (d->key, key))
        return d;
    }
  g_assert_not_reached ();
}

static void
assert_deadline (GPtrArray        *list,
                 const char       *key,
                 const char       *day,
                 ThrDeadlineState  state)
{
  const ThrDeadlineItem *d = find_deadline (list, key);

  assert_day (d->day, day);
  g_assert_cmpstr (thr_deadline_state_to_string (d->state), ==, thr_deadline_state_to_string (state));
}

/* Judged on Monday 4 June 2018. */
static void
test_deadlines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *key = NULL;
  gint64 id, action;

  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, NULL, &error));
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  id = ((ThrCap *) g_ptr_array_index (caps, 0))->id;
  g_assert_true (thr_cap_set_field (f->store, id, "documented_on", "2018-05-20", &error));
  action = thr_cap_add_action (f->store, id, "Retrain intake staff", "", thr_day_from_ymd (2018, 6, 1), &error);
  g_assert_no_error (error);
  g_clear_pointer (&caps, g_ptr_array_unref);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);

  list = thr_deadlines_collect (ledger, caps, thr_day_from_ymd (2018, 6, 4));
  /* ¶2: April's report was due 15 May and came (A.1.a was reported). */
  assert_deadline (list, "report/2018-04", "2018-05-15", THR_DEADLINE_DONE);
  /* ¶3: April cannot be verified — most metrics have no data. */
  assert_deadline (list, "verification/2018-04", "2018-05-31", THR_DEADLINE_OVERDUE);
  /* ¶4: documented 20 May → CAP due 4 June, today. */
  key = g_strdup_printf ("cap/%" G_GINT64_FORMAT "/due", id);
  assert_deadline (list, key, "2018-06-04", THR_DEADLINE_DUE);
  g_clear_pointer (&key, g_free);
  key = g_strdup_printf ("cap/%" G_GINT64_FORMAT "/action/%" G_GINT64_FORMAT, id, action);
  assert_deadline (list, key, "2018-06-01", THR_DEADLINE_OVERDUE);
  /* ¶4.i: A.1.a missed April → window May–August, still open. */
  assert_deadline (list, "window/A.1.a/2018-04", "2018-08-31", THR_DEADLINE_UPCOMING);
  assert_deadline (list, "report/2018-06", "2018-07-15", THR_DEADLINE_DONE);
  /* Window checkpoints: each window month's result, due the 15th after. */
  assert_deadline (list, "window/A.1.a/2018-04/2018-05", "2018-06-15", THR_DEADLINE_DONE);
  assert_deadline (list, "window/A.1.a/2018-04/2018-06", "2018-07-15", THR_DEADLINE_DONE);
  assert_deadline (list, "window/A.1.a/2018-04/2018-07", "2018-08-15", THR_DEADLINE_UPCOMING);
  assert_deadline (list, "window/A.1.a/2018-04/2018-08", "2018-09-15", THR_DEADLINE_UPCOMING);

  /* Sorted by day. */
  for (guint i = 1; i < list->len; i++)
    g_assert_cmpuint (((ThrDeadlineItem *) g_ptr_array_index (list, i - 1))->day, <=,
                      ((ThrDeadlineItem *) g_ptr_array_index (list, i))->day);
}

/* The CAP's state in the list (thr_cap_get_state_label) beside its
 * window's outcome, and the same words the ledger gives its failure. */
static void
assert_state (const ThrCap  *cap,
              ThrLedger     *ledger,
              ThrCapOutcome  outcome,
              const char    *label,
              ThrCapTone     tone)
{
  ThrCapTone got = THR_CAP_TONE_SUCCESS;

  g_assert_nonnull (cap->failure);
  g_assert_cmpint (thr_cap_get_outcome (cap), ==, outcome);
  g_assert_cmpstr (thr_cap_get_state_label (cap, ledger, &got), ==, label);
  g_assert_cmpint (got, ==, tone);
  g_assert_cmpstr (label, ==, thr_ledger_failure_state_get_label (thr_ledger_failure_get_state (ledger, cap->failure)));
}

/* ¶4.i: once A.1.a is met two consecutive months (June, July) the
 * money waits only for the CAP's implementation: a deadline on the
 * window's last day (31 August), upcoming on 20 August, done once the
 * State records implemented_on. */
static void
test_deadline_implementation (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint32 today = thr_day_from_ymd (2018, 8, 20);
  const ThrDeadlineItem *d;

  import_text (f, "july.csv", "metric,period,value\nA.1.a,2018-07,99\n");
  import_text (f, "july-invoices.csv", "month,component,amount\n2018-07,central,100000.00\n");
  ledger = thr_ledger_compute_for_store (f->store, f->contract_id, NULL, NULL, today, &error);
  g_assert_no_error (error);
  g_assert_true (thr_cap_sync_on (f->store, f->contract_id, ledger, today, NULL, &error));
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  list = thr_deadlines_collect (ledger, caps, today);
  assert_deadline (list, "implementation/A.1.a/2018-04", "2018-08-31", THR_DEADLINE_UPCOMING);
  d = find_deadline (list, "implementation/A.1.a/2018-04");
  g_assert_cmpstr (thr_deadline_kind_to_string (d->kind), ==, "implementation");
  g_assert_cmpstr (d->title, ==, "CAP for A.1.a (missed 2018-04): met two consecutive months ending 2018-07, "
                                 "awaiting the CAP's implementation; its withholding is held until the State "
                                 "records it");
  /* The list reads as the ledger: met twice but not implemented is not
   * "Resolved" yet, though the window's outcome is. */
  assert_state ((ThrCap *) g_ptr_array_index (caps, 0), ledger, THR_CAP_OUTCOME_RESOLVED,
                "Met — held until the CAP is implemented", THR_CAP_TONE_WARNING);
  /* A.1.b, missed in June, has not been met two months: no such item. */
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (((ThrDeadlineItem *) g_ptr_array_index (list, i))->key, !=, "implementation/A.1.b/2018-06");
  /* After the window's end, still not recorded: overdue. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = thr_deadlines_collect (ledger, caps, thr_day_from_ymd (2018, 9, 3));
  assert_deadline (list, "implementation/A.1.a/2018-04", "2018-08-31", THR_DEADLINE_OVERDUE);

  g_assert_true (thr_cap_set_field (f->store, ((ThrCap *) g_ptr_array_index (caps, 0))->id, "implemented_on",
                                    "2018-08-10", &error));
  g_assert_no_error (error);
  g_clear_pointer (&ledger, thr_ledger_free);
  g_clear_pointer (&caps, g_ptr_array_unref);
  g_clear_pointer (&list, g_ptr_array_unref);
  ledger = thr_ledger_compute_for_store (f->store, f->contract_id, NULL, NULL, today, &error);
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  list = thr_deadlines_collect (ledger, caps, today);
  assert_deadline (list, "implementation/A.1.a/2018-04", "2018-08-31", THR_DEADLINE_DONE);
  g_assert_cmpstr (find_deadline (list, "implementation/A.1.a/2018-04")->title, ==,
                   "CAP for A.1.a (missed 2018-04) implemented on 2018-08-10");
  /* Implemented, but June is still held for A.1.b's window (¶3: a month
   * is released only when every metric of it is met). */
  assert_state ((ThrCap *) g_ptr_array_index (caps, 0), ledger, THR_CAP_OUTCOME_RESOLVED,
                "Met — held or retained for other CAPs", THR_CAP_TONE_WARNING);
  /* A.1.b's own window is open: the list says so, in the ledger's words. */
  assert_state ((ThrCap *) g_ptr_array_index (caps, 1), ledger, THR_CAP_OUTCOME_OPEN, "Open", THR_CAP_TONE_NEUTRAL);
}

/* The CAP's version as one connection lists it now. */
static gint64
listed_version (ThrStore *store,
                gint64    contract_id,
                gint64    cap_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) caps = thr_cap_list (store, contract_id, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < caps->len; i++)
    if (((ThrCap *) g_ptr_array_index (caps, i))->id == cap_id)
      return ((ThrCap *) g_ptr_array_index (caps, i))->row_version;
  g_assert_not_reached ();
}

static void
assert_conflict (GError     **error,
                 const char  *what)
{
  g_assert_error (*error, THR_STORE_ERROR, THR_STORE_ERROR_CONFLICT);
  /* Who changed what, from the trail: "Root cause changed by NAME on … at HH:MM". */
  if (strstr ((*error)->message, what) == NULL || strstr ((*error)->message, thr_cap_get_author ()) == NULL
      || strstr ((*error)->message, " at ") == NULL)
    g_error ("the conflict does not say who changed %s: %s", what, (*error)->message);
  g_clear_error (error);
}

/* Two editors, each on a connection of its own (two windows on one file,
 * two people on a team store), load the same CAP.  The second to save is
 * told who changed what, and nothing of theirs is written; after a reload
 * their save goes through, and the unchecked save overwrites. */
static void
test_concurrent_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = ledger_of (f);
  g_autoptr(ThrStore) other = NULL;
  g_autoptr(GPtrArray) caps = NULL;
  g_autofree char *root_cause = NULL;
  gint64 id, mine, theirs, before, action;

  g_assert_true (thr_cap_sync (f->store, f->contract_id, ledger, NULL, &error));
  caps = thr_cap_list (f->store, f->contract_id, ledger, &error);
  id = ((ThrCap *) g_ptr_array_index (caps, 0))->id;
  mine = ((ThrCap *) g_ptr_array_index (caps, 0))->row_version;
  other = thr_store_open (thr_store_get_path (f->store), &error);
  g_assert_no_error (error);
  theirs = listed_version (other, f->contract_id, id);
  g_assert_cmpint (theirs, ==, mine);

  /* They save first: their version moves on, as the store lists it. */
  g_assert_true (thr_cap_set_field_checked (other, id, &theirs, "root_cause", "Two trainers left", &error));
  g_assert_no_error (error);
  g_assert_cmpint (theirs, >, mine);
  g_assert_cmpint (listed_version (f->store, f->contract_id, id), ==, theirs);

  /* Every save of mine is refused, and writes nothing. */
  before = mine;
  g_assert_false (thr_cap_set_field_checked (f->store, id, &mine, "root_cause", "Mine", &error));
  assert_conflict (&error, "Root cause");
  g_assert_cmpint (mine, ==, before);
  g_assert_cmpint (thr_cap_add_action_checked (f->store, id, &mine, "Hire", "", 0, &error), ==, 0);
  assert_conflict (&error, "Root cause");
  g_assert_false (thr_cap_close_checked (f->store, id, &mine, thr_day_from_ymd (2018, 7, 1), "Met", &error));
  assert_conflict (&error, "Root cause");
  g_assert_true (thr_store_get_cap_field (f->store, id, "root_cause", &root_cause, &error));
  g_assert_cmpstr (root_cause, ==, "Two trainers left");
  g_assert_cmpint (thr_test_store_value (f->store, "SELECT count(*) FROM cap_actions"), ==, 0);
  g_assert_cmpint (listed_version (other, f->contract_id, id), ==, theirs);

  /* Reloaded, mine goes through; now theirs is the stale one, and an
   * action's own saves are checked against the CAP's version too. */
  mine = listed_version (f->store, f->contract_id, id);
  action = thr_cap_add_action_checked (f->store, id, &mine, "Hire two trainers", "Vendor HR", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (action, >, 0);
  g_assert_cmpint (mine, ==, listed_version (other, f->contract_id, id));
  g_assert_false (thr_cap_set_action_done_checked (other, action, &theirs, thr_day_from_ymd (2018, 7, 2), &error));
  assert_conflict (&error, "owner");
  g_assert_false (thr_cap_update_action_checked (other, action, &theirs, "Hire one", "", 0, &error));
  assert_conflict (&error, "owner");
  g_assert_false (thr_cap_remove_action_checked (other, action, &theirs, &error));
  assert_conflict (&error, "owner");

  /* Overwrite: the unchecked save, which the user asked for. */
  g_assert_true (thr_cap_set_field (other, id, "root_cause", "Trainers left; none hired", &error));
  g_assert_no_error (error);
  g_clear_pointer (&root_cause, g_free);
  g_assert_true (thr_store_get_cap_field (f->store, id, "root_cause", &root_cause, &error));
  g_assert_cmpstr (root_cause, ==, "Trainers left; none hired");
  g_assert_cmpint (listed_version (f->store, f->contract_id, id), >, mine);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  thr_core_init ();

  g_test_add ("/cap/schema-version", Fixture, NULL, fixture_set_up, test_schema_version, fixture_tear_down);
  g_test_add ("/cap/sync", Fixture, NULL, fixture_set_up, test_sync, fixture_tear_down);
  g_test_add ("/cap/edit-and-audit", Fixture, NULL, fixture_set_up, test_edit_and_audit, fixture_tear_down);
  g_test_add ("/cap/edit-remove-close-words", Fixture, NULL, fixture_set_up, test_edit_remove_close_words, fixture_tear_down);
  g_test_add ("/cap/implemented-on", Fixture, NULL, fixture_set_up, test_implemented_on, fixture_tear_down);
  g_test_add ("/cap/documented-local-date", Fixture, NULL, fixture_set_up, test_documented_local_date, fixture_tear_down);
  g_test_add ("/cap/documented-history", Fixture, NULL, fixture_set_up, test_documented_history, fixture_tear_down);
  g_test_add ("/cap/documented-import-day", Fixture, NULL, fixture_set_up, test_documented_import_day,
              fixture_tear_down);
  g_test_add ("/cap/undo-import", Fixture, NULL, fixture_set_up, test_undo_import, fixture_tear_down);
  g_test_add ("/cap/concurrent-edit", Fixture, NULL, fixture_set_up, test_concurrent_edit, fixture_tear_down);

  g_test_add ("/cap/deadlines", Fixture, NULL, fixture_set_up, test_deadlines, fixture_tear_down);
  g_test_add ("/cap/deadline-implementation", Fixture, NULL, fixture_set_up, test_deadline_implementation,
              fixture_tear_down);
  g_test_add ("/cap/undo-import-whole", Fixture, NULL, fixture_set_up, test_undo_import_whole, fixture_tear_down);

  status = g_test_run ();
  thr_test_store_cleanup ();
  return status;
}
