import { LEGAL_BASES, LEGAL_BASIS_CODES, RESIDENCE_CATEGORIES } from '../../../domain/residence-law/residence-status.taxonomy';
import type { Choice } from './form.types';

/** A code list with German labels as choices, in the list's own order. */
export function choicesOf(labels: Readonly<Record<string | number, string>>): Choice[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** Legal bases grouped by the residence category they belong to, each shown with its paragraph. */
export const LEGAL_BASIS_CHOICES: readonly Choice[] = LEGAL_BASIS_CODES.map((code) => ({
  value: code,
  label: `${LEGAL_BASES[code].paragraph} – ${LEGAL_BASES[code].label}`,
  group: RESIDENCE_CATEGORIES[LEGAL_BASES[code].category],
}));

export const YES_NO: readonly Choice[] = [
  { value: 'false', label: 'Nein' },
  { value: 'true', label: 'Ja' },
];

/**
 * Languages clients of the programme often speak, by ISO 639 code with the German name from the runtime's
 * locale data. Any other code can still be typed where a field takes a list.
 */
const LANGUAGE_CODES = [
  'ar', 'de', 'uk', 'ru', 'tr', 'fa', 'prs', 'ps', 'ku', 'ckb', 'ti', 'so', 'am', 'ur', 'sq', 'ro', 'bg', 'pl', 'sr', 'bs', 'hr', 'mk',
  'el', 'it', 'es', 'pt', 'fr', 'en', 'nl', 'vi', 'zh', 'hi', 'ta', 'bn', 'ha', 'yo', 'ig', 'tw', 'ka', 'hy', 'az', 'kk', 'uz', 'rom',
];
const LANGUAGE_NAMES = new Intl.DisplayNames(['de'], { type: 'language', fallback: 'code' });
export const LANGUAGE_CHOICES: readonly Choice[] = LANGUAGE_CODES.map((code) => ({ value: code, label: `${LANGUAGE_NAMES.of(code)} (${code})` })).sort(
  (a, b) => a.label.localeCompare(b.label, 'de'),
);

/** ISO 3166-1 alpha-2, as the profile stores a country of origin; names in German from the runtime. */
const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH ' +
  'CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP ' +
  'GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR ' +
  'LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
  'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ ' +
  'TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');
const COUNTRY_NAMES = new Intl.DisplayNames(['de'], { type: 'region', fallback: 'code' });
export const COUNTRY_CHOICES: readonly Choice[] = COUNTRY_CODES.map((code) => ({ value: code, label: COUNTRY_NAMES.of(code) ?? code })).sort((a, b) =>
  a.label.localeCompare(b.label, 'de'),
);

export function languageName(code: string): string {
  return LANGUAGE_NAMES.of(code) ?? code;
}

export function countryName(code: string): string {
  return COUNTRY_NAMES.of(code) ?? code;
}
