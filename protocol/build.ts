/**
 * Messages of the build detail page (webviews/build). The page speaks the `ready`
 * handshake of ./webview.ts, then receives BuildViewState and sends BuildAction.
 */
import type { BuildRecord } from '../runtime/builds/records';
import type { ActionMessage, FromWebview, StateMessage } from './webview';

/** extension → webview: the build to show (re-sent whenever its record changes). */
export interface BuildViewState {
  record: BuildRecord;
  /** True while this editor window can stop it. */
  canStop: boolean;
}

/** What the page's buttons ask for; none takes arguments (the panel knows its build). */
export interface BuildActionArgs {
  openLog: undefined;
  revealArtifacts: undefined;
  rerun: undefined;
  stop: undefined;
}

export type BuildActionName = keyof BuildActionArgs;
export type BuildAction = ActionMessage<BuildActionArgs>;
export type BuildToWebview = StateMessage<BuildViewState>;
export type BuildFromWebview = FromWebview<BuildActionArgs>;
