"""Checks a rendered overlay against what Concord's deployment promises.

    python ops/validate/check_policy.py dev|prod RENDERED.yaml

Schemas say a manifest is well formed; this says it is the one we meant: probes on the
right paths, zero-downtime rollouts, a drain before SIGTERM, non-root read-only pods,
requests and limits on every container, the replica range of each environment, and no
Secret committed for production. Prints one line per failed rule; exits 1 if any.
"""

import sys

import yaml

# minReplicas, maxReplicas of the Concord HPA per overlay.
REPLICAS = {"dev": (1, 2), "prod": (2, 10)}

# Concord drains for up to 10 s after SIGTERM; the preStop sleep comes first.
DRAIN_SECONDS = 10


def find(resources, kind, name=None):
    """The resources of a kind, by name when given (a generated hash suffix allowed)."""

    def named(resource):
        actual = resource["metadata"]["name"]
        hashed = actual.startswith(name + "-") and len(actual) == len(name) + 11
        return actual == name or hashed

    return [r for r in resources if r["kind"] == kind and (name is None or named(r))]


def pod_specs(resources):
    """(name, pod spec) of every workload."""
    for r in resources:
        if r["kind"] in ("Deployment", "StatefulSet", "Job", "DaemonSet"):
            yield f'{r["kind"]}/{r["metadata"]["name"]}', r["spec"]["template"]["spec"]


def check(overlay, resources):
    """Yields a message per broken rule."""
    deployment = find(resources, "Deployment", "concord")[0]
    spec = deployment["spec"]
    pod = spec["template"]["spec"]
    labels = spec["template"]["metadata"]["labels"]
    container = next(c for c in pod["containers"] if c["name"] == "concord")

    if "replicas" in spec:
        yield "Deployment/concord names replicas; the HPA owns them"
    rolling = spec.get("strategy", {}).get("rollingUpdate", {})
    if (rolling.get("maxUnavailable"), rolling.get("maxSurge")) != (0, 1):
        yield "Deployment/concord: rolling update must be maxUnavailable 0, maxSurge 1"

    probes = {p: container.get(p, {}).get("httpGet", {}).get("path") for p in
              ("readinessProbe", "livenessProbe")}
    if probes != {"readinessProbe": "/readyz", "livenessProbe": "/healthz"}:
        yield f"Deployment/concord: probes must be /readyz and /healthz, not {probes}"

    pre_stop = container.get("lifecycle", {}).get("preStop", {})
    sleep = pre_stop.get("sleep", {}).get("seconds")
    if sleep is None and pre_stop.get("exec", {}).get("command", [""])[0] == "sleep":
        sleep = int(pre_stop["exec"]["command"][1])
    if not sleep:
        yield "Deployment/concord: no preStop sleep before SIGTERM"
    elif pod.get("terminationGracePeriodSeconds", 30) < sleep + DRAIN_SECONDS:
        yield "Deployment/concord: terminationGracePeriodSeconds too short to drain"

    security = {**pod.get("securityContext", {}), **container.get("securityContext", {})}
    for key in ("runAsNonRoot", "readOnlyRootFilesystem"):
        if security.get(key) is not True:
            yield f"Deployment/concord: securityContext.{key} must be true"
    if security.get("allowPrivilegeEscalation") is not False:
        yield "Deployment/concord: securityContext.allowPrivilegeEscalation must be false"

    annotations = spec["template"]["metadata"].get("annotations", {})
    if annotations.get("prometheus.io/scrape") != "true" or \
            annotations.get("prometheus.io/path") != "/metrics":
        yield "Deployment/concord: prometheus.io scrape annotations missing"

    for name, pod_spec in pod_specs(resources):
        for c in pod_spec.get("containers", []) + pod_spec.get("initContainers", []):
            res = c.get("resources", {})
            for part in ("requests", "limits"):
                if not {"cpu", "memory"} <= set(res.get(part, {})):
                    yield f"{name}: container {c['name']} needs cpu and memory {part}"

    config = find(resources, "ConfigMap", "concord-config")[0]["data"]
    if config.get("CONCORD_STORE") != "mongodb" or config.get("CONCORD_PUBSUB") != "redis":
        yield "ConfigMap concord-config: CONCORD_STORE=mongodb and CONCORD_PUBSUB=redis"
    port = int(config.get("CONCORD_BIND", ":0").rsplit(":", 1)[1])
    if port not in [p["containerPort"] for p in container.get("ports", [])]:
        yield f"CONCORD_BIND port {port} is not a containerPort of Deployment/concord"

    hpa = find(resources, "HorizontalPodAutoscaler", "concord")[0]["spec"]
    if (hpa["minReplicas"], hpa["maxReplicas"]) != REPLICAS[overlay]:
        yield f"HPA/concord: {overlay} wants replicas {REPLICAS[overlay]}"
    if {m["resource"]["name"] for m in hpa.get("metrics", [])} != {"cpu", "memory"}:
        yield "HPA/concord: scale on cpu and memory"

    for kind in ("Service", "PodDisruptionBudget"):
        selector = find(resources, kind, "concord")[0]["spec"]["selector"]
        selector = selector.get("matchLabels", selector)
        if not selector or any(labels.get(k) != v for k, v in selector.items()):
            yield f"{kind}/concord: selector does not match the Concord pods"

    if overlay == "prod" and find(resources, "Secret"):
        yield "prod renders a Secret: production secrets stay out of git"


def main():
    overlay, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as file:
        resources = [r for r in yaml.safe_load_all(file) if r]
    problems = list(check(overlay, resources))
    for problem in problems:
        print(f"FAIL {overlay}: {problem}")
    print(f"policy {overlay}: {len(resources)} resources, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
