-- Edits, deletions, replies, reactions, mentions, full-text search and attachments.

-- Every change in a room (a new message, an edit, a deletion, a reaction) takes the room's next version;
-- a message carries the version of its last change. A client that reconnects syncs new messages by seq
-- and changes to messages it holds by version.
ALTER TABLE rooms ADD COLUMN last_version BIGINT NOT NULL DEFAULT 0;
UPDATE rooms SET last_version = last_seq;
ALTER TABLE messages ADD COLUMN version BIGINT;
UPDATE messages SET version = seq;
ALTER TABLE messages ALTER COLUMN version SET NOT NULL;
-- Rows written outside the message writer (seeded test and benchmark histories) count as never changed.
ALTER TABLE messages ALTER COLUMN version SET DEFAULT 0;
CREATE INDEX messages_room_version_idx ON messages (room_id, version);

ALTER TABLE messages ADD COLUMN edited_at TIMESTAMPTZ;
-- A deleted message keeps its row (and seq: numbering stays gap-free) without text.
ALTER TABLE messages ADD COLUMN deleted_at TIMESTAMPTZ;
ALTER TABLE messages ADD COLUMN reply_to_seq BIGINT;
-- Empty text: a deleted message, or one that only carries attachments.
ALTER TABLE messages DROP CONSTRAINT messages_text_check;
ALTER TABLE messages ADD CONSTRAINT messages_text_check CHECK (char_length(text) <= 4000);

-- Search: 'russian' stems Russian words and (as asciiword) English ones; 'simple' keeps every word as
-- written, so Ukrainian words (PostgreSQL has no Ukrainian stemmer) match as written or by prefix.
ALTER TABLE messages ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('russian', text) || to_tsvector('simple', text)) STORED;
CREATE INDEX messages_search_idx ON messages USING gin (search_vector);

CREATE TABLE reactions (
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    emoji      VARCHAR(64) NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reacted_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- One reaction of a kind per user and message.
    PRIMARY KEY (message_id, emoji, user_id)
);

-- Who a message mentions (members of the room only): unread mentions are counted from here.
CREATE TABLE mentions (
    room_id BIGINT NOT NULL,
    seq     BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (room_id, seq, user_id),
    FOREIGN KEY (room_id, seq) REFERENCES messages (room_id, seq) ON DELETE CASCADE
);
CREATE INDEX mentions_user_idx ON mentions (user_id, room_id, seq);

-- Uploaded files live in PostgreSQL: written in the same transactions as the messages that carry them,
-- backed up and restored with them, the same on every instance, and gone when their room is.
CREATE TABLE attachments (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id      BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    uploader_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- NULL until a message carries it; unclaimed uploads are purged after a day.
    message_id   BIGINT REFERENCES messages (id) ON DELETE CASCADE,
    name         VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size         BIGINT NOT NULL CHECK (size >= 0),
    data         BYTEA NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attachments_message_idx ON attachments (message_id);
CREATE INDEX attachments_uploader_idx ON attachments (uploader_id);
