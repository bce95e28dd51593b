CREATE TABLE "automation_view_matches" (
	"workspace_id" uuid NOT NULL,
	"automation_id" uuid NOT NULL,
	"datasheet_id" uuid NOT NULL,
	"trigger_key" text NOT NULL,
	"matched_on" date NOT NULL,
	"matched_at" timestamp with time zone NOT NULL,
	"first_matched_at" timestamp with time zone NOT NULL,
	"times" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "automation_view_matches_automation_id_datasheet_id_pk" PRIMARY KEY("automation_id","datasheet_id")
);
--> statement-breakpoint
ALTER TABLE "automations" ADD COLUMN "last_check_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "automation_view_matches" ADD CONSTRAINT "automation_view_matches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_view_matches" ADD CONSTRAINT "automation_view_matches_automation_id_automations_id_fk" FOREIGN KEY ("automation_id") REFERENCES "public"."automations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_view_matches" ADD CONSTRAINT "automation_view_matches_datasheet_id_datasheets_id_fk" FOREIGN KEY ("datasheet_id") REFERENCES "public"."datasheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automations_active_view_idx" ON "automations" USING btree ("workspace_id") WHERE "automations"."trigger" = 'view_matched' and "automations"."activated_at" is not null and "automations"."deleted_at" is null;