import type { LegalBasis, ResidenceCategory } from '../residence-law/residence-status.taxonomy';

/**
 * Residence-status changes by where they lead, as the legal-security indicator asks (building block 3): each
 * change falls into exactly one class, so the classes add up to all changes.
 */
export const RESIDENCE_CHANGE_TARGET_LABELS = {
  recognition: 'Schutzstatus zuerkannt (§ 25 Abs. 1 bis 3 AufenthG)',
  permit_after_toleration: 'Aufenthaltserlaubnis nach Duldung (andere Rechtsgrundlage)',
  aufenthg_25a: '§ 25a AufenthG erteilt (gut integrierte junge Menschen)',
  aufenthg_25b: '§ 25b AufenthG erteilt (nachhaltige Integration)',
  aufenthg_104c: '§ 104c AufenthG erteilt (Chancen-Aufenthaltsrecht)',
  other_permit: 'Andere Aufenthaltserlaubnis',
  settlement: 'Niederlassungserlaubnis oder Daueraufenthalt-EU',
  naturalisation: 'Einbürgerung',
  toleration: 'Duldung',
  other: 'Sonstige (Gestattung, Fiktionsbescheinigung, Freizügigkeit)',
} as const;
export type ResidenceChangeTarget = keyof typeof RESIDENCE_CHANGE_TARGET_LABELS;
export const RESIDENCE_CHANGE_TARGETS = Object.keys(RESIDENCE_CHANGE_TARGET_LABELS) as ResidenceChangeTarget[];

export interface StatusKind {
  category: ResidenceCategory;
  legalBasis: LegalBasis;
}

const RIGHT_TO_STAY: Partial<Record<LegalBasis, ResidenceChangeTarget>> = {
  aufenthg_25a: 'aufenthg_25a',
  aufenthg_25b: 'aufenthg_25b',
  aufenthg_104c: 'aufenthg_104c',
};
const PROTECTION: readonly LegalBasis[] = ['aufenthg_25_1', 'aufenthg_25_2', 'aufenthg_25_3'];

/** The class of a change from `previous` to `next`; null when nothing but documents or dates changed (a renewal). */
export function residenceChangeTarget(previous: StatusKind, next: StatusKind): ResidenceChangeTarget | null {
  if (previous.category === next.category && previous.legalBasis === next.legalBasis) return null;
  switch (next.category) {
    case 'german_citizen':
      return 'naturalisation';
    case 'settlement_permit':
    case 'eu_long_term_residence':
      return 'settlement';
    case 'residence_permit':
      if (RIGHT_TO_STAY[next.legalBasis] !== undefined) return RIGHT_TO_STAY[next.legalBasis] as ResidenceChangeTarget;
      if (PROTECTION.includes(next.legalBasis)) return 'recognition';
      return previous.category === 'tolerated' ? 'permit_after_toleration' : 'other_permit';
    case 'tolerated':
      return 'toleration';
    default:
      return 'other';
  }
}
