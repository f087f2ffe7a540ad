import { checkCreditCode } from '../domain/credit-code.ts';
import { findAgencyByCode, findAgencyByName, type Agency } from '../store/agencies.ts';
import type { Db } from '../store/database.ts';
import { UsageError } from './io.ts';

/** An agency named by its credit code or its full name. */
export async function resolveAgency(db: Db, ref: string): Promise<Agency> {
  const check = checkCreditCode(ref);
  const agency = check.ok
    ? await findAgencyByCode(db, check.code)
    : await findAgencyByName(db, ref.trim());
  if (!agency)
    throw new UsageError(
      `找不到机关“${ref}”：请用统一社会信用代码或机关全称（gongkai agency list 可查看）。`,
    );
  return agency;
}
