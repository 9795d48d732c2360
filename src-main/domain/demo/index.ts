export { describeDemo, loadDemo, vendorCount, type DemoSummary, type LoadDemoOptions } from './load';
export { demoCatalog } from './catalog';
