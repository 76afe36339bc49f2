/**
 * Every migration, in order. Listed explicitly (not discovered by knex) so that the same code path
 * runs under tsx, vitest and a bundler; test/unit/db/migration-list.test.ts checks nothing is missing.
 */
import type { Knex } from 'knex';
import * as createCoreTables from './20261123000000_create-core-tables.js';
import * as personReservations from './20261123100000_person-reservations.js';
import * as leadSelectionIndexes from './20261123110000_lead-selection-indexes.js';

export const MIGRATIONS: readonly (readonly [
  string,
  { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> },
])[] = [
  ['20261123000000_create-core-tables.ts', createCoreTables],
  ['20261123100000_person-reservations.ts', personReservations],
  ['20261123110000_lead-selection-indexes.ts', leadSelectionIndexes],
];
