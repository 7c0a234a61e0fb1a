/**
 * Throughput of the deadline engine: `computeDeadlines` fact sets per second on one core (the
 * engine is synchronous, so this process's one thread is the one core). Every call takes the
 * public path a request or the CLI takes: validation of the facts (zod, with the contradiction
 * checks), every rule, business-day rolls and explanations.
 *
 *   npx tsx bench/deadlines.ts
 *
 * The fact sets are synthetic and varied (a seeded generator, so every run measures the same
 * work): each has a random selection of the RULES.md facts with dates spread over 1995–2030, so
 * holidays, rolls, versions and partial fact sets all occur. A warm-up runs first so the JIT has
 * compiled the hot paths and the holiday cache is filled before timing starts.
 */
import { pathToFileURL } from 'node:url';
import { addDays, computeDeadlines, type DeadlineFacts, formatIsoDate } from '@haven/domain';

export interface DeadlinesBenchOptions {
  /** How many distinct fact sets to cycle through. */
  variety?: number;
  warmupMs?: number;
  measureMs?: number;
  /** `asOf` for fact sets without one, so results do not depend on the day the benchmark runs. */
  today?: string;
  seed?: number;
}

export interface DeadlinesBenchResult {
  /** Fact sets per second of wall-clock time. */
  factSetsPerSecond: number;
  /**
   * Fact sets per second of this process's CPU time (user + system). On a machine shared with
   * other work it moves much less than the wall-clock figure; it includes the garbage collector's
   * helper threads, so it slightly understates one core's throughput.
   */
  factSetsPerCpuSecond: number;
  factSets: number;
  measuredSeconds: number;
  warmupSeconds: number;
  variety: number;
  /** Average results (deadlines, earliest dates …) per fact set: the work per call. */
  resultsPerFactSet: number;
  /** Seconds to compute 100,000 distinct fact sets once, the engine alone (no database). */
  hundredThousandSeconds: number;
}

/** A small seeded generator (LCG): the same fact sets on every run, without a dependency. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Varied, internally consistent fact sets: later events are drawn after the ones they follow. */
export function syntheticFactSets(count: number, seed = 2026): DeadlineFacts[] {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const between = (from: string, days: number) => addDays(from, Math.floor(random() * days));
  const sets: DeadlineFacts[] = [];
  for (let index = 0; index < count; index += 1) {
    const dateOfBirth = formatIsoDate({ year: 1960 + Math.floor(random() * 60), month: 1 + Math.floor(random() * 12), day: 1 + Math.floor(random() * 28) });
    const arrival = maxIso(between('1995-01-01', 11_000), dateOfBirth);
    const facts: DeadlineFacts = { asOf: between(arrival, 1_500) };
    if (chance(0.9)) {
      facts.dateOfBirth = dateOfBirth;
    }
    if (chance(0.8)) {
      facts.lastArrivalDate = arrival;
    }
    if (chance(0.15)) {
      facts.unaccompaniedChild = true;
    }
    if (chance(0.1)) {
      facts.sijsCandidate = true;
      facts.juvenileCourtState = ['IA', 'CA', 'NY', 'TX', 'FL', 'MD'][Math.floor(random() * 6)]!;
    }
    if (chance(0.6)) {
      facts.i589ReceiptDate = between(arrival, 500);
      if (chance(0.3)) {
        const from = between(facts.i589ReceiptDate, 100);
        facts.eadClockStops = [{ from, to: chance(0.8) ? between(from, 60) : undefined }];
      }
      if (chance(0.3)) {
        facts.asylumGrantDate = between(facts.i589ReceiptDate, 900);
      }
    }
    if (chance(0.25)) {
      facts.refugeeAdmissionDate = arrival;
      facts.orrEligibilityDate = arrival;
      facts.rcaCounting = chance(0.5) ? 'exact-date' : 'calendar-month';
    }
    if (chance(0.2)) {
      facts.lprDate = maxIso(between(arrival, 2_000), facts.refugeeAdmissionDate ?? arrival);
      facts.marriedToUsCitizen = chance(0.3);
    }
    if (chance(0.5)) {
      facts.addressChangeDate = between(arrival, 1_500);
      facts.inRemovalProceedings = chance(0.5);
    }
    if (chance(0.3)) {
      facts.ijDecisionDate = between(arrival, 1_500);
      if (chance(0.5)) {
        facts.finalOrderDate = between(facts.ijDecisionDate, 200);
      }
    }
    if (chance(0.3)) {
      facts.rfeIssueDate = between(arrival, 1_500);
      facts.rfeMailed = chance(0.5);
      if (chance(0.3)) {
        facts.rfeDueDateOnNotice = addDays(facts.rfeIssueDate, 87);
      }
    }
    if (chance(0.4)) {
      facts.eadExpiryDate = between(arrival, 2_000);
    }
    sets.push(facts);
  }
  return sets;
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

function runFor(factSets: readonly DeadlineFacts[], ms: number, today: string): { calls: number; results: number; seconds: number; cpuSeconds: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  let calls = 0;
  let results = 0;
  // Check the clock once per batch, so reading it does not weigh on the measure.
  while (performance.now() < end) {
    for (let i = 0; i < 256; i += 1) {
      results += computeDeadlines(factSets[calls % factSets.length], { today }).length;
      calls += 1;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { calls, results, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

export function benchmarkDeadlines(options: DeadlinesBenchOptions = {}): DeadlinesBenchResult {
  const variety = options.variety ?? 1_000;
  const today = options.today ?? '2026-11-20';
  const factSets = syntheticFactSets(variety, options.seed);
  const warmup = runFor(factSets, options.warmupMs ?? 2_000, today);
  const measured = runFor(factSets, options.measureMs ?? 5_000, today);

  const hundredThousand = syntheticFactSets(100_000, (options.seed ?? 2026) + 1);
  const started = performance.now();
  for (const facts of hundredThousand) {
    computeDeadlines(facts, { today });
  }
  const hundredThousandSeconds = (performance.now() - started) / 1000;

  return {
    factSetsPerSecond: Math.round(measured.calls / measured.seconds),
    factSetsPerCpuSecond: Math.round(measured.calls / measured.cpuSeconds),
    factSets: measured.calls,
    measuredSeconds: measured.seconds,
    warmupSeconds: warmup.seconds,
    variety,
    resultsPerFactSet: measured.results / measured.calls,
    hundredThousandSeconds,
  };
}

export function formatDeadlinesBenchResult(result: DeadlinesBenchResult): string {
  return (
    `deadlines: ${result.factSetsPerSecond.toLocaleString('en-US')} fact sets/s on one core ` +
    `(${result.factSetsPerCpuSecond.toLocaleString('en-US')} per CPU second) ` +
    `[${result.variety.toLocaleString('en-US')} varied fact sets, ${result.resultsPerFactSet.toFixed(1)} results each, ` +
    `${result.warmupSeconds.toFixed(1)} s warm-up, ${result.measuredSeconds.toFixed(1)} s measured]; ` +
    `100,000 distinct fact sets in ${result.hundredThousandSeconds.toFixed(2)} s (engine only, no database)`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatDeadlinesBenchResult(benchmarkDeadlines()));
}
