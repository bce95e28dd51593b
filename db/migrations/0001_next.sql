CREATE TYPE "public"."job_run_status" AS ENUM('queued', 'running', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."module_kind" AS ENUM('sales_auto', 'sales_manual', 'customer_service', 'projects', 'empty');--> statement-breakpoint
CREATE TYPE "public"."field_type" AS ENUM('text', 'long_text', 'number', 'money', 'date', 'datetime', 'single_select', 'multi_select', 'checkbox', 'email', 'phone', 'url', 'user');--> statement-breakpoint
CREATE TABLE "cron_ticks" (
	"function_id" text NOT NULL,
	"tick_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cron_ticks_function_id_tick_at_pk" PRIMARY KEY("function_id","tick_at")
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"outbox_event_id" uuid,
	"function_id" text NOT NULL,
	"workspace_id" uuid,
	"status" "job_run_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"scheduled_for" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_runs_event_function_key" UNIQUE("outbox_event_id","function_id")
);
--> statement-breakpoint
CREATE TABLE "job_steps" (
	"run_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"output" jsonb,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_steps_run_id_step_id_pk" PRIMARY KEY("run_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"deliver_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "modules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "module_kind" NOT NULL,
	"position" text COLLATE "C" NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"position" text COLLATE "C" NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"color" text NOT NULL,
	"position" text COLLATE "C" NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"field_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"position" text COLLATE "C" NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"type" "field_type" NOT NULL,
	"help_text" text DEFAULT '' NOT NULL,
	"is_required" boolean DEFAULT false NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"position" text COLLATE "C" NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasheet_values" (
	"workspace_id" uuid NOT NULL,
	"datasheet_id" uuid NOT NULL,
	"field_id" uuid NOT NULL,
	"ordinal" smallint DEFAULT 0 NOT NULL,
	"text_value" text,
	"long_text_value" text,
	"number_value" numeric,
	"date_value" date,
	"timestamp_value" timestamp with time zone,
	"bool_value" boolean,
	"currency" text,
	CONSTRAINT "datasheet_values_pkey" PRIMARY KEY("datasheet_id","field_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "datasheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"status_id" uuid NOT NULL,
	"responsible_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_outbox_event_id_outbox_events_id_fk" FOREIGN KEY ("outbox_event_id") REFERENCES "public"."outbox_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_steps" ADD CONSTRAINT "job_steps_run_id_job_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."job_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_groups" ADD CONSTRAINT "status_groups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_groups" ADD CONSTRAINT "status_groups_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statuses" ADD CONSTRAINT "statuses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statuses" ADD CONSTRAINT "statuses_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statuses" ADD CONSTRAINT "statuses_group_id_status_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."status_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_options" ADD CONSTRAINT "field_options_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_options" ADD CONSTRAINT "field_options_field_id_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fields" ADD CONSTRAINT "fields_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fields" ADD CONSTRAINT "fields_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasheet_values" ADD CONSTRAINT "datasheet_values_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasheet_values" ADD CONSTRAINT "datasheet_values_datasheet_id_datasheets_id_fk" FOREIGN KEY ("datasheet_id") REFERENCES "public"."datasheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasheet_values" ADD CONSTRAINT "datasheet_values_field_id_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasheets" ADD CONSTRAINT "datasheets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasheets" ADD CONSTRAINT "datasheets_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasheets" ADD CONSTRAINT "datasheets_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasheets" ADD CONSTRAINT "datasheets_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_runs_due_idx" ON "job_runs" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "job_runs_workspace_idx" ON "job_runs" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_events_due_idx" ON "outbox_events" USING btree ("deliver_at") WHERE dispatched_at is null;--> statement-breakpoint
CREATE INDEX "outbox_events_dispatched_idx" ON "outbox_events" USING btree ("dispatched_at");--> statement-breakpoint
CREATE INDEX "modules_workspace_position_idx" ON "modules" USING btree ("workspace_id","position","id");--> statement-breakpoint
CREATE UNIQUE INDEX "status_groups_module_key_key" ON "status_groups" USING btree ("module_id","key");--> statement-breakpoint
CREATE INDEX "status_groups_module_position_idx" ON "status_groups" USING btree ("module_id","position","id");--> statement-breakpoint
CREATE UNIQUE INDEX "statuses_module_key_key" ON "statuses" USING btree ("module_id","key");--> statement-breakpoint
CREATE INDEX "statuses_group_position_idx" ON "statuses" USING btree ("group_id","position","id");--> statement-breakpoint
CREATE INDEX "statuses_module_idx" ON "statuses" USING btree ("module_id");--> statement-breakpoint
CREATE UNIQUE INDEX "field_options_field_key_key" ON "field_options" USING btree ("field_id","key");--> statement-breakpoint
CREATE INDEX "field_options_field_position_idx" ON "field_options" USING btree ("field_id","position","id");--> statement-breakpoint
CREATE UNIQUE INDEX "fields_module_key_key" ON "fields" USING btree ("module_id","key");--> statement-breakpoint
CREATE INDEX "fields_module_position_idx" ON "fields" USING btree ("module_id","position","id");--> statement-breakpoint
CREATE INDEX "datasheet_values_field_idx" ON "datasheet_values" USING btree ("field_id","datasheet_id");--> statement-breakpoint
CREATE INDEX "datasheet_values_text_idx" ON "datasheet_values" USING btree ("field_id","text_value","datasheet_id") WHERE "datasheet_values"."text_value" is not null;--> statement-breakpoint
CREATE INDEX "datasheet_values_number_idx" ON "datasheet_values" USING btree ("field_id","number_value","datasheet_id") WHERE "datasheet_values"."number_value" is not null;--> statement-breakpoint
CREATE INDEX "datasheet_values_date_idx" ON "datasheet_values" USING btree ("field_id","date_value","datasheet_id") WHERE "datasheet_values"."date_value" is not null;--> statement-breakpoint
CREATE INDEX "datasheet_values_timestamp_idx" ON "datasheet_values" USING btree ("field_id","timestamp_value","datasheet_id") WHERE "datasheet_values"."timestamp_value" is not null;--> statement-breakpoint
CREATE INDEX "datasheet_values_bool_idx" ON "datasheet_values" USING btree ("field_id","bool_value","datasheet_id") WHERE "datasheet_values"."bool_value" is not null;--> statement-breakpoint
CREATE INDEX "datasheets_workspace_module_status_idx" ON "datasheets" USING btree ("workspace_id","module_id","status_id");--> statement-breakpoint
CREATE INDEX "datasheets_status_idx" ON "datasheets" USING btree ("status_id");