import { topicForCategory } from '@kesu/kernel';

/** The stream category intake writes under: its streams and topic are named after it. */
export const INTAKE_CATEGORY = 'intake';

/** The topic intake's events are published to. */
export const INTAKE_TOPIC = topicForCategory(INTAKE_CATEGORY);

/** Intake's stream of one complaint (`intake-complaint-<id>`). */
export const intakeStream = (complaintId: string): string => `${INTAKE_CATEGORY}-complaint-${complaintId}`;

/** A tenant's intake settings stream (`intake-settings-<tenant>`): every change of its intake policy. */
export const intakeSettingsStream = (tenantId: string): string => `${INTAKE_CATEGORY}-settings-${tenantId}`;

/** One erasure of a data subject's personal data (`intake-erasure-<requestId>`). */
export const intakeErasureStream = (requestId: string): string => `${INTAKE_CATEGORY}-erasure-${requestId}`;

/** One export of a data subject's personal data (`intake-access-<requestId>`). */
export const intakeAccessStream = (requestId: string): string => `${INTAKE_CATEGORY}-access-${requestId}`;
