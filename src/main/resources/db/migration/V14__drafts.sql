-- Drafts (issue 22, item 6): a half-written message, saved on the server per user, room and thread, so it follows
-- its writer to their other tabs and devices. thread_seq 0 is the room's own composer; n > 0 a thread under seq n.
-- Gone with the user or the room; the text is what the composer holds (at most the message limit).
CREATE TABLE drafts (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    room_id    BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    thread_seq BIGINT NOT NULL DEFAULT 0 CHECK (thread_seq >= 0),
    text       TEXT NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4000),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, room_id, thread_seq)
);
-- Deleting a room cascades here: without this, each such delete scans the table.
CREATE INDEX drafts_room_idx ON drafts (room_id);
