/** The IPN import bench alone (the rest of `npm run bench` takes minutes): `npx tsx test/bench/ipn-run.mts [--quick]`. */
import { ipnBench } from './ipn.bench';

const quick = process.argv.includes('--quick');
console.log(`KeyHub IPN import bench (${quick ? 'quick' : 'full'} sizes), node ${process.version}`);
await ipnBench(quick);
