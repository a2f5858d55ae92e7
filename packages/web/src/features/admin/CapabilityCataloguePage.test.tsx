import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { adminViewer } from './test-kit.ts';

const capability = (code: string, name: string, enabled = true) => ({
  __typename: 'Capability',
  code,
  name,
  isPublic: code === '100010',
  enabled,
  description: '',
});

describe('能力目录', () => {
  it('lists every capability, disabled ones too, and saves an edit', async () => {
    const sent: Record<string, unknown>[] = [];
    server.use(
      graphql.query('CapabilityCatalogue', () =>
        HttpResponse.json({
          data: {
            capabilityCatalogue: [
              capability('100010', '使用单位管理能力'),
              capability('209001', '数电发票下载能力', false),
            ],
          },
        }),
      ),
      graphql.mutation('SaveCapability', ({ variables }) => {
        sent.push(variables.input);
        return HttpResponse.json({
          data: {
            saveCapability: { __typename: 'SaveCapabilitySuccess', capability: capability('209001', '下载能力') },
          },
        });
      }),
    );
    renderApp('/admin/capabilities', { viewer: adminViewer });
    expect(await screen.findByText('数电发票下载能力', {}, { timeout: 20_000 })).toBeTruthy();
    expect(screen.getByText('已停用')).toBeTruthy();
    fireEvent.click(screen.getByTestId('edit-capability-209001'));
    const form = await screen.findByTestId('capability-form');
    fireEvent.change(within(form).getByLabelText('能力名称'), { target: { value: '下载能力' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ code: '209001', name: '下载能力', isPublic: false, enabled: false, description: '' });
  }, 60_000);
});
