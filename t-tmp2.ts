import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { scriptDefinitionSchema } from './src/domain/campaign/script-definition.js';
const r = scriptDefinitionSchema.safeParse(parse(readFileSync(process.argv[2]!, 'utf8')));
console.log(r.success ? `ok steps=${r.data.steps.length} situations=${r.data.situations.length} avoid=${r.data.avoid.length}\n${r.data.avoid.join('\n')}\n${r.data.situations.map(s=>s.when).join('\n')}` : JSON.stringify(r.error.issues, null, 1));
