import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectKind, type DocumentKind } from '../runtime/common/kind';
import { corpusDir } from './corpus';

/**
 * The shared corpus of real buildspecs, AppSpec files and pipelines (with provenance in
 * each folder's SOURCES.tsv), and the files in it that are broken on purpose or by
 * mistake upstream, each with the reason it must get errors.
 */
export const KNOWN_BROKEN: Record<string, string> = {
  'awsdocs__aws-codebuild-user-guide__doc_source__build-spec-ref.md__block2.yml': 'syntax template with placeholders and repeated keys',
  'awsdocs__aws-codebuild-user-guide__doc_source__build-spec-ref.md__block15.yml': 'phases: left empty by an indentation slip',
  'awsdocs__aws-codebuild-user-guide__doc_source__batch-build-buildspec.md__block1.yml': 'batch fragment without version',
  'awsdocs__aws-codebuild-user-guide__doc_source__batch-build-buildspec.md__block2.yml': 'batch fragment without version',
  'awsdocs__aws-codebuild-user-guide__doc_source__batch-build-buildspec.md__block3.yml': 'batch fragment without version',
  'awsdocs__aws-codedeploy-user-guide__doc_source__reference-appspec-file-structure-permissions.md__block5.yml': 'permissions fragment without version or os',
  'aws-samples__aws-codedeploy-appspec-assistant__server-(ec2-and-onPrem)-default-appspec-template.yml': 'placeholder template: destination "destination-file-location" is not a path',
  'aws-samples__aws-codedeploy-appspec-assistant__server-(ec2-and-onPrem)-default-appspec-template-advanced.json': 'placeholder template: destination, object, mode and ACLs are placeholders',
  'aws-cloudformation__cfn-lint__test__fixtures__templates__bad__resources__codepipeline__stages_second_stage.yaml': "cfn-lint's own bad fixture: a source action in the second stage",
  'aws-cloudformation__aws-cloudformation-templates__Solutions__Pipelines__templates__pipeline__multi-stage.yaml': 'ActionMode "CreateUpdate" is not a CloudFormation action mode (CREATE_UPDATE)',
};

const PROVENANCE = ['SOURCES.tsv', 'licenses'];

export const CORPUS_FOLDERS = ['buildspec', 'appspec', 'pipeline'] as const;

export function corpusRoot(): string {
  return corpusDir();
}

export interface CorpusFile {
  folder: (typeof CORPUS_FOLDERS)[number];
  name: string;
  file: string;
  kind: DocumentKind;
}

/**
 * Every corpus file with the kind to validate it as: the folder's kind for buildspecs and
 * AppSpec files (their flattened names hide it), and for the pipeline folder the kind the
 * file's original name and content give (most are CloudFormation templates).
 */
export function corpusFiles(root: string): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const folder of CORPUS_FOLDERS) {
    const sources = new Map<string, string>();
    // Every corpus folder has its provenance; a folder without one is not the corpus.
    for (const line of fs.readFileSync(path.join(root, folder, 'SOURCES.tsv'), 'utf8').split('\n').slice(1)) {
      const [name, , , original] = line.split('\t');
      if (name && original) sources.set(name, original.replace(/#.*$/, ''));
    }
    for (const name of fs.readdirSync(path.join(root, folder)).sort()) {
      // The provenance and the licence texts beside the files are not corpus files.
      if (PROVENANCE.includes(name)) continue;
      const file = path.join(root, folder, name);
      let kind: DocumentKind = folder;
      if (folder === 'pipeline') kind = detectKind(path.basename(sources.get(name) ?? name), fs.readFileSync(file, 'utf8')) ?? 'pipeline';
      out.push({ folder, name, file, kind });
    }
  }
  return out;
}

/**
 * The findings this corpus measures: for CloudFormation templates only the pipeline
 * checks' findings (and syntax errors); the template checks have their own corpus.
 */
export function isMeasured(code: string, kind: DocumentKind): boolean {
  return kind !== 'template' || /^(EP|WP|E0000)/.test(code);
}
