ALTER TABLE "status_changes" ADD COLUMN "actor_system" text;--> statement-breakpoint
-- Status changes are stored once, in status_changes: a `status_changed` history entry without its
-- twin there becomes one, then the history entries go (each one now has its row in status_changes).
INSERT INTO "status_changes" ("workspace_id", "datasheet_id", "module_id", "from_status_id", "to_status_id", "from_key", "to_key", "reason", "facts", "actor_user_id", "at")
SELECT h."workspace_id", h."datasheet_id", d."module_id", (h."data"->>'fromStatusId')::uuid, (h."data"->>'toStatusId')::uuid,
  h."data"->>'fromKey', coalesce(h."data"->>'toKey', ''), coalesce(h."data"->>'reason', 'manual'), '{}'::jsonb, h."author_user_id", h."occurred_at"
FROM "history_entries" h JOIN "datasheets" d ON d."id" = h."datasheet_id"
WHERE h."kind" = 'status_changed' AND h."data" ? 'toStatusId'
  AND NOT EXISTS (
    SELECT 1 FROM "status_changes" c
    WHERE c."datasheet_id" = h."datasheet_id" AND c."at" = h."occurred_at" AND c."to_status_id" = (h."data"->>'toStatusId')::uuid
  );
--> statement-breakpoint
DELETE FROM "history_entries" h
WHERE h."kind" = 'status_changed' AND EXISTS (
  SELECT 1 FROM "status_changes" c
  WHERE c."datasheet_id" = h."datasheet_id" AND c."at" = h."occurred_at" AND c."to_status_id" = (h."data"->>'toStatusId')::uuid
);
