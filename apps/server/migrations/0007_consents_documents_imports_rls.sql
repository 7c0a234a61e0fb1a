-- Row-level security and grants for documents, consents and client imports (see 0001_rls.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON documents, consents, client_imports TO haven_app;
--> statement-breakpoint
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON documents USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON documents USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON consents USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON consents USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE client_imports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE client_imports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON client_imports USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON client_imports USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
