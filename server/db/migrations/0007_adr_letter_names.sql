-- The ADR letter's kind no longer names a duration ('adr8Weeks' → 'adr': Ofcom's wait is 6 weeks since 8 April
-- 2026), and a customer's request for it is its own event ('adrLetterRequested', no longer 'deadlockRequested'
-- with data.kind 'adr8Weeks'). Stored cases, timelines, replayable answers and webhook deliveries not yet sent
-- are rewritten once, so the code reads one vocabulary (docs/decisions/0161-adr-letter-names.md).

-- A case's letters.
UPDATE cases
SET data = jsonb_set(
  data,
  '{letters}',
  (SELECT jsonb_agg(CASE WHEN l->>'kind' = 'adr8Weeks' THEN jsonb_set(l, '{kind}', '"adr"') ELSE l END ORDER BY i)
   FROM jsonb_array_elements(data->'letters') WITH ORDINALITY AS t(l, i))
)
WHERE data->'letters' @> '[{"kind": "adr8Weeks"}]';

-- Timeline events: the letter issued, and the customer's request for it.
UPDATE case_events
SET event = jsonb_set(event, '{data,kind}', '"adr"')
WHERE event->>'type' = 'letterIssued' AND event->'data'->>'kind' = 'adr8Weeks';

UPDATE case_events
SET event = jsonb_set(jsonb_set(event, '{type}', '"adrLetterRequested"'), '{data,kind}', '"adr"')
WHERE event->>'type' = 'deadlockRequested' AND event->'data'->>'kind' = 'adr8Weeks';

-- Deliveries not yet sent carry the event as it will be sent (the table exists only where 0061 ran already:
-- this migration's number is below it, so a new database runs this one first, with nothing to rewrite).
DO $$
BEGIN
  IF to_regclass('webhook_deliveries') IS NOT NULL THEN
    UPDATE webhook_deliveries
    SET payload = jsonb_set(jsonb_set(payload, '{event,data,kind}', '"adr"'), '{event,type}',
      CASE WHEN payload->>'type' = 'deadlockRequested' THEN '"adrLetterRequested"'::jsonb ELSE payload->'event'->'type' END)
    WHERE status = 'pending' AND payload->'event'->'data'->>'kind' = 'adr8Weeks';
    UPDATE webhook_deliveries
    SET payload = jsonb_set(payload, '{type}', payload->'event'->'type')
    WHERE status = 'pending' AND payload->>'type' <> payload->'event'->>'type';
  END IF;
END
$$;

-- Answers kept for an Idempotency-Key replay (a letter, or a case with its letters): a JSON string value
-- "adr8Weeks" (quotes included, so never a word inside someone's text, which JSON escapes as \"adr8Weeks\").
UPDATE idempotency
SET body = replace(body::text, '"adr8Weeks"', '"adr"')::jsonb
WHERE body::text LIKE '%"adr8Weeks"%';
