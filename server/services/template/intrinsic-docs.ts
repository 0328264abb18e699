/** One-line descriptions of the intrinsic functions and their AWS documentation pages, for hover. */
const DESCRIPTIONS: Record<string, string> = {
  Ref: 'The value of a parameter, or the identifier of a resource.',
  'Fn::GetAtt': 'The value of an attribute of a resource: `!GetAtt Resource.Attribute`.',
  'Fn::Sub': 'Substitutes `${Name}` and `${Resource.Attribute}` in a string (`${!Literal}` keeps the text).',
  'Fn::Join': 'Joins a list of values with a delimiter: `[delimiter, [values]]`.',
  'Fn::Select': 'One item of a list by index: `[index, list]`.',
  'Fn::Split': 'Splits a string into a list: `[delimiter, string]`.',
  'Fn::FindInMap': 'A value from Mappings: `[MapName, TopLevelKey, SecondLevelKey]`.',
  'Fn::Base64': 'The Base64 encoding of a string (for EC2 UserData).',
  'Fn::Cidr': 'A list of CIDR blocks: `[ipBlock, count, cidrBits]`.',
  'Fn::GetAZs': 'The Availability Zones of a Region ("" for the stack\'s Region).',
  'Fn::ImportValue': "An output exported by another stack.",
  'Fn::Transform': 'Runs a macro on part of the template.',
  'Fn::Length': 'The number of items in a list (AWS::LanguageExtensions).',
  'Fn::ToJsonString': 'An object or list as a JSON string (AWS::LanguageExtensions).',
  'Fn::ForEach': 'Replicates a template fragment for each item of a list (AWS::LanguageExtensions).',
  'Fn::GetStackOutput': 'An output of another stack, possibly in another account or Region.',
  'Fn::If': 'One of two values depending on a condition: `[Condition, valueIfTrue, valueIfFalse]`.',
  'Fn::Equals': 'True when two values are equal: `[value1, value2]`.',
  'Fn::And': 'True when all of 2 to 10 conditions are true.',
  'Fn::Or': 'True when any of 2 to 10 conditions is true.',
  'Fn::Not': 'The negation of a condition: `[condition]`.',
  Condition: 'The value of a condition declared in Conditions.',
};

const CONDITION_FUNCTIONS = new Set(['Fn::If', 'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Condition']);

export function intrinsicDoc(name: string): { description: string; url: string } | undefined {
  const description = DESCRIPTIONS[name];
  if (!description) return undefined;
  const base = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/';
  const url = CONDITION_FUNCTIONS.has(name)
    ? `${base}intrinsic-function-reference-conditions.html`
    : `${base}intrinsic-function-reference-${name.replace(/^Fn::/, '').toLowerCase()}.html`;
  return { description, url };
}
