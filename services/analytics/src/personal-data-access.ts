import { Inject, Injectable } from '@nestjs/common';
import { intakeStream } from '@kesu/intake-contracts';
import { EVENT_STORE, OrgDirectory, type Principal, Role } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { ComplaintScope } from './complaint-scope';

/**
 * Roles that work with complainants and may see their personal data (保密原则): their details, the
 * location, a social-media account, the mentions the tenant marks in free text, and any id derived
 * from the person. Analysts and regulators read complaints without it.
 */
export const SEES_PERSONAL_DATA: ReadonlySet<string> = new Set([
  Role.agent,
  Role.handler,
  Role.supervisor,
  Role.branchManager,
  Role.director,
  Role.admin,
]);

/** Whether the caller may see personal data (one of their roles does). */
export const seesPersonalData = (principal: Principal): boolean =>
  principal.roles.some((role) => SEES_PERSONAL_DATA.has(role));

/** A complaint outside the caller's scope, as it may be named to them: the branch that has it. */
export interface ElsewhereRef {
  readonly branchId: string;
  readonly branchName: { readonly zh: string; readonly en: string };
}

/**
 * Where the complaints a complaint links to (the one it was merged into or repeats, its duplicates)
 * lie for the caller: those outside their scope are named by their branch only — a caller who gets
 * 404 for a complaint learns neither its id nor its reference through another.
 */
@Injectable()
export class LinkedComplaints {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scope: ComplaintScope,
    private readonly directory: OrgDirectory,
  ) {}

  /** The linked complaints outside the caller's scope, each with its branch (read from its registration). */
  async outside(principal: Principal, complaintIds: Iterable<string>): Promise<Map<string, ElsewhereRef>> {
    const outside = new Map<string, ElsewhereRef>();
    for (const complaintId of new Set(complaintIds)) {
      const [first] = await this.store.readStream(intakeStream(complaintId), { maxCount: 1 });
      if (first && this.scope.covers(principal, first)) continue;
      const branchId = first?.tenantId === principal.tenantId ? first.branchId : 'unknown';
      const name = this.directory.unit(principal.tenantId, branchId)?.name;
      outside.set(complaintId, { branchId, branchName: name ?? { zh: branchId, en: branchId } });
    }
    return outside;
  }
}
