import { addDays, type CalendarDate } from '../time/calendar-date.value';
import type { ResidenceStatus } from './residence-status.taxonomy';

/** A case manager must act before a permit runs out: renewals take weeks at the immigration office. */
export const PERMIT_EXPIRY_WARNING_DAYS = 90;

export type PermitValidity = 'unlimited' | 'not_yet_valid' | 'valid' | 'expiring_soon' | 'expired';

export function permitValidity(
  status: Pick<ResidenceStatus, 'validFrom' | 'validUntil'>,
  today: CalendarDate,
  warningDays = PERMIT_EXPIRY_WARNING_DAYS,
): PermitValidity {
  if (status.validFrom !== null && today < status.validFrom) return 'not_yet_valid';
  if (status.validUntil === null) return 'unlimited';
  if (status.validUntil < today) return 'expired';
  return status.validUntil <= addDays(today, warningDays) ? 'expiring_soon' : 'valid';
}
