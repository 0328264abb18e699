/**
 * Service lifecycle data, in one dated table: Lambda runtime deprecations and AWS services
 * or resource types that are shut down, ending or in maintenance. Revised on LIFECYCLE_REVISED;
 * each entry names the AWS page it comes from. The checks compare the dates with today.
 */
export const LIFECYCLE_REVISED = '2026-12-01';

export interface RuntimeDeprecation {
  /** Lambda stops patching it and support ends. */
  deprecated: string;
  /** CreateFunction with it is refused. */
  createBlocked: string;
  /** UpdateFunctionConfiguration/UpdateFunctionCode with it are refused. */
  updateBlocked: string;
  /** The runtime to move to. */
  successor: string;
}

const NODE = 'nodejs24.x';
const PYTHON = 'python3.14';
const rt = (deprecated: string, createBlocked: string, updateBlocked: string, successor: string): RuntimeDeprecation => ({ deprecated, createBlocked, updateBlocked, successor });

/**
 * Deprecated and scheduled Lambda runtimes, from the "Deprecated runtimes" and "Supported
 * runtimes" tables of https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 * (policy: https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html).
 * Checked on LIFECYCLE_REVISED against what the stored copies of these pages and AWS's own
 * notices show (the tables themselves could not be read whole):
 * - runtime-support-policy.html, earlier "Deprecation schedule" (EOL / create / update):
 *   nodejs 2016-10-31 ×3; nodejs4.3 2018-04-30 / 2018-12-15 / 2019-04-30, "deprecation
 *   completed" 2020-03-06 (its -edge 2019-04-30); nodejs6.10 2019-04-30 / 2019-04-30 /
 *   2019-08-12; dotnetcore2.0 2019-04-30 / 2019-04-30 / 2019-05-30; dotnetcore1.0
 *   2019-06-27 / 2019-06-27 / completed 2019-07-30; nodejs8.10 2019-12-31 / 2020-01-06 / 2020-02-03.
 * - AWS's notices: nodejs10.x support and creation end 2021-07-30; nodejs14.x creation blocked
 *   2024-01-09; nodejs16.x deprecated 2024-06-12; python3.8 deprecated 2024-10-14, creation
 *   blocked 2025-02-28.
 * - lambda-runtimes.html as cited by other linters' updates: nodejs18.x deprecated 2025-09-01,
 *   python3.9 2025-12-15.
 * The other dates (later update blocks, the 2026–2027 entries) are the table's as last
 * copied and are not confirmed here; every runtime whose creation is blocked before
 * LIFECYCLE_REVISED is reported the same way whatever its exact update date.
 */
export const LAMBDA_RUNTIME_DEPRECATIONS: Record<string, RuntimeDeprecation> = {
  nodejs: rt('2016-10-31', '2016-10-31', '2016-10-31', NODE),
  'nodejs4.3': rt('2018-04-30', '2018-12-15', '2020-03-06', NODE),
  'nodejs4.3-edge': rt('2018-04-30', '2018-12-15', '2019-04-30', NODE),
  'nodejs6.10': rt('2019-04-30', '2019-04-30', '2019-08-12', NODE),
  'nodejs8.10': rt('2019-12-31', '2020-01-06', '2020-02-03', NODE),
  'nodejs10.x': rt('2021-07-30', '2021-07-30', '2022-02-14', NODE),
  'nodejs12.x': rt('2023-03-31', '2023-03-31', '2023-04-30', NODE),
  'nodejs14.x': rt('2023-12-04', '2024-01-09', '2026-03-31', NODE),
  'nodejs16.x': rt('2024-06-12', '2025-02-28', '2026-03-31', NODE),
  'nodejs18.x': rt('2025-09-01', '2027-02-01', '2027-03-03', NODE),
  'nodejs20.x': rt('2026-04-30', '2027-02-01', '2027-03-03', NODE),
  'python2.7': rt('2021-07-15', '2021-07-15', '2022-05-30', PYTHON),
  'python3.6': rt('2022-07-18', '2022-07-18', '2022-08-29', PYTHON),
  'python3.7': rt('2023-12-04', '2024-01-09', '2026-03-31', PYTHON),
  'python3.8': rt('2024-10-14', '2025-02-28', '2026-03-31', PYTHON),
  'python3.9': rt('2025-12-15', '2027-02-01', '2027-03-03', PYTHON),
  'python3.10': rt('2026-10-31', '2027-02-01', '2027-03-03', PYTHON),
  'ruby2.5': rt('2021-07-30', '2021-07-30', '2022-03-31', 'ruby3.4'),
  'ruby2.7': rt('2023-12-07', '2024-01-09', '2026-03-31', 'ruby3.4'),
  'ruby3.2': rt('2026-03-31', '2027-02-01', '2027-03-03', 'ruby3.4'),
  java8: rt('2024-01-08', '2024-02-08', '2027-03-03', 'java21'),
  'go1.x': rt('2024-01-08', '2024-02-08', '2026-03-31', 'provided.al2023'),
  provided: rt('2024-01-08', '2024-02-08', '2026-03-31', 'provided.al2023'),
  'provided.al2': rt('2026-07-31', '2027-02-01', '2027-03-03', 'provided.al2023'),
  'dotnetcore1.0': rt('2019-06-27', '2019-06-27', '2019-07-30', 'dotnet8'),
  'dotnetcore2.0': rt('2019-04-30', '2019-04-30', '2019-05-30', 'dotnet8'),
  'dotnetcore2.1': rt('2022-01-05', '2022-01-05', '2022-04-13', 'dotnet8'),
  'dotnetcore3.1': rt('2023-04-03', '2023-04-03', '2023-05-03', 'dotnet8'),
  dotnet5: rt('2022-05-10', '2022-05-10', '2022-06-30', 'dotnet8'),
  dotnet6: rt('2024-12-20', '2025-02-28', '2026-03-31', 'dotnet8'),
  dotnet7: rt('2024-05-14', '2024-05-14', '2024-06-14', 'dotnet8'),
};

/** 'shut-down': the service is gone (E3710); 'ending': its end is announced (W3696); 'maintenance': no new features, on the way out (W3697). */
export type ServiceStatus = 'shut-down' | 'ending' | 'maintenance';

export interface ServiceLifecycle {
  /** A resource type, or a namespace ending in `::` for every type of a service. */
  types: string;
  status: ServiceStatus;
  /** When it ended, ends, or entered maintenance; absent when AWS gives no date. */
  date?: string;
  source: string;
}

export const SERVICE_LIFECYCLE: ServiceLifecycle[] = [
  { types: 'AWS::IoTAnalytics::', status: 'shut-down', date: '2025-12-15', source: 'https://docs.aws.amazon.com/iotanalytics/latest/userguide/iotanalytics-end-of-support.html' },
  { types: 'AWS::OpsWorks::', status: 'shut-down', date: '2024-05-26', source: 'https://docs.aws.amazon.com/opsworks/latest/userguide/stacks-eol-faqs.html' },
  { types: 'AWS::AppMesh::', status: 'ending', date: '2026-09-30', source: 'https://docs.aws.amazon.com/app-mesh/latest/userguide/what-is-app-mesh.html' },
  { types: 'AWS::WAF::', status: 'ending', source: 'https://docs.aws.amazon.com/waf/latest/developerguide/classic-waf-chapter.html' },
  { types: 'AWS::WAFRegional::', status: 'ending', source: 'https://docs.aws.amazon.com/waf/latest/developerguide/classic-waf-chapter.html' },
  { types: 'AWS::Greengrass::', status: 'ending', source: 'https://docs.aws.amazon.com/greengrass/v1/developerguide/maintenance-policy.html' },
  { types: 'AWS::AutoScaling::LaunchConfiguration', status: 'maintenance', date: '2024-10-01', source: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/launch-configurations.html' },
];

/** The lifecycle entry of a resource type, if its service is ending or gone. */
export function serviceLifecycle(type: string): ServiceLifecycle | undefined {
  return SERVICE_LIFECYCLE.find((entry) => (entry.types.endsWith('::') ? type.startsWith(entry.types) : type === entry.types));
}

/**
 * ElastiCache's previous-generation node families: "Existing clusters are still supported
 * but creation of new clusters is not supported for these types" (the node-type list of
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheNode.html;
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html).
 * Families are the part between `cache.` and the size.
 */
export const ELASTICACHE_PREVIOUS_GENERATION = new Set(['t1', 'm1', 'm2', 'm3', 'c1', 'r3']);
