import { readFileSync } from 'node:fs';
import { URL as NodeURL } from 'node:url';
import { buildSchema, type DocumentNode, Kind, validate, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { collectDocuments } from '../../scripts/persisted-operations.ts';
import * as accessApplication from '../features/access-application/api.ts';
import * as auth from '../features/auth/api.ts';
import * as capabilities from '../features/capabilities/api.ts';
import * as exit from '../features/exit/api.ts';
import * as invitations from '../features/invitations/api.ts';
import * as invitationImports from '../features/invitations/import-api.ts';
import * as webhooks from '../features/webhooks/api.ts';
import * as workbench from '../features/workbench/api.ts';
import * as decisions from '../features/workbench/case-page/decisions.ts';
import * as claims from '../features/workbench/claims-api.ts';
import * as live from '../ui/useLiveRefresh.ts';
import * as viewer from './viewer.ts';

// (node's URL: happy-dom's global URL cannot point at a file.) The committed API (schema.graphql, printed from the
// server, use-unit types included): every operation the UI sends must validate against it.
const contract = buildSchema(readFileSync(new NodeURL('../../../../schema.graphql', import.meta.url), 'utf8'));

function operations(): [string, DocumentNode][] {
  const found: [string, DocumentNode][] = [];
  for (const mod of [
    accessApplication,
    auth,
    capabilities,
    exit,
    invitations,
    invitationImports,
    workbench,
    claims,
    live,
    viewer,
    webhooks,
  ] as Record<string, unknown>[]) {
    for (const [name, value] of Object.entries(mod)) {
      const doc = value as DocumentNode;
      if (doc?.kind === 'Document' && doc.definitions.some((d) => d.kind === 'OperationDefinition')) {
        found.push([name, doc]);
      }
    }
  }
  for (const [kind, table] of Object.entries(decisions))
    for (const [event, document] of Object.entries(table)) found.push([`${kind}.${event}`, document]);
  return found;
}

describe('GraphQL operations', () => {
  const all = operations();
  it('covers every operation the UI uses', () => {
    expect(all.length).toBeGreaterThanOrEqual(55);
  });
  it.each(all)('%s validates against schema.graphql', (_name, doc) => {
    expect(validate(contract, doc).map((e) => e.message)).toEqual([]);
  });
});

describe('refusals of mutation payloads', () => {
  it('are selected by the one ErrorFields fragment: no document spells out its own ValidationError issues', async () => {
    const written: string[] = [];
    let sharing = 0;
    for (const document of await collectDocuments()) {
      if (document.definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === 'ErrorFields'))
        sharing += 1;
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === 'ErrorFields') continue;
        if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
        visit(definition, {
          enter: (node) => {
            if (node.kind === Kind.INLINE_FRAGMENT && node.typeCondition?.name.value === 'ValidationError')
              written.push(definition.name?.value ?? '?');
          },
        });
      }
    }
    expect([...new Set(written)]).toEqual([]);
    // the 17 payload selections folded into it (admin, sign-in, exit, capabilities, access application, invitations)
    expect(sharing).toBeGreaterThanOrEqual(17);
  });
});
