-- A column dropped: an older or foreign tool's idea of the store.
ALTER TABLE caps DROP COLUMN evidence;
