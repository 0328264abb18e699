import { APPROVAL_LIFETIME_MS } from '../engine/step';
import { registerActionProvider } from './provider';

/**
 * Approval/AWS/Manual: the action waits, across processes, until someone approves or
 * rejects it (`pipeline approve`, the view, the webview); it expires after 7 days.
 */
registerActionProvider({
  category: 'Approval',
  owner: 'AWS',
  provider: 'Manual',
  description: 'Pauses the pipeline until someone approves or rejects (Slipway: `slipway pipeline approve` or the Pipelines view).',
  required: [],
  optional: ['NotificationArn', 'CustomData', 'ExternalEntityLink'],
  variables: ['ApprovalSummary'],
  artifacts: { inputs: [0, 0], outputs: [0, 0] },
  async run(job) {
    const customData = job.configuration.CustomData;
    job.log(customData ? `waiting for approval: ${customData}` : 'waiting for approval');
    return {
      status: 'Waiting',
      summary: 'Waiting for approval',
      externalUrl: job.configuration.ExternalEntityLink,
      approval: {
        customData,
        externalEntityLink: job.configuration.ExternalEntityLink,
        expiresAt: new Date(Date.now() + APPROVAL_LIFETIME_MS).toISOString(),
      },
    };
  },
});
