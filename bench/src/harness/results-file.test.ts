import { describe, expect, it } from 'vitest';
import { changesSince, ratiosOf } from './results-file.js';

const header =
  '| scenario | figure | Parley | raw baseline | ratio | target |\n| --- | --- | --- | --- | --- | --- |';

describe('RESULTS.md comparison', () => {
  it('reads each figure’s ratio and reports the ones that moved', () => {
    const before = `${header}\n| 2 ingest | rate | 160 /s | 11000 /s | 0.01× | ≥ 0.40× |\n| 1 latency | p99 | 30 ms | 10 ms | 3.00× | ≤ 3× |`;
    const after = `${header}\n| 2 ingest | rate | 1500 /s | 11000 /s | 0.14× | ≥ 0.40× |\n| 1 latency | p99 | 30 ms | 10 ms | 3.00× | ≤ 3× |\n| 5 lost | missing | 0 | — | — | 0 |`;
    expect(ratiosOf(before).get('2 ingest — rate')).toBe('0.01×');
    expect(changesSince(before, after)).toEqual([
      '- 2 ingest — rate: 0.01× → 0.14×',
      '- 5 lost — missing: new (—)',
    ]);
    expect(changesSince(undefined, after)).toEqual(['- first run']);
  });
});
