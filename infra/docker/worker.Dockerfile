# syntax=docker/dockerfile:1
# MotionMath solver worker (`npm run worker`): its own process, reaching boards over
# WebSocket with a `solver` token and sharing the queue through Redis (or PostgreSQL).
# Build from the repository root:
#   docker build -f infra/docker/worker.Dockerfile -t motionmath/worker:dev .
# The base is pinned by version tag; to pin by digest too, resolve it once with
#   docker buildx imagetools inspect node:24.21.0-bookworm-slim --format '{{json .Manifest.Digest}}'
# and build with --build-arg NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:<digest>.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# 1. Production dependencies only: the worker needs no build step (Node strips the types).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY testkit/package.json testkit/
COPY protocol/package.json protocol/
COPY recognizer/package.json recognizer/
COPY solver/package.json solver/
COPY collab-server/package.json collab-server/
COPY whiteboard/package.json whiteboard/
COPY extension/package.json extension/
COPY infra/package.json infra/
RUN npm ci --omit=dev --no-audit --no-fund -w @motionmath/collab-server

# 2. Runtime: the worker and the token CLI are in collab-server's sources.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json ./
COPY --chown=root:root protocol/package.json protocol/
COPY --chown=root:root protocol/src protocol/src
COPY --chown=root:root solver/package.json solver/
COPY --chown=root:root solver/src solver/src
COPY --chown=root:root collab-server/package.json collab-server/
COPY --chown=root:root collab-server/src collab-server/src
COPY --chown=root:root --chmod=0755 infra/docker/worker-entrypoint.sh /usr/local/bin/worker-entrypoint
# Where the compose `init` service leaves the solver token (a named volume copies this
# folder's ownership, so the unprivileged user can write it).
RUN mkdir -p /run/motionmath && chown node:node /run/motionmath
USER node
# Healthy while the server the worker depends on answers (the worker itself has no port;
# it exits on a fatal error and the orchestrator restarts it).
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.SERVER_URL.replace(/^ws/, 'http') + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/worker-entrypoint"]
CMD ["node", "collab-server/src/worker/main.ts"]
