import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.js';
import { MIGRATIONS_DIR } from '../../../src/adapters/db/knex-client.js';

describe('migrations/index.ts', () => {
  it('lists every migration file, in name order', () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{14}_[a-z0-9-]+\.ts$/.test(f))
      .sort();
    expect(MIGRATIONS.map(([name]) => name)).toEqual(files);
  });
  it('names migrations <timestamp>_<kebab-name>.ts', () => {
    const others = readdirSync(MIGRATIONS_DIR).filter(
      (f) => f !== 'index.ts' && !/^\d{14}_[a-z0-9-]+\.ts$/.test(f),
    );
    expect(others).toEqual([]);
  });
});
