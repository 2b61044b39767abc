import { isErased } from '../../../application/ports/personal-data-vault.port';

/** How a personal field reads on a page: its text, or a marker that it is masked or erased. */
export type PersonalText = { kind: 'text'; text: string } | { kind: 'masked' } | { kind: 'erased' } | { kind: 'none' };

export function personalText(value: unknown): PersonalText {
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (isErased(value)) return { kind: 'erased' };
  if (typeof value === 'object' && (value as { $masked?: unknown }).$masked === true) return { kind: 'masked' };
  return { kind: 'none' };
}

/** One line of text for a personal value: masked and erased values say so in words, not by colour. */
export function personalLine(value: unknown, none = '–'): string {
  const text = personalText(value);
  switch (text.kind) {
    case 'text':
      return text.text;
    case 'masked':
      return '●●●● (maskiert)';
    case 'erased':
      return '(gelöscht)';
    case 'none':
      return none;
  }
}

/** A personal object (the client's identity) as it came out of the store: opened, masked or erased. */
export function personalObject<T extends object>(value: unknown): { kind: 'open'; value: T } | { kind: 'masked' } | { kind: 'erased' } | { kind: 'none' } {
  if (value === null || value === undefined) return { kind: 'none' };
  if (isErased(value)) return { kind: 'erased' };
  if (typeof value === 'object' && (value as { $masked?: unknown }).$masked === true) return { kind: 'masked' };
  return typeof value === 'object' ? { kind: 'open', value: value as T } : { kind: 'none' };
}
