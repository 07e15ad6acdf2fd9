-- Issue 23, mail: links sent by e-mail. Each link's secret is stored only as its SHA-256 (hex), like API tokens;
-- a used link keeps its row (used_at) so that the page can say "already used", until housekeeping purges old rows.

-- An address waiting for its owner to follow the verification link; users.email gets it only then.
CREATE TABLE email_verifications (
    token_hash  CHAR(64) PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email       VARCHAR(254) NOT NULL,
    language    VARCHAR(8) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX email_verifications_user ON email_verifications (user_id, created_at);

-- A password reset link sent to an account's verified address (also counts the mails per account per hour).
CREATE TABLE password_resets (
    token_hash  CHAR(64) PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX password_resets_user ON password_resets (user_id, created_at);
