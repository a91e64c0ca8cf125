import { fail } from '../../errors.js';
import type { SqlDialect, SqlDialectName } from '../dialect.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { spark } from './spark.js';

const DIALECTS: ReadonlyMap<string, SqlDialect> = new Map<string, SqlDialect>([
  ['duckdb', duckdb],
  ['postgres', postgres],
  ['spark', spark],
]);

/**
 * The dialect of a name.
 *
 * @throws {ServicemaalError} `invalid_option` for a name that is no dialect.
 * @example
 * ```ts
 * sqlDialect('duckdb').div('a', 'b'); // '((a) // (b))'
 * sqlDialect('postgres').div('a', 'b'); // '((a) / (b))'
 * sqlDialect('mysql' as SqlDialectName); // throws: code 'invalid_option'
 * ```
 */
export function sqlDialect(name: SqlDialectName): SqlDialect {
  return DIALECTS.get(name) ?? fail('invalid_option', `dialect must be one of ${[...DIALECTS.keys()].join(', ')}, got ${JSON.stringify(name)}`, ['dialect']);
}
