-- Row-level security and grants for the legal tables (issue 5), in the once-per-statement form of
-- 0017_rls_settings_once.sql (see 0001_rls.sql for what each policy means), and the trigram index
-- the conflict check searches party names with.
GRANT SELECT, INSERT, UPDATE, DELETE ON legal_matters, matter_parties, matter_events, matter_filings, matter_hearings, matter_checkins, matter_decisions, matter_deadlines, tickler_reminders, notifications, calendar_feeds, fee_schedules, poverty_guidelines, fee_settings, matter_charges, fee_waivers, matter_payments, staff_credentials, org_recognitions TO haven_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['legal_matters', 'matter_parties', 'matter_events', 'matter_filings', 'matter_hearings', 'matter_checkins',
    'matter_decisions', 'matter_deadlines', 'tickler_reminders', 'notifications', 'calendar_feeds', 'fee_schedules', 'poverty_guidelines',
    'fee_settings', 'matter_charges', 'fee_waivers', 'matter_payments', 'staff_credentials', 'org_recognitions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (org_id = (SELECT nullif(current_setting(''app.org_id'', true), '''')::uuid)) '
      'WITH CHECK (org_id = (SELECT nullif(current_setting(''app.org_id'', true), '''')::uuid))', t);
    EXECUTE format(
      'CREATE POLICY system_access ON %I USING ((SELECT current_setting(''app.system'', true) = ''on'' AND current_user <> ''haven_app'')) '
      'WITH CHECK ((SELECT current_setting(''app.system'', true) = ''on'' AND current_user <> ''haven_app''))', t);
  END LOOP;
END;
$$;
--> statement-breakpoint
CREATE INDEX matter_parties_search_trgm_idx ON matter_parties USING gin (search_name gin_trgm_ops);
