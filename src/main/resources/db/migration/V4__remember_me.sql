-- "Keep me signed in": a browser's sign-in that survives server restarts and lost sessions.
CREATE TABLE remember_tokens (
    -- SHA-256 of the cookie's token, hex; the token itself is never stored.
    token_hash CHAR(64)    PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX remember_tokens_user_idx ON remember_tokens (user_id);
CREATE INDEX remember_tokens_expires_idx ON remember_tokens (expires_at);
