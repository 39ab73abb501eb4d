-- A table dropped.
DROP TABLE cap_audit;
