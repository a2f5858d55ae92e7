// Every example of docs/api.md against a real server (issue 18, item 7). The examples are taken out of the guide's
// fenced blocks mechanically (docs-examples.ts): each curl request, multipart upload and graphql-ws `subscribe`
// frame, with the documented responses that follow it. Each operation must validate against the schema, and each
// one runs, exactly as documented, on a test server with the demo data; the documented response's shape must be
// in the actual one: object keys, `__typename`s, array elements, non-null values of the same JSON type and the
// `code`s of documented errors (ids, times, cursors and names may differ).
//
// How the guide's run is reproduced, and the substitutions made (the operation text never changes):
// - `$SESSION_TOKEN` is the token of the documented `signIn`, `$LEQI_TOKEN` the token of the documented
//   `createApiToken` (both run first).
// - A documented ID in a request's variables (a token, proof material, invitation or binding ID) is replaced by the ID the
//   test server gave where the guide's response shows that ID; the example that gives it runs first (so the
//   proof upload runs before the invitation that names it).
// - The operator's token examples (`apiTokens`, `revokeApiToken`) run after all token examples: the guide's
//   responses were captured then (the token shows `lastUsedAt`; it is the token the other examples use).
// - The subscription's `after` (a cursor of the guide's database) becomes the end of this database's stream when it
//   subscribes; the event documented as pushed must then arrive while the other examples run.
// - A second documented response of one request (§6: the same idempotency key with another body) runs the variant
//   VARIANTS describes.
// LEQI_DOCS_PRINT=1 prints every answer and the time each example took (to refresh the guide's responses from).
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverableEnd } from '../src/platform/events/cursor.ts';
import { schema } from '../src/schema.ts';
import { type DocExample, type DocResponse, examplesOf } from './docs-examples.ts';
import { PDF } from './fixtures.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { sleep, subscribeTo, type TestSubscription } from './ws-client.ts';

const DOC = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
/** the guide has at least these many examples (a parser that silently finds fewer fails) */
const AT_LEAST = 15;

let examples: DocExample[] = [];
let parseError: unknown = null;
try {
  examples = examplesOf(DOC);
} catch (error) {
  parseError = error;
}

const label = (example: DocExample) => `docs/api.md:${example.line} ${example.rootFields.join(', ')}`;

/** The string values under ID-like keys (`id`, `…Id`, `token`) of a documented response. */
function documentedIds(value: unknown, key = '', into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) documentedIds(item, key, into);
  else if (value && typeof value === 'object') {
    for (const [name, inner] of Object.entries(value)) documentedIds(inner, name, into);
  } else if (typeof value === 'string' && (key === 'id' || /Id$/.test(key) || key === 'token')) into.add(value);
  return into;
}

function stringsOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (value && typeof value === 'object') for (const inner of Object.values(value)) stringsOf(inner, into);
  else if (typeof value === 'string') into.push(value);
  return into;
}

const kindOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/**
 * Where `actual` lacks the documented shape: every documented key present, `__typename` and `code` equal, a
 * non-null documented value non-null and of the same JSON type, array elements compared with the documented
 * element at the same place (or the last one); a documented list of coded items (errors, failed rows, issues)
 * must have as many items.
 */
function shapeProblems(documented: unknown, actual: unknown, path = '$'): string[] {
  if (documented === null) return [];
  if (kindOf(actual) !== kindOf(documented)) {
    return [`${path}: documented ${kindOf(documented)} ${JSON.stringify(documented)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(documented)) {
    const items = actual as unknown[];
    const problems: string[] = [];
    if (documented.length > 0 && items.length === 0) problems.push(`${path}: documented items, got none`);
    const coded = documented.some((item) => item && typeof item === 'object' && 'code' in item);
    if (coded && items.length !== documented.length) {
      problems.push(`${path}: documented ${documented.length} items, got ${items.length}: ${JSON.stringify(items)}`);
    }
    if (documented.length === 0) return problems;
    for (const [index, item] of items.entries()) {
      const model = documented[Math.min(index, documented.length - 1)];
      problems.push(...shapeProblems(model, item, `${path}[${index}]`));
    }
    return problems;
  }
  if (documented && typeof documented === 'object') {
    const object = actual as Record<string, unknown>;
    const problems: string[] = [];
    for (const [key, inner] of Object.entries(documented)) {
      if (!(key in object)) {
        problems.push(`${path}.${key}: documented, missing`);
        continue;
      }
      if ((key === '__typename' || key === 'code') && object[key] !== inner) {
        problems.push(`${path}.${key}: documented ${JSON.stringify(inner)}, got ${JSON.stringify(object[key])}`);
      }
      problems.push(...shapeProblems(inner, object[key], `${path}.${key}`));
    }
    return problems;
  }
  return [];
}

/** Documented ID → this server's ID, from documented and actual responses side by side. */
function recordIds(documented: unknown, actual: unknown, key: string, into: Map<string, string>) {
  if (Array.isArray(documented) && Array.isArray(actual)) {
    for (const [index, item] of documented.entries()) recordIds(item, actual[index], key, into);
  } else if (documented && typeof documented === 'object' && actual && typeof actual === 'object') {
    for (const [name, inner] of Object.entries(documented)) {
      recordIds(inner, (actual as Record<string, unknown>)[name], name, into);
    }
  } else if (
    typeof documented === 'string' &&
    typeof actual === 'string' &&
    (key === 'id' || /Id$/.test(key) || key === 'token') &&
    !into.has(documented)
  ) {
    into.set(documented, actual);
  }
}

function substitute(value: unknown, ids: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, ids));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, substitute(inner, ids)]));
  }
  return typeof value === 'string' ? (ids.get(value) ?? value) : value;
}

/**
 * The run order: the examples that give the credentials, then those of API tokens and anonymous callers, then the
 * operator's (session) examples; within each, the guide's order, an example after those whose documented response
 * shows an ID it sends. Subscriptions are opened before the token examples and checked after them.
 */
function runOrder(all: DocExample[]): { phases: DocExample[][]; subscriptions: DocExample[] } {
  const http = all.filter((example) => example.transport !== 'ws');
  const gives = (example: DocExample) =>
    example.credential !== 'token' &&
    (example.rootFields.includes('signIn') || example.rootFields.includes('createApiToken'));
  const phaseOf = (example: DocExample) => (gives(example) ? 0 : example.credential === 'session' ? 2 : 1);
  const produced = new Map(
    http.map((example) => [example, new Set(example.responses.flatMap((r) => [...documentedIds(r.body)]))]),
  );
  const dependencies = (example: DocExample) => {
    const sent = new Set(stringsOf(example.variables));
    return http.filter((other) => other !== example && [...(produced.get(other) ?? [])].some((id) => sent.has(id)));
  };
  const ordered: DocExample[] = [];
  const visiting = new Set<DocExample>();
  const visit = (example: DocExample) => {
    if (ordered.includes(example)) return;
    if (visiting.has(example)) throw new Error(`${label(example)}: examples depend on each other`);
    visiting.add(example);
    for (const dependency of dependencies(example)) {
      if (phaseOf(dependency) > phaseOf(example)) {
        throw new Error(`${label(example)} needs an ID from ${label(dependency)}, which runs later`);
      }
      visit(dependency);
    }
    ordered.push(example);
  };
  const phases = [0, 1, 2].map((phase) => {
    const before = ordered.length;
    for (const example of http.filter((candidate) => phaseOf(candidate) === phase)) visit(example);
    return ordered.slice(before);
  });
  return { phases, subscriptions: all.filter((example) => example.transport === 'ws') };
}

/** A documented response beyond a request's first, and how the request is varied to give it. */
const VARIANTS: Record<string, (variables: any) => { variables: any; first?: 'same-result' }> = {
  // §6: re-sending the §3.2 batch under its key gives the first result again; the same key with another body
  // (here: the first row only) is DUPLICATE
  'inviteUseUnits:DUPLICATE': (variables) => ({
    variables: { input: { ...variables.input, invitations: variables.input.invitations.slice(0, 1) } },
    first: 'same-result',
  }),
};

const variantKey = (example: DocExample, response: DocResponse) => {
  const field = example.rootFields[0] as string;
  const answer = response.body.data?.[field] ?? response.body.errors?.[0]?.extensions;
  return `${field}:${answer?.code ?? answer?.__typename}`;
};

describe('docs/api.md examples against a real server', () => {
  let server: TestServer;
  const ids = new Map<string, string>();
  const credentials: { session?: string; token?: string } = {};
  const subscriptions = new Map<DocExample, { subscription: TestSubscription; after: bigint }>();
  const timings: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const { subscription } of subscriptions.values()) await subscription.close();
    await server?.close();
    if (process.env.LEQI_DOCS_PRINT) console.info(`docs/api.md examples:\n${timings.join('\n')}`);
  });

  it(`finds at least ${AT_LEAST} examples, every one readable and answering what its responses answer`, () => {
    expect(parseError).toBeNull();
    expect(examples.length).toBeGreaterThanOrEqual(AT_LEAST);
    // every kind of example the guide shows is found
    expect(new Set(examples.map((example) => example.transport))).toEqual(new Set(['http', 'multipart', 'ws']));
    expect(examples.filter((example) => example.responses.length > 0).length).toBeGreaterThanOrEqual(AT_LEAST - 1);
  });

  for (const example of examples) {
    it(`${label(example)} validates against the schema`, () => {
      expect(validate(schema, parse(example.query)).map((error) => error.message)).toEqual([]);
    });
  }

  const credentialOf = (example: DocExample): string | undefined => {
    if (example.credential === 'none') return undefined;
    const credential = credentials[example.credential];
    if (!credential) throw new Error(`${label(example)}: no ${example.credential} credential from an earlier example`);
    return credential;
  };

  async function send(example: DocExample, variables: Record<string, unknown>) {
    const credential = credentialOf(example);
    const authorization: Record<string, string> = credential ? { authorization: `Bearer ${credential}` } : {};
    const operation = {
      query: example.query,
      variables,
      ...(example.operationName ? { operationName: example.operationName } : {}),
    };
    let response: Response;
    if (example.transport === 'multipart') {
      // as the guide sends it: the token is the only header (no CSRF preflight header)
      const form = new FormData();
      form.append('operations', JSON.stringify(operation));
      form.append('map', JSON.stringify(example.map));
      for (const [name, fileName] of Object.entries(example.files ?? {})) form.append(name, new Blob([PDF]), fileName);
      response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: authorization, body: form });
    } else {
      response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization },
        body: JSON.stringify(operation),
      });
    }
    const body = (await response.json()) as any;
    return { status: response.status, body };
  }

  function expectShape(example: DocExample, documented: DocResponse, actual: unknown) {
    const problems = shapeProblems(documented.body, actual);
    expect(
      problems,
      `${label(example)}: response at docs/api.md:${documented.line}\n${JSON.stringify(actual)}`,
    ).toEqual([]);
  }

  async function runExample(example: DocExample) {
    const started = performance.now();
    const variables = substitute(example.variables, ids) as Record<string, any>;
    const { status, body } = await send(example, variables);
    // LEQI_DOCS_PRINT=1 prints what the server answered, to refresh the guide's responses from
    if (process.env.LEQI_DOCS_PRINT) console.info(`${label(example)}\n${JSON.stringify(body)}`);
    expect(status, JSON.stringify(body)).toBe(200);
    const [first, ...others] = example.responses;
    if (first) {
      expectShape(example, first, body);
      recordIds(first.body, body, '', ids);
    } else {
      // no documented response: it must simply work
      expect(body.errors, JSON.stringify(body)).toBeUndefined();
      for (const field of example.rootFields) expect(body.data?.[field]?.__typename ?? '').not.toMatch(/Error$/);
    }
    if (body.data?.signIn?.token) credentials.session = body.data.signIn.token;
    if (body.data?.createApiToken?.token) credentials.token = body.data.createApiToken.token;
    for (const documented of others) {
      const key = variantKey(example, documented);
      const variant = VARIANTS[key];
      if (!variant) throw new Error(`${label(example)}: no variant reproduces the response at line ${documented.line}`);
      const varied = variant(variables);
      if (varied.first === 'same-result') {
        const again = await send(example, variables);
        expect(again.body, 'the same request again gives the first result').toEqual(body);
      }
      const answered = await send(example, varied.variables);
      expect(answered.status).toBe(200);
      expectShape(example, documented, answered.body);
    }
    timings.push(`  ${label(example)}: ${Math.round(performance.now() - started)} ms`);
  }

  const { phases, subscriptions: subscribed } = runOrder(examples.length > 0 ? examples : []);
  const [givers = [], tokenExamples = [], sessionExamples = []] = phases;

  for (const example of givers) it(`${label(example)} runs as documented`, () => runExample(example));

  for (const example of subscribed) {
    it(`${label(example)} subscribes as documented`, async () => {
      // the guide's `after` is a cursor of its own database: here, the end of the stream now
      const after = await deliverableEnd(server.running.app.db);
      const variables = { ...example.variables, ...('after' in example.variables ? { after: String(after) } : {}) };
      const subscription = subscribeTo(server.url, credentialOf(example) ?? null, example.query, variables);
      subscriptions.set(example, { subscription, after });
      await subscription.connected;
    });
  }

  for (const example of tokenExamples) it(`${label(example)} runs as documented`, () => runExample(example));

  for (const example of subscribed) {
    it(`${label(example)} pushes the documented events`, async () => {
      const open = subscriptions.get(example);
      if (!open) throw new Error('not subscribed');
      const { subscription, after } = open;
      const field = example.rootFields[0] as string;
      const wanted = example.responses.map((response) => response.body.data?.[field]);
      expect(wanted.length, 'a documented event').toBeGreaterThan(0);
      // the events the other examples caused: wait until one like each documented event has come
      const deadline = Date.now() + 10_000;
      const matches = (documented: any) => (event: any) => event.event === documented.event;
      while (
        subscription.errors.length === 0 &&
        !wanted.every((documented) => subscription.events.some(matches(documented))) &&
        Date.now() < deadline
      ) {
        await sleep(20);
      }
      if (process.env.LEQI_DOCS_PRINT) console.info(`${label(example)}\n${JSON.stringify(subscription.events)}`);
      expect(subscription.errors).toEqual([]);
      for (const [index, documented] of wanted.entries()) {
        const response = example.responses[index] as DocResponse;
        const event = subscription.events.find(matches(documented));
        expect(event, `an event ${documented.event}: ${JSON.stringify(subscription.events)}`).toBeDefined();
        expectShape(example, response, { data: { [field]: event } });
      }
      // every other event has the documented fields too, and comes after the cursor subscribed with
      for (const event of subscription.events) {
        expect(Object.keys(event).sort()).toEqual(Object.keys(wanted[0]).sort());
        expect(BigInt(event.cursor)).toBeGreaterThan(after);
      }
      await subscription.close();
      subscriptions.delete(example);
    });
  }

  for (const example of sessionExamples) it(`${label(example)} runs as documented`, () => runExample(example));
});
