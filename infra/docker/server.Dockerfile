# syntax=docker/dockerfile:1
# MotionMath collab-server: HTTP API + Hocuspocus WebSocket + the built whiteboard, one port.
# Build from the repository root:
#   docker build -f infra/docker/server.Dockerfile -t motionmath/server:dev .
# The base is pinned by version tag; to pin by digest too, resolve it once with
#   docker buildx imagetools inspect node:24.21.0-bookworm-slim --format '{{json .Manifest.Digest}}'
# and build with --build-arg NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:<digest>.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# 1. Every dependency (dev included) from the lockfile, then the whiteboard build.
FROM ${NODE_IMAGE} AS build
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
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w @motionmath/whiteboard

# 2. Production dependencies of the server and the workspaces it links (protocol, solver).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/testkit/package.json testkit/
COPY --from=build /app/protocol/package.json protocol/
COPY --from=build /app/recognizer/package.json recognizer/
COPY --from=build /app/solver/package.json solver/
COPY --from=build /app/collab-server/package.json collab-server/
COPY --from=build /app/whiteboard/package.json whiteboard/
COPY --from=build /app/extension/package.json extension/
COPY --from=build /app/infra/package.json infra/
RUN npm ci --omit=dev --no-audit --no-fund -w @motionmath/collab-server

# 3. Runtime: Node runs the TypeScript sources directly (type stripping); the workspace
# packages are linked from node_modules to their folders, which are copied beside it.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    WHITEBOARD_DIST=/app/whiteboard/dist
WORKDIR /app
COPY --from=prod-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/protocol/package.json /app/protocol/package.json
COPY --from=build --chown=root:root /app/protocol/src ./protocol/src
COPY --from=build --chown=root:root /app/solver/package.json /app/solver/package.json
COPY --from=build --chown=root:root /app/solver/src ./solver/src
COPY --from=build --chown=root:root /app/collab-server/package.json /app/collab-server/package.json
COPY --from=build --chown=root:root /app/collab-server/src ./collab-server/src
COPY --from=build --chown=root:root /app/whiteboard/dist ./whiteboard/dist
# The `node` user (uid 1000) of the official image: code stays owned by root, read-only.
USER node
EXPOSE 8787
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "collab-server/src/main.ts"]
