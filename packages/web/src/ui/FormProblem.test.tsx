import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FormProblem } from './FormProblem.tsx';

describe('FormProblem', () => {
  it('draws nothing while there is no problem', () => {
    for (const problem of [null, undefined, false, '']) {
      const { container, unmount } = render(<FormProblem problem={problem} testId="form-error" />);
      expect(container.innerHTML).toBe('');
      unmount();
    }
  });

  it('announces the problem as an alert, under its test id, with the given spacing', () => {
    render(<FormProblem problem="该邀请已被处理" testId="form-error" style={{ marginTop: 16 }} />);
    const banner = screen.getByTestId('form-error');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('该邀请已被处理');
    expect(banner.style.marginTop).toBe('16px');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });
});
