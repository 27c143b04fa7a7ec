-- The staff queue on the server (docs/decisions/0170-staff-queue-on-the-server.md): what the queue orders,
-- filters, counts and searches by, stored beside each case when it is written (src/core/staff-queue.ts
-- queueKeysOf). A due date depends on the case only, never on when it is asked; the time-dependent filters
-- (overdue, due today, within two working days, ADR letter due) compare these instants with bounds the core
-- computes from the procedure's calendar.

ALTER TABLE cases
  -- open and not referred to the scheme
  ADD COLUMN in_queue boolean NOT NULL DEFAULT false,
  -- the ADR letter's due date while it is still owed (a complaint with no deadlock or ADR letter yet)
  ADD COLUMN adr_letter_due_at timestamptz,
  -- the earlier of next_deadline_at and adr_letter_due_at: the queue's order (none: last)
  ADD COLUMN queue_at timestamptz,
  ADD COLUMN assignee_id text,
  ADD COLUMN support_needs boolean NOT NULL DEFAULT false,
  ADD COLUMN category text,
  -- ' ' || normaliseForSearch(name organisation email): ' ' || token finds the start of a word
  ADD COLUMN staff_search text NOT NULL DEFAULT '',
  -- the version of queueKeysOf that wrote the columns above; NULL: written before them, filled in at start-up
  ADD COLUMN queue_keys_version smallint;

-- The queue's order, per provider, over the cases in it; the columns the filters and counts read ride along, so
-- a page and the counts are read from the index.
CREATE INDEX cases_staff_queue ON cases (provider_id, queue_at, reference COLLATE "C")
  INCLUDE (next_deadline_at, adr_letter_due_at, assignee_id, status, stage_id, category, support_needs)
  WHERE in_queue;
CREATE INDEX cases_queue_keys_missing ON cases (reference) WHERE queue_keys_version IS NULL;
