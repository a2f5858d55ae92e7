import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** The input of the DatePicker wrapped in `testId`. */
export const dayInput = (testId: string) => screen.getByTestId(testId).querySelector('input') as HTMLInputElement;

/** Types a day (YYYY-MM-DD) into the DatePicker wrapped in `testId` and confirms it with Enter. */
export async function pickDay(testId: string, day: string) {
  const user = userEvent.setup();
  const input = dayInput(testId);
  await user.click(input);
  await user.clear(input);
  await user.type(input, `${day}{Enter}`);
}

/** Opens the DatePicker wrapped in `testId` and returns its calendar's weekday heads. */
export async function weekdayHeads(testId: string): Promise<string[]> {
  await userEvent.setup().click(dayInput(testId));
  const popup = await waitFor(() => {
    const found = document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    if (!found) throw new Error('no calendar');
    return found;
  });
  return [...popup.querySelectorAll('thead th')].slice(0, 7).map((th) => th.textContent ?? '');
}
