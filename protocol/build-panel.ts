/**
 * Messages of the build detail webview (webviews/build), beside the shared
 * `ready`/`state`/`action` shapes of ./webview.
 */
import type { BuildRecord } from '../runtime/builds/records';
import type { ActionMessage, StateMessage } from './webview';

/** extension → webview: the build to show (re-sent whenever its record changes). */
export interface BuildPanelState {
  record: BuildRecord;
  /** True while this editor window can stop it. */
  canStop: boolean;
}

/** webview → extension: what the panel's buttons ask for. */
export type BuildPanelAction = 'openLog' | 'revealArtifacts' | 'rerun' | 'stop';

export type BuildPanelToWebview = StateMessage<BuildPanelState>;
export type BuildPanelFromWebview = { type: 'ready' } | ActionMessage<BuildPanelAction>;
