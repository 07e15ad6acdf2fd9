-- Read receipts (issue 22, item 3): whether a user shares their read marks with the other members of small rooms
-- ("Seen by …"). On by default; off, the user is listed as nobody's reader and sees nobody's receipts either.
-- The receipts themselves are the read marks that exist: memberships.last_read_seq.
ALTER TABLE users ADD COLUMN share_read_receipts BOOLEAN NOT NULL DEFAULT TRUE;
