/**
 * Demo data for `npm start`: 潮州市人民政府 → 湘桥区人民政府 with its 政务公开办 → 意溪镇人民政府
 * (and a second township to show isolation) and one 区 department. The credit codes are
 * fictitious but carry correct GB 32100 check characters. Runs only on an empty database.
 */
import type { AgencyKind } from '../domain/agency.ts';
import { listAgencyNodes } from '../store/agencies.ts';
import type { AgencyCreateInput } from './agency-input.ts';
import { createAgency } from './create-agency.ts';
import { figureKeys } from '../domain/report/table2-sources.ts';
import { SYSTEM_CTX, type Deps } from './deps.ts';
import { BUSY_YEARS, seedBusyAgency } from './demo/busy-agency.ts';
import { actOnReport } from './report-workflow.ts';
import { YIXI_2020_NARRATIVE } from './demo/yixi-2020.ts';
import { saveReportNarrative } from './save-report-narrative.ts';
import { saveYearlyFigures } from './save-yearly-figures.ts';

export { SYSTEM_CTX } from './deps.ts';

interface DemoAgency {
  key: string;
  parent: string | null;
  name: string;
  shortName: string;
  kind: AgencyKind;
  creditCode: string;
  address: string;
  phone: string;
  postcode: string;
  website: string;
}

const XQ_SITE = 'http://www.xiangqiao.gov.cn';
export const DEMO_AGENCIES: readonly DemoAgency[] = [
  {
    key: 'city',
    parent: null,
    name: '潮州市人民政府',
    shortName: '潮州市政府',
    kind: 'government',
    creditCode: '11445100007234501E',
    address: '广东省潮州市枫春路',
    phone: '0768-2283000',
    postcode: '521000',
    website: 'http://www.chaozhou.gov.cn',
  },
  {
    key: 'district',
    parent: 'city',
    name: '潮州市湘桥区人民政府',
    shortName: '湘桥区政府',
    kind: 'government',
    creditCode: '11445102007235012A',
    address: '广东省潮州市湘桥区新桥路',
    phone: '0768-2202000',
    postcode: '521000',
    website: XQ_SITE,
  },
  {
    key: 'office',
    parent: 'district',
    name: '潮州市湘桥区人民政府办公室（区政务公开办）',
    shortName: '湘桥区政务公开办',
    kind: 'office',
    creditCode: '11445102MB2C87643P',
    address: '广东省潮州市湘桥区新桥路',
    phone: '0768-2202001',
    postcode: '521000',
    website: XQ_SITE,
  },
  {
    key: 'yixi',
    parent: 'district',
    name: '潮州市湘桥区意溪镇人民政府',
    shortName: '意溪镇政府',
    kind: 'government',
    creditCode: '11445102007236021F',
    address: '广东省潮州市湘桥区意溪镇堤头',
    phone: '0768-2318000',
    postcode: '521031',
    website: XQ_SITE,
  },
  {
    key: 'lingxi',
    parent: 'district',
    name: '潮州市湘桥区磷溪镇人民政府',
    shortName: '磷溪镇政府',
    kind: 'government',
    creditCode: '11445102007238055D',
    address: '广东省潮州市湘桥区磷溪镇',
    phone: '0768-2530000',
    postcode: '521031',
    website: XQ_SITE,
  },
  {
    key: 'education',
    parent: 'district',
    name: '潮州市湘桥区教育局',
    shortName: '湘桥区教育局',
    kind: 'department',
    creditCode: '11445102007237040M',
    address: '广东省潮州市湘桥区西荣路',
    phone: '0768-2202300',
    postcode: '521000',
    website: XQ_SITE,
  },
];

/** Seeds the demo hierarchy when there is no agency yet. Returns the number of agencies made. */
export async function seedDemo(deps: Deps): Promise<number> {
  if ((await listAgencyNodes(deps.store.db)).length > 0) return 0;
  const ids = new Map<string, number>();
  for (const a of DEMO_AGENCIES) {
    const input: AgencyCreateInput = {
      name: a.name,
      shortName: a.shortName,
      kind: a.kind,
      level: a.parent === null ? 'city' : null,
      creditCode: a.creditCode,
      parentId: a.parent === null ? null : (ids.get(a.parent) ?? null),
      address: a.address,
      officeHours: '周一至周五 上午 8:30–12:00，下午 14:30–17:30（法定节假日除外）',
      phone: a.phone,
      fax: '',
      email: '',
      postcode: a.postcode,
      website: a.website,
    };
    const created = await createAgency(deps, SYSTEM_CTX, input);
    ids.set(a.key, created.id);
  }
  await seedYixiReports(deps, ids.get('yixi') as number);
  await seedBusyAgency(deps, ids.get('district') as number);
  // the published history: 意溪镇 2020 (as in the example), the district's 2021–2024 reports
  await publishAt(deps, ids.get('yixi') as number, 2020, '2021-01-26');
  for (const year of BUSY_YEARS)
    await publishAt(deps, ids.get('district') as number, year, `${year + 1}-03-2${year % 7}`);
  return DEMO_AGENCIES.length;
}

/**
 * 意溪镇's 2020 report as published: its narrative, no applications and no cases (so table 三
 * and 四 compute to 0), and 0 for every yearly figure of the 2019 format; for 2021, the 2021
 * format's figures. The source is recorded with each figure.
 */
async function seedYixiReports(deps: Deps, yixi: number): Promise<void> {
  await saveReportNarrative(deps, SYSTEM_CTX, yixi, 2020, YIXI_2020_NARRATIVE);
  const zeros = (format: '2019' | '2021') =>
    Object.fromEntries(figureKeys(format).map((k) => [k, '0']));
  await saveYearlyFigures(
    deps,
    SYSTEM_CTX,
    yixi,
    2020,
    zeros('2019'),
    '意溪镇2020年政府信息公开工作年度报告（已发布）',
  );
  await saveYearlyFigures(deps, SYSTEM_CTX, yixi, 2021, zeros('2021'), '演示数据');
}

/**
 * Takes a report through the workflow as it happened: submitted and accepted a week before
 * `day`, published on `day` (China time, 10:00).
 */
async function publishAt(deps: Deps, agencyId: number, year: number, day: string): Promise<void> {
  const at = (d: string) => ({ ...deps, now: () => new Date(`${d}T02:00:00.000Z`) });
  const week = new Date(Date.parse(`${day}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  await actOnReport(at(week), SYSTEM_CTX, agencyId, year, 'submit', '');
  await actOnReport(at(week), SYSTEM_CTX, agencyId, year, 'accept', '');
  await actOnReport(at(day), SYSTEM_CTX, agencyId, year, 'publish', '');
}
