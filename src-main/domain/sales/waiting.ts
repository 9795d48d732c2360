/** STUB (mine, in progress): the fulfilment queue and item mappings. */
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError } from '../../api/errors';
import type { Deleted } from '../catalog/types';
import type { Store } from '../../store/open';
import type { FulfilResult, ItemMapping, MappingResult, WaitingPage } from './types';

const notYet = () => new KeyHubError('INTERNAL', 'Not built yet.');
export function listWaiting(_store: Store, _input: ParsedInput<'fulfilment.waiting'>): WaitingPage { throw notYet(); }
export function listMappings(_store: Store): ItemMapping[] { throw notYet(); }
export async function mapItems(_ctx: ApiContext, _input: ParsedInput<'fulfilment.map'>): Promise<MappingResult> { throw notYet(); }
export function unmapItems(_ctx: ApiContext, _id: number): Deleted { throw notYet(); }
export async function retryWaiting(_ctx: ApiContext, _input: ParsedInput<'fulfilment.retry'>): Promise<FulfilResult> { throw notYet(); }
