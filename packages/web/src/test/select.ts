import { fireEvent, screen, waitFor } from '@testing-library/react';

/**
 * Picks an option of an antd Select: opens its dropdown (antd listens to mousedown on the selector) and clicks the
 * option with that text. `testId` is the Select's data-testid.
 */
export async function chooseOption(testId: string, optionText: string) {
  const root = screen.getByTestId(testId);
  const trigger = root.querySelector('.ant-select-selector, input') ?? root;
  fireEvent.mouseDown(trigger);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (o) => o.getAttribute('title') === optionText || o.textContent === optionText,
    );
    if (!found) throw new Error(`option ${optionText} not shown`);
    return found;
  });
  fireEvent.click(option);
}
