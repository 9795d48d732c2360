/** The Stripe sync bench alone (the rest of `npm run bench` takes minutes): `npx tsx test/bench/stripe-run.mts [--quick]`. */
import { stripeSyncBench } from './stripe-sync.bench';

const quick = process.argv.includes('--quick');
console.log(`KeyHub Stripe sync bench (${quick ? 'quick' : 'full'} sizes), node ${process.version}`);
await stripeSyncBench(quick);
