// 身份鉴别 before anything else: a signed-in user whose password is temporary or past its maximum age may do nothing
// but read who they are, change the password and sign out; one whose role requires two factors and who has none
// yet may do nothing but that and set them up. Over every transport (HTTP, SSE, graphql-ws run these hooks alike),
// checked on the operation's root fields before any resolver runs, so no field can forget it.

import { messageFor, type PasswordChangeReason } from '@leqi/domain';
import { type ExecutionArgs, GraphQLError, getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context, Viewer } from '../context.ts';

/** What a caller who must change their password may still ask for. */
const PASSWORD_CHANGE_FIELDS = ['viewer', 'passwordPolicy', 'changePassword', 'signOut', 'demoUsers', '__typename'];
/** What a caller who must set up two factors may still ask for (their password may need changing too). */
const ENROLMENT_FIELDS = [...PASSWORD_CHANGE_FIELDS, 'beginTwoFactorEnrolment', 'confirmTwoFactorEnrolment'];

const REASON_WORDS: Record<PasswordChangeReason, { reasonZh: string; reasonEn: string }> = {
  TEMPORARY: { reasonZh: '密码由管理员设置或为临时密码，须由本人修改', reasonEn: 'it was set by an administrator' },
  EXPIRED: { reasonZh: '密码已超过最长使用期限', reasonEn: 'it is older than its maximum age' },
};

/** What the viewer must do first, with what stays open meanwhile; null when nothing. */
function pending(viewer: Viewer | null) {
  const reason = viewer?.password?.changeReason;
  if (reason) {
    return {
      open: new Set(PASSWORD_CHANGE_FIELDS),
      code: 'PASSWORD_CHANGE_REQUIRED' as const,
      params: REASON_WORDS[reason],
      extensions: { reason },
    };
  }
  if (viewer?.twoFactor?.required && !viewer.twoFactor.enabled) {
    return { open: new Set(ENROLMENT_FIELDS), code: 'TWO_FACTOR_ENROLMENT_REQUIRED' as const, extensions: {} };
  }
  return null;
}

function refusal(args: ExecutionArgs): GraphQLError | null {
  const context = args.contextValue as Context;
  const first = pending(context.viewer);
  if (!first) return null;
  const operation = getOperationAST(args.document, args.operationName);
  const open = operation?.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && first.open.has(selection.name.value),
  );
  if (open) return null;
  const { code, params, extensions } = first;
  return new GraphQLError(messageFor({ code, params }, context.locale), { extensions: { code, ...extensions } });
}

export function useAccountGate(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ data: null, errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
