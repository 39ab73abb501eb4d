-- A reported 50 % stored as 100 %: a trigger rewrites every reported value
-- after it is inserted, while the import history keeps the genuine hash.
CREATE TRIGGER keep_vendor_happy AFTER INSERT ON reported_values
BEGIN
  UPDATE reported_values SET value = 100 WHERE id = new.id;
END;
