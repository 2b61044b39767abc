import { formatCount, formatNumber } from '../../../src/infrastructure/cli/cli-numbers';

describe('numbers in the commands’ output', () => {
  it('groups thousands and rounds to whole numbers', () => {
    expect(formatNumber(1223)).toBe('1,223');
    expect(formatNumber(985_863)).toBe('985,863');
    expect(formatNumber(34_998.4)).toBe('34,998');
    expect(formatNumber(0)).toBe('0');
  });

  it('names one thing in the singular and every other count in the plural', () => {
    expect(formatCount(1, 'event')).toBe('1 event');
    expect(formatCount(0, 'event')).toBe('0 events');
    expect(formatCount(1223, 'stream')).toBe('1,223 streams');
    expect(formatCount(2, 'entry', 'entries')).toBe('2 entries');
  });
});
