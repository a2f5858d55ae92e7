import { type DomainError, domainError, type MessageParams } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';

export type ReviewKind = 'ACCESS_APPLICATION' | 'EXIT_APPLICATION' | 'INVITATION' | 'CAPABILITY_SUBSCRIPTION';
export const REVIEW_KINDS: readonly ReviewKind[] = [
  'ACCESS_APPLICATION',
  'EXIT_APPLICATION',
  'INVITATION',
  'CAPABILITY_SUBSCRIPTION',
];

/** 受理 / 复核 / 确认 */
export type ReviewStep = 'ACCEPTANCE' | 'REVIEW' | 'CONFIRMATION';
export const REVIEW_STEPS: readonly ReviewStep[] = ['ACCEPTANCE', 'REVIEW', 'CONFIRMATION'];
export const REVIEW_STEP_LABELS: Record<ReviewStep, { zh: string; en: string }> = {
  ACCEPTANCE: { zh: '受理', en: 'Acceptance' },
  REVIEW: { zh: '复核', en: 'Review' },
  CONFIRMATION: { zh: '确认', en: 'Confirmation' },
};

/** Who may fire an event, relative to the case (the server derives it from the actor and jurisdiction). */
export type Performer = 'OWNER_ENTERPRISE' | 'USE_UNIT' | 'LOCAL_OFFICER' | 'PROVINCIAL_OFFICER' | 'SYSTEM';
export const PERFORMERS: readonly Performer[] = [
  'OWNER_ENTERPRISE',
  'USE_UNIT',
  'LOCAL_OFFICER',
  'PROVINCIAL_OFFICER',
  'SYSTEM',
];

export interface TransitionRule<S extends string, E extends string> {
  /** null = creation */
  from: S | null;
  event: E;
  to: S;
  performer: Performer;
  needsReason: boolean;
  /** The officer must differ from the officer of the previous decision on this case. */
  fourEyes: boolean;
  /** Review step the `from` status belongs to (bureau events). */
  step?: ReviewStep;
  /** The GraphQL mutation that fires it, written out so that a search for the name finds the rule. */
  mutation?: string;
  /** Named side effects the server performs in the same transaction (e.g. activateDcu, revokeAuthorisations). */
  effects?: readonly string[];
}

export interface StatusInfo {
  zh: string;
  en: string;
  terminal: boolean;
  officialCode?: number;
  step?: ReviewStep;
}

export interface Workflow<S extends string, E extends string> {
  name: string;
  statuses: readonly S[];
  events: readonly E[];
  statusInfo: Record<S, StatusInfo>;
  transitions: readonly TransitionRule<S, E>[];
}

export type AnyWorkflow = Workflow<string, string>;

export const REASON_MAX_LENGTH = 500;

export function findTransition<S extends string, E extends string>(
  wf: Workflow<S, E>,
  from: S | null,
  event: E,
): TransitionRule<S, E> | undefined {
  return wf.transitions.find((rule) => rule.from === from && rule.event === event);
}

/** Events that can be fired from `from`, optionally only those open to `performer` (drives button lists). */
export function availableEvents<S extends string, E extends string>(
  wf: Workflow<S, E>,
  from: S,
  performer?: Performer,
): E[] {
  const events = wf.transitions
    .filter((rule) => rule.from === from && (performer === undefined || rule.performer === performer))
    .map((rule) => rule.event);
  return [...new Set(events)];
}

export interface DecisionContext<S extends string> {
  status: S | null;
  performer: Performer;
  actorUserId?: string;
  /** User who made the last bureau decision on this case. */
  previousDeciderUserId?: string | null;
  reason?: string | null;
}

function statusParams<S extends string, E extends string>(
  wf: Workflow<S, E>,
  status: S | null,
  event: E,
): MessageParams {
  if (status === null) return { status: 'NONE', event };
  const info = wf.statusInfo[status];
  return { status, event, statusZh: info.zh, statusEn: info.en };
}

/**
 * The one place a transition is allowed or refused. Checks, in order: a rule exists from the status;
 * the performer is the rule's; a reason is given where required (and not too long); four eyes.
 */
export function decide<S extends string, E extends string>(
  wf: Workflow<S, E>,
  event: E,
  ctx: DecisionContext<S>,
): Result<TransitionRule<S, E>> {
  const candidates = wf.transitions.filter((rule) => rule.from === ctx.status && rule.event === event);
  if (candidates.length === 0) return err(domainError('INVALID_TRANSITION', statusParams(wf, ctx.status, event)));
  const rule = candidates.find((candidate) => candidate.performer === ctx.performer);
  if (!rule) return err(domainError('FORBIDDEN', { event, performer: ctx.performer }));
  const reasonError = checkReason(rule.needsReason, ctx.reason);
  if (reasonError) return err(reasonError);
  if (
    rule.fourEyes &&
    ctx.actorUserId !== undefined &&
    ctx.previousDeciderUserId !== undefined &&
    ctx.previousDeciderUserId !== null &&
    ctx.actorUserId === ctx.previousDeciderUserId
  ) {
    return err(domainError('FOUR_EYES', { event }));
  }
  return ok(rule);
}

function checkReason(needsReason: boolean, reason: string | null | undefined): DomainError | null {
  const trimmed = (reason ?? '').trim();
  if (needsReason && trimmed.length === 0) return domainError('REASON_REQUIRED');
  if (trimmed.length > REASON_MAX_LENGTH) {
    return domainError('VALIDATION_FAILED', { max: REASON_MAX_LENGTH }, [
      { field: 'reason', code: 'TOO_LONG', params: { max: REASON_MAX_LENGTH } },
    ]);
  }
  return null;
}

export function stepOf<S extends string, E extends string>(wf: Workflow<S, E>, status: S): ReviewStep | undefined {
  return wf.statusInfo[status]?.step;
}

export function statusesForStep<S extends string, E extends string>(wf: Workflow<S, E>, step: ReviewStep): S[] {
  return wf.statuses.filter((status) => wf.statusInfo[status].step === step);
}

export function isTerminal<S extends string, E extends string>(wf: Workflow<S, E>, status: S): boolean {
  return wf.statusInfo[status].terminal;
}

export function isStatusOf<S extends string, E extends string>(wf: Workflow<S, E>, value: string): value is S {
  return (wf.statuses as readonly string[]).includes(value);
}

export function isEventOf<S extends string, E extends string>(wf: Workflow<S, E>, value: string): value is E {
  return (wf.events as readonly string[]).includes(value);
}

/** Folds events through the table ignoring performers (property tests, audit replay). */
export function replay<S extends string, E extends string>(
  wf: Workflow<S, E>,
  events: readonly E[],
  initial: S | null,
): Result<S> {
  let status: S | null = initial;
  for (const event of events) {
    const rule = findTransition(wf, status, event);
    if (!rule) return err(domainError('INVALID_TRANSITION', statusParams(wf, status, event)));
    status = rule.to;
  }
  if (status === null) return err(domainError('INVALID_TRANSITION', { status: 'NONE', event: 'NONE' }));
  return ok(status);
}

/** Statuses reachable from creation by following the table. */
export function reachableStatuses<S extends string, E extends string>(wf: Workflow<S, E>): Set<S> {
  const reached = new Set<S>();
  const queue: (S | null)[] = [null];
  while (queue.length > 0) {
    const from = queue.shift() as S | null;
    for (const rule of wf.transitions) {
      if (rule.from === from && !reached.has(rule.to)) {
        reached.add(rule.to);
        queue.push(rule.to);
      }
    }
  }
  return reached;
}

/** Shorthand used by the workflow files to keep their tables readable. */
export function rule<S extends string, E extends string>(
  from: S | null,
  event: E,
  to: S,
  performer: Performer,
  options: {
    needsReason?: boolean;
    fourEyes?: boolean;
    step?: ReviewStep;
    mutation?: string;
    effects?: readonly string[];
  } = {},
): TransitionRule<S, E> {
  const result: TransitionRule<S, E> = {
    from,
    event,
    to,
    performer,
    needsReason: options.needsReason ?? false,
    fourEyes: options.fourEyes ?? false,
  };
  if (options.step !== undefined) result.step = options.step;
  if (options.mutation !== undefined) result.mutation = options.mutation;
  if (options.effects !== undefined && options.effects.length > 0) result.effects = options.effects;
  return result;
}
