ALTER TABLE "workspaces" ADD COLUMN "currency" text DEFAULT 'HUF' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "email_sender_name" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "email_reply_to" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "trash_retention_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "deleted_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "datasheets" ADD CONSTRAINT "datasheets_deleted_by_user_id_users_id_fk" FOREIGN KEY ("deleted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
UPDATE "datasheets" SET "deleted_by_user_id" = "updated_by_user_id" WHERE "deleted_at" IS NOT NULL;
