import type { ResourceDeclaration } from '../model';
import { entry, scalarString } from '../../common/yaml/nodes';
import { isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';
import { linkedResource, literalProperty, propertyAbsent } from './resource-links';

/** Whether a queue of this template is FIFO, standard, or not known as written (`FifoQueue` defaults to false). */
function queueKind(queue: ResourceDeclaration): 'fifo' | 'standard' | undefined {
  if (propertyAbsent(queue, 'FifoQueue')) return 'standard';
  const fifo = literalProperty(queue, 'FifoQueue')?.toLowerCase();
  return fifo === 'true' ? 'fifo' : fifo === 'false' ? 'standard' : undefined;
}

/** Lambda reads at most 10 messages a batch from a FIFO queue (CreateEventSourceMapping BatchSize). */
const FIFO_MAX_BATCH = 10;

/**
 * E3502: a queue's dead-letter queue is of the same kind, FIFO or standard ("The dead-letter
 * queue of a FIFO queue must also be a FIFO queue", Amazon SQS dead-letter queues,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
 * E3705: an event source mapping on a FIFO queue takes batches of at most 10
 * (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html#lambda-CreateEventSourceMapping-request-BatchSize).
 * Only queues of this template whose kind is written out are compared.
 */
export const sqsQueueTypes: TemplateCheck = {
  codes: ['E3502', 'E3705'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type === 'AWS::SQS::Queue') {
        const target = entry(entry(resource.properties?.value, 'RedrivePolicy')?.value, 'deadLetterTargetArn');
        const deadLetter = linkedResource(model, target?.value, 'Arn');
        if (!target || deadLetter?.type !== 'AWS::SQS::Queue') continue;
        const kind = queueKind(resource);
        const deadLetterKind = queueKind(deadLetter);
        if (kind && deadLetterKind && kind !== deadLetterKind) {
          report('E3502', model.rangeOf(target.value), `the dead-letter queue ${deadLetter.name} of the ${kind} queue ${id} is a ${deadLetterKind} queue; both must be FIFO or both standard`);
        }
      } else if (resource.type === 'AWS::Lambda::EventSourceMapping') {
        const queue = linkedResource(model, entry(resource.properties?.value, 'EventSourceArn')?.value, 'Arn');
        if (queue?.type !== 'AWS::SQS::Queue' || queueKind(queue) !== 'fifo') continue;
        const batch = entry(resource.properties?.value, 'BatchSize')?.value;
        const size = isLiteralScalar(batch) ? Number(scalarString(batch)) : NaN;
        if (size > FIFO_MAX_BATCH) report('E3705', model.rangeOf(batch), `BatchSize ${size} of ${id} is over ${FIFO_MAX_BATCH}, the most Lambda reads at once from the FIFO queue ${queue.name}`);
      }
    }
  },
};
