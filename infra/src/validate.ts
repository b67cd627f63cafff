/** Schema validation of rendered Kubernetes objects with the `kubernetes-models` types
 * (the OpenAPI schemas of the Kubernetes API and of the Prometheus Operator CRDs). */
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { KubeObject } from './kustomize.ts';

interface Validatable {
  validate(): void;
}

const MODELS: Record<string, new (data: never) => Validatable> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
};

/** Throws with the object's identity and the schema errors when `o` is invalid, or when
 * its apiVersion/kind has no model here (an unknown kind is never waved through). */
export function validateObject(o: KubeObject): void {
  const key = `${o.apiVersion}/${o.kind}`;
  const Model = MODELS[key];
  if (Model === undefined) throw new Error(`${key} ${o.metadata.name}: no schema to validate it`);
  try {
    new Model(structuredClone(o) as never).validate();
  } catch (error) {
    throw new Error(`${key} ${o.metadata.name}: ${(error as Error).message}`, { cause: error });
  }
}
