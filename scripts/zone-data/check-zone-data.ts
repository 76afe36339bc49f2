/**
 * npm run zones:check — prints where the generated number and ZIP zone data disagree with the region
 * tables, what resolves each disagreement (an override, a substitution, the Russian region rule), and
 * the conflicts nothing resolves. Exit code 1 when there is a conflict.
 *   npm run zones:check            summary: every resolution with its count and a few keys
 *   npm run zones:check -- --all   every finding on its own line
 */
import {
  checkNumberZoneData,
  checkPostalZoneData,
  type ZoneDataFinding,
} from '../../src/domain/timezones/zone-data-check.js';

const SAMPLE = 6;
const isAll = process.argv.includes('--all');

function line(f: ZoneDataFinding): string {
  const derived = f.derivedZones.join('&') || '(none)';
  return `${f.kind} ${f.key} ${f.claimedRegion}: source ${f.sourceZones.join('&') || '(none)'} → ${derived}; region ${f.regionZones.join('&') || '(none)'}`;
}

let conflicts = 0;
for (const [title, check] of [
  ['Phone numbers', checkNumberZoneData()],
  ['ZIP codes', checkPostalZoneData()],
] as const) {
  const resolved = check.findings.filter((f) => f.resolution !== null);
  const open = check.findings.filter((f) => f.resolution === null);
  conflicts += open.length;
  console.log(`\n${title}: ${resolved.length} source disagreements resolved, ${open.length} conflicts`);
  const groups = new Map<string, ZoneDataFinding[]>();
  for (const f of resolved) groups.set(f.resolution!, [...(groups.get(f.resolution!) ?? []), f]);
  for (const [resolution, items] of groups) {
    console.log(`  ${items.length} × ${resolution}`);
    for (const f of isAll ? items : items.slice(0, SAMPLE)) console.log(`      ${line(f)}`);
    if (!isAll && items.length > SAMPLE) console.log(`      … ${items.length - SAMPLE} more (--all)`);
  }
  const openGroups = new Map<string, ZoneDataFinding[]>();
  for (const f of open) {
    const key = `${f.claimedRegion}: ${f.derivedZones.join('&') || '(none)'} not in ${f.regionZones.join('&') || '(none)'}`;
    openGroups.set(key, [...(openGroups.get(key) ?? []), f]);
  }
  for (const [key, items] of openGroups) {
    const keys = items.map((f) => f.key);
    const shown = isAll ? keys : keys.slice(0, SAMPLE);
    console.log(
      `  CONFLICT ${items.length} × ${items[0]!.kind} ${key}: ${shown.join(' ')}${shown.length < keys.length ? ' …' : ''}`,
    );
  }
  for (const c of check.unusedCorrections) console.log(`  unused: ${c} resolves nothing`);
}
console.log(conflicts === 0 ? '\nno conflicts' : `\n${conflicts} conflicts: add an override with its reason`);
process.exitCode = conflicts === 0 ? 0 : 1;
