/** A small Dockerfile lint (hadolint is not available here): the rules our images
 * promise, checked on the instructions after joining continuation lines. */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let current = lines[i] ?? '';
    if (/^\s*(#|$)/.test(current)) continue;
    while (current.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      current = `${current.trimEnd().slice(0, -1).trimEnd()} ${(lines[++i] ?? '').trim()}`;
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(current);
    if (match === null) throw new Error(`line ${start + 1}: not an instruction: ${current}`);
    out.push({
      keyword: (match[1] ?? '').toUpperCase(),
      args: (match[2] ?? '').trim(),
      line: start + 1,
    });
  }
  return out;
}

/** An image reference pinned by an exact version tag and/or a sha256 digest. Exact means
 * x.y.z, or x.y for images whose releases have two parts (PostgreSQL 17.6). */
export function isPinnedImage(ref: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(ref)) return true;
  const tag = /:([^/:@]+)$/.exec(ref)?.[1];
  return tag !== undefined && /^\d+\.\d+(\.\d+)?(-[a-z0-9.-]+)?$/.test(tag);
}

/** Problems of a Dockerfile (empty when it passes): every FROM pinned (directly or via
 * an ARG default), the final stage runs as a non-root USER, has a HEALTHCHECK and a
 * CMD or ENTRYPOINT, dependencies come from `npm ci` (the lockfile), never `npm install`. */
export function lintDockerfile(text: string): string[] {
  const problems: string[] = [];
  const instructions = parseDockerfile(text);
  const args = new Map<string, string>();
  const stages: string[] = [];
  let finalStageStart = -1;
  for (const [index, ins] of instructions.entries()) {
    if (ins.keyword === 'ARG' && finalStageStart < 0) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(\S+)$/.exec(ins.args);
      if (m) args.set(m[1] ?? '', m[2] ?? '');
    }
    if (ins.keyword === 'FROM') {
      const [rawImage, as, stage] = ins.args.split(/\s+/);
      const image = (rawImage ?? '').replace(
        /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/,
        (_, name: string) => args.get(name) ?? `<unset ${name}>`,
      );
      if (!stages.includes(image) && !isPinnedImage(image)) {
        problems.push(`line ${ins.line}: base image "${image}" is not pinned by version or digest`);
      }
      if (as?.toUpperCase() === 'AS' && stage) stages.push(stage);
      finalStageStart = index;
    }
    if (ins.keyword === 'RUN' && /\bnpm\s+(install|i)\b/.test(ins.args)) {
      problems.push(`line ${ins.line}: use \`npm ci\` (the lockfile), not \`npm install\``);
    }
  }
  if (finalStageStart < 0) return [...problems, 'no FROM instruction'];
  const final = instructions.slice(finalStageStart);
  const users = final.filter((i) => i.keyword === 'USER');
  const lastUser = users.at(-1)?.args.split(':')[0];
  if (lastUser === undefined) problems.push('final stage: no USER (it would run as root)');
  else if (lastUser === 'root' || lastUser === '0') problems.push('final stage: USER is root');
  const healthchecks = final.filter((i) => i.keyword === 'HEALTHCHECK');
  if (healthchecks.length === 0 || healthchecks.some((h) => /^NONE\b/i.test(h.args))) {
    problems.push('final stage: no HEALTHCHECK');
  }
  if (!final.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')) {
    problems.push('final stage: no CMD or ENTRYPOINT');
  }
  if (!instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args))) {
    problems.push('dependencies are not installed with `npm ci`');
  }
  return problems;
}
