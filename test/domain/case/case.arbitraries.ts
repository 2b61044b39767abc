import fc from 'fast-check';
import type { Actor } from '../../../src/domain/case/access.policy';
import type { CaseCommand, CommandMetadata } from '../../../src/domain/case/case.commands';
import type { Institution, LegalStatusRecord } from '../../../src/domain/case/case.events';
import { ACTORS, commands, events, JOB_CENTRE, NOW, OTHER_UNIT_ID, UNIT_ID } from '../case.fixtures';

/**
 * Commands drawn from small pools, so that random sequences hit the same goals, referrals and dates again and
 * again and reach deep states: mostly valid, with enough invalid values, strangers and future dates mixed in
 * to exercise every rule.
 */

const mostly = <T>(likely: fc.Arbitrary<T>, unlikely: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: likely, weight: 6 }, { arbitrary: unlikely, weight: 1 });

/** 2025-03-03 is the opening date in the fixtures; "now" is 2025-03-10. */
const anyDate = mostly(
  fc.constantFrom('2025-03-03', '2025-03-05', '2025-03-07', '2025-03-09', '2025-03-10'),
  fc.constantFrom('2025-03-01', '2025-03-11', '2025-04-01'),
);

const anyActor: fc.Arbitrary<Actor> = mostly(
  fc.constantFrom<Actor>(ACTORS.caseManager, ACTORS.caseManager, ACTORS.colleague, ACTORS.coordination),
  fc.constantFrom<Actor>(
    ACTORS.otherUnitCaseManager,
    ACTORS.otherDistrictCoordination,
    ACTORS.auditor,
    ACTORS.reporting,
    ACTORS.administrator,
  ),
);

const meta: fc.Arbitrary<CommandMetadata> = fc
  .record({ actor: anyActor, reason: fc.option(fc.constant('Grund PII'), { nil: undefined, freq: 6 }) })
  .map(({ actor, reason }) => (reason === undefined ? { now: NOW, actor } : { now: NOW, actor, reason }));

const goalId = fc.constantFrom('goal-1', 'goal-2');
const referralId = fc.constantFrom('referral-1', 'referral-2');
const followUpId = fc.constantFrom('follow-up-1', 'follow-up-2');
const recipient = fc.constantFrom<Institution>(JOB_CENTRE, { type: 'social_welfare_office', name: 'Sozialamt Heinsberg' });
const lifeArea = fc.constantFrom('language', 'housing', 'work_and_income', 'residence_law' as const);
const anyPurpose = fc.constantFrom('case_management', 'case_management', 'data_sharing', 'reporting' as const);

const asylum = events.legalStatusChanged().data;
const anyLegalStatus = fc.constantFrom<LegalStatusRecord>(
  asylum,
  {
    status: {
      category: 'residence_permit',
      legalBasis: 'aufenthg_25_2',
      document: 'electronic_residence_title',
      validFrom: '2025-03-07',
      validUntil: '2028-03-06',
    },
    effectiveOn: '2025-03-07',
    source: 'authority_notice',
  },
  events.naturalised().data,
  { ...asylum, status: { ...asylum.status, validFrom: '2025-03-07', validUntil: '2025-03-05' } },
  { ...asylum, status: { ...asylum.status, category: 'tolerated' } },
);

/** Each command with its weight: more of the work on goals, referrals and follow-ups, so later steps are reached. */
const COMMANDS: { weight: number; arbitrary: fc.Arbitrary<CaseCommand> }[] = [
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(UNIT_ID, OTHER_UNIT_ID), anyDate, meta)
      .map(([organisationUnitId, openedOn, m]) => commands.openCase({ organisationUnitId, openedOn }, m)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(anyPurpose, recipient, anyDate, meta)
      .map(([purpose, who, givenOn, m]) => commands.recordConsent({ purpose, recipient: purpose === 'data_sharing' ? who : null, givenOn }, m)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(anyPurpose, recipient, anyDate, meta)
      .map(([purpose, who, withdrawnOn, m]) =>
        commands.withdrawConsent({ purpose, recipient: purpose === 'data_sharing' ? who : null, withdrawnOn }, m),
      ),
  },
  { weight: 2, arbitrary: fc.tuple(anyDate, meta).map(([assessedOn, m]) => commands.assessNeeds({ assessedOn }, m)) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(goalId, lifeArea, anyDate, meta)
      .map(([id, area, agreedOn, m]) => commands.agreeGoal({ goalId: id, lifeArea: area, agreedOn, targetOn: null }, m)),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(goalId, anyDate, meta).map(([id, reviewedOn, m]) => commands.reviewGoal({ goalId: id, reviewedOn }, m)),
  },
  { weight: 3, arbitrary: fc.tuple(goalId, anyDate, meta).map(([id, closedOn, m]) => commands.closeGoal({ goalId: id, closedOn }, m)) },
  { weight: 3, arbitrary: fc.tuple(anyDate, meta).map(([heldOn, m]) => commands.recordCounsellingSession({ heldOn }, m)) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(referralId, recipient, fc.boolean(), anyDate, meta)
      .map(([id, institution, sharesData, referredOn, m]) => commands.makeReferral({ referralId: id, institution, sharesData, referredOn }, m)),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(referralId, anyDate, meta)
      .map(([id, outcomeOn, m]) => commands.recordReferralOutcome({ referralId: id, outcomeOn }, m)),
  },
  { weight: 2, arbitrary: fc.tuple(anyLegalStatus, meta).map(([record, m]) => commands.changeLegalStatus(record, m)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('asylblg', 'sgb_ii', 'sgb_xii' as const), anyDate, meta)
      .map(([to, effectiveOn, m]) => commands.changeJurisdiction({ to, effectiveOn }, m)),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(followUpId, fc.constantFrom('2025-02-01', '2025-04-01'), meta)
      .map(([id, dueOn, m]) => commands.scheduleFollowUp({ followUpId: id, dueOn }, m)),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(followUpId, anyDate, meta).map(([id, doneOn, m]) => commands.completeFollowUp({ followUpId: id, doneOn }, m)),
  },
  { weight: 1, arbitrary: meta.map((m) => commands.reportServiceGap({}, m)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('user-cm-1', 'user-cm-2', 'user-cm-9'), fc.constantFrom(UNIT_ID, OTHER_UNIT_ID), meta)
      .map(([caseManagerId, organisationUnitId, m]) => commands.reassignCase({ to: { caseManagerId, organisationUnitId } }, m)),
  },
  { weight: 1, arbitrary: fc.tuple(anyDate, meta).map(([closedOn, m]) => commands.closeCase({ closedOn }, m)) },
  { weight: 2, arbitrary: fc.tuple(anyDate, meta).map(([reopenedOn, m]) => commands.reopenCase({ reopenedOn }, m)) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.option(anyLegalStatus, { nil: null }), meta).map(([status, m]) =>
      commands.correctEntry(
        { correctedEventType: status === null ? 'CounsellingSessionHeld' : 'LegalStatusChanged', correctedLegalStatus: status },
        m,
      ),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('client-0001', 'client-0002'), meta)
      .map(([clientId, m]) => commands.eraseClientData({ clientId }, m)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('intake', 'assessment', 'planning', 'implementation' as const), meta)
      .map(([to, m]) => commands.changePhase({ to }, m)),
  },
];

export const anyCaseCommand: fc.Arbitrary<CaseCommand> = fc.oneof(...COMMANDS);

const randomSequence = fc
  .array(anyCaseCommand, { minLength: 1, maxLength: 40 })
  .map((rest) => [commands.openCase(), commands.recordConsent(), ...rest]);

/**
 * A valid storyline (a referral sharing data and its outcome, naturalisation, closure) with random commands woven
 * in, so that rare states such as "outcome already recorded" or "naturalised" are met by random commands.
 */
const STORYLINE: CaseCommand[] = [
  commands.recordConsent(),
  commands.recordConsent({ purpose: 'data_sharing', recipient: JOB_CENTRE }),
  commands.assessNeeds(),
  commands.agreeGoal(),
  commands.makeReferral({ sharesData: true, referredOn: '2025-03-05' }),
  commands.recordReferralOutcome({ outcomeOn: '2025-03-07' }),
  commands.scheduleFollowUp(),
  commands.changeLegalStatus(),
  commands.changeLegalStatus(events.naturalised().data),
  commands.reviewGoal(),
  commands.closeCase(),
];

const storylineWithNoise = fc
  .tuple(...STORYLINE.map(() => fc.array(anyCaseCommand, { maxLength: 3 })), fc.array(anyCaseCommand, { maxLength: 10 }))
  .map((noise) => [
    commands.openCase(),
    ...STORYLINE.flatMap((step, index) => [...noise[index], step]),
    ...noise[STORYLINE.length],
  ]);

/** Every sequence starts with a valid opening, so that most of it works on an existing case. */
export const anyCommandSequence: fc.Arbitrary<CaseCommand[]> = fc.oneof(randomSequence, storylineWithNoise);
