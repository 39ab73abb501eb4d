-- An index Threshold relies on, gone.
DROP INDEX tasks_by_received;
