import { Module } from '@nestjs/common';
import { clockProviders } from './clocks';
import { SlaPolicies } from './policy/sla-policies';
import { slaEventsProvider } from './sla-events';

/** The SLA service's providers: its event types, the tenants' policies, the clocks and their scheduler. */
export const slaProviders = [slaEventsProvider, SlaPolicies, ...clockProviders];

/** SLA: owns every complaint's clocks, fires their warnings and breaches, and holds the tenants' SLA policies. */
@Module({ providers: slaProviders })
export class SlaModule {}
