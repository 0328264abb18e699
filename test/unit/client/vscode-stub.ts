/**
 * A stand-in for the `vscode` module so the client's command table can be loaded and
 * driven in a plain Node test. Any API the modules touch at load time answers with a
 * harmless callable; the parts the tests look at (trust, notifications, registered
 * commands) are recorded in `vscodeStub`.
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

export const vscodeStub = {
  handlers: new Map<string, (...args: unknown[]) => Promise<unknown>>(),
  errors: [] as string[],
  trusted: false,
};

const api: Record<string, unknown> = {
  EventEmitter,
  workspace: new Proxy({} as Record<string, unknown>, { get: (_t, key) => (key === 'isTrusted' ? vscodeStub.trusted : key === 'then' ? undefined : anything()) }),
  window: new Proxy({} as Record<string, unknown>, {
    get: (_t, key) =>
      key === 'showErrorMessage'
        ? (message: string) => {
            vscodeStub.errors.push(message);
            return Promise.resolve(undefined);
          }
        : key === 'then'
          ? undefined
          : anything(),
  }),
  commands: new Proxy({} as Record<string, unknown>, {
    get: (_t, key) =>
      key === 'registerCommand'
        ? (id: string, handler: (...args: unknown[]) => Promise<unknown>) => {
            vscodeStub.handlers.set(id, handler);
            return { dispose: () => vscodeStub.handlers.delete(id) };
          }
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
