// Generated templates the benches share: realistic, valid, and as large as asked.

/** A realistic block of resources (networking, compute, IAM, storage) with Sub/GetAtt/If use. */
function block(i: number): string {
  return `
  Vpc${i}:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.${i % 250}.0.0/16
      EnableDnsHostnames: true
      Tags:
        - Key: Name
          Value: !Sub "\${AWS::StackName}-vpc-${i}"
  Subnet${i}:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc${i}
      CidrBlock: 10.${i % 250}.1.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
  Group${i}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web ${i}
      VpcId: !Ref Vpc${i}
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
  Role${i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"]
                Resource: !Sub "arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:*"
  Bucket${i}:
    Type: AWS::S3::Bucket
    Condition: IsProd
    DeletionPolicy: Retain
    Properties:
      VersioningConfiguration: { Status: Enabled }
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms }
  Function${i}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role${i}.Arn
      MemorySize: !If [IsProd, 1024, 256]
      Code: { ZipFile: "exports.handler = async () => 'ok ${i}';" }
      Environment:
        Variables:
          BUCKET: !If [IsProd, !Ref Bucket${i}, !Ref AWS::NoValue]
      VpcConfig:
        SubnetIds: [!Ref Subnet${i}]
        SecurityGroupIds: [!GetAtt Group${i}.GroupId]
`;
}

export function largeTemplate(blocks: number): string {
  let text = 'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Env: { Type: String, AllowedValues: [dev, prod], Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:';
  for (let i = 0; i < blocks; i++) text += block(i);
  return text;
}

