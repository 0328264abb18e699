import { entry, isSeq, scalarString, type Node } from '../../common/yaml/nodes';
import { isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';
import { linkedResource, literalProperty, propertyAbsent } from './resource-links';

/**
 * E3052: a service whose task definition uses the awsvpc network mode needs a
 * NetworkConfiguration ("required for task definitions that use the awsvpc network mode",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html#cfn-ecs-service-networkconfiguration);
 * a service of the EXTERNAL deployment controller configures networking in its task sets.
 * E3054: a FARGATE service's task definition lists FARGATE in RequiresCompatibilities (EC2
 * when absent; https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#requires_compatibilities).
 * Only task definitions of this template named by Ref, with their values written out, are checked.
 */
export const ecsServiceTasks: TemplateCheck = {
  codes: ['E3052', 'E3054'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::ECS::Service') continue;
      const taskEntry = entry(resource.properties?.value, 'TaskDefinition');
      const task = linkedResource(model, taskEntry?.value);
      if (!taskEntry || task?.type !== 'AWS::ECS::TaskDefinition') continue;
      const controller = entry(entry(resource.properties?.value, 'DeploymentController')?.value, 'Type')?.value;
      const external = controller !== undefined && (!isLiteralScalar(controller) || scalarString(controller) === 'EXTERNAL');
      if (!external && literalProperty(task, 'NetworkMode') === 'awsvpc' && propertyAbsent(resource, 'NetworkConfiguration')) {
        report('E3052', model.rangeOf(taskEntry.value), `task definition ${task.name} of ${id} uses the awsvpc network mode, so the service needs a NetworkConfiguration`);
      }
      if (literalProperty(resource, 'LaunchType') !== 'FARGATE') continue;
      const compatibilities = entry(task.properties?.value, 'RequiresCompatibilities')?.value;
      const listed = isSeq(compatibilities) && compatibilities.items.every((item) => isLiteralScalar(item as Node)) ? compatibilities.items.map((item) => scalarString(item as Node)) : undefined;
      const fargate = propertyAbsent(task, 'RequiresCompatibilities') ? false : listed ? listed.includes('FARGATE') : true;
      if (!fargate) report('E3054', model.rangeOf(taskEntry.value), `${id} launches on FARGATE, but its task definition ${task.name} does not list FARGATE in RequiresCompatibilities`);
    }
  },
};
