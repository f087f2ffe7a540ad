/**
 * What one record contributes to the report of one year, as a comparable key. Publishing a
 * report locks its year: a change to a record is allowed only when it leaves the footprint of
 * every locked year unchanged, so deciding in February a case received in December (still
 * carried over on 31 December) stays possible while the December report is published.
 *
 * The conditions mirror the GROUP BYs in `store/report-records.ts`; the unit test
 * `report-footprint.test.ts` checks them against the assembled tables.
 */

export interface ApplicationFacts {
  type: 'application';
  applicantType: string;
  receivedOn: string;
  decidedOn: string | null;
  outcome: string | null;
}

export interface ReviewFacts {
  type: 'review';
  kind: string;
  filedOn: string;
  result: string;
  concludedOn: string | null;
}

export interface DocumentFacts {
  type: 'document';
  kind: string;
  writtenOn: string;
  publishedOn: string | null;
  repealedOn: string | null;
}

export type RecordFacts = ApplicationFacts | ReviewFacts | DocumentFacts;

const bounds = (year: number) => ({ first: `${year}-01-01`, last: `${year}-12-31` });
const within = (d: string | null, first: string, last: string) =>
  d !== null && d >= first && d <= last;

/** The record's contribution to the report of `year`; '' when it does not count there. */
export function footprint(rec: RecordFacts, year: number): string {
  const { first, last } = bounds(year);
  switch (rec.type) {
    case 'application': {
      if (rec.receivedOn > last) return '';
      const open = (day: string) => rec.decidedOn === null || rec.decidedOn > day;
      const parts: string[] = [];
      if (rec.receivedOn >= first) parts.push('received');
      else if (rec.decidedOn === null || rec.decidedOn >= first) parts.push('carried_in');
      if (within(rec.decidedOn, first, last)) parts.push(`decided:${rec.outcome ?? ''}`);
      if (open(last)) parts.push('carried_out');
      return parts.length ? `${rec.applicantType}|${parts.join(',')}` : '';
    }
    case 'review': {
      if (!within(rec.filedOn, first, last)) return '';
      const result = rec.concludedOn !== null && rec.concludedOn <= last ? rec.result : 'pending';
      return `${rec.kind}|${result}`;
    }
    case 'document': {
      const parts = [
        within(rec.writtenOn, first, last) ? 'written' : '',
        within(rec.publishedOn, first, last) ? 'published' : '',
        within(rec.repealedOn, first, last) ? 'repealed' : '',
        rec.publishedOn !== null &&
        rec.publishedOn <= last &&
        (rec.repealedOn === null || rec.repealedOn > last)
          ? 'in_force'
          : '',
      ].filter(Boolean);
      return parts.length ? `${rec.kind}|${parts.join(',')}` : '';
    }
  }
}

/**
 * The years among `years` whose report a change from `before` to `after` would alter
 * (null: the record did not exist / is deleted).
 */
export function yearsAltered(
  before: RecordFacts | null,
  after: RecordFacts | null,
  years: Iterable<number>,
): number[] {
  const out: number[] = [];
  for (const y of years) {
    const a = before ? footprint(before, y) : '';
    const b = after ? footprint(after, y) : '';
    if (a !== b) out.push(y);
  }
  return out;
}
