// Command line of the example ERP client:
//   LEQI_URL=http://localhost:4000 LEQI_TOKEN=lqk_… pnpm --filter @leqi/example-erp-client start -- <command>
// commands:
//   invite <rows.json> [idempotency-key]   upload invitations (a JSON array of InvitationRow, or of official records);
//                                          LEQI_PROOF_IDS=<material id>,… attaches relationship proof
//   status [STATUS] [page-size]            page through the sent invitations and their 接入状态
//   follow [cursor-file]                   print status changes live; resumes from the cursor saved in the file
//   unbind <uscc> [<uscc> …]               解除使用单位
import { readFile } from 'node:fs/promises';
import {
  allInvitationStatuses,
  type ClientConfig,
  followCaseEvents,
  type InvitationRow,
  type InvitationStatus,
  LeqiError,
  rowFromOfficial,
  unbindUseUnits,
  uploadInvitations,
} from './client.ts';

function configFromEnv(): ClientConfig {
  const url = process.env.LEQI_URL ?? 'http://localhost:4000';
  const token = process.env.LEQI_TOKEN;
  if (!token) throw new Error('set LEQI_TOKEN to an API token (lqk_…) created by an operator with createApiToken');
  return { url, token, locale: process.env.LEQI_LOCALE === 'en' ? 'en' : 'zh-CN' };
}

async function readRows(file: string): Promise<InvitationRow[]> {
  const records = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>[];
  return records.map((record) =>
    'relationshipCode' in record
      ? rowFromOfficial(record as Parameters<typeof rowFromOfficial>[0])
      : (record as unknown as InvitationRow),
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  const config = configFromEnv();
  switch (command) {
    case 'invite': {
      const [file, key] = args;
      if (!file) throw new Error('usage: invite <rows.json> [idempotency-key]');
      const rows = await readRows(file);
      // derive the key from the file when none is given: re-running the same upload is then harmless
      const idempotencyKey = key ?? `erp-${file}-${rows.length}`;
      // relationship proof uploaded by an operator (uploadMaterial): its material IDs, comma-separated
      const proofMaterialIds = process.env.LEQI_PROOF_IDS?.split(',').filter(Boolean);
      const result = await uploadInvitations(config, rows, {
        idempotencyKey,
        ...(proofMaterialIds ? { proofMaterialIds } : {}),
      });
      for (const invitation of result.succeeded)
        console.log(
          `OK   ${invitation.useUnitUscc} ${invitation.status} (${invitation.officialStatusCode}) ${invitation.id}`,
        );
      for (const failure of result.failed)
        console.log(`FAIL row ${failure.row} ${failure.uscc ?? ''} ${failure.code}: ${failure.message}`);
      return;
    }
    case 'status': {
      const [status, size] = args;
      const invitations = await allInvitationStatuses(config, {
        // an InvitationStatus value (PENDING_RESPONSE, CONFIRMED …); the server refuses any other string
        status: status && status !== 'ALL' ? (status as InvitationStatus) : null,
        pageSize: size ? Number(size) : 100,
      });
      for (const invitation of invitations)
        console.log(
          `${invitation.useUnitUscc} ${invitation.useUnitName} ${invitation.officialStatusCode} ${invitation.status}`,
        );
      console.log(`${invitations.length} invitations`);
      return;
    }
    case 'follow': {
      const cursorFile = args[0] ?? 'leqi-cursor.json';
      const follower = followCaseEvents(config, {
        cursorFile,
        onEvent: (event) =>
          console.log(
            `#${event.cursor} ${event.caseKind} ${event.caseId} ${event.event}: ${event.fromStatus ?? '-'} → ${event.toStatus ?? '-'}${event.reason ? ` (${event.reason})` : ''}`,
          ),
        onStatus: (status, detail) => {
          console.error(`[${status}] ${detail ?? ''}`);
          if (status === 'failed') process.exitCode = 1;
        },
      });
      process.on('SIGINT', () => void follower.close().then(() => process.exit(0)));
      await new Promise(() => undefined);
      return;
    }
    case 'unbind': {
      const result = await unbindUseUnits(config, args);
      for (const binding of result.unbound) console.log(`UNBOUND ${binding.useUnit.uscc}`);
      for (const failure of result.failed)
        console.log(`FAIL ${failure.uscc ?? ''} ${failure.code}: ${failure.message}`);
      return;
    }
    default:
      throw new Error(
        'commands: invite <rows.json> [key] | status [STATUS] [page-size] | follow [cursor-file] | unbind <uscc…>',
      );
  }
}

// `pnpm start -- invite …` hands the `--` over as well
const argv = process.argv.slice(2);
main(argv[0] === '--' ? argv.slice(1) : argv).catch((error: unknown) => {
  console.error(error instanceof LeqiError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
