-- Answers to "Was this page helpful?": the page, its language, the day (UTC, days since
-- 1970-01-01), yes or no, and the comment with addresses and long numbers removed. Nothing
-- that names the visitor.
CREATE TABLE page_feedback (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page    TEXT   NOT NULL,
    lang    TEXT   NOT NULL,
    day     BIGINT NOT NULL,
    helpful BIGINT NOT NULL,
    comment TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX page_feedback_page ON page_feedback (page, lang);
