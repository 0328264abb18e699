import { entry } from '../../common/yaml/nodes';
import type { TemplateCheck } from './context';
import { linkedResource, literalProperty } from './resource-links';

/** The authorizer types each Method AuthorizationType works with (AWS::ApiGateway::Authorizer Type). */
const AUTHORIZER_TYPES: Record<string, string[]> = {
  CUSTOM: ['TOKEN', 'REQUEST'],
  COGNITO_USER_POOLS: ['COGNITO_USER_POOLS'],
};

/**
 * E3698: a stage and the deployment it names belong to the same REST API
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html).
 * E3708: a method's AuthorizationType fits its authorizer's Type: CUSTOM for a TOKEN or
 * REQUEST (Lambda) authorizer, COGNITO_USER_POOLS for a user pool one
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-method.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-authorizer.html).
 * Only resources of this template named by Ref, with their values written out, are compared.
 */
export const apiGatewayLinks: TemplateCheck = {
  codes: ['E3698', 'E3708'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      const properties = resource.properties?.value;
      if (resource.type === 'AWS::ApiGateway::Stage') {
        const deployment = linkedResource(model, entry(properties, 'DeploymentId')?.value);
        const stageApiEntry = entry(properties, 'RestApiId');
        const stageApi = linkedResource(model, stageApiEntry?.value);
        if (deployment?.type !== 'AWS::ApiGateway::Deployment' || !stageApi || !stageApiEntry) continue;
        const deploymentApi = linkedResource(model, entry(deployment.properties?.value, 'RestApiId')?.value);
        if (deploymentApi && deploymentApi.name !== stageApi.name) {
          report('E3698', model.rangeOf(stageApiEntry.value), `stage ${id} is on the REST API ${stageApi.name} but its deployment ${deployment.name} is of ${deploymentApi.name}`);
        }
      } else if (resource.type === 'AWS::ApiGateway::Method') {
        const authorization = literalProperty(resource, 'AuthorizationType');
        const wanted = authorization !== undefined && Object.hasOwn(AUTHORIZER_TYPES, authorization) ? AUTHORIZER_TYPES[authorization] : undefined;
        const authorizer = linkedResource(model, entry(properties, 'AuthorizerId')?.value);
        if (!wanted || authorizer?.type !== 'AWS::ApiGateway::Authorizer') continue;
        const type = literalProperty(authorizer, 'Type');
        if (type !== undefined && !wanted.includes(type)) {
          report('E3708', model.rangeOf(entry(properties, 'AuthorizationType')!.value), `AuthorizationType ${authorization} of ${id} needs a ${wanted.join(' or ')} authorizer, but ${authorizer.name} is ${type}`);
        }
      }
    }
  },
};
