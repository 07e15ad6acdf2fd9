-- Issue 23: an optional e-mail address per account. users.email holds only a VERIFIED address (a new one waits in
-- the mail feature's own table until its link is followed); null: none. One account per address, ignoring case.
ALTER TABLE users ADD COLUMN email VARCHAR(254);
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL;
