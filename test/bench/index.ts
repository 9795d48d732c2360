/**
 * `npm run bench` runs every benchmark at full size; `npm run bench -- --quick` runs
 * small sizes in under a minute. Each figure prints for a person and as a JSON line.
 */
import { catalogBench } from './catalog.bench';
import { signingBench } from './signing.bench';
import { lifecycleBench } from './lifecycle.bench';
import { ipnBench } from './ipn.bench';
import { stripeSyncBench } from './stripe-sync.bench';

const quick = process.argv.includes('--quick');
console.log(`KeyHub benchmarks (${quick ? 'quick' : 'full'} sizes), node ${process.version}`);
await catalogBench(quick);
await signingBench(quick);
await lifecycleBench(quick);
await ipnBench(quick);
await stripeSyncBench(quick);
