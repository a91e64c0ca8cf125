import { dayNumberFromCivil } from '../dates/civil.js';
import { copenhagenOffsetMinutes } from '../dates/copenhagen.js';
export function copenhagenOffsetIntervals(): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let year = 1900; year <= 2199; year++) {
    const from = dayNumberFromCivil(year, 1, 1) * 1440;
    const until = dayNumberFromCivil(year + 1, 1, 1) * 1440;
    let start = from;
    let offset = copenhagenOffsetMinutes(from);
    for (let m = from + 60; m < until; m += 60) {
      const o = copenhagenOffsetMinutes(m);
      if (o !== offset) {
        // find exact minute
        let lo = m - 60, hi = m;
        while (hi - lo > 1) { const mid = Math.floor((lo + hi) / 2); if (copenhagenOffsetMinutes(mid) === offset) lo = mid; else hi = mid; }
        out.push([year, start, hi, offset]);
        start = hi; offset = o;
      }
    }
    out.push([year, start, until, offset]);
  }
  return out;
}
