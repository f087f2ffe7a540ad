import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { computeAnnualReport } from '../../src/app/build-annual-report.ts';
import type { Ctx } from '../../src/app/deps.ts';
import { actOnReport, getReportState } from '../../src/app/report-workflow.ts';
import { saveReportNarrative } from '../../src/app/save-report-narrative.ts';
import { SYSTEM_CTX } from '../../src/app/deps.ts';
import { updateAgency } from '../../src/app/update-agency.ts';
import { AGENCY_LABELS, agencyUpdateSchema } from '../../src/app/agency-input.ts';
import { parseInput } from '../../src/app/input.ts';
import { DomainError } from '../../src/domain/errors.ts';
import {
  footprint,
  yearsAltered,
  type ApplicationFacts,
  type DocumentFacts,
  type ReviewFacts,
} from '../../src/domain/report/footprint.ts';
import { APPLICANT_TYPES, OUTCOMES } from '../../src/domain/report/outcomes.ts';
import { findAgency } from '../../src/store/agencies.ts';
import { addUser, startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';

const AT = '2026-01-01T00:00:00.000Z';
const YEARS = [2020, 2021, 2022, 2023];

/** A small seeded PRNG (mulberry32): the same cases on every run and engine. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ctxOf = (user: { id: number; username: string; role: string; agencyId: number | null }) =>
  ({
    actor: { userId: user.id, username: user.username, role: user.role, agencyId: user.agencyId },
    ip: '127.0.0.1',
  }) as Ctx;

async function rejects(p: Promise<unknown>, kind: string, pattern: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, pattern);
    return true;
  });
}

for (const engine of engines()) {
  describe(`report workflow and year locks on ${engine.name}`, () => {
    let db: TestDb;
    let t: TestApp;
    let now = new Date('2022-02-10T02:00:00Z');
    before(async () => {
      db = await engine.create();
      t = await startApp(db, () => now);
    });
    after(async () => {
      await t.close();
      await db.drop();
    });

    test('footprint: a change alters exactly the years whose computed tables change', async () => {
      const agency = (await findAgency(db.store.db, t.agencies.education!))!;
      const rnd = prng(7);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
      const day = () => {
        const y = pick([2019, 2020, 2021, 2022, 2023]);
        const m = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
        return `${y}-${m}-${pick(['01', '15', '28', '31'].slice(0, m === '02' ? 3 : 4))}`;
      };
      const outcomes = OUTCOMES;
      const application = (): ApplicationFacts => {
        const receivedOn = day();
        const decided = rnd() < 0.3 ? null : day();
        const decidedOn = decided !== null && decided < receivedOn ? receivedOn : decided;
        return {
          type: 'application',
          applicantType: pick(APPLICANT_TYPES).code,
          receivedOn,
          decidedOn,
          outcome: decidedOn ? pick(outcomes).code : null,
        };
      };
      const tables = async () => {
        const out = new Map<number, string>();
        for (const y of YEARS) {
          const r = await computeAnnualReport(db.store.db, agency, y, now);
          out.set(y, JSON.stringify([r.table2, r.table3, r.table4]));
        }
        return out;
      };
      let agreed = 0;
      for (let i = 0; i < 40; i++) {
        const a = application();
        // whole new records, and the edits officers make: a decision withdrawn, a decision
        // dated into the next January, a corrected applicant type
        const variant = rnd();
        const nextJanuary = `${Number(a.receivedOn.slice(0, 4)) + 1}-01-05`;
        const b: ApplicationFacts =
          variant < 0.3
            ? application()
            : variant < 0.5
              ? { ...a, decidedOn: null, outcome: null }
              : variant < 0.75
                ? { ...a, decidedOn: nextJanuary, outcome: a.outcome ?? 'disclosed' }
                : { ...a, applicantType: pick(APPLICANT_TYPES).code };
        const caseNumber = `FP-${i}`;
        await db.store.db
          .insertInto('applications')
          .values({
            agency_id: agency.id,
            case_number: caseNumber,
            applicant_type: a.applicantType,
            received_on: a.receivedOn,
            decided_on: a.decidedOn,
            outcome: a.outcome,
            source: 'test',
            created_at: AT,
            updated_at: AT,
          })
          .execute();
        const t1 = await tables();
        await db.store.db
          .updateTable('applications')
          .set({
            applicant_type: b.applicantType,
            received_on: b.receivedOn,
            decided_on: b.decidedOn,
            outcome: b.outcome,
          })
          .where('agency_id', '=', agency.id)
          .where('case_number', '=', caseNumber)
          .execute();
        const t2 = await tables();
        const changed = YEARS.filter((y) => t1.get(y) !== t2.get(y));
        assert.deepEqual(yearsAltered(a, b, YEARS), changed, JSON.stringify({ a, b }));
        if (changed.length) agreed++;
      }
      assert.ok(agreed > 5, 'the sample must include changes that alter some year');
    });

    test('footprint of review cases and documents follows the report’s counting', () => {
      const review: ReviewFacts = {
        type: 'review',
        kind: 'reconsideration',
        filedOn: '2021-11-01',
        result: 'upheld',
        concludedOn: '2022-01-20',
      };
      assert.equal(footprint(review, 2021), 'reconsideration|pending');
      assert.equal(footprint(review, 2022), '');
      // concluding in 2022 a case filed in 2021 leaves 2021 (pending on 31 December) alone
      assert.deepEqual(yearsAltered({ ...review, concludedOn: null }, review, [2021, 2022]), []);
      const doc: DocumentFacts = {
        type: 'document',
        kind: 'normative',
        writtenOn: '2020-12-20',
        publishedOn: '2021-01-05',
        repealedOn: null,
      };
      assert.deepEqual(yearsAltered(doc, { ...doc, repealedOn: '2023-06-01' }, YEARS), [2023]);
      assert.deepEqual(yearsAltered(null, doc, YEARS), [2020, 2021, 2022, 2023]);
    });

    test('submit → return with comment → resubmit → accept → publish → correct, with locks', async () => {
      const officer = await addUser(t, 'wf-officer', 'officer', 'lingxi');
      const approver = await addUser(t, 'wf-approver', 'approver', 'lingxi');
      const supervisor = await addUser(t, 'wf-supervisor', 'supervisor', 'office');
      const stranger = await addUser(t, 'wf-stranger', 'officer', 'yixi');
      const [o, a, s, x] = [officer, approver, supervisor, stranger].map(ctxOf) as Ctx[];
      const id = t.agencies.lingxi!;
      const year = 2021;

      let state = await getReportState(t.deps, o!, id, year);
      assert.equal(state.status, 'draft');
      assert.equal(state.version, 1);
      assert.deepEqual(state.actions, ['submit']);
      assert.ok(state.supervisor, 'the district’s 政务公开办 supervises the township');

      await rejects(actOnReport(t.deps, x!, id, year, 'submit', ''), 'not_found', /找不到/);
      await rejects(actOnReport(t.deps, s!, id, year, 'submit', ''), 'forbidden', /报送审核/);
      state = await actOnReport(t.deps, o!, id, year, 'submit', '');
      assert.equal(state.status, 'submitted');

      // locked while under review: the narrative cannot change
      await rejects(
        saveReportNarrative(t.deps, o!, id, year, { overview: '改', problems: '', other: '' }),
        'conflict',
        /已报送政务公开办审核.*联系政务公开办将报告退回/,
      );
      // but another year stays open
      await saveReportNarrative(t.deps, o!, id, 2022, {
        overview: '2022',
        problems: '',
        other: '',
      });

      await rejects(actOnReport(t.deps, o!, id, year, 'accept', ''), 'forbidden', /审核通过/);
      await rejects(actOnReport(t.deps, s!, id, year, 'return', '  '), 'invalid', /退回意见/);
      state = await actOnReport(t.deps, s!, id, year, 'return', '请补充主动公开情况。');
      assert.equal(state.status, 'returned');
      assert.deepEqual(
        state.events.map((e) => [e.action, e.comment]),
        [
          ['submit', ''],
          ['return', '请补充主动公开情况。'],
        ],
      );
      await saveReportNarrative(t.deps, o!, id, year, {
        overview: '本年度主动公开政府信息 12 条。',
        problems: '',
        other: '',
      });
      await actOnReport(t.deps, o!, id, year, 'submit', '已补充。');
      state = await actOnReport(t.deps, s!, id, year, 'accept', '');
      assert.equal(state.status, 'accepted');
      await rejects(actOnReport(t.deps, o!, id, year, 'publish', ''), 'forbidden', /发布/);
      now = new Date('2022-03-02T02:00:00Z');
      state = await actOnReport(t.deps, a!, id, year, 'publish', '');
      assert.equal(state.status, 'published');
      assert.ok(state.versions[0]?.publishedAt?.startsWith('2022-03-02'));

      await rejects(
        saveReportNarrative(t.deps, o!, id, year, { overview: '改', problems: '', other: '' }),
        'conflict',
        /已发布（第1版）.*发起更正.*更正说明/,
      );
      await rejects(actOnReport(t.deps, o!, id, year, 'correct', ''), 'invalid', /更正说明/);
      state = await actOnReport(t.deps, o!, id, year, 'correct', '更正主动公开条数。');
      assert.equal(state.status, 'draft');
      assert.equal(state.version, 2);
      assert.equal(state.versions[0]?.revisionNote, '更正主动公开条数。');
      await saveReportNarrative(t.deps, o!, id, year, {
        overview: '本年度主动公开政府信息 13 条。',
        problems: '',
        other: '',
      });
      // the published version is frozen: its snapshot still says 12
      const v1 = await db.store.db
        .selectFrom('annual_reports')
        .select('snapshot_json')
        .where('agency_id', '=', id)
        .where('version', '=', 1)
        .executeTakeFirstOrThrow();
      assert.match(v1.snapshot_json ?? '', /12 条/);
      // the publication date of a correction stays the first one (PUB-DEADLINE)
      const agency = (await findAgency(db.store.db, id))!;
      const r = await computeAnnualReport(db.store.db, agency, year, new Date('2022-06-01'));
      assert.equal(r.publication?.publishedOn, '2022-03-02');
      assert.equal(r.publication?.deadline, '2022-03-31');

      // the audit trail has every step
      const audit = await db.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'report.%')
        .where('agency_id', '=', id)
        .execute();
      for (const action of [
        'report.submit',
        'report.return',
        'report.accept',
        'report.publish',
        'report.correct',
      ])
        assert.ok(
          audit.some((e) => e.action === action),
          action,
        );
    });

    test('a township’s own publication deadline (第四十九条 does not name townships)', async () => {
      const id = t.agencies.lingxi!;
      const before = (await findAgency(db.store.db, id))!;
      const input = {
        name: before.name,
        shortName: before.shortName,
        creditCode: before.creditCode,
        address: before.address,
        officeHours: before.officeHours,
        phone: before.phone,
        fax: before.fax,
        email: before.email,
        postcode: before.postcode,
        website: before.website,
      };
      // the form and the CLI parse through the one schema: a malformed date names the field
      assert.throws(
        () => parseInput(agencyUpdateSchema, AGENCY_LABELS, { ...input, reportDeadline: '2-30' }),
        (e: unknown) => e instanceof DomainError && /年度报告发布期限.*02-20/.test(e.message),
      );
      await updateAgency(t.deps, SYSTEM_CTX, id, { ...input, reportDeadline: '02-20' });
      const agency = (await findAgency(db.store.db, id))!;
      assert.equal(agency.reportDeadline, '02-20');
      const r = await computeAnnualReport(db.store.db, agency, 2023, new Date('2024-03-01'));
      assert.equal(r.publication?.deadline, '2024-02-20');
      assert.match(r.publication?.basis ?? '', /本机关设定/);
    });
  });
}
