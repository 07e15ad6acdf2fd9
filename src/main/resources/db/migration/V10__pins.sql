-- Pinned messages (issue 22, item 2): a room's members pin messages they want everyone to find again; the room header
-- lists them newest first. A pin belongs to the message: removing the message (or the room) removes its pin.
CREATE TABLE pins (
    room_id   BIGINT NOT NULL,
    seq       BIGINT NOT NULL,
    pinned_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    pinned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, seq),
    FOREIGN KEY (room_id, seq) REFERENCES messages (room_id, seq) ON DELETE CASCADE
);
-- The list, newest first.
CREATE INDEX pins_room_time_idx ON pins (room_id, pinned_at DESC);
