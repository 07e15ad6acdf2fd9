-- Issue 23, mail fixes: a verification link replaced by a newer one (or dropped with a change) keeps its row,
-- marked superseded, so that the mails of the last hour can be counted (the per-account limit) while the link
-- itself no longer works.
ALTER TABLE email_verifications ADD COLUMN superseded_at TIMESTAMPTZ;
