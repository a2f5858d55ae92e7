import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildZip,
  encryptedWorkbook,
  rewriteWorkbookPart,
  streamedWorkbookFile,
  workbookFile,
  zipBomb,
} from '../../../test/invitation-import.workbooks.ts';
import { isZipProblem, readZipDirectory, readZipEntry } from '../files/zip.ts';
import { cellText, cleanCellText, neutralizeFormula } from './cells.ts';
import { countValuedRows, inspectXlsx } from './inspect.ts';
import { type ColumnSpec, openSheetRows, type SheetRow, TooManyRows } from './read.ts';

const COLUMNS: ColumnSpec<'a' | 'b' | 'c'>[] = [
  { key: 'a', header: '甲', required: true },
  { key: 'b', header: '乙', required: true },
  { key: 'c', header: '丙', required: false },
];

/** Every row of a sheet `openSheetRows` opened, read as an import reads them. */
async function rowsOf<K extends string>(rows: AsyncIterable<SheetRow<K>>): Promise<SheetRow<K>[]> {
  const read: SheetRow<K>[] = [];
  for await (const row of rows) read.push(row);
  return read;
}

describe('inspectXlsx', () => {
  it('accepts a workbook written by exceljs', async () => {
    const { bytes } = await workbookFile([
      ['甲', '乙'],
      [1, 2],
    ]);
    expect(inspectXlsx(bytes).ok).toBe(true);
  });

  it.each([
    ['CSV renamed', Buffer.from('甲,乙\n1,2\n')],
    ['PDF renamed', Buffer.from('%PDF-1.4\n%%EOF\n')],
    ['empty', Buffer.alloc(0)],
    ['a zip without a workbook', buildZip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }])],
  ])('refuses %s as not an xlsx', (_name, bytes) => {
    const inspection = inspectXlsx(bytes);
    expect(inspection.ok).toBe(false);
    if (!inspection.ok) expect(inspection.problem).toBe('NOT_XLSX');
  });

  it('recognises a password-protected workbook', () => {
    const inspection = inspectXlsx(encryptedWorkbook());
    expect(inspection.ok ? null : inspection.problem).toBe('ENCRYPTED');
  });

  it('recognises corrupt and truncated archives', async () => {
    const { bytes } = await workbookFile([
      ['甲', '乙'],
      [1, 2],
    ]);
    const truncated = bytes.subarray(0, Math.floor(bytes.length / 2));
    expect(inspectXlsx(truncated).ok ? null : (inspectXlsx(truncated) as { problem: string }).problem).toBe('CORRUPT');
    const garbled = Buffer.from(bytes);
    for (let index = 200; index < 600; index++) garbled[index] = 0x41;
    const inspection = inspectXlsx(garbled);
    expect(inspection.ok ? null : inspection.problem).toBe('CORRUPT');
  });

  it('refuses zip bombs, also when the headers lie about the size', () => {
    const honest = zipBomb(60 * 1024 * 1024);
    expect(honest.length).toBeLessThan(200 * 1024);
    expect((inspectXlsx(honest) as { problem: string }).problem).toBe('TOO_LARGE');
    const lying = zipBomb(60 * 1024 * 1024, 1000);
    expect((inspectXlsx(lying) as { problem: string }).problem).toBe('TOO_LARGE');
    const ratio = zipBomb(5 * 1024 * 1024);
    expect((inspectXlsx(ratio) as { problem: string }).problem).toBe('TOO_LARGE');
  });
});

describe('cells', () => {
  it('flattens values without evaluating anything', () => {
    expect(cellText({ richText: [{ text: '广州' }, { text: '甲公司' }] }).text).toBe('广州甲公司');
    expect(cellText({ formula: 'A1&B1', result: '合并' }).text).toBe('合并');
    expect(cellText({ formula: 'HYPERLINK("http://x")' }).text).toBe('=HYPERLINK("http://x")');
    expect(cellText({ sharedFormula: 'A2', result: 7 }).text).toBe('7');
    expect(cellText({ text: '链接', hyperlink: 'http://x' }).text).toBe('链接');
    expect(cellText({ error: '#REF!' }).text).toBe('#REF!');
    expect(cellText(14400000000).text).toBe('14400000000');
    expect(cellText(914401000000000000)).toMatchObject({ imprecise: true });
    expect(cellText(null).text).toBe('');
  });

  it('normalises odd Unicode', () => {
    expect(cleanCellText('９１４４０１ＡＢ\u200B ').text).toBe('914401AB');
    expect(cleanCellText('甲\u0007乙').text).toBe('甲 乙');
    expect(cleanCellText('\uD800abc').malformed).toBe(true);
    expect(cleanCellText("'=SUM(A1)").text).toBe('=SUM(A1)');
  });

  it('neutralises formula-like text', () => {
    for (const text of ['=1+1', '+86', '-1', '@SUM(A1)', '\tx']) expect(neutralizeFormula(text)).toBe(`'${text}`);
    expect(neutralizeFormula('广州')).toBe('广州');
  });
});

describe('openSheetRows', () => {
  it('maps columns by header text, in any order, ignoring extra columns and empty rows', async () => {
    const { bytes } = await workbookFile([['备注', '乙', '甲（必填）'], ['x', 'b1', 'a1'], [], [null, 'b2', 'a2']]);
    const opened = await openSheetRows(bytes, { columns: COLUMNS, maxRows: 10 });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const rows = await rowsOf(opened.rows);
    expect(rows.map((row) => [row.row, row.cells.a.text, row.cells.b.text, row.cells.c.text])).toEqual([
      [2, 'a1', 'b1', ''],
      [4, 'a2', 'b2', ''],
    ]);
  });

  it('lists missing required headers', async () => {
    const { bytes } = await workbookFile([
      ['丙', '丁'],
      [1, 2],
    ]);
    const opened = await openSheetRows(bytes, { columns: COLUMNS, maxRows: 10 });
    expect(opened).toMatchObject({ ok: false, problem: 'MISSING_HEADERS', missing: ['甲', '乙'] });
  });

  it('prefers the named sheet and skips others', async () => {
    const { bytes } = await workbookFile(
      [
        ['甲', '乙'],
        ['a', 'b'],
      ],
      { sheetName: '数据', extraSheets: ['说明'] },
    );
    const opened = await openSheetRows(bytes, { columns: COLUMNS, maxRows: 10, sheetName: '数据' });
    expect(opened.ok && opened.sheetName).toBe('数据');
  });

  it('keeps Chinese text whole across stream chunks (exceljs decodes chunks on their own)', async () => {
    const path = await streamedWorkbookFile(3000, (index) => [`代码${index}`, `压测使用单位${index}有限公司`], true);
    const { readFileSync } = await import('node:fs');
    const opened = await openSheetRows(readFileSync(path), {
      columns: [
        { key: 'a', header: '使用单位统一社会信用代码', required: true },
        { key: 'b', header: '使用单位名称', required: true },
      ],
      maxRows: 5000,
    });
    if (!opened.ok) throw new Error(opened.problem);
    const rows = await rowsOf(opened.rows);
    expect(rows).toHaveLength(3000);
    const broken = rows.filter((row, index) => row.cells.b.text !== `压测使用单位${index}有限公司`);
    expect(broken).toEqual([]);
  });

  it('reads the parts in the order they depend on, whatever order the archive stores them in', async () => {
    // exceljs's writer adds the parts concurrently, so its archives sometimes hold a worksheet before
    // xl/workbook.xml; its own streaming reader then failed on about 1 read in 700
    const { bytes } = await workbookFile(
      [
        ['甲', '乙'],
        ['第一行', '共享文本'],
        ['第二行', '共享文本'],
      ],
      {
        sheetName: '数据',
        extraSheets: ['说明'],
      },
    );
    const directory = readZipDirectory(Buffer.from(bytes), 100);
    if (isZipProblem(directory)) throw new Error(directory.detail);
    const parts = directory.entries.map((entry) => {
      const data = readZipEntry(Buffer.from(bytes), entry, 1024 * 1024);
      if (isZipProblem(data)) throw new Error(data.detail);
      return { name: entry.name, data };
    });
    const order = ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/', 'xl/workbook.xml'];
    const rank = (name: string) => order.findIndex((prefix) => name.startsWith(prefix)) >>> 0;
    const reordered = [...parts].sort((a, b) => rank(a.name) - rank(b.name) || b.name.localeCompare(a.name));
    const names = reordered.map((part) => part.name);
    expect(names.indexOf('xl/workbook.xml')).toBeGreaterThan(names.indexOf('xl/worksheets/sheet2.xml'));
    const reversed = buildZip(reordered);
    const opened = await openSheetRows(reversed, { columns: COLUMNS, maxRows: 10, sheetName: '数据' });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    expect(opened.sheetName).toBe('数据');
    expect((await rowsOf(opened.rows)).map((row) => [row.cells.a.text, row.cells.b.text])).toEqual([
      ['第一行', '共享文本'],
      ['第二行', '共享文本'],
    ]);
  });

  it('stops at the row limit without reading the rest', async () => {
    const path = await streamedWorkbookFile(2000, (index) => [`a${index}`, `b${index}`]);
    const { readFileSync } = await import('node:fs');
    // no count of the rows given: they are read and counted when the sheet is opened
    const opened = await openSheetRows(readFileSync(path), {
      columns: [
        { key: 'a', header: '使用单位统一社会信用代码', required: true },
        { key: 'b', header: '使用单位名称', required: true },
      ],
      maxRows: 1000,
    });
    expect(opened).toMatchObject({ ok: false, problem: 'TOO_MANY_ROWS', max: 1000 });
  });
});

describe('row counts before reading (the limit judged up front, the rows read as they are used)', () => {
  it('counts the rows of a worksheet that hold a value: values, inline strings, formulas, any namespace prefix', () => {
    const xml = [
      '<worksheet><sheetData>',
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
      '<row r="2" s="3" customFormat="1"/>', // formatted, no cells
      '<row r="3"><c r="A3" s="1"/><c r="B3" s="1"></c></row>', // styled cells without content
      '<row r="4"><c r="A4" t="inlineStr"><is><t>甲</t></is></c></row>',
      '<x:row r="5"><x:c r="A5"><x:f>A1&amp;"&gt;"</x:f></x:c></x:row>',
      '<row r="6" spans="1:2"><c r="B6"><v>2</v></c></row>',
      '</sheetData><rowBreaks count="1"><brk id="3"/></rowBreaks></worksheet>',
    ].join('');
    expect(countValuedRows(Buffer.from(xml))).toBe(4);
  });

  it('counts as the regular expressions over a latin1 copy of the XML did, for any bytes (fixed seed)', () => {
    // the count as it was taken before the bytes were scanned where they are
    const ROW_START = /<((?:[A-Za-z_][\w.-]*:)?)row[\s/>]/g;
    const CELL_CONTENT = /<(?:[A-Za-z_][\w.-]*:)?(?:v|is|f)[\s/>]/;
    const copiedCount = (xml: Buffer) => {
      const text = xml.toString('latin1');
      let count = 0;
      ROW_START.lastIndex = 0;
      for (let match = ROW_START.exec(text); match !== null; match = ROW_START.exec(text)) {
        const tagEnd = text.indexOf('>', match.index);
        if (tagEnd < 0) break;
        if (text[tagEnd - 1] === '/') continue;
        const close = text.indexOf(`</${match[1]}row>`, tagEnd);
        const end = close < 0 ? text.length : close;
        if (CELL_CONTENT.test(text.slice(tagEnd, end))) count += 1;
        ROW_START.lastIndex = end;
      }
      return count;
    };
    const pieces = [
      '<',
      '>',
      '/',
      ':',
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u0085',
      '"',
      '=',
      'r',
      'row',
      'rows',
      'x',
      'x:',
      'x.1-_:',
      '1:',
      'v',
      'is',
      'f',
      'c',
      't',
      '<row',
      '<row ',
      '<row>',
      '<row/>',
      '<x:row ',
      '</row>',
      '</x:row>',
      '<c>',
      '<v>',
      '<v/>',
      '<is>',
      '<f ',
      '<x:v>',
      '<vv>',
      '<iss>',
      '<ff>',
      '\u00e7',
      '\u00ff',
      '\u0000',
    ];
    const bytes = fc
      .array(fc.constantFrom(...pieces), { maxLength: 60 })
      .map((parts) => Buffer.from(parts.join(''), 'latin1'));
    fc.assert(
      fc.property(bytes, (xml) => countValuedRows(xml) === copiedCount(xml)),
      { numRuns: 20_000, seed: 20261206 },
    );
    expect(countValuedRows(Buffer.alloc(0))).toBe(0);
    const multibyte = Buffer.from(
      '<row r="1"><c><is><t>甲\u00a0乙</t></is></c></row><row\u00a0r="2"><c><v>1</v></c></row>',
    );
    expect(countValuedRows(multibyte)).toBe(copiedCount(multibyte));
  });

  it('gives the count of each worksheet of a real workbook with its inspection', async () => {
    const { bytes } = await workbookFile([['甲', '乙'], ['a1', 'b1'], [], ['a2', 'b2']], { extraSheets: ['说明'] });
    const inspection = inspectXlsx(bytes);
    expect(inspection.ok && Object.fromEntries(inspection.valuedRows)).toEqual({
      'xl/worksheets/sheet1.xml': 1,
      'xl/worksheets/sheet2.xml': 3,
    });
  });

  it('reads rows as they are used, the limit judged from the count', async () => {
    const { bytes } = await workbookFile([['甲', '乙'], ...Array.from({ length: 10 }, (_, i) => [`a${i}`, `b${i}`])]);
    const inspection = inspectXlsx(bytes);
    if (!inspection.ok) throw new Error(inspection.detail);
    const options = { columns: COLUMNS, maxRows: 10, valuedRows: inspection.valuedRows };
    const opened = await openSheetRows(bytes, options);
    if (!opened.ok) throw new Error(opened.problem);
    expect(opened.atMost).toBe(10);
    const texts: string[] = [];
    for await (const row of opened.rows) texts.push(row.cells.a.text);
    expect(texts).toEqual(Array.from({ length: 10 }, (_, i) => `a${i}`));
    expect(await openSheetRows(bytes, { ...options, maxRows: 9 })).toMatchObject({
      ok: false,
      problem: 'TOO_MANY_ROWS',
      max: 9,
    });
  });

  it('counts rows of blanks out when the count passes the limit: the rows are read and counted then', async () => {
    const blanks = Array.from({ length: 3 }, () => ['  ', ' ']);
    const data = Array.from({ length: 9 }, (_, i) => [`a${i}`, `b${i}`]);
    const { bytes } = await workbookFile([['甲', '乙'], ...data.slice(0, 4), ...blanks, ...data.slice(4)]);
    const inspection = inspectXlsx(bytes);
    if (!inspection.ok) throw new Error(inspection.detail);
    expect(inspection.valuedRows.get('xl/worksheets/sheet1.xml')).toBe(13);
    const opened = await openSheetRows(bytes, { columns: COLUMNS, maxRows: 10, valuedRows: inspection.valuedRows });
    expect(opened.ok && opened.atMost).toBe(9);
    expect(opened.ok && (await rowsOf(opened.rows)).map((row) => row.cells.a.text)).toEqual(data.map(([a]) => a));
  });

  it('stops a sheet that gives more rows than its count allowed (a count that was no upper bound)', async () => {
    const { bytes } = await workbookFile([['甲', '乙'], ...Array.from({ length: 5 }, (_, i) => [`a${i}`, `b${i}`])]);
    const lying = new Map([['xl/worksheets/sheet1.xml', 3]]);
    const opened = await openSheetRows(bytes, { columns: COLUMNS, maxRows: 3, valuedRows: lying });
    if (!opened.ok) throw new Error(opened.problem);
    const texts: string[] = [];
    const reading = (async () => {
      for await (const row of opened.rows) texts.push(row.cells.a.text);
    })();
    await expect(reading).rejects.toThrow(new TooManyRows('more than 3 rows'));
    await expect(reading).rejects.toBeInstanceOf(TooManyRows);
    expect(texts).toEqual(['a0', 'a1', 'a2']);
  });

  it('fails the reading of rows, not the opening, when a worksheet is damaged after its header', async () => {
    // big enough that the worksheet is inflated and parsed in several pieces
    const { bytes } = await workbookFile([['甲', '乙'], ...Array.from({ length: 5000 }, (_, i) => [`a${i}`, `b${i}`])]);
    const damaged = rewriteWorkbookPart(bytes, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace('<row r="4000"', '<row r="4000" <<<'),
    );
    const inspection = inspectXlsx(damaged);
    if (!inspection.ok) throw new Error(inspection.detail);
    const opened = await openSheetRows(damaged, {
      columns: COLUMNS,
      maxRows: 10_000,
      valuedRows: inspection.valuedRows,
    });
    if (!opened.ok) throw new Error(opened.problem);
    const texts: string[] = [];
    await expect(
      (async () => {
        for await (const row of opened.rows) texts.push(row.cells.a.text);
      })(),
    ).rejects.toThrow();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.length).toBeLessThan(3999);
    expect(texts).toEqual(Array.from({ length: texts.length }, (_, i) => `a${i}`));
    // without a count the rows are read to be counted when the sheet is opened, which fails the opening
    expect(await openSheetRows(damaged, { columns: COLUMNS, maxRows: 10_000 })).toMatchObject({
      ok: false,
      problem: 'CORRUPT',
    });
  });
});
