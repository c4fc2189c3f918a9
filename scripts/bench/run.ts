// `pnpm bench`: every benchmark, each beside its baseline measured in the same run.
// Not part of `npm test`: it loads this machine for minutes and reports ratios, never asserts times.
import { benchHolds } from './holds';
import { writePerformanceDoc } from './lib';

const sections = [await benchHolds()];
writePerformanceDoc(sections);
console.log('wrote docs/performance.md');
