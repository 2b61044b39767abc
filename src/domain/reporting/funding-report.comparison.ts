import type { CalendarDate } from '../time/calendar-date.value';
import { isInScope } from './funding-measures.model';
import { PRIMARY_SYMBOL, type FundingReport, type PublishedValue, type ReportTable } from './funding-report.model';
import type { ReportFactKind } from './report-fact.model';
import { isSmallCount } from './small-cell.suppression';

/**
 * What a later report of the same period says differently from an earlier one, and why: entries made late
 * (something that happened by the end of the period, recorded after the first report's cut-off) and
 * corrections recorded in between. Only published values are compared, and the counts of late entries and
 * corrections follow the same small-cell rule, so the comparison reveals nothing the two reports do not.
 */

/** A fact recorded between the two cut-offs, reduced to what explains a change. */
export interface RecordedLater {
  kind: ReportFactKind;
  on: CalendarDate;
  districtId: string;
  organisationUnitId: string;
  /** For a correction: whether it replaced a residence status (the only correction figures can follow). */
  correctsStatus: boolean;
}

export type ChangeCauseType = 'late_entry' | 'correction';

export interface ChangeCause {
  type: ChangeCauseType;
  kind: string;
  label: string;
  count: PublishedValue;
}

export interface ChangedFigure {
  group: string;
  table: string;
  tableTitle: string;
  row: string;
  rowLabel: string;
  column: string;
  columnLabel: string;
  before: PublishedValue;
  after: PublishedValue;
  causes: ChangeCause[];
}

export interface FundingReportComparison {
  report: 'kim-funding-report-comparison';
  definitionVersion: number;
  period: FundingReport['period'];
  scope: FundingReport['scope'];
  before: FundingReport['recorded'];
  after: FundingReport['recorded'];
  lateEntries: ChangeCause[];
  corrections: ChangeCause[];
  changes: ChangedFigure[];
}

const LATE_ENTRY_LABELS: Record<Exclude<ReportFactKind, 'corrected'>, string> = {
  opened: 'Fallaufnahmen',
  reassigned: 'Übergaben an andere Case Manager/innen oder Organisationseinheiten',
  closed: 'Abschlüsse',
  reopened: 'Wiederaufnahmen',
  legal_status: 'Einträge zum Aufenthaltsstatus',
  jurisdiction: 'Einträge zum Rechtskreis',
  needs_assessed: 'Bedarfseinschätzungen',
  session: 'Beratungsgespräche',
  referral: 'Verweisungen',
  referral_outcome: 'Rückmeldungen zu Verweisungen',
  goal_agreed: 'Zielvereinbarungen',
  goal_closed: 'Zielabschlüsse',
  service_gap: 'Meldungen von Angebotslücken',
};

const CORRECTION_LABELS = {
  legal_status: 'Korrekturen des Aufenthaltsstatus',
  other: 'Korrekturen anderer Einträge (ohne Folgen für die Kennzahlen)',
} as const;

/** The indicator groups a kind of fact can change; served-ness (lifecycle) touches all per-person figures. */
const GROUPS_CHANGED_BY: Record<ReportFactKind, readonly string[]> = {
  opened: ['caseload', 'people', 'legal_security', 'outcomes'],
  reassigned: ['caseload', 'people'],
  closed: ['caseload', 'people', 'legal_security', 'outcomes'],
  reopened: ['caseload', 'people', 'legal_security', 'outcomes'],
  legal_status: ['people', 'legal_security'],
  corrected: ['people', 'legal_security'],
  jurisdiction: ['people', 'jurisdiction'],
  needs_assessed: ['outcomes'],
  session: ['activity'],
  referral: ['linking'],
  referral_outcome: ['linking'],
  goal_agreed: ['outcomes'],
  goal_closed: ['outcomes'],
  service_gap: ['service_gaps'],
};

interface CauseCount {
  cause: Omit<ChangeCause, 'count'>;
  groups: readonly string[];
  count: number;
}

export function compareFundingReports(before: FundingReport, after: FundingReport, recordedBetween: readonly RecordedLater[]): FundingReportComparison {
  const scope = { districtId: after.scope.districtId, organisationUnitId: after.scope.organisationUnitId };
  const causes = new Map<string, CauseCount>();
  for (const fact of recordedBetween) {
    if (!isInScope(scope, fact.districtId, fact.organisationUnitId)) continue;
    let cause: Omit<ChangeCause, 'count'>;
    let groups = GROUPS_CHANGED_BY[fact.kind];
    if (fact.kind === 'corrected') {
      const kind = fact.correctsStatus ? 'legal_status' : 'other';
      cause = { type: 'correction', kind, label: CORRECTION_LABELS[kind] };
      if (!fact.correctsStatus) groups = [];
    } else {
      // Whatever happened after the period cannot change it.
      if (fact.on > after.period.to) continue;
      cause = { type: 'late_entry', kind: fact.kind, label: LATE_ENTRY_LABELS[fact.kind] };
    }
    const id = `${cause.type}/${cause.kind}`;
    const known = causes.get(id);
    causes.set(id, { cause, groups, count: (known?.count ?? 0) + 1 });
  }
  const ordered = [...causes.values()].sort((a, b) => causeOrder(a.cause) - causeOrder(b.cause));
  const published = (entry: CauseCount): ChangeCause => ({ ...entry.cause, count: isSmallCount(entry.count) ? PRIMARY_SYMBOL : entry.count });

  const changes: ChangedFigure[] = [];
  const earlier = new Map(before.groups.flatMap((group) => group.tables).map((table) => [table.id, figuresOf(table)]));
  for (const group of after.groups) {
    const groupCauses = ordered.filter((entry) => entry.groups.includes(group.id)).map(published);
    for (const table of group.tables) {
      const now = figuresOf(table);
      const then = earlier.get(table.id) ?? new Map<string, Figure>();
      // Rows of one report only (a country entering or leaving the ten most frequent) compare with "no value".
      const keys = [...now.keys(), ...[...then.keys()].filter((key) => !now.has(key))];
      for (const key of keys) {
        const figure = (now.get(key) ?? then.get(key)) as Figure;
        const previous = then.get(key)?.value ?? null;
        const current = now.get(key)?.value ?? null;
        if (previous === current) continue;
        changes.push({
          group: group.id,
          table: table.id,
          tableTitle: table.title,
          row: figure.row,
          rowLabel: figure.rowLabel,
          column: figure.column,
          columnLabel: figure.columnLabel,
          before: previous,
          after: current,
          causes: groupCauses,
        });
      }
    }
  }
  return {
    report: 'kim-funding-report-comparison',
    definitionVersion: after.definitionVersion,
    period: after.period,
    scope: after.scope,
    before: before.recorded,
    after: after.recorded,
    lateEntries: ordered.filter((entry) => entry.cause.type === 'late_entry').map(published),
    corrections: ordered.filter((entry) => entry.cause.type === 'correction').map(published),
    changes,
  };
}

const KIND_ORDER = [...Object.keys(LATE_ENTRY_LABELS), ...Object.keys(CORRECTION_LABELS)];

function causeOrder(cause: Omit<ChangeCause, 'count'>): number {
  return (cause.type === 'late_entry' ? 0 : 100) + KIND_ORDER.indexOf(cause.kind);
}

interface Figure {
  row: string;
  rowLabel: string;
  column: string;
  columnLabel: string;
  value: PublishedValue;
}

/** A table's published values by row and column key. */
function figuresOf(table: ReportTable): Map<string, Figure> {
  const figures = new Map<string, Figure>();
  for (const row of table.totalRow === null ? table.rows : [...table.rows, table.totalRow]) {
    row.cells.forEach((value, index) => {
      const column = table.columns[index];
      figures.set(JSON.stringify([row.key, column.key]), { row: row.key, rowLabel: row.label, column: column.key, columnLabel: column.label, value });
    });
  }
  return figures;
}
