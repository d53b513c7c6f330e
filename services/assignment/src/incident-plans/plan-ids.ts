import { v5 as uuidv5 } from 'uuid';

/** The namespace plan ids are derived in (uuid v5). */
const PLAN_NAMESPACE = '6f1c2a8e-3b7d-5e4f-9a0b-1c2d3e4f5a6b';

/** The plan of a detected incident: one per incident, the same id however often the detection is delivered. */
export const planIdOfIncident = (tenantId: string, incidentId: string): string =>
  uuidv5(`incident:${tenantId}:${incidentId}`, PLAN_NAMESPACE);

/** The plan a declaration opens: derived from its Idempotency-Key, so a retried request finds it. */
export const planIdOfRequest = (requestKey: string): string =>
  uuidv5(`request:${requestKey}`, PLAN_NAMESPACE);

/** What a plan id looks like (any uuid). */
export const PLAN_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
