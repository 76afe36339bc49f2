import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { campaignDefinitionSchema } from './src/domain/campaign/campaign-definition.js';
const r = campaignDefinitionSchema.safeParse(parse(readFileSync(process.argv[2]!, 'utf8')));
console.log(r.success ? JSON.stringify(r.data, null, 1).slice(0, 3000) : JSON.stringify(r.error.issues, null, 1));
