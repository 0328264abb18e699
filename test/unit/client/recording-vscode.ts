/**
 * A stand-in for the `vscode` module so the client's command table and panels can be loaded
 * and driven in a plain Node test; importing this file installs it (a test file imports it
 * before any client module). Any API the modules touch at load time answers with a harmless
 * callable; the parts the tests look at (trust, notifications, registered and executed
 * commands, webview panels) are recorded in `recordedVscode`.
 */
import Module from 'node:module';

type Loose = ((...args: unknown[]) => unknown) & { [key: string]: unknown };

/** Anything: callable, constructible, every property another anything, awaitable to undefined. */
function anything(): Loose {
  const target = function () {} as unknown as Loose;
  return new Proxy(target, {
    get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : anything()),
    apply: () => anything(),
    construct: () => anything(),
  });
}

class EventEmitter<T> {
  private readonly listeners = new Set<(value: T) => void>();
  readonly event = (listener: (value: T) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** A webview panel the client created: its page's HTML, what the host posted, and a way to play the page. */
export interface RecordedPanel {
  viewType: string;
  title: string;
  html: string;
  posted: unknown[];
  /** Delivers a message as if the page had sent it. */
  fromPage(message: unknown): void;
  /** Closes the panel as the user would. */
  close(): void;
}

export const recordedVscode = {
  handlers: new Map<string, (...args: unknown[]) => Promise<unknown>>(),
  errors: [] as string[],
  trusted: false,
  panels: [] as RecordedPanel[],
  /** Commands run through `vscode.commands.executeCommand`, with their arguments. */
  executed: [] as unknown[][],
};

function createWebviewPanel(viewType: string, title: string): unknown {
  const received = new EventEmitter<unknown>();
  const disposed = new EventEmitter<void>();
  const recorded: RecordedPanel = {
    viewType,
    title,
    html: '',
    posted: [],
    fromPage: (message) => received.fire(message),
    close: () => disposed.fire(),
  };
  recordedVscode.panels.push(recorded);
  const webview = {
    cspSource: 'vscode-webview-resource:',
    asWebviewUri: (uri: unknown) => uri,
    postMessage: (message: unknown) => (recorded.posted.push(message), Promise.resolve(true)),
    onDidReceiveMessage: received.event,
    set html(html: string) {
      recorded.html = html;
    },
    get html() {
      return recorded.html;
    },
  };
  return {
    webview,
    onDidDispose: disposed.event,
    reveal: () => undefined,
    dispose: () => disposed.fire(),
    set title(text: string) {
      recorded.title = text;
    },
    get title() {
      return recorded.title;
    },
  };
}

/** Enough of `vscode.Uri` for the webview shell: a path that prints as itself. */
const Uri = {
  joinPath: (base: { fsPath?: string; path?: string }, ...parts: string[]) => {
    const joined = [base.fsPath ?? base.path ?? '', ...parts].join('/');
    return { fsPath: joined, path: joined, toString: () => joined };
  },
};

const api: Record<string, unknown> = {
  EventEmitter,
  Uri,
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  workspace: new Proxy({} as Record<string, unknown>, { get: (_t, key) => (key === 'isTrusted' ? recordedVscode.trusted : key === 'then' ? undefined : anything()) }),
  window: new Proxy({} as Record<string, unknown>, {
    get: (_t, key) =>
      key === 'showErrorMessage'
        ? (message: string) => {
            recordedVscode.errors.push(message);
            return Promise.resolve(undefined);
          }
        : key === 'createWebviewPanel'
          ? createWebviewPanel
          : key === 'then'
          ? undefined
          : anything(),
  }),
  commands: new Proxy({} as Record<string, unknown>, {
    get: (_t, key) =>
      key === 'registerCommand'
        ? (id: string, handler: (...args: unknown[]) => Promise<unknown>) => {
            recordedVscode.handlers.set(id, handler);
            return { dispose: () => recordedVscode.handlers.delete(id) };
          }
        : key === 'executeCommand'
          ? (...args: unknown[]) => (recordedVscode.executed.push(args), Promise.resolve(undefined))
          : key === 'then'
          ? undefined
          : anything(),
  }),
};
const vscode = new Proxy(api, { get: (t, key) => (key in t ? t[key as string] : key === 'then' || key === '__esModule' ? undefined : anything()) });

const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
