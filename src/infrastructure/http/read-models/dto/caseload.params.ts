import { CASELOAD_SORTS, CASELOAD_STATUSES, type CaseloadSort, type CaseloadStatus } from '../../../../application/caseload/caseload-read-model.port';
import { UNFILTERED_CASELOAD_REQUEST } from '../../../../application/caseload/get-caseload.query';
import { CASE_PHASE_LABELS, type CasePhase } from '../../../../domain/case/case.phase';
import { JURISDICTION_CODES, JURISDICTIONS, type Jurisdiction } from '../../../../domain/residence-law/benefit-jurisdiction.vocabulary';
import { RESIDENCE_CATEGORIES, RESIDENCE_CATEGORY_CODES, type ResidenceCategory } from '../../../../domain/residence-law/residence-status.taxonomy';
import { CodeField, IdField } from '../../request-fields.decorators';
import { FlagParam, NumberParam, WaitForParam } from './read-model.params';

export const CASELOAD_DEFAULT_LIMIT = UNFILTERED_CASELOAD_REQUEST.limit;
export const CASELOAD_MAX_LIMIT = 200;
export const CASELOAD_MAX_OFFSET = 1_000_000;

const JURISDICTION_LABELS = Object.fromEntries(JURISDICTION_CODES.map((code) => [code, JURISDICTIONS[code].label]));

const SORT_LABELS: Record<CaseloadSort, string> = {
  urgency: 'Dringliches zuerst: überfällige Wiedervorlagen und ablaufende Aufenthaltstitel, dann nach nächstem Handlungsbedarf',
  openedOn: 'Fallaufnahme, älteste zuerst',
  '-openedOn': 'Fallaufnahme, neueste zuerst',
  lastContactOn: 'Letzter Kontakt, längster ohne Kontakt zuerst',
  '-lastContactOn': 'Letzter Kontakt, jüngster zuerst',
};

const STATUS_LABELS: Record<CaseloadStatus, string> = { open: 'offene Fälle', closed: 'abgeschlossene Fälle', all: 'alle Fälle' };

export class CaseloadParams {
  @FlagParam('Nur die eigenen Fälle (als Case Manager/in zugewiesen).')
  mine?: string;

  @IdField({ optional: true, description: 'Nur Fälle dieser Organisationseinheit (Koordinierungsstelle; Case Management nur die eigene).' })
  organisationUnitId?: string;

  @IdField({ optional: true, description: 'Nur Fälle dieses Case Managements (Benutzerkennung).' })
  caseManagerId?: string;

  @CodeField(Object.keys(CASE_PHASE_LABELS) as CasePhase[], { optional: true, enumName: 'CasePhase', labels: CASE_PHASE_LABELS, description: 'Nur Fälle in dieser Phase' })
  phase?: CasePhase;

  @CodeField(CASELOAD_STATUSES, { optional: true, enumName: 'CaseloadStatus', labels: STATUS_LABELS, description: 'Voreinstellung: open' })
  status?: CaseloadStatus;

  @CodeField(RESIDENCE_CATEGORY_CODES, { optional: true, enumName: 'ResidenceCategory', labels: RESIDENCE_CATEGORIES, description: 'Nur Fälle mit diesem Aufenthaltsstatus' })
  residenceCategory?: ResidenceCategory;

  @CodeField(JURISDICTION_CODES, { optional: true, enumName: 'Jurisdiction', labels: JURISDICTION_LABELS, description: 'Nur Fälle in diesem Rechtskreis' })
  jurisdiction?: Jurisdiction;

  @FlagParam('Nur offene Fälle mit überfälliger Wiedervorlage.')
  overdue?: string;

  @FlagParam('Nur offene Fälle, deren Aufenthaltstitel abgelaufen ist oder in den nächsten 90 Tagen abläuft.')
  expiringPermits?: string;

  @CodeField(CASELOAD_SORTS, { optional: true, enumName: 'CaseloadSort', labels: SORT_LABELS, description: 'Voreinstellung: urgency' })
  sort?: CaseloadSort;

  @NumberParam(1, CASELOAD_MAX_LIMIT, `Fälle je Seite, 1 bis ${CASELOAD_MAX_LIMIT}`, CASELOAD_DEFAULT_LIMIT)
  limit?: string;

  @NumberParam(0, CASELOAD_MAX_OFFSET, 'So viele Fälle überspringen (Blättern)', 0)
  offset?: string;

  @WaitForParam()
  waitFor?: string;
}
