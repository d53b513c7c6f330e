import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  MESSAGE_KINDS,
  type MessageKind,
  TEMPLATE_LANGUAGES,
  type TemplateLanguage,
} from '@kesu/follow-up-contracts';
import {
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  markReplayed,
  type Principal,
  Role,
  Roles,
} from '@kesu/platform';
import {
  ChangeFollowUpSettingsCommand,
  GetFollowUpSettingsQuery,
  GetTemplatesQuery,
  PreviewTemplateQuery,
  type SettingsAnswer,
  type TemplatesAnswer,
} from './follow-up-settings.commands';
import { PreviewTemplateDto, PutFollowUpSettingsDto, PutTemplateDto } from './follow-up-settings.dto';

/** Who reads the tenant's follow-up settings and templates. */
export const SETTINGS_READERS = [Role.admin, Role.supervisor, Role.branchManager, Role.director];

const kinds = Object.fromEntries(MESSAGE_KINDS.map((k) => [k, k]));
const languages = Object.fromEntries(TEMPLATE_LANGUAGES.map((l) => [l, l]));

/**
 * A tenant's follow-up settings (windows, callback tries, progress-update rhythm) and its message
 * templates in zh-CN and en, each change an event on `followup-settings-<tenant>`; previews render a
 * template (or a draft) with sample values.
 */
@Controller('api/v1/follow-up')
export class FollowUpSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('settings')
  @Roles(...SETTINGS_READERS)
  settings(@CurrentPrincipal() principal: Principal): Promise<SettingsAnswer> {
    return this.queries.execute(new GetFollowUpSettingsQuery(principal.tenantId));
  }

  @Put('settings')
  @Roles(Role.admin)
  async changeSettings(
    @Body() body: PutFollowUpSettingsDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<SettingsAnswer> {
    const settings = { ...body };
    const command = new ChangeFollowUpSettingsCommand(
      caller,
      (by, at) => ({ type: 'ChangeFollowUpSettings', settings, by, at }),
      'ChangeFollowUpSettings',
      body,
    );
    const { replayed, ...answer } = await this.commands.execute(command);
    markReplayed(reply, replayed);
    return answer;
  }

  @Get('templates')
  @Roles(...SETTINGS_READERS)
  templates(@CurrentPrincipal() principal: Principal): Promise<TemplatesAnswer> {
    return this.queries.execute(new GetTemplatesQuery(principal.tenantId));
  }

  @Put('templates/:kind/:language')
  @Roles(Role.admin)
  async changeTemplate(
    @Param('kind', new ParseEnumPipe(kinds)) kind: MessageKind,
    @Param('language', new ParseEnumPipe(languages)) language: TemplateLanguage,
    @Body() body: PutTemplateDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<TemplatesAnswer> {
    const template = { subject: body.subject, text: body.text };
    const command = new ChangeFollowUpSettingsCommand(
      caller,
      (by, at) => ({ type: 'ChangeTemplate', kind, language, template, by, at }),
      `ChangeTemplate:${kind}:${language}`,
      body,
    );
    const { replayed } = await this.commands.execute(command);
    markReplayed(reply, replayed);
    return this.queries.execute(new GetTemplatesQuery(caller.principal.tenantId));
  }

  @Post('templates/:kind/:language/preview')
  @HttpCode(200)
  @Roles(...SETTINGS_READERS)
  preview(
    @Param('kind', new ParseEnumPipe(kinds)) kind: MessageKind,
    @Param('language', new ParseEnumPipe(languages)) language: TemplateLanguage,
    @Body() body: PreviewTemplateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ subject: string; text: string; html: string }> {
    return this.queries.execute(new PreviewTemplateQuery(principal.tenantId, kind, language, body));
  }
}
