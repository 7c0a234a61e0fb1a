-- Row-level security: the second wall between organizations.
-- Tenant requests run as haven_app (SET LOCAL ROLE) with app.org_id set for the transaction;
-- a query that forgets its org filter still sees only that organization's rows.
-- System paths (sign-in, invitations by token, backup, audit verify) run as the table owner with
-- app.system = 'on', which the haven_app role can never use.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'haven_app') THEN
    CREATE ROLE haven_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT haven_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO haven_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, invitations, programs, offices, clients, client_assignments, outbox TO haven_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO haven_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON audit_heads TO haven_app;
--> statement-breakpoint
GRANT SELECT ON organizations TO haven_app;
--> statement-breakpoint
GRANT UPDATE (name, mfa_required, languages, default_locale, updated_at) ON organizations TO haven_app;
--> statement-breakpoint
-- Only what a colleague may see of a user: never password hashes or MFA secrets.
GRANT SELECT (id, email, display_name, locale, last_login_at, totp_enabled_at, created_at) ON users TO haven_app;
--> statement-breakpoint
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organizations TO haven_app USING (id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON memberships USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON memberships USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON invitations USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON invitations USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE programs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE programs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON programs USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON programs USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE offices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE offices FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON offices USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON offices USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON clients USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON clients USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE client_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE client_assignments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON client_assignments USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON client_assignments USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_events USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON audit_events USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE audit_heads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_heads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_heads USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON audit_heads USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON outbox USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON outbox USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
-- The audit log is append-only for everyone, the owner included.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
