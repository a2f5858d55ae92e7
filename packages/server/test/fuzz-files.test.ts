// Hostile files through uploadMaterial (multipart): polyglots, lying extensions, just-over-the-cap sizes, zip
// bombs, path-traversal and odd names, empty files and broken multipart requests. Each is refused with a typed
// error or stored safely: content-addressed under DATA_DIR/files, the shown name sanitised, and served with the
// sniffed Content-Type, a Content-Disposition carrying only the encoded name, and nosniff.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { buildZip } from './invitation-import.workbooks.ts';
import { docxPackage, zipWithWordFolder } from './office-files.ts';

const CAP_MB = 1;
const CAP = CAP_MB * 1024 * 1024;
const pdf = (extra = '') => Buffer.from(`%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\n${extra}\n%%EOF\n`);
const jpeg = (extra: string) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from(`JFIF\0${extra}`),
    Buffer.from([0xff, 0xd9]),
  ]);
// a DOCX in every respect but one 60 MB part of zeros (was accepted: any zip containing `word/` passed as DOCX)
const bomb = docxPackage([{ name: 'word/media/zeros.bin', data: Buffer.alloc(60 * 1024 * 1024) }]);
const traversal = docxPackage([{ name: '../../../../tmp/evil.sh', data: Buffer.from('#!/bin/sh\nrm -rf /\n') }]);

type Expect = { accepted: string } | { refused: string; code?: string; message?: string };
const FILES: [label: string, bytes: Buffer, name: string, expected: Expect][] = [
  [
    'PDF + ZIP polyglot',
    Buffer.concat([pdf(), buildZip([{ name: 'word/x.xml', data: Buffer.from('x') }])]),
    'poly.pdf',
    { accepted: 'application/pdf' },
  ],
  [
    'ZIP + PDF polyglot (zip first)',
    Buffer.concat([buildZip([{ name: 'a.txt', data: Buffer.from('a') }]), pdf()]),
    'poly.zip',
    { refused: 'UNSUPPORTED_FILE_TYPE' },
  ],
  [
    'JPEG carrying HTML and script',
    jpeg('<html><script>alert(document.cookie)</script></html>'),
    'photo.html',
    { accepted: 'image/jpeg' },
  ],
  [
    'SVG with an onload script',
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    'logo.svg',
    { refused: 'UNSUPPORTED_FILE_TYPE' },
  ],
  [
    'HTML named .pdf',
    Buffer.from('<!doctype html><script>alert(1)</script>'),
    'form.pdf',
    { refused: 'UNSUPPORTED_FILE_TYPE' },
  ],
  [
    'ELF executable named .png',
    Buffer.from('\x7fELF\x02\x01\x01\0'),
    'image.png',
    { refused: 'UNSUPPORTED_FILE_TYPE' },
  ],
  [
    'shell script named .docx',
    Buffer.from('#!/bin/sh\nrm -rf /\n'),
    'report.docx',
    { refused: 'UNSUPPORTED_FILE_TYPE' },
  ],
  ['PDF named .exe', pdf(), 'setup.exe', { accepted: 'application/pdf' }],
  ['zip bomb posing as .docx (a 60 MB part of zeros)', bomb, 'bomb.docx', { refused: 'UNSUPPORTED_FILE_TYPE' }],
  ['DOCX with a path-traversal entry', traversal, 'evil.docx', { refused: 'UNSUPPORTED_FILE_TYPE' }],
  ['zip with only a word/ folder named .docx', zipWithWordFolder(), 'fake.docx', { refused: 'UNSUPPORTED_FILE_TYPE' }],
  [
    'well-formed DOCX',
    docxPackage(),
    'report.docx',
    { accepted: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  ],
  [
    'exactly at the cap',
    Buffer.concat([pdf(), Buffer.alloc(CAP - pdf().length, 0x20)]),
    'cap.pdf',
    { accepted: 'application/pdf' },
  ],
  [
    'one byte over the cap',
    Buffer.concat([pdf(), Buffer.alloc(CAP - pdf().length + 1, 0x20)]),
    'over.pdf',
    { refused: 'OUT_OF_RANGE', code: 'LIMIT_EXCEEDED', message: `文件过大：单个文件不能超过 ${CAP_MB} MB` },
  ],
  ['empty file', Buffer.alloc(0), 'empty.pdf', { refused: 'REQUIRED' }],
];

const NAMES: [label: string, name: string][] = [
  ['path traversal', '../../etc/passwd'],
  ['Windows path', 'C:\\Windows\\System32\\evil.pdf'],
  ['NUL byte', 'a\u0000b.pdf'],
  ['1 KB name', `${'长'.repeat(1024)}.pdf`],
  ['RTL override', 'invoice\u202Efdp.exe'],
  ['header injection', 'a"\r\nX-Injected: 1.pdf'],
  ['only dots', '..'],
  ['HTML in the name', '<img src=x onerror=alert(1)>.pdf'],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe(`hostile files (${databaseKind()})`, () => {
  let server: TestServer;
  let clerk: string;
  let filesDir: string;
  beforeAll(async () => {
    server = await startTestServer({ MAX_UPLOAD_MB: String(CAP_MB) });
    clerk = await server.signIn('yf.clerk');
    filesDir = join(server.running.app.config.dataDir, 'files');
  });
  afterAll(async () => server?.close());

  async function expectSafelyServed(material: { downloadUrl: string; fileName: string }, mimeType: string) {
    const response = await fetch(`${server.url}${material.downloadUrl}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(mimeType);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^(inline|attachment); filename\*=UTF-8''[A-Za-z0-9%!'()*._~-]*$/);
    expect(response.headers.get('x-injected')).toBeNull();
    await response.arrayBuffer();
  }

  it.each(FILES)('%s', async (_label, bytes, name, expected) => {
    const started = Date.now();
    const result = await upload(server, clerk, 'OTHER', bytes, name);
    expect(Date.now() - started).toBeLessThan(10_000);
    if ('accepted' in expected) {
      expect(result.__typename, JSON.stringify(result).slice(0, 300)).toBe('UploadMaterialSuccess');
      expect(result.material).toMatchObject({ mimeType: expected.accepted, size: bytes.length });
      await expectSafelyServed(result.material, expected.accepted);
    } else {
      expect(result.__typename).toBe('ValidationError');
      if (expected.code) expect(result.code).toBe(expected.code);
      if (expected.message) expect(result.message).toBe(expected.message);
      expect(result.issues).toEqual([expect.objectContaining({ field: 'file', code: expected.refused })]);
    }
  });

  it.each(NAMES)('a file name with %s is stored sanitised and served with an encoded name', async (_label, name) => {
    const result = await upload(server, clerk, 'OTHER', pdf(`% ${name.length}`), name);
    expect(result.__typename, JSON.stringify(result).slice(0, 300)).toBe('UploadMaterialSuccess');
    const stored: string = result.material.fileName;
    expect(stored).not.toMatch(/[/\\\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThanOrEqual(200);
    await expectSafelyServed(result.material, 'application/pdf');
  });

  it('stores every accepted file content-addressed inside DATA_DIR/files, nothing elsewhere', () => {
    const files = filesUnder(filesDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file.slice(filesDir.length)).toMatch(/^[/][0-9a-f/]+(\.\w+)?$/);
  });

  const multipart = async (parts: [string, string | Blob, string?][], headers: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [field, value, fileName] of parts) {
      if (typeof value === 'string') form.append(field, value);
      else form.append(field, value, fileName);
    }
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'x-leqi-csrf': '1', authorization: `Bearer ${clerk}`, ...headers },
      body: form,
    });
    const text = await response.text();
    expect(response.status, text).toBeLessThan(500);
    expect(text).not.toMatch(/node_modules|\.ts:\d+|Unexpected error|\bat \S+ \(/);
    const body = JSON.parse(text);
    const codes = [
      ...(body.errors ?? []).map((error: { extensions?: { code?: string } }) => error.extensions?.code),
      body.data?.uploadMaterial?.code,
    ].filter(Boolean);
    return { status: response.status, body, codes, text };
  };
  const operations = JSON.stringify({
    query:
      'mutation($f: Upload!) { uploadMaterial(input: {file: $f, kind: OTHER}) { __typename ... on Error { code } } }',
    variables: { f: null },
  });
  const file = () => new Blob([new Uint8Array(pdf())]);

  it.each([
    [
      'no map',
      [
        ['operations', operations],
        ['0', file(), 'a.pdf'],
      ],
    ],
    [
      'map that is not JSON',
      [
        ['operations', operations],
        ['map', '{0:'],
        ['0', file(), 'a.pdf'],
      ],
    ],
    [
      'operations that are not JSON',
      [
        ['operations', '{"query":'],
        ['map', '{"0":["variables.f"]}'],
        ['0', file(), 'a.pdf'],
      ],
    ],
    [
      'map pointing at a missing part',
      [
        ['operations', operations],
        ['map', '{"0":["variables.f"]}'],
      ],
    ],
    [
      'map pointing at a wrong path',
      [
        ['operations', operations],
        ['map', '{"0":["variables.nope.deep"]}'],
        ['0', file(), 'a.pdf'],
      ],
    ],
    [
      'file given as a plain field',
      [
        ['operations', operations],
        ['map', '{"0":["variables.f"]}'],
        ['0', 'not a file'],
      ],
    ],
    [
      'sixty files for one variable',
      [
        ['operations', operations],
        ['map', JSON.stringify(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [String(i), ['variables.f']])))],
        ...Array.from({ length: 60 }, (_, i) => [String(i), file(), `${i}.pdf`] as [string, Blob, string]),
      ],
    ],
    ['no operations at all', [['0', file(), 'a.pdf']]],
  ] as [string, [string, string | Blob, string?][]][])(
    'multipart with %s: a typed error or one stored file, never a 5xx',
    async (_label, parts) => {
      const { codes, body, text } = await multipart(parts);
      if (body.data?.uploadMaterial?.__typename !== 'UploadMaterialSuccess')
        expect(codes.length, text).toBeGreaterThan(0);
    },
  );

  it('a multipart upload with a bearer credential needs no preflight header; without one it is refused with a typed 403', async () => {
    const upload = (headers: Record<string, string>) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers,
        body: (() => {
          const form = new FormData();
          form.append('operations', operations);
          form.append('map', '{"0":["variables.f"]}');
          form.append('0', file(), 'a.pdf');
          return form;
        })(),
      });
    const withToken = await upload({ authorization: `Bearer ${clerk}` });
    expect(withToken.status).toBe(200);
    expect((await withToken.json()).data.uploadMaterial.__typename).toBe('UploadMaterialSuccess');
    const anonymous = await upload({});
    expect(anonymous.status).toBe(403);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('CSRF_HEADER_MISSING');
  });
});
