import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import './all-features';
import {
  ConfigurationNotification,
  DocumentKindNotification,
  ValidateFilesRequest,
  type ServerInitializationOptions,
  type FileFinding,
} from '../protocol/lsp';
import { isRuleIgnored, type Diagnostic } from '../runtime/common/diagnostics';
import { collectFiles, validateFile } from '../runtime/validate';
import { AnalysisCache } from './documents';
import { guardDocumentNotifications } from './document-guard';
import { featuresFor, type FeatureRequest } from './features';
import { URI } from './uri';

const connection = createServerConnection();

/**
 * Over stdio the server reads the framing itself: a message it cannot frame (a bad or
 * missing Content-Length, a body that is not JSON) leaves the stream at an unknown place,
 * so rather than hang without answering it says why on stderr and exits (the editor
 * restarts it). Other transports (the extension's IPC) carry whole messages.
 */
function createServerConnection() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((error) => {
    process.stderr.write(`slipway language server: unreadable message on stdin (${error.message.replace(/\s*\n\s*/g, ' | ')}); closing the connection\n`);
    process.exit(1);
  });
  // A body shorter than its Content-Length leaves the reader waiting; nothing arriving for the
  // reader's partial-message timeout (10 s) means the framing is lost.
  reader.onPartialMessage((info) => {
    process.stderr.write(`slipway language server: a message stayed incomplete for ${info.waitingTime} ms (its Content-Length is larger than its body); closing the connection\n`);
    process.exit(1);
  });
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}
const documents = new TextDocuments(TextDocument);
const analyses = new AnalysisCache();
let ignoreChecks: string[] = [];

/**
 * Diagnostics follow a keystroke at once unless the document was analysed very recently;
 * then they wait until as long as that analysis took has passed (within these bounds), and
 * the keystrokes in between are analysed together. Small templates update on every key; a
 * large one typed into fast never takes more than about half a core.
 */
const MIN_DIAGNOSTICS_GAP_MS = 10;
const MAX_DIAGNOSTICS_GAP_MS = 150;
/** When each document's diagnostics were last published (performance.now()). */
const lastPublished = new Map<string, number>();
const pending = new Map<string, NodeJS.Timeout>();

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as ServerInitializationOptions;
  ignoreChecks = options.ignoreChecks ?? [];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '!', '.', '{', '"', '-', '#'], resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'slipway-language-server' },
  };
});

connection.onNotification(ConfigurationNotification.type, (options) => {
  ignoreChecks = options.ignoreChecks ?? [];
  for (const document of documents.all()) schedule(document, true);
});

function isIgnored(code: string): boolean {
  return isRuleIgnored(code, ignoreChecks);
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return { range: d.range, severity: SEVERITY[d.severity], code: d.code, source: 'slipway', message: d.message, data: d.data };
}

const lastKind = new Map<string, string | null>();

function publish(document: TextDocument): void {
  const analysis = analyses.get(document);
  const kind = analysis.kind ?? null;
  if (lastKind.get(document.uri) !== kind) {
    lastKind.set(document.uri, kind);
    void connection.sendNotification(DocumentKindNotification.type, { uri: document.uri, kind });
  }
  const diagnostics = kind ? analysis.diagnostics.filter((d) => !isIgnored(d.code)).map(toLspDiagnostic) : [];
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

function diagnosticsGap(uri: string): number {
  return Math.min(MAX_DIAGNOSTICS_GAP_MS, Math.max(MIN_DIAGNOSTICS_GAP_MS, Math.round(analyses.lastCost(uri))));
}

/** Publishes the document's diagnostics now, or once the gap since the last ones has passed. */
function schedule(document: TextDocument, immediately = false): void {
  const uri = document.uri;
  if (pending.has(uri) && !immediately) return; // the queued run reads the latest text
  clearTimeout(pending.get(uri));
  const since = performance.now() - (lastPublished.get(uri) ?? -Infinity);
  const wait = immediately ? 0 : Math.max(0, diagnosticsGap(uri) - since);
  pending.set(
    uri,
    setTimeout(() => {
      pending.delete(uri);
      const current = documents.get(uri);
      if (!current) return;
      publish(current);
      lastPublished.set(uri, performance.now());
    }, wait),
  );
}

documents.onDidOpen((event) => schedule(event.document, true));
documents.onDidChangeContent((event) => schedule(event.document));
documents.onDidClose((event) => {
  clearTimeout(pending.get(event.document.uri));
  pending.delete(event.document.uri);
  analyses.delete(event.document.uri);
  lastKind.delete(event.document.uri);
  lastPublished.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

function request(uri: string, position: { line: number; character: number }): FeatureRequest | undefined {
  const document = documents.get(uri);
  if (!document) return undefined;
  const analysis = analyses.get(document);
  return { document, analysis, position, offset: document.offsetAt(position) };
}

/** Runs a feature of every service for the document's kind, never letting one failure break the request. */
function collect<T>(uri: string, run: (features: ReturnType<typeof featuresFor>[number], document: TextDocument) => T[] | null | undefined): T[] {
  const document = documents.get(uri);
  if (!document) return [];
  const kind = analyses.get(document).kind;
  const results: T[] = [];
  for (const features of featuresFor(kind)) {
    try {
      results.push(...(run(features, document) ?? []));
    } catch (error) {
      connection.console.error(`slipway: ${(error as Error).stack ?? error}`);
    }
  }
  return results;
}

function first<T>(uri: string, run: (features: ReturnType<typeof featuresFor>[number]) => T | null | undefined): T | null {
  const results = collect(uri, (features) => {
    const value = run(features);
    return value === null || value === undefined ? [] : [value];
  });
  return results[0] ?? null;
}

connection.onCompletion((params) => {
  const req = request(params.textDocument.uri, params.position);
  if (!req) return [];
  return collect(params.textDocument.uri, (f) => f.completion?.(req));
});

connection.onHover((params) => {
  const req = request(params.textDocument.uri, params.position);
  return req ? first(params.textDocument.uri, (f) => f.hover?.(req)) : null;
});

connection.onDefinition((params) => {
  const req = request(params.textDocument.uri, params.position);
  return req ? first(params.textDocument.uri, (f) => f.definition?.(req)) : null;
});

connection.onReferences((params) => {
  const req = request(params.textDocument.uri, params.position);
  return req ? collect(params.textDocument.uri, (f) => f.references?.(req, params.context.includeDeclaration)) : [];
});

connection.onPrepareRename((params) => {
  const req = request(params.textDocument.uri, params.position);
  return req ? first(params.textDocument.uri, (f) => f.prepareRename?.(req)) : null;
});

connection.onRenameRequest((params) => {
  const req = request(params.textDocument.uri, params.position);
  return req ? first(params.textDocument.uri, (f) => f.rename?.(req, params.newName)) : null;
});

connection.onDocumentSymbol((params) => {
  const uri = params.textDocument.uri;
  return collect(uri, (f, document) => f.documentSymbols?.(document, analyses.get(document)));
});

connection.onFoldingRanges((params) => {
  const uri = params.textDocument.uri;
  return collect(uri, (f, document) => f.foldingRanges?.(document, analyses.get(document)));
});

connection.onCodeAction((params) => {
  const uri = params.textDocument.uri;
  return collect(uri, (f, document) => {
    const analysis = analyses.get(document);
    const codes = new Set(params.context.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`));
    const relevant = analysis.diagnostics.filter((d) => codes.has(`${d.code}@${d.range.start.line}:${d.range.start.character}`));
    return f.codeActions?.(document, analysis, relevant, params.range);
  });
});

connection.onRequest(ValidateFilesRequest.type, (params) => {
  const files = collectFiles(params.paths, process.cwd(), undefined);
  const findings: FileFinding[] = [];
  for (const file of files) {
    const uri = URI.fromFsPath(file);
    const open = documents.get(uri);
    const diagnostics = open ? analyses.get(open).diagnostics : validateFile(file);
    for (const d of diagnostics) {
      if (isIgnored(d.code)) continue;
      findings.push({ uri, line: d.range.start.line, character: d.range.start.character, severity: d.severity, code: d.code, message: d.message });
    }
  }
  return { filesChecked: files.length, findings };
});

guardDocumentNotifications(connection);
documents.listen(connection);
connection.listen();
