-- The APIs' health checks. `api_monitors` has one row per API with a health URL: when it is
-- due, which instance holds it (`claimed_until`), and its last result. Each check is kept in
-- `api_checks` (a week) and counted per day (UTC, days since 1970-01-01) in `api_uptime_days`.
CREATE TABLE api_monitors (
    api           TEXT    PRIMARY KEY,
    url           TEXT    NOT NULL,
    next_at       BIGINT  NOT NULL DEFAULT 0,
    claimed_until BIGINT  NOT NULL DEFAULT 0,
    checked_at    BIGINT,
    up            BIGINT,
    http_status   BIGINT,
    millis        BIGINT,
    since         BIGINT
);

CREATE TABLE api_checks (
    api         TEXT    NOT NULL,
    at_unix     BIGINT  NOT NULL,
    up          BIGINT  NOT NULL,
    http_status BIGINT,
    millis      BIGINT  NOT NULL
);
CREATE INDEX api_checks_at ON api_checks (api, at_unix);

CREATE TABLE api_uptime_days (
    api    TEXT    NOT NULL,
    day    BIGINT  NOT NULL,
    checks BIGINT  NOT NULL,
    ups    BIGINT  NOT NULL,
    PRIMARY KEY (api, day)
);
