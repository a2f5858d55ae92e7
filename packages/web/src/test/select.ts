import { fireEvent, screen, waitFor } from '@testing-library/react';

/**
 * Picks an option of an antd Select: opens its dropdown (antd listens to mousedown on the selector) and clicks the
 * option with that text in this Select's own dropdown. `testId` is the Select's data-testid.
 */
export async function chooseOption(testId: string, optionText: string) {
  const root = screen.getByTestId(testId);
  const input = root.querySelector('input');
  fireEvent.mouseDown(root.querySelector('.ant-select-selector') ?? input ?? root);
  const option = await waitFor(() => {
    const listId = input?.getAttribute('aria-controls') ?? input?.getAttribute('aria-owns');
    const popup = (listId && document.getElementById(listId)?.closest('.ant-select-dropdown')) || document;
    const found = [...popup.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (o) => o.getAttribute('title') === optionText || o.textContent === optionText,
    );
    if (!found) throw new Error(`option ${optionText} not shown`);
    return found;
  });
  fireEvent.click(option);
}

/** The option texts of the dropdown of the Select `testId` (open it first). */
export function shownOptions(testId: string): string[] {
  const input = screen.getByTestId(testId).querySelector('input');
  const listId = input?.getAttribute('aria-controls') ?? '';
  const popup = document.getElementById(listId)?.closest('.ant-select-dropdown') ?? document;
  return [...popup.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent ?? '');
}
