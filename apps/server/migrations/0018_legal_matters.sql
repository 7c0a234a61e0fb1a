CREATE TABLE "calendar_feeds" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"show_full_names" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_fetched_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "fee_schedules" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"matter_type" text,
	"amount_cents" integer NOT NULL,
	"sliding_scale" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_schedules_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "fee_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"region" text DEFAULT 'contiguous' NOT NULL,
	"bands" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_waivers" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"charge_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_waivers_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "legal_matters" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"client_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'screening' NOT NULL,
	"representative_id" uuid,
	"supervising_attorney_id" uuid,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"acceptance" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"agreement" jsonb,
	"closing" jsonb,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"retention_until" date,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_matters_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_charges" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"fee_schedule_id" uuid,
	"description" text NOT NULL,
	"full_cents" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"household_size" integer,
	"annual_income_cents" bigint,
	"poverty_percent" integer,
	"fee_percent" integer,
	"guideline_year" integer,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_charges_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_checkins" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"agency" text NOT NULL,
	"location" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"outcome" text,
	"responsible_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"escalated_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_checkins_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_deadlines" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"source" text NOT NULL,
	"rule_id" text,
	"rule_version" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"citation" text,
	"explanation" text,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"met_by_filing_id" uuid,
	"responsible_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"escalated_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_deadlines_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_decisions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"body" text NOT NULL,
	"outcome" text NOT NULL,
	"decided_on" date NOT NULL,
	"final_on" date,
	"relief" text,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_decisions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_events" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "matter_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_filings" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"form" text NOT NULL,
	"filed_with" text NOT NULL,
	"filed_on" date NOT NULL,
	"received_on" date,
	"receipt_number_sealed" text,
	"receipt_number_last4" text,
	"fee_cents" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'filed' NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_filings_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_hearings" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"court" text NOT NULL,
	"judge" text,
	"hearing_type" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"outcome" text,
	"responsible_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"escalated_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_hearings_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_parties" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"date_of_birth" date,
	"relationship" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_parties_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_payments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"receipt_number" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"method" text NOT NULL,
	"received_on" date NOT NULL,
	"received_by" uuid NOT NULL,
	"note" text,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_payments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "org_recognitions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid,
	"recognized_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_recognitions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "poverty_guidelines" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"region" text NOT NULL,
	"first_person_cents" integer NOT NULL,
	"additional_person_cents" integer NOT NULL,
	"effective_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poverty_guidelines_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "staff_credentials" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"bar_state" text,
	"bar_number" text,
	"bar_status" text,
	"accreditation_level" text,
	"expires_on" date,
	"supervising_attorney" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_credentials_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "tickler_reminders" (
	"org_id" uuid NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"step" text NOT NULL,
	"user_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickler_reminders_org_id_item_kind_item_id_step_user_id_pk" PRIMARY KEY("org_id","item_kind","item_id","step","user_id")
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "legal_settings" jsonb;--> statement-breakpoint
ALTER TABLE "fee_waivers" ADD CONSTRAINT "fee_waivers_org_id_charge_id_matter_charges_org_id_id_fk" FOREIGN KEY ("org_id","charge_id") REFERENCES "public"."matter_charges"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_matters" ADD CONSTRAINT "legal_matters_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_matters" ADD CONSTRAINT "legal_matters_org_id_client_id_clients_org_id_id_fk" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_matters" ADD CONSTRAINT "legal_matters_org_id_program_id_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."programs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_charges" ADD CONSTRAINT "matter_charges_org_id_matter_id_legal_matters_org_id_id_fk" FOREIGN KEY ("org_id","matter_id") REFERENCES "public"."legal_matters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_checkins" ADD CONSTRAINT "matter_checkins_org_id_matter_id_legal_matters_org_id_id_fk" FOREIGN KEY ("org_id","matter_id") REFERENCES "public"."legal_matters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_deadlines" ADD CONSTRAINT "matter_deadlines_org_id_matter_id_legal_matters_org_id_id_fk" FOREIGN KEY ("org_id","matter_id") REFERENCES "public"."legal_matters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_decisions" ADD CONSTRAINT "matter_decisions_org_id_matter_id_legal_matters_org_id_id_fk" FOREIGN KEY ("org_id","matter_id") REFERENCES "public"."legal_matters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_events" ADD CONSTRAINT "matter_events_org_id_matter_id_legal_matters_org_id_id_fk" FOREIGN KEY ("org_id","matter_id") REFERENCES "public"."legal_matters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_filings" ADD CONSTRAINT "matter_filings_org_id_matter_id_legal_matters_org_id_id_fk" FOREIGN KEY ("org_id","matter_id") REFERENCES "public"."legal_matters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD CONSTRAINT "matter_hearings_org_id_matter_id_legal_matters_org_id_id_fk" FOREIGN KEY ("org_id","matter_id") REFERENCES "public"."legal_matters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_parties" ADD CONSTRAINT "matter_parties_org_id_matter_id_legal_matters_org_id_id_fk" FOREIGN KEY ("org_id","matter_id") REFERENCES "public"."legal_matters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_payments" ADD CONSTRAINT "matter_payments_org_id_matter_id_legal_matters_org_id_id_fk" FOREIGN KEY ("org_id","matter_id") REFERENCES "public"."legal_matters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_user_idx" ON "calendar_feeds" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_schedules_code_key" ON "fee_schedules" USING btree ("org_id","code");--> statement-breakpoint
CREATE INDEX "fee_waivers_matter_idx" ON "fee_waivers" USING btree ("org_id","matter_id");--> statement-breakpoint
CREATE INDEX "fee_waivers_status_idx" ON "fee_waivers" USING btree ("org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_matters_org_reference_key" ON "legal_matters" USING btree ("org_id","reference");--> statement-breakpoint
CREATE INDEX "legal_matters_client_idx" ON "legal_matters" USING btree ("org_id","client_id");--> statement-breakpoint
CREATE INDEX "legal_matters_representative_idx" ON "legal_matters" USING btree ("org_id","representative_id","status");--> statement-breakpoint
CREATE INDEX "legal_matters_program_idx" ON "legal_matters" USING btree ("org_id","program_id","status");--> statement-breakpoint
CREATE INDEX "matter_charges_matter_idx" ON "matter_charges" USING btree ("org_id","matter_id");--> statement-breakpoint
CREATE INDEX "matter_checkins_matter_idx" ON "matter_checkins" USING btree ("org_id","matter_id","starts_at");--> statement-breakpoint
CREATE INDEX "matter_checkins_responsible_idx" ON "matter_checkins" USING btree ("org_id","responsible_id","status","starts_at");--> statement-breakpoint
CREATE INDEX "matter_checkins_starts_idx" ON "matter_checkins" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "matter_deadlines_rule_key" ON "matter_deadlines" USING btree ("org_id","matter_id","rule_id");--> statement-breakpoint
CREATE INDEX "matter_deadlines_matter_idx" ON "matter_deadlines" USING btree ("org_id","matter_id","due_on");--> statement-breakpoint
CREATE INDEX "matter_deadlines_responsible_idx" ON "matter_deadlines" USING btree ("org_id","responsible_id","status","due_on");--> statement-breakpoint
CREATE INDEX "matter_deadlines_due_idx" ON "matter_deadlines" USING btree ("org_id","status","due_on");--> statement-breakpoint
CREATE INDEX "matter_decisions_matter_idx" ON "matter_decisions" USING btree ("org_id","matter_id","decided_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "matter_events_matter_idx" ON "matter_events" USING btree ("org_id","matter_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "matter_filings_matter_idx" ON "matter_filings" USING btree ("org_id","matter_id","filed_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "matter_hearings_matter_idx" ON "matter_hearings" USING btree ("org_id","matter_id","starts_at");--> statement-breakpoint
CREATE INDEX "matter_hearings_responsible_idx" ON "matter_hearings" USING btree ("org_id","responsible_id","status","starts_at");--> statement-breakpoint
CREATE INDEX "matter_hearings_starts_idx" ON "matter_hearings" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE INDEX "matter_parties_matter_idx" ON "matter_parties" USING btree ("org_id","matter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matter_payments_receipt_key" ON "matter_payments" USING btree ("org_id","receipt_number");--> statement-breakpoint
CREATE INDEX "matter_payments_matter_idx" ON "matter_payments" USING btree ("org_id","matter_id","received_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("org_id","user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "org_recognitions_expiry_idx" ON "org_recognitions" USING btree ("org_id","expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "poverty_guidelines_year_key" ON "poverty_guidelines" USING btree ("org_id","year","region");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_credentials_user_kind_key" ON "staff_credentials" USING btree ("org_id","user_id","kind");--> statement-breakpoint
CREATE INDEX "staff_credentials_expiry_idx" ON "staff_credentials" USING btree ("org_id","expires_on");