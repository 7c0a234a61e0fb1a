DROP INDEX "clients_search_name_trgm_idx";--> statement-breakpoint
DROP INDEX "clients_phone_keys_idx";