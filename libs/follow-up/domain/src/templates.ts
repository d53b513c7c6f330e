import type { MessageKind, MessageTemplate, TemplateLanguage } from '@kesu/follow-up-contracts';

/** The variables a template may name as `{{name}}`. */
export const TEMPLATE_VARIABLES = [
  'reference',
  'summary',
  'handlerName',
  'handlerContact',
  'respondBy',
  'reReviewRequestBy',
  'surveyUrl',
  'reasons',
  'status',
  'milestone',
  'dueAt',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

type Templates = Readonly<Record<MessageKind, Readonly<Record<TemplateLanguage, MessageTemplate>>>>;

const t = (subject: string, text: string): MessageTemplate => ({ subject, text });

/** The built-in templates (version 0), in zh-CN and en. */
export const BUILT_IN_TEMPLATES: Templates = {
  acknowledgement: {
    'zh-CN': t(
      '投诉已受理 {{reference}}',
      '您的投诉（编号 {{reference}}）已收到，我们将于 {{respondBy}} 前答复您。',
    ),
    en: t(
      'Complaint received {{reference}}',
      'We received your complaint {{reference}} and will answer by {{respondBy}}.',
    ),
  },
  rejection: {
    'zh-CN': t('投诉不予受理 {{reference}}', '您的投诉（编号 {{reference}}）不予受理，原因：{{reasons}}'),
    en: t(
      'Complaint not accepted {{reference}}',
      'Your complaint {{reference}} was not accepted: {{reasons}}',
    ),
  },
  progress_update: {
    'zh-CN': t(
      '投诉处理进度 {{reference}}',
      '您的投诉（编号 {{reference}}）正在处理中：{{status}}。联系人：{{handlerName}} {{handlerContact}}',
    ),
    en: t(
      'Progress on {{reference}}',
      'Your complaint {{reference}} is being handled: {{status}}. Contact: {{handlerName}} {{handlerContact}}',
    ),
  },
  resolution_notice: {
    'zh-CN': t(
      '投诉处理结果 {{reference}}',
      '您的投诉（编号 {{reference}}）已处理：{{summary}}\n处理人：{{handlerName}} {{handlerContact}}\n如不满意，可于 {{reReviewRequestBy}} 前申请复查。\n请评价本次处理：{{surveyUrl}}',
    ),
    en: t(
      'Your complaint {{reference}} is resolved',
      'Your complaint {{reference}} was resolved: {{summary}}\nHandled by {{handlerName}} {{handlerContact}}\nYou may ask for a re-review until {{reReviewRequestBy}}.\nTell us how we did: {{surveyUrl}}',
    ),
  },
  extension_notice: {
    'zh-CN': t('投诉处理延期 {{reference}}', '您的投诉（编号 {{reference}}）处理时限延长至 {{dueAt}}。'),
    en: t('More time for {{reference}}', 'We need until {{dueAt}} for your complaint {{reference}}.'),
  },
  survey: {
    'zh-CN': t('满意度回访 {{reference}}', '请评价投诉（编号 {{reference}}）的处理：{{surveyUrl}}'),
    en: t('How did we do? {{reference}}', 'Please tell us how we handled {{reference}}: {{surveyUrl}}'),
  },
  closure: {
    'zh-CN': t('投诉已办结 {{reference}}', '您的投诉（编号 {{reference}}）已办结。感谢您的反馈。'),
    en: t(
      'Complaint closed {{reference}}',
      'Your complaint {{reference}} is closed. Thank you for telling us.',
    ),
  },
  staff_assigned: {
    'zh-CN': t('新投诉 {{reference}}', '投诉 {{reference}} 已分派给您，请于 {{dueAt}} 前处理。'),
    en: t('New complaint {{reference}}', 'Complaint {{reference}} is assigned to you; due {{dueAt}}.'),
  },
  staff_escalated: {
    'zh-CN': t('投诉升级 {{reference}}', '投诉 {{reference}} 已升级至您处。'),
    en: t('Escalated {{reference}}', 'Complaint {{reference}} was escalated to you.'),
  },
  staff_queued: {
    'zh-CN': t('待分派 {{reference}}', '投诉 {{reference}} 在本部门队列中等待分派（{{reasons}}）。'),
    en: t(
      'Waiting in your queue {{reference}}',
      'Complaint {{reference}} waits in your department’s queue ({{reasons}}).',
    ),
  },
  staff_approval_waiting: {
    'zh-CN': t('待审批 {{reference}}', '投诉 {{reference}} 的处理方案等待您审批。'),
    en: t('Approval waiting {{reference}}', 'A proposal on complaint {{reference}} waits for your approval.'),
  },
  staff_sla_warning: {
    'zh-CN': t('时限预警 {{reference}}', '投诉 {{reference}} 的 {{milestone}} 将于 {{dueAt}} 到期。'),
    en: t('Deadline warning {{reference}}', 'The {{milestone}} of complaint {{reference}} is due {{dueAt}}.'),
  },
};

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe inside HTML. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholders of a template that are not template variables. */
export function unknownVariables(template: MessageTemplate): string[] {
  const names = [...`${template.subject}\n${template.text}`.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !(TEMPLATE_VARIABLES as readonly string[]).includes(n)))];
}

const fill = (text: string, values: TemplateValues, escape: (s: string) => string): string =>
  text.replace(PLACEHOLDER, (_, name: string) => escape(values[name as TemplateVariable] ?? ''));

/** A template rendered: subject and text as they are, and the HTML of an e-mail with every value escaped. */
export function renderTemplate(
  template: MessageTemplate,
  values: TemplateValues,
): { subject: string; text: string; html: string } {
  const html = escapeHtml(template.text)
    .split('\n')
    .map((line) => `<p>${fill(line, values, escapeHtml)}</p>`)
    .join('\n');
  return {
    subject: fill(template.subject, values, (s) => s.replace(/[\r\n]+/g, ' ')),
    text: fill(template.text, values, (s) => s),
    html,
  };
}
