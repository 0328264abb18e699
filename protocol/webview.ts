/**
 * Messages between the extension and its webviews. Every panel speaks a `ready`
 * handshake first, then receives its state and sends its actions; each panel declares
 * its state and the arguments of each of its actions in its own file beside this one
 * (build.ts, changeset.ts, deployment.ts, pipeline.ts, review.ts).
 */

/** webview → extension: the page has loaded and wants its state. */
export interface ReadyMessage {
  type: 'ready';
}

/** extension → webview: the whole state to render (panels re-render from it). */
export interface StateMessage<S> {
  type: 'state';
  state: S;
}

/** Any panel's action message, as the host side receives it before it knows the panel. */
export interface AnyActionMessage {
  type: 'action';
  action: string;
  args?: unknown;
}

/**
 * webview → extension: one action of a panel with the arguments declared for it.
 * `Args` maps each action name to its argument type; `undefined` means the action takes none.
 */
export type ActionMessage<Args> = {
  [A in keyof Args & string]: undefined extends Args[A] ? { type: 'action'; action: A; args?: Args[A] } : { type: 'action'; action: A; args: Args[A] };
}[keyof Args & string];

export type FromWebview<Args> = ReadyMessage | ActionMessage<Args>;

/** The subset of the webview API a panel script uses (acquireVsCodeApi()). */
export interface WebviewApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}
