import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FollowUpNotFoundError, GoalNotFoundError, ReferralNotFoundError } from '../../../domain/case/case.errors';
import { Roles } from '../../identity/roles.decorator';
import { CaseCommandExecutor } from './case-command.executor';
import * as map from './case-command.mapper';
import { ApiCaseCommand, ApiCaseIdParam, ApiChildIdParam } from './case-command.openapi';
import { CASE_CHANGING_ROLES } from './case-roles';
import { CaseCommandRequest, type CommandRequest } from './command-request.decorator';
import { AgreeGoalRequest } from './dto/agree-goal.request';
import { AssessNeedsRequest } from './dto/assess-needs.request';
import { AgreeGoalAnswer, CaseCommandAnswer, MakeReferralAnswer, ScheduleFollowUpAnswer } from './dto/case-command.answer';
import { ChangeJurisdictionRequest } from './dto/change-jurisdiction.request';
import { ChangeLegalStatusRequest } from './dto/change-legal-status.request';
import { ChangePhaseRequest } from './dto/change-phase.request';
import { CloseGoalRequest } from './dto/close-goal.request';
import { CompleteFollowUpRequest } from './dto/complete-follow-up.request';
import { MakeReferralRequest } from './dto/make-referral.request';
import { RecordConsentRequest } from './dto/record-consent.request';
import { RecordCounsellingSessionRequest } from './dto/record-counselling-session.request';
import { RecordReferralOutcomeRequest } from './dto/record-referral-outcome.request';
import { ReportServiceGapRequest } from './dto/report-service-gap.request';
import { ReviewGoalRequest } from './dto/review-goal.request';
import { ScheduleFollowUpRequest } from './dto/schedule-follow-up.request';
import { WithdrawConsentRequest } from './dto/withdraw-consent.request';
import { caseIdPipe, PathIdPipe } from './path-id.pipe';

const goalIdPipe = new PathIdPipe((id) => new GoalNotFoundError(id));
const referralIdPipe = new PathIdPipe((id) => new ReferralNotFoundError(id));
const followUpIdPipe = new PathIdPipe((id) => new FollowUpNotFoundError(id));

/**
 * The daily work on an open case: consent, assessment, support plan, counselling, referrals, follow-ups,
 * residence status and jurisdiction. Every route answers 200 with the case's new revision as its ETag.
 */
@ApiTags('Fallarbeit')
@Controller('api/cases/:caseId')
@Roles(...CASE_CHANGING_ROLES)
@ApiCaseIdParam()
export class CaseWorkController {
  constructor(@Inject(CaseCommandExecutor) private readonly commands: CaseCommandExecutor) {}

  @Post('consents')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({
    summary: 'Einwilligung erfassen',
    description: 'Einwilligung in das Case Management, in eine Datenweitergabe an eine benannte Stelle oder in die Berichterstattung.',
    answer: CaseCommandAnswer,
  })
  recordConsent(@Param('caseId', caseIdPipe) caseId: string, @Body() body: RecordConsentRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toRecordConsent(caseId, body, context));
  }

  @Post('consents/withdrawal')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({
    summary: 'Einwilligung widerrufen',
    description:
      'Einwilligungen haben keine eigene Kennung: die widerrufene wird durch Zweck und, bei Datenweitergabe, die empfangende Stelle benannt. ' +
      'Nach dem Widerruf der Einwilligung in das Case Management sind weitere Einträge erst nach erneuter Einwilligung möglich.',
    answer: CaseCommandAnswer,
  })
  withdrawConsent(@Param('caseId', caseIdPipe) caseId: string, @Body() body: WithdrawConsentRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toWithdrawConsent(caseId, body, context));
  }

  @Post('assessments')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({ summary: 'Bedarf ermitteln', description: 'Bedarf je Lebensbereich (0 bis 3); wiederholbar.', answer: CaseCommandAnswer })
  assessNeeds(@Param('caseId', caseIdPipe) caseId: string, @Body() body: AssessNeedsRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toAssessNeeds(caseId, body, context));
  }

  @Post('goals')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({ summary: 'Ziel vereinbaren', description: 'Die Kennung des Ziels vergibt der Server (`goalId`).', answer: AgreeGoalAnswer })
  agreeGoal(@Param('caseId', caseIdPipe) caseId: string, @Body() body: AgreeGoalRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toAgreeGoal(caseId, body, context));
  }

  @Post('goals/:goalId/review')
  @HttpCode(HttpStatus.OK)
  @ApiChildIdParam('goalId', 'Kennung des Ziels')
  @ApiCaseCommand({ summary: 'Ziel überprüfen', answer: CaseCommandAnswer })
  reviewGoal(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('goalId', goalIdPipe) goalId: string,
    @Body() body: ReviewGoalRequest,
    @CaseCommandRequest() request: CommandRequest,
  ) {
    return this.commands.execute(request, 200, (context) => map.toReviewGoal(caseId, goalId, body, context));
  }

  @Post('goals/:goalId/closure')
  @HttpCode(HttpStatus.OK)
  @ApiChildIdParam('goalId', 'Kennung des Ziels')
  @ApiCaseCommand({ summary: 'Ziel abschließen', answer: CaseCommandAnswer })
  closeGoal(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('goalId', goalIdPipe) goalId: string,
    @Body() body: CloseGoalRequest,
    @CaseCommandRequest() request: CommandRequest,
  ) {
    return this.commands.execute(request, 200, (context) => map.toCloseGoal(caseId, goalId, body, context));
  }

  @Post('counselling-sessions')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({ summary: 'Beratung erfassen', answer: CaseCommandAnswer })
  recordCounsellingSession(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: RecordCounsellingSessionRequest,
    @CaseCommandRequest() request: CommandRequest,
  ) {
    return this.commands.execute(request, 200, (context) => map.toRecordCounsellingSession(caseId, body, context));
  }

  @Post('referrals')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({
    summary: 'Weiterleitung erfassen',
    description: 'Die Kennung der Weiterleitung vergibt der Server (`referralId`). Mit Datenweitergabe nur bei Schweigepflichtentbindung für diese Stelle.',
    answer: MakeReferralAnswer,
  })
  makeReferral(@Param('caseId', caseIdPipe) caseId: string, @Body() body: MakeReferralRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toMakeReferral(caseId, body, context));
  }

  @Post('referrals/:referralId/outcome')
  @HttpCode(HttpStatus.OK)
  @ApiChildIdParam('referralId', 'Kennung der Weiterleitung')
  @ApiCaseCommand({ summary: 'Ergebnis einer Weiterleitung erfassen', description: 'Einmal je Weiterleitung.', answer: CaseCommandAnswer })
  recordReferralOutcome(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('referralId', referralIdPipe) referralId: string,
    @Body() body: RecordReferralOutcomeRequest,
    @CaseCommandRequest() request: CommandRequest,
  ) {
    return this.commands.execute(request, 200, (context) => map.toRecordReferralOutcome(caseId, referralId, body, context));
  }

  @Post('legal-status-changes')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({
    summary: 'Aufenthaltsstatus ändern',
    description: 'Die Rechtsgrundlage muss zur Art des Status passen und zum Beginn der Gültigkeit in Kraft gewesen sein.',
    answer: CaseCommandAnswer,
  })
  changeLegalStatus(@Param('caseId', caseIdPipe) caseId: string, @Body() body: ChangeLegalStatusRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toChangeLegalStatus(caseId, body, context));
  }

  @Post('jurisdiction-changes')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({ summary: 'Rechtskreiswechsel erfassen', answer: CaseCommandAnswer })
  changeJurisdiction(@Param('caseId', caseIdPipe) caseId: string, @Body() body: ChangeJurisdictionRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toChangeJurisdiction(caseId, body, context));
  }

  @Post('follow-ups')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({ summary: 'Wiedervorlage planen', description: 'Die Kennung vergibt der Server (`followUpId`).', answer: ScheduleFollowUpAnswer })
  scheduleFollowUp(@Param('caseId', caseIdPipe) caseId: string, @Body() body: ScheduleFollowUpRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toScheduleFollowUp(caseId, body, context));
  }

  @Post('follow-ups/:followUpId/completion')
  @HttpCode(HttpStatus.OK)
  @ApiChildIdParam('followUpId', 'Kennung der Wiedervorlage')
  @ApiCaseCommand({ summary: 'Wiedervorlage erledigen', answer: CaseCommandAnswer })
  completeFollowUp(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('followUpId', followUpIdPipe) followUpId: string,
    @Body() body: CompleteFollowUpRequest,
    @CaseCommandRequest() request: CommandRequest,
  ) {
    return this.commands.execute(request, 200, (context) => map.toCompleteFollowUp(caseId, followUpId, body, context));
  }

  @Post('service-gaps')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({ summary: 'Versorgungslücke melden', description: 'Geht an die Koordinierung (Baustein 1).', answer: CaseCommandAnswer })
  reportServiceGap(@Param('caseId', caseIdPipe) caseId: string, @Body() body: ReportServiceGapRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toReportServiceGap(caseId, body, context));
  }

  @Post('phase')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({
    summary: 'Phase ändern',
    description: 'Ausdrücklicher Wechsel zwischen den Arbeitsphasen; Abschluss und Wiederaufnahme haben eigene Befehle.',
    answer: CaseCommandAnswer,
  })
  changePhase(@Param('caseId', caseIdPipe) caseId: string, @Body() body: ChangePhaseRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toChangePhase(caseId, body, context));
  }
}
