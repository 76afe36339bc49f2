/** Command-line flags of `npm run pacebench`; every error names the flag. */
import { POLICY_HELP, PolicySpecError } from './policies.js';
import { WorkloadError } from './workload.js';

export function usage(): string {
  return `usage: pacebench --workload W1…W6|W6-UK|W1-M…W3-M|FILE.yaml --policy ${POLICY_HELP}[,…] [--seeds N] [--first-seed S] [--hours H] [--jobs N] [--json] [--out report.md]`;
}

export class UsageError extends Error {
  readonly code = 'PACEBENCH_USAGE';
}

export interface Args {
  workload: string;
  policies: string[];
  seeds: number;
  firstSeed: number;
  hours: number | undefined;
  /** Worker threads for the replications; undefined means the default, defaultJobs(). */
  jobs?: number | undefined;
  json: boolean;
  out: string | undefined;
}

/**
 * Walks a command line's flags: `onFlag(flag, value)` for each, where `value()` takes the next
 * argument as the flag's value, or throws a UsageError naming the flag when there is none.
 */
export function forEachFlag(
  argv: readonly string[],
  onFlag: (flag: string, value: () => string) => void,
): void {
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    onFlag(flag, () => {
      const v = argv[i + 1];
      i += 1;
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag}: missing value`);
      return v;
    });
  }
}

/**
 * What a pacebench command does with an error: a usage or policy error prints its message and the
 * usage, a refused workload its message; both exit with 2. Anything else is a bug and is rethrown.
 */
export function exitForError(command: string, error: unknown, usageText: string): number {
  if (error instanceof UsageError || error instanceof PolicySpecError) {
    process.stderr.write(`${command}: ${error.message}\n${usageText}\n`);
    return 2;
  }
  if (error instanceof WorkloadError) {
    process.stderr.write(`${command}: workload refused: ${error.message}\n`);
    return 2;
  }
  throw error;
}

/** A positive number (an integer when `isInteger`) or a UsageError naming the flag. */
export function positiveNumber(flag: string, raw: string | undefined, isInteger: boolean): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value <= 0 || (isInteger && !Number.isInteger(value))) {
    throw new UsageError(
      `${flag}: expected a positive ${isInteger ? 'integer' : 'number'}, got ${raw ?? 'nothing'}`,
    );
  }
  return value;
}

export function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { json: boolean } = { json: false };
  forEachFlag(argv, (flag, value) => {
    switch (flag) {
      case '--workload':
        args.workload = value();
        break;
      case '--policy':
        args.policies = value()
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
        break;
      case '--seeds':
        args.seeds = positiveNumber(flag, value(), true);
        break;
      case '--first-seed':
        args.firstSeed = positiveNumber(flag, value(), true);
        break;
      case '--hours':
        args.hours = positiveNumber(flag, value(), false);
        break;
      case '--jobs':
        args.jobs = positiveNumber(flag, value(), true);
        break;
      case '--out':
        args.out = value();
        break;
      case '--json':
        args.json = true;
        break;
      default:
        throw new UsageError(`${flag}: unknown flag`);
    }
  });
  if (!args.workload) throw new UsageError('--workload: required');
  if (!args.policies || args.policies.length === 0) throw new UsageError('--policy: required');
  return {
    workload: args.workload,
    policies: args.policies,
    seeds: args.seeds ?? 10,
    firstSeed: args.firstSeed ?? 1,
    hours: args.hours,
    jobs: args.jobs,
    json: args.json,
    out: args.out,
  };
}
