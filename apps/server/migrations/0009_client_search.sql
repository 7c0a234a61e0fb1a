-- Client search outside row-level security, behind functions that enforce the organization.
--
-- Why: under row-level security PostgreSQL may use an index only for leakproof operators, and
-- pg_trgm's similarity operators and array overlap are not leakproof, so a trigram or phone
-- search on `clients` as haven_app became a sequential scan of the whole organization. The
-- searchable keys are copied (by trigger) into client_search, which has no policies and no grant
-- to haven_app; haven_app reaches it only through the SECURITY DEFINER functions below, which
-- read the organization from the same setting the policies use and return ids and scores only.
-- Names and everything else are then read from `clients`, under its policies and the caller's
-- visibility rules.
-- Keyed by client id alone: with no b-tree index on org_id, the planner cannot prefer scanning
-- a whole organization to the trigram index, statistics or not (PGlite has no autovacuum).
CREATE TABLE client_search (
  client_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  search_name text NOT NULL,
  phone_keys text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX client_search_name_trgm_idx ON client_search USING gin (search_name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX client_search_phone_keys_idx ON client_search USING gin (phone_keys);
--> statement-breakpoint
REVOKE ALL ON client_search FROM PUBLIC;
--> statement-breakpoint
INSERT INTO client_search (org_id, client_id, search_name, phone_keys) SELECT org_id, id, search_name, phone_keys FROM clients;
--> statement-breakpoint
CREATE FUNCTION haven_sync_client_search() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO client_search (org_id, client_id, search_name, phone_keys)
  VALUES (NEW.org_id, NEW.id, NEW.search_name, NEW.phone_keys)
  ON CONFLICT (client_id) DO UPDATE SET search_name = EXCLUDED.search_name, phone_keys = EXCLUDED.phone_keys;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER clients_search_sync AFTER INSERT OR UPDATE OF search_name, phone_keys ON clients
FOR EACH ROW EXECUTE FUNCTION haven_sync_client_search();
--> statement-breakpoint
-- Ids of clients of the current organization whose names match `term` (already lower-cased and
-- stripped of accents by the application), best first. Every word of three letters or more must
-- be close to a word of the name (word similarity ≥ 0.4, so "Amna" finds "Amina"), or appear in
-- it; shorter entries match names that begin with them. The planner prices the similarity
-- operator as cheap and may prefer reading every row of the organization, which costs a
-- similarity computation per row: these functions search by index only (enable_seqscan off).
CREATE FUNCTION haven_search_client_names(term text, max_rows integer)
RETURNS TABLE (client_id uuid, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET pg_trgm.word_similarity_threshold = 0.4 SET enable_seqscan = off AS $$
DECLARE
  org uuid := nullif(current_setting('app.org_id', true), '')::uuid;
  prefix text := replace(replace(replace(btrim(term), '\', '\\'), '%', '\%'), '_', '\_');
  words text[];
  conditions text := '';
  word text;
BEGIN
  IF org IS NULL OR term IS NULL OR btrim(term) = '' THEN
    RETURN;
  END IF;
  words := ARRAY(SELECT w FROM unnest(regexp_split_to_array(btrim(term), '\s+')) AS w WHERE length(w) >= 3 LIMIT 4);
  IF cardinality(words) = 0 THEN
    RETURN QUERY
      SELECT s.client_id, 1::real FROM client_search s
       WHERE s.org_id = org AND (s.search_name LIKE prefix || '%' OR s.search_name LIKE '% ' || prefix || '%')
       LIMIT max_rows;
    RETURN;
  END IF;
  FOREACH word IN ARRAY words LOOP
    conditions := conditions || format(
      ' AND (%L <%% s.search_name OR s.search_name LIKE %L)',
      word,
      '%' || replace(replace(replace(word, '\', '\\'), '%', '\%'), '_', '\_') || '%'
    );
  END LOOP;
  RETURN QUERY EXECUTE format(
    'SELECT s.client_id, word_similarity($1, s.search_name) FROM client_search s WHERE s.org_id = $2%s ORDER BY 2 DESC, 1 LIMIT $3',
    conditions
  ) USING btrim(term), org, max_rows;
END
$$;
--> statement-breakpoint
-- Ids of clients of the current organization with any of these phone keys.
CREATE FUNCTION haven_search_client_phones(keys text[], max_rows integer)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET enable_seqscan = off AS $$
  SELECT s.client_id FROM client_search s
   WHERE s.org_id = nullif(current_setting('app.org_id', true), '')::uuid AND s.phone_keys && keys
   LIMIT max_rows;
$$;
--> statement-breakpoint
ANALYZE client_search;
