CREATE TABLE "status_check_runs" (
	"module_id" uuid NOT NULL,
	"day" date NOT NULL,
	"ran_by_user_id" uuid,
	"moved" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_check_runs_module_id_day_pk" PRIMARY KEY("module_id","day")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "time_zone" text DEFAULT 'Europe/Budapest' NOT NULL;--> statement-breakpoint
ALTER TABLE "modules" ADD COLUMN "rule_settings" jsonb;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "sales_status" text;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "qualification" text;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "entry" text;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "open_todo_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "done_todo_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "latest_open_todo_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "subscribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "last_engaged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "datasheets" ADD COLUMN "unreachable_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "newsletter_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "newsletter_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "status_check_runs" ADD CONSTRAINT "status_check_runs_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "datasheets_sweep_contact_idx" ON "datasheets" USING btree ("module_id","status_id",coalesce("last_contact_at", "created_at")) WHERE "datasheets"."sales_status" = 'in_progress' and "datasheets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "datasheets_sweep_engaged_idx" ON "datasheets" USING btree ("module_id","status_id",greatest(coalesce("subscribed_at", "created_at"), "last_engaged_at")) WHERE "datasheets"."sales_status" is null and "datasheets"."entry" = 'subscriber' and "datasheets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "datasheets_sweep_customers_idx" ON "datasheets" USING btree ("module_id","status_id") WHERE "datasheets"."sales_status" = 'closed_won' and "datasheets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "invoices_datasheet_paid_idx" ON "invoices" USING btree ("datasheet_id","paid_at") WHERE "invoices"."paid_at" is not null;