#!/usr/bin/env python3
"""Checks Newsline's deployment files for what the pipeline needs to run.

scripts/validate-deploy.sh renders the Kustomize trees and hands the results here:

    check_deploy.py --base RENDERED.yaml --overlay RENDERED.yaml [--overlay ...]
                    --kafka RENDERED.yaml --compose deploy/compose/compose.yaml
                    --dockerfile deploy/docker/Dockerfile [--self-test]

Schema validation of the built-in kinds is kubernetes-validate's job; this file checks
the custom resources (KEDA ScaledObject and TriggerAuthentication, Strimzi KafkaTopic,
Kafka and KafkaNodePool, Prometheus Operator ServiceMonitor and PrometheusRule) for the
fields their CRDs require, alerting rules for reading only the metrics and labels the
workers export (read from StageRuntime's WorkerMetrics.swift), and every file for the
pipeline's own rules: probes on /healthz and /readyz, a
grace period longer than the shutdown timeout, one PDB and one lag-based ScaledObject
per worker with maxReplicaCount equal to the partitions, the five topics, and the
compose services. --self-test breaks a good render in known ways and expects each
break to be caught, so a check that can never fail does not pass silently.

Prints one line per check and ends with `check_deploy: N passed, M failed`; exits 1
if anything failed.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

# ---------------------------------------------------------------------------
# What the pipeline is made of (DESIGN.md and the worker's options).
# ---------------------------------------------------------------------------

TOPICS = [
    "articles.submitted",
    "articles.ingested",
    "articles.entities",
    "articles.summarized",
    "articles.dead-letter",
]


@dataclass(frozen=True)
class Worker:
    stage: str
    input_topic: str

    @property
    def name(self) -> str:
        return f"newsline-{self.stage}"

    def group(self, env: dict[str, str]) -> str:
        """The consumer group the worker joins, as it resolves it: NEWSLINE_GROUP (empty counts as unset), else
        newsline-<stage> after the topic prefix."""
        return env.get("NEWSLINE_GROUP") or env.get("NEWSLINE_TOPIC_PREFIX", "") + self.name


WORKERS = [
    Worker("ingest", "articles.submitted"),
    Worker("entities", "articles.ingested"),
    Worker("summarize", "articles.entities"),
]

HTTP_PORT = 9090

# The metrics the workers export, and the labels they carry, as the code declares them.
WORKER_METRICS_SOURCE = Path(__file__).resolve().parent.parent / "Sources/StageRuntime/Observability/WorkerMetrics.swift"


def exported_metrics() -> tuple[set[str], set[str]]:
    """Metric names (histograms with their _bucket, _sum and _count series) and label names the workers export."""
    text = WORKER_METRICS_SOURCE.read_text(encoding="utf-8")
    names = set(re.findall(r'"(newsline_[a-z_]+)"', text))
    series = set(names)
    for name in names:
        if name.endswith("_seconds"):
            series |= {f"{name}_bucket", f"{name}_sum", f"{name}_count"}
    labels = set(re.findall(r'\("([a-z_]+)",', text)) | {"le"}
    return series, labels


# Labels Prometheus itself (or the Prometheus Operator's scrape) puts on every series.
SCRAPE_LABELS = {"job", "namespace", "service", "pod", "instance", "endpoint", "container"}
DEFAULT_SHUTDOWN_TIMEOUT = 10.0  # seconds, the workers' default


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass
class Report:
    results: list[tuple[str, bool, str]] = field(default_factory=list)
    quiet: bool = False

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.results.append((name, bool(ok), detail))
        if not self.quiet:
            mark = "PASS" if ok else "FAIL"
            print(f"{mark} {name}" + (f" ({detail})" if detail and not ok else ""))
        return bool(ok)

    @property
    def passed(self) -> int:
        return sum(1 for _, ok, _ in self.results if ok)

    @property
    def failed(self) -> int:
        return sum(1 for _, ok, _ in self.results if not ok)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def load_documents(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if isinstance(doc, dict)]


def dig(value: Any, *keys: Any, default: Any = None) -> Any:
    for key in keys:
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, list) and isinstance(key, int) and -len(value) <= key < len(value):
            value = value[key]
        else:
            return default
    return value


def of_kind(docs: Iterable[dict[str, Any]], kind: str, group: str | None = None) -> list[dict[str, Any]]:
    found = []
    for doc in docs:
        if doc.get("kind") != kind:
            continue
        if group is not None and not str(doc.get("apiVersion", "")).startswith(group + "/"):
            continue
        found.append(doc)
    return found


def named(docs: Iterable[dict[str, Any]], kind: str, name: str) -> dict[str, Any] | None:
    for doc in of_kind(docs, kind):
        if dig(doc, "metadata", "name") == name:
            return doc
    return None


def selector_matches(selector: dict[str, Any] | None, labels: dict[str, Any]) -> bool:
    """matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist)."""
    if not isinstance(selector, dict) or not selector:
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions") or []:
        key, operator = expression.get("key"), expression.get("operator")
        values = expression.get("values") or []
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and labels.get(key) in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
    return True


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def seconds(value: Any) -> float | None:
    """Compose durations ("25s", "1m30s") and plain numbers."""
    if is_int(value) or isinstance(value, float):
        return float(value)
    if not isinstance(value, str):
        return None
    total, matched = 0.0, False
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s|us)", value):
        matched = True
        total += float(number) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 0.000001}[unit]
    if matched:
        return total
    try:
        return float(value)
    except ValueError:
        return None


_NUMBER = r"(?:\d+\.?\d*|\.\d+)"
_SECONDS = rf"[+-]?{_NUMBER}(?:e[+-]?\d+)?"
_WORKER_TIME = re.compile(
    rf"{_SECONDS}"
    rf"|(?:{_NUMBER}(?:ms|d|h|m|s))+"  # 1m30s, 500ms, 2d
    rf"|p(?=.)(?:{_NUMBER}[wd])*(?:t(?:{_NUMBER}[hms])+)?",  # ISO 8601: PT2M, P1DT12H
    re.IGNORECASE,
)
MAX_WORKER_SECONDS = 604_800.0  # a week, the workers' limit on a time


def worker_seconds(value: Any) -> float | None:
    """A time as the workers read NEWSLINE_SHUTDOWN_TIMEOUT: a number of seconds or a duration with its
    units, above 0 to a week; None for what they refuse at start."""
    text = str(value) if isinstance(value, float) or is_int(value) else value
    if not isinstance(text, str) or not _WORKER_TIME.fullmatch(text):
        return None
    if re.fullmatch(_SECONDS, text, re.IGNORECASE):
        total = float(text)
    else:
        units = {"w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1, "ms": 0.001}
        body = text[1:].lower().replace("t", "") if text[0] in "pP" else text.lower()
        total = sum(float(n) * units[u] for n, u in re.findall(rf"({_NUMBER})(ms|w|d|h|m|s)", body))
    return total if 0 < total <= MAX_WORKER_SECONDS else None


# ---------------------------------------------------------------------------
# Kubernetes: resolving a container's environment
# ---------------------------------------------------------------------------


def container_env(docs: list[dict[str, Any]], container: dict[str, Any]) -> dict[str, str]:
    """The container's literal environment: envFrom ConfigMaps first, then env."""
    env: dict[str, str] = {}
    for source in container.get("envFrom") or []:
        ref = dig(source, "configMapRef", "name")
        config_map = named(docs, "ConfigMap", ref) if ref else None
        if config_map:
            prefix = source.get("prefix", "")
            for key, value in (config_map.get("data") or {}).items():
                env[prefix + key] = str(value)
    for item in container.get("env") or []:
        if "value" in item:
            env[item["name"]] = str(item["value"])
        elif dig(item, "valueFrom", "configMapKeyRef"):
            ref = item["valueFrom"]["configMapKeyRef"]
            config_map = named(docs, "ConfigMap", ref.get("name"))
            if config_map and ref.get("key") in (config_map.get("data") or {}):
                env[item["name"]] = str(config_map["data"][ref["key"]])
    return env


def probe_is_http(probe: Any, path: str, container: dict[str, Any]) -> bool:
    get = dig(probe, "httpGet")
    if not isinstance(get, dict) or get.get("path") != path:
        return False
    port = get.get("port")
    if is_int(port):
        return port == HTTP_PORT
    return any(p.get("name") == port and p.get("containerPort") == HTTP_PORT for p in container.get("ports") or [])


def topic_prefix(docs: list[dict[str, Any]]) -> str:
    """NEWSLINE_TOPIC_PREFIX as the first worker sees it (empty when unset)."""
    deployment = named(docs, "Deployment", WORKERS[0].name)
    container = dig(deployment, "spec", "template", "spec", "containers", 0) or {}
    return container_env(docs, container).get("NEWSLINE_TOPIC_PREFIX", "")


def kafka_topic_name(doc: dict[str, Any]) -> str:
    return dig(doc, "spec", "topicName") or dig(doc, "metadata", "name") or ""


# ---------------------------------------------------------------------------
# Custom resources: the fields their CRDs require
# ---------------------------------------------------------------------------


def check_scaled_object_required(report: Report, label: str, doc: dict[str, Any]) -> None:
    name = dig(doc, "metadata", "name")
    where = f"{label}: ScaledObject {name}"
    report.check(f"{where} has apiVersion keda.sh/v1alpha1", doc.get("apiVersion") == "keda.sh/v1alpha1")
    target = dig(doc, "spec", "scaleTargetRef", "name")
    report.check(f"{where} has spec.scaleTargetRef.name", isinstance(target, str) and bool(target))
    triggers = dig(doc, "spec", "triggers")
    ok = isinstance(triggers, list) and bool(triggers)
    if ok:
        for trigger in triggers:
            metadata = trigger.get("metadata") if isinstance(trigger, dict) else None
            if not (
                isinstance(trigger, dict)
                and isinstance(trigger.get("type"), str)
                and trigger["type"]
                and isinstance(metadata, dict)
                and all(isinstance(v, str) for v in metadata.values())
            ):
                ok = False
    report.check(f"{where} has spec.triggers[] each with type and string-valued metadata", ok)
    low, high = dig(doc, "spec", "minReplicaCount", default=0), dig(doc, "spec", "maxReplicaCount")
    report.check(
        f"{where} has integer replica bounds with min <= max",
        is_int(low) and is_int(high) and 0 <= low <= high,
        f"min={low} max={high}",
    )


def check_trigger_authentication_required(report: Report, label: str, doc: dict[str, Any]) -> None:
    where = f"{label}: TriggerAuthentication {dig(doc, 'metadata', 'name')}"
    refs = dig(doc, "spec", "secretTargetRef")
    ok = isinstance(refs, list) and bool(refs) and all(
        isinstance(r, dict) and all(isinstance(r.get(k), str) and r.get(k) for k in ("parameter", "name", "key"))
        for r in refs
    )
    report.check(f"{where} has secretTargetRef[] each with parameter, name and key", ok)


def check_kafka_topic_required(report: Report, label: str, doc: dict[str, Any]) -> None:
    where = f"{label}: KafkaTopic {dig(doc, 'metadata', 'name')}"
    report.check(
        f"{where} has apiVersion kafka.strimzi.io/v1 or v1beta2",
        doc.get("apiVersion") in ("kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2"),
    )
    cluster = dig(doc, "metadata", "labels", "strimzi.io/cluster")
    report.check(f"{where} has label strimzi.io/cluster", isinstance(cluster, str) and bool(cluster))
    partitions, replicas = dig(doc, "spec", "partitions"), dig(doc, "spec", "replicas")
    report.check(
        f"{where} has integer spec.partitions and spec.replicas >= 1",
        is_int(partitions) and partitions >= 1 and is_int(replicas) and 1 <= replicas <= 32767,
        f"partitions={partitions} replicas={replicas}",
    )
    config = dig(doc, "spec", "config", default={})
    report.check(
        f"{where} has a flat spec.config",
        isinstance(config, dict) and all(not isinstance(v, (dict, list)) for v in config.values()),
    )


def check_service_monitor_required(report: Report, label: str, doc: dict[str, Any], docs: list[dict]) -> None:
    where = f"{label}: ServiceMonitor {dig(doc, 'metadata', 'name')}"
    selector = dig(doc, "spec", "selector")
    endpoints = dig(doc, "spec", "endpoints")
    report.check(
        f"{where} has spec.selector and spec.endpoints[] with a port",
        isinstance(selector, dict)
        and isinstance(endpoints, list)
        and bool(endpoints)
        and all(isinstance(e, dict) and (e.get("port") or e.get("targetPort")) for e in endpoints),
    )
    services = [s for s in of_kind(docs, "Service") if selector_matches(selector, dig(s, "metadata", "labels", default={}))]
    names = {dig(s, "metadata", "name") for s in services}
    report.check(
        f"{where} selects the three worker metrics Services",
        all(w.name in names for w in WORKERS),
        f"selects {sorted(names)}",
    )


def check_prometheus_rule_required(report: Report, label: str, doc: dict[str, Any]) -> None:
    where = f"{label}: PrometheusRule {dig(doc, 'metadata', 'name')}"
    groups = dig(doc, "spec", "groups")
    rules = [r for g in groups or [] if isinstance(g, dict) for r in g.get("rules") or []]
    report.check(
        f"{where} has spec.groups[] with a name and rules",
        isinstance(groups, list) and bool(groups) and all(isinstance(g, dict) and g.get("name") and g.get("rules") for g in groups),
    )
    metrics, labels = exported_metrics()
    for rule in rules:
        name = rule.get("alert") or rule.get("record") or "?"
        expr = rule.get("expr")
        report.check(
            f"{where} {name}: an alert with an expr, a severity (warning or critical) and a summary",
            isinstance(rule.get("alert"), str)
            and isinstance(expr, str)
            and bool(expr.strip())
            and dig(rule, "labels", "severity") in {"warning", "critical"}
            and bool(dig(rule, "annotations", "summary")),
        )
        if not isinstance(expr, str):
            continue
        used = set(re.findall(r"\bnewsline_[a-z_]+", expr))
        report.check(f"{where} {name}: reads only metrics the workers export", used <= metrics, f"unknown: {sorted(used - metrics)}")
        grouped = {
            label.strip()
            for clause in re.findall(r"\b(?:by|without)\s*\(([^)]*)\)", expr)
            for label in clause.split(",")
            if label.strip()
        }
        matched = set(re.findall(r"([a-z_]+)\s*(?:=~|!~|!=|=)\s*\"", expr))
        known = labels | SCRAPE_LABELS
        report.check(
            f"{where} {name}: groups and matches only labels the series carry",
            (grouped | matched) <= known,
            f"unknown: {sorted((grouped | matched) - known)}",
        )
        for job in re.findall(r'job\s*=~?\s*"([^"]*)"', expr):
            report.check(
                f"{where} {name}: job {job!r} matches every worker's metrics Service",
                all(re.fullmatch(job, w.name) for w in WORKERS),
            )


# ---------------------------------------------------------------------------
# Kubernetes workloads
# ---------------------------------------------------------------------------


def check_pod_security(report: Report, where: str, pod: dict[str, Any]) -> None:
    pod_context = pod.get("securityContext") or {}
    containers = pod.get("containers") or []
    ok = bool(containers)
    for container in containers:
        context = container.get("securityContext") or {}
        non_root = context.get("runAsNonRoot", pod_context.get("runAsNonRoot")) is True
        user = context.get("runAsUser", pod_context.get("runAsUser"))
        if not non_root or user == 0 or context.get("privileged") is True:
            ok = False
        if context.get("allowPrivilegeEscalation") is not False:
            ok = False
    report.check(f"{where} runs as non-root without privilege escalation", ok)


def check_resources(report: Report, where: str, pod: dict[str, Any]) -> None:
    ok = bool(pod.get("containers"))
    for container in pod.get("containers") or []:
        resources = container.get("resources") or {}
        requests, limits = resources.get("requests") or {}, resources.get("limits") or {}
        if not (requests.get("cpu") and requests.get("memory") and limits.get("memory")):
            ok = False
    report.check(f"{where} sets cpu/memory requests and a memory limit", ok)


def check_worker(report: Report, label: str, docs: list[dict[str, Any]], worker: Worker, complete: bool) -> None:
    where = f"{label}: {worker.name}"
    deployment = named(docs, "Deployment", worker.name)
    if not report.check(f"{where} Deployment exists", deployment is not None):
        return
    pod = dig(deployment, "spec", "template", "spec", default={})
    pod_labels = dig(deployment, "spec", "template", "metadata", "labels", default={})
    containers = pod.get("containers") or []
    container = containers[0] if containers else {}
    env = container_env(docs, container)

    report.check(
        f"{where} selector matches its pod template",
        selector_matches(dig(deployment, "spec", "selector"), pod_labels),
    )
    command = (container.get("command") or []) + (container.get("args") or [])
    report.check(
        f"{where} runs the {worker.name} executable",
        bool(command) and str(command[0]).rsplit("/", 1)[-1] == worker.name,
        f"command={command}",
    )
    report.check(
        f"{where} leaves replicas to KEDA (no spec.replicas)",
        "replicas" not in (deployment.get("spec") or {}),
    )
    check_resources(report, where, pod)
    check_pod_security(report, where, pod)
    report.check(
        f"{where} liveness probe is GET /healthz on port {HTTP_PORT}",
        probe_is_http(container.get("livenessProbe"), "/healthz", container),
    )
    report.check(
        f"{where} readiness probe is GET /readyz on port {HTTP_PORT}",
        probe_is_http(container.get("readinessProbe"), "/readyz", container),
    )
    timeout = worker_seconds(env.get("NEWSLINE_SHUTDOWN_TIMEOUT", DEFAULT_SHUTDOWN_TIMEOUT))
    grace = pod.get("terminationGracePeriodSeconds", 30)
    report.check(
        f"{where} terminationGracePeriodSeconds > NEWSLINE_SHUTDOWN_TIMEOUT, a time the workers take",
        timeout is not None and is_int(grace) and grace > timeout,
        f"grace={grace} timeout={env.get('NEWSLINE_SHUTDOWN_TIMEOUT', DEFAULT_SHUTDOWN_TIMEOUT)!r}",
    )
    terms = dig(pod, "affinity", "podAntiAffinity", default={})
    anti = [t for t in terms.get("requiredDuringSchedulingIgnoredDuringExecution") or []]
    anti += [dig(t, "podAffinityTerm") for t in terms.get("preferredDuringSchedulingIgnoredDuringExecution") or []]
    report.check(
        f"{where} has pod anti-affinity against its own pods",
        any(isinstance(t, dict) and t.get("topologyKey") and selector_matches(t.get("labelSelector"), pod_labels)
            for t in anti),
    )
    report.check(
        f"{where} listens on 0.0.0.0:{HTTP_PORT}",
        env.get("NEWSLINE_HTTP_HOST") == "0.0.0.0"
        and env.get("NEWSLINE_HTTP_PORT") == str(HTTP_PORT)
        and any(p.get("containerPort") == HTTP_PORT for p in container.get("ports") or []),
    )
    report.check(f"{where} has NEWSLINE_BROKERS", bool(env.get("NEWSLINE_BROKERS")))
    group = worker.group(env)
    prefix = env.get("NEWSLINE_TOPIC_PREFIX", "")
    # Pipelines sharing a cluster by prefix must not share a group (rebalances, replay, transactional ids).
    report.check(
        f"{where} consumes as group {group}, which carries the topic prefix {prefix!r}",
        group.startswith(prefix),
    )

    # The SASL/TLS properties file comes from a Secret volume.
    config_path = env.get("NEWSLINE_KAFKA_CONFIG", "")
    secret_name = None
    for mount in container.get("volumeMounts") or []:
        if config_path.startswith(mount.get("mountPath", "").rstrip("/") + "/"):
            volume = next((v for v in pod.get("volumes") or [] if v.get("name") == mount.get("name")), {})
            secret_name = dig(volume, "secret", "secretName")
    report.check(
        f"{where} reads NEWSLINE_KAFKA_CONFIG from a mounted Secret",
        bool(config_path) and bool(secret_name),
        f"NEWSLINE_KAFKA_CONFIG={config_path!r}",
    )
    if complete:
        report.check(
            f"{where} Kafka client Secret is part of the render",
            secret_name is not None and named(docs, "Secret", secret_name) is not None,
            f"secret={secret_name}",
        )

    pdbs = [p for p in of_kind(docs, "PodDisruptionBudget") if selector_matches(dig(p, "spec", "selector"), pod_labels)]
    report.check(
        f"{where} has exactly one PodDisruptionBudget",
        len(pdbs) == 1 and any(k in pdbs[0].get("spec", {}) for k in ("maxUnavailable", "minAvailable")),
        f"found {len(pdbs)}",
    )

    services = [s for s in of_kind(docs, "Service")
                if selector_matches({"matchLabels": dig(s, "spec", "selector", default={})}, pod_labels)]
    service = services[0] if len(services) == 1 else {}
    annotations = dig(service, "metadata", "annotations", default={})
    report.check(
        f"{where} metrics Service has a 'metrics' port and prometheus.io annotations",
        any(p.get("name") == "metrics" and p.get("port") == HTTP_PORT for p in dig(service, "spec", "ports", default=[]))
        and annotations.get("prometheus.io/scrape") == "true"
        and annotations.get("prometheus.io/port") == str(HTTP_PORT)
        and annotations.get("prometheus.io/path") == "/metrics",
        f"{len(services)} Services select the pods",
    )

    scaled = [s for s in of_kind(docs, "ScaledObject") if dig(s, "spec", "scaleTargetRef", "name") == worker.name
              and dig(s, "spec", "scaleTargetRef", "kind", default="Deployment") == "Deployment"]
    if not report.check(f"{where} has exactly one KEDA ScaledObject", len(scaled) == 1, f"found {len(scaled)}"):
        return
    triggers = [t for t in dig(scaled[0], "spec", "triggers", default=[]) if isinstance(t, dict)]
    kafka = [t for t in triggers if t.get("type") == "kafka"]
    metadata = dig(kafka, 0, "metadata", default={})
    expected_topic = topic_prefix(docs) + worker.input_topic
    report.check(
        f"{where} ScaledObject has a kafka trigger on group {group}, topic {expected_topic}",
        len(kafka) == 1 and metadata.get("consumerGroup") == group and metadata.get("topic") == expected_topic,
        f"metadata={metadata}",
    )
    report.check(
        f"{where} ScaledObject bootstrapServers equal NEWSLINE_BROKERS",
        bool(metadata.get("bootstrapServers")) and metadata.get("bootstrapServers") == env.get("NEWSLINE_BROKERS"),
        f"{metadata.get('bootstrapServers')} vs {env.get('NEWSLINE_BROKERS')}",
    )
    topic = next((t for t in of_kind(docs, "KafkaTopic") if kafka_topic_name(t) == expected_topic), None)
    partitions = dig(topic, "spec", "partitions")
    report.check(
        f"{where} ScaledObject maxReplicaCount equals {expected_topic}'s partitions",
        partitions is not None and dig(scaled[0], "spec", "maxReplicaCount") == partitions,
        f"max={dig(scaled[0], 'spec', 'maxReplicaCount')} partitions={partitions}",
    )


def check_topics(report: Report, label: str, docs: list[dict[str, Any]]) -> None:
    prefix = topic_prefix(docs)
    topics = of_kind(docs, "KafkaTopic")
    for doc in topics:
        check_kafka_topic_required(report, label, doc)
    names = [kafka_topic_name(t) for t in topics]
    for topic in TOPICS:
        report.check(
            f"{label}: KafkaTopic for {prefix + topic} exists once",
            names.count(prefix + topic) == 1,
            f"topics={names}",
        )
    clusters = {dig(t, "metadata", "labels", "strimzi.io/cluster") for t in topics}
    report.check(f"{label}: every KafkaTopic names the same Strimzi cluster", len(clusters) == 1, f"{clusters}")


def check_namespaces(report: Report, label: str, docs: list[dict[str, Any]]) -> None:
    namespaces = {dig(d, "metadata", "name") for d in of_kind(docs, "Namespace")}
    used = {dig(d, "metadata", "namespace") for d in docs if d.get("kind") != "Namespace"}
    report.check(
        f"{label}: every resource sits in the rendered Namespace",
        len(namespaces) == 1 and used == namespaces,
        f"namespaces={namespaces} used={used}",
    )


def check_workload_render(report: Report, label: str, docs: list[dict[str, Any]], complete: bool) -> None:
    check_namespaces(report, label, docs)
    for worker in WORKERS:
        check_worker(report, label, docs, worker, complete)
    for deployment in of_kind(docs, "Deployment"):
        name = dig(deployment, "metadata", "name")
        if name in {w.name for w in WORKERS}:
            continue
        pod = dig(deployment, "spec", "template", "spec", default={})
        check_resources(report, f"{label}: {name}", pod)
        check_pod_security(report, f"{label}: {name}", pod)
    for doc in of_kind(docs, "ScaledObject"):
        check_scaled_object_required(report, label, doc)
    for doc in of_kind(docs, "TriggerAuthentication"):
        check_trigger_authentication_required(report, label, doc)
    for doc in of_kind(docs, "ServiceMonitor"):
        check_service_monitor_required(report, label, doc, docs)
    for doc in of_kind(docs, "PrometheusRule"):
        check_prometheus_rule_required(report, label, doc)
    check_topics(report, label, docs)


# ---------------------------------------------------------------------------
# Strimzi Kafka cluster
# ---------------------------------------------------------------------------


def check_kafka_cluster(report: Report, label: str, docs: list[dict[str, Any]], workloads: list[dict]) -> None:
    clusters = of_kind(docs, "Kafka", "kafka.strimzi.io")
    if not report.check(f"{label}: exactly one Strimzi Kafka", len(clusters) == 1, f"found {len(clusters)}"):
        return
    kafka = clusters[0]
    name = dig(kafka, "metadata", "name")
    listeners = dig(kafka, "spec", "kafka", "listeners")
    report.check(
        f"{label}: Kafka {name} has spec.kafka.listeners[] with name, port, type and tls",
        isinstance(listeners, list)
        and bool(listeners)
        and all(
            isinstance(l, dict) and isinstance(l.get("name"), str) and is_int(l.get("port"))
            and isinstance(l.get("type"), str) and isinstance(l.get("tls"), bool)
            for l in listeners
        ),
    )
    report.check(
        f"{label}: Kafka {name} runs the Topic Operator (KafkaTopics need it)",
        isinstance(dig(kafka, "spec", "entityOperator", "topicOperator"), dict),
    )
    pools = [p for p in of_kind(docs, "KafkaNodePool", "kafka.strimzi.io")
             if dig(p, "metadata", "labels", "strimzi.io/cluster") == name]
    report.check(f"{label}: Kafka {name} has node pools labelled strimzi.io/cluster={name}", bool(pools))
    for pool in pools:
        roles = dig(pool, "spec", "roles")
        report.check(
            f"{label}: KafkaNodePool {dig(pool, 'metadata', 'name')} has replicas, roles and storage.type",
            is_int(dig(pool, "spec", "replicas")) and dig(pool, "spec", "replicas") >= 1
            and isinstance(roles, list) and bool(roles) and set(roles) <= {"controller", "broker"}
            and isinstance(dig(pool, "spec", "storage", "type"), str),
        )
    roles = {r for p in pools for r in dig(p, "spec", "roles", default=[])}
    report.check(f"{label}: KRaft: the pools hold controllers and brokers", {"controller", "broker"} <= roles)
    brokers = sum(dig(p, "spec", "replicas", default=0) for p in pools if "broker" in dig(p, "spec", "roles", default=[]))
    plain = [l for l in listeners or [] if isinstance(l, dict) and l.get("tls") is False]

    for doc in workloads:
        topics = of_kind(doc["docs"], "KafkaTopic")
        report.check(
            f"{label} + {doc['label']}: KafkaTopics belong to cluster {name}",
            bool(topics) and all(dig(t, "metadata", "labels", "strimzi.io/cluster") == name for t in topics),
        )
        report.check(
            f"{label} + {doc['label']}: topic replicas fit the {brokers} brokers",
            bool(topics) and all(dig(t, "spec", "replicas", default=0) <= brokers for t in topics),
        )
        deployment = named(doc["docs"], "Deployment", WORKERS[0].name)
        container = dig(deployment, "spec", "template", "spec", "containers", 0) or {}
        servers = container_env(doc["docs"], container).get("NEWSLINE_BROKERS", "")
        expected = [f"{name}-kafka-bootstrap" + suffix + f":{l['port']}" for l in plain
                    for suffix in ("", f".{dig(kafka, 'metadata', 'namespace')}.svc",
                                   f".{dig(kafka, 'metadata', 'namespace')}.svc.cluster.local")]
        report.check(
            f"{label} + {doc['label']}: NEWSLINE_BROKERS is the cluster's plaintext bootstrap Service",
            servers in expected,
            f"{servers!r} not in {expected}",
        )


# ---------------------------------------------------------------------------
# Compose
# ---------------------------------------------------------------------------


def compose_env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def command_text(service: dict[str, Any]) -> str:
    parts: list[str] = []
    for key in ("entrypoint", "command"):
        value = service.get(key)
        if isinstance(value, list):
            parts += [str(v) for v in value]
        elif value is not None:
            parts.append(str(value))
    return " ".join(parts)


def check_compose(report: Report, label: str, compose: dict[str, Any]) -> None:
    services = compose.get("services") or {}
    kafka = services.get("kafka")
    if not report.check(f"{label}: has a kafka service", isinstance(kafka, dict)):
        return
    env = compose_env(kafka)
    report.check(f"{label}: kafka uses the official apache/kafka image", str(kafka.get("image", "")).startswith("apache/kafka:"))
    roles = {r.strip() for r in env.get("KAFKA_PROCESS_ROLES", "").split(",")}
    report.check(
        f"{label}: kafka runs in KRaft mode (broker,controller, quorum voters, no ZooKeeper)",
        {"broker", "controller"} <= roles
        and bool(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
        and bool(env.get("KAFKA_CONTROLLER_LISTENER_NAMES"))
        and bool(env.get("CLUSTER_ID"))
        and not any("ZOOKEEPER" in k for k in env)
        and not any("zookeeper" in name or "zookeeper" in str(s.get("image", "")) for name, s in services.items()),
    )
    report.check(f"{label}: kafka has a healthcheck", bool(dig(kafka, "healthcheck", "test")))
    advertised = env.get("KAFKA_ADVERTISED_LISTENERS", "")

    jobs = [(name, s) for name, s in services.items()
            if isinstance(s, dict) and "--create" in command_text(s) and "articles." in command_text(s)]
    if report.check(f"{label}: has a one-shot topic creation job", len(jobs) == 1, f"found {len(jobs)}"):
        job_name, job = jobs[0]
        text = command_text(job)
        report.check(
            f"{label}: {job_name} creates all five topics",
            all(re.search(re.escape(t) + r"(?![\w.-])", text) for t in TOPICS),
        )
        job_env = compose_env(job)
        report.check(
            f"{label}: {job_name} creates 12 partitions",
            "12" in (job_env.get("PARTITIONS"), *re.findall(r"--partitions\s+\"?(\d+)", text)),
        )
        report.check(
            f"{label}: {job_name} runs once and waits for a healthy kafka",
            str(job.get("restart", "no")) == "no"
            and dig(job, "depends_on", "kafka", "condition") == "service_healthy",
        )
    else:
        job_name = "topics"

    for worker in WORKERS:
        service = services.get(worker.stage)
        where = f"{label}: {worker.stage}"
        if not report.check(f"{where} service exists", isinstance(service, dict)):
            continue
        command = service.get("command") or []
        command = command if isinstance(command, list) else str(command).split()
        report.check(
            f"{where} runs the {worker.name} executable",
            bool(command) and str(command[0]).rsplit("/", 1)[-1] == worker.name,
        )
        test = " ".join(str(t) for t in dig(service, "healthcheck", "test", default=[]) or [])
        report.check(
            f"{where} has a healthcheck on /readyz or /healthz at {HTTP_PORT}",
            ("/readyz" in test or "/healthz" in test) and str(HTTP_PORT) in test,
        )
        report.check(
            f"{where} depends on a healthy kafka and a completed {job_name}",
            dig(service, "depends_on", "kafka", "condition") == "service_healthy"
            and dig(service, "depends_on", job_name, "condition") == "service_completed_successfully",
        )
        worker_env = compose_env(service)
        brokers = worker_env.get("NEWSLINE_BROKERS", "")
        report.check(
            f"{where} NEWSLINE_BROKERS is one of kafka's advertised listeners",
            bool(brokers) and all(b in advertised for b in brokers.split(",")),
            f"{brokers!r} vs {advertised!r}",
        )
        report.check(
            f"{where} serves HTTP on 0.0.0.0:{HTTP_PORT}",
            worker_env.get("NEWSLINE_HTTP_HOST") == "0.0.0.0"
            and worker_env.get("NEWSLINE_HTTP_PORT", str(HTTP_PORT)) == str(HTTP_PORT),
        )
        timeout = worker_seconds(worker_env.get("NEWSLINE_SHUTDOWN_TIMEOUT", DEFAULT_SHUTDOWN_TIMEOUT))
        grace = seconds(service.get("stop_grace_period", "10s"))
        report.check(
            f"{where} stop_grace_period > NEWSLINE_SHUTDOWN_TIMEOUT, a time the workers take",
            timeout is not None and grace is not None and grace > timeout,
            f"grace={grace} timeout={worker_env.get('NEWSLINE_SHUTDOWN_TIMEOUT', DEFAULT_SHUTDOWN_TIMEOUT)!r}",
        )


# ---------------------------------------------------------------------------
# Dockerfile (hadolint lints it; these are the project's own rules, STYLE.md point 15)
# ---------------------------------------------------------------------------


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    logical, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        logical.append(current + stripped)
        current = ""
    if current:
        logical.append(current)
    pairs = []
    for line in logical:
        instruction, _, rest = line.partition(" ")
        pairs.append((instruction.upper(), rest.strip()))
    return pairs


def check_dockerfile(report: Report, label: str, text: str) -> None:
    instructions = dockerfile_instructions(text)
    args = {}
    for instruction, rest in instructions:
        if instruction == "ARG" and "=" in rest:
            key, _, value = rest.partition("=")
            args.setdefault(key, value)

    def expand(value: str) -> str:
        return re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), value)

    stages: list[list[tuple[str, str]]] = []
    for instruction, rest in instructions:
        if instruction == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((instruction, rest))
    froms = [expand(stage[0][1].split()[0]) for stage in stages]
    report.check(f"{label}: is multi-stage", len(stages) >= 2, f"FROM {froms}")
    if len(stages) < 2:
        return
    build, runtime = stages[0], stages[-1]
    build_runs = " ".join(rest for instruction, rest in build if instruction == "RUN")
    runtime_runs = " ".join(rest for instruction, rest in runtime if instruction == "RUN")
    report.check(
        f"{label}: builds on a Swift bookworm image",
        re.fullmatch(r"swift:[\w.]+-bookworm", froms[0]) is not None,
        froms[0],
    )
    report.check(
        f"{label}: runs on slim Debian bookworm",
        froms[-1] == "debian:bookworm-slim",
        froms[-1],
    )
    report.check(
        f"{label}: build stage installs librdkafka-dev and pkg-config",
        "librdkafka-dev" in build_runs and "pkg-config" in build_runs,
    )
    report.check(
        f"{label}: runtime installs librdkafka1 and no compiler or -dev package",
        "librdkafka1" in runtime_runs
        and not re.search(r"[\w.+-]+-dev\b|\bgcc\b|\bclang\b|\bswift\b", runtime_runs),
    )
    builds = re.findall(r"swift build ([^&;|]*)", build_runs)
    compile_steps = [b for b in builds if "--show-bin-path" not in b]
    report.check(
        f"{label}: one `swift build -c release` builds every product",
        len(compile_steps) == 1 and "-c release" in compile_steps[0] and "--product" not in compile_steps[0],
        f"{compile_steps}",
    )
    report.check(
        f"{label}: links the Swift runtime statically",
        bool(compile_steps) and "--static-swift-stdlib" in compile_steps[0],
    )
    report.check(
        f"{label}: ships all four executables",
        all(re.search(rf"(?<![\w-]){name}(?![\w-])", build_runs)
            for name in ["newsline", *[w.name for w in WORKERS]]),
    )
    report.check(
        f"{label}: copies the NewsNLP resource bundle next to the binaries",
        "newsline_NewsNLP.resources" in build_runs,
    )
    users = [expand(rest) for instruction, rest in runtime if instruction == "USER"]
    user = users[-1].split(":")[0] if users else ""
    report.check(
        f"{label}: runtime user is numeric and not root",
        user.isdigit() and int(user) != 0,
        f"USER {users[-1] if users else None}",
    )
    env_text = " ".join(rest for instruction, rest in runtime if instruction == "ENV")
    report.check(f"{label}: containers bind the HTTP endpoint on 0.0.0.0", "NEWSLINE_HTTP_HOST=0.0.0.0" in env_text)
    commands = [rest for instruction, rest in runtime if instruction in ("CMD", "ENTRYPOINT")]
    report.check(
        f"{label}: CMD/ENTRYPOINT use the exec form (no shell)",
        bool(commands) and all(c.startswith("[") for c in commands),
    )


# ---------------------------------------------------------------------------
# Self-test: every break below must be caught
# ---------------------------------------------------------------------------

Mutation = Callable[[list[dict[str, Any]]], None]


def _first(docs: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    return of_kind(docs, kind)[0]


def _worker_container(docs: list[dict[str, Any]]) -> dict[str, Any]:
    return named(docs, "Deployment", WORKERS[1].name)["spec"]["template"]["spec"]["containers"][0]


def _prefixed(docs: list[dict[str, Any]], groups: bool = True) -> None:
    """A topic prefix set as deploy/README.md says: in the ConfigMap, the KafkaTopics' names and the KEDA triggers'
    topics, and (unless `groups` is false) the triggers' consumer groups."""
    prefix = "dev."
    _first(docs, "ConfigMap")["data"]["NEWSLINE_TOPIC_PREFIX"] = prefix
    for topic in of_kind(docs, "KafkaTopic"):
        topic["spec"]["topicName"] = prefix + kafka_topic_name(topic)
    for scaled in of_kind(docs, "ScaledObject"):
        for trigger in scaled["spec"]["triggers"]:
            trigger["metadata"]["topic"] = prefix + trigger["metadata"]["topic"]
            if groups:
                trigger["metadata"]["consumerGroup"] = prefix + trigger["metadata"]["consumerGroup"]


def _shared_group(docs: list[dict[str, Any]]) -> None:
    """Prefixed, but one stage kept on the unprefixed group, as a copy of the base would (KEDA agreeing)."""
    _prefixed(docs)
    _worker_container(docs).setdefault("env", []).append({"name": "NEWSLINE_GROUP", "value": WORKERS[1].name})
    scaled = next(s for s in of_kind(docs, "ScaledObject") if dig(s, "spec", "scaleTargetRef", "name") == WORKERS[1].name)
    scaled["spec"]["triggers"][0]["metadata"]["consumerGroup"] = WORKERS[1].name


K8S_MUTATIONS: dict[str, Mutation] = {
    "topic prefix set, KEDA still on the unprefixed groups": lambda d: _prefixed(d, groups=False),
    "topic prefix set, one stage on the unprefixed group": _shared_group,
    "ScaledObject without scaleTargetRef.name": lambda d: _first(d, "ScaledObject")["spec"]["scaleTargetRef"].pop("name"),
    "ScaledObject trigger without type": lambda d: _first(d, "ScaledObject")["spec"]["triggers"][0].pop("type"),
    "ScaledObject trigger without metadata": lambda d: _first(d, "ScaledObject")["spec"]["triggers"][0].pop("metadata"),
    "ScaledObject with a numeric metadata value": lambda d: _first(d, "ScaledObject")["spec"]["triggers"][0]["metadata"]
    .update(lagThreshold=50),
    "ScaledObject on the wrong consumer group": lambda d: _first(d, "ScaledObject")["spec"]["triggers"][0]["metadata"]
    .update(consumerGroup="someone-else"),
    "ScaledObject on the wrong topic": lambda d: _first(d, "ScaledObject")["spec"]["triggers"][0]["metadata"]
    .update(topic="articles.summarized"),
    "ScaledObject maxReplicaCount above the partitions": lambda d: _first(d, "ScaledObject")["spec"]
    .update(maxReplicaCount=24),
    "ScaledObject removed": lambda d: d.remove(_first(d, "ScaledObject")),
    "KafkaTopic without strimzi.io/cluster": lambda d: _first(d, "KafkaTopic")["metadata"]["labels"]
    .pop("strimzi.io/cluster"),
    "KafkaTopic without partitions": lambda d: _first(d, "KafkaTopic")["spec"].pop("partitions"),
    "KafkaTopic with replicas as a string": lambda d: _first(d, "KafkaTopic")["spec"].update(replicas="3"),
    "dead-letter KafkaTopic removed": lambda d: d.remove(
        next(t for t in of_kind(d, "KafkaTopic") if kafka_topic_name(t).endswith("articles.dead-letter"))),
    "worker without readiness probe": lambda d: _worker_container(d).pop("readinessProbe"),
    "worker liveness probe on /metrics": lambda d: _worker_container(d)["livenessProbe"]["httpGet"]
    .update(path="/metrics"),
    "worker without resources": lambda d: _worker_container(d).pop("resources"),
    "worker grace period below the shutdown timeout": lambda d: named(d, "Deployment", WORKERS[1].name)["spec"][
        "template"]["spec"].update(terminationGracePeriodSeconds=5),
    "shutdown timeout the workers refuse (20sec)": lambda d: _first(d, "ConfigMap")["data"].update(
        NEWSLINE_SHUTDOWN_TIMEOUT="20sec"),
    "worker without anti-affinity": lambda d: named(d, "Deployment", WORKERS[1].name)["spec"]["template"]["spec"]
    .pop("affinity"),
    "worker running as root": lambda d: named(d, "Deployment", WORKERS[1].name)["spec"]["template"]["spec"][
        "securityContext"].update(runAsNonRoot=False, runAsUser=0),
    "PodDisruptionBudget removed": lambda d: d.remove(_first(d, "PodDisruptionBudget")),
    "metrics Service without scrape annotation": lambda d: _first(d, "Service")["metadata"]["annotations"]
    .pop("prometheus.io/scrape"),
}

def _rule(docs: list[dict[str, Any]], alert: str) -> dict[str, Any]:
    return next(r for g in _first(docs, "PrometheusRule")["spec"]["groups"] for r in g["rules"] if r["alert"] == alert)


# Broken on the render that holds the optional components.
RULE_MUTATIONS: dict[str, Mutation] = {
    "alert on a metric the workers do not export": lambda d: _rule(d, "NewslineDeadLetters").update(
        expr="sum by (stage) (increase(newsline_dead_letters_total[15m])) > 0"),
    "alert grouped by a label the metrics lack": lambda d: _rule(d, "NewslineStageBehind").update(
        expr="sum by (worker) (newsline_consumer_lag) > 1000"),
    "alert on a job no worker Service is": lambda d: _rule(d, "NewslineWorkerDown").update(
        expr='up{job=~"newsline-(ingest|entity|summary)"} == 0'),
    "alert without a severity": lambda d: _rule(d, "NewslineKafkaErrors")["labels"].pop("severity"),
}

COMPOSE_MUTATIONS: dict[str, Mutation] = {
    "compose kafka in ZooKeeper mode": lambda c: c[0]["services"]["kafka"]["environment"].update(
        KAFKA_PROCESS_ROLES="broker", KAFKA_ZOOKEEPER_CONNECT="zookeeper:2181"),
    "compose topic job without the dead-letter topic": lambda c: c[0]["services"]["topics"].update(
        command=[command_text(c[0]["services"]["topics"]).replace("articles.dead-letter", "")]),
    "compose shutdown timeout the workers refuse (10sec)": lambda c: c[0]["services"]["entities"]["environment"].update(
        NEWSLINE_SHUTDOWN_TIMEOUT="10sec"),
    "compose worker without healthcheck": lambda c: c[0]["services"]["entities"].pop("healthcheck"),
    "compose worker without depends_on": lambda c: c[0]["services"]["summarize"].pop("depends_on"),
    "compose worker without summarize service": lambda c: c[0]["services"].pop("summarize"),
}


DOCKERFILE_MUTATIONS: dict[str, Callable[[str], str]] = {
    "Dockerfile building one product per flag": lambda t: t.replace(
        "swift build -c release --static-swift-stdlib \\", "swift build -c release --product newsline \\", 1),
    "Dockerfile without the static Swift runtime": lambda t: t.replace("--static-swift-stdlib", ""),
    "Dockerfile without the NLP resource bundle": lambda t: t.replace("newsline_NewsNLP.resources", "x"),
    "Dockerfile running as root": lambda t: re.sub(r"(?m)^USER .*$", "USER 0", t),
    "Dockerfile with a shell-form CMD": lambda t: re.sub(r"(?m)^CMD .*$", "CMD /app/newsline --help", t),
}


def self_test(
    report: Report, overlay: list[dict[str, Any]], compose: dict[str, Any], dockerfile: str | None,
    with_rules: list[dict[str, Any]] | None,
) -> None:
    def break_render(good: list[dict[str, Any]], mutations: dict[str, Mutation]) -> None:
        for name, mutate in mutations.items():
            docs = copy.deepcopy(good)
            mutate(docs)
            probe = Report(quiet=True)
            check_workload_render(probe, "mutated", docs, complete=True)
            report.check(f"self-test: the checker catches: {name}", probe.failed > 0)

    break_render(overlay, K8S_MUTATIONS)
    # And what deploy/README.md says to do for a prefix passes.
    prefixed = copy.deepcopy(overlay)
    _prefixed(prefixed)
    probe = Report(quiet=True)
    check_workload_render(probe, "prefixed", prefixed, complete=True)
    report.check("self-test: a render with a topic prefix set as deploy/README.md says passes", probe.failed == 0,
                 "; ".join(name for name, ok, _ in probe.results if not ok)[:500])
    if report.check("self-test has a render with the PrometheusRule to break", with_rules is not None):
        break_render(with_rules, RULE_MUTATIONS)
    for name, mutate in COMPOSE_MUTATIONS.items():
        holder = [copy.deepcopy(compose)]
        mutate(holder)
        probe = Report(quiet=True)
        check_compose(probe, "mutated", holder[0])
        report.check(f"self-test: the checker catches: {name}", probe.failed > 0)
    for name, mutate in DOCKERFILE_MUTATIONS.items() if dockerfile is not None else ():
        mutated = mutate(dockerfile)
        probe = Report(quiet=True)
        check_dockerfile(probe, "mutated", mutated)
        report.check(f"self-test: the checker catches: {name}", mutated != dockerfile and probe.failed > 0)


# ---------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", action="append", default=[], metavar="RENDERED",
                        help="rendered base (the Kafka client Secret may be absent)")
    parser.add_argument("--overlay", action="append", default=[], metavar="RENDERED",
                        help="rendered overlay (must be complete)")
    parser.add_argument("--kafka", action="append", default=[], metavar="RENDERED",
                        help="rendered Strimzi Kafka cluster")
    parser.add_argument("--compose", action="append", default=[], metavar="FILE")
    parser.add_argument("--dockerfile", action="append", default=[], metavar="FILE")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args(argv)

    report = Report()
    workloads = []
    for path in args.base:
        docs = load_documents(path)
        check_workload_render(report, path, docs, complete=False)
    for path in args.overlay:
        docs = load_documents(path)
        check_workload_render(report, path, docs, complete=True)
        workloads.append({"label": path, "docs": docs})
    for path in args.kafka:
        check_kafka_cluster(report, path, load_documents(path), workloads)
    composes = []
    for path in args.compose:
        with open(path, encoding="utf-8") as handle:
            compose = yaml.safe_load(handle)
        composes.append(compose)
        check_compose(report, path, compose)
    dockerfiles = []
    for path in args.dockerfile:
        with open(path, encoding="utf-8") as handle:
            dockerfiles.append(handle.read())
        check_dockerfile(report, path, dockerfiles[-1])
    if args.self_test:
        if workloads and composes:
            with_rules = next((w["docs"] for w in workloads if of_kind(w["docs"], "PrometheusRule")), None)
            self_test(report, workloads[0]["docs"], composes[0], dockerfiles[0] if dockerfiles else None, with_rules)
        else:
            report.check("self-test has an overlay and a compose file to break", False)

    if not report.results:
        report.check("something was checked", False)
    print(f"check_deploy: {report.passed} passed, {report.failed} failed")
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
