/**
 * Loads every module that reacts to pushes (see events.ts). Each engine adds one
 * import line here, e.g. the pipeline engine's source-change notifier.
 */
import '../pipelines/push-notifier';
