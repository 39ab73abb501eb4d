-- A column added to a table, with a default that would fill every new row.
ALTER TABLE invoices ADD COLUMN approved INTEGER NOT NULL DEFAULT 1;
