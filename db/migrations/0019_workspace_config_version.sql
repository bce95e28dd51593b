CREATE TABLE "workspace_config_versions" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspace_config_versions" ADD CONSTRAINT "workspace_config_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A change of what the configuration cache holds raises its workspace's version when it commits
-- (deferred: the version row is every transaction's last lock, after the workspace and module rows
-- lib/modules/scope.ts takes first). A workspace being deleted has nothing left to version.
CREATE FUNCTION "public"."bump_workspace_config_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed uuid;
BEGIN
  IF TG_TABLE_NAME = 'workspaces' THEN
    changed := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    changed := OLD.workspace_id;
  ELSE
    changed := NEW.workspace_id;
  END IF;
  INSERT INTO "public"."workspace_config_versions" AS v ("workspace_id", "version")
  SELECT w."id", 1 FROM "public"."workspaces" w WHERE w."id" = changed
  ON CONFLICT ("workspace_id") DO UPDATE SET "version" = v."version" + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "modules_config_version" AFTER INSERT OR UPDATE OR DELETE ON "modules" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_workspace_config_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "status_groups_config_version" AFTER INSERT OR UPDATE OR DELETE ON "status_groups" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_workspace_config_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "statuses_config_version" AFTER INSERT OR UPDATE OR DELETE ON "statuses" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_workspace_config_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "fields_config_version" AFTER INSERT OR UPDATE OR DELETE ON "fields" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_workspace_config_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "field_options_config_version" AFTER INSERT OR UPDATE OR DELETE ON "field_options" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_workspace_config_version"();
--> statement-breakpoint
-- Of the workspace, its time zone: a list's date filters count its days.
CREATE CONSTRAINT TRIGGER "workspaces_config_version" AFTER UPDATE OF "time_zone" ON "workspaces" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD."time_zone" IS DISTINCT FROM NEW."time_zone")
  EXECUTE FUNCTION "public"."bump_workspace_config_version"();
--> statement-breakpoint
-- Of a user, only what the team in the cache holds: signing in, visits and passwords change nothing.
CREATE CONSTRAINT TRIGGER "users_config_version" AFTER INSERT OR DELETE ON "users" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_workspace_config_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "users_config_version_update" AFTER UPDATE OF "family_name", "given_name", "is_active", "avatar_updated_at" ON "users" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD."family_name" IS DISTINCT FROM NEW."family_name" OR OLD."given_name" IS DISTINCT FROM NEW."given_name" OR OLD."is_active" IS DISTINCT FROM NEW."is_active" OR OLD."avatar_updated_at" IS DISTINCT FROM NEW."avatar_updated_at")
  EXECUTE FUNCTION "public"."bump_workspace_config_version"();
