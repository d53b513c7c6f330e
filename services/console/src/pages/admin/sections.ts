/** One read (and perhaps edit) of an admin page: a GET of the public API, and the PUT that changes it. */
export interface AdminResource {
  readonly key: string;
  readonly path: string;
  /** Where the list to show as a table sits in the answer (`items`, `rules`…); the JSON otherwise. */
  readonly list?: string;
  /** The PUT that changes it (with the GET's ETag as If-Match). */
  readonly put?: boolean;
}

/** The admin pages: directory, routing, SLA, templates, classification, access log. */
export const ADMIN_SECTIONS: Readonly<Record<string, readonly AdminResource[]>> = {
  directory: [
    { key: 'directory', path: '/api/v1/directory', list: 'people' },
    { key: 'intakeSettings', path: '/api/v1/intake/settings', put: true },
  ],
  routing: [
    { key: 'routing', path: '/api/v1/assignments/routing', put: true },
    { key: 'escalationPolicy', path: '/api/v1/assignments/escalation-policy', put: true },
  ],
  sla: [
    { key: 'slaPolicy', path: '/api/v1/sla/policy', put: true },
    { key: 'calendar', path: `/api/v1/sla/calendars/${new Date().getFullYear()}`, put: true },
  ],
  templates: [
    { key: 'templates', path: '/api/v1/follow-up/templates', list: 'items' },
    { key: 'followUpSettings', path: '/api/v1/follow-up/settings', put: true },
  ],
  classification: [
    { key: 'taxonomy', path: '/api/v1/classification/taxonomy', put: true },
    { key: 'rules', path: '/api/v1/classification/rules', put: true },
    { key: 'classificationSettings', path: '/api/v1/classification/settings', put: true },
    { key: 'models', path: '/api/v1/classification/models' },
  ],
  'access-log': [{ key: 'accessLog', path: '/api/v1/audit/access-log', list: 'items' }],
};

const METADATA = ['version', 'revision', 'lastChange', 'changedBy', 'changedAt', 'updatedAt'];

/** A starting body for a PUT: what the GET answered without its bookkeeping, and a reason to fill in. */
export function editableBody(answer: unknown): Record<string, unknown> {
  if (!answer || typeof answer !== 'object') return { reason: '' };
  const record = answer as Record<string, unknown>;
  const inner =
    record.policy && typeof record.policy === 'object' ? (record.policy as Record<string, unknown>) : record;
  const body = Object.fromEntries(Object.entries(inner).filter(([key]) => !METADATA.includes(key)));
  return { ...body, reason: '' };
}
