import type { RouteCase } from '../route-matrix.test-support';
import { analyticsRoutes } from './analytics.routes';
import { assignmentRoutes } from './assignment.routes';
import { caseRoutes } from './case.routes';
import { classificationRoutes } from './classification.routes';
import { directoryRoutes } from './directory.routes';
import { escalationRoutes } from './escalation.routes';
import { followUpRoutes } from './follow-up.routes';
import { intakeRoutes } from './intake.routes';
import { platformRoutes } from './platform.routes';
import { privacyRoutes } from './privacy.routes';
import { slaRoutes } from './sla.routes';

/** Every route of the matrix, by service area. */
export const ROUTES: readonly RouteCase[] = [
  ...platformRoutes,
  ...intakeRoutes,
  ...privacyRoutes,
  ...analyticsRoutes,
  ...classificationRoutes,
  ...directoryRoutes,
  ...assignmentRoutes,
  ...escalationRoutes,
  ...slaRoutes,
  ...caseRoutes,
  ...followUpRoutes,
];
