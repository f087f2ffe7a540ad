/**
 * The public 政府信息公开年报 column of an agency: its published annual reports, each shown as
 * published (the frozen snapshot), with the publication date, the revision note of every
 * correction and links to the earlier versions, and downloads of the same report.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../../app/deps.ts';
import { getPublishedReport, type PublishedEntry } from '../../../app/get-published-report.ts';
import { formatChinaTime } from '../../../domain/china-time.ts';
import { notFound } from '../../../domain/errors.ts';
import type { AnnualReport } from '../../../domain/report/model.ts';
import { renderDocx } from '../../../reports/docx.ts';
import { renderHtml } from '../../../reports/html.ts';
import { toJson } from '../../../reports/json.ts';
import { renderText } from '../../../reports/txt.ts';
import { findAgencyByCode, type Agency } from '../../../store/agencies.ts';
import { html, type SafeHtml } from '../../html.ts';
import { page } from '../../layout.ts';
import type { PageCache } from '../../page-cache.ts';

const HTML = 'text/html; charset=utf-8';
const day = (iso: string) => formatChinaTime(iso).slice(0, 10);

async function agencyOf(deps: Deps, code: string): Promise<Agency> {
  const agency = /^[0-9A-Z]{18}$/.test(code)
    ? await findAgencyByCode(deps.store.db, code)
    : undefined;
  if (!agency) throw notFound('该机关不存在，请从首页的机关列表进入。');
  return agency;
}

function yearParam(req: FastifyRequest): number {
  const raw = (req.params as { year?: string }).year ?? '';
  if (!/^20[0-9]{2}$/.test(raw)) throw notFound('没有该年度的报告。');
  return Number(raw);
}

function versionParam(req: FastifyRequest): number | undefined {
  const raw = (req.query as { version?: string }).version;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9][0-9]{0,3}$/.test(raw)) throw notFound('没有这一版本。');
  return Number(raw);
}

/** The 年报 column as a section of the agency's public page. */
export function reportColumn(agency: Agency, entries: readonly PublishedEntry[]): SafeHtml {
  const latest = entries.filter((e, i) => entries.findIndex((x) => x.year === e.year) === i);
  return html`<section aria-labelledby="s-reports">
    <h2 id="s-reports">政府信息公开工作年度报告</h2>
    ${
      latest.length
        ? html`<ul class="report-list">
            ${latest.map(
              (e) =>
                html`<li>
                  <a href="/agencies/${agency.creditCode}/reports/${e.year}"
                    >${agency.name}${e.year}年政府信息公开工作年度报告</a
                  >
                  <span class="meta"
                    >发布日期：${day(e.publishedAt)}${e.version > 1 ? `（已更正，第${e.version}版）` : ''}</span
                  >
                </li>`,
            )}
          </ul>`
        : html`<p>尚未发布年度报告。</p>`
    }
  </section>`;
}

const DOWNLOADS: Record<
  string,
  { type: string; ext: string; render: (r: AnnualReport) => Promise<Buffer> | string }
> = {
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    render: renderDocx,
  },
  txt: { type: 'text/plain; charset=utf-8', ext: 'txt', render: renderText },
  json: {
    type: 'application/json; charset=utf-8',
    ext: 'json',
    render: (r) => `${JSON.stringify(toJson(r), null, 2)}\n`,
  },
};

export function annualReportRoutes(app: FastifyInstance, deps: Deps, cache: PageCache): void {
  app.get('/agencies/:code/reports/:year', async (req, reply) => {
    const code = (req.params as { code: string }).code;
    const year = yearParam(req);
    const version = versionParam(req);
    // the key is built from the validated parameters, so stray query strings share one entry
    const key = `/agencies/${code}/reports/${year}?version=${version ?? ''}`;
    const cached = cache.get(key);
    if (cached) return reply.type(HTML).send(cached);
    const agency = await agencyOf(deps, code);
    const { report, entry, versions } = await getPublishedReport(deps, agency.id, year, version);
    const newest = versions[0]?.version ?? entry.version;
    const base = `/agencies/${agency.creditCode}/reports/${year}`;
    const v = entry.version === newest ? '' : `&amp;version=${entry.version}`;
    const body = html`<p class="meta">
        <a href="/agencies/${agency.creditCode}">${agency.name}政府信息公开</a> ›
        政府信息公开工作年度报告
      </p>
      ${
        entry.version !== newest
          ? html`<div class="alert" role="alert">
              这是第${entry.version}版，已被更正。<a href="${base}">查看最新版本</a>
            </div>`
          : ''
      }
      <dl class="facts">
        <dt>发布日期</dt>
        <dd>${day(entry.publishedAt)}</dd>
        ${versions
          .filter((x) => x.revisionNote && x.version <= entry.version)
          .map(
            (x) =>
              html`<dt>更正说明（第${x.version}版，${day(x.publishedAt)}）</dt>
                <dd>${x.revisionNote}</dd>`,
          )}
        ${
          versions.length > 1
            ? html`<dt>历史版本</dt>
                <dd>
                  ${versions.map((x) =>
                    x.version === entry.version
                      ? html`<strong>第${x.version}版</strong> `
                      : html`<a href="${base}?version=${x.version}">第${x.version}版</a> `,
                  )}
                </dd>`
            : ''
        }
        <dt>下载</dt>
        <dd>
          ${Object.keys(DOWNLOADS).map(
            (f) => html`<a href="${base}/download?format=${f}${v}">${f.toUpperCase()}</a> `,
          )}
        </dd>
      </dl>
      ${renderHtml(report)}`;
    const out = page({
      title: `${year}年政府信息公开工作年度报告`,
      siteName: agency.name,
      body,
    });
    cache.set(key, out);
    return reply.type(HTML).send(out);
  });

  app.get('/agencies/:code/reports/:year/download', async (req, reply) => {
    const agency = await agencyOf(deps, (req.params as { code: string }).code);
    const year = yearParam(req);
    const d = DOWNLOADS[(req.query as { format?: string }).format ?? ''];
    if (!d) throw notFound('不支持该下载格式。');
    const { report, entry } = await getPublishedReport(deps, agency.id, year, versionParam(req));
    const name = `${agency.name}${year}年政府信息公开工作年度报告${entry.version > 1 ? `（第${entry.version}版）` : ''}.${d.ext}`;
    return reply
      .type(d.type)
      .header(
        'content-disposition',
        `attachment; filename="report-${year}.${d.ext}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .send(await d.render(report));
  });
}
