# `terraform test` plans against a mocked AWS provider: no account, no network. infra/check.sh runs
# it (and adds a generated test that holds the environment and routes equal to infra/sam).

mock_provider "aws" {
  source = "./tests/mocks" # the account, region, partition and policy documents
  # the created bucket's name, known at plan time here so the rule's pattern can be checked
  mock_resource "aws_s3_bucket" {
    override_during = plan
    defaults = {
      id  = "soc-triage-logs-1"
      arn = "arn:aws:s3:::soc-triage-logs-1"
    }
  }
}

variables {
  # any readable file stands in for target/function.zip: the plan only hashes it
  function_zip = "versions.tf"
  # the default start (runtime = image) names the image built from infra/image/Dockerfile
  image_uri = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/soc-triage:1"
}

run "image_by_default" {
  command = plan

  assert {
    condition     = alltrue([for f in [aws_lambda_function.function["ingest_triage"], aws_lambda_function.function["list_pending"], aws_lambda_function.function["approve"]] : f.package_type == "Image" && f.image_uri == "111122223333.dkr.ecr.eu-west-1.amazonaws.com/soc-triage:1" && f.runtime == null && f.handler == null && f.filename == null])
    error_message = "the default start is the container image: every function from the image, no managed runtime, handler or zip"
  }
  assert {
    condition     = alltrue([for f in [aws_lambda_function.function["ingest_triage"], aws_lambda_function.function["list_pending"], aws_lambda_function.function["approve"]] : length(f.snap_start) == 0 && f.publish && !contains(keys(f.environment[0].variables), "JAVA_TOOL_OPTIONS")])
    error_message = "the image: published versions without SnapStart (zip only), and no JAVA_TOOL_OPTIONS (another JVM option would make the JVM refuse the trained caches)"
  }
  assert {
    condition     = [for f in [aws_lambda_function.function["ingest_triage"], aws_lambda_function.function["list_pending"], aws_lambda_function.function["approve"]] : f.environment[0].variables["QUARKUS_FUNQY_EXPORT"]] == ["ingest-triage", "list-pending", "approve"]
    error_message = "one image, three functions: the bootstrap starts the one QUARKUS_FUNQY_EXPORT names, from that function's cache"
  }
}

run "image_needs_its_uri" {
  command = plan

  variables {
    image_uri = ""
  }

  expect_failures = [var.image_uri]
}

run "jvm_zip" {
  command = plan

  variables {
    runtime = "java21"
  }

  assert {
    condition     = aws_lambda_function.function["ingest_triage"].handler == "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest" && aws_lambda_function.function["ingest_triage"].runtime == "java21" && aws_lambda_function.function["ingest_triage"].package_type == "Zip" && aws_lambda_function.function["ingest_triage"].image_uri == null
    error_message = "JVM build: the Funqy stream handler on java21, from target/function.zip"
  }
  assert {
    condition     = aws_lambda_function.function["ingest_triage"].timeout > 50 && aws_lambda_function.function["list_pending"].timeout == 15 && aws_lambda_function.function["approve"].timeout == 28
    error_message = "ingest-triage must outlive ingest.time-budget (50 s); list-pending 15 s, approve 28 s"
  }
  assert {
    condition     = alltrue([for f in [aws_lambda_function.function["ingest_triage"], aws_lambda_function.function["list_pending"], aws_lambda_function.function["approve"]] : f.memory_size == 1024 && f.publish && length(f.snap_start) == 1 && f.architectures[0] == "x86_64"])
    error_message = "1024 MB, published versions with SnapStart, x86_64"
  }
  assert {
    condition     = aws_lambda_function.function["approve"].environment[0].variables["JAVA_TOOL_OPTIONS"] == "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    error_message = "the managed JVM runtimes get JAVA_TOOL_OPTIONS (C1 only)"
  }
  assert {
    condition     = [for f in [aws_lambda_function.function["ingest_triage"], aws_lambda_function.function["list_pending"], aws_lambda_function.function["approve"]] : f.environment[0].variables["QUARKUS_FUNQY_EXPORT"]] == ["ingest-triage", "list-pending", "approve"]
    error_message = "each function exports its own name"
  }
  assert {
    condition     = { for k, f in aws_lambda_function.function : k => [f.function_name, f.logging_config[0].log_group, aws_iam_role_policy.role[k].name] } == { ingest_triage = ["soc-triage-ingest-triage", "/aws/lambda/soc-triage-ingest-triage", "ingest-triage"], list_pending = ["soc-triage-list-pending", "/aws/lambda/soc-triage-list-pending", "list-pending"], approve = ["soc-triage-approve", "/aws/lambda/soc-triage-approve", "approve"] }
    error_message = "one function, log group and role policy per export, named as before the for_each (moved blocks keep a deployed stack)"
  }
  assert {
    condition     = aws_dynamodb_table.verdicts_table.billing_mode == "PAY_PER_REQUEST" && aws_dynamodb_table.verdicts_table.hash_key == "id" && { for i in aws_dynamodb_table.verdicts_table.global_secondary_index : i.name => [i.hash_key, i.range_key, i.projection_type] } == { "status-index" = ["status", "queueKey", "ALL"], "activity-index" = ["status", "activityKey", "ALL"] } && aws_dynamodb_table.verdicts_table.ttl[0].attribute_name == "expiresAt" && aws_dynamodb_table.verdicts_table.point_in_time_recovery[0].enabled
    error_message = "table: id, status-index(status, queueKey), activity-index(status, activityKey), TTL expiresAt, PITR"
  }
  assert {
    condition     = length(aws_cognito_user_pool.user_pool) == 1 && length(aws_s3_bucket.log_bucket) == 1 && length(aws_cloudwatch_log_subscription_filter.log_subscription) == 0
    error_message = "defaults create the user pool and the bucket, subscribe no log group"
  }
  assert {
    condition     = aws_lambda_function_event_invoke_config.ingest_triage_function_event_invoke_config.maximum_retry_attempts == 2
    error_message = "async retries: 2, then the dead-letter queue"
  }
  assert {
    condition     = alltrue([for g in [aws_cloudwatch_log_group.log_group["ingest_triage"], aws_cloudwatch_log_group.log_group["list_pending"], aws_cloudwatch_log_group.log_group["approve"], aws_cloudwatch_log_group.http_api_access_log_group] : g.retention_in_days == 30])
    error_message = "every log group keeps 30 days by default"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.object_created_rule.event_pattern)["detail-type"] == ["Object Created"] && jsondecode(aws_cloudwatch_event_rule.object_created_rule.event_pattern).detail.bucket.name == ["soc-triage-logs-1"] && !can(jsondecode(aws_cloudwatch_event_rule.object_created_rule.event_pattern).detail.object)
    error_message = "Object Created on the bucket, no key filter by default"
  }
}

run "watched_and_protected" {
  command = plan

  assert {
    condition     = aws_lambda_function.function["ingest_triage"].reserved_concurrent_executions == 10
    error_message = "ingest-triage has reserved concurrency (a burst cannot starve the API or burn the model quota)"
  }
  assert {
    condition     = aws_cognito_user_pool.user_pool[0].mfa_configuration == "ON" && aws_cognito_user_pool.user_pool[0].deletion_protection == "ACTIVE" && aws_dynamodb_table.verdicts_table.deletion_protection_enabled
    error_message = "analysts need MFA; the user pool and the table are protected from deletion"
  }
  assert {
    condition     = one(aws_s3_bucket_lifecycle_configuration.log_bucket[0].rule).expiration[0].days == 90 && one(aws_s3_bucket_lifecycle_configuration.log_bucket[0].rule).status == "Enabled"
    error_message = "the created log bucket expires objects after 90 days by default"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.watched["dispatch_failed_alarm"].namespace == "soc-triage" && aws_cloudwatch_metric_alarm.watched["dispatch_failed_alarm"].metric_name == "Decisions" && aws_cloudwatch_metric_alarm.watched["dispatch_failed_alarm"].dimensions["Function"] == "approve" && aws_cloudwatch_metric_alarm.watched["dispatch_failed_alarm"].dimensions["Decision"] == "DISPATCH_FAILED"
    error_message = "DISPATCH_FAILED approvals alarm on the application's EMF metric"
  }
  assert {
    condition     = length(aws_cloudwatch_metric_alarm.watched["function_errors_alarm"].metric_query) == 4 && length(aws_cloudwatch_metric_alarm.watched["function_throttles_alarm"].metric_query) == 4 && aws_cloudwatch_metric_alarm.watched["model_fallback_rate_alarm"].threshold == 50 && aws_cloudwatch_metric_alarm.watched["api_server_errors_alarm"].metric_name == "5xx"
    error_message = "errors and throttles of the three functions, API 5xx, model fallback rate over 50 %"
  }
  assert {
    condition     = { for k, a in aws_cloudwatch_metric_alarm.watched : k => a.alarm_name } == { function_errors_alarm = "soc-triage-function-errors", function_throttles_alarm = "soc-triage-function-throttles", api_server_errors_alarm = "soc-triage-api-5xx", dispatch_failed_alarm = "soc-triage-dispatch-failed", model_fallback_rate_alarm = "soc-triage-model-fallback-rate" }
    error_message = "the watched alarms keep their names (one resource, for_each over local.watched_alarms)"
  }
  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.watched : (a.metric_name == null) != (length(a.metric_query) == 0) && a.evaluation_periods == 1 && a.comparison_operator == "GreaterThanThreshold" && a.treat_missing_data == "notBreaching"])
    error_message = "each alarm watches one metric or metric math, never both; one period over the threshold, missing data not breaching"
  }
  assert {
    condition     = aws_cloudwatch_dashboard.dashboard.dashboard_name == "soc-triage"
    error_message = "the dashboard is named after the stack"
  }
}

run "alarms_notify_the_topic" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:eu-west-1:111122223333:soc"
  }

  assert {
    condition     = alltrue([for a in [aws_cloudwatch_metric_alarm.ingest_dead_letter_alarm, aws_cloudwatch_metric_alarm.watched["function_errors_alarm"], aws_cloudwatch_metric_alarm.watched["function_throttles_alarm"], aws_cloudwatch_metric_alarm.watched["api_server_errors_alarm"], aws_cloudwatch_metric_alarm.watched["dispatch_failed_alarm"], aws_cloudwatch_metric_alarm.watched["model_fallback_rate_alarm"]] : a.alarm_actions == toset(["arn:aws:sns:eu-west-1:111122223333:soc"])])
    error_message = "every alarm notifies alarm_topic_arn"
  }
}

run "native_existing_bucket_and_issuer" {
  command = plan

  variables {
    runtime           = "provided.al2023"
    log_bucket_name   = "my-trail-bucket"
    log_key_prefix    = "AWSLogs/"
    log_group_names   = ["/aws/ec2/auth", "/var/log/secure"]
    jwt_issuer        = "https://issuer.example.com"
    jwt_audience      = ["client-a"]
    kestra_secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kestra-AbCdEf"
  }

  assert {
    condition     = aws_lambda_function.function["approve"].handler == "not.used.in.provided.runtime" && length(aws_lambda_function.function["approve"].snap_start) == 0
    error_message = "native build: provided.al2023 handler, no SnapStart"
  }
  assert {
    condition     = length(aws_cognito_user_pool.user_pool) == 0 && length(aws_s3_bucket.log_bucket) == 0 && aws_apigatewayv2_authorizer.http_api_cognito_jwt.jwt_configuration[0].issuer == "https://issuer.example.com"
    error_message = "an existing issuer and bucket create no pool and no bucket"
  }
  assert {
    condition     = length(aws_cloudwatch_log_subscription_filter.log_subscription) == 2 && aws_lambda_permission.logs_invoke_permission.source_arn == "arn:aws:logs:eu-west-1:111122223333:log-group:*"
    error_message = "one subscription per log group; CloudWatch Logs may invoke for this account and region only"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.object_created_rule.event_pattern).detail.bucket.name == ["my-trail-bucket"] && jsondecode(aws_cloudwatch_event_rule.object_created_rule.event_pattern).detail.object.key == [{ prefix = "AWSLogs/" }]
    error_message = "the rule matches the given bucket and prefix"
  }
  assert {
    condition     = aws_lambda_function.function["approve"].environment[0].variables["KESTRA_SECRET_ARN"] == "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kestra-AbCdEf" && length(setintersection(keys(aws_lambda_function.function["approve"].environment[0].variables), ["KESTRA_USERNAME", "KESTRA_PASSWORD", "KESTRA_API_TOKEN"])) == 0
    error_message = "the Kestra secret reaches approve as its ARN only, never as values"
  }
}

run "existing_issuer_needs_audience" {
  command = plan

  variables {
    jwt_issuer = "https://issuer.example.com"
  }

  expect_failures = [aws_apigatewayv2_authorizer.http_api_cognito_jwt]
}
