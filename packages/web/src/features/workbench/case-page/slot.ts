import type { DocumentNode } from 'graphql';
import type { ReactNode } from 'react';
import type { ResultOf, TadaDocumentNode } from '../../../app/graphql.ts';
import type { I18n } from '../../../app/i18n.tsx';
import type { MessageKey } from '../../../app/messages.ts';
import type { DecidableCase } from '../DecisionPanel.tsx';

/** What the one case page shows of a case, whatever its kind: the header, the decisions and the kind's body. */
export interface CaseView {
  subject: DecidableCase;
  /** The case's status (the workflow's enum name): a finished case shows no time in step. */
  status: string;
  /** Words before the name in the header (直连单位退出申请 …); none for the access application. */
  titleKey?: MessageKey;
  name: string;
  statusTag: ReactNode;
  /** The 受理 → 复核 → 确认 steps, for the workflows that have them. */
  steps?: { status: string; statusLabel: string };
  /** Facts shown before 提交时间 in the header. */
  leadingFacts?: { label: string; value: ReactNode }[];
  submittedAt: string | null;
  stepEnteredAt: string;
  lastReason: string | null;
  /** The kind's decisions: the event of an availableAction → its mutation. */
  decisions: Readonly<Record<string, DocumentNode>>;
  statusLabels: Record<string, { zh: string; en: string }>;
  body: ReactNode;
}

/** A case kind's slot in the case page: its query and how its result becomes the page. */
export interface CaseSlot {
  query: DocumentNode;
  view: (data: unknown, i18n: I18n) => CaseView | null;
}

/** Declares a slot with the result type of its query; the page only sees the erased `CaseSlot`. */
// biome-ignore lint/suspicious/noExplicitAny: any document type is accepted here, the slot's view is typed by it
export function defineCaseSlot<D extends TadaDocumentNode<any, { id: string }>>(
  query: D,
  view: (data: ResultOf<D>, i18n: I18n) => CaseView | null,
): CaseSlot {
  return { query, view: (data, i18n) => view(data as ResultOf<D>, i18n) };
}
