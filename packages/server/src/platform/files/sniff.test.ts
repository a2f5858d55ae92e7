import { describe, expect, it } from 'vitest';
import { buildZip, workbookFile } from '../../../test/invitation-import.workbooks.ts';
import { compoundFile, contentTypes, docxPackage, xlsxPackage, zipWithWordFolder } from '../../../test/office-files.ts';
import { sniffFileType } from './sniff.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const mime = (bytes: Uint8Array) => sniffFileType(bytes)?.mimeType ?? null;

describe('sniffing Office files', () => {
  it('recognises a DOCX and an XLSX package, and a real workbook written by exceljs', async () => {
    expect(mime(docxPackage())).toBe(DOCX);
    expect(mime(xlsxPackage())).toBe(XLSX);
    expect(mime((await workbookFile([['甲', '乙']])).bytes)).toBe(XLSX);
  });

  it.each([
    ['only a word/ folder', zipWithWordFolder()],
    [
      'word/document.xml without [Content_Types].xml',
      buildZip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]),
    ],
    [
      '[Content_Types].xml not declaring the main part',
      buildZip([
        { name: '[Content_Types].xml', data: contentTypes({}) },
        { name: 'word/document.xml', data: Buffer.from('<w/>') },
      ]),
    ],
    [
      'a macro-enabled document (docm content type)',
      docxPackage([], 'application/vnd.ms-word.document.macroEnabled.main+xml'),
    ],
    ['a document carrying vbaProject.bin', docxPackage([{ name: 'word/vbaProject.bin', data: Buffer.from('vba') }])],
    ['an entry escaping with ../', docxPackage([{ name: '../../tmp/evil.sh', data: Buffer.from('#!/bin/sh') }])],
    ['an absolute entry name', docxPackage([{ name: '/etc/cron.d/x', data: Buffer.from('x') }])],
    ['a Windows path entry', docxPackage([{ name: 'word\\..\\..\\evil.bat', data: Buffer.from('x') }])],
    ['the same part twice', docxPackage([{ name: 'WORD/document.xml', data: Buffer.from('<other/>') }])],
    [
      'a part that expands like a bomb',
      docxPackage([{ name: 'word/media/zeros.bin', data: Buffer.alloc(8 * 1024 * 1024) }]),
    ],
    [
      'a part lying about a huge size',
      docxPackage([{ name: 'word/x.xml', data: Buffer.from('x'), declaredSize: 2 ** 31 }]),
    ],
    [
      'a package declaring both main parts',
      buildZip([
        {
          name: '[Content_Types].xml',
          data: contentTypes({
            '/word/document.xml': `${DOCX}.main+xml`,
            '/xl/workbook.xml': `${XLSX}.main+xml`,
          }),
        },
        { name: 'word/document.xml', data: Buffer.from('<w/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      ]),
    ],
    ['data appended after the archive', Buffer.concat([docxPackage(), Buffer.from('%PDF-1.7 trailing')])],
    ['a truncated archive', docxPackage().subarray(0, 200)],
    ['only the zip magic', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])],
  ])('refuses %s', (_label, bytes) => {
    expect(mime(bytes)).toBeNull();
  });

  it('reads no more than the directory and a capped [Content_Types].xml, fast even for a bomb', () => {
    const bomb = docxPackage([{ name: 'word/media/zeros.bin', data: Buffer.alloc(60 * 1024 * 1024) }]);
    const started = performance.now();
    expect(mime(bomb)).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('tells legacy Word from legacy Excel by their streams, and accepts no other compound file', () => {
    expect(mime(compoundFile(['WordDocument', '1Table']))).toBe('application/msword');
    expect(mime(compoundFile(['Workbook']))).toBe('application/vnd.ms-excel');
    expect(mime(compoundFile(['Book']))).toBe('application/vnd.ms-excel');
    // an installer, an Outlook message, a password-protected OOXML file: compound files, not documents we accept
    expect(mime(compoundFile(['\u0005SummaryInformation', '䡀㼿䕃䑄...']))).toBeNull();
    expect(mime(compoundFile(['__substg1.0_0037001F']))).toBeNull();
    expect(mime(compoundFile(['EncryptedPackage', 'EncryptionInfo']))).toBeNull();
    // the name inside a document's text is not a stream
    const text = compoundFile(['Data']);
    Buffer.from('WordDocument\0', 'utf16le').copy(text, 600);
    expect(mime(text)).toBeNull();
  });
});
