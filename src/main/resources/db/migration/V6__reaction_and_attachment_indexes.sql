-- Deleting a user or a room cascades to reactions and attachments: without these, each such delete scans them.
CREATE INDEX reactions_user_idx ON reactions (user_id);
CREATE INDEX attachments_room_idx ON attachments (room_id);
