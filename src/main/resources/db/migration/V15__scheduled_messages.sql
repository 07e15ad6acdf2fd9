-- Scheduled messages (issue 22, item 7): a send that the server makes at send_at, exactly once. The sweep claims due
-- pending rows with SELECT ... FOR UPDATE SKIP LOCKED (one instance per row), sends each through the message writer
-- with the row's client_id (messages_author_client_key makes a repeated attempt find the stored message instead of
-- writing a second one) and marks the row sent or failed before it lets go of the lock.
CREATE TABLE scheduled_messages (
    id          BIGSERIAL PRIMARY KEY,
    room_id     BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    author_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    reply_to    BIGINT,
    attachments BIGINT[] NOT NULL DEFAULT '{}',
    client_id   VARCHAR(64) NOT NULL,
    send_at     TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    state       VARCHAR(16) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    sent_seq    BIGINT,
    failure     VARCHAR(32),
    finished_at TIMESTAMPTZ,
    CONSTRAINT scheduled_messages_author_client_key UNIQUE (author_id, client_id)
);
-- The sweep's question: what is due now.
CREATE INDEX scheduled_messages_due_idx ON scheduled_messages (send_at) WHERE state = 'pending';
-- The author's list, soonest first.
CREATE INDEX scheduled_messages_author_idx ON scheduled_messages (author_id, send_at);
