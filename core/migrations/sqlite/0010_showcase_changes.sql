-- With showcase.require_approval, a change an approved company makes to what the showcase
-- shows (name, description, links, logo) waits for review: the showcase keeps showing the
-- approved version (the shown_* columns, copied at approval) until an operator approves the
-- change.
ALTER TABLE accounts ADD COLUMN review_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN shown_company TEXT;
ALTER TABLE accounts ADD COLUMN shown_description TEXT;
ALTER TABLE accounts ADD COLUMN shown_website TEXT;
ALTER TABLE accounts ADD COLUMN shown_social TEXT;
ALTER TABLE accounts ADD COLUMN shown_logo_hash TEXT;
ALTER TABLE accounts ADD COLUMN shown_logo_width INTEGER;
ALTER TABLE accounts ADD COLUMN shown_logo_height INTEGER;
-- What is approved now is what is shown now.
UPDATE accounts SET shown_company = company, shown_description = description,
    shown_website = website, shown_social = social, shown_logo_hash = logo_hash,
    shown_logo_width = logo_width, shown_logo_height = logo_height
WHERE approved;
