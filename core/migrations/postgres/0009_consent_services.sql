-- The services granted inside the granted categories (comma-separated ids), per decision.
ALTER TABLE consent_log ADD COLUMN services TEXT NOT NULL DEFAULT '';
