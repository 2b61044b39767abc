import type { ChangeCause, FundingReportComparison } from '../../../domain/reporting/funding-report.comparison';
import type { PublishedValue } from '../../../domain/reporting/funding-report.model';
import { scopeFacts, type ReportFact } from './funding-report.view';
import { publishedFigure, type FigureView } from './report-figure.format';

export interface CauseView {
  label: string;
  count: FigureView;
}

export interface ChangedFigureView {
  table: string;
  row: string;
  column: string;
  before: FigureView;
  after: FigureView;
  causes: string;
}

/** Late entries or corrections: what was recorded between the two Datenstände. */
export interface RecordedBetweenView {
  id: string;
  title: string;
  explanation: string;
  causes: CauseView[];
}

export interface FundingReportComparisonView {
  facts: ReportFact[];
  recordedBetween: RecordedBetweenView[];
  changesSummary: string;
  changes: ChangedFigureView[];
}

/** What changed between two Datenstände of one report, and what was recorded in between that explains it. */
export function comparisonView(comparison: FundingReportComparison): FundingReportComparisonView {
  const causeView = (cause: ChangeCause): CauseView => ({ label: cause.label, count: figureOf(cause.count) });
  return {
    facts: [
      ...scopeFacts(comparison),
      { label: 'Früherer Datenstand', value: comparison.before.description },
      { label: 'Späterer Datenstand', value: comparison.after.description },
    ],
    recordedBetween: [
      {
        id: 'nachtraege',
        title: 'Nachträge',
        explanation: 'Einträge zu Ereignissen bis zum Ende des Zeitraums, die erst nach dem früheren Datenstand erfasst wurden.',
        causes: comparison.lateEntries.map(causeView),
      },
      { id: 'korrekturen', title: 'Korrekturen', explanation: 'Berichtigungen früherer Einträge.', causes: comparison.corrections.map(causeView) },
    ],
    changesSummary: changesSummary(comparison.changes.length),
    changes: comparison.changes.map((change) => ({
      table: change.tableTitle,
      row: change.rowLabel,
      column: change.columnLabel,
      before: figureOf(change.before),
      after: figureOf(change.after),
      causes: change.causes.length === 0 ? '–' : change.causes.map((cause) => cause.label).join('; '),
    })),
  };
}

function changesSummary(count: number): string {
  if (count === 0) return 'Keine Zahl des Berichts hat sich geändert.';
  return `${count === 1 ? 'Eine Zahl hat' : `${count} Zahlen haben`} sich geändert. „Mögliche Gründe“ nennt, was zwischen beiden Datenständen erfasst wurde und diese Kennzahl verändern kann.`;
}

/** A change carries no format: hours, shares and averages are the values with a fraction. */
function figureOf(value: PublishedValue): FigureView {
  return publishedFigure(value, typeof value === 'number' && !Number.isInteger(value) ? 'hours' : 'count');
}
