/**
 * The objects of one type in `created` order (ties by creation sequence), so a list page
 * is a binary search for its time window and cursor plus a walk of `limit` entries,
 * however many objects the account holds.
 */
import type { Json } from './fixtures';

export interface Entry {
  id: string;
  /** Stripe's object type (`checkout.session`, `subscription_item`, `event`, …). */
  type: string;
  created: number;
  /** Creation sequence across the account: breaks ties between objects of the same second. */
  seq: number;
  /** The object as stored; child lists are filled in when it is rendered. */
  obj: Json;
  deleted: boolean;
}

const before = (a: Entry, created: number, seq: number) => a.created < created || (a.created === created && a.seq < seq);

export class OrderedIndex {
  readonly entries: Entry[] = [];

  add(entry: Entry): void {
    const last = this.entries[this.entries.length - 1];
    if (!last || before(last, entry.created, entry.seq)) {
      this.entries.push(entry);
      return;
    }
    this.entries.splice(this.lowerBound(entry.created, entry.seq), 0, entry);
  }

  /** First position whose entry is not before (created, seq). */
  lowerBound(created: number, seq = -Infinity): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.entries[mid], created, seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The position of a stored entry. */
  positionOf(entry: Entry): number {
    return this.lowerBound(entry.created, entry.seq);
  }

  /** Positions [from, to) of entries whose `created` lies in the bounds (unix seconds, inclusive). */
  window(gte: number, lte: number): [number, number] {
    return [this.lowerBound(gte), this.lowerBound(lte + 1)];
  }
}
