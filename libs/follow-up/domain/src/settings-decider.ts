import type {
  FollowUpSettings,
  FollowUpSettingsEvent,
  MessageKind,
  MessageTemplate,
  TemplateLanguage,
} from '@kesu/follow-up-contracts';
import { type Decider, InvalidInputError } from '@kesu/kernel';
import { DEFAULT_FOLLOW_UP_SETTINGS, settingsProblems } from './settings';
import { unknownVariables } from './templates';

/** A tenant's follow-up settings and the version of each of its templates (`kind/language`). */
export interface FollowUpSettingsState {
  readonly settings: FollowUpSettings;
  readonly templateVersions: Readonly<Record<string, number>>;
}

export interface ChangeFollowUpSettings {
  readonly type: 'ChangeFollowUpSettings';
  readonly settings: FollowUpSettings;
  readonly by: string;
  readonly at: string;
}

export interface ChangeTemplate {
  readonly type: 'ChangeTemplate';
  readonly kind: MessageKind;
  readonly language: TemplateLanguage;
  readonly template: MessageTemplate;
  readonly by: string;
  readonly at: string;
}

export type FollowUpSettingsCommand = ChangeFollowUpSettings | ChangeTemplate;

/** A tenant's follow-up settings stream: windows and rhythm, and its own templates, versioned. */
export const followUpSettingsDecider: Decider<
  FollowUpSettingsCommand,
  FollowUpSettingsEvent,
  FollowUpSettingsState
> = {
  initialState: () => ({ settings: DEFAULT_FOLLOW_UP_SETTINGS, templateVersions: {} }),
  evolve: (state, event) =>
    event.type === 'FollowUpSettingsChanged'
      ? { ...state, settings: event.data.settings }
      : {
          ...state,
          templateVersions: {
            ...state.templateVersions,
            [`${event.data.kind}/${event.data.language}`]: event.data.version,
          },
        },
  decide: (command, state) => {
    if (command.type === 'ChangeFollowUpSettings') {
      const problems = settingsProblems(command.settings);
      if (problems.length > 0) throw new InvalidInputError(problems);
      return [
        {
          type: 'FollowUpSettingsChanged',
          data: { settings: command.settings, changedBy: command.by, changedAt: command.at },
        },
      ];
    }
    const unknown = unknownVariables(command.template);
    if (unknown.length > 0)
      throw new InvalidInputError([
        { field: 'text', message: `names no template variable: ${unknown.join(', ')}` },
      ]);
    const { kind, language, template, by, at } = command;
    const version = (state.templateVersions[`${kind}/${language}`] ?? 0) + 1;
    return [
      { type: 'TemplateChanged', data: { kind, language, version, template, changedBy: by, changedAt: at } },
    ];
  },
};
