// The GraphQL examples of a Markdown guide (docs/api.md), taken out of its fenced blocks mechanically so that every
// example, a new one included, is validated and run: the curl commands of ```bash blocks (`-d '…'`, a `-d @-`
// heredoc, or the `-F operations='…'` of a multipart upload), the `subscribe` frames of graphql-ws in ```json
// blocks, ```graphql documents, and the documented responses of ```json blocks, each paired with the request it
// answers. Anything in those blocks that cannot be read is an error, never skipped.
import { Kind, type OperationDefinitionNode, parse } from 'graphql';

export type Transport = 'http' | 'multipart' | 'ws';
/** Whose credential the request carries: the operator's session (`$SESSION_TOKEN`), the API token, or none. */
export type Credential = 'session' | 'token' | 'none';

export interface DocResponse {
  /** 1-based line of the guide where the response starts */
  line: number;
  body: any;
}

export interface DocExample {
  /** 1-based line of the guide where the request starts */
  line: number;
  /** the heading the example sits under */
  section: string;
  transport: Transport;
  credential: Credential;
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  operationType: 'query' | 'mutation' | 'subscription';
  /** the response keys of the operation's top-level selection */
  rootFields: string[];
  /** multipart: the `map` of the request and the names of the files sent (`-F 0=@name`) */
  map?: Record<string, string[]>;
  files?: Record<string, string>;
  /** the documented responses, in the guide's order */
  responses: DocResponse[];
}

export class DocParseError extends Error {}

const fail = (line: number, message: string): never => {
  throw new DocParseError(`docs line ${line}: ${message}`);
};

interface Block {
  lang: string;
  /** line of the first line inside the fence */
  line: number;
  lines: string[];
  section: string;
}

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let section = '';
  let open: Block | null = null;
  for (const [index, text] of lines.entries()) {
    const fence = /^```\s*([\w-]*)\s*$/.exec(text);
    if (open) {
      if (fence && fence[1] === '') {
        blocks.push(open);
        open = null;
      } else open.lines.push(text);
    } else if (fence) {
      open = { lang: fence[1] ?? '', line: index + 2, lines: [], section };
    } else {
      const heading = /^#{1,6}\s+(.*)$/.exec(text);
      if (heading) section = (heading[1] ?? '').trim();
    }
  }
  if (open) fail(open.line - 1, 'unclosed code fence');
  return blocks;
}

interface Command {
  line: number;
  words: string[];
  heredoc?: string;
}

/** Shell words of a bash block: quotes, backslash line continuations and one `<<'WORD'` heredoc per command. */
function commandsOf(block: Block): Command[] {
  const commands: Command[] = [];
  let index = 0;
  while (index < block.lines.length) {
    const line = block.line + index;
    let text = block.lines[index] ?? '';
    index += 1;
    while (/\\\s*$/.test(text) && index < block.lines.length) {
      text = `${text.replace(/\\\s*$/, ' ')}${block.lines[index]}`;
      index += 1;
    }
    const words: string[] = [];
    let heredocTag: string | null = null;
    let at = 0;
    while (at < text.length) {
      const char = text[at] as string;
      if (/\s/.test(char)) {
        at += 1;
        continue;
      }
      if (char === '#') break;
      const heredoc = /^<<-?\s*(['"]?)(\w+)\1/.exec(text.slice(at));
      if (heredoc) {
        heredocTag = heredoc[2] as string;
        at += heredoc[0].length;
        continue;
      }
      let word = '';
      while (at < text.length && !/\s/.test(text[at] as string)) {
        const c = text[at] as string;
        if (c === "'") {
          const end = text.indexOf("'", at + 1);
          if (end < 0) fail(line, 'unterminated single quote');
          word += text.slice(at + 1, end);
          at = end + 1;
        } else if (c === '"') {
          let end = at + 1;
          while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
          if (end >= text.length) fail(line, 'unterminated double quote');
          word += text.slice(at + 1, end).replace(/\\(["\\$`])/g, '$1');
          at = end + 1;
        } else if (c === '\\') {
          word += text[at + 1] ?? '';
          at += 2;
        } else {
          word += c;
          at += 1;
        }
      }
      words.push(word);
    }
    let heredocBody: string | undefined;
    if (heredocTag) {
      const body: string[] = [];
      while (index < block.lines.length && block.lines[index] !== heredocTag) {
        body.push(block.lines[index] as string);
        index += 1;
      }
      if (index >= block.lines.length) fail(line, `heredoc ${heredocTag} is not closed`);
      index += 1;
      heredocBody = body.join('\n');
    }
    if (words.length > 0)
      commands.push({ line, words, ...(heredocBody !== undefined ? { heredoc: heredocBody } : {}) });
  }
  return commands;
}

/** The JSON values one after another in a text (a block may hold several documents or frames). */
export function jsonValuesOf(text: string, line: number): { line: number; value: any }[] {
  const values: { line: number; value: any }[] = [];
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at] as string)) {
      at += 1;
      continue;
    }
    const open = text[at];
    if (open !== '{' && open !== '[')
      fail(line, `expected a JSON object, found ${JSON.stringify(text.slice(at, at + 20))}`);
    const start = at;
    let depth = 0;
    let inString = false;
    for (; at < text.length; at += 1) {
      const c = text[at];
      if (inString) {
        if (c === '\\') at += 1;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') {
        depth -= 1;
        if (depth === 0) break;
      }
    }
    const slice = text.slice(start, at + 1);
    const startLine = line + (text.slice(0, start).match(/\n/g)?.length ?? 0);
    try {
      values.push({ line: startLine, value: JSON.parse(slice) });
    } catch (error) {
      fail(startLine, `not JSON: ${(error as Error).message}`);
    }
    at += 1;
  }
  return values;
}

function operationOf(query: string, operationName: string | undefined, line: number): OperationDefinitionNode {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(query);
  } catch (error) {
    return fail(line, `the query does not parse: ${(error as Error).message}`);
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  return operation ?? fail(line, 'no single operation to run');
}

function example(base: Omit<DocExample, 'operationType' | 'rootFields' | 'responses'>, body: any): DocExample {
  if (!body || typeof body.query !== 'string') fail(base.line, 'the request has no "query" string');
  const operation = operationOf(base.query, base.operationName, base.line);
  const rootFields = operation.selectionSet.selections.map((selection) =>
    selection.kind === Kind.FIELD
      ? (selection.alias ?? selection.name).value
      : fail(base.line, 'top-level fragments are not supported in examples'),
  );
  return { ...base, operationType: operation.operation, rootFields, responses: [] };
}

function credentialOf(authorization: string | undefined, line: number): Credential {
  if (authorization === undefined) return 'none';
  if (/^Bearer \$SESSION_TOKEN$/i.test(authorization)) return 'session';
  if (/^Bearer (\$LEQI_TOKEN|lqk_…)$/i.test(authorization)) return 'token';
  return fail(line, `unknown credential ${authorization}`);
}

function parseJsonArgument(text: string, line: number): any {
  const values = jsonValuesOf(text, line);
  if (values.length !== 1) fail(line, 'expected one JSON document');
  return values[0]?.value;
}

function curlExample(command: Command, section: string): DocExample | null {
  const { words, line } = command;
  if (words[0] !== 'curl') return null;
  let authorization: string | undefined;
  let body: any;
  let transport: Transport = 'http';
  let map: Record<string, string[]> | undefined;
  const files: Record<string, string> = {};
  let url = '';
  for (let at = 1; at < words.length; at += 1) {
    const word = words[at] as string;
    const next = () => {
      at += 1;
      return words[at] ?? fail(line, `${word} without a value`);
    };
    if (word === '-H' || word === '--header') {
      const header = next();
      const [name, ...rest] = header.split(':');
      if (name?.trim().toLowerCase() === 'authorization') authorization = rest.join(':').trim();
    } else if (word === '-d' || word === '--data' || word === '--data-raw' || word === '--data-binary') {
      const data = next();
      const text = data === '@-' ? (command.heredoc ?? fail(line, '-d @- without a heredoc')) : data;
      body = parseJsonArgument(text, line);
    } else if (word === '-F' || word === '--form') {
      transport = 'multipart';
      const field = next();
      const eq = field.indexOf('=');
      const [name, value] = [field.slice(0, eq), field.slice(eq + 1)];
      if (name === 'operations') body = parseJsonArgument(value, line);
      else if (name === 'map') map = parseJsonArgument(value, line);
      else if (value.startsWith('@')) files[name] = value.slice(1);
      else fail(line, `unknown form field ${name}`);
    } else if (/\/graphql\b/.test(word)) url = word;
    else if (word.startsWith('-') && !['-s', '--silent', '-S', '-i'].includes(word))
      fail(line, `unknown curl option ${word}`);
  }
  if (!url) return null;
  if (body === undefined) fail(line, 'curl to /graphql without a JSON body');
  if (transport === 'multipart' && (!map || Object.keys(files).length === 0))
    fail(line, 'multipart without map or file');
  return example(
    {
      line,
      section,
      transport,
      credential: credentialOf(authorization, line),
      query: body.query,
      variables: body.variables ?? {},
      ...(body.operationName ? { operationName: body.operationName } : {}),
      ...(map ? { map, files } : {}),
    },
    body,
  );
}

/** The top-level fields a documented response answers: its data keys, or the first path element of its errors. */
export function answeredFields(response: any, line: number): string[] {
  if (response.data && typeof response.data === 'object') return Object.keys(response.data);
  const paths = (response.errors ?? []).map((error: any) => error.path?.[0]).filter(Boolean);
  return paths.length > 0 ? paths : fail(line, 'a response without data or error paths answers nothing');
}

/** Every example of the guide with its documented responses. */
export function examplesOf(markdown: string): DocExample[] {
  const examples: DocExample[] = [];
  for (const block of blocksOf(markdown)) {
    if (block.lang === 'bash' || block.lang === 'sh' || block.lang === 'shell') {
      for (const command of commandsOf(block)) {
        const found = curlExample(command, block.section);
        if (found) examples.push(found);
        else if (command.words.some((word) => /\/graphql\b/.test(word))) {
          fail(command.line, 'a command names /graphql but is not a curl request the tests can read');
        }
      }
    } else if (block.lang === 'graphql') {
      const query = block.lines.join('\n');
      examples.push(
        example(
          { line: block.line, section: block.section, transport: 'http', credential: 'token', query, variables: {} },
          { query },
        ),
      );
    } else if (block.lang === 'json') {
      let wsCredential: Credential = 'none';
      for (const { line, value } of jsonValuesOf(block.lines.join('\n'), block.line)) {
        if (value?.type === 'connection_init') {
          wsCredential = credentialOf(value.payload?.authorization, line);
        } else if (value?.type === 'subscribe') {
          examples.push(
            example(
              {
                line,
                section: block.section,
                transport: 'ws',
                credential: wsCredential,
                query: value.payload?.query,
                variables: value.payload?.variables ?? {},
                ...(value.payload?.operationName ? { operationName: value.payload.operationName } : {}),
              },
              value.payload,
            ),
          );
        } else if (value && typeof value === 'object' && ('data' in value || 'errors' in value)) {
          const fields = answeredFields(value, line);
          const request = [...examples]
            .reverse()
            .find((candidate) => fields.every((field) => candidate.rootFields.includes(field)));
          if (!request) fail(line, `no request before this response asks for ${fields.join(', ')}`);
          request?.responses.push({ line, body: value });
        } else fail(line, 'a JSON block holds something that is neither a request frame nor a response');
      }
    }
  }
  return examples;
}
