import { intakeErasureStream } from '@kesu/intake-contracts';
import { AccessTokens, causationIdOf, type Principal } from '@kesu/platform';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { IDENTITY_INDEX, type IdentityIndexEntry } from '../same-matter/identity-index';
import { type IntakeTestApp, startIntake } from '../registration/registration.test-support';
import { PRIVACY_COMPLAINTS, type PrivacyComplaint } from './privacy-register';

/*
 * Intake in process for the privacy specs (registration.test-support.ts), with what they look at:
 * complaints registered for a person, the erasure and access routes, the identity index, the
 * privacy register and the data keys.
 */

export const ERASURES = '/api/v1/privacy/erasure-requests';
export const ACCESS = '/api/v1/privacy/access-requests';

export interface Complainant {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
  readonly customerId?: string;
}

/** Complaints about different matters, so that one person's complaints are neither duplicates nor repeats. */
export const MATTERS = [
  { subject: { type: 'service', name: '宽带维修' }, description: '约好上门维修宽带，师傅没来也没通知。' },
  { subject: { type: 'billing' }, description: '本月电话费多扣了一百元，没有任何说明。' },
  { subject: { type: 'staff', name: '人民路营业厅' }, description: '营业员态度恶劣，排队两个小时没人理。' },
  { subject: { type: 'product', name: '智能电表' }, description: '新装的智能电表走字特别快，电费翻倍。' },
  {
    subject: { type: 'facility', name: '东门停车场' },
    description: '停车场道闸坏了一周没人修，车开不出去。',
  },
] as const;

export interface PrivacyTestApp extends IntakeTestApp {
  /** Registers a complaint of this complainant about matter `matter` (agent1, branch east-1); its id. */
  complaintOf(complainant: Complainant, matter: number, extra?: object): Promise<string>;
  /** Posts an erasure request (default as admin). */
  erase(
    body: object,
    options?: { as?: string; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** Posts an access request (default as admin). */
  exportFor(
    body: object,
    options?: { as?: string; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** Sends a request with a token of another tenant's administrator. */
  asOtherTenant(method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** The identity-index entries of a complaint. */
  indexEntriesOf(complaintId: string): Promise<IdentityIndexEntry[]>;
  /** The subject ids the complaint's complainant was sealed for. */
  subjectIdsOf(complaintId: string): Promise<string[]>;
  /** Waits until the privacy register has the complaint, ended (or open) as expected. */
  recorded(complaintId: string, ended: boolean): Promise<PrivacyComplaint>;
  /** The events of an erasure request's stream. */
  erasureEvents(requestId: string): ReturnType<IntakeTestApp['store']['readStream']>;
}

export async function startPrivacyApp(start: Date): Promise<PrivacyTestApp> {
  const intake = await startIntake(start);
  const http: FastifyInstance = intake.app.getHttpAdapter().getInstance();
  const { accessToken: otherAdmin } = await intake.app.get(AccessTokens).issueDemoToken({
    id: 'user-acme-admin',
    username: 'acme-admin',
    tenantId: 'acme',
    displayName: { zh: '另一租户管理员', en: 'Another tenant’s administrator' },
    roles: ['admin'],
    branchScope: ['hq'],
  });
  return Object.assign(intake, {
    async complaintOf(complainant: Complainant, matter: number, extra: object = {}) {
      const reply = await intake.register({
        channel: 'hotline',
        branchId: 'east-1',
        complainant,
        ...MATTERS[matter],
        ...extra,
      });
      if (reply.statusCode !== 201) throw new Error(`not registered: ${reply.body}`);
      return (reply.json() as { complaintId: string }).complaintId;
    },
    erase: (body: object, { as = 'admin', headers = {} } = {}) =>
      intake.request('POST', as, ERASURES, { payload: body, headers }),
    exportFor: (body: object, { as = 'admin', headers = {} } = {}) =>
      intake.request('POST', as, ACCESS, { payload: body, headers }),
    asOtherTenant: (method: 'GET' | 'POST', url: string, payload?: object) =>
      http.inject({
        method,
        url,
        headers: { authorization: `Bearer ${otherAdmin}` },
        ...(payload && { payload }),
      }),
    async indexEntriesOf(complaintId: string) {
      const entries = intake.documents.collection<IdentityIndexEntry>(IDENTITY_INDEX);
      return (await entries.find({ tenantId: 'demo', complaintId })).items;
    },
    async subjectIdsOf(complaintId: string) {
      return (await intake.streamOf(complaintId)).flatMap((event) => {
        const data = event.data as {
          complainant?: { subjectId: string };
          corrections?: { complainant?: { subjectId: string } };
        };
        return [data.complainant?.subjectId ?? data.corrections?.complainant?.subjectId ?? []].flat();
      });
    },
    recorded: (complaintId: string, ended: boolean) =>
      intake.eventually(async () => {
        const doc = await intake.documents.collection<PrivacyComplaint>(PRIVACY_COMPLAINTS).get(complaintId);
        return doc && (doc.endedAt !== null) === ended ? doc : undefined;
      }),
    erasureEvents: (requestId: string) => intake.store.readStream(intakeErasureStream(requestId)),
  });
}

/** The digest an unkeyed causation id would hold of a request's body (`causationIdOf`'s last part). */
export function unkeyedDigestOf(action: string, body: object): string {
  const caller = { principal: { tenantId: 'demo', userId: 'user-admin' } as Principal, idempotencyKey: 'k' };
  return causationIdOf(caller, action, body).split('-').pop()!;
}
