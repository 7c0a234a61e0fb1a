-- Row-level security and grants for the client registry tables (see 0001_rls.sql for the model).
GRANT SELECT, INSERT, UPDATE, DELETE ON client_identifiers, households, household_members TO haven_app;
--> statement-breakpoint
ALTER TABLE client_identifiers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE client_identifiers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON client_identifiers USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON client_identifiers USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE households ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE households FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON households USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON households USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE household_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE household_members FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON household_members USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON household_members USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
-- Records made before search_name existed: plain names are already in search form.
UPDATE clients SET search_name = lower(given_name || ' ' || family_name) WHERE search_name = '';
