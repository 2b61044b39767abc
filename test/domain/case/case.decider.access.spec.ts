import type { Actor } from '../../../src/domain/case/access.policy';
import type { CaseCommand } from '../../../src/domain/case/case.commands';
import {
  InvalidValueError,
  NotInDistrictError,
  NotInOrganisationUnitError,
  RoleNotPermittedError,
} from '../../../src/domain/case/case.errors';
import { ACTORS, actor, commands, events, everyCaseCommand, histories, metadata, withReason } from '../case.fixtures';
import { given } from './decider.given';

const by = (command: CaseCommand, who: Actor): CaseCommand => ({ ...command, metadata: { ...command.metadata, actor: who } });
const all = (who: Actor) => everyCaseCommand().map((command) => [command.type, by(command, who)] as const);

describe('who may change a case', () => {
  describe.each([ACTORS.auditor, ACTORS.reporting, ACTORS.administrator])('$role', (reader) => {
    it.each(all(reader))('may not %s', (_type, command) => {
      given(histories.planned()).when(command).thenThrows(RoleNotPermittedError, { code: 'role_not_permitted', role: reader.role });
    });

    it('learns nothing about whether a case exists', () => {
      given([]).when(by(commands.recordCounsellingSession(), reader)).thenThrows(RoleNotPermittedError);
    });
  });

  it.each(all(ACTORS.otherUnitCaseManager))('a case manager of another unit may not %s', (_type, command) => {
    given(histories.planned()).when(command).thenThrows(NotInOrganisationUnitError, { code: 'not_in_organisation_unit' });
  });

  it.each(all(ACTORS.otherDistrictCaseManager))('a case manager of another district may not %s', (_type, command) => {
    given(histories.planned()).when(command).thenThrows(NotInDistrictError);
  });

  it.each(all(ACTORS.otherDistrictCoordination))('coordination of another district may not %s', (_type, command) => {
    given(histories.planned()).when(command).thenThrows(NotInDistrictError, { code: 'not_in_district' });
  });

  it('a colleague in the same unit may act on the case', () => {
    given(histories.planned())
      .when(commands.recordCounsellingSession({}, metadata({ actor: ACTORS.colleague })))
      .then([events.counsellingSessionHeld(), events.casePhaseChanged({ from: 'planning', to: 'implementation', trigger: 'counselling_session_held' })]);
  });

  it('coordination may act on every case of its district', () => {
    given(histories.planned())
      .when(commands.recordCounsellingSession({}, metadata({ actor: ACTORS.coordination })))
      .then([events.counsellingSessionHeld(), events.casePhaseChanged({ from: 'planning', to: 'implementation', trigger: 'counselling_session_held' })]);
    given(histories.planned()).when(commands.closeCase({}, withReason({ actor: ACTORS.coordination }))).then([events.caseClosed()]);
  });

  it('refuses a role it does not know', () => {
    const stranger = actor({ role: 'superuser' as never });
    given(histories.planned()).when(commands.recordCounsellingSession({}, metadata({ actor: stranger }))).thenThrows(RoleNotPermittedError, {
      role: 'superuser',
    });
  });
});

describe('command metadata', () => {
  it.each([
    ['a time without offset', { now: '2025-03-10T09:00:00' }, 'metadata.now'],
    ['a date instead of a time', { now: '2025-03-10' }, 'metadata.now'],
    ['an impossible time', { now: '2025-02-29T09:00:00Z' }, 'metadata.now'],
    ['an actor without user id', { actor: actor({ userId: '' }) }, 'metadata.actor.userId'],
    ['an actor without district', { actor: actor({ districtId: undefined as never }) }, 'metadata.actor.districtId'],
  ])('refuses %s', (_label, overrides, field) => {
    given(histories.planned()).when(commands.recordCounsellingSession({}, metadata(overrides))).thenThrows(InvalidValueError, { field });
  });

  it('accepts the caller’s time with any offset', () => {
    given(histories.withConsent())
      .when(commands.recordCounsellingSession({}, metadata({ now: '2025-03-10T10:00:00+01:00' })))
      .then([events.counsellingSessionHeld()]);
  });
});
