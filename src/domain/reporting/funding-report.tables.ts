import {
  CLOSURE_REASON_LABELS,
  GENDER_LABELS,
  GENDERS,
  INSTITUTION_TYPE_LABELS,
  INSTITUTION_TYPES,
  LIFE_AREA_LABELS,
  LIFE_AREAS,
  SESSION_FORMAT_LABELS,
  SESSION_FORMATS,
  type RecordedClosureReason,
} from '../case/case.vocabulary';
import { JURISDICTION_CODES, JURISDICTIONS, type Jurisdiction } from '../residence-law/benefit-jurisdiction.vocabulary';
import { RESIDENCE_CATEGORIES, type ResidenceCategory } from '../residence-law/residence-status.taxonomy';
import { countryName } from './country-names.data';
import { CLOSURE_REASON_ROWS, JURISDICTION_ROWS, RESIDENCE_ROWS, type FundingMeasures, type Recorded } from './funding-measures.model';
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  GOAL_MEASURE_LABELS,
  GOAL_MEASURES,
  NEED_CHANGE_LABELS,
  NEED_CHANGES,
  NOT_RECORDED,
  NOT_RECORDED_LABEL,
  REFERRAL_STATUS_LABELS,
  REFERRAL_STATUSES,
  SERVICE_GAP_MEASURE_LABELS,
  SERVICE_GAP_MEASURES,
} from './funding-report.vocabulary';
import { cellKey, countTable, ratio, sum, TOTAL_KEY, type CellRegistry, type CellSpec, type TableSpec } from './report-table.layout';
import { RESIDENCE_CHANGE_TARGET_LABELS, RESIDENCE_CHANGE_TARGETS } from './residence-change.classifier';

/** The indicator groups of reporting.md, one XLSX sheet each, in the order the report presents them. */
export interface TableGroupSpec {
  id: string;
  title: string;
  tables: TableSpec[];
}

const TOP_COUNTRIES = 10;
const OTHER_COUNTRIES = 'other';

const CLOSURE_ROW_LABELS: Record<RecordedClosureReason, string> = {
  ...CLOSURE_REASON_LABELS,
  client_data_erased: 'Daten der Person gelöscht (Fall dabei geschlossen)',
};

const JURISDICTION_SHORT: Record<Jurisdiction, string> = {
  asylblg: 'AsylbLG',
  sgb_ii: 'SGB II',
  sgb_xii: 'SGB XII',
  sgb_iii: 'SGB III',
  sgb_viii: 'SGB VIII',
  bafoeg: 'BAföG',
  none: 'kein Leistungsbezug',
};

const recordedLabel = <K extends string>(labels: (key: K) => string) => (key: Recorded<K>) => (key === NOT_RECORDED ? NOT_RECORDED_LABEL : labels(key as K));
const residenceLabel = recordedLabel<ResidenceCategory>((key) => RESIDENCE_CATEGORIES[key]);
const jurisdictionLabel = recordedLabel<Jurisdiction>((key) => JURISDICTIONS[key].label);

export function fundingReportTables(measures: FundingMeasures, cells: CellRegistry): TableGroupSpec[] {
  return [caseload(measures, cells), people(measures, cells), activity(measures, cells), linking(measures, cells), legalSecurity(measures, cells), jurisdictionChanges(measures, cells), outcomes(measures, cells), serviceGaps(measures, cells)];
}

function caseload({ caseload: c }: FundingMeasures, cells: CellRegistry): TableGroupSpec {
  const key = (row: string) => cellKey('caseload.overview', row, 'value');
  const active = cells.count(key('active_at_end'), c.activeAtEnd);
  const managers = cells.count(key('case_managers'), c.caseManagers);
  const overview: TableSpec = {
    id: 'caseload.overview',
    title: 'Fallzahlen im Überblick',
    rowHeader: 'Kennzahl',
    columns: [{ key: 'value', label: 'Wert' }],
    rows: [
      { key: 'active_at_end', label: 'Aktive Fälle zum Ende des Zeitraums', format: 'count', cells: [active] },
      { key: 'intakes', label: 'Neuaufnahmen im Zeitraum', format: 'count', cells: [cells.count(key('intakes'), c.intakes)] },
      { key: 'reopenings', label: 'Wiederaufnahmen im Zeitraum', format: 'count', cells: [cells.count(key('reopenings'), c.reopenings)] },
      { key: 'case_managers', label: 'Case Manager/innen mit aktiven Fällen zum Ende des Zeitraums', format: 'count', cells: [managers] },
      {
        key: 'cases_per_case_manager',
        label: 'Aktive Fälle je Case Manager/in (Durchschnitt)',
        format: 'average',
        cells: [{ kind: 'derived', value: ratio(c.activeAtEnd, c.caseManagers, 1), inputs: [active.key, managers.key] }],
      },
    ],
    totalRow: null,
    note: 'Aktiv ist ein Fall, der zum Ende des Zeitraums aufgenommen und nicht abgeschlossen ist. Er zählt für die Organisationseinheit, die ihn dann führt.',
  };
  const closures = countTable(cells, {
    id: 'caseload.closures',
    title: 'Abschlüsse im Zeitraum nach Grund',
    rowHeader: 'Grund des Abschlusses',
    columns: [{ key: 'closures', label: 'Abschlüsse' }],
    rows: CLOSURE_REASON_ROWS.map((reason) => ({ key: reason, label: CLOSURE_ROW_LABELS[reason], values: [c.closuresByReason[reason]] })),
    rowTotals: false,
    columnTotals: true,
  });
  return { id: 'caseload', title: 'Fallzahlen', tables: [overview, closures] };
}

function people({ people: p }: FundingMeasures, cells: CellRegistry): TableGroupSpec {
  const clients = 'people/clients';
  const personColumn = [{ key: 'clients', label: 'Personen' }];
  const note =
    'Personen mit mindestens einem Fall, der im Zeitraum offen war; jede Person zählt einmal, beschrieben durch ihren zuletzt aufgenommenen Fall.';
  const oneColumn = (id: string, title: string, rowHeader: string, rows: Array<{ key: string; label: string; value: number }>, tableNote?: string) =>
    countTable(cells, {
      id,
      title,
      rowHeader,
      columns: personColumn,
      rows: rows.map((row) => ({ key: row.key, label: row.label, values: [row.value] })),
      rowTotals: false,
      columnTotals: true,
      sharedColumnTotal: clients,
      note: tableNote ?? note,
    });
  return {
    id: 'people',
    title: 'Personen',
    tables: [
      oneColumn('people.gender', 'Personen nach Geschlecht', 'Geschlecht', GENDERS.map((g) => ({ key: g, label: GENDER_LABELS[g], value: p.byGender[g] }))),
      oneColumn(
        'people.age',
        'Personen nach Altersgruppe',
        'Alter am Ende des Zeitraums',
        AGE_BANDS.map((band) => ({ key: band, label: AGE_BAND_LABELS[band], value: p.byAgeBand[band] })),
        `${note} Das Alter ergibt sich aus dem Geburtsjahr.`,
      ),
      oneColumn(
        'people.country',
        'Personen nach Herkunftsland',
        'Herkunftsland',
        countryRows(p.byCountry),
        `${note} Die zehn häufigsten Herkunftsländer in alphabetischer Folge, dann alle übrigen zusammen.`,
      ),
      countTable(cells, {
        id: 'people.residence',
        title: 'Personen nach Aufenthaltsstatus',
        rowHeader: 'Aufenthaltsstatus',
        columns: [
          { key: 'at_intake', label: 'bei Aufnahme' },
          { key: 'at_end', label: 'zum Ende des Zeitraums' },
        ],
        rows: RESIDENCE_ROWS.map((row) => ({ key: row, label: residenceLabel(row), values: [p.residenceAtIntake[row], p.residenceAtEnd[row]] })),
        rowTotals: false,
        columnTotals: true,
        sharedColumnTotal: clients,
        note: `${note} Ein korrigierter Status ersetzt den ursprünglich erfassten.`,
      }),
      oneColumn(
        'people.jurisdiction',
        'Personen nach Rechtskreis',
        'Rechtskreis zum Ende des Zeitraums',
        JURISDICTION_ROWS.map((row) => ({ key: row, label: jurisdictionLabel(row), value: p.jurisdictionAtEnd[row] })),
      ),
    ],
  };
}

/** The ten most frequent countries (ties by code), shown alphabetically so row order reveals no ranking. */
function countryRows(byCountry: Record<string, number>): Array<{ key: string; label: string; value: number }> {
  const known = Object.entries(byCountry).filter(([code]) => code !== NOT_RECORDED);
  const top = known.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, TOP_COUNTRIES);
  const shown = new Set(top.map(([code]) => code));
  const rows = top.map(([code, value]) => ({ key: code, label: countryName(code), value }));
  rows.sort((a, b) => compareText(collationKey(a.label), collationKey(b.label)) || compareText(a.key, b.key));
  const other = sum(known.filter(([code]) => !shown.has(code)).map(([, value]) => value));
  return [
    ...rows,
    { key: OTHER_COUNTRIES, label: 'übrige Herkunftsländer', value: other },
    { key: NOT_RECORDED, label: NOT_RECORDED_LABEL, value: byCountry[NOT_RECORDED] ?? 0 },
  ];
}

/** German sorting without the platform's collation tables (which differ between versions): umlauts as their base letter. */
function collationKey(label: string): string {
  return label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function activity({ activity: a }: FundingMeasures, cells: CellRegistry): TableGroupSpec {
  const formats = countTable(cells, {
    id: 'activity.formats',
    title: 'Beratungsgespräche nach Form',
    rowHeader: 'Form',
    columns: [{ key: 'sessions', label: 'Gespräche' }],
    rows: SESSION_FORMATS.map((format) => ({ key: format, label: SESSION_FORMAT_LABELS[format], values: [a.sessionsByFormat[format]] })),
    rowTotals: false,
    columnTotals: true,
  });
  const keyOf = (format: string) => cellKey('activity.formats', format, 'sessions');
  const totalKey = keyOf(TOTAL_KEY);
  const total: CellSpec = { kind: 'count', key: totalKey };
  const sessions = sum(Object.values(a.sessionsByFormat));
  const minutes = sum(Object.values(a.minutesByFormat));
  const overview: TableSpec = {
    id: 'activity.overview',
    title: 'Beratung im Überblick',
    rowHeader: 'Kennzahl',
    columns: [{ key: 'value', label: 'Wert' }],
    rows: [
      { key: 'sessions', label: 'Beratungsgespräche', format: 'count', cells: [total] },
      { key: 'hours', label: 'Beratungsstunden', format: 'hours', cells: [{ kind: 'derived', value: ratio(minutes, 60, 1), inputs: [totalKey] }] },
      {
        key: 'outreach_share',
        label: 'Anteil aufsuchender Gespräche und Hausbesuche (%)',
        format: 'percent',
        cells: [{ kind: 'derived', value: ratio(a.sessionsByFormat.outreach + a.sessionsByFormat.home_visit, sessions, 100), inputs: [keyOf('outreach'), keyOf('home_visit'), totalKey] }],
      },
      { key: 'with_interpreter', label: 'Gespräche mit Dolmetscher/in', format: 'count', cells: [cells.count(cellKey('activity.overview', 'with_interpreter', 'value'), a.sessionsWithInterpreter)] },
      {
        key: 'household_members',
        label: 'Erreichte Haushaltsangehörige',
        format: 'count',
        cells: [cells.count(cellKey('activity.overview', 'household_members', 'value'), a.householdMembersReached)],
      },
    ],
    totalRow: null,
    note: 'Erreichte Haushaltsangehörige: je Person die größte Zahl Angehöriger, die bei einem Gespräch im Zeitraum dabei war, über alle Personen summiert.',
  };
  return { id: 'activity', title: 'Beratung', tables: [overview, formats] };
}

function linking({ referrals }: FundingMeasures, cells: CellRegistry): TableGroupSpec {
  const table = countTable(cells, {
    id: 'linking.referrals',
    title: 'Verweisungen im Zeitraum nach Stelle und Stand am Ende des Zeitraums',
    rowHeader: 'Stelle',
    columns: REFERRAL_STATUSES.map((status) => ({ key: status, label: REFERRAL_STATUS_LABELS[status] })),
    rows: INSTITUTION_TYPES.map((type) => ({ key: type, label: INSTITUTION_TYPE_LABELS[type], values: REFERRAL_STATUSES.map((status) => referrals[type][status]) })),
    rowTotals: true,
    columnTotals: true,
  });
  const totalOf = (column: string) => cellKey('linking.referrals', TOTAL_KEY, column);
  const columnSum = (status: (typeof REFERRAL_STATUSES)[number]) => sum(INSTITUTION_TYPES.map((type) => referrals[type][status]));
  const made = sum(REFERRAL_STATUSES.map(columnSum));
  const answered = made - columnSum('open');
  const overview: TableSpec = {
    id: 'linking.overview',
    title: 'Verweisberatung im Überblick',
    rowHeader: 'Kennzahl',
    columns: [{ key: 'value', label: 'Wert' }],
    rows: [
      { key: 'referrals', label: 'Verweisungen im Zeitraum', format: 'count', cells: [{ kind: 'count', key: totalOf(TOTAL_KEY) }] },
      {
        key: 'taken_up_share',
        label: 'Anteil angenommen oder abgeschlossen (%)',
        format: 'percent',
        cells: [
          {
            kind: 'derived',
            value: ratio(columnSum('taken_up') + columnSum('completed'), answered, 100),
            inputs: [totalOf('taken_up'), totalOf('completed'), totalOf('open'), totalOf(TOTAL_KEY)],
          },
        ],
      },
    ],
    totalRow: null,
    note: 'Der Anteil bezieht sich auf die Verweisungen des Zeitraums, zu denen bis zu seinem Ende eine Rückmeldung erfasst war.',
  };
  return { id: 'linking', title: 'Verweisberatung', tables: [overview, table] };
}

function legalSecurity({ residenceChanges }: FundingMeasures, cells: CellRegistry): TableGroupSpec {
  const table = countTable(cells, {
    id: 'legal_security.changes',
    title: 'Veränderungen des Aufenthaltsstatus im Zeitraum nach Ziel',
    rowHeader: 'Neuer Status',
    columns: [{ key: 'changes', label: 'Veränderungen' }],
    rows: RESIDENCE_CHANGE_TARGETS.map((target) => ({ key: target, label: RESIDENCE_CHANGE_TARGET_LABELS[target], values: [residenceChanges[target]] })),
    rowTotals: false,
    columnTotals: true,
    note:
      'Gezählt wird, wenn ein Status mit anderer Kategorie oder Rechtsgrundlage als der vorige wirksam wird (Verlängerungen nicht), bei Personen, deren Fall im Zeitraum offen war. Korrigierte Einträge zählen mit dem korrigierten Status.',
  });
  return { id: 'legal_security', title: 'Rechtssicherheit', tables: [table] };
}

function jurisdictionChanges({ jurisdictionChanges: changes }: FundingMeasures, cells: CellRegistry): TableGroupSpec {
  const table = countTable(cells, {
    id: 'jurisdiction.changes',
    title: 'Rechtskreiswechsel im Zeitraum',
    rowHeader: 'von \\ nach',
    columns: JURISDICTION_CODES.map((to) => ({ key: to, label: JURISDICTION_SHORT[to] })),
    rows: JURISDICTION_CODES.map((from) => ({ key: from, label: JURISDICTION_SHORT[from], values: JURISDICTION_CODES.map((to) => changes[from][to]) })),
    rowTotals: true,
    columnTotals: true,
    note: 'Zeilen: bisheriger Rechtskreis, Spalten: neuer Rechtskreis. Die erste Erfassung bei Aufnahme ist kein Wechsel.',
  });
  return { id: 'jurisdiction', title: 'Rechtskreiswechsel', tables: [table] };
}

function outcomes({ goals, needChanges }: FundingMeasures, cells: CellRegistry): TableGroupSpec {
  const goalTable = countTable(cells, {
    id: 'outcomes.goals',
    title: 'Ziele nach Lebensbereich',
    rowHeader: 'Lebensbereich',
    columns: GOAL_MEASURES.map((measure) => ({ key: measure, label: GOAL_MEASURE_LABELS[measure] })),
    rows: LIFE_AREAS.map((area) => ({ key: area, label: LIFE_AREA_LABELS[area], values: GOAL_MEASURES.map((measure) => goals[area][measure]) })),
    rowTotals: false,
    columnTotals: true,
    note: 'Vereinbart: Ziele, die im Zeitraum vereinbart wurden. Erreicht, teilweise erreicht, aufgegeben: Ziele, die im Zeitraum so abgeschlossen wurden.',
  });
  const needTable = countTable(cells, {
    id: 'outcomes.needs',
    title: 'Veränderung des Bedarfs zwischen erster und letzter Einschätzung',
    rowHeader: 'Lebensbereich',
    columns: NEED_CHANGES.map((change) => ({ key: change, label: NEED_CHANGE_LABELS[change] })),
    rows: LIFE_AREAS.map((area) => ({ key: area, label: LIFE_AREA_LABELS[area], values: NEED_CHANGES.map((change) => needChanges[area][change]) })),
    rowTotals: true,
    columnTotals: true,
    note: 'Fälle, deren Bedarf in einem Lebensbereich im Zeitraum erneut eingeschätzt wurde: letzte gegenüber erster Einschätzung (0 kein bis 3 akuter Bedarf).',
  });
  return { id: 'outcomes', title: 'Wirkung', tables: [goalTable, needTable] };
}

function serviceGaps({ serviceGaps: gaps }: FundingMeasures, cells: CellRegistry): TableGroupSpec {
  const table = countTable(cells, {
    id: 'service_gaps.by_life_area',
    title: 'Gemeldete Angebotslücken im Zeitraum nach Lebensbereich',
    rowHeader: 'Lebensbereich',
    columns: SERVICE_GAP_MEASURES.map((measure) => ({ key: measure, label: SERVICE_GAP_MEASURE_LABELS[measure] })),
    rows: LIFE_AREAS.map((area) => ({ key: area, label: LIFE_AREA_LABELS[area], values: SERVICE_GAP_MEASURES.map((measure) => gaps[area][measure]) })),
    rowTotals: false,
    columnTotals: true,
  });
  return { id: 'service_gaps', title: 'Angebotslücken', tables: [table] };
}
