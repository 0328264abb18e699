/**
 * Messages between the extension and its webviews. Every panel speaks a
 * `ready` handshake first; each panel's own messages are declared beside these.
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

/** webview → extension: run one of the panel's actions (approve, execute, open a log…). */
export interface ActionMessage<A extends string = string> {
  type: 'action';
  action: A;
  args?: Record<string, unknown>;
}

export type ToWebview<S> = StateMessage<S>;
export type FromWebview<A extends string = string> = ReadyMessage | ActionMessage<A>;

/** The subset of the webview API a panel script uses (acquireVsCodeApi()). */
export interface WebviewApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}
