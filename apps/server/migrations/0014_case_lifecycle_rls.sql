-- Row-level security and grants for the case lifecycle tables (see 0001_rls.sql), and the rule
-- that a signed case note is never changed or removed (only moved to the surviving client of a
-- merge): corrections are addenda, which are append-only.
GRANT SELECT, INSERT, UPDATE, DELETE ON cases, case_events, assessment_instruments, assessments, plans, case_notes, case_note_addenda, case_services, case_budgets, disbursements, risk_flags, tasks, case_reviews TO haven_app;
--> statement-breakpoint
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cases FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON cases USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON cases USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_events USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON case_events USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE assessment_instruments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE assessment_instruments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON assessment_instruments USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON assessment_instruments USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE assessments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON assessments USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON assessments USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE plans ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plans FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON plans USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON plans USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE case_notes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_notes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_notes USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON case_notes USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE case_note_addenda ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_note_addenda FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_note_addenda USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON case_note_addenda USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE case_services ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_services FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_services USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON case_services USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE case_budgets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_budgets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_budgets USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON case_budgets USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE disbursements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE disbursements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON disbursements USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON disbursements USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE risk_flags ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_flags FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON risk_flags USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON risk_flags USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tasks USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON tasks USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
ALTER TABLE case_reviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_reviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_reviews USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON case_reviews USING (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app') WITH CHECK (current_setting('app.system', true) = 'on' AND current_user <> 'haven_app');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION haven_signed_note_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'signed' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  -- A merge of duplicate clients moves a signed note to the surviving record: nothing else may change.
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'client_id') = (to_jsonb(OLD) - 'client_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a signed case note cannot be changed' USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_notes_signed_immutable BEFORE UPDATE OR DELETE ON case_notes FOR EACH ROW EXECUTE FUNCTION haven_signed_note_immutable();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION haven_addendum_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a case note addendum cannot be changed' USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_note_addenda_append_only BEFORE UPDATE OR DELETE ON case_note_addenda FOR EACH ROW EXECUTE FUNCTION haven_addendum_append_only();
