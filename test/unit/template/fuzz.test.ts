import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';
import type { FeatureRequest } from '../../../server/features';
import { templateFeatures } from '../../../server/services/template';
import { templateVariants } from './fuzz-variants';

// Feeds mutated corpus templates to validation and to each language feature at a random
// position: nothing may throw, no check may fail internally. How long the slowest request
// takes is a figure for bench/cfn-fuzz.ts, not an assertion here.
// FUZZ_VARIANTS raises the count (default keeps the unit run short); FUZZ_SEED replays a run.

const VARIANTS = Number(process.env.FUZZ_VARIANTS ?? 400);

test(`${VARIANTS} mutated corpus templates: no exception escapes validation or any language feature`, () => {
  for (const { name, text, context, offset } of templateVariants(VARIANTS)) {
    const result = validateText(name, text, 'template');
    assert.deepEqual(result.diagnostics.filter((d) => d.code === 'SLIPWAY-INTERNAL'), [], context);
    const document = TextDocument.create(`file:///${name}`, 'yaml', 1, text);
    const request: FeatureRequest = { document, analysis: { ...result, uri: document.uri, version: 1, file: name }, position: document.positionAt(offset), offset };
    try {
      templateFeatures.completion!(request);
      templateFeatures.hover!(request);
      templateFeatures.definition!(request);
      templateFeatures.references!(request, true);
      templateFeatures.prepareRename!(request);
      templateFeatures.documentSymbols!(document, request.analysis);
      templateFeatures.codeActions!(document, request.analysis, result.diagnostics, { start: request.position, end: request.position });
    } catch (error) {
      assert.fail(`${context} at offset ${offset}: ${(error as Error).stack}`);
    }
  }
});
