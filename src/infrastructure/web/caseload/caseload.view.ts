import type { CaseloadItem } from '../../../application/caseload/caseload.view';
import type { CaseloadView } from '../../../application/caseload/get-caseload.query';
import type { StaffNames } from '../../identity/staff-directory.repository';
import type { Flag } from '../case-file/case-file.view';
import { counted, germanDate } from '../rendering/german-format';
import { CASES_PER_PAGE, type CaseloadFilters, filtersQuery } from './caseload.filters';

export interface CaseRowView {
  href: string;
  name: string;
  phase: string;
  residence: string;
  flags: Flag[];
  nextFollowUp: string;
  openReferrals: string;
  lastContact: string;
  caseManager: string;
  /** Coordination hands cases on from the list. */
  reassignHref: string | null;
  urgent: boolean;
}

export interface CaseListView {
  rows: CaseRowView[];
  total: string;
  showCaseManager: boolean;
  pages: { current: number; count: number; previousHref: string | null; nextHref: string | null };
  /** The list may not show the latest change yet (the read model was still catching up). */
  lagging: boolean;
}

export function caseListView(
  answer: CaseloadView,
  filters: CaseloadFilters,
  staff: StaffNames,
  options: { showCaseManager: boolean; reassign: boolean },
): CaseListView {
  const count = Math.max(1, Math.ceil(answer.total / CASES_PER_PAGE));
  const current = Math.min(filters.seite, count);
  return {
    rows: answer.items.map((item) => rowView(item, staff, options.reassign)),
    total: counted(answer.total, 'Fall', 'Fälle'),
    showCaseManager: options.showCaseManager,
    pages: {
      current,
      count,
      previousHref: current > 1 ? `/faelle${filtersQuery(filters, current - 1)}` : null,
      nextHref: current < count ? `/faelle${filtersQuery(filters, current + 1)}` : null,
    },
    lagging: answer.caughtUp === false,
  };
}

/** Every flag is words first (and a symbol); the colour of its border only repeats it. */
function rowView(item: CaseloadItem, staff: StaffNames, reassign: boolean): CaseRowView {
  const flags: Flag[] = [];
  if (item.followUps.overdueCount > 0) {
    flags.push({ kind: 'overdue', text: `⚠ ${counted(item.followUps.overdueCount, 'Wiedervorlage', 'Wiedervorlagen')} überfällig` });
  }
  if (item.residence.permitExpiry === 'expired') flags.push({ kind: 'expired', text: `✖ Aufenthaltstitel abgelaufen (${germanDate(item.residence.validUntil)})` });
  if (item.residence.permitExpiry === 'expiring_soon') flags.push({ kind: 'expiring', text: `⚠ Aufenthaltstitel läuft ab am ${germanDate(item.residence.validUntil)}` });
  const oldReferrals = item.openReferrals.filter((referral) => referral.old).length;
  if (oldReferrals > 0) flags.push({ kind: 'old', text: `⚠ ${counted(oldReferrals, 'Weiterleitung', 'Weiterleitungen')} lange offen` });
  const residence = item.residence.category
    ? `${item.residence.category.label}${item.residence.legalBasis ? ` (${item.residence.legalBasis.paragraph})` : ''}`
    : 'nicht erfasst';
  return {
    href: `/faelle/${encodeURIComponent(item.caseId)}`,
    name: item.client.displayName ?? 'Person (nicht sichtbar)',
    phase: item.phase.label,
    residence: item.residence.validUntil ? `${residence}, gültig bis ${germanDate(item.residence.validUntil)}` : residence,
    flags,
    nextFollowUp: item.followUps.nextDueOn ? germanDate(item.followUps.nextDueOn) : '–',
    openReferrals: item.openReferrals.length === 0 ? 'keine' : `${item.openReferrals.length} offen`,
    lastContact: germanDate(item.lastContactOn),
    caseManager: staff.users.get(item.caseManagerId) ?? item.caseManagerId,
    reassignHref: reassign && item.phase.code !== 'closed' ? `/faelle/${encodeURIComponent(item.caseId)}/aktion/uebergabe` : null,
    urgent: item.urgent,
  };
}
