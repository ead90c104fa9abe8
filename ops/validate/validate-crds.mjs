// Validates the custom resources in Kubernetes YAML files, which kubernetes-validate
// only warns about because it knows no CRDs:
//
//   node ops/validate/validate-crds.mjs FILE...
//
// - ArgoCD Application (argoproj.io/v1alpha1) and Prometheus Operator ServiceMonitor
//   (monitoring.coreos.com/v1) are checked against the schemas of their CRDs, as shipped
//   by @kubernetes-models: required fields and types.
// - Those schemas accept any unknown field, so the fields we write are also checked
//   against the names the CRDs define (STRICT_KEYS below): a typo such as `selfHael`
//   would otherwise switch a feature off without a word.
// - Any other resource whose API group is not a built-in one fails: it has no schema here.
//   Built-in resources are skipped; kubernetes-validate checks those.
//
// Prints one line per custom resource and exits 1 when any check failed.

import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";

const MODELS = {
  "argoproj.io/v1alpha1/Application": Application,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor,
};

// Field names each CRD defines at the paths we write, per resource kind. `[]` in a path
// stands for every item of a list. Extend a list when a new field of the CRD is used.
const STRICT_KEYS = {
  Application: {
    spec: [
      "destination", "ignoreDifferences", "info", "project", "revisionHistoryLimit",
      "source", "sourceHydrator", "sources", "syncPolicy",
    ],
    "spec.source": [
      "chart", "directory", "helm", "kustomize", "name", "path", "plugin", "ref",
      "repoURL", "targetRevision",
    ],
    "spec.destination": ["name", "namespace", "server"],
    "spec.syncPolicy": ["automated", "managedNamespaceMetadata", "retry", "syncOptions"],
    "spec.syncPolicy.automated": ["allowEmpty", "enabled", "prune", "selfHeal"],
    "spec.syncPolicy.retry": ["backoff", "limit", "refresh"],
    "spec.syncPolicy.retry.backoff": ["duration", "factor", "maxDuration"],
    "spec.ignoreDifferences[]": [
      "group", "jqPathExpressions", "jsonPointers", "kind", "managedFieldsManagers",
      "name", "namespace",
    ],
  },
  ServiceMonitor: {
    spec: [
      "attachMetadata", "bodySizeLimit", "endpoints", "fallbackScrapeProtocol", "jobLabel",
      "keepDroppedTargets", "labelLimit", "labelNameLengthLimit", "labelValueLengthLimit",
      "namespaceSelector", "podTargetLabels", "sampleLimit", "scrapeClass",
      "scrapeClassicHistograms", "scrapeProtocols", "selector", "selectorMechanism",
      "targetLabels", "targetLimit",
    ],
    "spec.endpoints[]": [
      "authorization", "basicAuth", "bearerTokenFile", "bearerTokenSecret",
      "enableHttp2", "filterRunning", "followRedirects", "honorLabels",
      "honorTimestamps", "interval", "metricRelabelings", "noProxy", "oauth2", "params",
      "path", "port", "proxyConnectHeader", "proxyFromEnvironment", "proxyUrl",
      "relabelings", "scheme", "scrapeTimeout", "targetPort", "tlsConfig",
      "trackTimestampsStaleness",
    ],
  },
};

/** True for API groups that ship with Kubernetes: `v1`, `apps/v1`, `*.k8s.io/...`. */
function isBuiltIn(apiVersion) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  return !group.includes(".") || group.endsWith(".k8s.io");
}

/** The objects found at a dotted path with `[]` list steps. */
function objectsAt(root, path) {
  let found = [root];
  for (const step of path.split(".")) {
    const list = step.endsWith("[]");
    const key = list ? step.slice(0, -2) : step;
    found = found.flatMap((node) => {
      const value = node?.[key];
      if (value === undefined || value === null) return [];
      return list ? (Array.isArray(value) ? value : []) : [value];
    });
  }
  return found.filter((node) => node && typeof node === "object" && !Array.isArray(node));
}

/** Messages for the fields a CRD does not define. */
function unknownFields(resource) {
  const problems = [];
  for (const [path, known] of Object.entries(STRICT_KEYS[resource.kind] ?? {})) {
    for (const node of objectsAt(resource, path)) {
      for (const key of Object.keys(node)) {
        if (!known.includes(key)) problems.push(`${path}: unknown field '${key}'`);
      }
    }
  }
  return problems;
}

/** Checks one resource; returns the problems found, none when it is valid. */
function check(resource) {
  const Model = MODELS[`${resource.apiVersion}/${resource.kind}`];
  if (!Model) return [`no schema for ${resource.apiVersion} ${resource.kind}`];

  const problems = [];
  try {
    new Model(resource).validate();
  } catch (error) {
    problems.push(error.message);
  }
  return problems.concat(unknownFields(resource));
}

let checked = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.log(`FAIL ${file}: ${doc.errors[0].message}`);
      failed++;
      continue;
    }
    const resource = doc.toJS();
    if (!resource?.apiVersion || !resource?.kind) continue;
    if (isBuiltIn(resource.apiVersion)) continue;

    const name = `${resource.kind}/${resource.metadata?.name ?? "?"}`;
    const problems = check(resource);
    checked++;
    if (problems.length === 0) {
      console.log(`ok   ${file}: ${name}`);
    } else {
      failed++;
      console.log(`FAIL ${file}: ${name}: ${problems.join("; ")}`);
    }
  }
}
console.log(`custom resources: ${checked - failed} valid, ${failed} invalid`);
process.exit(failed > 0 ? 1 : 0);
