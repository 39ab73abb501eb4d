/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-schema.h — the store's schema, one migration per version
 *
 * Never edit a step once released: add a new one.  Step N takes a store
 * from user_version N to N + 1; a step of several statements is one
 * parenthesised string, so that a missing comma cannot join two steps.
 */
#pragma once

static const char * const thr_store_migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE contracts ("
  "  id INTEGER PRIMARY KEY,"
  "  template TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  definition TEXT NOT NULL,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE imports ("
  "  id INTEGER PRIMARY KEY,"
  "  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  file_name TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  imported_at TEXT NOT NULL,"
  "  n_rows INTEGER NOT NULL,"
  "  profile TEXT);"
  "CREATE INDEX imports_by_sha ON imports (contract_id, sha256);"
  /* Reported figures, as the contractor's monthly report gives them. */
  "CREATE TABLE reported_values ("
  "  id INTEGER PRIMARY KEY,"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  row INTEGER NOT NULL,"
  "  metric TEXT NOT NULL,"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  period TEXT NOT NULL,"
  "  value REAL,"
  "  numerator REAL,"
  "  denominator REAL);"
  "CREATE INDEX reported_by_period ON reported_values (period, metric);"
  "CREATE INDEX reported_by_import ON reported_values (import_id);"
  /* Reference values such as the Quarterly Statewide Average. */
  "CREATE TABLE reference_values ("
  "  id INTEGER PRIMARY KEY,"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  row INTEGER NOT NULL,"
  "  key TEXT NOT NULL,"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  period TEXT NOT NULL,"
  "  value REAL NOT NULL);"
  "CREATE INDEX reference_by_period ON reference_values (period, key);"
  "CREATE INDEX reference_by_import ON reference_values (import_id);"
  "CREATE TABLE invoices ("
  "  id INTEGER PRIMARY KEY,"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  row INTEGER NOT NULL,"
  "  month TEXT NOT NULL,"
  "  component TEXT NOT NULL,"
  "  amount_cents INTEGER NOT NULL);"
  "CREATE INDEX invoices_by_import ON invoices (import_id);"
  /* Raw records.  Dates are local day numbers (GDate Julian days) and
   * seconds since local midnight, so period and deadline arithmetic never
   * parses text; contract_id is copied from the import so the evaluator's
   * range scans stay on one index. */
  "CREATE TABLE tasks ("
  "  id INTEGER PRIMARY KEY,"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  contract_id INTEGER NOT NULL,"
  "  row INTEGER NOT NULL,"
  "  task_id TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  received_day INTEGER NOT NULL,"
  "  received_time INTEGER,"
  "  completed_day INTEGER,"
  "  completed_time INTEGER,"
  "  due_day INTEGER,"
  "  program TEXT,"
  "  category TEXT,"
  "  status TEXT,"
  "  worker TEXT,"
  "  team TEXT,"
  "  score REAL,"
  "  amount REAL);"
  "CREATE INDEX tasks_by_received ON tasks (contract_id, type, received_day);"
  "CREATE INDEX tasks_by_due ON tasks (contract_id, type, due_day) WHERE due_day IS NOT NULL;"
  "CREATE INDEX tasks_by_import ON tasks (import_id);"
  "CREATE TABLE calls ("
  "  id INTEGER PRIMARY KEY,"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  contract_id INTEGER NOT NULL,"
  "  row INTEGER NOT NULL,"
  "  call_id TEXT NOT NULL,"
  "  queue TEXT NOT NULL,"
  "  offered_day INTEGER NOT NULL,"
  "  offered_time INTEGER,"
  "  wait_seconds REAL NOT NULL,"
  "  outcome INTEGER NOT NULL,"
  "  handle_seconds REAL,"
  "  agent TEXT,"
  "  team TEXT);"
  "CREATE INDEX calls_by_offered ON calls (contract_id, offered_day);"
  "CREATE INDEX calls_by_import ON calls (import_id);",

  /* 1 → 2: Corrective Action Plans (D2 ¶4).  Dates are 'YYYY-MM-DD' text,
   * NULL when not yet known; the CAP due and review due dates are derived
   * (+15 and +10 calendar days) and so not stored.  One CAP per metric and
   * failure month; later misses inside its window join it. */
  "CREATE TABLE caps ("
  "  id INTEGER PRIMARY KEY,"
  "  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,"
  "  metric TEXT NOT NULL,"
  "  failure_month TEXT NOT NULL,"
  "  documented_on TEXT,"
  "  submitted_on TEXT,"
  "  approved_on TEXT,"
  "  deficiency TEXT NOT NULL DEFAULT '',"
  "  root_cause TEXT NOT NULL DEFAULT '',"
  "  monitoring TEXT NOT NULL DEFAULT '',"
  "  evidence TEXT NOT NULL DEFAULT '',"
  "  signatories TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (contract_id, metric, failure_month));"
  "CREATE TABLE cap_actions ("
  "  id INTEGER PRIMARY KEY,"
  "  cap_id INTEGER NOT NULL REFERENCES caps (id) ON DELETE CASCADE,"
  "  description TEXT NOT NULL,"
  "  owner TEXT NOT NULL DEFAULT '',"
  "  due_on TEXT,"
  "  done_on TEXT);"
  "CREATE INDEX cap_actions_by_cap ON cap_actions (cap_id);"
  /* Every change to a CAP or its actions: when, what, old and new value. */
  "CREATE TABLE cap_audit ("
  "  id INTEGER PRIMARY KEY,"
  "  cap_id INTEGER NOT NULL REFERENCES caps (id) ON DELETE CASCADE,"
  "  at TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT);"
  "CREATE INDEX cap_audit_by_cap ON cap_audit (cap_id);",

  /* 2 → 3: the import's history and privacy.  notes are what an import
   * skipped or dropped, one per line; source_format how the file was read;
   * secrets holds the store's key for hashing personal data, so digests
   * cannot be looked up in a table of all possible SSNs. */
  "ALTER TABLE imports ADD COLUMN notes TEXT;"
  "ALTER TABLE imports ADD COLUMN source_format TEXT;"
  "CREATE TABLE secrets ("
  "  name TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);",

  /* 3 → 4: import speed.  The raw record tables lose their index on
   * import_id and their foreign key to imports: with a million rows a
   * month, keeping that index and checking that key cost about a third of
   * an import.  An import's records are contiguous rowids (it holds the
   * write lock and appends), so imports records the first and last, and
   * undo deletes that rowid range (thr-history.c).  import_id and row stay
   * in every record, so each value still traces to its file and row.
   * SQLite cannot drop a constraint, so the two tables are rebuilt the
   * documented way (create, copy, drop, rename); the copy keeps every id.
   * The ranges of earlier imports are read through the old index, before
   * it goes. */
  "ALTER TABLE imports ADD COLUMN first_record INTEGER;"
  "ALTER TABLE imports ADD COLUMN last_record INTEGER;"
  "UPDATE imports SET (first_record, last_record) ="
  "  (SELECT min(id), max(id) FROM tasks WHERE import_id = imports.id) WHERE kind = 'tasks';"
  "UPDATE imports SET (first_record, last_record) ="
  "  (SELECT min(id), max(id) FROM calls WHERE import_id = imports.id) WHERE kind = 'calls';"
  "CREATE TABLE tasks_v4 ("
  "  id INTEGER PRIMARY KEY,"
  "  import_id INTEGER NOT NULL,"
  "  contract_id INTEGER NOT NULL,"
  "  row INTEGER NOT NULL,"
  "  task_id TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  received_day INTEGER NOT NULL,"
  "  received_time INTEGER,"
  "  completed_day INTEGER,"
  "  completed_time INTEGER,"
  "  due_day INTEGER,"
  "  program TEXT,"
  "  category TEXT,"
  "  status TEXT,"
  "  worker TEXT,"
  "  team TEXT,"
  "  score REAL,"
  "  amount REAL);"
  "INSERT INTO tasks_v4 SELECT * FROM tasks;"
  "DROP TABLE tasks;"
  "ALTER TABLE tasks_v4 RENAME TO tasks;"
  "CREATE INDEX tasks_by_received ON tasks (contract_id, type, received_day);"
  "CREATE INDEX tasks_by_due ON tasks (contract_id, type, due_day) WHERE due_day IS NOT NULL;"
  "CREATE TABLE calls_v4 ("
  "  id INTEGER PRIMARY KEY,"
  "  import_id INTEGER NOT NULL,"
  "  contract_id INTEGER NOT NULL,"
  "  row INTEGER NOT NULL,"
  "  call_id TEXT NOT NULL,"
  "  queue TEXT NOT NULL,"
  "  offered_day INTEGER NOT NULL,"
  "  offered_time INTEGER,"
  "  wait_seconds REAL NOT NULL,"
  "  outcome INTEGER NOT NULL,"
  "  handle_seconds REAL,"
  "  agent TEXT,"
  "  team TEXT);"
  "INSERT INTO calls_v4 SELECT * FROM calls;"
  "DROP TABLE calls;"
  "ALTER TABLE calls_v4 RENAME TO calls;"
  "CREATE INDEX calls_by_offered ON calls (contract_id, offered_day);",

  /* 4 → 5: CAPs, issue 12.  implemented_on is the day the State recorded
   * that the CAP was implemented: D2 ¶4.i withholds "until Contractor
   * demonstrates that the CAP has been implemented and further
   * successfully meets the missed Metrics for two consecutive months", so
   * the release waits for it.  edited_at is when a user last changed the
   * CAP (a field or an action), so undoing an import can tell a CAP
   * nobody touched (removed with the failure) from one a user wrote in
   * (kept); failure_undone_at marks such a kept CAP whose failure an undo
   * took away.  Existing CAPs count as edited if their trail has anything
   * beyond what opening them wrote (the "opened" row and the default
   * documented_on written right after it). */
  "ALTER TABLE caps ADD COLUMN implemented_on TEXT;"
  "ALTER TABLE caps ADD COLUMN edited_at TEXT;"
  "ALTER TABLE caps ADD COLUMN failure_undone_at TEXT;"
  "UPDATE caps SET edited_at ="
  "  (SELECT max(a.at) FROM cap_audit a WHERE a.cap_id = caps.id AND a.field <> 'opened'"
  "   AND NOT (a.field = 'documented_on' AND a.old_value IS NULL"
  "            AND a.id = (SELECT min(o.id) + 1 FROM cap_audit o WHERE o.cap_id = caps.id AND o.field = 'opened')));",

  /* 5 → 6: closures a user adds to a calendar (the governor closes state
   * offices on a day no calendar file lists).  Keyed by the calendar's id,
   * not by contract: every contract on that calendar counts the day as
   * closed.  day is 'YYYY-MM-DD', the state's local date. */
  "CREATE TABLE calendar_closures ("
  "  id INTEGER PRIMARY KEY,"
  "  calendar TEXT NOT NULL,"
  "  day TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  added_at TEXT NOT NULL,"
  "  UNIQUE (calendar, day));",

  /* 6 → 7: the queue a reported figure or a reference is for.  The KPI
   * page judges completion rates against "the range for each queue listed
   * in Quarterly Statewide Average (QSA) data"; '' = not per queue. */
  ("ALTER TABLE reported_values ADD COLUMN queue TEXT NOT NULL DEFAULT '';"
   "ALTER TABLE reference_values ADD COLUMN queue TEXT NOT NULL DEFAULT '';"),

  /* 7 → 8: who made each change to a CAP (author: the user's real name,
   * or the login name when the system has none; NULL for changes made
   * before it was kept), and a CAP a user closed: closed_on, the day, and
   * close_reason, why (a CAP withdrawn, or settled outside the data). */
  ("ALTER TABLE cap_audit ADD COLUMN author TEXT;"
   "ALTER TABLE caps ADD COLUMN closed_on TEXT;"
   "ALTER TABLE caps ADD COLUMN close_reason TEXT;"),

  /* 8 → 9: import ids are never given twice.  imports.id is a plain
   * INTEGER PRIMARY KEY, so after undoing the latest import the next one
   * took its id, and "import 12" in a note, a CAP's audit trail or a
   * report meant two different files.  The last id given is kept here (a
   * table cannot gain AUTOINCREMENT without being rebuilt, and rebuilding
   * imports would cascade into every record); the importer takes last + 1
   * and the trigger keeps the counter up with any row added. */
  ("CREATE TABLE import_ids (last INTEGER NOT NULL);"
   "INSERT INTO import_ids SELECT coalesce(max(id), 0) FROM imports;"
   "CREATE TRIGGER imports_keep_last_id AFTER INSERT ON imports"
   "  BEGIN UPDATE import_ids SET last = NEW.id WHERE last < NEW.id; END;"),

  /* 9 → 10: the dates a calendar export last published.  RFC 5545 §3.8.7.4:
   * "the sequence number MUST be incremented each time the Organizer makes
   * a significant revision", and a calendar client that imports the file
   * again keeps its copy of an event unless SEQUENCE grew.  key is the
   * deadline's stable key ("cap/3/due"), day 'YYYY-MM-DD' as last
   * published. */
  ("CREATE TABLE published_events ("
   "  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,"
   "  key TEXT NOT NULL,"
   "  day TEXT NOT NULL,"
   "  sequence INTEGER NOT NULL DEFAULT 0,"
   "  PRIMARY KEY (contract_id, key));"),

  /* 10 → 11: figures recomputed from the raw records, kept so that a
   * store opened again, or a month asked for again, is not scanned again.
   * One row per metric, subject and span of days [first_day, last_day]
   * that a record scan covered.  today is the day the figure was judged
   * against when it depends on it (a "within N days" figure whose span
   * has not ended: an open record is pending or missed by today), else 0.
   * reach_first and reach_last bound the record days the scan read, so an
   * import or an undo forgets exactly the figures whose records it
   * touches.  basis fingerprints what else decides the figure (the
   * contract's definition, its calendar's business days, the program's
   * version): a row of another basis is never used.  kept_generation
   * counts the writes that forget figures, so a reader that scanned
   * before one of them does not keep what it saw. */
  ("CREATE TABLE kept_figures ("
   "  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,"
   "  metric TEXT NOT NULL,"
   "  subject TEXT NOT NULL,"
   "  first_day INTEGER NOT NULL,"
   "  last_day INTEGER NOT NULL,"
   "  today INTEGER NOT NULL,"
   "  reach_first INTEGER NOT NULL,"
   "  reach_last INTEGER NOT NULL,"
   "  basis TEXT NOT NULL,"
   "  present INTEGER NOT NULL,"
   "  value REAL NOT NULL,"
   "  has_ratio INTEGER NOT NULL,"
   "  numerator REAL NOT NULL,"
   "  denominator REAL NOT NULL,"
   "  n_pending INTEGER NOT NULL,"
   "  PRIMARY KEY (contract_id, metric, subject, first_day, last_day));"
   "CREATE INDEX kept_by_last_day ON kept_figures (contract_id, last_day);"
   "CREATE TABLE kept_generation (value INTEGER NOT NULL);"
   "INSERT INTO kept_generation VALUES (0);"),

  /* 11 → 12: a CAP's version, raised by every change of its row, as a
   * team store's server raises it (team/schema.sql).  A save carries the
   * version its editor loaded; finding another, it learns that someone
   * else (a second window, the CLI, a colleague) saved the CAP since, and
   * overwrites nothing unless asked to.  The trigger raises it whatever
   * the UPDATE said, once per statement and row; an UPDATE that sets the
   * version itself (a copied store) is left as it is. */
  ("ALTER TABLE caps ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;"
   "CREATE TRIGGER caps_raise_row_version AFTER UPDATE ON caps"
   "  WHEN NEW.row_version = OLD.row_version"
   "  BEGIN UPDATE caps SET row_version = OLD.row_version + 1 WHERE id = NEW.id; END;"),

  /* 12 → 13: the tasks by the day they were completed.  A metric placed
   * by that day (A.3.g: "CODY cases … that have been completed in a
   * report month", and every quality review: "the average accuracy rate
   * … processed by the Contractor in a given month") had no
   * index to range over, so its scan read every record of its type the
   * store holds, and a month took longer to evaluate the older the store
   * was.  Open tasks have no such day and are left out of the index, as
   * the deadline index leaves out tasks without a due day. */
  ("CREATE INDEX tasks_by_completed ON tasks (contract_id, type, completed_day)"
   "  WHERE completed_day IS NOT NULL;"),
};
