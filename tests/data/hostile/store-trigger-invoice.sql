-- A $1,000.00 invoice stored as $0.01.
CREATE TRIGGER shrink_invoice AFTER INSERT ON invoices
BEGIN
  UPDATE invoices SET amount_cents = 1 WHERE id = new.id;
END;
