import { Module } from '@nestjs/common';
import { CONFIG, type PlatformConfig } from '@kesu/platform';
import { ComplaintFactsReader } from './complaint-facts';
import { FOLLOW_UP_CONFIG, loadFollowUpConfig } from './config/follow-up-config';
import { followUpEventsProvider } from './follow-up-events';
import { FollowUpRunner } from './follow-up-runner';
import { CloseComplaintHandler } from './lifecycle/close-complaint';
import { CloseWithoutObjectionHandler } from './lifecycle/close-without-objection';
import { DecideReReviewHandler } from './lifecycle/decide-re-review';
import { FollowUpContext } from './lifecycle/follow-up-context';
import { FollowUpController } from './lifecycle/follow-up.controller';
import { GetFollowUpHandler } from './lifecycle/get-follow-up';
import { RecordCallbackHandler } from './lifecycle/record-callback';
import { ReopenComplaintHandler } from './lifecycle/reopen-complaint';
import { RequestReReviewHandler } from './lifecycle/request-re-review';
import { RecordCustomerNoticeHandler } from './notices/customer-notices';
import { NoticeRecorder } from './notices/notice-recorder';
import { CustomerNoticesWorker } from './notices/customer-notices.worker';
import { SendProgressUpdateHandler } from './notices/progress-updates';
import { RecordStaffNoticeHandler } from './notices/staff-notices';
import { StaffNoticesWorker } from './notices/staff-notices.worker';
import { Notifiers } from './notifiers/notifiers';
import { DeliverMessageHandler } from './outbox/deliver-message';
import { delivererProvider } from './outbox/deliverer';
import { MessageComposer } from './outbox/message-composer';
import { HandleResolutionHandler } from './reactions/handle-resolution';
import { ResolutionWorker } from './reactions/resolution.worker';
import { FollowUpSettingsReader } from './settings/follow-up-settings';
import {
  ChangeFollowUpSettingsHandler,
  GetFollowUpSettingsHandler,
  GetTemplatesHandler,
  PreviewTemplateHandler,
} from './settings/follow-up-settings.commands';
import { FollowUpSettingsController } from './settings/follow-up-settings.controller';
import { TenantCalendars } from './settings/tenant-calendar';
import { AnswerSurveyHandler, GetSurveyHandler } from './survey/survey';
import { SurveyController } from './survey/survey.controller';
import { SurveyLinks } from './survey/survey-links';
import { FollowUpTicker } from './timers/follow-up-ticker';
import { FollowUpTimers } from './timers/follow-up-timers';

const followUpConfigProvider = {
  provide: FOLLOW_UP_CONFIG,
  inject: [CONFIG],
  useFactory: (config: PlatformConfig) => loadFollowUpConfig(process.env, config),
};

/**
 * Follow-up: the customer's and staff's messages through an outbox, the callback and satisfaction
 * (回访), the self-service survey, reopening, re-review (复查) and closure (结案).
 */
@Module({
  controllers: [FollowUpController, SurveyController, FollowUpSettingsController],
  providers: [
    followUpConfigProvider,
    followUpEventsProvider,
    delivererProvider,
    ComplaintFactsReader,
    FollowUpRunner,
    FollowUpSettingsReader,
    TenantCalendars,
    FollowUpContext,
    MessageComposer,
    Notifiers,
    SurveyLinks,
    FollowUpTimers,
    FollowUpTicker,
    ResolutionWorker,
    HandleResolutionHandler,
    CustomerNoticesWorker,
    NoticeRecorder,
    RecordCustomerNoticeHandler,
    StaffNoticesWorker,
    RecordStaffNoticeHandler,
    SendProgressUpdateHandler,
    DeliverMessageHandler,
    RecordCallbackHandler,
    ReopenComplaintHandler,
    RequestReReviewHandler,
    DecideReReviewHandler,
    CloseComplaintHandler,
    CloseWithoutObjectionHandler,
    GetFollowUpHandler,
    GetSurveyHandler,
    AnswerSurveyHandler,
    GetFollowUpSettingsHandler,
    GetTemplatesHandler,
    PreviewTemplateHandler,
    ChangeFollowUpSettingsHandler,
  ],
})
export class FollowUpModule {}
