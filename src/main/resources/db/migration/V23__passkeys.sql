-- Issue 23, item 4: passkeys (WebAuthn credentials). One row per registered passkey; a user may have several.
-- credential_id: the authenticator's id for it (unique over all users); public_key: the COSE key (CBOR) the
-- signatures are checked with; aaguid: the authenticator model (zero for most); sign_count: the last counter seen
-- (a counter that goes backwards means a cloned authenticator and is refused); transports: as the browser reported
-- them, comma separated (hints for the next sign-in).
CREATE TABLE passkeys (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id BYTEA        NOT NULL,
    public_key    BYTEA        NOT NULL,
    aaguid        UUID         NOT NULL,
    sign_count    BIGINT       NOT NULL DEFAULT 0,
    uv_initialized BOOLEAN     NOT NULL DEFAULT FALSE,
    backup_eligible BOOLEAN    NOT NULL DEFAULT FALSE,
    backed_up     BOOLEAN      NOT NULL DEFAULT FALSE,
    transports    VARCHAR(200) NOT NULL DEFAULT '',
    name          VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_used_at  TIMESTAMPTZ,
    CONSTRAINT passkeys_credential_id_key UNIQUE (credential_id)
);
CREATE INDEX passkeys_user_idx ON passkeys (user_id);
