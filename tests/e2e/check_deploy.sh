#!/usr/bin/env bash
# Validates everything in deploy/ without containers or a cluster:
#   - promtool: check config (every Prometheus config), check rules, test rules (unit tests);
#   - python3: every YAML/JSON file parses, and the cross-file contracts hold (dashboard shape,
#     metric catalogue covered, alert labels/annotations/tests, promql-expressions.txt in sync,
#     docker-compose services and mounts, herald.yaml and notify.yaml keys, Kubernetes manifests,
#     Dockerfile);
#   - amtool: deploy/alertmanager/alertmanager.yml is valid and routes by severity and ticker;
#   - with --herald PATH: `herald rules check` on the shipped rules files.
#
#   tests/e2e/check_deploy.sh [--herald build/bin/herald]
#
# Exit 0 when everything holds; otherwise 1 and one line on stderr saying what is wrong and where.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
deploy="$root/deploy"
herald_bin="${HERALD_BIN:-}"

fail() {
  echo "check_deploy: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --herald) herald_bin="${2:-}"; shift 2 ;;
    --herald=*) herald_bin="${1#--herald=}"; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check_deploy: unknown argument '$1' (usage: check_deploy.sh [--herald PATH])" >&2; exit 2 ;;
  esac
done

command -v promtool >/dev/null 2>&1 || fail "promtool not found: run scripts/setup.sh (Debian package prometheus)"
command -v python3 >/dev/null 2>&1 || fail "python3 not found"
command -v amtool >/dev/null 2>&1 || fail "amtool not found: run scripts/setup.sh test (Debian package prometheus-alertmanager)"

# First line of promtool's output that says what failed.
reason() { grep -m1 -iE 'FAILED|error|err:' <<<"$1" | sed 's/^[[:space:]]*//'; }

checked=()
for cfg in "$deploy"/prometheus/prometheus*.yml; do
  name="deploy/prometheus/$(basename "$cfg")"
  if ! out="$(cd "$(dirname "$cfg")" && promtool check config "$(basename "$cfg")" 2>&1)"; then
    # Debian's Prometheus is built without Kubernetes service discovery; the Python checks
    # below still validate that file's shape.
    if grep -q 'kubernetes_sd_configs not found' <<<"$out"; then
      checked+=("$name (YAML only: this promtool has no kubernetes_sd)")
      continue
    fi
    fail "promtool check config $name: $(reason "$out")"
  fi
  checked+=("$name")
done

out="$(promtool check rules "$deploy/prometheus/herald-alerts.yml" 2>&1)" ||
  fail "promtool check rules deploy/prometheus/herald-alerts.yml: $(reason "$out")"
out="$(cd "$deploy/prometheus/tests" && promtool test rules herald-alerts.test.yml 2>&1)" ||
  fail "promtool test rules deploy/prometheus/tests/herald-alerts.test.yml: $(grep -m1 'alertname:' <<<"$out" | sed 's/^[[:space:]]*//; s/,[[:space:]]*$//') differs from the expectation (run it for the full diff)"

# Alertmanager's example configuration: valid, and each route reached by the alerts it is for.
am_cfg="$deploy/alertmanager/alertmanager.yml"
out="$(amtool check-config "$am_cfg" 2>&1)" ||
  fail "amtool check-config deploy/alertmanager/alertmanager.yml: $(grep -m1 -iE 'FAILED|error' <<<"$out" | sed 's/^[[:space:]]*//')"
while read -r want labels; do
  # shellcheck disable=SC2086
  got="$(amtool config routes test --config.file "$am_cfg" $labels 2>/dev/null)"
  [ "$got" = "$want" ] || fail "deploy/alertmanager/alertmanager.yml routes {$labels} to '$got', expected '$want'"
done <<'ROUTES'
desk-pager,tech-desk alertname=guidance-cut severity=critical ticker=AMZN key=AMZN
tech-desk alertname=cloud-growth severity=warning ticker=MSFT key=MSFT
financials-desk alertname=margin-squeeze severity=warning ticker=JPM key=JPM
research-digest alertname=sector-news severity=info key=_
research-digest alertname=cloud-growth severity=warning ticker=TSLA key=TSLA
ROUTES
checked+=("deploy/alertmanager/alertmanager.yml (amtool check-config, 5 routes)")

python3 - "$root" <<'PY' || exit 1
import json, os, re, subprocess, sys
import yaml

root = sys.argv[1]
deploy = os.path.join(root, "deploy")
errors = []

def err(where, what):
    errors.append(f"{os.path.relpath(where, root) if os.path.isabs(where) else where}: {what}")

def load_yaml_all(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]

# 1. Every YAML and JSON file parses.
parsed = {}
for dirpath, _, files in os.walk(deploy):
    for f in sorted(files):
        p = os.path.join(dirpath, f)
        try:
            if f.endswith((".yml", ".yaml")):
                parsed[p] = load_yaml_all(p)
            elif f.endswith(".json"):
                with open(p, encoding="utf-8") as fh:
                    parsed[p] = [json.load(fh)]
        except (yaml.YAMLError, ValueError) as e:
            err(p, "does not parse: " + " ".join(str(e).split()))
if errors:
    print(f"check_deploy: {errors[0]}", file=sys.stderr)
    sys.exit(1)

def doc(rel):
    p = os.path.join(deploy, rel)
    if p not in parsed:
        err(p, "missing")
        return {}
    return parsed[p][0] if parsed[p] else {}

# The metric catalogue: every name herald registers (src/telemetry/metrics.cpp). Each must be
# documented in docs/metrics-reference.md and be on a panel or in an alert (section 3).
# herald notify's metrics (src/notify/metrics.cpp) and the shadow rules' (src/app/pipeline/shadow.cpp) count too.
metrics_src = os.path.join(root, "src/telemetry/metrics.cpp")
CATALOGUE = sorted(set(re.findall(r'"(herald_[a-z0-9_]+)"', open(metrics_src, encoding="utf-8").read())))
if len(CATALOGUE) < 10:
    err(metrics_src, f"found only {len(CATALOGUE)} metric names: has the catalogue moved?")
notify_src = os.path.join(root, "src/notify/metrics.cpp")
NOTIFY_METRICS = sorted(set(re.findall(r'"(herald_notify_[a-z0-9_]+)"', open(notify_src, encoding="utf-8").read())))
if len(NOTIFY_METRICS) < 5:
    err(notify_src, f"found only {len(NOTIFY_METRICS)} herald_notify_ metric names: has the catalogue moved?")
# The shadow rules' series (herald run --shadow-rules) are registered by their module.
shadow_src = os.path.join(root, "src/app/pipeline/shadow.cpp")
SHADOW_METRICS = sorted(set(re.findall(r'"(herald_shadow_[a-z0-9_]+)"', open(shadow_src, encoding="utf-8").read())))
if len(SHADOW_METRICS) < 4:
    err(shadow_src, f"found only {len(SHADOW_METRICS)} herald_shadow_ metric names: has the catalogue moved?")
CATALOGUE = sorted(set(CATALOGUE) | set(NOTIFY_METRICS) | set(SHADOW_METRICS))
ref_path = os.path.join(root, "docs/metrics-reference.md")
documented = set(re.findall(r"^### (herald_[a-z0-9_]+)", open(ref_path, encoding="utf-8").read(), re.M))
for m in CATALOGUE:
    if m not in documented:
        err(ref_path, f"metric {m} (src/telemetry, src/notify metrics.cpp or src/app/pipeline/shadow.cpp) has no '### {m}' entry")
# The config file's keys are `herald run`'s options (less config and help), read from where they are
# declared: the OptionSpec entries ({"name", "ARG", ...}) of cmd_run.cpp and engine_options().
HERALD_KEYS = set()
for src in ("src/app/cmd_run.cpp", "src/app/run_options.cpp"):
    with open(os.path.join(root, src), encoding="utf-8") as f:
        HERALD_KEYS |= set(re.findall(r'\{"([a-z][a-z0-9-]*)",\s*"[A-Z=_]*"', f.read()))
HERALD_KEYS -= {"config", "help"}
if not {"brokers", "rules", "drain-timeout", "fetch-stall-timeout"} <= HERALD_KEYS:
    err("src/app/run_options.cpp", f"cannot read herald run's options (found {sorted(HERALD_KEYS)})")
REQUIRED_KEYS = {"brokers", "input-topic", "alerts-topic", "dlq-topic", "group", "rules", "metrics-port",
                 "metrics-address"}
# `herald notify`'s config keys, from its OptionSpec entries (src/app/cmd_notify.cpp).
with open(os.path.join(root, "src/app/cmd_notify.cpp"), encoding="utf-8") as f:
    NOTIFY_KEYS = set(re.findall(r'\{"([a-z][a-z0-9-]*)",\s*"[A-Z=_]*"', f.read())) - {"config", "help"}
if not {"brokers", "alertmanager", "webhooks", "metrics-port"} <= NOTIFY_KEYS:
    err("src/app/cmd_notify.cpp", f"cannot read herald notify's options (found {sorted(NOTIFY_KEYS)})")
# The Deployments and what each must look like: its metrics port, replicas and config key.
DEPLOYMENTS = {"herald": {"port": 9464, "replicas": 3, "config": "herald.yaml"},
               "herald-notify": {"port": 9465, "replicas": 2, "config": "notify.yaml"}}

# 2. Grafana dashboard and provisioning.
dash_path = os.path.join(deploy, "grafana/dashboards/herald.json")
dash = doc("grafana/dashboards/herald.json")
if dash.get("uid") != "herald-overview":
    err(dash_path, f'uid is {dash.get("uid")!r}, expected "herald-overview"')
if not 36 <= int(dash.get("schemaVersion", 0)) <= 39:
    err(dash_path, f'schemaVersion {dash.get("schemaVersion")} is not ~38')
variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
if variables.get("datasource", {}).get("type") != "datasource":
    err(dash_path, 'needs a templating variable "datasource" of type datasource')
panels, ids = [], set()
def walk(ps):
    for p in ps:
        panels.append(p)
        walk(p.get("panels", []))
walk(dash.get("panels", []))
exprs = []
for p in panels:
    title = p.get("title", "?")
    if p.get("id") in ids:
        err(dash_path, f"panel id {p.get('id')} ({title}) is used twice")
    ids.add(p.get("id"))
    g = p.get("gridPos", {})
    if g.get("x", 0) + g.get("w", 0) > 24:
        err(dash_path, f'panel "{title}" is wider than the 24-column grid')
    if p.get("type") == "row":
        continue
    if p.get("datasource", {}).get("uid") != "${datasource}":
        err(dash_path, f'panel "{title}" must use datasource uid "${{datasource}}"')
    if not p.get("targets"):
        err(dash_path, f'panel "{title}" has no queries')
    for t in p.get("targets", []):
        if t.get("datasource", {}).get("uid") != "${datasource}":
            err(dash_path, f'panel "{title}" query {t.get("refId")} must use datasource uid "${{datasource}}"')
        if not t.get("expr"):
            err(dash_path, f'panel "{title}" query {t.get("refId")} has no expr')
        exprs.append(t.get("expr", ""))
titles = " | ".join(p.get("title", "").lower() for p in panels)
for needed in ["throughput", "alerts by rule and severity", "event → alert latency", "consume → alert latency",
               "stage latency", "consumer lag per partition", "dead letters by reason", "sentiment by ticker",
               "in-flight and queue depth", "rules loaded"]:
    if needed not in titles:
        err(dash_path, f'no panel titled like "{needed}"')
all_dash = " ".join(exprs)
for q in ("histogram_quantile(0.5, sum by (le) (rate(herald_event_to_alert_latency_seconds_bucket",
          "histogram_quantile(0.99, sum by (le) (rate(herald_event_to_alert_latency_seconds_bucket",
          "histogram_quantile(0.99, sum by (le) (rate(herald_consume_to_alert_latency_seconds_bucket",
          "histogram_quantile(0.99, sum by (stage, le) (rate(herald_stage_duration_seconds_bucket"):
    if q not in all_dash:
        err(dash_path, f"no query starting {q}")

ds_path = os.path.join(deploy, "grafana/provisioning/datasources/prometheus.yml")
ds = doc("grafana/provisioning/datasources/prometheus.yml").get("datasources", [])
uids = {d.get("uid") for d in ds if d.get("type") == "prometheus"}
want_uid = variables.get("datasource", {}).get("current", {}).get("value")
if want_uid not in uids:
    err(ds_path, f"no prometheus datasource with uid {want_uid!r} (the dashboard's default)")
prov = doc("grafana/provisioning/dashboards/herald.yml").get("providers", [])
prov_paths = {p.get("options", {}).get("path") for p in prov}

# 3. Alerting rules: labels, annotations, a unit test each, the catalogue covered.
alerts_path = os.path.join(deploy, "prometheus/herald-alerts.yml")
rules = [r for g in doc("prometheus/herald-alerts.yml").get("groups", []) for r in g.get("rules", [])]
tests = doc("prometheus/tests/herald-alerts.test.yml").get("tests", [])
tested = {c.get("alertname") for t in tests for c in t.get("alert_rule_test", []) if c.get("exp_alerts")}
for r in rules:
    name = r.get("alert")
    if not name:
        continue
    if "for" not in r:
        err(alerts_path, f"{name} has no for:")
    if r.get("labels", {}).get("severity") not in ("critical", "warning", "info"):
        err(alerts_path, f"{name} needs labels.severity critical|warning|info")
    for a in ("summary", "description"):
        if not r.get("annotations", {}).get(a):
            err(alerts_path, f"{name} has no {a} annotation")
    if name not in tested:
        err(os.path.join(deploy, "prometheus/tests/herald-alerts.test.yml"), f"no test where {name} fires")
    exprs.append(str(r.get("expr", "")))
names = {r.get("alert") for r in rules}
for needed in ["HeraldInstanceDown", "HeraldNoEventsConsumed", "HeraldConsumerLagGrowing", "HeraldDeadLetterRateHigh",
               "HeraldAlertDeliveryFailures", "HeraldRulesReloadFailing", "HeraldEventToAlertLatencyHigh",
               "HeraldTransactionsAborting"]:
    if needed not in names:
        err(alerts_path, f"alert {needed} is missing")
everything = " ".join(exprs)
for m in CATALOGUE:
    if not re.search(re.escape(m) + r"(_bucket|_sum|_count)?\b", everything):
        err(dash_path, f"metric {m} is on no panel and in no alert")

for cfg in ("prometheus/prometheus.yml", "prometheus/prometheus-local.yml", "prometheus/prometheus-k8s.yml"):
    c = doc(cfg)
    jobs = {s.get("job_name") for s in c.get("scrape_configs", [])}
    if "herald" not in jobs:
        err(os.path.join(deploy, cfg), 'no scrape job "herald" (the alerts and dashboard select job="herald")')
    if "herald-alerts.yml" not in c.get("rule_files", []):
        err(os.path.join(deploy, cfg), "rule_files does not load herald-alerts.yml")
    # herald notify is scraped as job="herald-notify": its own job, or (Kubernetes) the pod's name label.
    keeps = " ".join(str(r.get("regex", "")) for s in c.get("scrape_configs", []) for r in s.get("relabel_configs", []))
    if "herald-notify" not in jobs and "herald-notify" not in keeps:
        err(os.path.join(deploy, cfg), 'herald notify is not scraped (job "herald-notify")')

# 4. promql-expressions.txt lists exactly what the dashboard and rules contain.
txt_path = os.path.join(deploy, "promql-expressions.txt")
listed = subprocess.run([sys.executable, os.path.join(root, "tests/e2e/check_promql.py"), "--list"],
                        capture_output=True, text=True)
want = [l for l in listed.stdout.splitlines() if l and not l.startswith("#")]
try:
    with open(txt_path, encoding="utf-8") as f:
        have = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
except OSError:
    have = None
if listed.returncode != 0:
    err(txt_path, "tests/e2e/check_promql.py --list failed: " + (listed.stderr.strip().splitlines() or ["?"])[-1])
elif have != want:
    err(txt_path, "out of date: regenerate with tests/e2e/check_promql.py --list (keep the header)")

# 5. herald.yaml, the rules, docker-compose.
def check_config(cfg, where):
    if not isinstance(cfg, dict):
        err(where, "must be a YAML map of option: value")
        return
    unknown = set(cfg) - HERALD_KEYS
    if unknown:
        err(where, f"unknown herald run keys {sorted(unknown)} (herald would refuse to start)")
    missing = REQUIRED_KEYS - set(cfg)
    if missing:
        err(where, f"missing keys {sorted(missing)}")
    if cfg.get("metrics-port") != 9464:
        err(where, "metrics-port must stay 9464: the Dockerfile HEALTHCHECK, compose, k8s and Prometheus use it")
    if cfg.get("metrics-address") != "0.0.0.0":
        err(where, "metrics-address must be 0.0.0.0: in a container Prometheus and the probes connect from outside")
herald_yaml = os.path.join(deploy, "herald.yaml")
check_config(doc("herald.yaml"), herald_yaml)
rules_text = open(os.path.join(deploy, "rules/herald-rules.yaml"), encoding="utf-8").read()
if not doc("rules/herald-rules.yaml").get("rules"):
    err(os.path.join(deploy, "rules/herald-rules.yaml"), "has no rules")
if os.path.basename(doc("herald.yaml").get("rules", "")) not in os.listdir(os.path.join(deploy, "rules")):
    err(herald_yaml, "rules: names a file that deploy/rules/ does not ship")

compose_path = os.path.join(deploy, "docker-compose.yml")
compose = doc("docker-compose.yml")
services = compose.get("services", {})
for s in ("kafka", "topic-init", "herald", "herald-notify", "alertmanager", "prometheus", "grafana"):
    if s not in services:
        err(compose_path, f"service {s} is missing")
kenv = services.get("kafka", {}).get("environment", {})
if "controller" not in str(kenv.get("KAFKA_PROCESS_ROLES", "")):
    err(compose_path, "kafka must run in KRaft mode (KAFKA_PROCESS_ROLES with controller)")
init = " ".join(map(str, services.get("topic-init", {}).get("command", [])))
for topic, parts in (("news", "12"), ("alerts", None), ("news.dlq", None), ("alerts.undelivered", None)):
    m = re.search(r"--topic " + re.escape(topic) + r" --partitions (\d+)", init)
    if not m:
        err(compose_path, f"topic-init does not create topic {topic}")
    elif parts and m.group(1) != parts:
        err(compose_path, f"topic {topic} must have {parts} partitions")
hdeps = services.get("herald", {}).get("depends_on", {})
if "topic-init" not in hdeps and "kafka" not in hdeps:
    err(compose_path, "herald must depend on kafka (through topic-init)")
ndeps = services.get("herald-notify", {}).get("depends_on", {})
if "topic-init" not in ndeps or "alertmanager" not in ndeps:
    err(compose_path, "herald-notify must depend on topic-init and alertmanager")
notify_cmd = services.get("herald-notify", {}).get("command", [])
if notify_cmd[:1] != ["notify"] or "./notify.yaml:/etc/herald/notify.yaml:ro" not in services.get("herald-notify", {}).get("volumes", []):
    err(compose_path, "herald-notify must run `notify --config /etc/herald/notify.yaml` with ./notify.yaml mounted there")

def check_notify_config(cfg, where):
    if not isinstance(cfg, dict):
        err(where, "must be a YAML map of option: value")
        return
    unknown = set(cfg) - NOTIFY_KEYS - {"kafka", "consumer", "producer"}
    if unknown:
        err(where, f"unknown herald notify keys {sorted(unknown)} (herald notify would refuse to start)")
    if cfg.get("metrics-port") != 9465 or cfg.get("metrics-address") != "0.0.0.0":
        err(where, "metrics-port must be 9465 and metrics-address 0.0.0.0 (compose, k8s and Prometheus use them)")
check_notify_config(doc("notify.yaml"), os.path.join(deploy, "notify.yaml"))
hooks_example = doc("notify-webhooks.yaml")
if not isinstance(hooks_example, list) or not all(isinstance(w, dict) and w.get("url") for w in hooks_example):
    err(os.path.join(deploy, "notify-webhooks.yaml"), "must be a list of webhooks, each with a url")
for name, svc in services.items():
    for v in svc.get("volumes", []):
        src, _, rest = str(v).partition(":")
        if src.startswith("."):
            if not os.path.exists(os.path.join(deploy, src)):
                err(compose_path, f"service {name} mounts {src}, which does not exist")
            if src.startswith("./grafana/dashboards") and rest.split(":")[0] not in prov_paths:
                err(compose_path, "grafana mounts the dashboards where the dashboard provider does not look")

# 6. Kubernetes manifests.
k8s = {}
for f in sorted(os.listdir(os.path.join(deploy, "k8s"))):
    p = os.path.join(deploy, "k8s", f)
    if f == "kustomization.yaml":
        for res in parsed[p][0].get("resources", []):
            if not os.path.exists(os.path.join(deploy, "k8s", res)):
                err(p, f"resource {res} does not exist")
        continue
    for d in parsed.get(p, []):
        if not all(d.get(k) for k in ("apiVersion", "kind")) or not d.get("metadata", {}).get("name"):
            err(p, "every manifest needs apiVersion, kind and metadata.name")
            continue
        if "namespace" in d["metadata"]:
            err(p, f'{d["kind"]}/{d["metadata"]["name"]} sets a namespace; the manifests are namespace-less')
        k8s[(d["kind"], d["metadata"]["name"])] = (p, d)
for kind in ("Deployment", "ConfigMap", "Service", "PodDisruptionBudget"):
    if not any(k == kind for k, _ in k8s):
        err(os.path.join(deploy, "k8s"), f"no {kind}")
for name in DEPLOYMENTS:
    if ("Deployment", name) not in k8s:
        err(os.path.join(deploy, "k8s"), f"no Deployment {name}")
pod_label_sets = []
for (kind, name), (p, d) in k8s.items():
    if kind != "Deployment":
        continue
    want = DEPLOYMENTS.get(name)
    if not want:
        err(p, f"Deployment {name} is not in check_deploy.sh's DEPLOYMENTS table (its port, replicas, config)")
        continue
    spec = d.get("spec", {})
    tmpl = spec.get("template", {})
    pod_labels = tmpl.get("metadata", {}).get("labels", {})
    pod_label_sets.append(pod_labels)
    if spec.get("replicas") != want["replicas"]:
        err(p, f"Deployment {name} replicas must be {want['replicas']}")
    if not set(spec.get("selector", {}).get("matchLabels", {}).items()) <= set(pod_labels.items()):
        err(p, "selector does not match the pod labels")
    ann = tmpl.get("metadata", {}).get("annotations", {})
    if ann.get("prometheus.io/scrape") != "true" or ann.get("prometheus.io/port") != str(want["port"]):
        err(p, f'pod needs annotations prometheus.io/scrape: "true" and prometheus.io/port: "{want["port"]}"')
    pod = tmpl.get("spec", {})
    if int(pod.get("terminationGracePeriodSeconds", 30)) < 30:
        err(p, "terminationGracePeriodSeconds below 30 s leaves no time to drain on SIGTERM")
    c = (pod.get("containers") or [{}])[0]
    if c.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/healthz":
        err(p, "livenessProbe must GET /healthz")
    if c.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/readyz":
        err(p, "readinessProbe must GET /readyz")
    if not c.get("resources", {}).get("requests") or not c.get("resources", {}).get("limits"):
        err(p, "container needs resources.requests and resources.limits")
    if not any(port.get("containerPort") == want["port"] for port in c.get("ports", [])):
        err(p, f"container must expose port {want['port']}")
    for v in pod.get("volumes", []):
        cm = v.get("configMap", {}).get("name")
        if cm and ("ConfigMap", cm) not in k8s:
            err(p, f"volume {v.get('name')} uses ConfigMap {cm}, which is not defined")
        sec = v.get("secret", {}).get("secretName")
        if sec and ("Secret", sec) not in k8s:
            err(p, f"volume {v.get('name')} uses Secret {sec}, which is not defined")
    # Kafka credentials come from a mounted Secret, never from args or env literals.
    if not any(v.get("secret", {}).get("secretName") == "herald-kafka" for v in pod.get("volumes", [])):
        err(p, "the pod must mount the Kafka credentials Secret herald-kafka (secret.yaml)")
    for a in c.get("args", []) + [str(e.get("value", "")) for e in c.get("env", [])]:
        if re.search(r"(password|secret|token)=", str(a), re.I):
            err(p, f"a secret on the command line or in a literal env value ({a}): use @file: with the Secret")
for (k2, n2), (p2, d2) in k8s.items():
    if k2 in ("Service", "PodDisruptionBudget"):
        sel = d2.get("spec", {}).get("selector", {})
        sel = sel.get("matchLabels", sel) if k2 == "PodDisruptionBudget" else sel
        if not sel or not any(set(sel.items()) <= set(labels.items()) for labels in pod_label_sets):
            err(p2, f"{k2} {n2} selector matches no Deployment's pods")
found_rules = found_cfg = False
for (kind, name), (p, d) in k8s.items():
    if kind != "ConfigMap":
        continue
    for key, text in d.get("data", {}).items():
        if key == "herald.yaml":
            found_cfg = True
            check_config(yaml.safe_load(text), f"{os.path.relpath(p, root)} ({name}/herald.yaml)")
        elif key == "notify.yaml":
            check_notify_config(yaml.safe_load(text), f"{os.path.relpath(p, root)} ({name}/notify.yaml)")
        elif key.endswith((".yaml", ".yml")):
            found_rules = True
            if text != rules_text:
                err(p, f"{name}/{key} differs from deploy/rules/herald-rules.yaml: copy it again")
if not (found_rules and found_cfg):
    err(os.path.join(deploy, "k8s"), "ConfigMaps must carry herald.yaml and a rules file")

# 7. Dockerfile.
docker_path = os.path.join(deploy, "Dockerfile")
dockerfile = open(docker_path, encoding="utf-8").read()
instr = [l.strip() for l in re.sub(r"\\\n", " ", dockerfile).splitlines() if l.strip() and not l.strip().startswith("#")]
froms = [l for l in instr if l.upper().startswith("FROM ")]
if len(froms) < 2 or not all(re.match(r"FROM debian:12\b", f) for f in froms):
    err(docker_path, "must be multi-stage on debian:12")
users = [l.split()[1] for l in instr if l.upper().startswith("USER ")]
if not users or users[-1].split(":")[0] in ("root", "0"):
    err(docker_path, "the runtime stage must run as a non-root USER")
for needle, what in ((r"^EXPOSE 9464\b", "EXPOSE 9464"), (r"^HEALTHCHECK .*/healthz", "HEALTHCHECK on /healthz"),
                     (r'^ENTRYPOINT \["herald"\]$', 'ENTRYPOINT ["herald"]'),
                     (r'^CMD \["run", ?"--config", ?"/etc/herald/herald.yaml"\]$', 'CMD ["run","--config","/etc/herald/herald.yaml"]')):
    if not any(re.search(needle, l) for l in instr):
        err(docker_path, f"needs {what}")
for l in instr:
    if l.upper().startswith("COPY ") and "--from=" not in l:
        for src in l.split()[1:-1]:
            if not os.path.exists(os.path.join(root, src)):
                err(docker_path, f"COPY source {src} does not exist in the repository")

if errors:
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    print(f"check_deploy: {errors[0]}{more}", file=sys.stderr)
    sys.exit(1)
PY

if [ -n "$herald_bin" ]; then
  [ -x "$herald_bin" ] || fail "--herald $herald_bin is not an executable"
  for f in "$deploy"/rules/*.yaml; do
    out="$("$herald_bin" rules check "$f" 2>&1)" ||
      fail "herald rules check deploy/rules/$(basename "$f"): $(head -n1 <<<"$out")"
  done
  checked+=("deploy/rules/*.yaml with herald rules check")
fi

summary="$(printf '%s; ' "${checked[@]}")"
echo "check_deploy: ok — promtool check rules/test rules, check config: ${summary%; }; YAML/JSON and contracts of deploy/"
