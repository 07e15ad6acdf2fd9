-- Issue 23, item 3: two-factor sign-in with TOTP (RFC 6238) and recovery codes.

-- One TOTP secret per account. secret: 'a1:' + AES-GCM sealed (jointchat.two-factor.key set) or 'plain:' + Base64.
-- confirmed_at null: an enrolment started but not confirmed with a code (not yet a second factor).
-- last_used_step: the newest 30-second step whose code was accepted; a code of that step or an older one is a replay.
CREATE TABLE totp_secrets (
    user_id        BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         VARCHAR(200) NOT NULL,
    confirmed_at   TIMESTAMPTZ,
    last_used_step BIGINT NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Ten single-use recovery codes per account with TOTP; SHA-256 of "<user id>:<code>", hex. used_at: spent.
CREATE TABLE recovery_codes (
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash CHAR(64) NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);

-- Who must sign in with a second factor: nobody, administrators or everyone (TwoFactorPolicy).
INSERT INTO server_settings (name, value) VALUES ('two-factor', 'nobody') ON CONFLICT (name) DO NOTHING;
