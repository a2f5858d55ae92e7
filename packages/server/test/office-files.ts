// Small but well-formed Office files for the material tests: OOXML packages (a zip with [Content_Types].xml
// declaring the main part) and legacy compound files (OLE) with named streams, plus near-misses of each.
import { buildZip } from './invitation-import.workbooks.ts';

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const SHEET_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

export function contentTypes(overrides: Record<string, string>): Buffer {
  const parts = Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join('');
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      `<Default Extension="xml" ContentType="application/xml"/>${parts}</Types>`,
  );
}

const rels = (target: string) =>
  Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`,
  );

type Entry = { name: string; data: Buffer; declaredSize?: number };

/** A .docx: [Content_Types].xml, _rels/.rels and word/document.xml (plus `extra` entries). */
export function docxPackage(extra: Entry[] = [], mainType = WORD_MAIN): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: contentTypes({ '/word/document.xml': mainType }) },
    { name: '_rels/.rels', data: rels('word/document.xml') },
    {
      name: 'word/document.xml',
      data: Buffer.from(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>乐企自用接入</w:t></w:r></w:p></w:body></w:document>',
      ),
    },
    ...extra,
  ]);
}

/** A .xlsx with the parts a sniffer looks at (a real workbook comes from exceljs in the import fixtures). */
export function xlsxPackage(extra: Entry[] = []): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: contentTypes({ '/xl/workbook.xml': SHEET_MAIN }) },
    { name: '_rels/.rels', data: rels('xl/workbook.xml') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    ...extra,
  ]);
}

/** A zip that merely has a `word/` folder: what the old sniffer took for a DOCX. */
export function zipWithWordFolder(): Buffer {
  return buildZip([
    { name: 'word/', data: Buffer.alloc(0) },
    { name: 'word/payload.html', data: Buffer.from('<script>alert(1)</script>') },
  ]);
}

/** A compound file (OLE) whose directory holds a root entry and the given streams. */
export function compoundFile(streams: string[]): Buffer {
  const bytes = Buffer.alloc(512 + 128 * Math.max(4, streams.length + 1));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  bytes.writeUInt16LE(0x003e, 0x18); // minor version
  bytes.writeUInt16LE(0x0003, 0x1a); // major version 3: 512-byte sectors
  bytes.writeUInt16LE(0xfffe, 0x1c); // little-endian
  bytes.writeUInt16LE(9, 0x1e); // sector shift
  ['Root Entry', ...streams].forEach((name, index) => {
    const at = 512 + index * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(bytes, at);
    bytes.writeUInt16LE(encoded.length, at + 64);
    bytes[at + 66] = index === 0 ? 5 : 2;
  });
  return bytes;
}
