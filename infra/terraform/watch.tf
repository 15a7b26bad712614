# Watched: the alarms and the dashboard of infra/sam/template.yaml ("watched" block), same names in
# snake_case. The functions write Embedded Metric Format lines (dev.soctriage.config.Metrics):
# namespace soc-triage, dimension Function. Every alarm notifies alarm_topic_arn.

locals {
  alarm_actions = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
  functions = {
    m1 = aws_lambda_function.ingest_triage_function.function_name
    m2 = aws_lambda_function.list_pending_function.function_name
    m3 = aws_lambda_function.approve_function.function_name
  }
}

resource "aws_cloudwatch_metric_alarm" "function_errors_alarm" {
  alarm_name          = "${var.name}-function-errors"
  alarm_description   = "A soc-triage function failed (ingest-triage retries, then dead-letters; the API answers 5xx)."
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id          = "total"
    expression  = "m1 + m2 + m3"
    label       = "Errors"
    return_data = true
  }
  dynamic "metric_query" {
    for_each = local.functions
    content {
      id = metric_query.key
      metric {
        namespace   = "AWS/Lambda"
        metric_name = "Errors"
        dimensions  = { FunctionName = metric_query.value }
        stat        = "Sum"
        period      = 300
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "function_throttles_alarm" {
  alarm_name          = "${var.name}-function-throttles"
  alarm_description   = "A soc-triage function was throttled (ingest-triage at its reserved concurrency, or the account limit)."
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id          = "total"
    expression  = "m1 + m2 + m3"
    label       = "Throttles"
    return_data = true
  }
  dynamic "metric_query" {
    for_each = local.functions
    content {
      id = metric_query.key
      metric {
        namespace   = "AWS/Lambda"
        metric_name = "Throttles"
        dimensions  = { FunctionName = metric_query.value }
        stat        = "Sum"
        period      = 300
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "api_server_errors_alarm" {
  alarm_name          = "${var.name}-api-5xx"
  alarm_description   = "The analyst API answered 5xx (store unavailable, Kestra unreachable, a function error)."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = aws_apigatewayv2_api.http_api.id }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "dispatch_failed_alarm" {
  alarm_name          = "${var.name}-dispatch-failed"
  alarm_description   = "An approval could not reach Kestra (the verdict is DISPATCH_FAILED and waits to be approved again)."
  namespace           = "soc-triage"
  metric_name         = "Decisions"
  dimensions          = { Function = "approve", Decision = "DISPATCH_FAILED" }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "model_fallback_rate_alarm" {
  alarm_name          = "${var.name}-model-fallback-rate"
  alarm_description   = "Too many groups sent to the model were judged by the rules instead (model down, rate limited, answers refused)."
  evaluation_periods  = 1
  threshold           = var.model_fallback_rate_percent
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id          = "rate"
    expression  = "IF(calls > 0, 100 * fallbacks / calls, 0)"
    label       = "Model fallback rate (%)"
    return_data = true
  }
  metric_query {
    id = "fallbacks"
    metric {
      namespace   = "soc-triage"
      metric_name = "ModelFallbacks"
      dimensions  = { Function = "ingest-triage" }
      stat        = "Sum"
      period      = 900
    }
  }
  metric_query {
    id = "calls"
    metric {
      namespace   = "soc-triage"
      metric_name = "ModelCalls"
      dimensions  = { Function = "ingest-triage" }
      stat        = "Sum"
      period      = 900
    }
  }
}

resource "aws_cloudwatch_dashboard" "dashboard" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = [
      { type = "metric", x = 0, y = 0, width = 12, height = 6, properties = {
        title = "Ingest: events, groups, verdicts", region = data.aws_region.current.name, stat = "Sum", period = 300,
        metrics = [["soc-triage", "Events", "Function", "ingest-triage"], [".", "Groups", ".", "."], [".", "Verdicts", ".", "."],
      [".", "SuppressedEvents", ".", "."], [".", "Duplicates", ".", "."], [".", "FailedRecords", ".", "."]] } },
      { type = "metric", x = 12, y = 0, width = 12, height = 6, properties = {
        title = "Model calls and fallbacks", region = data.aws_region.current.name, stat = "Sum", period = 300,
      metrics = [["soc-triage", "ModelCalls", "Function", "ingest-triage"], [".", "ModelFallbacks", ".", "."]] } },
      { type = "metric", x = 0, y = 6, width = 12, height = 6, properties = {
        title = "Event to verdict (ms)", region = data.aws_region.current.name, period = 300,
      metrics = [["soc-triage", "EventToVerdict", "Function", "ingest-triage", { stat = "p50" }], ["...", { stat = "p99" }]] } },
      { type = "metric", x = 12, y = 6, width = 12, height = 6, properties = {
        title = "Decisions", region = data.aws_region.current.name, stat = "Sum", period = 300,
        metrics = [["soc-triage", "Decisions", "Function", "approve", "Decision", "APPROVED"], ["...", "DISPATCH_FAILED"],
      ["...", "REJECTED"], ["...", "REMEDIATED"], ["...", "REMEDIATION_FAILED"]] } },
      { type = "metric", x = 0, y = 12, width = 12, height = 6, properties = {
        title = "Function errors and throttles", region = data.aws_region.current.name, stat = "Sum", period = 300,
        metrics = concat([for f in values(local.functions) : ["AWS/Lambda", "Errors", "FunctionName", f]],
      [for f in values(local.functions) : ["AWS/Lambda", "Throttles", "FunctionName", f]]) } },
      { type = "metric", x = 12, y = 12, width = 12, height = 6, properties = {
        title = "API 5xx and dead letters", region = data.aws_region.current.name, stat = "Sum", period = 300,
        metrics = [["AWS/ApiGateway", "5xx", "ApiId", aws_apigatewayv2_api.http_api.id],
      ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.ingest_dead_letter_queue.name, { stat = "Maximum" }]] } },
    ]
  })
}
