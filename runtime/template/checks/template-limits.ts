import type { TemplateCheck } from './context';

/**
 * CloudFormation quotas (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html):
 * a template in S3 is at most 1 MB, one passed directly at most 51,200 bytes; at most 500
 * resources, 200 parameters, 200 outputs and 200 mappings.
 */
const S3_TEMPLATE_BYTES = 1_048_576;
const BODY_TEMPLATE_BYTES = 51_200;
const SECTION_LIMITS = [
  { section: 'Resources', code: 'E3010', limit: 500 },
  { section: 'Parameters', code: 'E2010', limit: 200 },
  { section: 'Outputs', code: 'E6010', limit: 200 },
  { section: 'Mappings', code: 'E7010', limit: 200 },
] as const;

/** E1002 a template over 1 MB (I1002 over the 51,200 bytes of a direct body); E3010/E2010/E6010/E7010 too many entries. */
export const templateLimits: TemplateCheck = {
  codes: ['E1002', 'I1002', 'E3010', 'E2010', 'E6010', 'E7010'],
  run({ model, report }) {
    const text = model.parsed.text;
    // UTF-8 is at most 3 bytes per UTF-16 unit: count exactly only when it may matter.
    const bytes = text.length * 3 > BODY_TEMPLATE_BYTES ? Buffer.byteLength(text, 'utf8') : text.length;
    const start = model.range(0, 0);
    if (bytes > S3_TEMPLATE_BYTES) report('E1002', start, `the template is ${bytes} bytes; CloudFormation takes at most ${S3_TEMPLATE_BYTES} (1 MB, from S3)`);
    else if (bytes > BODY_TEMPLATE_BYTES) report('I1002', start, `the template is ${bytes} bytes: more than the ${BODY_TEMPLATE_BYTES} a template body passed directly may have; deploy it from S3 (up to 1 MB)`);
    const counts: Record<string, number> = { Resources: model.resources.size, Parameters: model.parameters.size, Outputs: model.outputs.size, Mappings: model.mappings.size };
    for (const { section, code, limit } of SECTION_LIMITS) {
      const declared = model.sections.get(section);
      if (declared && counts[section] > limit) report(code, model.rangeOf(declared.keyNode), `${section} declares ${counts[section]} entries; a template may have at most ${limit}`);
    }
  },
};
