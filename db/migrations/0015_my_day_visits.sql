ALTER TABLE "users" ADD COLUMN "my_day_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "my_day_previous_seen_at" timestamp with time zone;