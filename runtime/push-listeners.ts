/**
 * The push listeners (repos/events.ts's registry): what a change to a hosted repository's
 * branches starts. Part of runtime/plugins.ts, and on its own what the repositories' hooks
 * load (cli/hook-main.ts), so a new listener is one line here and runs from both.
 */

// A push to a hosted repository starts the pipelines watching it.
import './pipelines/push-notifier';
