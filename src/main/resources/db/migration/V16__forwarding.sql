-- Forwarding (issue 22, item 5): a forwarded message is an ordinary message of its new room (its text is the
-- forwarder's comment, maybe empty) carrying a snapshot of the original: who wrote it, when, and what it said.
-- fwd_room_id / fwd_seq, the link back, are stored only when every member of the new room can read the original
-- (the original's room is public or general, or it is the same room); otherwise NULL. No foreign key: a
-- snapshot outlives the original and its room.
ALTER TABLE messages ADD COLUMN fwd_author      VARCHAR(32);
ALTER TABLE messages ADD COLUMN fwd_author_name VARCHAR(64);
ALTER TABLE messages ADD COLUMN fwd_sent_at     TIMESTAMPTZ;
ALTER TABLE messages ADD COLUMN fwd_text        TEXT;
ALTER TABLE messages ADD COLUMN fwd_room_id     BIGINT;
ALTER TABLE messages ADD COLUMN fwd_seq         BIGINT;

-- The original's files go along by reference: the forwarded message shares the attachment rows, and members of
-- its room may download them (AttachmentService.open). A file stays while a forward of it does, even after the
-- original message is deleted; it goes with the original's room.
CREATE TABLE forwarded_attachments (
    message_id    BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    attachment_id BIGINT NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, attachment_id)
);
CREATE INDEX forwarded_attachments_attachment_idx ON forwarded_attachments (attachment_id);
