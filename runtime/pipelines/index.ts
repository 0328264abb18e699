/** The pipeline engine's public surface (the CLI, the extension, stack resources and push hooks use this). */
export * from './engine/api';
export { executionView, type ExecutionView } from './engine/view';
export { PipelineStore } from './engine/store';
export type { ExecutionRecord, PipelineRecord, ExecutionStatus } from './engine/records';
export { loadPipelineFile, parsePipeline, declarationDir, type PipelineDeclaration } from './model';
