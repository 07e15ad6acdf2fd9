-- Issue 23, mail fixes: a verification link replaced by a newer one (or dropped with a change) keeps its row,
-- marked superseded, so that the mails of the last hour can be counted (the per-account limit) while the link
-- itself no longer works.
ALTER TABLE email_verifications ADD COLUMN superseded_at TIMESTAMPTZ;

-- Mails that must not be lost (the missed-message digests): written in the same transaction as the change that
-- causes them, sent by a worker (FOR UPDATE SKIP LOCKED, so instances share it), deleted once the SMTP server took
-- them, retried with growing pauses for hours otherwise. They survive a restart. Mails with a link's secret
-- (verification, password reset) do not come here: a secret is never stored in clear; their users ask again.
CREATE TABLE mail_outbox (
    id              BIGSERIAL PRIMARY KEY,
    recipient       VARCHAR(254) NOT NULL,
    language        VARCHAR(35) NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT,
    headers         TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INT NOT NULL DEFAULT 0,
    last_error      TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at);
