import fc from 'fast-check';
import { decide } from '../../../src/domain/case/case.decider';
import { CASE_EVENT_TYPES, type CaseEvent, type NeedsAssessed } from '../../../src/domain/case/case.events';
import {
  mapPersonalData,
  PERSONAL_DATA_PATHS,
  personalDataPaths,
  UnregisteredEventTypeError,
  type DataPath,
} from '../../../src/domain/case/personal-data.registry';
import { acceptedCommands, oneOfEachEvent, PII_MARKER, PII_WITHOUT_MARKER, stateOf } from '../case.fixtures';

const ENCRYPTED = 'enc:v1:opaque';
const encrypt = (event: CaseEvent) => ({ type: event.type, data: mapPersonalData(event.type, event.data, () => ENCRYPTED) });

function expectNothingPersonal(value: unknown): void {
  const json = JSON.stringify(value);
  expect(json).not.toContain(PII_MARKER);
  for (const personal of PII_WITHOUT_MARKER) expect(json).not.toContain(personal);
}

describe('the personal-data registry', () => {
  it('has an entry for every event type', () => {
    expect(Object.keys(PERSONAL_DATA_PATHS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it('covers every personal value of every event type', () => {
    expectNothingPersonal(oneOfEachEvent().map(encrypt));
  });

  it('covers everything personal the decider writes, reasons included', () => {
    const written = acceptedCommands().flatMap(({ history, command }) => decide(command, stateOf(history)));
    expect(JSON.stringify(written)).toContain(PII_MARKER);
    expectNothingPersonal(written.map(encrypt));
  });

  it('names only fields that exist: each path is met in the fixtures', () => {
    const visited = new Set<string>();
    for (const event of oneOfEachEvent()) mapPersonalData(event.type, event.data, (_value, path) => visited.add(`${event.type}:${path}`));
    const registered = Object.entries(PERSONAL_DATA_PATHS).flatMap(([type, paths]) => paths.map((path) => `${type}:${path}`));
    expect([...visited].sort()).toEqual(registered.sort());
  });

  it('leaves everything else readable for decisions and reports', () => {
    const [opened] = oneOfEachEvent();
    const stored = encrypt(opened) as { data: { client: { personal: unknown; profile: unknown }; openedOn: string } };
    expect(stored.data.client.personal).toBe(ENCRYPTED);
    expect(stored.data.client.profile).toEqual(opened.type === 'CaseOpened' && opened.data.client.profile);
    expect(stored.data.openedOn).toBe('2025-03-03');
  });

  it('decides the same on encrypted history: the decider never needs plaintext', () => {
    for (const { history, command } of acceptedCommands()) {
      expect(decide(command, stateOf(history.map(encrypt) as CaseEvent[]))).toEqual(decide(command, stateOf(history)));
    }
  });

  it('maps into arrays, skips absent values and does not change its input', () => {
    const data = { assessedOn: '2025-03-04', needs: [{ lifeArea: 'housing', level: 1, note: 'a' }, { lifeArea: 'health', level: 0, note: null }] };
    const copy = structuredClone(data);
    const seen: string[] = [];
    const mapped = mapPersonalData('NeedsAssessed', data, (value, path) => {
      seen.push(path);
      return `<${String(value)}>`;
    });
    expect(mapped).toEqual({ assessedOn: '2025-03-04', needs: [{ lifeArea: 'housing', level: 1, note: '<a>' }, { lifeArea: 'health', level: 0, note: null }] });
    expect(seen).toEqual(['needs[].note']);
    expect(data).toEqual(copy);
    expect(mapPersonalData('NeedsAssessed', { assessedOn: '2025-03-04' }, () => 'x')).toEqual({ assessedOn: '2025-03-04' });
  });

  it('round-trips: decrypting what was encrypted gives the event back', () => {
    const seal = (value: unknown) => `sealed:${Buffer.from(JSON.stringify(value)).toString('base64')}`;
    const open = (value: unknown) => JSON.parse(Buffer.from(String(value).slice('sealed:'.length), 'base64').toString());
    fc.assert(
      fc.property(fc.constantFrom(...oneOfEachEvent()), fc.string(), (event, note) => {
        const varied = event.type === 'CounsellingSessionHeld' ? { ...event, data: { ...event.data, note } } : event;
        const sealed = mapPersonalData(varied.type, varied.data, seal);
        expect(mapPersonalData(varied.type, sealed, open)).toEqual(varied.data);
      }),
    );
  });

  it('refuses an event type it does not know, rather than store it in plain text', () => {
    expect(() => personalDataPaths('ClientPhotographed')).toThrow(UnregisteredEventTypeError);
    expect(() => mapPersonalData('toString', {}, (value) => value)).toThrow(UnregisteredEventTypeError);
  });

  it('admits only paths that exist in the event (checked by the compiler)', () => {
    // @ts-expect-error an array field is stepped into with [], so `needs.note` is no path
    const wrong: DataPath<NeedsAssessed['data']> = 'needs.note';
    const right: DataPath<NeedsAssessed['data']> = 'needs[].note';
    expect([wrong, right]).toHaveLength(2);
  });
});
