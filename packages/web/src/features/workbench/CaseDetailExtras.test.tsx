import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessApplication, officerViewer } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import type { Material } from '../access-application/api.ts';

const officer = officerViewer();
const material = (id: string, fileName: string, mimeType: string, kind: Material['kind'] = 'PROJECT_REPORT') => ({
  id,
  kind,
  fileName,
  mimeType,
  size: 1024,
  createdAt: new Date().toISOString(),
  downloadUrl: `/files/${id}?u=1&e=1&s=abc`,
});
const application = accessApplication({
  id: 'QWNjZXNzQXBwbGljYXRpb246Nw==',
  status: 'PENDING_ACCEPTANCE',
  materials: [
    material('mat-pdf', '项目报告.pdf', 'application/pdf'),
    material('mat-png', '网络地址备案表.png', 'image/png', 'NETWORK_ADDRESS_FORM'),
    material(
      'mat-doc',
      '协议书.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'SERVICE_AGREEMENT',
    ),
  ],
});

describe('case detail: material preview and earlier applications', () => {
  beforeAll(async () => {
    await Promise.all([import('./case-page/CasePage.tsx'), import('./WorkbenchShell.tsx')]);
  }, 60_000);

  it('previews PDFs in a frame and images inline from their signed links; other files only download', async () => {
    server.use(
      graphql.query('AccessApplicationCase', () => HttpResponse.json({ data: { accessApplication: application } })),
    );
    renderApp(`/workbench/cases/${encodeURIComponent(application.id)}`, { viewer: officer });
    await screen.findByTestId('material-preview', {}, { timeout: 15_000 });
    expect(screen.queryByTestId('preview-mat-doc')).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('preview-mat-pdf'));
    expect(screen.getByTestId('preview-pdf').getAttribute('src')).toBe('/files/mat-pdf?u=1&e=1&s=abc');
    await user.click(screen.getByTestId('preview-mat-png'));
    expect(screen.queryByTestId('preview-pdf')).toBeNull();
    expect(screen.getByTestId('preview-image').getAttribute('src')).toBe('/files/mat-png?u=1&e=1&s=abc');
    await user.click(screen.getByTestId('preview-mat-png'));
    expect(screen.queryByTestId('preview-pane')).toBeNull();
  });

  it("lists the enterprise's earlier applications with status, date and reason", async () => {
    const asked: unknown[] = [];
    server.use(
      graphql.query('AccessApplicationCase', () => HttpResponse.json({ data: { accessApplication: application } })),
      graphql.query('EarlierApplications', ({ variables }) => {
        asked.push(variables.id);
        return HttpResponse.json({
          data: {
            node: {
              __typename: 'AccessApplication',
              id: variables.id,
              earlierApplications: [
                {
                  __typename: 'AccessApplication',
                  id: 'old-1',
                  status: 'NOT_ACCEPTED',
                  statusLabel: '不予受理',
                  submittedAt: '2026-03-02T02:00:00.000Z',
                  lastReason: '材料不全',
                },
              ],
            },
          },
        });
      }),
    );
    renderApp(`/workbench/cases/${encodeURIComponent(application.id)}`, { viewer: officer });
    const list = await screen.findByTestId('earlier-applications');
    expect(list.textContent).toContain('不予受理');
    expect(list.textContent).toContain('材料不全');
    expect(list.textContent).toContain('2026-03-02');
    await waitFor(() => expect(asked).toEqual([application.id]));
  });
});
