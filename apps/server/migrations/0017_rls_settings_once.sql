-- The row-level policies read their settings once per statement instead of once per row: the
-- same conditions, with each current_setting() call wrapped in a scalar subquery, which PostgreSQL
-- evaluates once (an InitPlan). Scans of tens of thousands of rows (caseloads, the supervisor
-- dashboard, reports) spend most of their time in these checks otherwise. New tables' policies
-- use this form too (see 0001_rls.sql for what each policy means).
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = 'tenant_isolation' AND tablename <> 'organizations' LOOP
    EXECUTE format(
      'ALTER POLICY tenant_isolation ON %I USING (org_id = (SELECT nullif(current_setting(''app.org_id'', true), '''')::uuid)) '
      'WITH CHECK (org_id = (SELECT nullif(current_setting(''app.org_id'', true), '''')::uuid))', t);
  END LOOP;
  FOR t IN SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = 'system_access' LOOP
    EXECUTE format(
      'ALTER POLICY system_access ON %I USING ((SELECT current_setting(''app.system'', true) = ''on'' AND current_user <> ''haven_app'')) '
      'WITH CHECK ((SELECT current_setting(''app.system'', true) = ''on'' AND current_user <> ''haven_app''))', t);
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER POLICY tenant_isolation ON organizations USING (id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK (id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
