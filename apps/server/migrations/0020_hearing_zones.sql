-- Hearings and check-ins keep the zone they were scheduled in (the court's or the office's), so a
-- 9:00 hearing in Chicago is shown, reminded and put in calendar feeds as 9:00 Chicago time.
-- Rows scheduled before this column existed take the zone their scheduling event recorded, else
-- the organization's.
SELECT set_config('app.system', 'on', true);
--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD COLUMN "time_zone" text;
--> statement-breakpoint
ALTER TABLE "matter_checkins" ADD COLUMN "time_zone" text;
--> statement-breakpoint
UPDATE "matter_hearings" h SET "time_zone" = coalesce(
  (SELECT e.data ->> 'timeZone' FROM "matter_events" e
    WHERE e.org_id = h.org_id AND e.matter_id = h.matter_id AND e.data ->> 'hearingId' = h.id::text AND e.data ? 'timeZone'
    ORDER BY e.occurred_at DESC LIMIT 1),
  (SELECT o.time_zone FROM "organizations" o WHERE o.id = h.org_id));
--> statement-breakpoint
UPDATE "matter_checkins" c SET "time_zone" = coalesce(
  (SELECT e.data ->> 'timeZone' FROM "matter_events" e
    WHERE e.org_id = c.org_id AND e.matter_id = c.matter_id AND e.data ->> 'checkinId' = c.id::text AND e.data ? 'timeZone'
    ORDER BY e.occurred_at DESC LIMIT 1),
  (SELECT o.time_zone FROM "organizations" o WHERE o.id = c.org_id));
--> statement-breakpoint
ALTER TABLE "matter_hearings" ALTER COLUMN "time_zone" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "matter_checkins" ALTER COLUMN "time_zone" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "staff_credentials" ADD COLUMN "renewal_filed_on" date;
