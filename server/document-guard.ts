import type { Connection, DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver/node';

/**
 * Makes the document notifications refuse what an editor would never send (a `didOpen` whose
 * text is a number, a change without text) with one logged line, instead of letting the
 * document store keep a non-string and the next analysis end the server. Wraps the handlers
 * `TextDocuments.listen` registers, so it must run before that.
 */
export function guardDocumentNotifications(connection: Connection): void {
  const onOpen = connection.onDidOpenTextDocument.bind(connection);
  connection.onDidOpenTextDocument = (handler) =>
    onOpen((params: DidOpenTextDocumentParams) => {
      const document = params?.textDocument as Partial<DidOpenTextDocumentParams['textDocument']> | undefined;
      if (typeof document?.uri !== 'string' || typeof document.text !== 'string' || typeof document.version !== 'number') {
        connection.console.error(`slipway: ignored a didOpen whose uri, version or text is not of the right type (${JSON.stringify(document?.uri ?? null)})`);
        return;
      }
      return handler(params);
    });
  const onChange = connection.onDidChangeTextDocument.bind(connection);
  connection.onDidChangeTextDocument = (handler) =>
    onChange((params: DidChangeTextDocumentParams) => {
      const changes: unknown = params?.contentChanges;
      if (typeof params?.textDocument?.uri !== 'string' || !Array.isArray(changes) || !changes.every((c) => typeof (c as { text?: unknown })?.text === 'string')) {
        connection.console.error(`slipway: ignored a didChange whose changes carry no text (${JSON.stringify(params?.textDocument?.uri ?? null)})`);
        return;
      }
      return handler(params);
    });
}
