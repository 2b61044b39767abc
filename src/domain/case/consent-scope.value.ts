import type { Institution } from './case.events';
import type { ConsentPurpose } from './case.vocabulary';

/**
 * Identifies what a consent covers: its purpose, and for data sharing the named recipient. Names are compared
 * without regard to case and spacing, so "Jobcenter  Kreis Heinsberg" and "jobcenter kreis heinsberg" are
 * the same recipient and a consent is found again when the referral spells the name slightly differently.
 */
export type ConsentKey = string;

export function consentKey(purpose: ConsentPurpose, recipient: Institution | null): ConsentKey {
  if (purpose !== 'data_sharing' || recipient === null) return purpose;
  const name = recipient.name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  return `data_sharing:${recipient.type}:${name}`;
}
