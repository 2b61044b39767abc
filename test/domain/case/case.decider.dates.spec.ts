import { DateInFutureError } from '../../../src/domain/case/case.errors';
import { commands, events, histories, metadata } from '../case.fixtures';
import { given } from './decider.given';

/** Dates are days in Germany, checked against the caller's clock with five minutes' tolerance. */
describe('dates against the clock', () => {
  const sessionOn = (heldOn: string, now: string) => given(histories.withConsent()).when(commands.recordCounsellingSession({ heldOn }, metadata({ now })));

  it('accept today and refuse tomorrow', () => {
    sessionOn('2025-03-10', '2025-03-10T09:00:00Z').then([events.counsellingSessionHeld({ heldOn: '2025-03-10' })]);
    sessionOn('2025-03-11', '2025-03-10T09:00:00Z').thenThrows(DateInFutureError, { field: 'data.heldOn' });
  });

  it('count the day in Germany: half past midnight in Berlin is already the next day', () => {
    sessionOn('2025-07-11', '2025-07-10T22:30:00Z').then([events.counsellingSessionHeld({ heldOn: '2025-07-11' })]);
    sessionOn('2025-03-11', '2025-03-10T23:30:00Z').then([events.counsellingSessionHeld({ heldOn: '2025-03-11' })]);
  });

  it('tolerate a clock up to five minutes behind at midnight, and no more', () => {
    // 23:56 in Berlin (CET): within five minutes of the next day.
    sessionOn('2025-03-11', '2025-03-10T22:56:00Z').then([events.counsellingSessionHeld({ heldOn: '2025-03-11' })]);
    // 23:54 in Berlin: six minutes before.
    sessionOn('2025-03-11', '2025-03-10T22:54:00Z').thenThrows(DateInFutureError);
  });
});
