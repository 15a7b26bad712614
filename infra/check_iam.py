#!/usr/bin/env python3
"""Each function's role allows exactly the AWS calls its code makes, on its own resources.

The calls come from the tests: dev.soctriage.fixtures.AwsOperationRecorder (an SDK ExecutionInterceptor
on the test class path) writes one line per distinct call -- function, IAM action, resource, caller --
to target/aws-operations/operations.tsv while `mvn verify` runs. This script compares them, function by
function, with

  * the role in infra/sam/template.yaml (every conditional statement switched on), and
  * the role in infra/terraform, through a generated `terraform test` run (infra/check.sh runs it) that
    applies the configuration against the mocked provider with every option on and compares the
    policy document's (action, resource) pairs.

Besides the code's calls a role holds what Lambda itself does with it (PLATFORM below): write the
function's own log group, send a failed asynchronous event to the dead-letter queue, decrypt the
environment with a customer managed key, and decrypt SSE-KMS log objects through S3.

Nothing missing (AccessDenied in AWS), nothing extra (more than the code needs), each on the
resources named here. Exit 1 with one line per difference.
"""
import argparse
import csv
import os
import re
import sys

from check_templates import CfnLoader, FUNCTIONS, MOCK_PROVIDER, snake  # noqa: F401  (same loader as the other checks)
import yaml

ROLES = {"ingest-triage": "IngestTriageRole", "list-pending": "ListPendingRole", "approve": "ApproveRole"}
LOG_GROUPS = {"ingest-triage": "IngestTriageLogGroup", "list-pending": "ListPendingLogGroup",
              "approve": "ApproveLogGroup"}
TF_POLICY = {"ingest-triage": "ingest_triage", "list-pending": "list_pending", "approve": "approve"}  # keys of local.lambdas

# What Lambda does with the role, which no test can see: (action, resource) per function.
PLATFORM = {
    f: {("logs:CreateLogStream", LOG_GROUPS[f]), ("logs:PutLogEvents", LOG_GROUPS[f]), ("kms:Decrypt", "KmsKeyArn")}
    for f in ROLES
}
PLATFORM["ingest-triage"] |= {("sqs:SendMessage", "IngestDeadLetterQueue"),  # on-failure destination
                              ("kms:Decrypt", "LogBucketKmsKeyArn")}  # SSE-KMS objects, via S3 only

# A resource as the records and this script name it -> its SAM form (after normalising) and its
# Terraform expression (inside "${...}" of the generated test).
SAM_ARN_S3_OBJECTS = "arn:aws:s3:::LogBucket/LogKeyPrefix*"
TF_RESOURCES = {
    "VerdictsTable": "${aws_dynamodb_table.verdicts_table.arn}",
    "LogBucket/*": "arn:${data.aws_partition.current.partition}:s3:::${local.log_bucket}/${var.log_key_prefix}*",
    "GroqApiKeySecretArn": "${var.groq_api_key_secret_arn}",
    "KestraSecretArn": "${var.kestra_secret_arn}",
    "KmsKeyArn": "${var.kms_key_arn}",
    "LogBucketKmsKeyArn": "${var.log_bucket_kms_key_arn}",
    "IngestDeadLetterQueue": "${aws_sqs_queue.ingest_dead_letter_queue.arn}",
    "IngestTriageLogGroup": '${aws_cloudwatch_log_group.log_group["ingest_triage"].arn}:*',
    "ListPendingLogGroup": '${aws_cloudwatch_log_group.log_group["list_pending"].arn}:*',
    "ApproveLogGroup": '${aws_cloudwatch_log_group.log_group["approve"].arn}:*',
}
# The scenario of the Terraform run: every statement that a variable switches on, switched on.
TF_VARIABLES = {
    "groq_api_key_secret_arn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:groq-AbCdEf",
    "kestra_secret_arn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kestra-GhIjKl",
    "kms_key_arn": "arn:aws:kms:eu-west-1:111122223333:key/env-key",
    "log_bucket_kms_key_arn": "arn:aws:kms:eu-west-1:111122223333:key/bucket-key",
    # the default start (runtime = image); the roles are the same for every start
    "image_uri": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/soc-triage:1",
}
# Only these statements may carry a condition (and must): decrypt log objects through S3 only.
CONDITIONED = {"DecryptLogObjects"}


def tf_expr(resource):
    """The resource as the content of a Terraform string template, or None when unknown."""
    m = re.fullmatch(r"VerdictsTable/index/(.+)", resource)
    if m:
        return "${aws_dynamodb_table.verdicts_table.arn}/index/" + m.group(1)
    return TF_RESOURCES.get(resource)


def read_records(path):
    calls = {f: {} for f in ROLES}
    outside = set()
    with open(path, newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) != 4:
                continue
            function, action, resource, caller = row
            if function == "-":
                outside.add((action, resource, caller))
            elif function not in calls:
                raise SystemExit(f"check_iam: unknown function {function!r} in {path}")
            else:
                calls[function].setdefault((action, resource), set()).add(caller)
    return calls, outside


class SamRoles:
    def __init__(self, path):
        with open(path) as f:
            self.t = yaml.load(f, Loader=CfnLoader)
        self.problems = []

    def sym(self, node, names=None):
        """A resource expression as a symbol: GetAtt X.Arn -> X, Ref P -> P, Sub with both substituted."""
        names = names or {}
        if isinstance(node, str):
            return node
        if "Ref" in node:
            return node["Ref"]
        if "Fn::GetAtt" in node:
            v = node["Fn::GetAtt"]
            return v[0] if isinstance(v, list) else v.split(".")[0]
        if "Fn::If" in node:
            return self.sym(node["Fn::If"][1], names)  # the "created here" branch names the resource
        if "Fn::Sub" in node:
            v = node["Fn::Sub"]
            text, local = (v, {}) if isinstance(v, str) else (v[0], {k: self.sym(x) for k, x in v[1].items()})

            def one(m):
                var = m.group(1)
                if var == "AWS::Partition":
                    return "aws"
                if var in local:
                    return local[var]
                return var[:-4] if var.endswith(".Arn") else var
            return re.sub(r"\$\{([^}]+)\}", one, text)
        return "?" + repr(node)

    def allowed(self, role):
        out = set()
        res = self.t["Resources"][role]["Properties"]
        for policy in res.get("Policies", []):
            for st in policy["PolicyDocument"]["Statement"]:
                if isinstance(st, dict) and "Fn::If" in st:
                    st = st["Fn::If"][1]  # every option on
                sid = st.get("Sid", "?")
                if st.get("Effect") != "Allow" or "NotAction" in st or "NotResource" in st:
                    self.problems.append(f"SAM {role} {sid}: only Allow with Action and Resource is expected")
                if ("Condition" in st) != (sid in CONDITIONED):
                    self.problems.append(f"SAM {role} {sid}: a condition is expected on {sorted(CONDITIONED)} only")
                actions = st["Action"] if isinstance(st["Action"], list) else [st["Action"]]
                resources = st["Resource"] if isinstance(st["Resource"], list) else [st["Resource"]]
                for a in actions:
                    for r in resources:
                        r = self.sym(r)
                        out.add((a, "LogBucket/*" if r == SAM_ARN_S3_OBJECTS else r))
        for key in ("ManagedPolicyArns", "PermissionsBoundary"):
            if key in res:
                self.problems.append(f"SAM {role}: {key} would grant what this check cannot see")
        return out


# Known ARNs at plan time for the resources the roles name (the mocked provider would make them up at
# apply, and the provider's own ARN validation refuses made-up values).
TF_OVERRIDES = {
    "aws_dynamodb_table.verdicts_table": {"arn": "arn:aws:dynamodb:eu-west-1:111122223333:table/soc-triage-verdicts"},
    "aws_sqs_queue.ingest_dead_letter_queue": {"arn": "arn:aws:sqs:eu-west-1:111122223333:soc-triage-ingest-dlq"},
    "aws_s3_bucket.log_bucket": {"id": "soc-triage-logs-1", "arn": "arn:aws:s3:::soc-triage-logs-1"},
    'aws_cloudwatch_log_group.log_group["ingest_triage"]':
        {"arn": "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/soc-triage-ingest-triage"},
    'aws_cloudwatch_log_group.log_group["list_pending"]':
        {"arn": "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/soc-triage-list-pending"},
    'aws_cloudwatch_log_group.log_group["approve"]':
        {"arn": "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/soc-triage-approve"},
}


def tf_test(wanted):
    """A terraform test: with every option on, each policy document holds exactly the wanted pairs."""
    lines = ["# Generated by infra/check_iam.py from the recorded AWS calls; not committed.",
             MOCK_PROVIDER,
             "variables {", '  function_zip = "versions.tf"']
    lines += [f'  {k} = "{v}"' for k, v in TF_VARIABLES.items()]
    lines += ["}", 'run "iam_roles_allow_exactly_what_the_code_calls" {', "  command = plan"]
    for target, values in TF_OVERRIDES.items():
        body = ", ".join(f'{k} = "{v}"' for k, v in values.items())
        lines += ["  override_resource {", f"    target          = {target}", "    override_during = plan",
                  f"    values          = {{ {body} }}", "  }"]
    conditioned = "[" + ", ".join(f'"{c}"' for c in sorted(CONDITIONED)) + "]"
    for function, pairs in wanted.items():
        doc = f'data.aws_iam_policy_document.function["{TF_POLICY[function]}"]'
        actual = f'toset(flatten([for s in {doc}.statement : [for a in s.actions : [for r in s.resources : "${{a}} ${{r}}"]]]))'
        want = "toset([" + ", ".join(sorted(f'"{a} {tf_expr(r)}"' for a, r in pairs)) + "])"
        lines += ["  assert {",
                  f"    condition     = {actual} == {want}",
                  f'    error_message = "{TF_POLICY[function]}: the role differs from what the code calls; extra: '
                  f'${{jsonencode(setsubtract({actual}, {want}))}}, missing: ${{jsonencode(setsubtract({want}, {actual}))}}"',
                  "  }",
                  "  assert {",
                  f'    condition     = alltrue([for s in {doc}.statement : (s.effect == null || s.effect == "Allow") '
                  f'&& length(coalesce(s.not_actions, [])) == 0 && length(coalesce(s.not_resources, [])) == 0 '
                  f'&& (length(coalesce(s.condition, [])) > 0) == contains({conditioned}, coalesce(s.sid, "-"))])',
                  f'    error_message = "{TF_POLICY[function]}: Allow statements with actions and resources only; '
                  f'a condition on {", ".join(sorted(CONDITIONED))} only"',
                  "  }"]
    lines += ["}"]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", required=True, help="the directory AwsOperationRecorder wrote")
    ap.add_argument("--sam", required=True)
    ap.add_argument("--emit-tftest", help="write the Terraform half here")
    args = ap.parse_args()
    path = os.path.join(args.records, "operations.tsv")
    if not os.path.isfile(path):
        print(f"check_iam: no recorded AWS calls at {path}: run the tests first (make test does)", file=sys.stderr)
        return 1
    calls, outside = read_records(path)
    problems = []
    for function, seen in calls.items():
        if not seen:
            problems.append(f"{function}: no AWS call recorded; the tests must call it through its adapter or service")
        for (action, resource), callers in seen.items():
            if resource.startswith("?") or resource == "*":
                problems.append(f"{function}: {action} on {resource} ({', '.join(sorted(callers))}): a resource the "
                                "templates do not name")
    sam = SamRoles(args.sam)
    wanted = {}
    for function, role in ROLES.items():
        code = set(calls[function])
        want = code | PLATFORM[function]
        wanted[function] = want
        have = sam.allowed(role)
        for a, r in sorted(want - have):
            why = ", ".join(sorted(calls[function].get((a, r), {"Lambda itself"})))
            problems.append(f"SAM {role}: missing {a} on {r} (called by {why}): AccessDenied in AWS")
        for a, r in sorted(have - want):
            problems.append(f"SAM {role}: allows {a} on {r}, which {function} never calls")
        for (a, r) in sorted(want):
            if tf_expr(r) is None:
                problems.append(f"{function}: {a} on {r}: no Terraform form known (add it to check_iam.TF_RESOURCES)")
    problems += sam.problems
    if args.emit_tftest and not problems:
        with open(args.emit_tftest, "w") as f:
            f.write(tf_test(wanted))
    for p in problems:
        print("check_iam: " + p, file=sys.stderr)
    if problems:
        return 1
    summary = ", ".join(f"{f} {len(calls[f])}" for f in ROLES)
    print(f"check_iam: SAM roles allow exactly the recorded calls ({summary}) plus Lambda's own; "
          f"{len(outside)} calls outside any function ignored")
    return 0


if __name__ == "__main__":
    sys.exit(main())
