-- The operator's control of the showcase: a company can be hidden without being deleted, and,
-- when `showcase.require_approval` is on, a company's first publication waits until an operator
-- shows it.
ALTER TABLE accounts ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN approved INTEGER NOT NULL DEFAULT 0;
-- Companies already on the showcase were shown before approval existed.
UPDATE accounts SET approved = 1 WHERE published = 1;
