import { Alert } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * What the server refused when a form was sent or an action was taken: an error banner that screen readers announce
 * at once (role="alert"). Nothing is drawn while there is no problem, so a form places it unconditionally; inside
 * antd's Space place it only when there is one (Space gives every child a slot, and an empty slot still adds a gap).
 */
export function FormProblem({ problem, testId, style }: { problem: ReactNode; testId: string; style?: CSSProperties }) {
  if (problem === null || problem === undefined || problem === false || problem === '') return null;
  return <Alert type="error" showIcon role="alert" title={problem} data-testid={testId} style={style} />;
}
