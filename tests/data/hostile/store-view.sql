-- A view Threshold never creates.
CREATE VIEW met_everything AS SELECT metric, 100.0 AS value FROM reported_values;
