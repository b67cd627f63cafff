export { K8S_DIR, parseYamlFile, renderKustomization, strategicMerge } from './kustomize.ts';
export type { KubeObject } from './kustomize.ts';
export { validateObject } from './validate.ts';
export { isPinnedImage, lintDockerfile, parseDockerfile } from './dockerfile.ts';
export type { Instruction } from './dockerfile.ts';
export { exposedSeries, metricNames } from './promql.ts';
