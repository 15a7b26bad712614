# The same outputs as infra/sam/template.yaml, in snake_case.

output "api_url" {
  description = "Base URL of the HTTP API (routes /verdicts...)"
  value       = aws_apigatewayv2_api.http_api.api_endpoint
}

output "console_url" {
  description = "The analyst console (and the API under /verdicts) through CloudFront"
  value       = local.console_url
}

output "console_bucket_name" {
  description = "The console's files (terraform apply uploads target/webui when it is built)"
  value       = aws_s3_bucket.console_bucket.id
}

output "verdicts_table_name" {
  value = aws_dynamodb_table.verdicts_table.name
}

output "log_bucket_name" {
  description = "Objects created here (under log_key_prefix) are triaged"
  value       = local.log_bucket
}

output "ingest_triage_function_alias" {
  description = "Destination for extra subscription filters and direct invokes"
  value       = aws_lambda_alias.function_alias["ingest_triage"].arn
}

output "ingest_dead_letter_queue_url" {
  value = aws_sqs_queue.ingest_dead_letter_queue.id
}

output "user_pool_id" {
  value = local.user_pool_id
}

output "analyst_client_id" {
  value = one(aws_cognito_user_pool_client.analyst_client[*].id)
}

output "kestra_client_id" {
  description = "Its secret: terraform output -raw kestra_client_secret"
  value       = one(aws_cognito_user_pool_client.kestra_client[*].id)
}

output "kestra_client_secret" {
  value     = one(aws_cognito_user_pool_client.kestra_client[*].client_secret)
  sensitive = true
}

output "token_url" {
  description = "OAuth token endpoint (Kestra: client_credentials, scope soc/remediation)"
  value       = local.create_user_pool ? "https://${local.domain_prefix}.auth.${data.aws_region.current.name}.amazoncognito.com/oauth2/token" : null
}
