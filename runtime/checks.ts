/**
 * Registers every engine's semantic checks with `validateText`. Imported once by the
 * CLI and the language server so both report the same findings.
 */
import './buildspec/checks';
import './appspec/checks';
import './template/validate';
import './pipelines/checks';
