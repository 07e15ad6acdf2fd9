-- Search filters (issue 22, item 8): a filter alone (no word to look up in the GIN index) must not walk the whole
-- history newest first looking for its few matches (docs/benchmarks.md, "Search with filters").
-- from: the author's messages newest first.
CREATE INDEX messages_author_idx ON messages (author_id, id);
-- before:/after:/on: a span's messages newest first (MessageSearch orders by sent_at, id when a date filter is given).
CREATE INDEX messages_sent_at_idx ON messages (sent_at, id);
-- has:link: the few messages with a link, newest first (the predicate is SearchConditions' own condition).
CREATE INDEX messages_link_idx ON messages (id) WHERE text ~* 'https?://';
-- is:thread: replies and roots with replies, newest first (the predicate is SearchConditions' own condition; V11's
-- messages_thread_idx pages one thread and does not cover roots).
CREATE INDEX messages_in_thread_idx ON messages (id) WHERE thread_seq IS NOT NULL OR thread_replies > 0;
