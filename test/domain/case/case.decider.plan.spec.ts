import {
  DateBeforeOpeningError,
  DateOutOfOrderError,
  GoalAlreadyExistsError,
  GoalNotFoundError,
  GoalNotOpenError,
  InvalidValueError,
  PhaseUnchangedError,
} from '../../../src/domain/case/case.errors';
import { commands, events, histories, metadata } from '../case.fixtures';
import { given } from './decider.given';

describe('AssessNeeds', () => {
  it('records the assessment and moves a case in intake to assessment', () => {
    given(histories.withConsent())
      .when(commands.assessNeeds())
      .then([events.needsAssessed(), events.casePhaseChanged({ from: 'intake', to: 'assessment', trigger: 'needs_assessed' })]);
  });

  it('is repeatable and a re-assessment does not move the phase back', () => {
    given(histories.planned()).when(commands.assessNeeds({ assessedOn: '2025-03-09' })).then([events.needsAssessed({ assessedOn: '2025-03-09' })]);
  });

  it.each([
    ['no life area at all', { needs: [] }, 'data.needs'],
    ['the same life area twice', { needs: [{ lifeArea: 'housing', level: 1 }, { lifeArea: 'housing', level: 2 }] }, 'data.needs'],
    ['a need level above 3', { needs: [{ lifeArea: 'housing', level: 4 }] }, 'data.needs[0].level'],
    ['an unknown life area', { needs: [{ lifeArea: 'weather', level: 1 }] }, 'data.needs[0].lifeArea'],
  ])('refuses %s', (_label, data, field) => {
    given(histories.withConsent()).when(commands.assessNeeds(data as never)).thenThrows(InvalidValueError, { field });
  });

  it('stores a missing or blank note as null', () => {
    given(histories.assessed())
      .when(commands.assessNeeds({ needs: [{ lifeArea: 'housing', level: 1 }, { lifeArea: 'health', level: 0, note: ' ' }] }))
      .then([
        events.needsAssessed({
          needs: [
            { lifeArea: 'housing', level: 1, note: null },
            { lifeArea: 'health', level: 0, note: null },
          ],
        }),
      ]);
  });
});

describe('AgreeGoal', () => {
  it('agrees a goal and moves an assessed case to planning', () => {
    given(histories.assessed())
      .when(commands.agreeGoal())
      .then([events.goalAgreed(), events.casePhaseChanged({ from: 'assessment', to: 'planning', trigger: 'goal_agreed' })]);
  });

  it('moves a case straight from intake to planning when a goal is agreed first', () => {
    given(histories.withConsent())
      .when(commands.agreeGoal())
      .then([events.goalAgreed(), events.casePhaseChanged({ from: 'intake', to: 'planning', trigger: 'goal_agreed' })]);
  });

  it('does not move the phase once the case is in planning or beyond', () => {
    given(histories.planned()).when(commands.agreeGoal({ goalId: 'goal-2' })).then([events.goalAgreed({ goalId: 'goal-2' })]);
  });

  it('accepts a goal without target date', () => {
    given(histories.planned())
      .when(commands.agreeGoal({ goalId: 'goal-2', targetOn: undefined }))
      .then([events.goalAgreed({ goalId: 'goal-2', targetOn: null })]);
  });

  it('refuses a goal id that is taken', () => {
    given(histories.planned()).when(commands.agreeGoal()).thenThrows(GoalAlreadyExistsError, { goalId: 'goal-1' });
  });

  it('refuses a target date before the agreement', () => {
    given(histories.assessed()).when(commands.agreeGoal({ targetOn: '2025-03-04' })).thenThrows(DateOutOfOrderError, { field: 'data.targetOn' });
  });

  it('refuses a blank goal text', () => {
    given(histories.assessed()).when(commands.agreeGoal({ text: '' })).thenThrows(InvalidValueError, { field: 'data.text' });
  });

  it('treats ids that exist on every JavaScript object as unknown', () => {
    given(histories.planned()).when(commands.reviewGoal({ goalId: 'constructor' })).thenThrows(GoalNotFoundError);
    given(histories.planned())
      .when(commands.agreeGoal({ goalId: 'constructor' }))
      .then([events.goalAgreed({ goalId: 'constructor' })]);
  });
});

describe('ReviewGoal', () => {
  it('records a review of an open goal', () => {
    given(histories.planned()).when(commands.reviewGoal()).then([events.goalReviewed()]);
  });

  it('records a revised target date', () => {
    given(histories.planned())
      .when(commands.reviewGoal({ progress: 'delayed', revisedTargetOn: '2025-12-31' }))
      .then([events.goalReviewed({ progress: 'delayed', revisedTargetOn: '2025-12-31' })]);
  });

  it('needs a goal of that id, still open', () => {
    given(histories.planned()).when(commands.reviewGoal({ goalId: 'goal-9' })).thenThrows(GoalNotFoundError, { goalId: 'goal-9' });
    given([...histories.planned(), events.goalClosed()]).when(commands.reviewGoal()).thenThrows(GoalNotOpenError);
  });

  it('refuses a review before the goal was agreed, or a revised target before the review', () => {
    given(histories.planned()).when(commands.reviewGoal({ reviewedOn: '2025-03-04' })).thenThrows(DateOutOfOrderError, {
      field: 'data.reviewedOn',
      mustNotBeBefore: 'agreedOn',
    });
    given(histories.planned()).when(commands.reviewGoal({ revisedTargetOn: '2025-03-06' })).thenThrows(DateOutOfOrderError, {
      field: 'data.revisedTargetOn',
    });
  });
});

describe('CloseGoal', () => {
  it('closes an open goal with its outcome', () => {
    given(histories.planned()).when(commands.closeGoal({ outcome: 'partly_achieved' })).then([events.goalClosed({ outcome: 'partly_achieved' })]);
  });

  it('closes a goal only once', () => {
    given([...histories.planned(), events.goalClosed()]).when(commands.closeGoal()).thenThrows(GoalNotOpenError, { goalId: 'goal-1' });
  });

  it('needs a known goal', () => {
    given(histories.assessed()).when(commands.closeGoal()).thenThrows(GoalNotFoundError);
  });

  it('refuses a closing date before the agreement', () => {
    given(histories.planned()).when(commands.closeGoal({ closedOn: '2025-03-04' })).thenThrows(DateOutOfOrderError);
  });

  it('refuses an unknown outcome', () => {
    given(histories.planned()).when(commands.closeGoal({ outcome: 'sort_of' as never })).thenThrows(InvalidValueError, { field: 'data.outcome' });
  });
});

describe('ChangePhase', () => {
  it('moves the phase explicitly, with the reason if one is given', () => {
    given(histories.withConsent())
      .when(commands.changePhase({ to: 'assessment' }, metadata({ reason: 'Klärung abgeschlossen PII' })))
      .then([events.casePhaseChanged({ from: 'intake', to: 'assessment', trigger: 'manual', reason: 'Klärung abgeschlossen PII' })]);
  });

  it('may move back, e.g. to re-plan', () => {
    given(histories.planned())
      .when(commands.changePhase({ to: 'assessment' }))
      .then([events.casePhaseChanged({ from: 'planning', to: 'assessment', trigger: 'manual' })]);
  });

  it('must change the phase', () => {
    given(histories.withConsent()).when(commands.changePhase({ to: 'intake' })).thenThrows(PhaseUnchangedError);
  });

  it('cannot close a case: that takes a closure with its reason', () => {
    given(histories.withConsent()).when(commands.changePhase({ to: 'closed' as never })).thenThrows(InvalidValueError, { field: 'data.to' });
  });
});

describe('dates in the support plan', () => {
  it('are not before the case was opened', () => {
    given(histories.withConsent()).when(commands.assessNeeds({ assessedOn: '2025-03-01' })).thenThrows(DateBeforeOpeningError, {
      field: 'data.assessedOn',
    });
    given(histories.withConsent()).when(commands.agreeGoal({ agreedOn: '2025-03-01' })).thenThrows(DateBeforeOpeningError, {
      field: 'data.agreedOn',
    });
  });
});
