-- An index on an expression.
CREATE INDEX invoices_doubled ON invoices (amount_cents * 2);
