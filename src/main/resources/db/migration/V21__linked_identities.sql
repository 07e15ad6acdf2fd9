-- Issue 23, item 2 (single sign-on): which account an OpenID Connect identity (issuer, subject) signs in to. Made at
-- its first sign-in (a new account, or an existing one whose verified e-mail the provider verified too); one
-- identity per provider and account. Gone with the account.
CREATE TABLE linked_identities (
    issuer          VARCHAR(512) NOT NULL,
    subject         VARCHAR(255) NOT NULL,
    user_id         BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_sign_in_at TIMESTAMPTZ,
    PRIMARY KEY (issuer, subject),
    UNIQUE (issuer, user_id)
);
CREATE INDEX linked_identities_user_idx ON linked_identities (user_id);
