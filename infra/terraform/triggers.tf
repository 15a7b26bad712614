# ingest-triage's inputs: CloudWatch Logs subscriptions, new objects in the log bucket (through
# EventBridge), and the dead-letter queue that catches what still fails after the retries.

locals {
  create_log_bucket = var.log_bucket_name == ""
  log_bucket        = local.create_log_bucket ? aws_s3_bucket.log_bucket[0].id : var.log_bucket_name
}

# ------------------------------------------------------------------ dead letters
resource "aws_sqs_queue" "ingest_dead_letter_queue" {
  name                      = "${var.name}-ingest-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

data "aws_iam_policy_document" "ingest_dead_letter_queue" {
  statement {
    sid       = "UndeliverableObjectEvents"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.ingest_dead_letter_queue.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.object_created_rule.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "ingest_dead_letter_queue_policy" {
  queue_url = aws_sqs_queue.ingest_dead_letter_queue.id
  policy    = data.aws_iam_policy_document.ingest_dead_letter_queue.json
}

resource "aws_cloudwatch_metric_alarm" "ingest_dead_letter_alarm" {
  alarm_name          = "${var.name}-ingest-dead-letters"
  alarm_description   = "ingest-triage inputs failed after retries; inspect the dead-letter queue and redrive."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.ingest_dead_letter_queue.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
}

# ------------------------------------------------------------------ CloudWatch Logs subscriptions
# CloudWatch Logs may invoke ingest-triage for any log group of this account and region; which
# groups actually do is decided by the subscription filters (here, or added later by hand).
resource "aws_lambda_permission" "logs_invoke_permission" {
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.function["ingest_triage"].function_name
  qualifier      = aws_lambda_alias.function_alias["ingest_triage"].name
  principal      = "logs.amazonaws.com"
  source_account = data.aws_caller_identity.current.account_id
  source_arn     = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:*"
}

resource "aws_cloudwatch_log_subscription_filter" "log_subscription" {
  for_each        = toset(var.log_group_names)
  name            = "${var.name}-ingest-triage"
  log_group_name  = each.value
  filter_pattern  = var.log_filter_pattern
  destination_arn = aws_lambda_alias.function_alias["ingest_triage"].arn
  depends_on      = [aws_lambda_permission.logs_invoke_permission]
}

# ------------------------------------------------------------------ log bucket (unless one is given)
resource "aws_s3_bucket" "log_bucket" {
  count         = local.create_log_bucket ? 1 : 0
  bucket_prefix = "${var.name}-logs-"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "log_bucket" {
  count  = local.create_log_bucket ? 1 : 0
  bucket = aws_s3_bucket.log_bucket[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "log_bucket" {
  count                   = local.create_log_bucket ? 1 : 0
  bucket                  = aws_s3_bucket.log_bucket[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "log_bucket" {
  count  = local.create_log_bucket ? 1 : 0
  bucket = aws_s3_bucket.log_bucket[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "log_bucket" {
  count  = local.create_log_bucket ? 1 : 0
  bucket = aws_s3_bucket.log_bucket[0].id
  rule {
    id     = "expire-log-objects"
    status = "Enabled"
    filter {}
    expiration {
      days = var.log_object_expiration_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

resource "aws_s3_bucket_notification" "log_bucket" {
  count       = local.create_log_bucket ? 1 : 0
  bucket      = aws_s3_bucket.log_bucket[0].id
  eventbridge = true
}

data "aws_iam_policy_document" "log_bucket" {
  count = local.create_log_bucket ? 1 : 0
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.log_bucket[0].arn, "${aws_s3_bucket.log_bucket[0].arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "log_bucket_policy" {
  count      = local.create_log_bucket ? 1 : 0
  bucket     = aws_s3_bucket.log_bucket[0].id
  policy     = data.aws_iam_policy_document.log_bucket[0].json
  depends_on = [aws_s3_bucket_public_access_block.log_bucket]
}

# ------------------------------------------------------------------ S3 Object Created -> ingest-triage
resource "aws_cloudwatch_event_rule" "object_created_rule" {
  name_prefix = "${var.name}-object-created-"
  description = "New log objects in the log bucket -> ingest-triage"
  event_pattern = jsonencode({
    source      = ["aws.s3"]
    detail-type = ["Object Created"]
    detail = merge(
      { bucket = { name = [local.log_bucket] } },
      var.log_key_prefix == "" ? {} : { object = { key = [{ prefix = var.log_key_prefix }] } },
    )
  })
}

resource "aws_cloudwatch_event_target" "object_created_rule" {
  rule      = aws_cloudwatch_event_rule.object_created_rule.name
  target_id = "ingest-triage"
  arn       = aws_lambda_alias.function_alias["ingest_triage"].arn

  retry_policy {
    maximum_retry_attempts       = 8
    maximum_event_age_in_seconds = 3600
  }

  dead_letter_config {
    arn = aws_sqs_queue.ingest_dead_letter_queue.arn
  }
}

resource "aws_lambda_permission" "object_created_invoke_permission" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function["ingest_triage"].function_name
  qualifier     = aws_lambda_alias.function_alias["ingest_triage"].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.object_created_rule.arn
}
