import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParameterStore, SecretMasker } from '../../../runtime/common/params';
import { StateStore } from '../../../runtime/common/state';
import { displayValue, resolveDynamicReferences, resolveParameters } from '../../../runtime/template/eval';
import { tempHome } from './helpers';
import * as path from 'node:path';

describe('parameters', () => {
  it('gives values from input, previous values, then Default; lists are split and trimmed', () => {
    const result = resolveParameters(
      {
        Env: { Type: 'String', Default: 'dev' },
        Subnets: { Type: 'CommaDelimitedList' },
        Ports: { Type: 'List<Number>', Default: '80,443' },
        Size: { Type: 'Number' },
        Key: { Type: 'AWS::EC2::KeyPair::KeyName', Default: 'my-key' },
      },
      { Subnets: 'a, b ,c' },
      {},
      { Size: '3' },
    );
    assert.equal(result.Env.resolved, 'dev');
    assert.deepEqual(result.Subnets.resolved, ['a', 'b', 'c']);
    assert.deepEqual(result.Ports.resolved, ['80', '443']);
    assert.equal(result.Size.resolved, '3');
    assert.equal(result.Key.resolved, 'my-key');
  });

  it('refuses values that break constraints, with CloudFormation messages', () => {
    const check = (declaration: Record<string, unknown>, value: string) => () => resolveParameters({ P: declaration }, { P: value });
    assert.throws(check({ AllowedValues: ['dev', 'prod'] }, 'test'), /Parameter 'P' must be one of AllowedValues/);
    assert.throws(check({ AllowedPattern: '[a-z]+' }, 'abc1'), /Parameter P failed to satisfy constraint: Malformed input-Parameter P must match pattern \[a-z\]\+/);
    assert.throws(check({ AllowedPattern: '[a-z]+', ConstraintDescription: 'lower-case letters only' }, 'A'), /failed to satisfy constraint: lower-case letters only/);
    assert.throws(check({ MinLength: 3 }, 'ab'), /must contain at least 3 characters/);
    assert.throws(check({ MaxLength: 2 }, 'abc'), /cannot contain more than 2 characters/);
    assert.throws(check({ Type: 'Number' }, 'ten'), /Parameter 'P' must be a number/);
    assert.throws(check({ Type: 'Number', MinValue: 2 }, '1'), /must be a number not less than 2/);
    assert.throws(check({ Type: 'Number', MaxValue: 2 }, '3'), /must be a number not greater than 2/);
    assert.throws(check({ Type: 'List<Number>', AllowedValues: ['1', '2'] }, '1,3'), /must be one of AllowedValues/);
    assert.throws(() => resolveParameters({ A: {}, B: {} }, {}), /Parameters: \[A, B\] must have values/);
    assert.throws(() => resolveParameters({ A: { Default: 'x' } }, { Z: '1' }), /Parameters: \[Z\] do not exist in the template/);
  });

  it('masks NoEcho values for display', () => {
    const { Secret } = resolveParameters({ Secret: { Type: 'String', NoEcho: true } }, { Secret: 'hunter2' });
    assert.equal(displayValue(Secret), '****');
    assert.equal(Secret.resolved, 'hunter2');
  });

  it('resolves AWS::SSM::Parameter::Value<> types from the local parameter store', () => {
    const dir = tempHome();
    const params = new ParameterStore(new StateStore(path.join(dir, 'home')));
    params.putParameter('/app/image', 'ami-0ff8a91507f77f867');
    params.putParameter('/app/zones', 'a,b', 'StringList');
    params.putParameter('/app/secret', 's3cret', 'SecureString');
    const lookup = { ssm: (name: string) => params.getParameter(name) };
    const result = resolveParameters(
      { Image: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/app/image' }, Zones: { Type: 'AWS::SSM::Parameter::Value<List<String>>', Default: '/app/zones' } },
      {},
      lookup,
    );
    assert.equal(result.Image.resolved, 'ami-0ff8a91507f77f867');
    assert.equal(result.Image.value, '/app/image');
    assert.deepEqual(result.Zones.resolved, ['a', 'b']);
    assert.throws(() => resolveParameters({ S: { Type: 'AWS::SSM::Parameter::Value<String>' } }, { S: '/app/secret' }, lookup), /SecureString parameters are not supported/);
    assert.throws(() => resolveParameters({ S: { Type: 'AWS::SSM::Parameter::Value<String>' } }, { S: '/missing' }, lookup), /Unable to fetch parameters \[\/missing\] from parameter store for this account/);
  });

  it('resolves {{resolve:ssm}}, {{resolve:ssm-secure}} and {{resolve:secretsmanager}} and masks the secure ones', () => {
    const dir = tempHome();
    const params = new ParameterStore(new StateStore(path.join(dir, 'home')));
    params.putParameter('/db/host', 'db.local');
    params.putParameter('/db/password', 'pw-1', 'SecureString');
    params.putSecret('MyRDSSecret', JSON.stringify({ username: 'admin', password: 'pw-2' }));
    const masker = new SecretMasker();
    const resolved = resolveDynamicReferences(
      {
        Host: '{{resolve:ssm:/db/host}}:5432',
        Versioned: '{{resolve:ssm:/db/host:1}}',
        Password: '{{resolve:ssm-secure:/db/password}}',
        User: '{{resolve:secretsmanager:MyRDSSecret:SecretString:username}}',
        Arn: '{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:000000000000:secret:MyRDSSecret:SecretString:password::}}',
      },
      params,
      masker,
    );
    assert.deepEqual(resolved, { Host: 'db.local:5432', Versioned: 'db.local', Password: 'pw-1', User: 'admin', Arn: 'pw-2' });
    assert.equal(masker.mask('pw-1 and pw-2'), '*** and ***');
    assert.throws(() => resolveDynamicReferences('{{resolve:ssm:/db/host:7}}', params, masker), /version 7 of parameter \/db\/host is not kept locally/);
    assert.throws(() => resolveDynamicReferences('{{resolve:ssm:/db/password}}', params, masker), /is a SecureString/);
  });
});
