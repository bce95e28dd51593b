ALTER TABLE "datasheets" ADD COLUMN "updated_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "updated_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "updated_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "datasheets" ADD CONSTRAINT "datasheets_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "todos" ADD CONSTRAINT "todos_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "businesses" ADD CONSTRAINT "businesses_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;