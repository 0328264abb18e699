/**
 * Custom LSP messages between the Slipway client and server. Each is defined once
 * here (method + type) with the side that sends it, as vscode-eslint does.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export type DocumentKind = 'template' | 'buildspec' | 'appspec' | 'pipeline';

export interface DocumentKindParams {
  uri: string;
  /** null when the document is none of Slipway's kinds. */
  kind: DocumentKind | null;
}

/** server → client: the kind the server detected for an open document (name and content). */
export namespace DocumentKindNotification {
  export const method = 'slipway/documentKind';
  export const type = new NotificationType<DocumentKindParams>(method);
}

export interface ValidateFilesParams {
  /** Absolute file-system paths; directories are walked. */
  paths: string[];
}

export interface FileFinding {
  uri: string;
  line: number;
  character: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

export interface ValidateFilesResult {
  filesChecked: number;
  findings: FileFinding[];
}

/** client → server: validate files on disk (the "Validate Workspace" command), open or not. */
export namespace ValidateFilesRequest {
  export const method = 'slipway/validateFiles';
  export const type = new RequestType<ValidateFilesParams, ValidateFilesResult, void>(method);
}

/** Initialization options the client passes to the server. */
export interface ServerInitializationOptions {
  /** Rule ids (or prefixes) the user never wants to see (`slipway.validation.ignoreChecks`). */
  ignoreChecks?: string[];
}

/** client → server: settings changed (ignore list). */
export namespace ConfigurationNotification {
  export const method = 'slipway/configuration';
  export const type = new NotificationType<ServerInitializationOptions>(method);
}
