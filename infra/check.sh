#!/usr/bin/env bash
# Offline checks of the deployment templates; exits non-zero on any problem.
#
#   infra/check.sh                         # from anywhere; ~15-25 s on this machine. Strict: a step that
#                                          # cannot run (cfn-lint, terraform or its AWS provider missing) fails
#   infra/check.sh --allow-skips           # a machine without those tools: skip their steps, say so
#   infra/check.sh --aws-operations DIR    # also: each role allows exactly the AWS calls the tests recorded
#                                          # in DIR (make test passes target/aws-operations)
#
# 1. check_templates.py: the SAM template's references resolve, the functions carry the contract's
#    environment variables, Terraform names the same resources/parameters/outputs.
# 2. cfn-lint (runs the SAM and LanguageExtensions transforms, then the CloudFormation schemas), on
#    sam/template.yaml and on the container-image template sam/image_template.py derives from it.
# 3. terraform fmt -check and `terraform test`, which validates first (mocked provider: plans without an
#    account) including a test generated from the SAM template: same environment names per
#    function and the same routes, scenario by scenario.
# 4. with --aws-operations: check_iam.py holds each SAM role to the recorded calls and generates the
#    Terraform half, which step 3 runs.
# Where the tools come from: .ci/run (cfn-lint from pip, terraform and hashicorp/aws on the image).
# Nothing here deploys or calls AWS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
strict=true
operations=""
while [ $# -gt 0 ]; do
  case "$1" in
    --strict) strict=true ;;
    --allow-skips) strict=false ;;
    --aws-operations) operations="${2:?--aws-operations needs a directory}"; shift ;;
    *) echo "check: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

failed=0
skipped=()
skip() { skipped+=("$1"); echo "check: SKIPPED $1" >&2; }
fail() { failed=1; echo "check: FAILED $1" >&2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 2. cfn-lint in the background (the slowest step; the machine has 2 cores), on both starts SAM deploys:
#    template.yaml (the zip on a managed runtime, or native) and the container-image template
#    sam/image_template.py derives from it (SAM cannot choose PackageType by a parameter)
lint_pid=""
sam_templates=("$here/sam/template.yaml")
if python3 "$here/sam/image_template.py" >"$work/sam-image.json" 2>"$work/sam-image.err"; then
  sam_templates+=("$work/sam-image.json")
else
  cat "$work/sam-image.err" >&2
  fail "sam/image_template.py (the container-image SAM template)"
fi
if command -v cfn-lint >/dev/null 2>&1; then
  cfn-lint "${sam_templates[@]}" >"$work/cfn-lint.out" 2>&1 &
  lint_pid=$!
else
  skip "cfn-lint: not installed (pip install cfn-lint)"
fi

# 1. structure, contract, parity of names
mkdir -p "$work/tf/tests"
if python3 -c 'import yaml' 2>/dev/null; then
  python3 "$here/check_templates.py" --sam "$here/sam/template.yaml" --tf "$here/terraform" \
    --emit-tftest "$work/tf/tests/parity_generated.tftest.hcl" || fail "check_templates.py"
else
  fail "python3 with PyYAML is required"
fi

# 4. IAM against the code (its Terraform half joins the terraform test below)
if [ -n "$operations" ]; then
  python3 "$here/check_iam.py" --records "$operations" --sam "$here/sam/template.yaml" \
    --emit-tftest "$work/tf/tests/iam_generated.tftest.hcl" || fail "check_iam.py (roles vs the AWS calls the tests recorded)"
fi

# 3. terraform, on a copy so that .terraform/ and the lock file stay out of the worktree
plugin_dir="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
if ! command -v terraform >/dev/null 2>&1; then
  skip "terraform: not installed"
elif [ ! -d "$plugin_dir/registry.terraform.io/hashicorp/aws" ]; then
  skip "terraform: no hashicorp/aws provider under $plugin_dir (set TF_PLUGIN_DIR)"
else
  export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_CLI_CONFIG_FILE=/dev/null
  terraform -chdir="$here/terraform" fmt -check -recursive -no-color >&2 || fail "terraform fmt (run: terraform -chdir=infra/terraform fmt -recursive)"
  cp "$here"/terraform/*.tf "$work/tf/"
  cp "$here"/terraform/tests/*.tftest.hcl "$work/tf/tests/"
  cp -R "$here"/terraform/tests/mocks "$work/tf/tests/"
  if terraform -chdir="$work/tf" init -backend=false -input=false -no-color -plugin-dir="$plugin_dir" >"$work/init.out" 2>&1; then
    if terraform -chdir="$work/tf" test -no-color >"$work/test.out" 2>&1; then
      grep -E '^(Success|Failure)' "$work/test.out" | sed 's/^/terraform test: /'
    else
      cat "$work/test.out" >&2
      fail "terraform test"
    fi
  else
    cat "$work/init.out" >&2
    fail "terraform init (offline, -plugin-dir=$plugin_dir)"
  fi
fi

if [ -n "$lint_pid" ]; then
  if wait "$lint_pid"; then
    echo "cfn-lint: no findings (${#sam_templates[@]} SAM templates: zip, image)"
  else
    cat "$work/cfn-lint.out" >&2
    fail "cfn-lint"
  fi
fi

if [ "$failed" -ne 0 ]; then
  exit 1
fi
if [ "${#skipped[@]}" -gt 0 ] && $strict; then
  echo "check: ${#skipped[@]} step(s) could not run; install the tools (.ci/run does) or pass --allow-skips" >&2
  exit 1
fi
echo "check: infra templates OK${skipped:+ (with ${#skipped[@]} step(s) skipped)}"
