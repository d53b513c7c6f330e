import { type ActionSpec, withoutBlanks } from './action-spec';

const REMEDIES = [
  'apology',
  'explanation',
  'refund',
  'compensation',
  'discount',
  'gift_or_free_service',
  'redo',
  'on_site_repair',
  'improvement_commitment',
];
const ROOT_CAUSES = [
  'staff_attitude',
  'process_gap',
  'product_defect',
  'equipment_fault',
  'billing_error',
  'communication_gap',
  'third_party',
  'customer_misunderstanding',
];

interface Remedy {
  type: string;
  amount?: number;
  currency?: string;
}

/** The remedies of the case's current proposal. */
export const remediesOf = (proposal: Record<string, unknown> | null | undefined): Remedy[] =>
  (proposal?.remedies as Remedy[] | undefined) ?? [];

const remedies = (values: Record<string, unknown>) =>
  ((values.remedies as Remedy[] | undefined) ?? []).map((r) =>
    r.amount ? { type: r.type, amount: r.amount, currency: 'CNY' } : { type: r.type },
  );

/** Case work's actions (`allowedActions` of the case names those the lifecycle allows now). */
export const CASE_ACTIONS: Readonly<Record<string, ActionSpec>> = {
  plan_investigation: {
    key: 'plan_investigation',
    path: 'investigation',
    revision: 'case',
    fields: [{ name: 'plan', kind: 'textarea', required: true }],
  },
  add_note: {
    key: 'add_note',
    path: 'notes',
    revision: 'case',
    fields: [{ name: 'text', kind: 'textarea', required: true }],
  },
  add_evidence: {
    key: 'add_evidence',
    path: 'evidence',
    revision: 'case',
    fields: [
      {
        name: 'referenceType',
        kind: 'select',
        required: true,
        options: ['transaction', 'service_log', 'cctv', 'staff_interview', 'document', 'other'],
      },
      { name: 'reference', kind: 'text', required: true },
    ],
  },
  record_contact: {
    key: 'record_contact',
    path: 'contacts',
    revision: 'case',
    fields: [
      {
        name: 'channel',
        kind: 'select',
        required: true,
        options: ['phone', 'sms', 'email', 'in_person', 'letter', 'in_app'],
      },
      { name: 'reached', kind: 'boolean' },
      { name: 'note', kind: 'textarea' },
    ],
    body: (v) => withoutBlanks({ ...v, reached: v.reached === true }),
  },
  start_waiting: {
    key: 'start_waiting',
    path: 'waiting',
    revision: 'case',
    fields: [
      { name: 'reason', kind: 'select', required: true, options: ['customer', 'external_appraisal'] },
      { name: 'note', kind: 'textarea' },
    ],
  },
  end_waiting: {
    key: 'end_waiting',
    path: 'waiting/end',
    revision: 'case',
    fields: [{ name: 'note', kind: 'textarea' }],
  },
  record_finding: {
    key: 'record_finding',
    path: 'findings',
    revision: 'case',
    fields: [
      { name: 'facts', kind: 'textarea', required: true },
      { name: 'rootCause', kind: 'select', required: true, options: ROOT_CAUSES },
      {
        name: 'responsibility',
        kind: 'select',
        required: true,
        options: ['company_at_fault', 'partly_at_fault', 'not_at_fault', 'customer_misunderstanding'],
      },
      { name: 'staffInvolved', kind: 'tags' },
    ],
    body: (v) => ({ ...withoutBlanks(v), staffInvolved: (v.staffInvolved as string[] | undefined) ?? [] }),
  },
  submit_proposal: {
    key: 'submit_proposal',
    path: 'resolution-proposals',
    revision: 'case',
    fields: [
      { name: 'remedies', kind: 'remedies', required: true, options: REMEDIES },
      { name: 'rationale', kind: 'textarea', required: true },
    ],
    body: (v) => ({ remedies: remedies(v), rationale: v.rationale }),
    initial: () => ({ remedies: [{ type: 'apology' }] }),
  },
  revise_proposal: {
    key: 'revise_proposal',
    path: 'resolution-proposals/revisions',
    revision: 'case',
    fields: [
      { name: 'remedies', kind: 'remedies', required: true, options: REMEDIES },
      { name: 'rationale', kind: 'textarea', required: true },
    ],
    body: (v) => ({ remedies: remedies(v), rationale: v.rationale }),
    initial: ({ proposal }) => ({
      remedies: (proposal?.remedies as Remedy[] | undefined) ?? [{ type: 'apology' }],
    }),
  },
  decide_proposal: {
    key: 'decide_proposal',
    path: 'approvals',
    revision: 'case',
    fields: [
      { name: 'decision', kind: 'select', required: true, options: ['approve', 'forward', 'reject'] },
      { name: 'comment', kind: 'textarea' },
    ],
  },
  make_offer: { key: 'make_offer', path: 'negotiation/offers', revision: 'case', fields: [] },
  record_customer_response: {
    key: 'record_customer_response',
    path: 'negotiation/responses',
    revision: 'case',
    fields: [
      {
        name: 'response',
        kind: 'select',
        required: true,
        options: ['accepted', 'counter_offer', 'declined'],
      },
      { name: 'demand', kind: 'text' },
      { name: 'amount', kind: 'number' },
      { name: 'note', kind: 'textarea' },
    ],
  },
  refer: {
    key: 'refer',
    path: 'referrals',
    revision: 'case',
    fields: [
      { name: 'to', kind: 'select', required: true, options: ['mediation', 'court'] },
      { name: 'organisation', kind: 'text', required: true },
      { name: 'reference', kind: 'text' },
      { name: 'note', kind: 'textarea' },
    ],
  },
  execute: {
    key: 'execute',
    path: 'execution',
    revision: 'case',
    fields: [
      { name: 'references', kind: 'references', required: true },
      { name: 'note', kind: 'textarea' },
    ],
    body: (v, { proposal }) =>
      withoutBlanks({
        references: remediesOf(proposal).map((r, i) => ({
          type: r.type,
          reference: (v.references as Record<string, string> | undefined)?.[String(i)] ?? '',
        })),
        note: v.note,
      }),
  },
  resolve: {
    key: 'resolve',
    path: 'resolve',
    revision: 'case',
    fields: [{ name: 'summary', kind: 'textarea', required: true }],
  },
};
