import type { Gender } from '../../domain/case/case.vocabulary';
import type { LegalBasis, ResidenceCategory, ResidenceDocument } from '../../domain/residence-law/residence-status.taxonomy';
import type { Jurisdiction } from '../../domain/residence-law/benefit-jurisdiction.vocabulary';

/**
 * Who comes to KIM in a district like Heinsberg, roughly: the most frequent countries of origin of people
 * seeking protection and of newer EU immigration, with names common there. Invented people only.
 */
export interface OriginProfile {
  country: string;
  weight: number;
  languages: string[];
  givenNames: Record<'female' | 'male', string[]>;
  familyNames: string[];
  /** How people from here typically stand at intake: status and the jurisdiction that goes with it. */
  intake: ReadonlyArray<readonly [IntakeStatus, number]>;
}

export interface IntakeStatus {
  category: ResidenceCategory;
  legalBasis: LegalBasis;
  document: ResidenceDocument;
  jurisdiction: Jurisdiction;
}

const ASYLUM_SEEKER: IntakeStatus = {
  category: 'asylum_seeker',
  legalBasis: 'asylg_55',
  document: 'permission_to_reside_certificate',
  jurisdiction: 'asylblg',
};
const TOLERATED: IntakeStatus = { category: 'tolerated', legalBasis: 'aufenthg_60a', document: 'toleration_certificate', jurisdiction: 'asylblg' };
const REFUGEE: IntakeStatus = { category: 'residence_permit', legalBasis: 'aufenthg_25_2', document: 'electronic_residence_title', jurisdiction: 'sgb_ii' };
const TEMPORARY_PROTECTION: IntakeStatus = {
  category: 'residence_permit',
  legalBasis: 'aufenthg_24',
  document: 'electronic_residence_title',
  jurisdiction: 'sgb_ii',
};
const EU_CITIZEN: IntakeStatus = { category: 'eu_free_movement', legalBasis: 'freizuegg_eu_2', document: 'eu_identity_document', jurisdiction: 'none' };

export const ORIGINS: readonly OriginProfile[] = [
  {
    country: 'SY',
    weight: 24,
    languages: ['ar'],
    givenNames: { female: ['Amina', 'Rasha', 'Lina', 'Hiba', 'Nour', 'Yasmin'], male: ['Mohammad', 'Ahmad', 'Omar', 'Khaled', 'Yusuf', 'Samer'] },
    familyNames: ['Haddad', 'Al-Ali', 'Hamdan', 'Khalil', 'Darwish', 'Sabbagh', 'Mansour'],
    intake: [[ASYLUM_SEEKER, 3], [REFUGEE, 5], [TOLERATED, 1]],
  },
  {
    country: 'UA',
    weight: 22,
    languages: ['uk', 'ru'],
    givenNames: { female: ['Olena', 'Iryna', 'Tetiana', 'Oksana', 'Natalia'], male: ['Oleksandr', 'Andrii', 'Serhii', 'Dmytro', 'Mykola'] },
    familyNames: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Melnyk', 'Kravchenko'],
    intake: [[TEMPORARY_PROTECTION, 1]],
  },
  {
    country: 'AF',
    weight: 14,
    languages: ['fa', 'ps'],
    givenNames: { female: ['Zahra', 'Maryam', 'Fatima', 'Shabnam', 'Parwana'], male: ['Ahmad', 'Ali', 'Mustafa', 'Hamid', 'Jawad'] },
    familyNames: ['Ahmadi', 'Rahimi', 'Hakimi', 'Karimi', 'Sultani', 'Noori'],
    intake: [[ASYLUM_SEEKER, 5], [TOLERATED, 2], [REFUGEE, 2]],
  },
  {
    country: 'TR',
    weight: 10,
    languages: ['tr', 'ku'],
    givenNames: { female: ['Ayşe', 'Elif', 'Zeynep', 'Emine', 'Hatice'], male: ['Mehmet', 'Mustafa', 'Emre', 'Hasan', 'Yusuf'] },
    familyNames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Aydın'],
    intake: [[ASYLUM_SEEKER, 4], [TOLERATED, 1]],
  },
  {
    country: 'IQ',
    weight: 8,
    languages: ['ar', 'ku'],
    givenNames: { female: ['Zainab', 'Noor', 'Shilan', 'Ruqaya'], male: ['Ali', 'Hussein', 'Karwan', 'Haider'] },
    familyNames: ['Al-Jaburi', 'Hassan', 'Barzani', 'Kadhim', 'Salih'],
    intake: [[ASYLUM_SEEKER, 3], [TOLERATED, 3], [REFUGEE, 1]],
  },
  {
    country: 'ER',
    weight: 5,
    languages: ['ti'],
    givenNames: { female: ['Senait', 'Helen', 'Luwam', 'Winta'], male: ['Yonas', 'Filmon', 'Dawit', 'Samuel'] },
    familyNames: ['Tesfay', 'Gebremedhin', 'Haile', 'Berhane', 'Kidane'],
    intake: [[ASYLUM_SEEKER, 2], [REFUGEE, 3]],
  },
  {
    country: 'RO',
    weight: 7,
    languages: ['ro'],
    givenNames: { female: ['Maria', 'Elena', 'Ioana', 'Andreea'], male: ['Ion', 'Andrei', 'Mihai', 'Florin'] },
    familyNames: ['Popescu', 'Ionescu', 'Dumitru', 'Stan', 'Gheorghe'],
    intake: [[EU_CITIZEN, 1]],
  },
  {
    country: 'BG',
    weight: 5,
    languages: ['bg', 'tr'],
    givenNames: { female: ['Ivanka', 'Desislava', 'Mariya'], male: ['Georgi', 'Dimitar', 'Nikolay'] },
    familyNames: ['Ivanov', 'Georgiev', 'Dimitrov', 'Petrova'],
    intake: [[EU_CITIZEN, 1]],
  },
  {
    country: 'GN',
    weight: 5,
    languages: ['fr', 'ff'],
    givenNames: { female: ['Mariama', 'Fatoumata', 'Aissatou'], male: ['Mamadou', 'Alpha', 'Ibrahima'] },
    familyNames: ['Diallo', 'Barry', 'Bah', 'Sow', 'Camara'],
    intake: [[ASYLUM_SEEKER, 2], [TOLERATED, 3]],
  },
];

export const GENDER_WEIGHTS: ReadonlyArray<readonly [Gender, number]> = [
  ['female', 48],
  ['male', 50],
  ['diverse', 1],
  ['not_stated', 1],
];

/** Towns of the Kreis Heinsberg with their postal codes. */
export const TOWNS: ReadonlyArray<readonly [string, string]> = [
  ['Heinsberg', '52525'],
  ['Erkelenz', '41812'],
  ['Geilenkirchen', '52511'],
  ['Hückelhoven', '41836'],
  ['Übach-Palenberg', '52531'],
  ['Wassenberg', '41849'],
  ['Wegberg', '41844'],
  ['Gangelt', '52538'],
  ['Selfkant', '52538'],
  ['Waldfeucht', '52525'],
];

export const STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Kirchstraße', 'Schulstraße', 'Gartenstraße', 'Am Markt', 'Lindenweg', 'Jülicher Straße'];
