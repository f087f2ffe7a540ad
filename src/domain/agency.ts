/**
 * Agencies (行政机关) and their hierarchy: province → city → county/district → township,
 * departments under a government, and the supervising office (政务公开办) attached to a
 * government, which supervises the agencies below that government.
 */
export const AGENCY_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const AGENCY_KINDS = ['government', 'department', 'office'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const LEVEL_LABELS: Record<AgencyLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县（区）级',
  township: '乡镇（街道）级',
};

export const KIND_LABELS: Record<AgencyKind, string> = {
  government: '人民政府',
  department: '政府部门',
  office: '政务公开办（主管部门）',
};

export interface AgencyNode {
  id: number;
  parentId: number | null;
  kind: AgencyKind;
  level: AgencyLevel;
}

/** The level a government directly under a government of `parentLevel` has. */
export function childGovernmentLevel(parentLevel: AgencyLevel): AgencyLevel | null {
  const i = AGENCY_LEVELS.indexOf(parentLevel);
  return AGENCY_LEVELS[i + 1] ?? null;
}

/**
 * Where an agency of `kind` may sit. Returns the level it takes, or a Chinese message
 * saying why the placement is wrong. A department and an office carry their government's
 * level (glossary: "a department carries its government's level").
 */
export function placeAgency(
  kind: AgencyKind,
  requestedLevel: AgencyLevel | null,
  parent: Pick<AgencyNode, 'kind' | 'level'> | null,
): { ok: true; level: AgencyLevel } | { ok: false; message: string } {
  if (kind === 'government') {
    if (!parent) {
      return requestedLevel
        ? { ok: true, level: requestedLevel }
        : { ok: false, message: '请选择层级。' };
    }
    if (parent.kind !== 'government') {
      return { ok: false, message: '人民政府的上级必须是人民政府。' };
    }
    const level = childGovernmentLevel(parent.level);
    if (!level) return { ok: false, message: '乡镇（街道）人民政府之下不能再设人民政府。' };
    if (requestedLevel && requestedLevel !== level) {
      return {
        ok: false,
        message: `上级为${LEVEL_LABELS[parent.level]}人民政府，本机关应为${LEVEL_LABELS[level]}。`,
      };
    }
    return { ok: true, level };
  }
  if (!parent || parent.kind !== 'government') {
    return { ok: false, message: `${KIND_LABELS[kind]}必须隶属于一个人民政府，请选择上级机关。` };
  }
  return { ok: true, level: parent.level };
}

/** Ids of `rootId` and every agency below it. */
export function subtreeIds(nodes: readonly AgencyNode[], rootId: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const out = new Set<number>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop() as number;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** True when making `parentId` the parent of `id` would create a cycle. */
export function wouldCreateCycle(
  nodes: readonly AgencyNode[],
  id: number,
  parentId: number | null,
): boolean {
  return parentId !== null && subtreeIds(nodes, id).has(parentId);
}
