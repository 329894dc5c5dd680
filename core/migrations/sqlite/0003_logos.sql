-- A company's logo (a content-addressed PNG in the object store) and whether it is shown on the
-- public showcase.
ALTER TABLE accounts ADD COLUMN logo_hash TEXT;
ALTER TABLE accounts ADD COLUMN logo_width INTEGER;
ALTER TABLE accounts ADD COLUMN logo_height INTEGER;
ALTER TABLE accounts ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
CREATE INDEX accounts_published ON accounts (published, company);
CREATE INDEX accounts_logo ON accounts (logo_hash);
