-- plans.open_goal_due_on: the earliest due date among the plan's open goals, derived from the goals
-- JSON on every write, so the supervisor dashboard finds plans past due with a date comparison.
CREATE OR REPLACE FUNCTION haven_plan_open_goal_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.open_goal_due_on := (
    SELECT min((goal->>'dueOn')::date) FROM jsonb_array_elements(NEW.goals) AS goal WHERE goal->>'status' = 'open'
  );
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plans_open_goal_due BEFORE INSERT OR UPDATE OF goals ON plans FOR EACH ROW EXECUTE FUNCTION haven_plan_open_goal_due();
--> statement-breakpoint
-- The backfill crosses organizations: the system setting the row-level policies allow (0001_rls.sql).
SELECT set_config('app.system', 'on', true);
--> statement-breakpoint
UPDATE plans SET open_goal_due_on = (
  SELECT min((goal->>'dueOn')::date) FROM jsonb_array_elements(plans.goals) AS goal WHERE goal->>'status' = 'open'
);
