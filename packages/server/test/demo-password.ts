// Test-made accounts (fixtures, and the demo accounts of this run's database images) store the demo password at a
// low scrypt cost. Signing in runs the same code (verification reads the cost from the stored hash) at a sixteenth
// of the CPU: at the product's cost, sign-ins were the largest single CPU item of the server suite (docs/test-speed.md).
// Passwords the product sets itself keep PASSWORD_COST (passwords.test.ts).
import { hashPassword, type ScryptCost } from '../src/platform/auth/passwords.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';

export const TEST_PASSWORD_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

let demoHash: Promise<string> | undefined;

/** One hash of the demo password for every account a test makes. */
export function demoPasswordHash(): Promise<string> {
  demoHash ??= hashPassword(DEMO_PASSWORD, TEST_PASSWORD_COST);
  return demoHash;
}
