/**
 * Zip archives record each entry's modification time. exceljs (through JSZip) stamps the time of writing, so
 * two XLSX files of the same report would differ in those bytes alone. This sets every entry's time, in the
 * local headers and in the central directory, to one given date; nothing else changes (the CRCs cover the
 * data, not the headers), so the file stays a valid workbook.
 */
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const MAX_COMMENT = 0xffff;

export class ZipStructureError extends Error {
  override readonly name = 'ZipStructureError';
}

export function normaliseZipTimestamps(zip: Buffer, at: { year: number; month: number; day: number }): Buffer {
  const out = Buffer.from(zip);
  const end = findEndOfCentralDirectory(out);
  const entries = out.readUInt16LE(end + 10);
  let offset = out.readUInt32LE(end + 16);
  // MS-DOS format: time in 2-second steps (midnight is 0), date counted from 1980.
  const dosTime = 0;
  const dosDate = ((at.year - 1980) << 9) | (at.month << 5) | at.day;
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new ZipStructureError(`No central directory entry at ${offset}`);
    out.writeUInt16LE(dosTime, offset + 12);
    out.writeUInt16LE(dosDate, offset + 14);
    const local = out.readUInt32LE(offset + 42);
    if (out.readUInt32LE(local) !== LOCAL_FILE_HEADER) throw new ZipStructureError(`No local file header at ${local}`);
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    offset += 46 + out.readUInt16LE(offset + 28) + out.readUInt16LE(offset + 30) + out.readUInt16LE(offset + 32);
  }
  return out;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - 22 - MAX_COMMENT);
  for (let offset = zip.length - 22; offset >= earliest; offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new ZipStructureError('Not a zip archive: no end of central directory');
}
