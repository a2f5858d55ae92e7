// 导入邀请 over HTTP on a real server: the template, mixed files, the failure report and its re-import, every
// kind of bad input, live progress over graphql-ws, and the import record's privacy.
import { readFileSync } from 'node:fs';
import { makeUscc, provinceCodeOf } from '@leqi/domain';
import ExcelJS from 'exceljs';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  IMPORT_KIND,
  interruptedInvitationImport,
  progressChannel,
  settledImports,
} from '../src/features/invitation-import/service.ts';
import { Prisma } from '../src/generated/prisma/client.ts';
import { sqlTransaction } from '../src/platform/db/driver.ts';
import { recordRows } from '../src/platform/imports/import-rows.ts';
import { failInterruptedImports } from '../src/platform/imports/recovery.ts';
import { rawId, TIANHE } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { resultsPage, withAllResults } from './import-results.ts';
import { createDcu, invitationIn, type Party, uploadProof } from './invitation.fixtures.ts';
import {
  encryptedWorkbook,
  HEADERS,
  rewriteWorkbookPart,
  sheetValues,
  streamedWorkbookFile,
  workbookFile,
  zipBomb,
} from './invitation-import.workbooks.ts';

const GUANGDONG = provinceCodeOf(TIANHE);
const RECORD_FIELDS = 'id fileName status total succeeded failed createdAt finishedAt failureReportUrl';
const RECORD_WITH_RESULTS = `${RECORD_FIELDS} failureReason ${resultsPage('row uscc succeeded code message invitationId')}`;
const IMPORT_PAYLOAD = `__typename
  ... on ImportUseUnitInvitationsSuccess { importRecord { ${RECORD_FIELDS} } }
  ... on Error { code message }
  ... on ValidationError { issues { field code } }`;

interface UseUnit {
  uscc: string;
  name: string;
}

let unitSerial = 0;
const RUN = String(Math.floor(Math.random() * 9000 + 1000));

/** Eligible use units of 天河, inserted directly (they need no users to be invited). */
async function useUnits(server: TestServer, count: number): Promise<UseUnit[]> {
  const units = Array.from({ length: count }, () => {
    unitSerial += 1;
    return {
      uscc: makeUscc(`91440Q${RUN}${String(unitSerial).padStart(7, '0')}`),
      name: `导入测试${RUN}-${unitSerial}有限公司`,
    };
  });
  await server.running.app.db.enterprise.createMany({
    data: units.map((unit) => ({
      ...unit,
      competentAuthorityCode: TIANHE,
      creditRating: 'A',
      inPilot: true,
      priorYearRevenue: 1_000_000,
    })),
  });
  return units;
}

const goodRow = (unit: UseUnit, capabilities = '202007') => [unit.uscc, unit.name, GUANGDONG, '02', capabilities];

async function importFile(
  server: TestServer,
  token: string | null,
  bytes: Uint8Array,
  name: string,
  proof: string[] = [],
) {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: `mutation($f: Upload!, $p: [ID!]) { importUseUnitInvitations(input: {file: $f, proofMaterialIds: $p}) { ${IMPORT_PAYLOAD} } }`,
      variables: { f: null, p: proof },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'x-leqi-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: form,
  });
  const body = (await response.json()) as any;
  if (!body.data) throw new Error(`import failed: ${JSON.stringify(body)}`);
  return body.data.importUseUnitInvitations;
}

/** The record with every row's result; null when the viewer may not see it. */
async function readRecord(server: TestServer, token: string, id: string) {
  return withAllResults(async (after) => {
    const result = await server.gql(
      `query($id: ID!, $after: String) { node(id: $id) { ... on ImportRecord { ${RECORD_WITH_RESULTS} } } }`,
      { id, after },
      token,
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data?.node;
  });
}

async function finished(server: TestServer, token: string, id: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await readRecord(server, token, id);
    if (record?.status !== 'PROCESSING' || Date.now() > deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Imports, expects the record, waits until it is processed. */
async function imported(server: TestServer, dcu: Party, bytes: Uint8Array, proof: string[], name = 'invitations.xlsx') {
  const payload = await importFile(server, dcu.token, bytes, name, proof);
  expect(payload.__typename, JSON.stringify(payload)).toBe('ImportUseUnitInvitationsSuccess');
  expect(payload.importRecord.status).toBe('PROCESSING');
  return finished(server, dcu.token, payload.importRecord.id);
}

async function download(server: TestServer, path: string) {
  const response = await fetch(`${server.url}${path}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

describe(`导入邀请 (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  let proof: string[];
  beforeAll(async () => {
    server = await startTestServer();
    dcu = await createDcu(server);
    proof = [await uploadProof(server, dcu.token)];
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves the template: headers, drop-downs from the registry, instructions', async () => {
    const url = await server.gql('{ invitationTemplateUrl }');
    expect(url.data?.invitationTemplateUrl).toBe('/templates/invitations.xlsx');
    const file = await download(server, '/templates/invitations.xlsx');
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['邀请信息', '填写说明', '代码表']);
    const sheet = workbook.getWorksheet('邀请信息') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const lists = workbook.getWorksheet('代码表') as ExcelJS.Worksheet;
    const column = (letter: string) =>
      (lists.getColumn(letter).values as unknown[]).filter((value) => typeof value === 'string').slice(1) as string[];
    const authorities = await server.running.app.db.taxAuthority.findMany({ where: { level: 'PROVINCIAL' } });
    expect(column('A')).toHaveLength(authorities.length);
    expect(column('A')).toContain(`${GUANGDONG} ${authorities.find((a) => a.code === GUANGDONG)?.name}`);
    expect(column('B')).toEqual(['01 总分公司关系', '02 母子公司关系', '03 其他控制关系', '05 同一监管部门']);
    expect(column('C').some((text) => text.startsWith('202007 '))).toBe(true);
    for (const [address, source] of [
      ['C2', '$A$2'],
      ['D2', '$B$2'],
      ['E3', '$C$2'],
    ] as const) {
      const validation = sheet.getCell(address).dataValidation;
      expect(validation?.type, address).toBe('list');
      expect(validation?.formulae?.[0], address).toContain(source);
    }
    expect(sheet.getCell('D2').dataValidation?.showErrorMessage).toBe(true);
    const instructions = workbook.getWorksheet('填写说明') as ExcelJS.Worksheet;
    const text = (instructions.getColumn(1).values as unknown[]).join(' ');
    for (const header of HEADERS) expect(text).toContain(header);
  });

  it("a signed-in DCU's template lists only what it may pre-authorise; a forged or expired link is refused", async () => {
    const codesOf = async (path: string) => {
      const file = await download(server, path);
      expect(file.status, path).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
      const lists = workbook.getWorksheet('代码表') as ExcelJS.Worksheet;
      return (lists.getColumn('C').values as unknown[])
        .filter((value): value is string => typeof value === 'string')
        .slice(1)
        .map((text) => text.split(' ')[0]);
    };
    const own = await server.gql('{ invitationTemplateUrl subscribedCapabilityCodes }', {}, dcu.token);
    const signed = own.data?.invitationTemplateUrl as string;
    expect(signed).toMatch(/^\/templates\/invitations\.xlsx\?u=.+&e=\d+&s=/);
    const allowed = own.data?.subscribedCapabilityCodes as string[];
    const everything = await codesOf('/templates/invitations.xlsx');
    expect(allowed.length).toBeLessThan(everything.length);
    expect(await codesOf(signed)).toEqual([...allowed].sort());
    const forged = await download(server, signed.replace(/s=[^&]+/, 's=forged'));
    expect(forged.status).not.toBe(200);
    const expired = await download(server, signed.replace(/e=\d+/, 'e=1000'));
    expect(expired.status).not.toBe(200);
  });

  it('the template is built once and rebuilt when the capability list changes', async () => {
    const capabilityCodes = async () => {
      const file = await download(server, '/templates/invitations.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
      const lists = workbook.getWorksheet('代码表') as ExcelJS.Worksheet;
      return { bytes: Buffer.from(file.bytes), codes: (lists.getColumn('C').values as unknown[]).map(String) };
    };
    const before = await capabilityCodes();
    expect((await capabilityCodes()).bytes.equals(before.bytes)).toBe(true);
    const admin = await server.signIn('platform.admin');
    const saved = await server.gql(
      'mutation($input: SaveCapabilityInput!) { saveCapability(input: $input) { __typename } }',
      { input: { code: '990077', name: '模板缓存能力', enabled: true, isPublic: false } },
      admin,
    );
    expect(saved.data?.saveCapability.__typename).toBe('SaveCapabilitySuccess');
    const after = await capabilityCodes();
    expect(before.codes.some((text) => text.startsWith('990077 '))).toBe(false);
    expect(after.codes).toContain('990077 模板缓存能力');
  });

  it('imports a mixed file: good rows invited, bad rows reported, failure report re-importable', async () => {
    const units = await useUnits(server, 8);
    const [a, b, c, d, e, f, g, h] = units as [UseUnit, UseUnit, UseUnit, UseUnit, UseUnit, UseUnit, UseUnit, UseUnit];
    const { bytes } = await workbookFile([
      HEADERS,
      goodRow(a),
      [b.uscc.slice(0, 17) + (b.uscc.endsWith('0') ? '1' : '0'), b.name, GUANGDONG, '02', ''], // wrong check character
      goodRow(c, '202007、203059'),
      [d.uscc, `${d.name}（错）`, GUANGDONG, '01', ''], // name mismatch
      [e.uscc, e.name, GUANGDONG, '04', ''], // relationship not allowed
      goodRow(a), // duplicate in the file
      [f.uscc, '=HYPERLINK("http://evil.example","点我")', GUANGDONG, '02', ''], // injection attempt
      [g.uscc, g.name, GUANGDONG, '02', '999999'], // not subscribed
      [h.uscc, h.name, '14401060000', '02', ''], // a local authority, not provincial
    ]);
    const record = await imported(server, dcu, bytes, proof, 'mixed.xlsx');
    expect(record).toMatchObject({ status: 'DONE', fileName: 'mixed.xlsx', total: 9, succeeded: 2, failed: 7 });
    const byRow = new Map<number, any>(record.results.map((result: any) => [result.row, result]));
    expect(byRow.get(2)).toMatchObject({ succeeded: true, uscc: a.uscc });
    expect(byRow.get(2).invitationId).toBeTruthy();
    expect(byRow.get(4)).toMatchObject({ succeeded: true, uscc: c.uscc });
    expect(Object.fromEntries([3, 5, 6, 7, 8, 9, 10].map((row) => [row, (byRow.get(row) as any).code]))).toEqual({
      3: 'INVALID_USCC',
      5: 'NAME_MISMATCH',
      6: 'INVALID_RELATIONSHIP',
      7: 'DUPLICATE_IN_BATCH',
      8: 'NAME_MISMATCH',
      9: 'CAPABILITY_NOT_SUBSCRIBED',
      10: 'INVALID_AUTHORITY_CODE',
    });
    expect(byRow.get(7).message).toContain('第 2 行');
    const invitations = await server.running.app.db.invitation.findMany({ where: { batchId: rawId(record.id) } });
    expect(invitations.map((row) => [row.useUnitUscc, row.channel]).sort()).toEqual(
      [
        [a.uscc, 'EXCEL'],
        [c.uscc, 'EXCEL'],
      ].sort(),
    );
    expect(invitations.find((row) => row.useUnitUscc === c.uscc)?.capabilityCodes.sort()).toEqual(['202007', '203059']);

    // 失败记录: only the failed rows, the template's columns plus 失败原因, neutralised
    expect(record.failureReportUrl).toMatch(/^\/imports\/[^/]+\/failures\.xlsx\?/);
    const report = await download(server, record.failureReportUrl);
    expect(report.status).toBe(200);
    const rows = await sheetValues(report.bytes, '邀请信息');
    expect(rows[0]).toEqual([...HEADERS, '失败原因']);
    expect(rows.slice(1).map((row) => row[0])).toEqual([
      expect.any(String),
      d.uscc,
      e.uscc,
      a.uscc,
      f.uscc,
      g.uscc,
      h.uscc,
    ]);
    expect(rows.slice(1).every((row) => typeof row[5] === 'string' && (row[5] as string).length > 0)).toBe(true);
    expect(rows[5]?.[1]).toBe(`'=HYPERLINK("http://evil.example","点我")`);

    // fix the report in place (the reason column stays) and import it again
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(report.bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('邀请信息') as ExcelJS.Worksheet;
    const fixes: Record<number, unknown[]> = {
      2: [b.uscc, b.name],
      3: [d.uscc, d.name],
      4: [e.uscc, e.name, GUANGDONG, '03 其他控制关系'],
      6: [f.uscc, f.name],
      7: [g.uscc, g.name, GUANGDONG, '02', '203059 发票查验能力'],
      8: [h.uscc, h.name, `${GUANGDONG} 国家税务总局广东省税务局`],
    };
    for (const [row, values] of Object.entries(fixes)) {
      values.forEach((value, index) => {
        sheet.getRow(Number(row)).getCell(index + 1).value = value as ExcelJS.CellValue;
      });
    }
    sheet.spliceRows(5, 1);
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    const again = await imported(server, dcu, fixed, proof, '失败记录-mixed.xlsx');
    expect(again.results.filter((result: any) => !result.succeeded)).toEqual([]);
    expect(again).toMatchObject({ status: 'DONE', succeeded: 6, failed: 0, failureReportUrl: null });
  });

  it('streams a failure report of several pages: every failed row in sheet order, the layout of the template', async () => {
    // 2,600 rows whose codes are not USCCs, around one good row: three pages of failed rows (1,000 a page)
    const [good] = await useUnits(server, 1);
    const bad = (index: number) => [`BAD${String(index).padStart(15, '0')}`, `坏行${index}`, GUANGDONG, '02', '202007'];
    const rows = [
      ...Array.from({ length: 1300 }, (_, index) => bad(index)),
      goodRow(good as UseUnit),
      ...Array.from({ length: 1300 }, (_, index) => bad(1300 + index)),
    ];
    const record = await imported(server, dcu, (await workbookFile([HEADERS, ...rows])).bytes, proof, '多页失败.xlsx');
    expect(record).toMatchObject({ status: 'DONE', total: 2601, succeeded: 1, failed: 2600 });
    const report = await fetch(`${server.url}${record.failureReportUrl}`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toContain(encodeURIComponent('失败记录-多页失败.xlsx'));
    expect(report.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await report.arrayBuffer());
    const values = await sheetValues(bytes, '邀请信息');
    expect(values[0]).toEqual([...HEADERS, '失败原因']);
    expect(values.slice(1).map((row) => row[1])).toEqual(Array.from({ length: 2600 }, (_, index) => `坏行${index}`));
    expect(values.slice(1).every((row) => typeof row[5] === 'string' && (row[5] as string).length > 0)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['邀请信息', '填写说明', '代码表']);
    const sheet = workbook.getWorksheet('邀请信息') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('D2601').dataValidation?.formulae?.[0]).toContain('$B$2');
    expect(workbook.getWorksheet('代码表')?.state).toBe('hidden');
  });

  it('gives a web-form batch the same failure report, which imports again once fixed (manual §3.4.1.1)', async () => {
    const [x, y] = (await useUnits(server, 2)) as [UseUnit, UseUnit];
    const rows = [
      { uscc: x.uscc, name: `${x.name}（错）`, provinceAuthorityCode: GUANGDONG, relationship: 'PARENT_SUBSIDIARY' },
      {
        uscc: y.uscc,
        name: `${y.name}（错）`,
        provinceAuthorityCode: GUANGDONG,
        relationship: 'HQ_BRANCH',
        capabilityCodes: ['202007', '203059'],
      },
    ];
    const invited = await server.gql(
      `mutation($input: InviteUseUnitsInput!) { inviteUseUnits(input: $input) {
        __typename ... on InviteUseUnitsSuccess { succeeded { id } failed { row code message } } } }`,
      { input: { invitations: rows, proofMaterialIds: proof } },
      dcu.token,
    );
    const failed = invited.data?.inviteUseUnits.failed as { row: number; code: string; message: string }[];
    expect(failed.map((f) => f.code)).toEqual(['NAME_MISMATCH', 'NAME_MISMATCH']);

    const reportRows = failed.map((f) => ({ ...rows[f.row - 1], reason: f.message }));
    const query = 'query($rows: [InvitationFailureRowInput!]!) { invitationFailureReport(rows: $rows) }';
    expect((await server.gql(query, { rows: reportRows })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // a batch holds at most 50 rows: a longer list is refused, not cut
    const tooMany = await server.gql(query, { rows: Array.from({ length: 51 }, () => reportRows[0]) }, dcu.token);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(tooMany.data?.invitationFailureReport ?? null).toBeNull();
    const report = await server.gql(query, { rows: reportRows }, dcu.token);
    expect(report.errors).toBeUndefined();
    const bytes = Buffer.from(report.data?.invitationFailureReport as string, 'base64');
    const values = await sheetValues(bytes, '邀请信息');
    expect(values[0]).toEqual([...HEADERS, '失败原因']);
    expect(values[1]?.slice(2, 4)).toEqual([`${GUANGDONG} 国家税务总局广东省税务局`, '02 母子公司关系']);
    expect(values[2]?.slice(3)).toEqual(['01 总分公司关系', '202007、203059', failed[1]?.message]);

    // correct the names in the downloaded file and import it as it is otherwise
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('邀请信息') as ExcelJS.Worksheet;
    sheet.getRow(2).getCell(2).value = x.name;
    sheet.getRow(3).getCell(2).value = y.name;
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    const again = await imported(server, dcu, fixed, proof, '失败记录-新增邀请.xlsx');
    expect(again.results.filter((result: any) => !result.succeeded)).toEqual([]);
    expect(again).toMatchObject({ status: 'DONE', total: 2, succeeded: 2, failed: 0 });
  });

  it('maps reordered headers and ignores extra columns', async () => {
    const [unit] = (await useUnits(server, 1)) as [UseUnit];
    const { bytes } = await workbookFile([
      ['备注', '单位关系', '能力预授权', '使用单位名称', '省级税务机关代码', '使用单位统一社会信用代码'],
      ['随便写', '母子公司关系', '', unit.name, GUANGDONG, unit.uscc],
    ]);
    const record = await imported(server, dcu, bytes, proof);
    expect(record).toMatchObject({ status: 'DONE', succeeded: 1, failed: 0 });
  });

  it('refuses a file with missing headers, listing them', async () => {
    const { bytes } = await workbookFile([
      ['使用单位统一社会信用代码', '名称'],
      ['x', 'y'],
    ]);
    const payload = await importFile(server, dcu.token, bytes, 'headers.xlsx', proof);
    expect(payload).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(payload.message).toContain('使用单位名称');
    expect(payload.message).toContain('省级税务机关代码');
    expect(payload.message).toContain('单位关系');
    expect(payload.message).not.toContain('能力预授权');
  });

  it.each([
    ['CSV', 'uscc,name\n91440100MA5CXXXX,甲\n'],
    ['PDF', '%PDF-1.4\n%%EOF\n'],
    ['TXT', '这是一个文本文件'],
  ])('refuses a %s renamed .xlsx', async (_kind, content) => {
    const payload = await importFile(server, dcu.token, Buffer.from(content), 'renamed.xlsx', proof);
    expect(payload).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(payload.message).toContain('不是 Excel 工作簿');
  });

  it('refuses encrypted, corrupt and zip-bomb workbooks with a clear error', async () => {
    const encrypted = await importFile(server, dcu.token, encryptedWorkbook(), 'secret.xlsx', proof);
    expect(encrypted.code).toBe('VALIDATION_FAILED');
    expect(encrypted.message).toContain('加密');
    const { bytes } = await workbookFile([HEADERS, ['a', 'b', 'c', 'd', '']]);
    const corrupt = Buffer.from(bytes);
    for (let index = 100; index < 700; index++) corrupt[index] = 0x5a;
    const damaged = await importFile(server, dcu.token, corrupt, 'damaged.xlsx', proof);
    expect(damaged.code).toBe('VALIDATION_FAILED');
    expect(damaged.message).toContain('损坏');
    const truncated = await importFile(server, dcu.token, bytes.subarray(0, bytes.length - 100), 'cut.xlsx', proof);
    expect(truncated.code).toBe('VALIDATION_FAILED');
    const bomb = zipBomb(80 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(300 * 1024);
    const refused = await importFile(server, dcu.token, bomb, 'bomb.xlsx', proof);
    expect(refused.code).toBe('LIMIT_EXCEEDED');
    expect(refused.message).toContain('过大');
    expect(
      await server.running.app.db.importRecord.count({
        where: { fileName: { in: ['secret.xlsx', 'damaged.xlsx', 'bomb.xlsx'] } },
      }),
    ).toBe(0);
  });

  it('refuses more than 100,000 rows before creating anything', async () => {
    const path = await streamedWorkbookFile(100_001, (index) => [
      `9144010${String(index).padStart(10, '0')}X`,
      `批量企业${index}`,
      GUANGDONG,
      String((index % 3) + 1).padStart(2, '0'),
      index % 2 ? '202007' : '',
    ]);
    const bytes = readFileSync(path);
    const payload = await importFile(server, dcu.token, bytes, 'huge.xlsx', proof);
    expect(payload, JSON.stringify(payload).slice(0, 300)).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(payload.message).toContain('100,000');
  }, 120_000);

  it('reads the rows as they are imported; rows holding only blanks leave the record counting the real rows', async () => {
    const units = await useUnits(server, 3);
    const blank = ['  ', ' ', '', ' ', ''];
    const { bytes } = await workbookFile([
      HEADERS,
      goodRow(units[0] as UseUnit),
      blank,
      goodRow(units[1] as UseUnit),
      blank,
      goodRow(units[2] as UseUnit),
    ]);
    const record = await imported(server, dcu, bytes, proof, 'blanks.xlsx');
    expect(record).toMatchObject({ status: 'DONE', total: 3, succeeded: 3, failed: 0 });
    expect(record.results.map((row: { row: number }) => row.row)).toEqual([2, 4, 6]);
  });

  it('a worksheet damaged after its header: the rows before are imported, the record says where reading stopped', async () => {
    const units = await useUnits(server, 5000);
    const { bytes } = await workbookFile([HEADERS, ...units.map((unit) => goodRow(unit, ''))]);
    const damaged = rewriteWorkbookPart(bytes, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace('<row r="4000"', '<row r="4000" <<<'),
    );
    const payload = await importFile(server, dcu.token, damaged, 'damaged-late.xlsx', proof);
    expect(payload.__typename, JSON.stringify(payload).slice(0, 300)).toBe('ImportUseUnitInvitationsSuccess');
    const record = await finished(server, dcu.token, payload.importRecord.id, 60_000);
    expect(record.status).toBe('FAILED');
    expect(record.total).toBeGreaterThan(0);
    expect(record.total).toBeLessThan(3999);
    // every row read has its result, and the record counts exactly those
    expect(record.succeeded + record.failed).toBe(record.total);
    expect(record.results).toHaveLength(record.total);
    expect(record.results.map((row: { row: number }) => row.row)).toEqual(
      Array.from({ length: record.total }, (_, index) => index + 2),
    );
    const invited = await server.running.app.db.invitation.count({ where: { batchId: rawId(record.id) } });
    expect(invited).toBe(record.succeeded);
    const { failureReason } = await server.running.app.db.importRecord.findUniqueOrThrow({
      where: { id: rawId(record.id) },
    });
    expect(failureReason).toContain('已损坏');
    expect(failureReason).toContain(`已处理 ${record.total.toLocaleString('en')} 行`);
  }, 120_000);

  it('a DCU that stops being active mid-import: each row invited or failed exactly once, none invited after', async () => {
    const exiting = await createDcu(server);
    const exitingProof = [await uploadProof(server, exiting.token)];
    const units = await useUnits(server, 6000);
    const { bytes } = await workbookFile([HEADERS, ...units.map((unit) => goodRow(unit, ''))]);
    const app = server.running.app;
    const payload = await importFile(server, exiting.token, bytes, 'exiting.xlsx', exitingProof);
    const id = rawId(payload.importRecord.id);
    const progress = progressChannel(app);
    const changed = new Promise<void>((resolve) => {
      const stop = progress.subscribe(id, (event) => {
        if (event.processed === 0) return;
        stop();
        // the DCU submits its exit while chunks are being written
        void app.db.enterprise
          .update({ where: { id: exiting.id }, data: { dcuStatus: 'EXITING' } })
          .then(() => resolve());
      });
    });
    await changed;
    await settledImports(app);
    const record = await finished(server, exiting.token, payload.importRecord.id, 60_000);
    expect(record).toMatchObject({ status: 'FAILED', total: 6000 });
    expect(record.succeeded + record.failed).toBe(6000);
    expect(record.succeeded).toBeGreaterThan(0);
    expect(record.succeeded).toBeLessThan(6000);
    const rows = await app.db.importRow.findMany({
      where: { importRecordId: id },
      select: { row: true, result: true },
    });
    expect(rows).toHaveLength(6000);
    const codes = new Set(
      rows.flatMap((row) => ((row.result as { code?: string }).code ? [(row.result as { code: string }).code] : [])),
    );
    expect([...codes].every((code) => code === 'DCU_NOT_ACTIVE' || code === 'NOT_PROCESSED')).toBe(true);
    expect(await app.db.invitation.count({ where: { batchId: id } })).toBe(record.succeeded);
  }, 120_000);

  it('treats formulas as their cached result or as text, and odd Unicode per row', async () => {
    const units = await useUnits(server, 6);
    const [a, b, c, d, e, f] = units as [UseUnit, UseUnit, UseUnit, UseUnit, UseUnit, UseUnit];
    const fullWidth = a.uscc.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const { bytes } = await workbookFile([
      HEADERS,
      [fullWidth, `\u200B${a.name}\u200D`, GUANGDONG, ' 02 ', ''], // full-width code, zero-width name: fine
      [b.uscc, { formula: 'CONCATENATE("导入","测试")', result: b.name }, GUANGDONG, '02', ''], // cached result
      [c.uscc, { formula: 'A1&B1' }, GUANGDONG, '02', ''], // no result: the formula text, never evaluated
      [d.uscc, 'X'.repeat(300), GUANGDONG, '02', ''], // too long
      [e.uscc, `${e.name}\uD800`, GUANGDONG, '02', ''], // a lone surrogate
      [Number(f.uscc.replace(/\D/g, '').padEnd(18, '1').slice(0, 18)), f.name, GUANGDONG, '02', ''], // code as a number
      [
        { richText: [{ text: f.uscc.slice(0, 9) }, { text: f.uscc.slice(9) }] },
        { richText: [{ text: f.name }] },
        Number(GUANGDONG),
        2,
        202007,
      ],
    ]);
    const record = await imported(server, dcu, bytes, proof);
    const codes = record.results.map((result: any) => [result.row, result.succeeded ? 'OK' : result.code]);
    expect(codes).toEqual([
      [2, 'OK'],
      [3, 'OK'],
      [4, 'NAME_MISMATCH'],
      [5, 'TOO_LONG'],
      [6, 'INVALID_CHARACTERS'],
      [7, 'INVALID_USCC'],
      [8, 'OK'],
    ]);
    expect(record.results[5].message).toContain('文本格式');

    // the same rows a page at a time, and only the failed ones
    const page = async (paging: string) =>
      (
        await server.gql(
          `query($id: ID!) { node(id: $id) { ... on ImportRecord { results(${paging}) { totalCount
            pageInfo { hasNextPage endCursor } edges { node { row } } } } } }`,
          { id: record.id },
          dcu.token,
        )
      ).data?.node.results;
    const firstTwo = await page('first: 2');
    expect(firstTwo.edges.map((edge: any) => edge.node.row)).toEqual([2, 3]);
    expect(firstTwo).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true } });
    const rest = await page(`first: 10, after: "${firstTwo.pageInfo.endCursor}"`);
    expect(rest.edges.map((edge: any) => edge.node.row)).toEqual([4, 5, 6, 7, 8]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const failed = await page('first: 3, failedOnly: true');
    expect(failed.edges.map((edge: any) => edge.node.row)).toEqual([4, 5, 6]);
    expect(failed).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const lastFailed = await page(`failedOnly: true, after: "${failed.pageInfo.endCursor}"`);
    expect(lastFailed.edges.map((edge: any) => edge.node.row)).toEqual([7]);
  });

  it('pushes progress over graphql-ws until done', async () => {
    // large enough to be still running when the subscription starts (the pipeline writes 500 rows per transaction)
    const units = await useUnits(server, 3000);
    const { bytes } = await workbookFile([HEADERS, ...units.map((unit) => goodRow(unit, ''))]);
    const payload = await importFile(server, dcu.token, bytes, 'progress.xlsx', proof);
    const id = payload.importRecord.id;
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${dcu.token}` },
      retryAttempts: 0,
    });
    const events: any[] = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        {
          query: `subscription($id: ID!) { importProgress(importRecordId: $id) { importRecordId processed total succeeded failed done } }`,
          variables: { id },
        },
        { next: (value) => events.push(value.data?.importProgress ?? value), error: reject, complete: resolve },
      );
    });
    await client.dispose();
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((event) => event.importRecordId === id && event.total === 3000)).toBe(true);
    const processed = events.map((event) => event.processed);
    expect([...processed].sort((x, y) => x - y)).toEqual(processed);
    expect(events.at(-1)).toMatchObject({ done: true, processed: 3000, succeeded: 3000, failed: 0 });
    expect(events.slice(0, -1).some((event) => event.processed > 0 && event.processed < 3000)).toBe(true);
  });

  it('keeps records private to the importing enterprise', async () => {
    const other = await createDcu(server);
    const [unit] = (await useUnits(server, 1)) as [UseUnit];
    const { bytes } = await workbookFile([HEADERS, goodRow(unit), ['bad', 'bad', GUANGDONG, '02', '']]);
    const record = await imported(server, dcu, bytes, proof);
    expect(record.failureReportUrl).toBeTruthy();
    expect(await readRecord(server, other.token, record.id)).toBeNull();
    const list = await server.gql(
      '{ importRecords(first: 100) { totalCount edges { node { id } } } }',
      {},
      other.token,
    );
    expect(list.data?.importRecords.edges.map((edge: any) => edge.node.id)).not.toContain(record.id);
    const mine = await server.gql(
      '{ importRecords(first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage } } }',
      {},
      dcu.token,
    );
    expect(mine.data?.importRecords.edges[0].node.id).toBe(record.id);
    expect(mine.data?.importRecords.pageInfo.hasNextPage).toBe(true);
    const otherUser = await server.running.app.db.user.findFirstOrThrow({ where: { username: other.username } });
    const forged = record.failureReportUrl.replace(/u=[^&]+/, `u=${otherUser.id}`);
    expect((await download(server, forged)).status).toBe(403);
    // a link signed for the other enterprise's user still does not open this record
    const ownSigned = server.running.app.files.signedUrl(`import-failures:${rawId(record.id)}`, otherUser.id);
    expect(
      (await download(server, `/imports/${rawId(record.id)}/failures.xlsx${ownSigned.slice(ownSigned.indexOf('?'))}`))
        .status,
    ).toBe(403);
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${other.token}` },
      retryAttempts: 0,
    });
    const errors = await new Promise<any[]>((resolve) => {
      client.subscribe(
        {
          query: `subscription($id: ID!) { importProgress(importRecordId: $id) { processed } }`,
          variables: { id: record.id },
        },
        {
          next: (value) => resolve(value.errors ? [...value.errors] : []),
          error: (error) => resolve([error]),
          complete: () => resolve([]),
        },
      );
    });
    await client.dispose();
    expect(errors[0]?.extensions?.code ?? errors[0]?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses callers who are not an active DCU', async () => {
    const { bytes } = await workbookFile([HEADERS, ['a', 'b', GUANGDONG, '02', '']]);
    expect((await importFile(server, null, bytes, 'x.xlsx')).code).toBe('UNAUTHENTICATED');
    const notDcu = await createDcu(server, { dcuStatus: 'NOT_CONNECTED' });
    expect((await importFile(server, notDcu.token, bytes, 'x.xlsx')).code).toBe('DCU_NOT_ACTIVE');
  });

  it('marks an import whose process is gone FAILED with the counts it committed; one still held stays PROCESSING', async () => {
    const db = server.running.app.db;
    const dcuUser = await db.user.findFirstOrThrow({ where: { username: dcu.username } });
    const orphaned = (fileName: string, locale: string, leaseExpiresAt: Date) =>
      db.importRecord.create({
        data: {
          kind: 'INVITATION',
          enterpriseId: dcu.id,
          fileName,
          status: 'PROCESSING',
          total: 10,
          succeeded: 1,
          failed: 1,
          locale,
          createdById: dcuUser.id,
          owner: 'another-instance/1',
          leaseExpiresAt,
          rows: {
            create: [
              { row: 2, succeeded: true, result: { row: 2, uscc: 'X', succeeded: true, invitationId: 'i' } },
              { row: 3, succeeded: false, result: { row: 3, uscc: 'Y', succeeded: false, code: 'INVALID_USCC' } },
            ],
          },
        },
      });
    const expired = new Date(Date.now() - 1000);
    const gone = await orphaned('gone.xlsx', 'zh-CN', expired);
    const goneEn = await orphaned('gone-en.xlsx', 'en', expired);
    const held = await orphaned('held.xlsx', 'zh-CN', new Date(Date.now() + 60_000));
    // the sweep every instance runs (here called at once rather than waited for)
    await failInterruptedImports(server.running.app, { [IMPORT_KIND]: interruptedInvitationImport }, 'sweep');
    const read = (id: string) => readRecord(server, dcu.token, encodeId(id)) as Promise<any>;
    const after = await read(gone.id);
    expect(after).toMatchObject({ status: 'FAILED', succeeded: 1, failed: 1 });
    expect(after.results.map((row: any) => row.row)).toEqual([2, 3]);
    expect(after.failureReason).toContain('导入中断');
    expect(after.failureReason).toContain('已处理 2 行（成功 1 行');
    expect(after.failureReason).toContain('其余 8 行未处理');
    expect((await read(goneEn.id)).failureReason).toContain(
      'Import interrupted (the server process stopped): 2 rows processed (1 invited',
    );
    expect((await db.importRecord.findUniqueOrThrow({ where: { id: held.id } })).status).toBe('PROCESSING');
    await db.importRecord.deleteMany({ where: { id: { in: [gone.id, goneEn.id, held.id] } } });
  });

  it('a chunk that waited long for its locks leaves a lease counted from its write, not from its transaction start', async () => {
    const db = server.running.app.db;
    const dcuUser = await db.user.findFirstOrThrow({ where: { username: dcu.username } });
    const record = await db.importRecord.create({
      data: {
        kind: 'INVITATION',
        enterpriseId: dcu.id,
        fileName: 'waited.xlsx',
        status: 'PROCESSING',
        total: 1,
        locale: 'zh-CN',
        createdById: dcuUser.id,
        owner: 'this-instance/1',
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    const hold = { recordId: record.id, owner: 'this-instance/1', leaseSeconds: 2 };
    await sqlTransaction(db, async (sql) => {
      await sql.query(Prisma.sql`SELECT 1`);
      // the chunk waits (for the DCU's row, say) longer than a lease before it records its rows
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await recordRows(sql, hold, [{ row: 2, succeeded: true }]);
    });
    const [lease] = await db.$queryRaw<{ left: number }[]>`
      SELECT extract(epoch FROM "leaseExpiresAt" - (clock_timestamp() AT TIME ZONE 'UTC'))::float8 AS "left"
      FROM "ImportRecord" WHERE "id" = ${record.id}`;
    expect(lease?.left).toBeGreaterThan(1);
    // so the sweep of another instance leaves it alone
    await failInterruptedImports(server.running.app, { [IMPORT_KIND]: interruptedInvitationImport }, 'sweep');
    expect(await db.importRecord.findUniqueOrThrow({ where: { id: record.id } })).toMatchObject({
      status: 'PROCESSING',
      succeeded: 1,
    });
    await db.importRecord.delete({ where: { id: record.id } });
  });

  it('the results and the failure report reveal nothing of the invited units (taxpayer confidentiality)', async () => {
    const [renamed, ineligible] = (await useUnits(server, 2)) as [UseUnit, UseUnit];
    await server.running.app.db.enterprise.update({
      where: { uscc: ineligible.uscc },
      data: { creditRating: 'D', majorViolation: true },
    });
    const bound = await invitationIn(server, 'CONFIRMED');
    const { bytes } = await workbookFile([
      HEADERS,
      [renamed.uscc, '猜的名称有限公司', GUANGDONG, '02', ''],
      goodRow(ineligible, ''),
      [bound.useUnit.uscc, bound.useUnit.name, GUANGDONG, '02', ''],
    ]);
    const record = await imported(server, dcu, bytes, proof, 'confidential.xlsx');
    expect(record.results.map((result: any) => result.code)).toEqual([
      'NAME_MISMATCH',
      'NOT_ELIGIBLE',
      'ALREADY_BOUND',
    ]);
    const report = await download(server, record.failureReportUrl);
    const reasons = (await sheetValues(report.bytes, '邀请信息')).slice(1).map((row) => String(row[5]));
    const secrets = [renamed.name, 'D', '信用', '违法', bound.dcu.name, bound.dcu.uscc];
    for (const text of [...record.results.map((result: any) => result.message), ...reasons]) {
      for (const secret of secrets) expect(text, secret).not.toContain(secret);
    }
    expect(reasons).toEqual(record.results.map((result: any) => result.message));
  });
});

const encodeId = (id: string) => Buffer.from(`ImportRecord:${id}`).toString('base64');
