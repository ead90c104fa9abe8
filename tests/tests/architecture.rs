//! Architecture rules, checked against `cargo metadata`: the core crates (`domain`,
//! `ports`, `app`) must never depend on an adapter, on the web framework, or on a
//! database, broker or object-store client, directly or through another crate.

#![allow(
    clippy::unwrap_used,
    reason = "malformed metadata should fail the test loudly"
)]

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use serde_json::Value;

/// Crates the core must never reach, with the reason.
const FORBIDDEN: &[&str] = &[
    "poem",
    "poem-openapi",
    "mongodb",
    "redis",
    "object_store",
    "redb",
];

/// What each core crate may depend on among the workspace's own crates.
const CORE: &[(&str, &[&str])] = &[
    ("concord-domain", &[]),
    ("concord-ports", &["concord-domain"]),
    ("concord-app", &["concord-domain", "concord-ports"]),
];

struct Graph {
    /// Package id to name.
    names: HashMap<String, String>,
    /// Package id to the ids it depends on, with whether the edge is dev-only.
    edges: HashMap<String, Vec<(String, bool)>>,
}

fn metadata() -> Graph {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("metadata is JSON");

    let names = json["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let edges = json["resolve"]["nodes"]
        .as_array()
        .expect("resolve nodes")
        .iter()
        .map(|node| {
            let deps = node["deps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|dep| {
                    let kinds = dep["dep_kinds"].as_array().unwrap();
                    let dev_only = kinds.iter().all(|k| k["kind"].as_str() == Some("dev"));
                    (dep["pkg"].as_str().unwrap().to_owned(), dev_only)
                })
                .collect();
            (node["id"].as_str().unwrap().to_owned(), deps)
        })
        .collect();
    Graph { names, edges }
}

impl Graph {
    fn id_of(&self, name: &str) -> String {
        let found = self.names.iter().find(|(_, n)| n.as_str() == name);
        found
            .map(|(id, _)| id.clone())
            .unwrap_or_else(|| panic!("{name} is in the workspace"))
    }

    /// Every crate `name` depends on, transitively. Dev-dependencies count for the crate
    /// itself (its tests and doctests) but not for what it builds on.
    fn closure(&self, name: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![(self.id_of(name), true)];
        while let Some((id, is_root)) = stack.pop() {
            for (dep, dev_only) in &self.edges[&id] {
                if *dev_only && !is_root {
                    continue;
                }
                if seen.insert(self.names[dep].clone()) {
                    stack.push((dep.clone(), false));
                }
            }
        }
        seen
    }
}

#[test]
fn the_core_crates_depend_on_no_adapter_framework_or_driver() {
    let graph = metadata();
    for (core, allowed) in CORE {
        let reached = graph.closure(core);
        let bad: Vec<_> = reached
            .iter()
            .filter(|dep| {
                let own_crate = dep.starts_with("concord-") && !allowed.contains(&dep.as_str());
                own_crate || FORBIDDEN.contains(&dep.as_str())
            })
            .collect();
        assert!(bad.is_empty(), "{core} must not depend on {bad:?}");
    }
}

#[test]
fn the_rule_would_catch_a_forbidden_dependency() {
    // The server depends on everything; if the closure missed it the rule above would
    // pass vacuously.
    let reached = metadata().closure("concord-server");
    for expected in [
        "poem",
        "poem-openapi",
        "concord-embedded-store",
        "concord-app",
    ] {
        assert!(reached.contains(expected), "closure misses {expected}");
    }
}
