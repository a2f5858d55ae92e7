// 材料模板 beside the upload slots (manual §2.2, 下载后按要求填写): every access material with a form has a workbook to
// download whose sheet is that form; the project report asks for what the manual requires of it; kinds without a
// form have none.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const QUERY = '{ materialTemplates { kind name url } }';

async function sheetText(server: TestServer, path: string) {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const cells: string[] = [];
  sheet.eachRow((row) => {
    for (const value of row.values as unknown[]) if (typeof value === 'string' && value) cells.push(value);
  });
  return { name: sheet.name, cells };
}

describe(`material templates (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('lists the five forms of the access materials, each a workbook of that form', async () => {
    const listed = await server.gql(QUERY, {}, await server.signIn('yf.clerk'));
    expect(listed.errors).toBeUndefined();
    const templates = listed.data?.materialTemplates as { kind: string; name: string; url: string }[];
    expect(templates.map((template) => template.kind)).toEqual([
      'ACCESS_INFO_FORM',
      'SERVICE_AGREEMENT',
      'PROJECT_REPORT',
      'POWER_OF_ATTORNEY',
      'NETWORK_ADDRESS_FORM',
    ]);
    for (const template of templates) {
      const sheet = await sheetText(server, template.url);
      expect(sheet.name).toBe(template.name);
      expect(sheet.cells[0]).toBe(template.name);
      expect(sheet.cells).toContain('单位（盖章）');
    }
    const report = await sheetText(server, '/templates/materials/PROJECT_REPORT.xlsx');
    for (const required of [
      '项目规划',
      '业务量',
      '网络环境',
      '安全方案',
      '硬件环境',
      '系统设计',
      '技术实现',
      '运维管理',
    ]) {
      expect(
        report.cells.some((cell) => cell.includes(required)),
        required,
      ).toBe(true);
    }
    const addresses = await sheetText(server, '/templates/materials/NETWORK_ADDRESS_FORM.xlsx');
    expect(addresses.cells).toContain('网络地址（IP 或域名）');
  });

  it('names the forms in English for an English viewer; none for kinds without a form or unknown ones', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en',
        authorization: `Bearer ${await server.signIn('yf.clerk')}`,
      },
      body: JSON.stringify({ query: QUERY }),
    });
    const names = ((await response.json()) as any).data.materialTemplates.map((template: any) => template.name);
    expect(names).toContain('Project report');
    for (const path of ['SOFTWARE_COPYRIGHT', 'OTHER', 'NOPE'].map((kind) => `/templates/materials/${kind}.xlsx`)) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
    expect((await server.gql(QUERY)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
