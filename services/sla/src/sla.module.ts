import { Module } from '@nestjs/common';
import { clockProviders } from './clocks';
import { DecideExtensionHandler, RequestExtensionHandler } from './extensions/extensions';
import { ExtensionsController } from './extensions/extensions.controller';
import { policyControllers, policyProviders } from './policy';
import { slaEventsProvider } from './sla-events';

/** The SLA service's providers: its event types, the tenants' policies, the clocks and their scheduler. */
export const slaProviders = [
  slaEventsProvider,
  ...policyProviders,
  ...clockProviders,
  RequestExtensionHandler,
  DecideExtensionHandler,
];

/** The SLA service's routes. */
export const slaControllers = [...policyControllers, ExtensionsController];

/** SLA: owns every complaint's clocks, fires their warnings and breaches, and holds the tenants' SLA policies. */
@Module({ controllers: slaControllers, providers: slaProviders })
export class SlaModule {}
