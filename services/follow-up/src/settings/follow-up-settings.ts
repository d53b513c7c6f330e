import { Inject, Injectable } from '@nestjs/common';
import {
  type FollowUpSettings,
  type FollowUpSettingsEvent,
  followUpSettingsStream,
  type MessageKind,
  type MessageTemplate,
  type TemplateLanguage,
} from '@kesu/follow-up-contracts';
import { BUILT_IN_TEMPLATES, DEFAULT_FOLLOW_UP_SETTINGS } from '@kesu/follow-up-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { FOLLOW_UP_EVENTS } from '../follow-up-events';

/** A template as a tenant uses it: the built-in one (version 0) or the tenant's latest. */
export interface TemplateInUse {
  readonly kind: MessageKind;
  readonly language: TemplateLanguage;
  readonly version: number;
  readonly template: MessageTemplate;
}

/** A tenant's follow-up settings and templates, as its settings stream holds them. */
export interface TenantFollowUp {
  readonly settings: FollowUpSettings;
  /** The tenant's own templates by `kind/language`. */
  readonly templates: Readonly<Record<string, TemplateInUse>>;
  /** The settings stream's revision (-1: none yet): what If-Match names. */
  readonly revision: number;
}

/** The tenant's settings and templates after the events of its settings stream. */
export function tenantFollowUpOf(events: readonly FollowUpSettingsEvent[]): Omit<TenantFollowUp, 'revision'> {
  let settings = DEFAULT_FOLLOW_UP_SETTINGS;
  const templates: Record<string, TemplateInUse> = {};
  for (const event of events) {
    if (event.type === 'FollowUpSettingsChanged') settings = event.data.settings;
    else {
      const { kind, language, version, template } = event.data;
      templates[`${kind}/${language}`] = { kind, language, version, template };
    }
  }
  return { settings, templates };
}

/** Reads a tenant's follow-up settings and the template of a kind in a language. */
@Injectable()
export class FollowUpSettingsReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FOLLOW_UP_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  async of(tenantId: string): Promise<TenantFollowUp> {
    const stored = await this.store.readStream(followUpSettingsStream(tenantId));
    const events = stored.map((e) => this.registry.toDomain<FollowUpSettingsEvent>(e));
    return { ...tenantFollowUpOf(events), revision: stored.length - 1 };
  }

  /** The template the tenant uses for a kind in a language. */
  templateOf(
    tenant: Omit<TenantFollowUp, 'revision'>,
    kind: MessageKind,
    language: TemplateLanguage,
  ): TemplateInUse {
    return (
      tenant.templates[`${kind}/${language}`] ?? {
        kind,
        language,
        version: 0,
        template: BUILT_IN_TEMPLATES[kind][language],
      }
    );
  }
}
