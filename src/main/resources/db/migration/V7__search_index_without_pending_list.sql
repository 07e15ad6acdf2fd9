-- A GIN index with fastupdate collects new entries in a pending list and merges them into the index inside
-- whichever insert finds the list full: every few seconds at 500 messages/s, one message writer commit then
-- waited hundreds of milliseconds (fan-out p99 136 ms instead of 48 ms, docs/benchmarks.md). Without it each
-- insert updates the index itself: a little more work per message, no stalls.
ALTER INDEX messages_search_idx SET (fastupdate = off);
