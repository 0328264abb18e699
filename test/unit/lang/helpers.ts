// The pipeline checks read each action type's facts from its registered provider.
import '../../../runtime/plugins';
import type { Diagnostic } from '../../../runtime/common/diagnostics';
import type { DocumentKind } from '../../../runtime/common/kind';
import { validateText } from '../../../runtime/validate';

/** Every finding for a document of the given kind (the file need not exist). */
export function findings(kind: DocumentKind, text: string, file = `/nonexistent/${kind}.${text.trimStart().startsWith('{') ? 'json' : 'yml'}`): Diagnostic[] {
  return validateText(file, text, kind).diagnostics;
}

/** `CODE@line:column` (1-based) for compact assertions. */
export function brief(diagnostics: Diagnostic[], code?: string | RegExp): string[] {
  return diagnostics
    .filter((d) => code === undefined || (typeof code === 'string' ? d.code === code : code.test(d.code)))
    .map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

/** A valid three-stage pipeline declaration (CLI form) to mutate in tests. */
export function samplePipeline(): { pipeline: Record<string, unknown> & { stages: Array<{ name: string; actions: Array<Record<string, unknown>> }> } } {
  return {
    pipeline: {
      name: 'demo',
      roleArn: 'arn:aws:iam::000000000000:role/demo',
      artifactStore: { type: 'S3', location: 'bucket' },
      variables: [{ name: 'Stage', defaultValue: 'dev' }],
      stages: [
        {
          name: 'Source',
          actions: [
            {
              name: 'Source',
              actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' },
              configuration: { RepositoryName: 'demo', BranchName: 'main' },
              outputArtifacts: [{ name: 'SourceOutput' }],
              namespace: 'SourceVariables',
              runOrder: 1,
            },
          ],
        },
        {
          name: 'Build',
          actions: [
            {
              name: 'Build',
              actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
              configuration: { ProjectName: 'demo' },
              inputArtifacts: [{ name: 'SourceOutput' }],
              outputArtifacts: [{ name: 'BuildOutput' }],
              namespace: 'BuildVariables',
              runOrder: 1,
            },
          ],
        },
        {
          name: 'Deploy',
          actions: [
            {
              name: 'Deploy',
              actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CodeDeploy', version: '1' },
              configuration: { ApplicationName: 'demo-#{variables.Stage}', DeploymentGroupName: 'local' },
              inputArtifacts: [{ name: 'BuildOutput' }],
              runOrder: 1,
            },
          ],
        },
      ],
    },
  };
}

export function pipelineFindings(mutate: (p: ReturnType<typeof samplePipeline>['pipeline']) => void): Diagnostic[] {
  const doc = samplePipeline();
  mutate(doc.pipeline);
  return findings('pipeline', JSON.stringify(doc, null, 2), '/nonexistent/pipeline.json');
}
