import { agencyCreateSchema, AGENCY_LABELS } from '../app/agency-input.ts';
import { createAgency } from '../app/create-agency.ts';
import { parseInput } from '../app/input.ts';
import { KIND_LABELS, LEVEL_LABELS } from '../domain/agency.ts';
import { openRuntime } from '../main.ts';
import { listAgencies } from '../store/agencies.ts';
import { parse } from './args.ts';
import { CLI_CTX_ACTOR, UsageError } from './io.ts';
import { resolveAgency } from './resolve-agency.ts';

const s = { type: 'string' } as const;

export async function agencyCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    parse(rest, {});
    const rt = await openRuntime(undefined, { mustExist: true });
    try {
      const agencies = await listAgencies(rt.deps.store.db, 'all');
      for (const a of agencies) {
        console.log(
          [
            a.id,
            a.creditCode,
            a.name,
            KIND_LABELS[a.kind],
            LEVEL_LABELS[a.level],
            a.parentId ?? '-',
          ].join('\t'),
        );
      }
      if (!agencies.length) console.log('（尚无机关）');
      return 0;
    } finally {
      await rt.close();
    }
  }
  if (sub !== 'add') throw new UsageError('用法：gongkai agency add|list …');
  const { values } = parse(rest, {
    name: s,
    'short-name': s,
    kind: s,
    level: s,
    'credit-code': s,
    parent: s,
    address: s,
    'office-hours': s,
    phone: s,
    fax: s,
    email: s,
    postcode: s,
    website: s,
    'report-deadline': s,
  });
  const rt = await openRuntime(undefined, { mustExist: true });
  try {
    const parentId = values.parent
      ? (await resolveAgency(rt.deps.store.db, values.parent)).id
      : undefined;
    const input = parseInput(agencyCreateSchema, AGENCY_LABELS, {
      name: values.name,
      shortName: values['short-name'],
      kind: values.kind,
      level: values.level,
      creditCode: values['credit-code'],
      parentId: parentId === undefined ? '' : String(parentId),
      address: values.address,
      officeHours: values['office-hours'],
      phone: values.phone,
      fax: values.fax,
      email: values.email,
      postcode: values.postcode,
      website: values.website,
      reportDeadline: values['report-deadline'],
    });
    const agency = await createAgency(rt.deps, { actor: CLI_CTX_ACTOR, ip: 'cli' }, input);
    console.log(`已新增机关：${agency.name}（${agency.creditCode}，编号 ${agency.id}）`);
    return 0;
  } finally {
    await rt.close();
  }
}
