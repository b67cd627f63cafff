#!/bin/sh
# SOLVER_TOKEN may come from a file (a compose volume written by the `init` service, or
# a mounted Kubernetes Secret) instead of the environment.
set -eu
if [ -z "${SOLVER_TOKEN:-}" ] && [ -n "${SOLVER_TOKEN_FILE:-}" ]; then
  SOLVER_TOKEN=$(cat "$SOLVER_TOKEN_FILE")
  export SOLVER_TOKEN
fi
exec "$@"
