# Shared settings for the rig scripts. Sourced, never run.
# Everything the rig builds or downloads lives under LBC_RIG_HOME, outside the repository.
set -euo pipefail

RIG_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LBC_RIG_HOME="${LBC_RIG_HOME:-$HOME/.cache/lbc-rig}"
K8S_VERSION="v1.36.3"
K8S_STAGING_VERSION="v0.36.3"
K8S_MINOR="36"
ETCD_VERSION="v3.6.16"
MOTO_VERSION="5.2.5"
KWOK_VERSION="v0.8.0"
HELM_VERSION="v4.3.2"

RIG_BIN="$LBC_RIG_HOME/bin/k8s-$K8S_VERSION-etcd-$ETCD_VERSION"
# kwok has its own directory: its version moves apart from the kube binaries'.
KWOK_BIN="$LBC_RIG_HOME/bin/kwok-$KWOK_VERSION"
# helm too: the chart tests render and install with it.
HELM_BIN="$LBC_RIG_HOME/bin/helm-$HELM_VERSION"
MOTO_VENV="$LBC_RIG_HOME/moto-$MOTO_VERSION"

rig_log() { printf '[rig] %s\n' "$*" >&2; }

# A free TCP port on loopback, picked by the kernel.
rig_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# rig_wait_for <seconds> <description> <command...>: polls the command until it succeeds.
rig_wait_for() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      rig_log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.25
  done
}
