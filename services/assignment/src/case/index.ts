import { AddCaseNoteHandler } from './add-case-note';
import { AddEvidenceReferenceHandler } from './add-evidence-reference';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsWorker } from './approvals.worker';
import { CaseActions } from './case-actions';
import { CaseContexts } from './case-context';
import { caseEventsProvider } from './case-events';
import { CaseSettingsReader } from './case-settings';
import { CaseSettingsController } from './case-settings.controller';
import { ChangeCaseSettingsHandler } from './change-case-settings';
import { DryRunCaseSettingsHandler } from './dry-run-case-settings';
import { GetCaseSettingsHandler } from './get-case-settings';
import { CaseController } from './case.controller';
import { CaseWorker } from './case.worker';
import { DecideProposalHandler } from './decide-proposal';
import { DownloadEvidenceHandler } from './download-evidence';
import { EndWaitingHandler } from './end-waiting';
import { EvidenceController } from './evidence.controller';
import { ExecuteRemediesHandler } from './execute-remedies';
import { GetCaseHandler } from './get-case';
import { GetCaseFileHandler } from './get-case-file';
import { ListApprovalsHandler } from './list-approvals';
import { MakeOfferHandler } from './make-offer';
import { PlanInvestigationHandler } from './plan-investigation';
import { RecordContactHandler } from './record-contact';
import { RecordCustomerResponseHandler } from './record-customer-response';
import { RecordFindingHandler } from './record-finding';
import { ReferCaseHandler } from './refer-case';
import { ReopenCaseHandler } from './reopen-case';
import { ResolveCaseHandler } from './resolve-case';
import { ReviseProposalHandler } from './revise-proposal';
import { StartWaitingHandler } from './start-waiting';
import { SubmitProposalHandler } from './submit-proposal';
import { UploadEvidenceFileHandler } from './upload-evidence-file';

/** Case work's HTTP routes: a complaint's case actions, its evidence files, the approvals inbox, the settings. */
export const caseControllers = [
  CaseController,
  EvidenceController,
  ApprovalsController,
  CaseSettingsController,
];

/** Case work's services, command and query handlers. */
export const caseProviders = [
  caseEventsProvider,
  CaseContexts,
  CaseSettingsReader,
  GetCaseSettingsHandler,
  ChangeCaseSettingsHandler,
  DryRunCaseSettingsHandler,
  CaseActions,
  PlanInvestigationHandler,
  AddCaseNoteHandler,
  AddEvidenceReferenceHandler,
  UploadEvidenceFileHandler,
  RecordContactHandler,
  StartWaitingHandler,
  EndWaitingHandler,
  RecordFindingHandler,
  SubmitProposalHandler,
  ReviseProposalHandler,
  DecideProposalHandler,
  MakeOfferHandler,
  RecordCustomerResponseHandler,
  ReferCaseHandler,
  ExecuteRemediesHandler,
  ResolveCaseHandler,
  GetCaseHandler,
  GetCaseFileHandler,
  DownloadEvidenceHandler,
  ListApprovalsHandler,
  ApprovalsWorker,
  ReopenCaseHandler,
  CaseWorker,
];
