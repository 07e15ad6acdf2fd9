-- System lines (issue 21): membership and room changes ("Alice added Bob", "Bob left", "Alice renamed the room to …")
-- are rows of the room's messages, numbered with the room's seq in the same transaction as the change, so history
-- pages, sync after a reconnect and the live fan-out carry them like any message. They are data, not English text:
-- the author is the actor, system_event says what happened, target_id whom it happened to, event_value the new name
-- or topic; the page renders and translates them. Ordinary messages have system_event NULL.
ALTER TABLE messages ADD COLUMN system_event VARCHAR(16)
    CHECK (system_event IN ('joined', 'added', 'left', 'removed', 'banned', 'renamed', 'topic', 'owner'));
ALTER TABLE messages ADD COLUMN target_id BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN event_value VARCHAR(250);
-- Unread counts leave system lines out: counting the few of them past a read mark is a scan of this small index.
CREATE INDEX messages_system_idx ON messages (room_id, seq) WHERE system_event IS NOT NULL;
