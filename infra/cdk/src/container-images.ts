import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import { DOCKERFILE, imageTag, type ImageTarget } from '../../../tools/images/image.catalog';
import type { ConveyorStackProps } from './conveyor-stack.props';

const ECR_REGISTRY = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/;

type ImageProps = Pick<ConveyorStackProps, 'imageSource' | 'registry' | 'repoRoot'>;

/** The image of a Dockerfile target, built by CDK from the repository or pulled as pushed. */
export function containerImage(
  scope: Construct,
  target: ImageTarget,
  props: ImageProps,
): ecs.ContainerImage {
  if (props.imageSource === 'asset') {
    return ecs.ContainerImage.fromAsset(props.repoRoot, { file: DOCKERFILE, target });
  }
  if (!props.registry) throw new Error('imageSource registry needs a registry (-c registry=…)');
  const [repository, tag] = imageTag(target).split(':') as [string, string];
  const ecrRegistry = ECR_REGISTRY.exec(props.registry);
  if (!ecrRegistry)
    return ecs.ContainerImage.fromRegistry(`${props.registry}/${repository}:${tag}`);
  // A private ECR registry: the execution role is granted the pull on that repository alone.
  const [, account, region] = ecrRegistry;
  const arn = `arn:aws:ecr:${region}:${account}:repository/${repository}`;
  return ecs.ContainerImage.fromEcrRepository(
    ecr.Repository.fromRepositoryArn(scope, `${target}-repository`, arn),
    tag,
  );
}

/** Images CDK pulls from ECR, whose login (GetAuthorizationToken) has no resource to name. */
export function pullsFromEcr(props: ImageProps): boolean {
  return props.imageSource === 'asset' || ECR_REGISTRY.test(props.registry ?? '');
}
