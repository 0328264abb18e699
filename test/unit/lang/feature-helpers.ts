import { TextDocument } from 'vscode-languageserver-textdocument';
import '../../../server/all-features';
import { AnalysisCache } from '../../../server/documents';
import { featuresFor, type FeatureRequest, type KindFeatures } from '../../../server/features';
import { URI } from '../../../server/uri';

/** A feature request for `text` with the cursor at `|` (removed from the text). */
export function requestAt(file: string, marked: string): FeatureRequest {
  const offset = marked.indexOf('|');
  const text = offset < 0 ? marked : marked.slice(0, offset) + marked.slice(offset + 1);
  const document = TextDocument.create(URI.fromFsPath(file), file.endsWith('.json') ? 'json' : 'yaml', 1, text);
  const analysis = new AnalysisCache().get(document);
  const at = offset < 0 ? 0 : offset;
  return { document, analysis, position: document.positionAt(at), offset: at };
}

/** The service registered for the request's kind (not the shared folding service). */
export function service(request: FeatureRequest): KindFeatures {
  const found = featuresFor(request.analysis.kind).find((f) => f.completion || f.hover);
  if (!found) throw new Error(`no language service for ${request.analysis.kind}`);
  return found;
}

export function labels(file: string, marked: string): string[] {
  const request = requestAt(file, marked);
  return (service(request).completion?.(request) ?? []).map((item) => item.label);
}
