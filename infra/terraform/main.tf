# soc-triage: one Quarkus Funqy artifact (target/function.zip) deployed as three functions, the
# verdicts table, their log groups and one least-privilege role each. Triggers are in triggers.tf,
# the HTTP API and Cognito in api.tf. Resource names are the snake_case of the logical ids in
# infra/sam/template.yaml (VerdictsTable -> verdicts_table); infra/check.sh holds them equal.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  native = var.runtime == "provided.al2023"
  # the container image (infra/image/Dockerfile): target/lambda with each function's start-up cache,
  # trained in the image build by the image's own JVM; its entrypoint is the bootstrap, whose flags
  # the caches were trained with (docs/startup.md, "The container image")
  image        = var.runtime == "image"
  function_zip = local.image ? null : coalesce(var.function_zip, "${path.module}/../../target/function.zip")

  # What SAM's Globals.Function holds (the image: no runtime, handler or zip; SnapStart is for zips).
  function = {
    package_type     = local.image ? "Image" : "Zip"
    filename         = local.function_zip
    source_code_hash = local.image ? null : filebase64sha256(local.function_zip)
    image_uri        = local.image ? var.image_uri : null
    runtime          = local.image ? null : var.runtime
    handler          = local.image ? null : (local.native ? "not.used.in.provided.runtime" : "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest")
    memory_size      = 1024
    kms_key_arn      = var.kms_key_arn == "" ? null : var.kms_key_arn
    snap_start       = var.snap_start && !local.native && !local.image
    alias            = "live"
  }

  # JAVA_TOOL_OPTIONS only for the managed JVM runtimes: in the image the bootstrap's flags are the ones
  # the caches were trained with, and any other JVM option would make the JVM refuse them
  common_env = merge(
    { VERDICTS_TABLE = aws_dynamodb_table.verdicts_table.name },
    local.native ? { DISABLE_SIGNAL_HANDLERS = "true" } : {},
    local.native || local.image ? {} : { JAVA_TOOL_OPTIONS = var.java_tool_options },
  )

  # The three functions of the one artifact, by the snake_case of their export (QUARKUS_FUNQY_EXPORT).
  # Secrets: only their ARNs reach the functions (and the state); the values are read at run time.
  lambdas = {
    ingest_triage = {
      export      = "ingest-triage"
      does        = "logs in, verdicts out"
      role_prefix = "ingest"
      # above ingest.time-budget (PT50S) so model retries never outlive the invocation
      timeout              = 60
      reserved_concurrency = var.ingest_reserved_concurrency
      environment = merge(local.common_env, {
        QUARKUS_FUNQY_EXPORT = "ingest-triage"
        GROQ_BASE_URL        = var.groq_base_url
        GROQ_MODEL           = var.groq_model
        GROQ_RESPONSE_FORMAT = var.groq_response_format
        ALLOWLIST_CIDRS      = var.allowlist_cidrs
      }, var.groq_api_key_secret_arn == "" ? {} : { GROQ_API_KEY_SECRET_ARN = var.groq_api_key_secret_arn })
    }
    list_pending = {
      export               = "list-pending"
      does                 = "GET /verdicts, GET /verdicts/{id}"
      role_prefix          = "list"
      timeout              = 15
      reserved_concurrency = null
      environment = merge(local.common_env, {
        QUARKUS_FUNQY_EXPORT = "list-pending"
        ANALYST_GROUP        = var.analyst_group
        ANALYST_GROUPS_CLAIM = var.analyst_groups_claim
      })
    }
    approve = {
      export               = "approve"
      does                 = "approve, reject, outcome"
      role_prefix          = "approve"
      timeout              = 28 # two Kestra calls (3 s + 8 s each) and the store, inside API Gateway's 30 s
      reserved_concurrency = null
      environment = merge(local.common_env, {
        QUARKUS_FUNQY_EXPORT = "approve"
        KESTRA_URL           = var.kestra_url
        KESTRA_TENANT        = var.kestra_tenant
        KESTRA_NAMESPACE     = var.kestra_namespace
        ALLOWLIST_CIDRS      = var.allowlist_cidrs
        ANALYST_GROUP        = var.analyst_group
        ANALYST_GROUPS_CLAIM = var.analyst_groups_claim
        REMEDIATION_GROUP    = var.remediation_group
      }, var.kestra_secret_arn == "" ? {} : { KESTRA_SECRET_ARN = var.kestra_secret_arn })
    }
  }

  status_index_arn   = "${aws_dynamodb_table.verdicts_table.arn}/index/status-index"
  activity_index_arn = "${aws_dynamodb_table.verdicts_table.arn}/index/activity-index"
}

# ------------------------------------------------------------------ verdicts table
resource "aws_dynamodb_table" "verdicts_table" {
  name                        = "${var.name}-verdicts"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = true

  attribute {
    name = "id"
    type = "S"
  }
  attribute {
    name = "status"
    type = "S"
  }
  attribute {
    name = "queueKey"
    type = "S"
  }
  attribute {
    name = "activityKey"
    type = "S"
  }

  # the queue: severity then creation (status-index), or last activity (activity-index, GET
  # /verdicts?order=lastSeen); both sparse: only verdicts carry a status
  global_secondary_index {
    name            = "status-index"
    hash_key        = "status"
    range_key       = "queueKey"
    projection_type = "ALL"
  }
  global_secondary_index {
    name            = "activity-index"
    hash_key        = "status"
    range_key       = "activityKey"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

# ------------------------------------------------------------------ log groups
# One of each per function (keys of local.lambdas): log group, role, function, alias. The checks
# (infra/check_templates.py) read "<key>_<resource name>" as the SAM logical id's snake_case
# (ingest_triage + log_group -> IngestTriageLogGroup).
resource "aws_cloudwatch_log_group" "log_group" {
  for_each          = local.lambdas
  name              = "/aws/lambda/${var.name}-${each.value.export}"
  retention_in_days = var.log_retention_days
}

# ------------------------------------------------------------------ roles (one per function)
data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# What each function's role allows besides writing its own log group and decrypting its environment
# (every role has those two, added below): exactly what its code calls; infra/check_iam.py compares it
# with the calls the tests record. A statement whose variable is unset is left out.
locals {
  role_statements = {
    ingest_triage = concat([
      # create = conditional PutItem, duplicate check = GetItem, delivery marker = PutItem,
      # suppressions and remembered templates of a batch = BatchGetItem, templates judged benign =
      # BatchWriteItem, counters = UpdateItem
      {
        sid       = "WriteVerdicts"
        actions   = ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
        resources = [aws_dynamodb_table.verdicts_table.arn]
      },
      {
        sid       = "ReadLogObjects"
        actions   = ["s3:GetObject"]
        resources = ["arn:${data.aws_partition.current.partition}:s3:::${local.log_bucket}/${var.log_key_prefix}*"]
      },
      {
        sid       = "FailedInvocationsToDeadLetterQueue"
        actions   = ["sqs:SendMessage"]
        resources = [aws_sqs_queue.ingest_dead_letter_queue.arn]
      },
      ], var.groq_api_key_secret_arn == "" ? [] : [{
        sid       = "ReadGroqApiKey"
        actions   = ["secretsmanager:GetSecretValue"]
        resources = [var.groq_api_key_secret_arn]
        }], var.log_bucket_kms_key_arn == "" ? [] : [{
        # the only statement with a condition: SSE-KMS log objects, decrypted through S3 only
        sid       = "DecryptLogObjects"
        actions   = ["kms:Decrypt"]
        resources = [var.log_bucket_kms_key_arn]
        condition = { test = "StringEquals", variable = "kms:ViaService", values = ["s3.${data.aws_region.current.name}.amazonaws.com"] }
    }])
    list_pending = [
      {
        # GetItem: one verdict; BatchGetItem: the suppressions in force (GET /verdicts/suppressions)
        sid       = "ReadVerdicts"
        actions   = ["dynamodb:GetItem", "dynamodb:BatchGetItem"]
        resources = [aws_dynamodb_table.verdicts_table.arn]
      },
      {
        sid       = "ListQueue"
        actions   = ["dynamodb:Query"]
        resources = [local.status_index_arn, local.activity_index_arn]
      },
    ]
    approve = concat([
      # claim/approve/reject/outcome = conditional UpdateItem; PutItem for suppressions
      {
        sid       = "DecideVerdicts"
        actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem"]
        resources = [aws_dynamodb_table.verdicts_table.arn]
      },
      ], var.kestra_secret_arn == "" ? [] : [{
        sid       = "ReadKestraCredentials"
        actions   = ["secretsmanager:GetSecretValue"]
        resources = [var.kestra_secret_arn]
    }])
  }
}

data "aws_iam_policy_document" "function" {
  for_each = local.lambdas

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.log_group[each.key].arn}:*"]
  }
  dynamic "statement" {
    for_each = local.role_statements[each.key]
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
      dynamic "condition" {
        for_each = can(statement.value.condition) ? [statement.value.condition] : []
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
  dynamic "statement" {
    for_each = local.function.kms_key_arn == null ? [] : [local.function.kms_key_arn]
    content {
      sid       = "DecryptEnvironment"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role" "role" {
  for_each           = local.lambdas
  name_prefix        = "${var.name}-${each.value.role_prefix}-"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

resource "aws_iam_role_policy" "role" {
  for_each = local.lambdas
  name     = each.value.export
  role     = aws_iam_role.role[each.key].id
  policy   = data.aws_iam_policy_document.function[each.key].json
}

# ------------------------------------------------------------------ functions (one artifact)
resource "aws_lambda_function" "function" {
  for_each                       = local.lambdas
  function_name                  = "${var.name}-${each.value.export}"
  description                    = "soc-triage ${each.value.export} (${each.value.does})"
  role                           = aws_iam_role.role[each.key].arn
  package_type                   = local.function.package_type
  filename                       = local.function.filename
  source_code_hash               = local.function.source_code_hash
  image_uri                      = local.function.image_uri
  runtime                        = local.function.runtime
  handler                        = local.function.handler
  architectures                  = [var.architecture]
  memory_size                    = local.function.memory_size
  timeout                        = each.value.timeout
  reserved_concurrent_executions = each.value.reserved_concurrency
  publish                        = true
  kms_key_arn                    = local.function.kms_key_arn

  dynamic "snap_start" {
    for_each = local.function.snap_start ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.log_group[each.key].name
  }

  environment {
    variables = each.value.environment
  }

  depends_on = [aws_iam_role_policy.role]
}

# Every trigger targets the alias, so SnapStart (published versions only) applies when enabled.
resource "aws_lambda_alias" "function_alias" {
  for_each         = local.lambdas
  name             = local.function.alias
  function_name    = aws_lambda_function.function[each.key].function_name
  function_version = aws_lambda_function.function[each.key].version
}

# The addresses before the three functions were one for_each: a deployed stack moves, nothing is re-created.
moved {
  from = aws_cloudwatch_log_group.ingest_triage_log_group
  to   = aws_cloudwatch_log_group.log_group["ingest_triage"]
}

moved {
  from = aws_iam_role.ingest_triage_role
  to   = aws_iam_role.role["ingest_triage"]
}

moved {
  from = aws_iam_role_policy.ingest_triage_role
  to   = aws_iam_role_policy.role["ingest_triage"]
}

moved {
  from = aws_lambda_function.ingest_triage_function
  to   = aws_lambda_function.function["ingest_triage"]
}

moved {
  from = aws_lambda_alias.ingest_triage_function_alias
  to   = aws_lambda_alias.function_alias["ingest_triage"]
}

moved {
  from = aws_cloudwatch_log_group.list_pending_log_group
  to   = aws_cloudwatch_log_group.log_group["list_pending"]
}

moved {
  from = aws_iam_role.list_pending_role
  to   = aws_iam_role.role["list_pending"]
}

moved {
  from = aws_iam_role_policy.list_pending_role
  to   = aws_iam_role_policy.role["list_pending"]
}

moved {
  from = aws_lambda_function.list_pending_function
  to   = aws_lambda_function.function["list_pending"]
}

moved {
  from = aws_lambda_alias.list_pending_function_alias
  to   = aws_lambda_alias.function_alias["list_pending"]
}

moved {
  from = aws_cloudwatch_log_group.approve_log_group
  to   = aws_cloudwatch_log_group.log_group["approve"]
}

moved {
  from = aws_iam_role.approve_role
  to   = aws_iam_role.role["approve"]
}

moved {
  from = aws_iam_role_policy.approve_role
  to   = aws_iam_role_policy.role["approve"]
}

moved {
  from = aws_lambda_function.approve_function
  to   = aws_lambda_function.function["approve"]
}

moved {
  from = aws_lambda_alias.approve_function_alias
  to   = aws_lambda_alias.function_alias["approve"]
}

resource "aws_lambda_function_event_invoke_config" "ingest_triage_function_event_invoke_config" {
  function_name                = aws_lambda_function.function["ingest_triage"].function_name
  qualifier                    = aws_lambda_alias.function_alias["ingest_triage"].name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 21600

  destination_config {
    on_failure {
      destination = aws_sqs_queue.ingest_dead_letter_queue.arn
    }
  }
}
