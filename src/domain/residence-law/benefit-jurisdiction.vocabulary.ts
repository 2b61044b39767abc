/** Rechtskreis: which benefit law, and so which office, is responsible for a client's livelihood. */
export const JURISDICTIONS = {
  asylblg: { label: 'Asylbewerberleistungsgesetz (AsylbLG)', office: 'Sozialamt / Leistungsbehörde nach AsylbLG' },
  sgb_ii: { label: 'Grundsicherung für Arbeitsuchende (SGB II)', office: 'Jobcenter' },
  sgb_xii: { label: 'Sozialhilfe (SGB XII)', office: 'Sozialamt' },
  sgb_iii: { label: 'Arbeitsförderung (SGB III)', office: 'Agentur für Arbeit' },
  sgb_viii: { label: 'Kinder- und Jugendhilfe (SGB VIII)', office: 'Jugendamt' },
  bafoeg: { label: 'Ausbildungsförderung (BAföG)', office: 'Amt für Ausbildungsförderung' },
  none: { label: 'Kein Leistungsbezug', office: null },
} as const satisfies Record<string, { label: string; office: string | null }>;

export type Jurisdiction = keyof typeof JURISDICTIONS;

export const JURISDICTION_CODES = Object.keys(JURISDICTIONS) as Jurisdiction[];
