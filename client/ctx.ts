import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ConfigurationNotification, DocumentKindNotification, type DocumentKind, type ServerInitializationOptions } from '../protocol/lsp';
import { StateStore, resolveStateHome } from '../runtime/common/state';
import { changeShowsInViews } from '../runtime/common/state-changes';
import { Config } from './config';

/** The documents Slipway's server looks at: YAML and JSON files (it decides the kind itself). */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'cloudformation' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'untitled', language: 'json' },
];

/**
 * Owns the extension's lifecycle: the language client, the state store, the log
 * and what the views listen to. Commands and views are built from it.
 */
export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly log: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly kinds = new Map<string, DocumentKind | null>();
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** Fires when what the views show may have changed under the state home (the CLI and the extension share it). */
  readonly onDidChangeState = this.stateChanged.event;
  private readonly kindChanged = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when the server says a document's kind (template, buildspec, appspec, pipeline, none). */
  readonly onDidChangeDocumentKind = this.kindChanged.event;
  private watcher: vscode.FileSystemWatcher | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Slipway', { log: true });
    this.disposables.push(this.log, this.stateChanged, this.kindChanged);
  }

  get workspaceRoot(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  get stateHome(): string {
    return resolveStateHome({ configured: this.config.home || undefined, root: this.workspaceRoot ?? this.extension.globalStorageUri.fsPath });
  }

  store(): StateStore {
    return new StateStore(this.stateHome);
  }

  /** The kind the server detected for a document, if it has said. */
  kindOf(uri: vscode.Uri): DocumentKind | null | undefined {
    return this.kinds.get(uri.toString());
  }

  async start(): Promise<void> {
    this.watchStateHome();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (Config.affects(event, 'home')) this.watchStateHome();
        if (Config.affects(event, 'validation.ignoreChecks')) {
          void this.client?.sendNotification(ConfigurationNotification.type, this.serverOptions());
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateKindContext()),
    );
    await this.startClient();
  }

  private serverOptions(): ServerInitializationOptions {
    return { ignoreChecks: this.config.ignoreChecks };
  }

  private async startClient(): Promise<void> {
    const module = this.extension.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      initializationOptions: this.serverOptions(),
      outputChannel: this.log,
    };
    this.client = new LanguageClient('slipway', 'Slipway Language Server', serverOptions, clientOptions);
    this.client.onNotification(DocumentKindNotification.type, ({ uri, kind }) => {
      this.kinds.set(uri, kind);
      this.updateKindContext();
      this.kindChanged.fire(vscode.Uri.parse(uri));
    });
    const started = Date.now();
    await this.client.start();
    this.log.info(`language server ready in ${Date.now() - started} ms`);
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  private updateKindContext(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const kind = uri ? (this.kinds.get(uri.toString()) ?? null) : null;
    void vscode.commands.executeCommand('setContext', 'slipway.documentKind', kind);
  }

  private watchStateHome(): void {
    this.watcher?.dispose();
    const pattern = new vscode.RelativePattern(vscode.Uri.file(this.stateHome), '**/*');
    this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
    let timer: NodeJS.Timeout | undefined;
    const home = this.stateHome;
    const fire = (uri: vscode.Uri) => {
      if (!changeShowsInViews(home, uri.fsPath)) return;
      clearTimeout(timer);
      timer = setTimeout(() => this.stateChanged.fire(), 100);
    };
    this.watcher.onDidCreate(fire);
    this.watcher.onDidChange(fire);
    this.watcher.onDidDelete(fire);
  }

  /** Tells views to reload now (after an operation this process ran). */
  refresh(): void {
    this.stateChanged.fire();
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  async stop(): Promise<void> {
    await this.client?.stop();
    this.dispose();
  }
}
