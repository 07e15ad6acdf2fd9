-- Status and do-not-disturb (issue 22, item 4): the status keeps its text in users.status_text (V3) and gains an
-- emoji and an expiry; do-not-disturb holds back the user's notifications until a time. An expired status or
-- do-not-disturb reads as none (worked out when read); the server clears it when it runs out and tells watchers.
ALTER TABLE users ADD COLUMN status_emoji VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN status_expires_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN dnd_until TIMESTAMPTZ;
-- The few users with something that runs out, read at start to know when to clear what.
CREATE INDEX users_status_runs_out_idx ON users (login) WHERE status_expires_at IS NOT NULL OR dnd_until IS NOT NULL;
