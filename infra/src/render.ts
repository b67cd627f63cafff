/** `npm run render -w @motionmath/infra -- dev|production`: prints the rendered overlay
 * (what `kubectl kustomize infra/k8s/overlays/<name>` prints, up to key order). */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { K8S_DIR, renderKustomization } from './kustomize.ts';

const overlay = process.argv[2] ?? 'dev';
const objects = renderKustomization(join(K8S_DIR, 'overlays', overlay));
process.stdout.write(objects.map((o) => stringify(o)).join('---\n'));
