/**
 * Demo records of a busy agency (湘桥区人民政府): a few hundred applications a year over
 * 2021–2024 with every applicant type and every outcome, applications open across year ends,
 * reconsideration and litigation with every result, a document register and yearly figures.
 * Generated from a fixed seed, so every start produces the same reports.
 */
import type { Insertable } from 'kysely';
import {
  APPLICANT_TYPES,
  OUTCOMES,
  REVIEW_KINDS,
  REVIEW_RESULTS,
} from '../../domain/report/outcomes.ts';
import { figureKeys } from '../../domain/report/table2-sources.ts';
import {
  insertApplications,
  insertNormativeDocuments,
  insertReviewCases,
} from '../../store/case-records.ts';
import type {
  ApplicationTable,
  NormativeDocumentTable,
  ReviewCaseTable,
} from '../../store/schema.ts';
import { SYSTEM_CTX, type Deps } from '../deps.ts';
import { saveReportNarrative } from '../save-report-narrative.ts';
import { saveYearlyFigures } from '../save-yearly-figures.ts';

export const BUSY_YEARS = [2021, 2022, 2023, 2024] as const;

/** mulberry32: a small deterministic PRNG */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function seedBusyAgency(deps: Deps, agencyId: number): Promise<void> {
  const rnd = prng(20211231);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const at = deps.now().toISOString();
  const apps: Insertable<ApplicationTable>[] = [];
  for (const year of BUSY_YEARS) {
    const start = Date.parse(`${year}-01-01T00:00:00Z`);
    const count = 220 + Math.floor(rnd() * 80);
    for (let i = 0; i < count; i++) {
      // the first applications of each year walk through every outcome and applicant type
      const outcome =
        i < OUTCOMES.length ? OUTCOMES[i]! : pick(OUTCOMES.slice(0, 4).concat(OUTCOMES));
      const type =
        i < APPLICANT_TYPES.length
          ? APPLICANT_TYPES[i]!
          : rnd() < 0.85
            ? APPLICANT_TYPES[0]
            : pick(APPLICANT_TYPES);
      const received = start + Math.floor(rnd() * 365) * DAY;
      const decided = received + (1 + Math.floor(rnd() * 40)) * DAY;
      const last = year === BUSY_YEARS[BUSY_YEARS.length - 1];
      const open = last && decided > Date.parse(`${year}-12-31T00:00:00Z`);
      apps.push({
        agency_id: agencyId,
        case_number: `湘府依申〔${year}〕${String(i + 1).padStart(4, '0')}号`,
        applicant_type: type.code,
        received_on: iso(received),
        outcome: open ? null : outcome.code,
        decided_on: open ? null : iso(decided),
        source: 'demo',
        created_at: at,
        updated_at: at,
      });
    }
  }
  const reviews: Insertable<ReviewCaseTable>[] = [];
  let k = 0;
  for (const year of BUSY_YEARS) {
    for (const kind of REVIEW_KINDS) {
      for (const result of REVIEW_RESULTS) {
        const times = 1 + Math.floor(rnd() * 3);
        for (let t = 0; t < times; t++) {
          k++;
          const filed = Date.parse(`${year}-01-15T00:00:00Z`) + Math.floor(rnd() * 300) * DAY;
          reviews.push({
            agency_id: agencyId,
            case_number: `${kind.label}-${year}-${k}`,
            kind: kind.code,
            filed_on: iso(filed),
            // a pending case has no conclusion yet; the others concluded within the year
            result: result.code,
            concluded_on:
              result.code === 'pending'
                ? null
                : iso(Math.min(filed + 40 * DAY, Date.parse(`${year}-12-31T00:00:00Z`))),
            source: 'demo',
            created_at: at,
            updated_at: at,
          });
        }
      }
    }
  }
  const documents: Insertable<NormativeDocumentTable>[] = [];
  for (let i = 1; i <= 40; i++) {
    const written = Date.parse('2019-03-01T00:00:00Z') + Math.floor(rnd() * 2000) * DAY;
    const repealed = rnd() < 0.25 ? iso(written + (200 + Math.floor(rnd() * 600)) * DAY) : null;
    documents.push({
      agency_id: agencyId,
      kind: 'normative',
      title: `湘桥区行政规范性文件第${i}号`,
      document_number: `湘府规〔${new Date(written).getUTCFullYear()}〕${i}号`,
      written_on: iso(written),
      published_on: iso(written + 7 * DAY),
      repealed_on: repealed,
      created_at: at,
      updated_at: at,
    });
  }
  await deps.store.db.transaction().execute(async (tx) => {
    await insertApplications(tx, apps);
    await insertReviewCases(tx, reviews);
    await insertNormativeDocuments(tx, documents);
  });
  for (const year of BUSY_YEARS) {
    const figures = Object.fromEntries(
      figureKeys('2021').map((key) => [
        key,
        key === 'fees.amount_wan'
          ? (100 + rnd() * 50).toFixed(4)
          : String(Math.floor(500 + rnd() * 5000)),
      ]),
    );
    await saveYearlyFigures(
      deps,
      SYSTEM_CTX,
      agencyId,
      year,
      figures,
      '湘桥区政务服务数据管理局年度统计（演示数据）',
    );
    await saveReportNarrative(deps, SYSTEM_CTX, agencyId, year, BUSY_NARRATIVES[year]);
  }
}

/** Each year's narrative says something of its own (evaluators flag reports copied year to year). */
const BUSY_NARRATIVES: Record<
  (typeof BUSY_YEARS)[number],
  { overview: string; problems: string; other: string }
> = {
  2021: {
    overview:
      '2021年，湘桥区人民政府贯彻落实《中华人民共和国政府信息公开条例》，首次按照新的年度报告格式编制报告。主动公开方面，围绕疫情防控和复工复产发布政策文件及解读；依申请公开方面，统一了受理登记和答复文书；政府信息管理方面，清理了历年行政规范性文件；平台建设方面，改版了区政府网站政府信息公开专栏；监督保障方面，将政务公开纳入年度绩效考核。',
    problems:
      '部分单位对依申请公开的答复期限把握不准，个别答复书援引条款不规范。下一步将组织专题培训，建立答复文书审核制度。',
    other: '本年度没有收取信息处理费。人大代表建议和政协提案办理结果已按要求公开。',
  },
  2022: {
    overview:
      '2022年，湘桥区人民政府以优化营商环境为重点推进政府信息公开。主动公开方面，集中公开涉企收费清单和惠企政策；依申请公开方面，推行网上申请全程留痕；政府信息管理方面，建立政府信息公开属性源头认定机制；平台建设方面，完成政府信息公开目录与政务服务平台的对接；监督保障方面，开展社会评议并对评议意见逐条整改。',
    problems:
      '政策解读形式较为单一，图解、视频解读数量偏少。下一步将丰富解读形式，提高解读的针对性和可读性。',
    other: '全年未收取信息处理费。区政府年度政务公开工作要点确定的任务均已完成。',
  },
  2023: {
    overview:
      '2023年，湘桥区人民政府聚焦基层政务公开标准化规范化建设。主动公开方面，乡镇（街道）全面公开基层政务公开标准目录事项；依申请公开方面，对复议、诉讼中暴露的问题开展案例复盘；政府信息管理方面，完成行政规范性文件有效性标注；平台建设方面，在村（社区）推广政务公开栏和线上公开相结合；监督保障方面，开展政务公开工作考核并通报结果。',
    problems: '基层政务公开标准目录的动态更新不够及时。下一步将建立目录定期更新和抽查机制。',
    other: '本年度未收取信息处理费，政务公开工作考核结果已在区政府门户网站公布。',
  },
  2024: {
    overview:
      '2024年，湘桥区人民政府推进政府信息公开与数字政府建设深度融合。主动公开方面，重大行政决策事项在作出前公开征求意见；依申请公开方面，年底前受理尚未办结的申请已结转下年度继续办理；政府信息管理方面，建立公开前保密审查台账；平台建设方面，上线政府信息公开全文检索；监督保障方面，落实工作考核、社会评议和责任追究制度。',
    problems:
      '少数申请办理接近法定期限，办理效率有待提升。下一步将加强期限预警，压实承办单位责任。',
    other: '依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。',
  },
};
