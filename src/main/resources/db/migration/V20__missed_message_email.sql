-- Missed-message e-mail (issue 23, item 1, "digest"): direct messages and mentions still unread some minutes after
-- they were sent are e-mailed to the user's verified address (users.email), as one digest or one mail each.
--
-- One row per user who has (or had) a verified address: the setting, and how far the user has been told. The sweep
-- of every instance claims a due user's row with SELECT ... FOR UPDATE SKIP LOCKED, composes the mail from what is
-- unread after (notified_at, notified_id) and moves the mark past it in the same transaction; the mail is handed to
-- the SMTP server only after that commit. So two instances (or two sweeps) never mail the same messages, and a
-- restart starts from the committed mark. No row: the default mode (digest), made by the sweep when first needed.
CREATE TABLE email_notifications (
    user_id     BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    mode        VARCHAR(8) NOT NULL DEFAULT 'digest' CHECK (mode IN ('never', 'digest', 'each')),
    -- The language of the mails (en, ru, uk): the page language when the user last changed the setting.
    language    VARCHAR(8),
    -- The last message told of, as (messages.sent_at, messages.id): the next mail holds only later ones.
    notified_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
    notified_id BIGINT NOT NULL DEFAULT 0,
    -- After a mail that could not be composed or queued: not before this time again.
    retry_after TIMESTAMPTZ,
    last_mailed_at TIMESTAMPTZ,
    changed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One-click unsubscribe (RFC 8058): every mail carries a random token of its own; only its SHA-256 is kept. A token
-- turns the owner's setting to 'never' without a sign-in, as often as it is used; it is forgotten after 180 days.
CREATE TABLE email_unsubscribe_tokens (
    token_hash CHAR(64) PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX email_unsubscribe_tokens_created_idx ON email_unsubscribe_tokens (created_at);
CREATE INDEX email_unsubscribe_tokens_user_idx ON email_unsubscribe_tokens (user_id);
