-- Row-level security and grants for intakes, exception requests and enrollments (see 0001_rls.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON intakes, exception_requests, enrollments TO haven_app;
--> statement-breakpoint
GRANT UPDATE (time_zone) ON organizations TO haven_app;
--> statement-breakpoint
ALTER TABLE intakes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE intakes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON intakes USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON intakes USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE exception_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exception_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exception_requests USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON exception_requests USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE enrollments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE enrollments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON enrollments USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON enrollments USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
