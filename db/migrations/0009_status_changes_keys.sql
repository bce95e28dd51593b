ALTER TABLE "status_changes" DROP CONSTRAINT "status_changes_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "status_changes" DROP CONSTRAINT "status_changes_module_id_modules_id_fk";
--> statement-breakpoint
CREATE INDEX "datasheets_trashed_idx" ON "datasheets" USING btree ("workspace_id","id") WHERE "datasheets"."deleted_at" is not null;