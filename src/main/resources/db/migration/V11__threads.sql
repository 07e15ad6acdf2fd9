-- Threads (issue 22, item 1). A thread reply is an ordinary message of its room (next seq and version, so history,
-- sync and the live fan-out carry it); thread_seq names its root in the same room. also_to_room: the reply shows in
-- the room's main list (and counts as unread there) too. A root keeps its summary: how many replies, the last one's time.
ALTER TABLE messages
    ADD COLUMN thread_seq           BIGINT,
    ADD COLUMN also_to_room         BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN thread_replies       INT NOT NULL DEFAULT 0,
    ADD COLUMN thread_last_reply_at TIMESTAMPTZ;

-- A thread's replies in order (thread paging, unread counts, participants).
CREATE INDEX messages_thread_idx ON messages (room_id, thread_seq, seq) WHERE thread_seq IS NOT NULL;

-- Who follows which thread, and how far they have read it. A row with following = false remembers an unfollow
-- (or a read mark of someone who does not follow): the root's author is then not made a follower again.
CREATE TABLE thread_follows (
    room_id       BIGINT NOT NULL,
    root_seq      BIGINT NOT NULL,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    following     BOOLEAN NOT NULL DEFAULT true,
    last_read_seq BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, root_seq, user_id),
    FOREIGN KEY (room_id, root_seq) REFERENCES messages (room_id, seq) ON DELETE CASCADE
);
-- "My followed threads" (GET /threads, hello's threadUnread); the primary key serves "followers of a thread".
CREATE INDEX thread_follows_user_idx ON thread_follows (user_id, room_id) WHERE following;
