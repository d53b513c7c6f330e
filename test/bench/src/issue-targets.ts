import { type Target, targets, verdict } from './common';

/** One target of issue 20 as the run met it: the figure, the target, ✔/✘, and the raw ceiling where the issue names one. */
export interface TargetRow {
  readonly figure: string;
  readonly measured: number | null;
  readonly unit: string;
  readonly target: string;
  /** ✔ or ✘; `not run` when the section was left out, skipped or failed before it measured. */
  readonly verdict: '✔' | '✘' | 'not run';
  readonly ceiling?: Record<string, number>;
  readonly note?: string;
}

type Part = Record<string, unknown> | undefined;

/** A number at `path` in a section's result, or undefined when the section did not run or failed. */
function at(part: Part, ...path: string[]): number | undefined {
  let value: unknown = part;
  for (const key of path)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Whether a section ran and gave figures. */
const ran = (part: Part): boolean => part !== undefined && !('skipped' in part) && !('failed' in part);

function row(
  part: Part,
  figure: string,
  measured: number | undefined,
  unit: string,
  target: Target,
  extra: Pick<TargetRow, 'ceiling' | 'note'> = {},
  met: number | undefined = measured,
): TargetRow {
  const checked = verdict(met, target);
  return {
    figure,
    measured: measured ?? null,
    unit,
    ...checked,
    verdict: ran(part) ? checked.verdict : 'not run',
    ...extra,
  };
}

/** The sections' results the rows are read from (each absent when not run). */
export interface Sections {
  readonly rawSqlite?: Part;
  readonly eventStore?: Part;
  readonly projectionRebuild?: Part;
  readonly httpIntake?: Part;
  readonly sustainedIntake?: Part;
  readonly splitIntake?: Part;
  readonly classification?: Part;
  readonly kpiRollups?: Part;
}

/** Every target of issue 20 ("Targets") with this run's figure; a section not run shows no figure and ✘. */
export function issueTargets(s: Sections): TargetRow[] {
  const concurrent = at(s.eventStore, 'singleConcurrent', 'eventsPerSecond');
  const ceiling = (key: string) => at(s.rawSqlite, key, 'rowsPerSecond') ?? 0;
  const split = at(s.splitIntake, 'maxThroughput', 'requestsPerSecond');
  const oneProcess = at(s.httpIntake, 'maxThroughput', 'requestsPerSecond');
  const storedEvents = at(s.eventStore, 'historyReads', 'storedEvents');
  const kpiComplaints = at(s.kpiRollups, 'complaints');
  const grows = (s.sustainedIntake?.growth as { grows?: boolean } | undefined)?.grows;
  return [
    row(
      s.eventStore,
      'event store: single-event appends, 200 in flight',
      concurrent,
      'events/s',
      targets.durableEventsPerSecond,
      {
        ceiling: {
          rawRowsPerSecondInCommitsOf100: ceiling('batchedCommitsOf100'),
          rawRowsPerSecondInCommitsOf1000: ceiling('batchedCommitsOf1000'),
          ratioToCommitsOf100: at(s.eventStore, 'singleConcurrent', 'ratioToRawCommitsOf100') ?? 0,
          ratioToCommitsOf1000: at(s.eventStore, 'singleConcurrent', 'ratioToRawCommitsOf1000') ?? 0,
        },
      },
    ),
    row(
      s.httpIntake,
      'HTTP intake, one-process host with every consumer running',
      oneProcess,
      'complaints/s',
      targets.intakePerSecond,
    ),
    row(
      s.httpIntake,
      `HTTP intake at a fixed ${at(s.httpIntake, 'fixedRate', 'requestedPerSecond') ?? 1000}/s`,
      at(s.httpIntake, 'fixedRate', 'p99Ms'),
      'ms p99',
      targets.intakeP99AtFixedRateMs,
    ),
    row(
      s.sustainedIntake,
      `sustained at ${at(s.sustainedIntake, 'load', 'requestedPerSecond') ?? 1000}/s for ${at(s.sustainedIntake, 'load', 'seconds') ?? 60} s: 201 to classified, assigned and clocked`,
      at(s.sustainedIntake, 'lag', 'all', 'p99Ms'),
      'ms p99',
      targets.sustainedLagP99Ms,
      {
        note:
          (grows === undefined ? 'not measured' : grows ? 'the lag grows (✘)' : 'the lag does not grow (✔)') +
          `; ${at(s.sustainedIntake, 'lag', 'all', 'neverSeen') ?? 0} samples not complete within 30 s`,
      },
      grows === false ? at(s.sustainedIntake, 'lag', 'all', 'p99Ms') : undefined,
    ),
    row(
      s.classification,
      'classification with collective detection, one process',
      at(s.classification, 'consumersUnderFlood', 'complaintsPerSecond'),
      'complaints/s',
      targets.classificationFloodPerSecond,
    ),
    row(
      s.projectionRebuild,
      'projection rebuild',
      at(s.projectionRebuild, 'eventsPerSecond'),
      'events/s',
      targets.rebuildEventsPerSecond,
    ),
    row(
      s.kpiRollups,
      'KPI queries, slowest of the scenarios',
      at(s.kpiRollups, 'slowestP99Ms'),
      'ms p99',
      targets.kpiQueryP99Ms,
      {
        note: `over ${kpiComplaints ?? 0} complaints' rollups`,
      },
    ),
    row(
      s.eventStore,
      'history of one complaint',
      at(s.eventStore, 'historyReads', 'p99Ms'),
      'ms p99',
      targets.historyP99Ms,
      {
        note: `among ${storedEvents ?? 0} events (BENCH_HISTORY_EVENTS pads the store)`,
      },
    ),
    row(
      s.splitIntake,
      'scale-out: HTTP intake, one process per service',
      split,
      'complaints/s',
      targets.intakePerSecond,
      {
        note:
          split === undefined
            ? 'not run (BENCH_SPLIT=0, BENCH_HTTP=0 or another BENCH_ONLY)'
            : `intake → classified p99 ${at(s.splitIntake, 'intakeToClassified', 'p99Ms') ?? '–'} ms split; ` +
              (oneProcess === undefined
                ? 'the one-process figures not run'
                : `one process: ${oneProcess}/s, intake → classified p99 ${at(s.httpIntake, 'intakeToClassified', 'p99Ms') ?? '–'} ms`),
      },
    ),
  ];
}
