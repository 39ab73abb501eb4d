-- SPDX-License-Identifier: GPL-3.0-or-later
-- The team store's rights, enforced by the server: four group roles, the
-- contracts granted to each user, and row-level security so that a user
-- sees and changes only the contracts granted to them.
--
-- Run it after schema.sql, in the same database, as a superuser (it creates
-- roles; anyone with CREATEROLE who owns the tables will also do).  It
-- may be run again (after an upgrade, say): roles that exist are kept,
-- policies and grants are put back as this file says.
--
--   threshold_viewer    reads every table of its contracts; exports
--                       (a calendar export records what it published)
--   threshold_editor    a viewer who also writes CAPs, their actions and
--                       their audit trail
--   threshold_importer  a viewer who also imports and undoes imports
--   threshold_admin     a viewer who also creates and changes contracts,
--                       grants them to users, and closes calendar days;
--                       an administrator sees every contract
--
-- A person is a LOGIN role that is a member of one or more of these, and
-- sees the contracts granted (contract_grants) to them or to a role they
-- belong to.  The owner of the tables is not subject to row-level security:
-- nobody uses the application as the owner.

SET client_min_messages = warning;

BEGIN;

-- The group roles belong to the whole server (roles are not per
-- database): create each unless it exists.  Another store's script may be
-- creating the same role at the same moment.
DO $$
DECLARE
  r TEXT;
BEGIN
  FOREACH r IN ARRAY ARRAY['threshold_viewer', 'threshold_editor',
                           'threshold_importer', 'threshold_admin'] LOOP
    BEGIN
      EXECUTE format ('CREATE ROLE %I NOLOGIN', r);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END LOOP;
END
$$;
GRANT threshold_viewer TO threshold_editor, threshold_importer, threshold_admin;

-- Which role or user may work on which contract.  grantee is a role:
-- granting a contract to threshold_viewer gives it to every user.
CREATE TABLE IF NOT EXISTS contract_grants (
  contract_id BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  grantee REGROLE NOT NULL,
  granted_by TEXT NOT NULL DEFAULT current_user,
  PRIMARY KEY (contract_id, grantee));
-- Creating roles takes a superuser (or CREATEROLE), so this file may run as
-- someone other than the tables' owner: the grants are the owner's too.
DO $$
BEGIN
  EXECUTE format ('ALTER TABLE contract_grants OWNER TO %I',
                  (SELECT tableowner FROM pg_tables
                    WHERE schemaname = current_schema () AND tablename = 'contracts'));
END
$$;

-- Nothing for anyone but what follows.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;

-- Reading: every table, filtered by the policies below.  secrets holds the
-- key that hashes personal data (SSNs): only importers read that row, so a
-- viewer cannot look digests up in a table of every possible number.
GRANT SELECT ON schema_version, contracts, contract_grants, imports, reported_values,
  reference_values, invoices, tasks, calls, caps, cap_actions, cap_audit,
  calendar_closures, import_ids, published_events, kept_figures, kept_generation,
  secrets TO threshold_viewer;
-- A calendar export (deadlines --format ics) records the dates it
-- published and the store's id, which the calendar's events are named by:
-- exporting is reading, to a person, so every role may.
GRANT INSERT, UPDATE ON published_events TO threshold_viewer;
GRANT INSERT ON secrets TO threshold_viewer;

-- Editors: CAPs (opened when a miss is seen, then filled in), their
-- actions, and the audit trail, which nobody changes or deletes.
GRANT INSERT, UPDATE ON caps TO threshold_editor;
GRANT INSERT, UPDATE, DELETE ON cap_actions TO threshold_editor;
GRANT INSERT ON cap_audit TO threshold_editor;

-- Importers: an import and its rows, undo (which deletes them and the CAPs
-- nobody wrote in, and marks the others), the import id counter, and the
-- kept figures (below).  An import that shows a miss opens its CAP.
GRANT INSERT, UPDATE, DELETE ON imports, reported_values, reference_values, invoices,
  tasks, calls TO threshold_importer;
GRANT UPDATE ON import_ids TO threshold_importer;
-- Records are COPYed straight into their contract's partition (schema.sql
-- says why); the partitions made from now on are granted as they are made.
-- An import takes its records' ids from the sequence and moves it past the
-- last it gave (setval needs UPDATE): an importer sees only its own
-- contracts' records, so it cannot know the largest id of all.
GRANT USAGE, UPDATE ON SEQUENCE tasks_id_seq, calls_id_seq TO threshold_importer;
DO $$
DECLARE
  part REGCLASS;
BEGIN
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits
               WHERE inhparent IN ('tasks'::regclass, 'calls'::regclass)
                 AND inhrelid NOT IN ('tasks_other'::regclass, 'calls_other'::regclass) LOOP
    EXECUTE format ('GRANT INSERT ON %s TO threshold_importer', part);
  END LOOP;
END
$$;
GRANT INSERT, DELETE ON caps TO threshold_importer;
GRANT UPDATE (failure_undone_at) ON caps TO threshold_importer;
GRANT INSERT ON cap_audit TO threshold_importer;
GRANT INSERT, UPDATE ON secrets TO threshold_importer;

-- Kept figures are read instead of scanning the records, so whoever writes
-- them decides the figures everyone else is shown.  Only the roles that
-- already decide those figures write them: importers (the records) and
-- administrators (contracts and calendars, whose changes make figures
-- unused).  A viewer's or an editor's evaluation works the figures out
-- from the records and keeps nothing: slower, never wrong, and nothing a
-- viewer does can change what another user reads.
GRANT INSERT, UPDATE, DELETE ON kept_figures TO threshold_importer, threshold_admin;
GRANT UPDATE ON kept_generation TO threshold_importer, threshold_admin;

-- Administrators: contracts, who may work on them, calendar closures.
GRANT INSERT, UPDATE, DELETE ON contracts, contract_grants, calendar_closures TO threshold_admin;

-- Row-level security.  A user sees the grants made to them or to a role
-- they belong to; the contracts of those grants; and the rows of those
-- contracts, child tables through their parent (a subquery on a table
-- that is itself filtered).  An administrator sees every contract.
ALTER TABLE contract_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE contracts ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reported_values ENABLE ROW LEVEL SECURITY;
ALTER TABLE reference_values ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE calls ENABLE ROW LEVEL SECURITY;
ALTER TABLE caps ENABLE ROW LEVEL SECURITY;
ALTER TABLE cap_actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE cap_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE published_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE kept_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS grants_own ON contract_grants;
CREATE POLICY grants_own ON contract_grants FOR SELECT
  USING (pg_has_role (current_user, grantee, 'MEMBER'));
DROP POLICY IF EXISTS grants_admin ON contract_grants;
CREATE POLICY grants_admin ON contract_grants FOR ALL TO threshold_admin
  USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS contracts_granted ON contracts;
CREATE POLICY contracts_granted ON contracts FOR ALL
  USING (id IN (SELECT contract_id FROM contract_grants))
  WITH CHECK (id IN (SELECT contract_id FROM contract_grants));
DROP POLICY IF EXISTS contracts_admin ON contracts;
CREATE POLICY contracts_admin ON contracts FOR ALL TO threshold_admin
  USING (true) WITH CHECK (true);

-- Tables that name their contract.
DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['imports', 'tasks', 'calls', 'caps', 'published_events',
                           'kept_figures'] LOOP
    EXECUTE format ('DROP POLICY IF EXISTS %I ON %I', t || '_granted', t);
    EXECUTE format ('CREATE POLICY %I ON %I FOR ALL '
                    'USING (contract_id IN (SELECT id FROM contracts)) '
                    'WITH CHECK (contract_id IN (SELECT id FROM contracts))',
                    t || '_granted', t);
  END LOOP;
  -- Rows of an import: through the import.
  FOREACH t IN ARRAY ARRAY['reported_values', 'reference_values', 'invoices'] LOOP
    EXECUTE format ('DROP POLICY IF EXISTS %I ON %I', t || '_granted', t);
    EXECUTE format ('CREATE POLICY %I ON %I FOR ALL '
                    'USING (import_id IN (SELECT id FROM imports)) '
                    'WITH CHECK (import_id IN (SELECT id FROM imports))',
                    t || '_granted', t);
  END LOOP;
  -- Rows of a CAP: through the CAP.
  FOREACH t IN ARRAY ARRAY['cap_actions', 'cap_audit'] LOOP
    EXECUTE format ('DROP POLICY IF EXISTS %I ON %I', t || '_granted', t);
    EXECUTE format ('CREATE POLICY %I ON %I FOR ALL '
                    'USING (cap_id IN (SELECT id FROM caps)) '
                    'WITH CHECK (cap_id IN (SELECT id FROM caps))',
                    t || '_granted', t);
  END LOOP;
END
$$;

DROP POLICY IF EXISTS secrets_shared ON secrets;
CREATE POLICY secrets_shared ON secrets FOR ALL
  USING (name <> 'hash-key') WITH CHECK (name <> 'hash-key');
DROP POLICY IF EXISTS secrets_importer ON secrets;
CREATE POLICY secrets_importer ON secrets FOR ALL TO threshold_importer
  USING (true) WITH CHECK (true);

COMMIT;
