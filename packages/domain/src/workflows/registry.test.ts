import { describe, expect, it } from 'vitest';
import { isFinishedCase, REVIEW_KIND_WORKFLOWS } from './registry.ts';

describe('isFinishedCase', () => {
  it('follows each workflow’s terminal statuses', () => {
    expect(isFinishedCase('ACCESS_APPLICATION', 'CONFIRMED')).toBe(true);
    expect(isFinishedCase('EXIT_APPLICATION', 'CONFIRMED')).toBe(true);
    expect(isFinishedCase('INVITATION', 'UNBOUND')).toBe(true);
    expect(isFinishedCase('ACCESS_APPLICATION', 'PENDING_REVIEW')).toBe(false);
    expect(isFinishedCase('INVITATION', 'PENDING_RESPONSE')).toBe(false);
    for (const [kind, workflow] of Object.entries(REVIEW_KIND_WORKFLOWS)) {
      for (const status of workflow.statuses) {
        const info = (workflow.statusInfo as Record<string, { terminal: boolean }>)[status];
        expect(isFinishedCase(kind as keyof typeof REVIEW_KIND_WORKFLOWS, status)).toBe(info?.terminal);
      }
    }
  });

  it('an unknown status is not finished', () => {
    expect(isFinishedCase('ACCESS_APPLICATION', 'NO_SUCH_STATUS')).toBe(false);
  });
});
