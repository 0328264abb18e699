/**
 * The page side of `client/common/state-panel.ts`: the `ready` handshake, the state the
 * extension posts, and actions sent with the argument type their protocol file declares.
 */
import type { ActionMessage, ReadyMessage, StateMessage, WebviewApi } from '../../protocol/webview';

/** The arguments of action `A`: none when its declared type is `undefined`, else that type. */
export type ArgsOf<Args, A extends keyof Args> = undefined extends Args[A] ? [args?: Args[A]] : [args: Args[A]];

/** A function that sends one of the page's actions with its own arguments. */
export function actionSender<Args>(api: WebviewApi<unknown>): <A extends keyof Args & string>(action: A, ...args: ArgsOf<Args, A>) => void {
  return (action, ...args) => api.postMessage({ type: 'action', action, args: args[0] } as ActionMessage<Args>);
}

/** Renders every state the extension posts, then says `ready` (the extension answers with the current state). */
export function connect<S>(api: WebviewApi<unknown>, onState: (state: S) => void): void {
  window.addEventListener('message', (event: MessageEvent<StateMessage<S>>) => {
    if (event.data?.type === 'state') onState(event.data.state);
  });
  api.postMessage({ type: 'ready' } satisfies ReadyMessage);
}
