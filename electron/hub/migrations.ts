/**
 * The hub's schema, as numbered migrations. Every hub node runs `migrate()` at start: all pending
 * migrations in ONE transaction under an advisory lock, so several nodes starting together on one
 * PostgreSQL apply each migration exactly once, and a failure leaves the database as it was.
 *
 * Never edit a migration that has shipped; add the next number.
 */
import type { SqlClient } from './sql';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Any constant will do; every hub node must use the same one ("okie" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x6f6b6965;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, stamps, tokens, number leases',
    sql: `
      -- The stamp counter: one row. A writer takes stamps by updating it, and that row lock is held
      -- until COMMIT, so stamps are handed out strictly in commit order (see store.ts).
      CREATE TABLE hub_stamp (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        value bigint NOT NULL
      );
      INSERT INTO hub_stamp (id, value) VALUES (true, 0);

      -- The current state of every replicated document; a deleted one stays as a tombstone.
      CREATE TABLE documents (
        collection text NOT NULL,
        id text NOT NULL,
        data jsonb NOT NULL,
        deleted boolean NOT NULL,
        stamp bigint NOT NULL UNIQUE,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (collection, id)
      );
      CREATE INDEX documents_collection_stamp ON documents (collection, stamp);
      CREATE INDEX documents_tombstones ON documents (updated_at) WHERE deleted;
      -- The waiting-room board reads today's tickets.
      CREATE INDEX documents_ticket_day ON documents ((data->>'day')) WHERE collection = 'tickets' AND NOT deleted;

      CREATE TABLE tokens (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE,
        slot int NOT NULL UNIQUE CHECK (slot BETWEEN 1 AND 99),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );

      -- next: the next number to hand out for that day and service (1..999, then 100001 up).
      CREATE TABLE number_leases (
        day text NOT NULL,
        service text NOT NULL,
        next int NOT NULL,
        PRIMARY KEY (day, service)
      );
      CREATE TABLE number_lease_grants (
        id bigserial PRIMARY KEY,
        day text NOT NULL,
        service text NOT NULL,
        first_number int NOT NULL,
        last_number int NOT NULL,
        token_id int REFERENCES tokens (id),
        granted_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX number_lease_grants_day ON number_lease_grants (day, service);
    `,
  },
  {
    version: 2,
    name: 'call-next requests remembered, so a retried call returns the same visitor',
    sql: `
      CREATE TABLE call_requests (
        request_id text PRIMARY KEY,
        ticket_id text,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX call_requests_created ON call_requests (created_at);
    `,
  },
  {
    version: 3,
    name: 'sync epoch: a new database, or a restored one, makes workstations send everything again',
    sql: `
      -- restored_on: the office day of the last after-restore (null: never); number leases of that
      -- day that this database has no record of start past anything the lost timeline leased.
      CREATE TABLE hub_sync_epoch (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        value text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        restored_on text
      );
      INSERT INTO hub_sync_epoch (id, value) VALUES (true, gen_random_uuid()::text);
    `,
  },
  {
    version: 4,
    name: 'people and doors: token kinds, accounts, sessions',
    sql: `
      -- A token enrolled before kinds existed keeps kind NULL and its old rights until an admin
      -- gives it one (npm run hub -- token kind <name> <kind>); see README "Upgrading".
      ALTER TABLE tokens ADD COLUMN kind text CHECK (kind IN ('kiosk', 'counter', 'board', 'supervisor'));

      -- login is stored lower-case. verifier: Argon2id PHC string (null for a directory account).
      -- changed_at moves with every change a workstation's offline cache must learn (disable, roles).
      CREATE TABLE users (
        id serial PRIMARY KEY,
        login text NOT NULL UNIQUE CHECK (login = lower(login)),
        display_name text NOT NULL,
        roles text[] NOT NULL,
        services text[],
        active boolean NOT NULL DEFAULT true,
        source text NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'directory')),
        verifier text,
        must_change boolean NOT NULL DEFAULT false,
        failed_count int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        totp_secret text,
        totp_enabled boolean NOT NULL DEFAULT false,
        recovery_codes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        changed_at timestamptz NOT NULL DEFAULT now()
      );

      -- A session is bound to the workstation token it was opened with; user_id NULL is a window
      -- with nobody signed in (a kiosk, a board). Only the SHA-256 of the secret is kept.
      CREATE TABLE sessions (
        id bigserial PRIMARY KEY,
        secret_hash text NOT NULL UNIQUE,
        token_id int NOT NULL REFERENCES tokens (id),
        user_id int REFERENCES users (id),
        second_factor boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX sessions_expires ON sessions (expires_at);
    `,
  },
  {
    version: 5,
    name: 'the second factor; sessions of paired screens',
    sql: `
      -- A TOTP code is accepted once: its 30-second step must be later than the last one used.
      ALTER TABLE users ADD COLUMN totp_last_step bigint NOT NULL DEFAULT 0;
      -- A screen paired with a workstation from another machine (a TV) gets a session held to a
      -- board's rights, whatever the workstation's token may do.
      ALTER TABLE sessions ADD COLUMN kind text CHECK (kind IN ('board'));
    `,
  },
  {
    version: 6,
    name: 'bookings: residents contacts; appointments found by code and day',
    sql: `
      -- What is personal about a booking stays here, never in the replicated appointment document:
      -- the resident's name, optional phone and e-mail, language, and the SHA-256 (hex) of the
      -- manage key. Deleted at purge_after, the day after the slot (bookings.ts, hub.ts).
      CREATE TABLE booking_contacts (
        appointment text PRIMARY KEY,
        name text NOT NULL,
        phone text,
        email text,
        language text NOT NULL CHECK (language IN ('pl', 'en', 'uk')),
        key_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        purge_after timestamptz NOT NULL
      );
      CREATE INDEX booking_contacts_purge ON booking_contacts (purge_after);
      -- A booking is found by its code; what is taken is counted per service and day; the timer
      -- looks for booked ones past their time.
      CREATE INDEX documents_appointment_code ON documents ((data->>'code'))
        WHERE collection = 'appointments' AND NOT deleted;
      CREATE INDEX documents_appointment_day ON documents ((data->>'service'), (data->>'day'))
        WHERE collection = 'appointments' AND NOT deleted;
      CREATE INDEX documents_appointment_state ON documents ((data->>'state'))
        WHERE collection = 'appointments' AND NOT deleted;
    `,
  },
  {
    version: 7,
    name: 'reports: one narrow row of figures per ticket, kept by a trigger',
    sql: `
      -- What a supervisor's report reads of a ticket (reports.ts), drawn from its history once, when
      -- it is written: a year of a large office is 250,000 tickets, too many to take apart as JSON
      -- for every report. A trigger on documents keeps it, so every way a ticket is written (push,
      -- call-next, writeOwn, an import, a restore's replay) keeps it too, with no code to forget.
      -- Times are epoch ms: the first call (the wait ends), the first start after it, the call or
      -- recall that start answered (the walk begins), the last done; the counter and clerk are of the
      -- last event a counter took part in. A time may be any JSON number an event's schema allows, so
      -- it is rounded rather than cast: a push never fails here.
      CREATE TABLE ticket_facts (
        id text PRIMARY KEY,
        day text NOT NULL,
        service text NOT NULL,
        issued_at bigint NOT NULL,
        -- The hour of the day it was issued, in the office's time zone when it was written.
        hour smallint,
        called_at bigint,
        started_at bigint,
        answered_call_at bigint,
        done_at bigint,
        counter bigint,
        clerk text,
        outcome text NOT NULL CHECK (outcome IN ('served', 'no-show', 'left', 'other'))
      );
      CREATE INDEX ticket_facts_day ON ticket_facts (day);

      -- The office's time zone (Polish time while there is no office, or a zone PostgreSQL does not
      -- know: a push must never fail for it).
      CREATE FUNCTION office_time_zone() RETURNS text LANGUAGE plpgsql STABLE AS $fn$
      DECLARE
        zone text;
      BEGIN
        SELECT coalesce(data->>'timeZone', 'Europe/Warsaw') INTO zone FROM documents
         WHERE collection = 'office' AND NOT deleted ORDER BY stamp DESC LIMIT 1;
        PERFORM now() AT TIME ZONE coalesce(zone, 'Europe/Warsaw');
        RETURN coalesce(zone, 'Europe/Warsaw');
      EXCEPTION WHEN OTHERS THEN
        RETURN 'Europe/Warsaw';
      END
      $fn$;

      CREATE FUNCTION ticket_facts_of(ticket_id text, ticket jsonb, zone text) RETURNS ticket_facts
      LANGUAGE sql IMMUTABLE AS $fn$
        WITH events AS (
          SELECT e->>'type' AS type, round((e->>'at')::numeric)::bigint AS at, n,
                 nullif(coalesce((e->'by'->>'counter')::numeric, (ticket->>'counter')::numeric), 0)::bigint AS counter,
                 coalesce(e->'by'->>'user', e->'by'->>'clerk') AS clerk
            FROM jsonb_array_elements(coalesce(ticket->'events', '[]')) WITH ORDINALITY AS x(e, n)
        ), firsts AS (
          SELECT min(at) FILTER (WHERE type = 'called') AS called_at,
                 max(at) FILTER (WHERE type = 'done') AS done_at,
                 bool_or(type = 'no-show') AS no_show
            FROM events
        ), start AS (
          SELECT min(at) AS started_at FROM events, firsts WHERE type = 'serving' AND at >= firsts.called_at
        ), actor AS (
          SELECT counter, clerk FROM events
           WHERE type IN ('called', 'recalled', 'serving', 'resumed', 'no-show', 'done')
           ORDER BY n DESC LIMIT 1
        )
        SELECT ticket_id, ticket->>'day', coalesce(ticket->'legs'->0->>'service', ticket->>'service'),
               round((ticket->>'issuedAt')::numeric)::bigint,
               extract(hour FROM to_timestamp((ticket->>'issuedAt')::float8 / 1000) AT TIME ZONE zone)::smallint,
               f.called_at,
               s.started_at,
               (SELECT max(at) FROM events WHERE type IN ('called', 'recalled') AND at <= s.started_at),
               f.done_at, (SELECT counter FROM actor), (SELECT clerk FROM actor),
               CASE WHEN f.done_at IS NOT NULL THEN 'served'
                    WHEN coalesce(f.no_show, false) THEN 'no-show'
                    WHEN f.called_at IS NULL AND ticket->>'state' IN ('cancelled', 'expired') THEN 'left'
                    ELSE 'other' END
          FROM firsts f, start s
      $fn$;

      CREATE FUNCTION ticket_facts_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NEW.deleted THEN
          DELETE FROM ticket_facts WHERE id = NEW.id;
        ELSE
          INSERT INTO ticket_facts SELECT * FROM ticket_facts_of(NEW.id, NEW.data, office_time_zone())
            ON CONFLICT (id) DO UPDATE SET
              day = EXCLUDED.day, service = EXCLUDED.service, issued_at = EXCLUDED.issued_at, hour = EXCLUDED.hour,
              called_at = EXCLUDED.called_at, started_at = EXCLUDED.started_at,
              answered_call_at = EXCLUDED.answered_call_at, done_at = EXCLUDED.done_at,
              counter = EXCLUDED.counter, clerk = EXCLUDED.clerk, outcome = EXCLUDED.outcome;
        END IF;
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER documents_ticket_facts AFTER INSERT OR UPDATE ON documents
        FOR EACH ROW WHEN (NEW.collection = 'tickets') EXECUTE FUNCTION ticket_facts_keep();

      -- The tickets already stored.
      INSERT INTO ticket_facts SELECT facts.*
        FROM (SELECT office_time_zone() AS zone) AS office, documents, LATERAL ticket_facts_of(id, data, zone) AS facts
       WHERE collection = 'tickets' AND NOT deleted;

      -- The report counts a range of days' appointments.
      CREATE INDEX documents_appointment_by_day ON documents ((data->>'day'))
        WHERE collection = 'appointments' AND NOT deleted;
    `,
  },
  {
    version: 8,
    name: 'notifications: the outbox and every attempt',
    sql: `
      -- What the hub sends a resident (notifications/outbox.ts): a booking's confirmation and
      -- reminder, "your turn is near". recipient is the address or number, personal data: set to
      -- NULL when the contact is deleted or the booking cancelled (never sent after that). payload
      -- holds what the message says (code, time, service, office; the confirmation's manage key
      -- until it is sent), never the resident's name. One row per appointment, kind, channel and
      -- slot (a moved booking gets its own reminder).
      CREATE TABLE outbox (
        id text PRIMARY KEY,
        appointment text,
        kind text NOT NULL CHECK (kind IN ('booking-confirmation', 'booking-reminder', 'turn-near')),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text,
        language text NOT NULL CHECK (language IN ('pl', 'en', 'uk')),
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        expires_at timestamptz,
        claimed_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE UNIQUE INDEX outbox_once ON outbox (appointment, kind, channel, (payload->>'at'));
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
      CREATE INDEX outbox_sending ON outbox (claimed_at) WHERE state = 'sending';
      -- A row that is done with (sent or failed) keeps neither the address nor the manage key,
      -- whatever statement ends it: the database forgets them, no code can forget to.
      CREATE FUNCTION outbox_forget() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NEW.state IN ('sent', 'failed') THEN
          NEW.recipient := NULL;
          NEW.payload := NEW.payload - 'key';
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER outbox_forget BEFORE INSERT OR UPDATE ON outbox
        FOR EACH ROW EXECUTE FUNCTION outbox_forget();
      -- Each attempt: when, how it ended, the provider's message id, an error code (never text
      -- that could carry an address). outcome NULL: still running, or the hub died in it.
      CREATE TABLE outbox_attempts (
        id bigserial PRIMARY KEY,
        outbox text NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
        attempt int NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        outcome text CHECK (outcome IN ('sent', 'refused', 'unknown', 'interrupted')),
        provider_id text,
        error_code text,
        UNIQUE (outbox, attempt)
      );
    `,
  },
  {
    version: 9,
    name: 'notifications: "your turn is near" rows wait for their ticket',
    sql: `
      -- A kiosk's "your turn is near" (turn-near.ts): the row names its ticket and stays 'waiting'
      -- (not due) until few enough people are ahead; then 'pending' like any other. One per ticket
      -- and channel, so a kiosk that asks again is answered without a second message.
      ALTER TABLE outbox ADD COLUMN ticket text;
      ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
      ALTER TABLE outbox ADD CONSTRAINT outbox_state_check
        CHECK (state IN ('waiting', 'pending', 'sending', 'sent', 'failed'));
      CREATE UNIQUE INDEX outbox_turn_near_once ON outbox (ticket, channel) WHERE kind = 'turn-near';
      CREATE INDEX outbox_turn_near_open ON outbox (ticket) WHERE kind = 'turn-near' AND state IN ('waiting', 'pending');
      -- The hourly purge deletes rows done with long ago (their attempts go with them).
      CREATE INDEX outbox_done ON outbox (created_at) WHERE state IN ('sent', 'failed');
    `,
  },
  {
    version: 10,
    name: "reports: visitors' answers counted per day, kept by a trigger",
    sql: `
      -- Visitors' answers to the five faces (satisfaction-report.ts), counted per office day and
      -- service: a row per score (reason '') and a row per reason (score 0). A year's report sums a
      -- few thousand rows instead of reading every answer. Nothing here names a visit either.
      CREATE TABLE satisfaction_counts (
        day text NOT NULL,
        service text NOT NULL,
        score smallint NOT NULL,
        reason text NOT NULL,
        answers bigint NOT NULL,
        PRIMARY KEY (day, service, score, reason)
      );

      CREATE FUNCTION satisfaction_counts_add(answer jsonb, delta int) RETURNS void LANGUAGE sql AS $fn$
        INSERT INTO satisfaction_counts (day, service, score, reason, answers)
        SELECT answer->>'day', answer->>'service', parts.score, parts.reason, delta
          FROM (SELECT (answer->>'score')::smallint AS score, '' AS reason
                UNION
                SELECT 0, r FROM jsonb_array_elements_text(coalesce(answer->'reasons', '[]')) AS x(r)) AS parts
        ON CONFLICT (day, service, score, reason) DO UPDATE
          SET answers = satisfaction_counts.answers + EXCLUDED.answers;
      $fn$;

      -- Answers are only added (hub-access.ts); a change or a deletion all the same takes the old
      -- version out and counts the new one.
      CREATE FUNCTION satisfaction_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' AND NOT OLD.deleted THEN
          PERFORM satisfaction_counts_add(OLD.data, -1);
        END IF;
        IF NOT NEW.deleted THEN
          PERFORM satisfaction_counts_add(NEW.data, 1);
        END IF;
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER documents_satisfaction_counts AFTER INSERT OR UPDATE ON documents
        FOR EACH ROW WHEN (NEW.collection = 'satisfaction') EXECUTE FUNCTION satisfaction_counts_keep();

      -- Answers already stored (by a hub that had the collection before this version).
      SELECT satisfaction_counts_add(data, 1) FROM documents WHERE collection = 'satisfaction' AND NOT deleted;
    `,
  },
  {
    version: 11,
    name: 'reports: durations as 32-bit milliseconds',
    sql: `
      -- The report sorts every wait, walk and service time of a year. In PGlite (32-bit WebAssembly)
      -- a bigint is passed by reference, a value allocated for each row a sort or a sum touches; an
      -- int is passed by value. The durations kept ready as int halve the report's time there
      -- (BENCH_ONLY=reports). 2^31 ms is 24 days: a longer "duration" is a broken clock, left out.
      ALTER TABLE ticket_facts ADD COLUMN wait_ms int, ADD COLUMN walk_ms int, ADD COLUMN service_ms int;

      CREATE FUNCTION ticket_duration(from_ms bigint, to_ms bigint) RETURNS int LANGUAGE sql IMMUTABLE AS $fn$
        SELECT CASE WHEN to_ms - from_ms BETWEEN -2147483648 AND 2147483647 THEN (to_ms - from_ms)::int END
      $fn$;

      -- Migration 7's function, with the three durations at the end (its row is the table's).
      CREATE OR REPLACE FUNCTION ticket_facts_of(ticket_id text, ticket jsonb, zone text) RETURNS ticket_facts
      LANGUAGE sql IMMUTABLE AS $fn$
        WITH events AS (
          SELECT e->>'type' AS type, round((e->>'at')::numeric)::bigint AS at, n,
                 nullif(coalesce((e->'by'->>'counter')::numeric, (ticket->>'counter')::numeric), 0)::bigint AS counter,
                 coalesce(e->'by'->>'user', e->'by'->>'clerk') AS clerk
            FROM jsonb_array_elements(coalesce(ticket->'events', '[]')) WITH ORDINALITY AS x(e, n)
        ), firsts AS (
          SELECT min(at) FILTER (WHERE type = 'called') AS called_at,
                 max(at) FILTER (WHERE type = 'done') AS done_at,
                 bool_or(type = 'no-show') AS no_show
            FROM events
        ), start AS (
          SELECT min(at) AS started_at FROM events, firsts WHERE type = 'serving' AND at >= firsts.called_at
        ), actor AS (
          SELECT counter, clerk FROM events
           WHERE type IN ('called', 'recalled', 'serving', 'resumed', 'no-show', 'done')
           ORDER BY n DESC LIMIT 1
        )
        SELECT ticket_id, ticket->>'day', coalesce(ticket->'legs'->0->>'service', ticket->>'service'),
               round((ticket->>'issuedAt')::numeric)::bigint,
               extract(hour FROM to_timestamp((ticket->>'issuedAt')::float8 / 1000) AT TIME ZONE zone)::smallint,
               f.called_at,
               s.started_at,
               (SELECT max(at) FROM events WHERE type IN ('called', 'recalled') AND at <= s.started_at),
               f.done_at, (SELECT counter FROM actor), (SELECT clerk FROM actor),
               CASE WHEN f.done_at IS NOT NULL THEN 'served'
                    WHEN coalesce(f.no_show, false) THEN 'no-show'
                    WHEN f.called_at IS NULL AND ticket->>'state' IN ('cancelled', 'expired') THEN 'left'
                    ELSE 'other' END,
               ticket_duration(round((ticket->>'issuedAt')::numeric)::bigint, f.called_at),
               ticket_duration((SELECT max(at) FROM events WHERE type IN ('called', 'recalled') AND at <= s.started_at),
                               s.started_at),
               ticket_duration(s.started_at, f.done_at)
          FROM firsts f, start s
      $fn$;

      CREATE OR REPLACE FUNCTION ticket_facts_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NEW.deleted THEN
          DELETE FROM ticket_facts WHERE id = NEW.id;
        ELSE
          INSERT INTO ticket_facts SELECT * FROM ticket_facts_of(NEW.id, NEW.data, office_time_zone())
            ON CONFLICT (id) DO UPDATE SET
              day = EXCLUDED.day, service = EXCLUDED.service, issued_at = EXCLUDED.issued_at, hour = EXCLUDED.hour,
              called_at = EXCLUDED.called_at, started_at = EXCLUDED.started_at,
              answered_call_at = EXCLUDED.answered_call_at, done_at = EXCLUDED.done_at,
              counter = EXCLUDED.counter, clerk = EXCLUDED.clerk, outcome = EXCLUDED.outcome,
              wait_ms = EXCLUDED.wait_ms, walk_ms = EXCLUDED.walk_ms, service_ms = EXCLUDED.service_ms;
        END IF;
        RETURN NULL;
      END
      $fn$;

      UPDATE ticket_facts SET wait_ms = ticket_duration(issued_at, called_at),
                              walk_ms = ticket_duration(answered_call_at, started_at),
                              service_ms = ticket_duration(started_at, done_at);
    `,
  },
];

export class MigrationError extends Error {}

/** Applies what is missing; returns the versions it applied (empty when the schema is current). */
export async function migrate(db: SqlClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version int PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const known = new Set(migrations.map((migration) => migration.version));
    const newest = Math.max(0, ...applied);
    if ([...applied].some((version) => !known.has(version))) {
      throw new MigrationError(
        `The database has schema version ${newest}, newer than this hub knows (${Math.max(0, ...known)}); run the newer hub version, or restore a backup made for this one.`,
      );
    }
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
