import type { Role } from '../../../domain/case/access.policy';

export interface NavigationItem {
  href: string;
  label: string;
  current: boolean;
}

const ENTRIES: Readonly<Record<Role, ReadonlyArray<{ href: string; label: string }>>> = {
  case_manager: [
    { href: '/faelle', label: 'Meine Fälle' },
    { href: '/faelle/neu', label: 'Neuer Fall' },
  ],
  coordination: [
    { href: '/faelle', label: 'Fälle' },
    { href: '/faelle/neu', label: 'Neuer Fall' },
    { href: '/koordination', label: 'Teams' },
    { href: '/koordination/angebotsluecken', label: 'Angebotslücken' },
    { href: '/pruefung/protokoll', label: 'Prüfprotokoll' },
    { href: '/berichte', label: 'Förderbericht' },
  ],
  auditor: [
    { href: '/pruefung', label: 'Prüfung' },
    { href: '/pruefung/protokoll', label: 'Prüfprotokoll' },
    { href: '/berichte', label: 'Förderbericht' },
  ],
  // Reports and nothing else (privacy-and-access.md): the report is also where signing in leads.
  reporting: [{ href: '/berichte', label: 'Förderbericht' }],
  administrator: [],
};

/** The role's start page: where signing in and the site name lead. */
export function startPathFor(role: Role): string {
  return ENTRIES[role][0]?.href ?? '/start';
}

/** The longest matching prefix is current, so "/faelle/neu" does not also mark "/faelle". */
export function navigationFor(role: Role, path: string): NavigationItem[] {
  const entries = ENTRIES[role];
  const matches = entries.filter((entry) => path === entry.href || path.startsWith(`${entry.href}/`));
  const current = matches.sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return entries.map((entry) => ({ ...entry, current: entry.href === current }));
}
