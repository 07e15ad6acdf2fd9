-- Rooms, memberships and messages; the global room "general" that every user belongs to.
CREATE TABLE rooms (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       VARCHAR(64) NOT NULL,
    -- global: "general" (everyone, cannot be left); public / private / direct come with room management.
    kind       VARCHAR(16) NOT NULL CHECK (kind IN ('global', 'public', 'private', 'direct')),
    topic      VARCHAR(250),
    owner_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- The last sequence number handed out in this room; messages are numbered 1, 2, 3, ... per room.
    last_seq   BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX rooms_name_key ON rooms (lower(name)) WHERE kind <> 'direct';

CREATE TABLE memberships (
    room_id       BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    last_read_seq BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE messages (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id   BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq       BIGINT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users (id),
    client_id VARCHAR(64) NOT NULL,
    text      TEXT NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4000),
    sent_at   TIMESTAMPTZ NOT NULL,
    -- History pages are index range scans on (room_id, seq).
    CONSTRAINT messages_room_seq_key UNIQUE (room_id, seq),
    -- A resent message (same author, same client id) is stored once.
    CONSTRAINT messages_author_client_key UNIQUE (author_id, client_id)
);

ALTER TABLE users ADD COLUMN last_seen_at TIMESTAMPTZ;

INSERT INTO rooms (name, kind, topic) VALUES ('general', 'global', NULL);
INSERT INTO memberships (room_id, user_id)
SELECT r.id, u.id FROM rooms r CROSS JOIN users u WHERE r.kind = 'global';
