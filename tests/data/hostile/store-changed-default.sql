-- A table rebuilt with a different default: a blank subject becomes a name.
CREATE TABLE rv (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  row INTEGER NOT NULL,
  metric TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT 'everyone',
  period TEXT NOT NULL,
  value REAL,
  numerator REAL,
  denominator REAL,
  queue TEXT NOT NULL DEFAULT '');
INSERT INTO rv SELECT * FROM reported_values;
DROP TABLE reported_values;
ALTER TABLE rv RENAME TO reported_values;
CREATE INDEX reported_by_period ON reported_values (period, metric);
CREATE INDEX reported_by_import ON reported_values (import_id);
