#!/usr/bin/env python3
"""Offline checks of the deployment templates (run by infra/check.sh).

1. infra/sam/template.yaml parses as YAML with the CloudFormation tags, and every Ref, GetAtt,
   ${...} in Sub and condition name points at something that exists.
2. The functions carry the contract's environment variables (docs/contract.md, "Configuration"):
   each its own QUARKUS_FUNQY_EXPORT, the variables its "used by" column names, nothing local-only.
3. infra/terraform names the same resources, parameters and outputs (snake_case of the SAM
   logical ids), and -- through a generated `terraform test` file -- sets the same environment
   variable names per function and the same routes as SAM, scenario by scenario.

Exit status 1 with one line per problem; silent on success except for a summary line.
"""
import argparse
import glob
import os
import re
import sys

import yaml

PSEUDO = {"AWS::AccountId", "AWS::NoValue", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region",
          "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"}

# The contract's configuration table, as it applies in AWS: variable -> functions that read it.
CONTRACT_ENV = {
    "VERDICTS_TABLE": {"ingest-triage", "list-pending", "approve"},
    "GROQ_API_KEY_SECRET_ARN": {"ingest-triage"},
    "GROQ_BASE_URL": {"ingest-triage"},
    "GROQ_MODEL": {"ingest-triage"},
    "GROQ_RESPONSE_FORMAT": {"ingest-triage"},
    "ALLOWLIST_CIDRS": {"ingest-triage", "approve"},
    "KESTRA_URL": {"approve"},
    "KESTRA_TENANT": {"approve"},
    "KESTRA_NAMESPACE": {"approve"},
    "KESTRA_SECRET_ARN": {"approve"},
    "ANALYST_GROUP": {"list-pending", "approve"},
    "ANALYST_GROUPS_CLAIM": {"list-pending", "approve"},
    "REMEDIATION_GROUP": {"approve"},
}
# For local runs and tests only: a deployed function must not carry them (in AWS the secrets are read
# at run time by ARN, never put into the environment).
LOCAL_ONLY_ENV = {"SOC_CREATE_TABLE", "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", "QUARKUS_S3_ENDPOINT_OVERRIDE",
                  "QUARKUS_S3_PATH_STYLE_ACCESS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION",
                  "GROQ_API_KEY", "KESTRA_USERNAME", "KESTRA_PASSWORD", "KESTRA_API_TOKEN"}
# Set by the templates for the runtime, not the application's configuration.
PLATFORM_ENV = {"QUARKUS_FUNQY_EXPORT", "JAVA_TOOL_OPTIONS", "DISABLE_SIGNAL_HANDLERS"}
FUNCTIONS = {"IngestTriageFunction": "ingest-triage", "ListPendingFunction": "list-pending",
             "ApproveFunction": "approve"}
TIME_BUDGET_SECONDS = 50  # ingest.time-budget default (IngestConfig)
JVM_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest"
NATIVE_HANDLER = "not.used.in.provided.runtime"

# Terraform-only variables and outputs (no SAM counterpart): the stack name's stand-in, tags, the
# artifact path SAM takes from CodeUri, the domain prefix SAM derives from the stack id, the client
# secret SAM leaves in Cognito, and the container image (runtime = image): SAM needs a literal
# PackageType per function, so one SAM template cannot choose image or zip by a parameter
# (infra/README.md, "The start").
TF_ONLY_VARIABLES = {"name", "tags", "function_zip", "cognito_domain_prefix", "console_dir", "image_uri"}
TF_ONLY_OUTPUTS = {"kestra_client_secret"}
# SAM-only: the custom resource's function that writes the console's config.json and the analyst
# client's URLs (SAM's HttpApi embeds the authorizer, so the client cannot name the distribution
# without a cycle); Terraform writes config.json as aws_s3_object.console_config.
SAM_ONLY_RESOURCES = {"ConsoleConfigFunction", "ConsoleConfigRole", "ConsoleConfigLogGroup"}
# CloudFront's managed policies the console's API behaviour relies on
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
CONSOLE_CONFIG_KEYS = {"mode", "issuer", "clientId", "cognitoDomain", "redirectUrl", "signOutUrl", "scope", "groupsClaim"}

# Scenarios for the generated parity test: SAM condition values and the equivalent Terraform variables
# (Terraform's default start is the container image, which SAM does not deploy: the JVM scenarios name
# SAM's default runtime).
GROQ_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:groq-AbCdEf"
KESTRA_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kestra-GhIjKl"
SCENARIOS = {
    "parity_jvm_all_secrets": (
        {"IsNative": False, "HasGroqSecret": True, "HasKestraSecret": True},
        {"runtime": "java21", "groq_api_key_secret_arn": GROQ_ARN, "kestra_secret_arn": KESTRA_ARN}),
    "parity_native_kestra_secret": (
        {"IsNative": True, "HasGroqSecret": False, "HasKestraSecret": True},
        {"runtime": "provided.al2023", "kestra_secret_arn": KESTRA_ARN}),
    "parity_defaults": (
        {"IsNative": False, "HasGroqSecret": False, "HasKestraSecret": False}, {"runtime": "java21"}),
}


class CfnLoader(yaml.SafeLoader):
    """SafeLoader that reads the short-form intrinsic tags as their long form."""


def _tag(loader, suffix, node):
    name = "Ref" if suffix == "Ref" else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


CfnLoader.add_multi_constructor("!", _tag)


def snake(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def tf_map_keys(text, local):
    """The keys of the map literal `local = { key = ..., ... }` in a locals block (empty if none)."""
    m = re.search(r'^\s*' + re.escape(local) + r'\s*=\s*\{', text, re.M)
    if not m:
        return set()
    keys, depth, i = set(), 1, m.end()
    line_start = True
    while i < len(text) and depth > 0:
        if line_start and depth == 1:
            k = re.match(r'[ \t]*(\w+)\s*=', text[i:])
            if k:
                keys.add(k.group(1))
        c = text[i]
        depth += c == "{"
        depth -= c == "}"
        line_start = c == "\n"
        i += 1
    return keys


# the mocked AWS provider of every test of infra/terraform (tests/mocks/aws.tfmock.hcl), generated ones included
MOCK_PROVIDER = 'mock_provider "aws" {\n  source = "./tests/mocks"\n}'


def tf_function(logical_id):
    """The Terraform address of a SAM function: IngestTriageFunction -> aws_lambda_function.function["ingest_triage"]."""
    return f'aws_lambda_function.function["{snake(logical_id)[:-len("_function")]}"]'


class Checker:
    def __init__(self, sam_path, tf_dir):
        with open(sam_path) as f:
            self.t = yaml.load(f, Loader=CfnLoader)
        self.tf_dir = tf_dir
        self.problems = []

    def problem(self, msg):
        self.problems.append(msg)

    # ------------------------------------------------------------------ 1. references
    def resources(self):
        """Logical id -> resource, with each Fn::ForEach template listed under its id prefix."""
        out, foreach_ids = {}, set()
        for key, value in self.t.get("Resources", {}).items():
            if key.startswith("Fn::ForEach::"):
                identifier, _collection, body = value
                foreach_ids.add(identifier)
                for template_key, res in body.items():
                    out[re.sub(r"&\{[^}]*\}|\$\{[^}]*\}", "", template_key)] = res
            else:
                out[key] = value
        return out, foreach_ids

    def check_references(self):
        params = set(self.t.get("Parameters", {}))
        conditions = set(self.t.get("Conditions", {}))
        resources, foreach_ids = self.resources()
        # SAM's AutoPublishAlias adds <Function>.Alias and <Function>.Version
        auto = set()
        globals_fn = self.t.get("Globals", {}).get("Function", {})
        for name, res in resources.items():
            if res.get("Type") == "AWS::Serverless::Function" and (
                    "AutoPublishAlias" in res.get("Properties", {}) or "AutoPublishAlias" in globals_fn):
                auto |= {name + ".Alias", name + ".Version"}
        refable = params | set(resources) | PSEUDO | foreach_ids | auto

        def walk(node, where, local=frozenset()):
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == "Ref":
                        if v not in refable and v not in local:
                            self.problem(f"{where}: Ref to unknown '{v}'")
                    elif k == "Fn::GetAtt":
                        target = v[0] if isinstance(v, list) else str(v).split(".")[0]
                        if target not in resources:
                            self.problem(f"{where}: GetAtt of unknown resource '{target}'")
                    elif k == "Fn::Sub":
                        text, names = (v, {}) if isinstance(v, str) else (v[0], v[1])
                        for var in re.findall(r"\$\{([^!}][^}]*)\}", text):
                            base = var.split(".")[0]
                            if var not in refable and base not in resources and var not in names \
                                    and var not in local:
                                self.problem(f"{where}: Sub variable '${{{var}}}' is unknown")
                        walk(names, where, local)
                    elif k in ("Fn::If",):
                        if v[0] not in conditions:
                            self.problem(f"{where}: Fn::If on unknown condition '{v[0]}'")
                        walk(v[1:], where, local)
                    elif k == "Condition" and isinstance(v, str) and v not in conditions:
                        self.problem(f"{where}: unknown condition '{v}'")
                    elif k == "Fn::Condition" and v not in conditions:
                        self.problem(f"{where}: unknown condition '{v}'")
                    else:
                        walk(v, where, local)
            elif isinstance(node, list):
                for item in node:
                    walk(item, where, local)

        for section in ("Rules", "Conditions", "Globals", "Outputs"):
            walk(self.t.get(section, {}), section)
        for name, res in self.t.get("Resources", {}).items():
            if name.startswith("Fn::ForEach::"):
                walk(res[1:], name, frozenset({res[0]}))
            else:
                walk(res, name)
        for name, res in resources.items():
            for dep in ([res["DependsOn"]] if isinstance(res.get("DependsOn"), str) else res.get("DependsOn", [])):
                if dep not in resources:
                    self.problem(f"{name}: DependsOn unknown '{dep}'")

    # ------------------------------------------------------------------ 2. the contract
    def function_env(self, logical_id):
        """Variable -> condition guard: None (always), (cond, True) or (cond, False)."""
        merged = dict(self.t.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {}))
        merged.update(self.t["Resources"][logical_id]["Properties"].get("Environment", {}).get("Variables", {}))
        out = {}
        for name, value in merged.items():
            guard = None
            if isinstance(value, dict) and "Fn::If" in value:
                cond, yes, no = value["Fn::If"]
                if no == {"Ref": "AWS::NoValue"}:
                    guard = (cond, True)
                elif yes == {"Ref": "AWS::NoValue"}:
                    guard = (cond, False)
            out[name] = (guard, value)
        return out

    def check_contract(self):
        res = self.t["Resources"]
        glob_fn = self.t.get("Globals", {}).get("Function", {})
        for logical_id, export in FUNCTIONS.items():
            if logical_id not in res:
                self.problem(f"function {logical_id} ({export}) is missing")
                continue
            props = res[logical_id].get("Properties", {})
            env = self.function_env(logical_id)
            got = set(env)
            if env.get("QUARKUS_FUNQY_EXPORT", (None, None))[1] != export:
                self.problem(f"{logical_id}: QUARKUS_FUNQY_EXPORT must be '{export}'")
            wanted = {v for v, users in CONTRACT_ENV.items() if export in users}
            for missing in sorted(wanted - got):
                self.problem(f"{logical_id}: contract variable {missing} is not set")
            for extra in sorted(got - wanted - PLATFORM_ENV):
                why = "local-only" if extra in LOCAL_ONLY_ENV else "not read by " + export
                self.problem(f"{logical_id}: {extra} is set but {why}")
            timeout = props.get("Timeout", glob_fn.get("Timeout"))
            if export == "ingest-triage" and not (isinstance(timeout, int) and timeout > TIME_BUDGET_SECONDS):
                self.problem(f"{logical_id}: Timeout {timeout} must exceed ingest.time-budget ({TIME_BUDGET_SECONDS} s)")
            expected = {"list-pending": 15, "approve": 28}.get(export)
            if export != "ingest-triage" and timeout != expected:
                self.problem(f"{logical_id}: Timeout {timeout}, expected {expected}")
        handler = glob_fn.get("Handler")
        if handler != {"Fn::If": ["IsNative", NATIVE_HANDLER, JVM_HANDLER]}:
            self.problem(f"Globals.Function.Handler is {handler!r}")
        if glob_fn.get("MemorySize") != 1024:
            self.problem("Globals.Function.MemorySize must be 1024")
        table = res.get("VerdictsTable", {}).get("Properties", {})
        # the indexes TableSetup creates for local runs (dev.soctriage.verdict.TableSetup)
        wanted_indexes = {"status-index": [{"AttributeName": "status", "KeyType": "HASH"},
                                           {"AttributeName": "queueKey", "KeyType": "RANGE"}],
                          "activity-index": [{"AttributeName": "status", "KeyType": "HASH"},
                                             {"AttributeName": "activityKey", "KeyType": "RANGE"}]}
        indexes = {g.get("IndexName"): g.get("KeySchema") for g in table.get("GlobalSecondaryIndexes") or []}
        if table.get("KeySchema") != [{"AttributeName": "id", "KeyType": "HASH"}] \
                or indexes != wanted_indexes \
                or table.get("TimeToLiveSpecification", {}).get("AttributeName") != "expiresAt":
            self.problem("VerdictsTable: key id, indexes status-index(status, queueKey) and "
                         "activity-index(status, activityKey), TTL expiresAt expected")

    def check_console(self):
        """The analyst console: private bucket read through OAC, /verdicts* to the API, config.json."""
        res = self.t["Resources"]
        for name in ("ConsoleBucket", "ConsoleBucketPolicy", "ConsoleOriginAccessControl", "ConsoleDistribution",
                     "ConsoleConfig"):
            if name not in res:
                self.problem(f"console: {name} is missing")
                return
        block = res["ConsoleBucket"]["Properties"].get("PublicAccessBlockConfiguration", {})
        if not all(block.get(k) is True for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                                                   "RestrictPublicBuckets")):
            self.problem("console: ConsoleBucket must block all public access")
        allow = [st for st in res["ConsoleBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
                 if st.get("Effect") == "Allow"]
        if [st.get("Principal") for st in allow] != [{"Service": "cloudfront.amazonaws.com"}] \
                or "AWS:SourceArn" not in str(allow[0].get("Condition")):
            self.problem("console: only CloudFront, for this distribution (AWS:SourceArn), may read the bucket")
        dist = res["ConsoleDistribution"]["Properties"]["DistributionConfig"]
        origins = {o["Id"]: o for o in dist.get("Origins", [])}
        console, api = origins.get("console", {}), origins.get("api", {})
        if "OriginAccessControlId" not in console or console.get("DomainName") != {
                "Fn::GetAtt": ["ConsoleBucket", "RegionalDomainName"]}:
            self.problem("console: the bucket origin must use the origin access control")
        if "${HttpApi}" not in str(api.get("DomainName")):
            self.problem("console: the HTTP API must be the distribution's second origin")
        behaviours = {b.get("PathPattern"): b for b in dist.get("CacheBehaviors", [])}
        b = behaviours.get("/verdicts*", {})
        if b.get("TargetOriginId") != "api" or b.get("CachePolicyId") != CACHING_DISABLED \
                or b.get("OriginRequestPolicyId") != ALL_VIEWER_EXCEPT_HOST or "POST" not in b.get("AllowedMethods", []):
            self.problem("console: /verdicts* must go to the api origin, uncached, with POST and the viewer's headers")
        if dist.get("DefaultCacheBehavior", {}).get("TargetOriginId") != "console":
            self.problem("console: the default behaviour must serve the page")
        cfg = res["ConsoleConfig"]["Properties"]
        if set(cfg.get("Config", {})) != CONSOLE_CONFIG_KEYS:
            self.problem(f"console: config.json keys {sorted(cfg.get('Config', {}))}, expected {sorted(CONSOLE_CONFIG_KEYS)}")
        for key in ("ConsoleUrl",):
            if "${ConsoleDistribution.DomainName}" not in str(cfg.get(key)):
                self.problem(f"console: ConsoleConfig.{key} must be the CloudFront address")
        if "${ConsoleDistribution.DomainName}" not in str(cfg.get("Config", {}).get("redirectUrl")):
            self.problem("console: config.json's redirectUrl must be the CloudFront address")

    def check_secrets(self, sam_text):
        """Secrets are read at run time by ARN: nothing resolves them into the template or the state."""
        if "{{resolve:" in sam_text:
            self.problem("SAM resolves a dynamic reference ({{resolve:...}}): secrets are read at run time by ARN")
        tf_text = "\n".join(open(p).read() for p in sorted(glob.glob(os.path.join(self.tf_dir, "*.tf"))))
        for source in ("aws_secretsmanager_secret_version", "aws_ssm_parameter"):
            if re.search(r'^data\s+"' + source + '"', tf_text, re.M):
                self.problem(f"terraform reads {source}: its value would be in the state; pass the ARN")

    # ------------------------------------------------------------------ watched and protected
    WATCH_ALARMS = ("IngestDeadLetterAlarm", "FunctionErrorsAlarm", "FunctionThrottlesAlarm", "ApiServerErrorsAlarm",
                    "DispatchFailedAlarm", "ModelFallbackRateAlarm")

    def check_watched(self, metrics_source, samconfig):
        """Alarms, dashboard, reserved concurrency, protection of what holds state, tags (issue 13, item 17)."""
        res = self.t["Resources"]
        for name in self.WATCH_ALARMS:
            alarm = res.get(name, {})
            if alarm.get("Type") != "AWS::CloudWatch::Alarm":
                self.problem(f"alarm {name} is missing")
            elif alarm["Properties"].get("AlarmActions") != {"Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}],
                                                                         {"Ref": "AWS::NoValue"}]}:
                self.problem(f"{name}: must notify AlarmTopicArn when it is given")
        if res.get("Dashboard", {}).get("Type") != "AWS::CloudWatch::Dashboard":
            self.problem("the CloudWatch dashboard (Dashboard) is missing")
        # every soc-triage metric the templates read is one the application writes (IngestMetrics.java; Decisions: approval.DecisionLog)
        emitted = set(re.findall(r'values\.put\("(\w+)"', open(metrics_source).read())) | {"Decisions"}
        read = set()
        for alarm in (r for r in res.values() if isinstance(r, dict) and r.get("Type") == "AWS::CloudWatch::Alarm"):
            props = alarm["Properties"]
            metrics = [props] + [m.get("MetricStat", {}).get("Metric", {}) for m in props.get("Metrics", [])]
            read |= {m["MetricName"] for m in metrics if m.get("Namespace") == "soc-triage"}
        for name in sorted(read - emitted):
            self.problem(f"an alarm reads soc-triage/{name}, which IngestMetrics.java never writes")
        body = str(res.get("Dashboard", {}).get("Properties", {}).get("DashboardBody"))
        for name in sorted(set(re.findall(r'\["soc-triage","(\w+)"', body)) - emitted):
            self.problem(f"the dashboard shows soc-triage/{name}, which IngestMetrics.java never writes")
        if "ReservedConcurrentExecutions" not in res["IngestTriageFunction"]["Properties"]:
            self.problem("IngestTriageFunction: reserved concurrency is required")
        pool = res.get("UserPool", {})
        if pool.get("DeletionPolicy") != "Retain" or pool.get("Properties", {}).get("DeletionProtection") != "ACTIVE" \
                or pool.get("Properties", {}).get("MfaConfiguration") != "ON":
            self.problem("UserPool: retained on delete, deletion protection ACTIVE, MFA ON expected")
        table = res["VerdictsTable"]
        if table.get("DeletionPolicy") != "Retain" or table["Properties"].get("DeletionProtectionEnabled") is not True:
            self.problem("VerdictsTable: retained on delete and deletion protection expected")
        bucket = res.get("LogBucket", {})
        rules = bucket.get("Properties", {}).get("LifecycleConfiguration", {}).get("Rules", [])
        if bucket.get("DeletionPolicy") != "Retain" or not any("ExpirationInDays" in r for r in rules):
            self.problem("LogBucket: retained on delete, with a lifecycle rule that expires objects")
        tf = "\n".join(open(p).read() for p in sorted(glob.glob(os.path.join(self.tf_dir, "*.tf"))))
        m = re.search(r'required_version\s*=\s*">=\s*(\d+)\.(\d+)', tf)
        if not m or (int(m.group(1)), int(m.group(2))) < (1, 11):
            self.problem("terraform required_version must be >= 1.11 (the tests use override_during)")
        for pattern, what in ((r'mfa_configuration\s*=\s*"ON"', "user pool MFA ON"),
                              (r'deletion_protection\s*=\s*"ACTIVE"', "user pool deletion protection"),
                              (r"deletion_protection_enabled\s*=\s*true", "table deletion protection"),
                              (r'resource "aws_s3_bucket_lifecycle_configuration" "log_bucket"', "log bucket lifecycle"),
                              (r"reserved_concurren\w+\s*=\s*var\.ingest_reserved_concurrency",
                               "ingest-triage reserved concurrency")):
            if not re.search(pattern, tf):
                self.problem(f"terraform lacks the {what} that SAM has")
        sam_tags = dict(re.findall(r'(\w+)=\\"([^\\]*)\\"', re.search(r"^tags = (.*)$", open(samconfig).read(), re.M).group(1)))
        tf_tags = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', re.search(r'variable "tags" \{(?:.|\n)*?default\s*=\s*\{([^}]*)\}', tf).group(1)))
        if not sam_tags or sam_tags != tf_tags:
            self.problem(f"tags differ: samconfig.toml {sam_tags}, terraform var.tags {tf_tags}")

    # ------------------------------------------------------------------ 3. Terraform parity
    def tf_names(self):
        """Resource, variable and output names. A resource N made with `for_each = local.X` over a
        map literal names one resource per key K of X: K itself (the alarms of watch.tf, keyed by
        their full names) and K_N (the functions' log groups, roles and aliases of main.tf:
        ingest_triage + log_group)."""
        text = "\n".join(open(p).read() for p in sorted(glob.glob(os.path.join(self.tf_dir, "*.tf"))))
        resources = set(re.findall(r'^resource\s+"[^"]+"\s+"([^"]+)"', text, re.M))
        for name, local in re.findall(r'^resource\s+"[^"]+"\s+"([^"]+)"\s*\{\s*for_each\s*=\s*local\.(\w+)\s*$', text, re.M):
            keys = tf_map_keys(text, local)
            resources |= keys | {f"{k}_{name}" for k in keys}
        return (resources,
                set(re.findall(r'^variable\s+"([^"]+)"', text, re.M)),
                set(re.findall(r'^output\s+"([^"]+)"', text, re.M)))

    def check_parity(self):
        tf_resources, tf_variables, tf_outputs = self.tf_names()
        sam_resources, _ = self.resources()
        for name in sorted(set(sam_resources) - SAM_ONLY_RESOURCES):
            if snake(name) not in tf_resources:
                self.problem(f"terraform has no resource named {snake(name)} (SAM {name})")
        sam_params = {snake(p) for p in self.t.get("Parameters", {})}
        for p in sorted(sam_params - tf_variables):
            self.problem(f"terraform has no variable {p} (SAM parameter)")
        for v in sorted(tf_variables - sam_params - TF_ONLY_VARIABLES):
            self.problem(f"terraform variable {v} has no SAM parameter")
        sam_outputs = {snake(o) for o in self.t.get("Outputs", {})}
        for o in sorted(sam_outputs ^ (tf_outputs - TF_ONLY_OUTPUTS)):
            self.problem(f"output {o} is in one template only")

    def routes(self):
        out = {}
        for logical_id in FUNCTIONS:
            for event, spec in self.t["Resources"][logical_id]["Properties"].get("Events", {}).items():
                if spec.get("Type") == "HttpApi":
                    p = spec["Properties"]
                    out[snake(event)] = f'{p["Method"]} {p["Path"]}'
        return out

    def parity_test(self):
        """A terraform test file: per scenario, TF env names and routes equal SAM's."""
        lines = ["# Generated by infra/check_templates.py from infra/sam/template.yaml; not committed.",
                 MOCK_PROVIDER,
                 'variables {',
                 '  function_zip = "versions.tf"',
                 "}"]
        routes = self.routes()
        for run, (conds, tf_vars) in SCENARIOS.items():
            lines += [f'run "{run}" {{', "  command = plan", "  variables {"]
            lines += [f'    {k} = "{v}"' for k, v in tf_vars.items()]
            lines += ["  }"]
            for logical_id in FUNCTIONS:
                names = sorted(n for n, (guard, _v) in self.function_env(logical_id).items()
                               if guard is None or conds[guard[0]] == guard[1])
                ref = f'{tf_function(logical_id)}.environment[0].variables'
                want = "[" + ", ".join(f'"{n}"' for n in names) + "]"
                lines += ["  assert {",
                          f"    condition     = sort(keys(nonsensitive({ref}))) == tolist({want})",
                          f'    error_message = "{snake(logical_id)}: environment names differ from infra/sam ({run})"',
                          "  }"]
            want_routes = "{ " + ", ".join(f'{k} = "{v}"' for k, v in sorted(routes.items())) + " }"
            lines += ["  assert {",
                      f"    condition     = {{ for k, r in aws_apigatewayv2_route.http_api : k => r.route_key }} == {want_routes}",
                      '    error_message = "routes differ from the SAM HttpApi events"',
                      "  }", "}"]
        return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sam", required=True)
    ap.add_argument("--tf", required=True)
    ap.add_argument("--emit-tftest", help="write the generated parity test here")
    args = ap.parse_args()
    c = Checker(args.sam, args.tf)
    c.check_references()
    c.check_contract()
    c.check_secrets(open(args.sam).read())
    root = os.path.join(os.path.dirname(os.path.abspath(args.sam)), "..", "..")
    c.check_watched(os.path.join(root, "src/main/java/dev/soctriage/pipeline/IngestMetrics.java"),
                    os.path.join(os.path.dirname(os.path.abspath(args.sam)), "samconfig.toml"))

    c.check_console()
    c.check_parity()
    if args.emit_tftest:
        with open(args.emit_tftest, "w") as f:
            f.write(c.parity_test())
    for p in c.problems:
        print("check_templates: " + p, file=sys.stderr)
    if c.problems:
        return 1
    print(f"check_templates: SAM references, contract environment and Terraform names agree "
          f"({len(c.resources()[0])} SAM resources, {len(c.routes())} routes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
