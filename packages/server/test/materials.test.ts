// Materials: content sniffing, content-addressed storage, sanitised names, and signed downloads only for the
// parties of a case and its reviewers (DESIGN §4).
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_DRAFT, createEnterprise, rawId, saveDraft, transition, upload, uploadRequired } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { compoundFile, docxPackage, xlsxPackage, zipWithWordFolder } from './office-files.ts';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0'),
]);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
  Buffer.from([0xff, 0xd9]),
]);
// real packages: [Content_Types].xml declaring the main part (a zip that merely contains `word/` is no DOCX)
const DOCX = docxPackage();
const XLSX = xlsxPackage();
const DOC = compoundFile(['WordDocument', '1Table']);
const XLS = compoundFile(['Workbook']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe(`materials (${databaseKind()})`, () => {
  let server: TestServer;
  let filesDir: string;
  beforeAll(async () => {
    server = await startTestServer();
    filesDir = join(server.running.app.config.dataDir, 'files');
  });
  afterAll(async () => server?.close());

  const download = (url: string) => fetch(`${server.url}${url}`);

  it.each([
    ['PDF', PDF, 'scan.bin', 'application/pdf'],
    ['PNG', PNG, 'photo', 'image/png'],
    ['JPEG', JPEG, 'photo.pdf', 'image/jpeg'],
    ['DOCX', DOCX, 'report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', XLSX, 'sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['DOC', DOC, 'legacy.doc', 'application/msword'],
    ['XLS', XLS, 'legacy.xls', 'application/vnd.ms-excel'],
  ])('accepts %s by its content, whatever its name', async (_label, bytes, name, mimeType) => {
    const clerk = await server.signIn('yf.clerk');
    const result = await upload(server, clerk, 'OTHER', bytes, name);
    expect(result.__typename, JSON.stringify(result)).toBe('UploadMaterialSuccess');
    expect(result.material).toMatchObject({ kind: 'OTHER', fileName: name, mimeType, size: bytes.length });
    const response = await download(result.material.downloadUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(mimeType);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('rejects a text file named .pdf (UNSUPPORTED_FILE_TYPE), an executable, and an empty file, storing nothing', async () => {
    const clerk = await server.signIn('yf.clerk');
    const before = filesUnder(filesDir).length;
    const text = await upload(server, clerk, 'ACCESS_INFO_FORM', 'This is not a PDF at all.\n', 'form.pdf');
    expect(text).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(text.issues).toEqual([expect.objectContaining({ field: 'file', code: 'UNSUPPORTED_FILE_TYPE' })]);
    const exe = await upload(server, clerk, 'OTHER', Buffer.from('MZ\x90\0\x03\0\0\0'), 'tool.docx');
    expect(exe.issues?.[0]).toMatchObject({ field: 'file', code: 'UNSUPPORTED_FILE_TYPE' });
    const zip = await upload(server, clerk, 'OTHER', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'archive.docx');
    expect(zip.issues?.[0]).toMatchObject({ field: 'file', code: 'UNSUPPORTED_FILE_TYPE' });
    const empty = await upload(server, clerk, 'OTHER', new Uint8Array(0), 'empty.pdf');
    expect(empty).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(empty.issues).toEqual([expect.objectContaining({ field: 'file', code: 'REQUIRED' })]);
    expect(filesUnder(filesDir).length).toBe(before);
  });

  it.each([
    ['a zip with only a word/ folder', zipWithWordFolder(), 'report.docx'],
    ['a DOCX with a ../ entry', docxPackage([{ name: '../../evil.sh', data: Buffer.from('#!/bin/sh') }]), 'a.docx'],
    ['a macro-enabled document', docxPackage([{ name: 'word/vbaProject.bin', data: Buffer.from('x') }]), 'm.docx'],
    ['an OLE file that is neither Word nor Excel', compoundFile(['__substg1.0_0037001F']), 'mail.xls'],
  ])('refuses %s as UNSUPPORTED_FILE_TYPE, storing nothing', async (_label, bytes, name) => {
    const before = filesUnder(filesDir).length;
    const result = await upload(server, await server.signIn('yf.clerk'), 'OTHER', bytes, name);
    expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(result.issues).toEqual([
      { field: 'file', code: 'UNSUPPORTED_FILE_TYPE', message: expect.stringContaining('DOC/DOCX') },
    ]);
    expect(filesUnder(filesDir).length).toBe(before);
  });

  it('only enterprise users upload; anonymous callers are UNAUTHENTICATED, officers FORBIDDEN', async () => {
    expect(await upload(server, null, 'OTHER', PDF)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await upload(server, await server.signIn('th.officer1'), 'OTHER', PDF)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('stores identical content once, under DATA_DIR/files by its SHA-256', async () => {
    const bytes = Buffer.from(`%PDF-1.4\n% unique ${Date.now()} ${Math.random()}\n%%EOF\n`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const before = filesUnder(filesDir);
    const first = await upload(server, await server.signIn('yf.clerk'), 'OTHER', bytes, 'a.pdf');
    const second = await upload(server, await server.signIn('ny.clerk'), 'PROJECT_REPORT', bytes, 'b.pdf');
    expect(first.material.id).not.toBe(second.material.id);
    const after = filesUnder(filesDir);
    expect(after.length).toBe(before.length + 1);
    const stored = after.filter((path) => !before.includes(path));
    expect(stored).toEqual([join(filesDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256)]);
    const rows = await server.running.app.db.material.findMany({ where: { sha256 } });
    expect(rows).toHaveLength(2);
    // each keeps its own name and kind
    expect(rows.map((row) => `${row.kind}:${row.fileName}`).sort()).toEqual(['OTHER:a.pdf', 'PROJECT_REPORT:b.pdf']);
  });

  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\windows\\system32\\evil.pdf', 'evil.pdf'],
    ['/absolute/path/x.pdf', 'x.pdf'],
    ['名称\u0000\u0007.pdf', '名称.pdf'],
    ['reports/2024/../../../secret.pdf', 'secret.pdf'],
  ])('sanitises the file name %j', async (name, expected) => {
    const result = await upload(server, await server.signIn('yf.clerk'), 'OTHER', PDF, name);
    expect(result.__typename, JSON.stringify(result)).toBe('UploadMaterialSuccess');
    expect(result.material.fileName).toBe(expected);
    const response = await download(result.material.downloadUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent(expected)}`,
    );
    for (const path of filesUnder(filesDir)) expect(path.startsWith(filesDir)).toBe(true);
  });

  describe('downloads', () => {
    let applicationId: string;
    let materialId: string;
    let uploaderUrl: string;
    let ownerToken: string;

    beforeAll(async () => {
      const enterprise = await createEnterprise(server);
      ownerToken = enterprise.token;
      const materialIds = await uploadRequired(server, enterprise.token);
      const draft = (await saveDraft(server, enterprise.token, { ...COMPLETE_DRAFT, materialIds })).accessApplication;
      const submitted = await transition(server, enterprise.token, 'submit', draft.id, draft.version);
      expect(submitted.accessApplication.status).toBe('PENDING_ACCEPTANCE');
      applicationId = draft.id;
      const materials = await server.gql(
        'query($id: ID!) { accessApplication(id: $id) { materials { id kind downloadUrl } } }',
        { id: applicationId },
        enterprise.token,
      );
      const first = materials.data?.accessApplication.materials[0];
      materialId = first.id;
      uploaderUrl = first.downloadUrl;
    });

    async function officerLink(username: string): Promise<string | null> {
      const result = await server.gql(
        'query($id: ID!) { accessApplication(id: $id) { materials { id downloadUrl } } }',
        { id: applicationId },
        await server.signIn(username),
      );
      return (
        result.data?.accessApplication?.materials.find((material: { id: string }) => material.id === materialId)
          ?.downloadUrl ?? null
      );
    }

    async function userIdOf(token: string): Promise<string> {
      return rawId((await server.gql('{ viewer { accountId } }', {}, token)).data?.viewer.accountId);
    }

    it('works for the uploader', async () => {
      expect((await download(uploaderUrl)).status).toBe(200);
    });

    it('works for a reviewing officer of the attached case (local and provincial)', async () => {
      for (const officer of ['th.officer2', 'gd.confirmer']) {
        const link = await officerLink(officer);
        expect(link, officer).toBeTruthy();
        const response = await download(link as string);
        expect(response.status, officer).toBe(200);
        expect(Buffer.from(await response.arrayBuffer()).toString()).toContain('%PDF');
      }
    });

    it("is 403 on another enterprise's user's signed link and for officers of other jurisdictions", async () => {
      const stranger = await server.signIn('ny.clerk');
      // querying as them gives them no link: the case and the material are invisible to them
      const viaCase = await server.gql(
        'query($id: ID!) { accessApplication(id: $id) { materials { downloadUrl } } }',
        { id: applicationId },
        stranger,
      );
      expect(viaCase.data?.accessApplication).toBeNull();
      const viaNode = await server.gql(
        'query($id: ID!) { node(id: $id) { ... on Material { downloadUrl } } }',
        { id: materialId },
        stranger,
      );
      const nodeLink: string | undefined = viaNode.data?.node?.downloadUrl;
      if (nodeLink) expect((await download(nodeLink)).status).toBe(403);
      // a correctly signed link for that user is still refused: the right is checked at download time
      const rawMaterialId = new URL(uploaderUrl, server.url).pathname.split('/').pop() as string;
      for (const token of [stranger, await server.signIn('hzq.officer1'), await server.signIn('sh.confirmer')]) {
        const link = server.running.app.files.signedUrl(rawMaterialId, await userIdOf(token));
        const response = await download(link);
        expect(response.status).toBe(403);
        expect(await response.text()).not.toContain('%PDF');
      }
      expect(await officerLink('hzq.officer1')).toBeNull();
    });

    it('is 403 on a tampered or expired signature', async () => {
      const url = new URL(uploaderUrl, server.url);
      const tamper = (mutate: (params: URLSearchParams) => void) => {
        const copy = new URL(url);
        mutate(copy.searchParams);
        return `${copy.pathname}${copy.search}`;
      };
      const signature = url.searchParams.get('s') as string;
      const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
      const ownerId = url.searchParams.get('u') as string;
      const otherId = await userIdOf(await server.signIn('ny.clerk'));
      const cases = [
        tamper((params) => params.set('s', flipped)),
        tamper((params) => params.set('s', '')),
        tamper((params) => params.delete('s')),
        tamper((params) => params.set('e', String(Number(params.get('e')) + 3600))),
        tamper((params) => params.set('u', otherId)),
        tamper((params) => params.set('e', 'soon')),
        `${url.pathname.replace(/[^/]+$/, 'cxxxxxxxxxxxxxxxxxxxxxxxxx')}${url.search}`,
      ];
      for (const link of cases) expect((await download(link)).status, link).toBe(403);
      const rawMaterialId = url.pathname.split('/').pop() as string;
      const expired = server.running.app.files.signedUrl(rawMaterialId, ownerId, -5);
      expect((await download(expired)).status).toBe(403);
      // the untampered link still works
      expect((await download(uploaderUrl)).status).toBe(200);
    });

    it('links are per viewer: the owner and an officer get different signed links to the same material', async () => {
      const ownerLink = (
        await server.gql(
          'query($id: ID!) { accessApplication(id: $id) { materials { id downloadUrl } } }',
          { id: applicationId },
          ownerToken,
        )
      ).data?.accessApplication.materials[0].downloadUrl;
      const officer = await officerLink('th.officer1');
      expect(new URL(ownerLink, server.url).pathname).toBe(new URL(officer as string, server.url).pathname);
      expect(new URL(ownerLink, server.url).searchParams.get('u')).not.toBe(
        new URL(officer as string, server.url).searchParams.get('u'),
      );
    });
  });
});
