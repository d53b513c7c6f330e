export { AnalyticsModule } from './analytics.module';
export { complaintViewProjection, COMPLAINT_VIEWS } from './complaint-view/complaint-view.projection';
export { analyticsEventsProvider } from './analytics-events';
