// 企业登记信息: the admin's form (create, edit with version, validation, FORBIDDEN) and the Excel import
// (template, per-row results, re-import updates instead of duplicating, failure report re-importable, audit,
// live progress over graphql-ws for the admin only, imports interrupted by a restart marked FAILED).
import { usccCheckChar } from '@leqi/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  interruptedRegistryImport,
  REGISTRY_IMPORT_KIND,
  settledRegistryImports,
} from '../src/features/admin/registry-import.ts';
import { failInterruptedImports } from '../src/platform/imports/recovery.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { resultsPage, withAllResults } from './import-results.ts';
import { rewriteWorkbookPart } from './invitation-import.workbooks.ts';
import { REGISTRY_HEADERS, registryWorkbookBytes } from './registry-workbook.ts';
import { sleep, subscribeTo } from './ws-client.ts';

const TIANHE = '14401060000';
const ERRORS =
  '__typename ... on Error { code message } ... on ValidationError { issues { field code } } ... on StaleVersionError { currentVersion }';
const RECORD = 'id status total succeeded failed created updated failureReportUrl';
const RECORD_WITH_RESULTS = `${RECORD} failureReason ${resultsPage('row uscc succeeded outcome code message')}`;
const HEADERS = REGISTRY_HEADERS;

/** A valid USCC from a 17-character body. */
function uscc(serial: number, prefix = '9144010077'): string {
  const body = `${prefix}${String(serial).padStart(7, '0')}`;
  return `${body}${usccCheckChar(body)}`;
}

/** A row of an eligible 天河 enterprise, for the large workbooks. */
const largeRow = (code: string, name: string) => [
  code,
  name,
  TIANHE,
  'A',
  '是',
  '否',
  '否',
  900_000_000,
  80_000,
  700_000_000,
];

const PROGRESS =
  'subscription($id: ID!) { registryImportProgress(importRecordId: $id) { importRecordId total processed succeeded failed done } }';

const workbook = registryWorkbookBytes;

describe(`企业登记信息 (${databaseKind()})`, () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.signIn('platform.admin');
  }, 60_000);
  afterAll(() => server?.close());

  /** The mutation's payload; it returns the record while PROCESSING, so the record is read again once done. */
  async function startImport(bytes: Uint8Array, token: string | null = admin, name = 'registry.xlsx') {
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({
        query: `mutation($f: Upload!) { importRegistry(input: {file: $f}) { ${ERRORS} ... on ImportRegistrySuccess { record { ${RECORD} } } } }`,
        variables: { f: null },
      }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([new Uint8Array(bytes)]), name);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'x-leqi-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: form,
    });
    const body = (await response.json()) as { data?: { importRegistry: any }; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body));
    return body.data.importRegistry;
  }

  async function importBytes(bytes: Uint8Array, token: string | null = admin, name = 'registry.xlsx') {
    const payload = await startImport(bytes, token, name);
    if (!payload.record) return payload;
    expect(payload.record.status).toBe('PROCESSING');
    await settledRegistryImports(server.running.app);
    return { ...payload, record: await readImport(payload.record.id) };
  }

  /** The import's record with every row's result. */
  const readImport = (id: string) =>
    withAllResults(
      async (after) =>
        (
          await server.gql(
            `query($id: ID!, $after: String) { registryImport(id: $id) { ${RECORD_WITH_RESULTS} } }`,
            { id, after },
            admin,
          )
        ).data?.registryImport,
    );

  const save = async (input: Record<string, unknown>, token = admin) =>
    (
      await server.gql(
        `mutation($input: SaveRegistryEnterpriseInput!) { saveRegistryEnterprise(input: $input) { ${ERRORS} ... on SaveRegistryEnterpriseSuccess { enterprise { id uscc name creditRating inPilot priorYearRevenue invoiceCount12m version competentAuthority { code } } } } }`,
        { input },
        token,
      )
    ).data?.saveRegistryEnterprise;

  const entry = (overrides: Record<string, unknown> = {}) => ({
    uscc: uscc(1),
    name: '广州表单录入有限公司',
    competentAuthorityCode: TIANHE,
    creditRating: 'A',
    inPilot: true,
    majorViolation: false,
    livelihoodIndustry: false,
    priorYearRevenue: 500_000_000,
    invoiceCount12m: 60_000,
    invoiceAmount12m: 600_000_000,
    ...overrides,
  });

  it('adds an entry, edits it with its version, refuses a stale edit, a duplicate and bad input', async () => {
    const created = await save(entry());
    expect(created.enterprise).toMatchObject({ uscc: uscc(1), version: 0, competentAuthority: { code: TIANHE } });
    expect((await save(entry())).code).toBe('DUPLICATE');
    const edited = await save(entry({ creditRating: 'b', expectedVersion: 0 }));
    expect(edited.enterprise).toMatchObject({ creditRating: 'B', version: 1 });
    expect(await save(entry({ name: '过期', expectedVersion: 0 }))).toMatchObject({
      code: 'STALE_VERSION',
      currentVersion: 1,
    });
    const bad = await save(entry({ uscc: '91440100123', creditRating: 'X', invoiceCount12m: -1, name: '' }));
    expect(bad.issues.map((i: { field: string }) => i.field)).toEqual([
      'uscc',
      'name',
      'creditRating',
      'invoiceCount12m',
    ]);
    const unknown = await save(entry({ uscc: uscc(2), competentAuthorityCode: '14409990000' }));
    expect(unknown.issues).toEqual([{ field: 'competentAuthorityCode', code: 'NOT_FOUND' }]);
    const audit = await server.running.app.db.auditEvent.findMany({
      where: { caseKind: 'ADMIN_ENTERPRISE', caseId: rawId(created.enterprise.id) },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((e) => e.event)).toEqual(['createRegistryEntry', 'updateRegistryEntry']);
    const update = audit[1]?.payload as { before: { creditRating: string } } | undefined;
    expect(update?.before.creditRating).toBe('A');
  });

  it('is refused to everyone but the admin', async () => {
    const officer = await server.signIn('th.officer1');
    expect((await save(entry({ uscc: uscc(3) }), officer)).code).toBe('FORBIDDEN');
    expect((await importBytes(await workbook([]), officer)).code).toBe('FORBIDDEN');
    const list = await server.gql('{ registryEnterprises(first: 5) { totalCount } }', {}, officer);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('serves the template with instructions and drop-downs', async () => {
    const url = (await server.gql('{ registryTemplateUrl }', {}, admin)).data?.registryTemplateUrl;
    const response = await fetch(`${server.url}${url}`);
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['企业登记信息', '填写说明', '代码表']);
    const header = book.getWorksheet('企业登记信息')?.getRow(1).values as string[];
    expect(header.slice(1)).toEqual(HEADERS);
  });

  it('imports per row, re-import updates instead of duplicating, and the failure report can be imported again', async () => {
    const db = server.running.app.db;
    const rows = [
      [uscc(10), '广州导入一号有限公司', TIANHE, 'A', '是', '否', '否', 900_000_000, 80_000, 700_000_000],
      [
        uscc(11),
        '广州导入二号有限公司',
        `${TIANHE} 国家税务总局广州市天河区税务局`,
        'B',
        '是',
        '否',
        '是',
        '60000000',
        '12000',
        '110000000',
      ],
      ['91440100ABC', '坏代码', TIANHE, 'A', '是', '否', '否', 1, 1, 1],
      [uscc(12), '未知机关', '14409990000', 'A', '是', '否', '否', 1, 1, 1],
      [uscc(10), '重复行', TIANHE, 'A', '是', '否', '否', 1, 1, 1],
      [uscc(13), '坏是否', TIANHE, 'A', '也许', '否', '否', 1, 1, 1],
      [uscc(14), '=HYPERLINK("http://evil")', TIANHE, 'C', '否', '是', '否', -5, 1, 1],
    ];
    const bytes = await workbook(rows);
    const before = await db.enterprise.count();
    const first = (await importBytes(bytes)).record;
    expect(first).toMatchObject({ status: 'DONE', total: 7, succeeded: 2, failed: 5, created: 2, updated: 0 });
    expect(first.results.map((r: { row: number; code: string | null }) => [r.row, r.code])).toEqual([
      [2, null],
      [3, null],
      [4, 'INVALID_USCC'],
      [5, 'UNKNOWN_AUTHORITY'],
      [6, 'DUPLICATE_IN_BATCH'],
      [7, 'INVALID_VALUE'],
      [8, 'INVALID_VALUE'],
    ]);
    expect(await db.enterprise.count()).toBe(before + 2);
    const two = await db.enterprise.findUniqueOrThrow({ where: { uscc: uscc(11) } });
    expect(two).toMatchObject({ livelihoodIndustry: true, priorYearRevenue: 60_000_000, invoiceCount12m: 12_000 });

    // the same workbook again: nothing new, nothing changed
    const again = (await importBytes(bytes)).record;
    expect(again).toMatchObject({ succeeded: 2, created: 0, updated: 0 });
    expect(again.results.slice(0, 2).map((r: { outcome: string }) => r.outcome)).toEqual(['UNCHANGED', 'UNCHANGED']);
    // a changed figure updates the entry in place
    const changed = (await importBytes(await workbook([[...rows[0]!.slice(0, 7), 1_200_000_000, 80_000, 700_000_000]])))
      .record;
    expect(changed).toMatchObject({ succeeded: 1, created: 0, updated: 1 });
    expect(await db.enterprise.count()).toBe(before + 2);
    const one = await db.enterprise.findUniqueOrThrow({ where: { uscc: uscc(10) } });
    expect(one).toMatchObject({ priorYearRevenue: 1_200_000_000, version: 1 });
    const audit = await db.auditEvent.findMany({
      where: { caseKind: 'ADMIN_ENTERPRISE', caseId: one.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((e) => [e.event, (e.payload as { source: string }).source])).toEqual([
      ['createRegistryEntry', 'EXCEL'],
      ['updateRegistryEntry', 'EXCEL'],
    ]);
    const integrity = await server.gql(
      'query($id: String) { auditIntegrity(caseId: $id) { intact } }',
      { id: one.id },
      admin,
    );
    expect(integrity.data?.auditIntegrity.intact).toBe(true);

    // the failure report: failed rows with their reason, neutralised formulas, importable as it is
    expect(first.failureReportUrl).toMatch(/^\/admin\/registry-imports\/.+\/failures\.xlsx\?/);
    const report = await fetch(`${server.url}${first.failureReportUrl}`);
    expect(report.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await report.arrayBuffer());
    const sheet = book.getWorksheet('企业登记信息');
    if (!sheet) throw new Error('no data sheet in the failure report');
    expect((sheet.getRow(1).values as string[]).at(-1)).toBe('失败原因');
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(6).getCell(2).value).toBe('\'=HYPERLINK("http://evil")');
    const reimport = await importBytes(new Uint8Array(await book.xlsx.writeBuffer()));
    const reimported = reimport.record;
    expect(reimported, JSON.stringify(reimport)).toMatchObject({ total: 5, failed: 4, succeeded: 1 });
    // the duplicate row of the first file is a valid entry on its own: it updates 导入一号 in place
    expect((await db.enterprise.findUniqueOrThrow({ where: { uscc: uscc(10) } })).name).toBe('重复行');
    expect((await fetch(`${server.url}${first.failureReportUrl.replace(/s=[^&]+/, 's=forged')}`)).status).toBe(403);
  });

  it('refuses hostile or wrong files before touching the registry', async () => {
    const notXlsx = await importBytes(new TextEncoder().encode('uscc,name\n1,2\n'), admin, 'registry.xlsx');
    expect(notXlsx).toMatchObject({ code: 'VALIDATION_FAILED' });
    const missing = await importBytes(await workbook([[uscc(20), 'x']], ['统一社会信用代码', '纳税人名称']));
    expect(missing.code).toBe('VALIDATION_FAILED');
    expect(missing.message).toContain('主管税务机关代码');
    const empty = await importBytes(await workbook([]));
    expect(empty.code).toBe('VALIDATION_FAILED');
  });

  it('lists entries with search', async () => {
    const list = await server.gql(
      '{ registryEnterprises(first: 10, search: "9144010077") { totalCount edges { node { uscc name version } } } }',
      {},
      admin,
    );
    expect(list.data?.registryEnterprises.totalCount).toBe(3);
    const imports = await server.gql(
      '{ registryImports(first: 2) { totalCount edges { node { id total } } } }',
      {},
      admin,
    );
    expect(imports.data?.registryImports.totalCount).toBeGreaterThanOrEqual(4);
    expect(imports.data?.registryImports.edges).toHaveLength(2);
  });

  it('pushes the progress of a large workbook over graphql-ws until done, with the right totals', async () => {
    // large enough to be still running when the subscription starts (500 rows a transaction)
    const ROWS = 4000;
    const rows = Array.from({ length: ROWS }, (_, index) =>
      largeRow(
        index % 100 === 99 ? `9144010088BAD${index}` : uscc(index, '9144010088'),
        `广州进度测试${index}号有限公司`,
      ),
    );
    const started = await startImport(await workbook(rows));
    expect(started.record).toMatchObject({ status: 'PROCESSING', total: ROWS });
    const id = started.record.id;
    const subscription = subscribeTo(server.url, admin, PROGRESS, { id });
    try {
      const deadline = Date.now() + 120_000;
      while (!subscription.events.at(-1)?.done && subscription.errors.length === 0 && Date.now() < deadline)
        await sleep(50);
      const events = subscription.events;
      expect(subscription.errors).toEqual([]);
      expect(events.length).toBeGreaterThanOrEqual(2);
      expect(events.every((event) => event.importRecordId === id && event.total === ROWS)).toBe(true);
      const processed = events.map((event) => event.processed);
      expect([...processed].sort((x, y) => x - y)).toEqual(processed);
      expect(events.slice(0, -1).some((event) => event.processed > 0 && event.processed < ROWS)).toBe(true);
      expect(events.at(-1)).toMatchObject({ done: true, processed: ROWS, succeeded: ROWS - 40, failed: 40 });
    } finally {
      await subscription.close();
    }
    await settledRegistryImports(server.running.app);
    const record = (await server.gql(`query($id: ID!) { registryImport(id: $id) { ${RECORD} } }`, { id }, admin)).data
      ?.registryImport;
    expect(record).toMatchObject({ status: 'DONE', total: ROWS, succeeded: ROWS - 40, failed: 40, created: ROWS - 40 });
    expect(await server.running.app.db.enterprise.count({ where: { uscc: { startsWith: '9144010088' } } })).toBe(
      ROWS - 40,
    );
    // a finished import: the subscription sends the final state and ends
    const late = subscribeTo(server.url, admin, PROGRESS, { id });
    expect((await late.waitFor(1))[0]).toMatchObject({ done: true, processed: ROWS, failed: 40 });
    await late.close();
  }, 180_000);

  it('a worksheet damaged after its header: the rows before are saved, the record says where reading stopped', async () => {
    const ROWS = 5000;
    const rows = Array.from({ length: ROWS }, (_, index) =>
      largeRow(uscc(index, '9144010066'), `广州损坏测试${index}号有限公司`),
    );
    const bytes = Buffer.from(await workbook(rows));
    const damaged = rewriteWorkbookPart(bytes, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace('<row r="4000"', '<row r="4000" <<<'),
    );
    const { record } = await importBytes(damaged);
    expect(record.status).toBe('FAILED');
    expect(record.total).toBeGreaterThan(0);
    expect(record.total).toBeLessThan(3999);
    expect(record).toMatchObject({ succeeded: record.total, failed: 0, created: record.total });
    expect(record.failureReason).toContain(`第 ${record.total.toLocaleString('en')} 个数据行之后已损坏`);
    expect(await server.running.app.db.enterprise.count({ where: { uscc: { startsWith: '9144010066' } } })).toBe(
      record.total,
    );
  }, 120_000);

  it('refuses the progress subscription to everyone but the admin', async () => {
    const [edge] =
      (await server.gql('{ registryImports { edges { node { id } } } }', {}, admin)).data?.registryImports.edges ?? [];
    const record = edge?.node;
    expect(record?.id).toBeTruthy();
    const refusal = async (token: string | null, id: string) => {
      const subscription = subscribeTo(server.url, token, PROGRESS, { id });
      const deadline = Date.now() + 10_000;
      while (subscription.errors.length === 0 && subscription.events.length === 0 && Date.now() < deadline)
        await sleep(20);
      await subscription.close();
      expect(subscription.events).toEqual([]);
      const error = subscription.errors[0];
      return error?.extensions?.code ?? error?.[0]?.extensions?.code;
    };
    expect(await refusal(await server.signIn('th.officer1'), record.id)).toBe('FORBIDDEN');
    expect(await refusal(await server.signIn('gd.confirmer'), record.id)).toBe('FORBIDDEN');
    expect(await refusal(await server.signIn('yf.clerk'), record.id)).toBe('FORBIDDEN');
    expect(await refusal(null, record.id)).toBe('UNAUTHENTICATED');
    expect(await refusal(admin, Buffer.from('RegistryImport:no-such-import').toString('base64'))).toBe('NOT_FOUND');
    // an ID that is not a registry import's global ID is refused as such
    expect(await refusal(admin, 'no-such-import')).toBe('VALIDATION_FAILED');
  });

  it('marks a registry import whose process is gone FAILED with the counts it committed; one still held stays PROCESSING', async () => {
    const db = server.running.app.db;
    const adminUser = await db.user.findFirstOrThrow({ where: { username: 'platform.admin' } });
    const orphaned = (fileName: string, leaseExpiresAt: Date) =>
      db.importRecord.create({
        data: {
          kind: 'REGISTRY',
          fileName,
          status: 'PROCESSING',
          total: 10,
          succeeded: 1,
          failed: 1,
          created: 1,
          createdById: adminUser.id,
          owner: 'another-instance/1',
          leaseExpiresAt,
          rows: {
            create: [
              {
                row: 2,
                succeeded: true,
                outcome: 'CREATED',
                result: { row: 2, uscc: uscc(10), succeeded: true, outcome: 'CREATED' },
              },
              {
                row: 3,
                succeeded: false,
                result: { row: 3, uscc: 'X', succeeded: false, code: 'INVALID_USCC', message: '坏代码', cells: {} },
              },
            ],
          },
        },
      });
    const gone = await orphaned('gone.xlsx', new Date(Date.now() - 1000));
    const held = await orphaned('held.xlsx', new Date(Date.now() + 60_000));
    await failInterruptedImports(server.running.app, { [REGISTRY_IMPORT_KIND]: interruptedRegistryImport }, 'sweep');
    const read = await readImport(Buffer.from(`RegistryImport:${gone.id}`).toString('base64'));
    expect(read).toMatchObject({ status: 'FAILED', succeeded: 1, failed: 1, created: 1 });
    expect(read?.results.map((row: { row: number }) => row.row)).toEqual([2, 3]);
    expect(read?.failureReason).toContain('导入中断');
    expect(read?.failureReason).toContain('已处理 2 行（成功 1 行');
    expect((await db.importRecord.findUniqueOrThrow({ where: { id: held.id } })).status).toBe('PROCESSING');
    await db.importRecord.deleteMany({ where: { id: { in: [gone.id, held.id] } } });
  });
});

function rawId(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString().split(':').slice(1).join(':');
}
