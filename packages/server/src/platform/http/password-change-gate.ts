// 口令策略: a signed-in user whose password is temporary or past its maximum age may do nothing but read who they are,
// change the password and sign out, over every transport (HTTP, SSE, graphql-ws run these hooks alike). Checked on
// the operation's root fields, before any resolver runs, so no field can forget it.

import { messageFor, type PasswordChangeReason } from '@leqi/domain';
import { type ExecutionArgs, GraphQLError, getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';

/** What a caller who must change their password may still ask for. */
const OPEN_FIELDS = new Set(['viewer', 'passwordPolicy', 'changePassword', 'signOut', 'demoUsers', '__typename']);

const REASON_WORDS: Record<PasswordChangeReason, { reasonZh: string; reasonEn: string }> = {
  TEMPORARY: { reasonZh: '密码由管理员设置或为临时密码，须由本人修改', reasonEn: 'it was set by an administrator' },
  EXPIRED: { reasonZh: '密码已超过最长使用期限', reasonEn: 'it is older than its maximum age' },
};

function refusal(args: ExecutionArgs): GraphQLError | null {
  const context = args.contextValue as Context;
  const reason = context.viewer?.password?.changeReason;
  if (!reason) return null;
  const operation = getOperationAST(args.document, args.operationName);
  const open = operation?.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && OPEN_FIELDS.has(selection.name.value),
  );
  if (open) return null;
  const code = 'PASSWORD_CHANGE_REQUIRED';
  return new GraphQLError(messageFor({ code, params: REASON_WORDS[reason] }, context.locale), {
    extensions: { code, reason },
  });
}

export function usePasswordChangeGate(): Plugin {
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
