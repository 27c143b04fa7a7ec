-- Issue 20.4's sweep (src/core/retention.ts): a provider's pending uploads (on no case yet) by age. created_at
-- is now written from the upload's own time (meta.uploadedAt, on the back office's clock), which the sweep compares.
CREATE INDEX attachments_pending ON attachments (provider_id, created_at) WHERE case_ref IS NULL;
