-- Every consent decision, as proof of consent. No personal data but a masked IP address.
CREATE TABLE consent_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    consent_id  TEXT    NOT NULL,
    at_unix     INTEGER NOT NULL,
    mode        TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    decision    TEXT    NOT NULL,
    granted     TEXT    NOT NULL,
    denied      TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    masked_ip   TEXT    NOT NULL
);
CREATE INDEX consent_log_at ON consent_log (at_unix);
CREATE INDEX consent_log_consent_id ON consent_log (consent_id);
