DROP INDEX "datasheets_status_idx";--> statement-breakpoint
CREATE INDEX "datasheets_status_idx" ON "datasheets" USING btree ("status_id","id");