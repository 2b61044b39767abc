import fc from 'fast-check';
import { reportSourceEventsOf } from '../../support/report-facts';
import { foldFundingMeasures } from '../../../src/domain/reporting/funding-measures.fold';
import type { FundingMeasures } from '../../../src/domain/reporting/funding-measures.model';
import type { PublishedValue } from '../../../src/domain/reporting/funding-report.model';
import { extractReportFacts } from '../../../src/domain/reporting/report-facts.extractor';
import { AS_RECORDED_A, DISTRICT, fundingDistrictLog, fundingDistrictScripts } from '../../support/funding-district.fixture';
import { RANDOM_DISTRICT, RANDOM_UNITS, randomCaseLog } from '../../support/random-case-log';
import { findTable, publishedLines, reportOf, reportRequest, rowsOf } from './funding-report.fixtures';

describe('the published funding report of the hand-built district (Q1 2025, as recorded on 10 April)', () => {
  const report = reportOf(fundingDistrictLog(), reportRequest(DISTRICT, '2025-Q1', AS_RECORDED_A));

  it('names period, scope and cut-off, and nothing that varies between runs', () => {
    expect(report.period).toEqual({ code: '2025-Q1', kind: 'quarter', label: '1. Quartal 2025', from: '2025-01-01', to: '2025-03-31' });
    expect(report.scope).toEqual({ districtId: DISTRICT, districtName: 'Kreis Heinsberg (Test)', organisationUnitId: null, organisationUnitName: null });
    expect(report.recorded).toEqual({
      asRecordedOn: '2025-04-10',
      recordedBefore: '2025-04-10T22:00:00.000Z',
      description: 'Stand der Erfassung: alles, was bis zum Ende des 10.04.2025 (deutsche Zeit) gespeichert war.',
    });
    expect(report.groups.map((group) => group.title)).toEqual(['Fallzahlen', 'Personen', 'Beratung', 'Verweisberatung', 'Rechtssicherheit', 'Rechtskreiswechsel', 'Wirkung', 'Angebotslücken']);
  });

  it('shows counts of 5 and more, and 1 to 4 as "<5"', () => {
    expect(rowsOf(findTable(report, 'caseload.overview'))).toEqual({
      'Aktive Fälle zum Ende des Zeitraums': [9],
      'Neuaufnahmen im Zeitraum': ['<5'],
      'Wiederaufnahmen im Zeitraum': ['<5'],
      'Case Manager/innen mit aktiven Fällen zum Ende des Zeitraums': ['<5'],
      // 9 / 3, hidden because the number of case managers is.
      'Aktive Fälle je Case Manager/in (Durchschnitt)': ['x'],
    });
    expect(rowsOf(findTable(report, 'people.gender'))).toEqual({ weiblich: [6], männlich: ['<5'], divers: ['<5'], 'keine Angabe': [0], Insgesamt: [10] });
    expect(rowsOf(findTable(report, 'people.residence'))).toEqual({
      'Aufenthaltsgestattung (Asylverfahren)': ['<5', '<5'],
      Duldung: ['<5', 0],
      Aufenthaltserlaubnis: ['<5', 5],
      Niederlassungserlaubnis: [0, 0],
      'Erlaubnis zum Daueraufenthalt-EU': [0, 0],
      'Freizügigkeit (EU/EWR)': ['<5', '<5'],
      'Fiktionsbescheinigung (Antrag anhängig)': [0, 0],
      'Deutsche Staatsangehörigkeit (eingebürgert)': [0, 0],
      'nicht erfasst': ['<5', '<5'],
      Insgesamt: [10, 10],
    });
    expect(findTable(report, 'people.country').rows.map((row) => row.label)).toEqual([
      'Afghanistan', 'Eritrea', 'Guinea', 'Irak', 'Rumänien', 'Syrien', 'Ukraine', 'übrige Herkunftsländer', 'nicht erfasst',
    ]);
  });

  it('derives hours, shares and averages only from shown counts', () => {
    expect(rowsOf(findTable(report, 'activity.overview'))).toEqual({
      Beratungsgespräche: [21],
      Beratungsstunden: [20.5],
      // (2 home visits + 2 outreach) / 21: both are "<5", so the share would reveal their sum.
      'Anteil aufsuchender Gespräche und Hausbesuche (%)': ['x'],
      'Gespräche mit Dolmetscher/in': [11],
      'Erreichte Haushaltsangehörige': [10],
    });
    expect(rowsOf(findTable(report, 'activity.formats'))).toEqual({
      Büro: [13],
      Hausbesuch: ['<5'],
      Aufsuchend: ['<5'],
      Telefon: ['<5'],
      Video: ['<5'],
      'Begleitung zu einer Behörde oder Stelle': ['<5'],
      Insgesamt: [21],
    });
    expect(rowsOf(findTable(report, 'service_gaps.by_life_area')).Wohnen).toEqual(['<5', 8]);
  });

  it('lists every suppressed cell with its reason, and only those', () => {
    const shown = report.groups.flatMap((group) =>
      group.tables.flatMap((table) =>
        [...table.rows, ...(table.totalRow ? [table.totalRow] : [])].flatMap((row) =>
          row.cells.map((value, c) => ({ table: table.id, row: row.key, column: table.columns[c].key, value })).filter((cell) => typeof cell.value === 'string'),
        ),
      ),
    );
    expect(report.suppressed.map(({ table, row, column }) => ({ table, row, column }))).toEqual(shown.map(({ table, row, column }) => ({ table, row, column })));
    expect(report.suppressed.map((cell) => cell.reason)).toEqual(shown.map((cell) => (cell.value === '<5' ? 'primary' : 'derived')));
    expect(report.suppressed.find((cell) => cell.row === 'outreach_share')?.explanation).toBe('Nicht ausgewiesen, weil der Wert aus gesperrten Werten berechnet würde.');
  });

  it('holds no name, id or free text: nothing personal, no case, client, case manager or event id', () => {
    const text = JSON.stringify(report);
    const ids = fundingDistrictScripts().flatMap((script) => [script.spec.caseId, script.spec.clientId, script.spec.caseManagerId]);
    expect(text).not.toMatch(/PII/);
    for (const id of [...ids, 'cm-drk-2', 'user-coordination']) expect(text).not.toContain(`"${id}"`);
    for (const event of fundingDistrictLog()) expect(text).not.toContain(event.id);
  });
});

describe('properties of the report over random logs', () => {
  const anyLog = fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), cases: fc.integer({ min: 5, max: 30 }), period: fc.constantFrom('2024', '2025-H1', '2025-Q3', '2025') });

  it('totals equal the sum of their parts (published, and in the raw figures across units)', () => {
    fc.assert(
      fc.property(anyLog, ({ seed, cases, period }) => {
        const log = randomCaseLog(seed, cases);
        const request = reportRequest(RANDOM_DISTRICT, period, '2025-12-31');
        for (const table of reportOf(log, request).groups.flatMap((group) => group.tables)) {
          for (const line of publishedLines(table)) {
            if ([line.total, ...line.parts].every((value): value is number => typeof value === 'number')) {
              expect(line.parts.reduce((sum: number, value) => sum + (value as number), 0)).toBe(line.total);
            }
          }
        }
        const facts = extractReportFacts(reportSourceEventsOf(log));
        const district = foldFundingMeasures(facts, request);
        const units = RANDOM_UNITS.map((unit) => foldFundingMeasures(facts, { ...request, scope: { districtId: RANDOM_DISTRICT, organisationUnitId: unit } }));
        // Everything that happens in one unit adds up to the district; people are counted once per district.
        expect(additive(district)).toEqual(sumOf(units.map(additive)));
        const clients = district.people.clients;
        for (const counts of [district.people.byGender, district.people.byAgeBand, district.people.byCountry, district.people.residenceAtIntake, district.people.residenceAtEnd, district.people.jurisdictionAtEnd]) {
          expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(clients);
        }
        expect(units.reduce((sum, unit) => sum + unit.people.clients, 0)).toBeGreaterThanOrEqual(clients);
      }),
      { numRuns: 25 },
    );
  });

  it('no suppressed value can be recomputed from the published totals of its row or column', () => {
    fc.assert(
      fc.property(anyLog, fc.constantFrom(null, ...RANDOM_UNITS), ({ seed, cases, period }, unit) => {
        const report = reportOf(randomCaseLog(seed, cases), reportRequest(RANDOM_DISTRICT, period, '2025-12-31', unit));
        for (const table of report.groups.flatMap((group) => group.tables)) {
          for (const line of publishedLines(table)) expect(pinned(line)).toEqual([]);
        }
      }),
      { numRuns: 30 },
    );
  });
});

/** The raw figures that are sums over events: equal for the district and the sum of its units. */
function additive(m: FundingMeasures) {
  return {
    intakes: m.caseload.intakes,
    reopenings: m.caseload.reopenings,
    activeAtEnd: m.caseload.activeAtEnd,
    closures: m.caseload.closuresByReason,
    residenceChanges: m.residenceChanges,
    needChanges: m.needChanges,
    sessions: m.activity.sessionsByFormat,
    minutes: m.activity.minutesByFormat,
    interpreted: m.activity.sessionsWithInterpreter,
    referrals: m.referrals,
    jurisdictionChanges: m.jurisdictionChanges,
    goals: m.goals,
    serviceGaps: m.serviceGaps,
  };
}

function sumOf<T>(values: T[]): T {
  const add = (a: unknown, b: unknown): unknown =>
    typeof a === 'number' ? a + (b as number) : Object.fromEntries(Object.entries(a as object).map(([k, v]) => [k, add(v, (b as Record<string, unknown>)[k])]));
  return values.reduce((a, b) => add(a, b) as T);
}

/** From the published values alone: which "<5" or "x" of a line with a shown total has only one possible value. */
function pinned(line: { total: PublishedValue; parts: PublishedValue[] }): number[] {
  if (typeof line.total !== 'number') return [];
  const hidden = line.parts.map((value, index) => ({ value, index })).filter(({ value }) => typeof value === 'string');
  const rest = line.total - line.parts.reduce((sum: number, value) => sum + (typeof value === 'number' ? value : 0), 0);
  const low = (v: PublishedValue) => (v === '<5' ? 1 : 5);
  const high = (v: PublishedValue) => (v === '<5' ? 4 : Infinity);
  return hidden
    .filter(({ value, index }) => {
      const others = hidden.filter((other) => other.index !== index);
      const min = Math.max(low(value), rest - others.reduce((sum, o) => sum + high(o.value), 0));
      const max = Math.min(high(value), rest - others.reduce((sum, o) => sum + low(o.value), 0));
      return min === max;
    })
    .map(({ index }) => index);
}
