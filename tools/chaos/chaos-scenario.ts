/** The suite's totals: what the Must-show line counts, each 0 when nothing was lost. */
export interface ChaosCounts {
  lost_rows: number;
  duplicated_rows: number;
  cross_product_5xx: number;
  jobs_failed_by_restart: number;
}

/** What one scenario found: pass/fail, why, its own figures, and its share of the suite's counts. */
export interface ScenarioOutcome {
  passed: boolean;
  /** One line each: why it failed, or what a reader should know (never empty when it failed). */
  notes: string[];
  /** The scenario's own measurements, shown in the table (e.g. "p95 ms to 429": 41). */
  figures: Record<string, string | number>;
  counts: Partial<ChaosCounts>;
}

export interface ChaosSettings {
  /** Where every scenario makes its scratch folder. */
  tmpRoot: string;
  /** Rows of the sentiment CSV jobs (default 2,000). */
  rows: number;
  /** Events of the recommender import (default 100,000, MovieLens 100k). */
  events: number;
  /** How long a killed process stays down before it is started again (default 60 s; the issue measured a 55 s gateway outage). */
  outageSeconds: number;
  /** Concurrent clients of the overload scenario (default 600). */
  clients: number;
  log: (line: string) => void;
}

/** One fault, one idea: it starts what it needs in its own scratch folder, injects the fault, measures, stops everything. */
export interface ChaosScenario {
  name: string;
  /** The fault and what "passed" means, one line. */
  summary: string;
  /** Done once at suite start, before any scenario runs (e.g. building a web); throws when the scenario cannot run. */
  prepare?(settings: ChaosSettings): Promise<void>;
  run(settings: ChaosSettings): Promise<ScenarioOutcome>;
}
