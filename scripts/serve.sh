#!/usr/bin/env bash
# Serves the site on embedded defaults (http://127.0.0.1:3000 unless PORTAL_BIND says
# otherwise), after installing what is missing and building a release.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$root/scripts/bootstrap.sh" build
build_release
cd "$root"
exec "$server_bin" "$@"
