import { Inject } from '@nestjs/common';
import {
  Command,
  CommandHandler,
  type ICommandHandler,
  IQueryHandler,
  Query,
  QueryHandler,
} from '@nestjs/cqrs';
import {
  followUpSettingsStream,
  type FollowUpSettings,
  type FollowUpSettingsEvent,
  MESSAGE_KINDS,
  type MessageKind,
  type TemplateLanguage,
  TEMPLATE_LANGUAGES,
} from '@kesu/follow-up-contracts';
import {
  type FollowUpSettingsCommand,
  followUpSettingsDecider,
  type FollowUpSettingsState,
  renderTemplate,
} from '@kesu/follow-up-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
import { FOLLOW_UP_EVENTS } from '../follow-up-events';
import type { PreviewTemplateDto, PutFollowUpSettingsDto, PutTemplateDto } from './follow-up-settings.dto';
import { FollowUpSettingsReader, type TemplateInUse } from './follow-up-settings';

/** The tenant's settings as the routes answer them. */
export interface SettingsAnswer {
  readonly settings: FollowUpSettings;
  readonly revision: number;
}

/** Every template the tenant uses, by kind and language, with its version (0: built in). */
export interface TemplatesAnswer {
  readonly templates: readonly TemplateInUse[];
  readonly revision: number;
}

export class GetFollowUpSettingsQuery extends Query<SettingsAnswer> {
  constructor(readonly tenantId: string) {
    super();
  }
}

export class GetTemplatesQuery extends Query<TemplatesAnswer> {
  constructor(readonly tenantId: string) {
    super();
  }
}

/** Renders a template (the one in use, or a draft) with sample values. */
export class PreviewTemplateQuery extends Query<{ subject: string; text: string; html: string }> {
  constructor(
    readonly tenantId: string,
    readonly kind: MessageKind,
    readonly language: TemplateLanguage,
    readonly draft: PreviewTemplateDto,
  ) {
    super();
  }
}

export class ChangeFollowUpSettingsCommand extends Command<SettingsAnswer & { replayed: boolean }> {
  constructor(
    readonly caller: Caller,
    readonly command: (by: string, at: string) => FollowUpSettingsCommand,
    readonly action: string,
    readonly input: PutFollowUpSettingsDto | PutTemplateDto,
  ) {
    super();
  }
}

const SAMPLE = {
  reference: 'KS-20261123-000042',
  summary: '已全额退还安装费 / the installation fee was refunded',
  handlerName: '张伟',
  handlerContact: '021-12345678',
  respondBy: '2026-11-24T10:00:00+08:00',
  reReviewRequestBy: '2026-11-30T18:00:00+08:00',
  surveyUrl: 'https://kesu.example.com/api/v1/surveys/…',
  reasons: '不属于受理范围 / not in scope',
  status: '调查中 / investigating',
  milestone: 'resolve',
  dueAt: '2026-11-26T18:00:00+08:00',
};

@QueryHandler(GetFollowUpSettingsQuery)
export class GetFollowUpSettingsHandler implements IQueryHandler<GetFollowUpSettingsQuery> {
  constructor(private readonly reader: FollowUpSettingsReader) {}

  async execute({ tenantId }: GetFollowUpSettingsQuery): Promise<SettingsAnswer> {
    const { settings, revision } = await this.reader.of(tenantId);
    return { settings, revision };
  }
}

@QueryHandler(GetTemplatesQuery)
export class GetTemplatesHandler implements IQueryHandler<GetTemplatesQuery> {
  constructor(private readonly reader: FollowUpSettingsReader) {}

  async execute({ tenantId }: GetTemplatesQuery): Promise<TemplatesAnswer> {
    const tenant = await this.reader.of(tenantId);
    const templates = MESSAGE_KINDS.flatMap((kind) =>
      TEMPLATE_LANGUAGES.map((language) => this.reader.templateOf(tenant, kind, language)),
    );
    return { templates, revision: tenant.revision };
  }
}

@QueryHandler(PreviewTemplateQuery)
export class PreviewTemplateHandler implements IQueryHandler<PreviewTemplateQuery> {
  constructor(private readonly reader: FollowUpSettingsReader) {}

  async execute({ tenantId, kind, language, draft }: PreviewTemplateQuery) {
    const { template } = this.reader.templateOf(await this.reader.of(tenantId), kind, language);
    return renderTemplate(
      { subject: draft.subject ?? template.subject, text: draft.text ?? template.text },
      SAMPLE,
    );
  }
}

/** Changes the caller's tenant's follow-up settings stream (Idempotency-Key replay, If-Match 412). */
@CommandHandler(ChangeFollowUpSettingsCommand)
export class ChangeFollowUpSettingsHandler implements ICommandHandler<ChangeFollowUpSettingsCommand> {
  constructor(
    private readonly commands: UserCommands,
    @Inject(FOLLOW_UP_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  async execute({ caller, command, action, input }: ChangeFollowUpSettingsCommand) {
    const handled = await this.commands.changeTenantSettings<
      FollowUpSettingsCommand,
      FollowUpSettingsEvent,
      FollowUpSettingsState
    >({
      caller,
      streamId: followUpSettingsStream(caller.principal.tenantId),
      decider: followUpSettingsDecider,
      registry: this.registry,
      action,
      input,
      command: (at) => command(caller.principal.userId, at),
    });
    return { settings: handled.state.settings, revision: handled.revision, replayed: handled.replayed };
  }
}
