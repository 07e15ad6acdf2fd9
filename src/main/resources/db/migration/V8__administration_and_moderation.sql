-- Administration, moderation and an audit log (issue "organization").

-- System administrators; deactivated accounts keep their rows and messages but cannot sign in; a temporary
-- password set by an administrator must be changed at the next sign-in.
ALTER TABLE users ADD COLUMN is_admin BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN deactivated_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX users_admin_idx ON users (id) WHERE is_admin;

-- Archived rooms are read-only for everyone (still in history and search); in announcement rooms only the owner
-- and the moderators post.
ALTER TABLE rooms ADD COLUMN archived_at TIMESTAMPTZ;
ALTER TABLE rooms ADD COLUMN announcement BOOLEAN NOT NULL DEFAULT false;

-- Moderators of a room, appointed by its owner.
CREATE TABLE room_moderators (
    room_id    BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_moderators_user_idx ON room_moderators (user_id);

-- A muted member reads but cannot send until the mute ends.
CREATE TABLE room_mutes (
    room_id    BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    until      TIMESTAMPTZ NOT NULL,
    muted_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, user_id)
);

-- A banned user is out of the room and cannot rejoin it.
CREATE TABLE room_bans (
    room_id    BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    banned_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, user_id)
);

-- A message removed by a moderator (not its author): the tombstone says so.
ALTER TABLE messages ADD COLUMN removed_by_moderator BOOLEAN NOT NULL DEFAULT false;

-- Reports of messages by members; administrators see the open ones and resolve them.
CREATE TABLE message_reports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id     BIGINT NOT NULL,
    seq         BIGINT NOT NULL,
    reporter_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason      VARCHAR(500) NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at TIMESTAMPTZ,
    resolved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    resolution  VARCHAR(32),
    FOREIGN KEY (room_id, seq) REFERENCES messages (room_id, seq) ON DELETE CASCADE,
    -- One open report per reporter and message.
    CONSTRAINT message_reports_once UNIQUE (room_id, seq, reporter_id)
);
CREATE INDEX message_reports_open_idx ON message_reports (created_at) WHERE resolved_at IS NULL;

-- Registration: open, invite-only or closed (one row); invites with an expiry and a use count.
CREATE TABLE server_settings (
    name       VARCHAR(64) PRIMARY KEY,
    value      VARCHAR(500) NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO server_settings (name, value) VALUES ('registration', 'open');

CREATE TABLE invites (
    -- SHA-256 of the invite code, hex; the code itself is shown once, in the link.
    code_hash  CHAR(64) PRIMARY KEY,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    max_uses   INT NOT NULL CHECK (max_uses > 0),
    uses       INT NOT NULL DEFAULT 0 CHECK (uses <= max_uses),
    revoked_at TIMESTAMPTZ
);

-- Who did what to whom, when: every administration and moderation action.
CREATE TABLE audit_log (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    actor    VARCHAR(32),          -- login; NULL for the machine's own command (./jointchat admin)
    action   VARCHAR(64) NOT NULL, -- e.g. user.deactivate, room.archive, message.remove
    target   VARCHAR(200),         -- a login, "room:12", "room:12/seq:40", "invite:…"
    details  VARCHAR(1000) NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (id DESC);
