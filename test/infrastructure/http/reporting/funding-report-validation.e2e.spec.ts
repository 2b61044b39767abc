import { addDays } from '../../../../src/domain/time/calendar-date.value';
import { germanCalendarDate } from '../../../../src/domain/time/instant.value';
import { DEMO_PASSWORD } from '../../../../src/infrastructure/identity/demo-district.seed';
import { postgresTestUrl } from '../../../support/test-database';
import { givenDistrict, givenUser } from '../../identity/identity.fixtures';
import { startTestApi, type TestApi } from '../cases/case-api.fixtures';

/**
 * What the funding report answers for a request it cannot serve: each problem names the query parameter it
 * concerns, so a form or a program can show the message beside the input. Malformed input is a 400 with one
 * entry per parameter in `errors`; a well-formed request the report refuses is a 404 (a unit that is not in
 * the reader's district) or a 422 (a day in the future, dates in the wrong order), with `field`.
 * Nothing is appended for any of them.
 */
describe('GET /api/reports/funding: bad input, per parameter', () => {
  let api: TestApi;
  let foreignUnit: string;
  const today = germanCalendarDate(Date.now());
  const tomorrow = addDays(today, 1);

  beforeAll(async () => {
    api = await startTestApi(postgresTestUrl() ? 'postgres' : 'pglite');
    const elsewhere = await givenDistrict(api.database, 'd-elsewhere');
    foreignUnit = elsewhere.ki.id;
    await givenUser(api.database, { username: 'ko-elsewhere', role: 'coordination', organisationUnitId: foreignUnit, districtId: 'd-elsewhere', password: DEMO_PASSWORD });
  });
  afterAll(async () => api?.close());

  async function refused(path: string, status: number) {
    const events = await api.eventCount();
    const response = await api.http().get(path).set('Authorization', `Bearer ${await api.tokenOf('berichtswesen')}`);
    expect({ path, status: response.status }).toEqual({ path, status });
    expect(await api.eventCount()).toBe(events);
    expect(typeof response.body.correlationId).toBe('string');
    return response.body as { code: string; message: string; field?: string; errors?: Array<{ field: string; message: string }> };
  }

  const PERIOD_MESSAGE = expect.stringContaining('Quartal (2025-Q1)');
  const DATE_MESSAGE = 'Bitte geben Sie ein gültiges Datum im Format JJJJ-MM-TT an.';

  describe('malformed parameters: 400 with one problem per parameter', () => {
    it.each([
      ['no period', '', 'period', PERIOD_MESSAGE],
      ['a period in another notation', 'period=Q1-2025', 'period', PERIOD_MESSAGE],
      ['a quarter that does not exist', 'period=2025-Q5', 'period', PERIOD_MESSAGE],
      ['a year outside the range reports cover', 'period=1999', 'period', PERIOD_MESSAGE],
      ['a period given twice', 'period=2025&period=2024', 'period', PERIOD_MESSAGE],
      ['a day that does not exist', 'period=2025-Q1&asRecordedOn=2025-02-30', 'asRecordedOn', DATE_MESSAGE],
      ['a German date instead of an ISO one', 'period=2025-Q1&asRecordedOn=10.04.2025', 'asRecordedOn', DATE_MESSAGE],
      ['an organisation unit that is no identifier', 'period=2025-Q1&organisationUnit=%3Cscript%3E', 'organisationUnit', expect.stringContaining('gültige Kennung')],
      ['an unknown format', 'period=2025-Q1&format=pdf', 'format', 'Bitte wählen Sie einen der vorgesehenen Werte.'],
      ['a parameter the report does not have', 'period=2025-Q1&district=d-elsewhere', 'district', 'Dieses Feld ist nicht vorgesehen.'],
    ])('%s', async (_, query, field, message) => {
      const body = await refused(`/api/reports/funding?${query}`, 400);
      expect(body).toEqual(expect.objectContaining({ code: 'validation_failed', errors: [{ field, message }] }));
    });

    it('names every malformed parameter of one request', async () => {
      const body = await refused('/api/reports/funding?period=2025-Q9&asRecordedOn=gestern&format=pdf', 400);
      expect(body.errors?.map((problem) => problem.field)).toEqual(['period', 'asRecordedOn', 'format']);
    });
  });

  describe('well-formed requests the report refuses', () => {
    it('an organisation unit that does not exist: 404 naming the parameter', async () => {
      const body = await refused('/api/reports/funding?period=2025-Q1&organisationUnit=gibt-es-nicht', 404);
      expect(body).toEqual(expect.objectContaining({ code: 'organisation_unit_not_found', field: 'organisationUnit', message: 'Diese Organisationseinheit gibt es in Ihrem Kreis nicht.' }));
    });

    it('a unit of another district answers exactly like one that does not exist', async () => {
      const unknown = await refused('/api/reports/funding?period=2025-Q1&organisationUnit=gibt-es-nicht', 404);
      const foreign = await refused(`/api/reports/funding?period=2025-Q1&organisationUnit=${foreignUnit}`, 404);
      expect({ ...foreign, correlationId: null }).toEqual({ ...unknown, correlationId: null });
    });

    it('a Datenstand in the future: 422 naming the parameter', async () => {
      const body = await refused(`/api/reports/funding?period=2025-Q1&asRecordedOn=${tomorrow}`, 422);
      expect(body).toEqual(expect.objectContaining({ code: 'as_recorded_on_in_future', field: 'asRecordedOn', message: expect.stringContaining('nicht in der Zukunft') }));
    });
  });

  describe('GET /api/reports/funding/comparison', () => {
    it('without the earlier Datenstand, with an unknown format: 400 naming both', async () => {
      const body = await refused('/api/reports/funding/comparison?period=2025-Q1&format=xlsx', 400);
      expect(body.errors).toEqual([
        { field: 'before', message: 'Bitte füllen Sie dieses Feld aus.' },
        { field: 'format', message: 'Bitte wählen Sie einen der vorgesehenen Werte.' },
      ]);
    });

    it('a malformed later Datenstand: 400 naming it', async () => {
      const body = await refused('/api/reports/funding/comparison?period=2025-Q1&before=2025-04-10&after=30.04.2025', 400);
      expect(body.errors).toEqual([{ field: 'after', message: DATE_MESSAGE }]);
    });

    it.each([
      ['after', 'earlier than before', `before=2025-04-30&after=2025-04-10`],
      ['after', 'the same day as before', `before=2025-04-10&after=2025-04-10`],
    ])('a later Datenstand %s that is %s: 422', async (field, _, dates) => {
      const body = await refused(`/api/reports/funding/comparison?period=2025-Q1&${dates}`, 422);
      expect(body).toEqual(expect.objectContaining({ code: 'comparison_order_invalid', field }));
    });

    it.each([
      ['before', `before=${tomorrow}`],
      ['after', `before=2025-04-10&after=${tomorrow}`],
    ])('%s in the future: 422 naming it', async (field, dates) => {
      const body = await refused(`/api/reports/funding/comparison?period=2025-Q1&${dates}`, 422);
      expect(body).toEqual(expect.objectContaining({ code: 'as_recorded_on_in_future', field }));
    });

    it('an organisation unit of another district: 404 naming the parameter', async () => {
      const body = await refused(`/api/reports/funding/comparison?period=2025-Q1&before=2025-04-10&organisationUnit=${foreignUnit}`, 404);
      expect(body).toEqual(expect.objectContaining({ code: 'organisation_unit_not_found', field: 'organisationUnit' }));
    });
  });
});
