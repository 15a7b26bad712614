# Watched: the alarms and the dashboard of infra/sam/template.yaml ("watched" block), same names in
# snake_case (the alarms' keys in local.watched_alarms). The functions write Embedded Metric Format
# lines (dev.soctriage.metrics.MetricsLine): namespace soc-triage, dimension Function. Every alarm notifies
# alarm_topic_arn.

locals {
  alarm_actions = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
  functions = {
    m1 = aws_lambda_function.function["ingest_triage"].function_name
    m2 = aws_lambda_function.function["list_pending"].function_name
    m3 = aws_lambda_function.function["approve"].function_name
  }

  # AWS/Lambda's Errors or Throttles summed over the three functions: the total, then one query each
  lambda_totals = { for name in ["Errors", "Throttles"] : name => concat(
    [{ id = "total", expression = "m1 + m2 + m3", label = name, return_data = true, metric = null }],
    [for id, function_name in local.functions : {
      id     = id, expression = null, label = null, return_data = null
      metric = { namespace = "AWS/Lambda", metric_name = name, dimensions = { FunctionName = function_name }, stat = "Sum", period = 300 }
    }]
  ) }

  # Every alarm is "more than threshold in one period", missing data not breaching. Each watches
  # one metric (metric) or metric math (queries, the first returning the data), never both.
  watched_alarms = {
    function_errors_alarm = {
      name        = "function-errors"
      description = "A soc-triage function failed (ingest-triage retries, then dead-letters; the API answers 5xx)."
      threshold   = 0
      metric      = null
      queries     = local.lambda_totals["Errors"]
    }
    function_throttles_alarm = {
      name        = "function-throttles"
      description = "A soc-triage function was throttled (ingest-triage at its reserved concurrency, or the account limit)."
      threshold   = 0
      metric      = null
      queries     = local.lambda_totals["Throttles"]
    }
    api_server_errors_alarm = {
      name        = "api-5xx"
      description = "The analyst API answered 5xx (store unavailable, Kestra unreachable, a function error)."
      threshold   = 0
      metric      = { namespace = "AWS/ApiGateway", metric_name = "5xx", dimensions = { ApiId = aws_apigatewayv2_api.http_api.id }, stat = "Sum", period = 300 }
      queries     = []
    }
    dispatch_failed_alarm = {
      name        = "dispatch-failed"
      description = "An approval could not reach Kestra (the verdict is DISPATCH_FAILED and waits to be approved again)."
      threshold   = 0
      metric      = { namespace = "soc-triage", metric_name = "Decisions", dimensions = { Function = "approve", Decision = "DISPATCH_FAILED" }, stat = "Sum", period = 300 }
      queries     = []
    }
    model_fallback_rate_alarm = {
      name        = "model-fallback-rate"
      description = "Too many groups sent to the model were judged by the rules instead (model down, rate limited, answers refused)."
      threshold   = var.model_fallback_rate_percent
      metric      = null
      queries = [
        { id = "rate", expression = "IF(calls > 0, 100 * fallbacks / calls, 0)", label = "Model fallback rate (%)", return_data = true, metric = null },
        { id = "fallbacks", expression = null, label = null, return_data = null, metric = { namespace = "soc-triage", metric_name = "ModelFallbacks", dimensions = { Function = "ingest-triage" }, stat = "Sum", period = 900 } },
        { id = "calls", expression = null, label = null, return_data = null, metric = { namespace = "soc-triage", metric_name = "ModelCalls", dimensions = { Function = "ingest-triage" }, stat = "Sum", period = 900 } },
      ]
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "watched" {
  for_each = local.watched_alarms

  alarm_name          = "${var.name}-${each.value.name}"
  alarm_description   = each.value.description
  namespace           = each.value.metric == null ? null : each.value.metric.namespace
  metric_name         = each.value.metric == null ? null : each.value.metric.metric_name
  dimensions          = each.value.metric == null ? null : each.value.metric.dimensions
  statistic           = each.value.metric == null ? null : each.value.metric.stat
  period              = each.value.metric == null ? null : each.value.metric.period
  evaluation_periods  = 1
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  dynamic "metric_query" {
    for_each = each.value.queries
    content {
      id          = metric_query.value.id
      expression  = metric_query.value.expression
      label       = metric_query.value.label
      return_data = metric_query.value.return_data
      dynamic "metric" {
        for_each = metric_query.value.metric == null ? [] : [metric_query.value.metric]
        content {
          namespace   = metric.value.namespace
          metric_name = metric.value.metric_name
          dimensions  = metric.value.dimensions
          stat        = metric.value.stat
          period      = metric.value.period
        }
      }
    }
  }
}

# the alarms were one resource each: moved, not destroyed and created again
moved {
  from = aws_cloudwatch_metric_alarm.function_errors_alarm
  to   = aws_cloudwatch_metric_alarm.watched["function_errors_alarm"]
}
moved {
  from = aws_cloudwatch_metric_alarm.function_throttles_alarm
  to   = aws_cloudwatch_metric_alarm.watched["function_throttles_alarm"]
}
moved {
  from = aws_cloudwatch_metric_alarm.api_server_errors_alarm
  to   = aws_cloudwatch_metric_alarm.watched["api_server_errors_alarm"]
}
moved {
  from = aws_cloudwatch_metric_alarm.dispatch_failed_alarm
  to   = aws_cloudwatch_metric_alarm.watched["dispatch_failed_alarm"]
}
moved {
  from = aws_cloudwatch_metric_alarm.model_fallback_rate_alarm
  to   = aws_cloudwatch_metric_alarm.watched["model_fallback_rate_alarm"]
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
