-- Room management (owners, direct messages) and profiles.
-- A direct-message room belongs to one pair of users: "smallerId:largerId", unique.
ALTER TABLE rooms ADD COLUMN direct_key VARCHAR(41);
CREATE UNIQUE INDEX rooms_direct_key ON rooms (direct_key) WHERE direct_key IS NOT NULL;
CREATE INDEX rooms_public_name_idx ON rooms (lower(name) text_pattern_ops) WHERE kind = 'public';

ALTER TABLE users ADD COLUMN about VARCHAR(500) NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN status_text VARCHAR(100) NOT NULL DEFAULT '';
-- Raised when the password changes: sessions signed in with an older version end.
ALTER TABLE users ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_display_name_idx ON users (lower(display_name) text_pattern_ops);
