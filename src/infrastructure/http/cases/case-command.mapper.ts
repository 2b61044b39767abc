import type * as C from '../../../domain/case/case.commands';
import type { Assignment, Institution, LegalStatusRecord } from '../../../domain/case/case.events';
import type { AgreeGoalRequest } from './dto/agree-goal.request';
import type { AssessNeedsRequest } from './dto/assess-needs.request';
import type { ChangeJurisdictionRequest } from './dto/change-jurisdiction.request';
import type { ChangeLegalStatusRequest } from './dto/change-legal-status.request';
import type { ChangePhaseRequest } from './dto/change-phase.request';
import type { CloseCaseRequest } from './dto/close-case.request';
import type { CloseGoalRequest } from './dto/close-goal.request';
import type { CompleteFollowUpRequest } from './dto/complete-follow-up.request';
import type { CorrectEntryRequest } from './dto/correct-entry.request';
import type { EraseClientDataRequest } from './dto/erase-client-data.request';
import type { InstitutionDto } from './dto/institution.dto';
import type { LegalStatusRecordDto } from './dto/legal-status.dto';
import type { MakeReferralRequest } from './dto/make-referral.request';
import type { OpenCaseRequest } from './dto/open-case.request';
import type { ReassignCaseRequest } from './dto/reassign-case.request';
import type { RecordConsentRequest } from './dto/record-consent.request';
import type { RecordCounsellingSessionRequest } from './dto/record-counselling-session.request';
import type { RecordReferralOutcomeRequest } from './dto/record-referral-outcome.request';
import type { ReopenCaseRequest } from './dto/reopen-case.request';
import type { ReportServiceGapRequest } from './dto/report-service-gap.request';
import type { ReviewGoalRequest } from './dto/review-goal.request';
import type { ScheduleFollowUpRequest } from './dto/schedule-follow-up.request';
import type { WithdrawConsentRequest } from './dto/withdraw-consent.request';

/**
 * From a validated request body to the domain command. Who and when come from the server (`metadata`), never
 * from the body; the reason, where a command takes one, from the body. Every value is copied field by field
 * into plain data, so nothing the DTO classes might carry reaches the domain.
 */
export interface CommandContext {
  metadata: C.CommandMetadata;
  /** An id the server makes up for something this command creates. */
  newId(purpose: string): string;
}

export interface MappedCommand {
  command: C.CaseCommand;
  /** Ids made up for the command, returned to the caller with the answer. */
  created?: Readonly<Record<string, string>>;
}

const withReason = (metadata: C.CommandMetadata, reason: string | null | undefined): C.CommandMetadata =>
  reason === undefined || reason === null ? metadata : { ...metadata, reason };

const institution = (dto: InstitutionDto): Institution => ({ type: dto.type, name: dto.name });
const optionalInstitution = (dto: InstitutionDto | null | undefined): Institution | null => (dto ? institution(dto) : null);

function legalStatusRecord(dto: LegalStatusRecordDto): LegalStatusRecord {
  const { status } = dto;
  return {
    status: {
      category: status.category,
      legalBasis: status.legalBasis,
      document: status.document,
      validFrom: status.validFrom ?? null,
      validUntil: status.validUntil ?? null,
    },
    effectiveOn: dto.effectiveOn,
    source: dto.source,
  };
}

/**
 * A case manager opens cases in their own unit, for themselves unless they name a colleague; coordination
 * names the unit. The district is always the caller's: cases never start in someone else's district.
 */
export function toOpenCase(body: OpenCaseRequest, { metadata, newId }: CommandContext): MappedCommand {
  const { actor } = metadata;
  const caseId = newId('caseId');
  const clientId = newId('clientId');
  const { personal, profile } = body.client;
  const command: C.OpenCase = {
    type: 'OpenCase',
    data: {
      caseId,
      clientId,
      organisationUnitId: (body.organisationUnitId ?? actor.organisationUnitId) as string,
      districtId: actor.districtId,
      caseManagerId: body.caseManagerId ?? actor.userId,
      openedOn: body.openedOn,
      channel: body.channel,
      referredBy: optionalInstitution(body.referredBy),
      entryCriteria: [...body.entryCriteria],
      client: {
        personal: {
          givenName: personal.givenName,
          familyName: personal.familyName,
          dateOfBirth: personal.dateOfBirth ?? null,
          contact: { phone: personal.contact?.phone ?? null, email: personal.contact?.email ?? null },
          address: personal.address
            ? { street: personal.address.street, postalCode: personal.address.postalCode, city: personal.address.city }
            : null,
        },
        profile: {
          birthYear: profile.birthYear ?? null,
          gender: profile.gender,
          countryOfOrigin: profile.countryOfOrigin ?? null,
          languages: [...(profile.languages ?? [])],
          arrivalYearInGermany: profile.arrivalYearInGermany ?? null,
          arrivalYearInDistrict: profile.arrivalYearInDistrict ?? null,
          householdSize: profile.householdSize ?? null,
        },
      },
    },
    metadata,
  };
  return { command, created: { clientId } };
}

export function toRecordConsent(caseId: string, body: RecordConsentRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.RecordConsent = {
    type: 'RecordConsent',
    data: {
      caseId,
      purpose: body.purpose,
      recipient: optionalInstitution(body.recipient),
      formVersion: body.formVersion,
      language: body.language,
      givenOn: body.givenOn,
    },
    metadata,
  };
  return { command };
}

export function toWithdrawConsent(caseId: string, body: WithdrawConsentRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.WithdrawConsent = {
    type: 'WithdrawConsent',
    data: { caseId, purpose: body.purpose, recipient: optionalInstitution(body.recipient), withdrawnOn: body.withdrawnOn },
    metadata,
  };
  return { command };
}

export function toAssessNeeds(caseId: string, body: AssessNeedsRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.AssessNeeds = {
    type: 'AssessNeeds',
    data: {
      caseId,
      assessedOn: body.assessedOn,
      needs: body.needs.map((need) => ({ lifeArea: need.lifeArea, level: need.level, note: need.note ?? null })),
    },
    metadata,
  };
  return { command };
}

export function toAgreeGoal(caseId: string, body: AgreeGoalRequest, { metadata, newId }: CommandContext): MappedCommand {
  const goalId = newId('goalId');
  const command: C.AgreeGoal = {
    type: 'AgreeGoal',
    data: { caseId, goalId, lifeArea: body.lifeArea, text: body.text, targetOn: body.targetOn ?? null, agreedOn: body.agreedOn },
    metadata,
  };
  return { command, created: { goalId } };
}

export function toReviewGoal(caseId: string, goalId: string, body: ReviewGoalRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.ReviewGoal = {
    type: 'ReviewGoal',
    data: {
      caseId,
      goalId,
      reviewedOn: body.reviewedOn,
      progress: body.progress,
      revisedTargetOn: body.revisedTargetOn ?? null,
      note: body.note ?? null,
    },
    metadata,
  };
  return { command };
}

export function toCloseGoal(caseId: string, goalId: string, body: CloseGoalRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.CloseGoal = {
    type: 'CloseGoal',
    data: { caseId, goalId, outcome: body.outcome, closedOn: body.closedOn, note: body.note ?? null },
    metadata,
  };
  return { command };
}

export function toRecordCounsellingSession(
  caseId: string,
  body: RecordCounsellingSessionRequest,
  { metadata }: CommandContext,
): MappedCommand {
  const command: C.RecordCounsellingSession = {
    type: 'RecordCounsellingSession',
    data: {
      caseId,
      heldOn: body.heldOn,
      durationMinutes: body.durationMinutes,
      format: body.format,
      lifeAreas: [...body.lifeAreas],
      interpreterLanguage: body.interpreterLanguage ?? null,
      householdMembersPresent: body.householdMembersPresent ?? 0,
      note: body.note ?? null,
    },
    metadata,
  };
  return { command };
}

export function toMakeReferral(caseId: string, body: MakeReferralRequest, { metadata, newId }: CommandContext): MappedCommand {
  const referralId = newId('referralId');
  const command: C.MakeReferral = {
    type: 'MakeReferral',
    data: {
      caseId,
      referralId,
      institution: institution(body.institution),
      lifeArea: body.lifeArea,
      reason: body.reason ?? null,
      sharesData: body.sharesData,
      referredOn: body.referredOn,
    },
    metadata,
  };
  return { command, created: { referralId } };
}

export function toRecordReferralOutcome(
  caseId: string,
  referralId: string,
  body: RecordReferralOutcomeRequest,
  { metadata }: CommandContext,
): MappedCommand {
  const command: C.RecordReferralOutcome = {
    type: 'RecordReferralOutcome',
    data: { caseId, referralId, outcome: body.outcome, outcomeOn: body.outcomeOn },
    metadata,
  };
  return { command };
}

export function toChangeLegalStatus(caseId: string, body: ChangeLegalStatusRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.ChangeLegalStatus = { type: 'ChangeLegalStatus', data: { caseId, ...legalStatusRecord(body) }, metadata };
  return { command };
}

export function toChangeJurisdiction(caseId: string, body: ChangeJurisdictionRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.ChangeJurisdiction = { type: 'ChangeJurisdiction', data: { caseId, to: body.to, effectiveOn: body.effectiveOn }, metadata };
  return { command };
}

export function toScheduleFollowUp(caseId: string, body: ScheduleFollowUpRequest, { metadata, newId }: CommandContext): MappedCommand {
  const followUpId = newId('followUpId');
  const command: C.ScheduleFollowUp = {
    type: 'ScheduleFollowUp',
    data: { caseId, followUpId, dueOn: body.dueOn, note: body.note ?? null },
    metadata,
  };
  return { command, created: { followUpId } };
}

export function toCompleteFollowUp(
  caseId: string,
  followUpId: string,
  body: CompleteFollowUpRequest,
  { metadata }: CommandContext,
): MappedCommand {
  const command: C.CompleteFollowUp = {
    type: 'CompleteFollowUp',
    data: { caseId, followUpId, doneOn: body.doneOn, note: body.note ?? null },
    metadata,
  };
  return { command };
}

export function toReportServiceGap(caseId: string, body: ReportServiceGapRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.ReportServiceGap = {
    type: 'ReportServiceGap',
    data: { caseId, lifeArea: body.lifeArea, description: body.description, region: body.region ?? null, clientsAffected: body.clientsAffected },
    metadata,
  };
  return { command };
}

export function toReassignCase(caseId: string, body: ReassignCaseRequest, { metadata }: CommandContext): MappedCommand {
  const to: Assignment = { caseManagerId: body.to.caseManagerId, organisationUnitId: body.to.organisationUnitId };
  const command: C.ReassignCase = { type: 'ReassignCase', data: { caseId, to }, metadata: withReason(metadata, body.reason) };
  return { command };
}

export function toCloseCase(caseId: string, body: CloseCaseRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.CloseCase = {
    type: 'CloseCase',
    data: { caseId, closureReason: body.closureReason, closedOn: body.closedOn, summary: body.summary ?? null },
    metadata: withReason(metadata, body.reason),
  };
  return { command };
}

export function toReopenCase(caseId: string, body: ReopenCaseRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.ReopenCase = { type: 'ReopenCase', data: { caseId, reopenedOn: body.reopenedOn }, metadata: withReason(metadata, body.reason) };
  return { command };
}

export function toCorrectEntry(caseId: string, body: CorrectEntryRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.CorrectEntry = {
    type: 'CorrectEntry',
    data: {
      caseId,
      correctedEventId: body.correctedEventId,
      correctedEventType: body.correctedEventType,
      correction: body.correction,
      correctedLegalStatus: body.correctedLegalStatus ? legalStatusRecord(body.correctedLegalStatus) : null,
    },
    metadata: withReason(metadata, body.reason),
  };
  return { command };
}

/** Who decided the erasure may be someone else (the data protection officer); by default the caller. */
export function toEraseClientData(caseId: string, body: EraseClientDataRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.EraseClientData = {
    type: 'EraseClientData',
    data: { caseId, clientId: body.clientId, legalBasis: body.legalBasis, decidedBy: body.decidedBy ?? metadata.actor.userId },
    metadata: withReason(metadata, body.reason),
  };
  return { command };
}

export function toChangePhase(caseId: string, body: ChangePhaseRequest, { metadata }: CommandContext): MappedCommand {
  const command: C.ChangePhase = { type: 'ChangePhase', data: { caseId, to: body.to }, metadata: withReason(metadata, body.reason) };
  return { command };
}
