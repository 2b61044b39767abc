import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import fc from 'fast-check';
import { OpenCaseRequest } from '../../../src/infrastructure/http/cases/dto/open-case.request';
import { RecordCounsellingSessionRequest } from '../../../src/infrastructure/http/cases/dto/record-counselling-session.request';
import { createValidationPipe, RequestValidationError } from '../../../src/infrastructure/http/request-validation';
import { holdsNoBinary, isCertainlyValid } from '../../../src/infrastructure/http/valid-request.check';

/** The options of `createValidationPipe`, under which the quick check must agree with class-validator. */
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true };

const SESSION = {
  heldOn: '2025-03-06',
  durationMinutes: 45,
  format: 'office',
  lifeAreas: ['residence_law', 'housing'],
  interpreterLanguage: 'ar',
  householdMembersPresent: 1,
  note: 'Termin vorbereitet.',
};

const OPENING = {
  openedOn: '2025-03-03',
  channel: 'office',
  entryCriteria: ['complex_needs'],
  client: {
    personal: { givenName: 'Amina', familyName: 'Haddad', contact: { phone: '+49 2452 1', email: null }, address: null },
    profile: { gender: 'female', languages: ['ar', 'de'], birthYear: 1990 },
  },
};

type Json = Record<string, unknown>;

/** A body with one change at `path`: a field removed, replaced by any JSON value, or an unknown one added. */
function changed(body: Json, path: readonly string[], change: { kind: 'remove' | 'set' | 'add'; value: unknown }): Json {
  const copy = structuredClone(body);
  let target: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) return copy;
    target = target[key] as Json;
  }
  const last = path[path.length - 1];
  if (change.kind === 'remove') delete target[last];
  else if (change.kind === 'set') target[last] = change.value;
  else target[`${last}Extra`] = change.value;
  return copy;
}

function pathsOf(body: Json, prefix: string[] = []): string[][] {
  return Object.entries(body).flatMap(([key, value]) => {
    const path = [...prefix, key];
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? [path, ...pathsOf(value as Json, path)] : [path];
  });
}

const cases: Array<{ name: string; dto: new () => object; body: Json }> = [
  { name: 'a counselling session', dto: RecordCounsellingSessionRequest, body: SESSION },
  { name: 'an opened case with nested client data', dto: OpenCaseRequest, body: OPENING },
];

describe('the quick check of a request body', () => {
  it.each(cases)('is certain of a valid body ($name), so class-validator is not asked', ({ dto, body }) => {
    expect(isCertainlyValid(plainToInstance(dto, structuredClone(body)))).toBe(true);
  });

  it.each(cases)('never calls a body of $name valid that class-validator refuses', async ({ dto, body }) => {
    const change = fc.record({ kind: fc.constantFrom('remove' as const, 'set' as const, 'add' as const), value: fc.jsonValue() });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pathsOf(body)), change, async (path, what) => {
        const entity = plainToInstance(dto, changed(body, path, what));
        const certain = isCertainlyValid(entity);
        const errors = await validate(entity, OPTIONS);
        if (certain) expect(errors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is not sure of a plain object, an array of objects where classes belong, or a class without rules', () => {
    expect(isCertainlyValid({ ...SESSION })).toBe(false);
    expect(isCertainlyValid(plainToInstance(OpenCaseRequest, { ...OPENING, client: [OPENING.client] }))).toBe(false);
    expect(isCertainlyValid(new (class NoRules {})())).toBe(false);
  });

  it('is certain that a JSON body holds no binary value, and not sure once one is nested anywhere', () => {
    expect(holdsNoBinary(structuredClone(OPENING))).toBe(true);
    expect(holdsNoBinary({ ...OPENING, client: { ...OPENING.client, personal: [{ photo: Buffer.from('x') }] } })).toBe(false);
    expect(holdsNoBinary({ data: new Uint8Array(2) })).toBe(false);
    expect(holdsNoBinary({ data: new ArrayBuffer(2) })).toBe(false);
  });

  it('leaves the answer to an invalid body to class-validator: the same field messages through the pipe', async () => {
    const pipe = createValidationPipe();
    const refusal = await pipe
      .transform({ ...SESSION, durationMinutes: '45', unknown: 1 }, { type: 'body', metatype: RecordCounsellingSessionRequest })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).problems).toEqual([
      { field: 'unknown', message: 'Dieses Feld ist nicht vorgesehen.' },
      { field: 'durationMinutes', message: 'Bitte geben Sie eine ganze Zahl ein.' },
    ]);
  });
});
