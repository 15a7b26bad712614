# The analyst HTTP API (payload format 2.0) behind a JWT authorizer, and the Cognito user pool that
# issues the tokens unless jwt_issuer names an existing provider.

locals {
  create_user_pool = var.jwt_issuer == ""
  user_pool_id     = one(aws_cognito_user_pool.user_pool[*].id)
  jwt_issuer       = local.create_user_pool ? "https://cognito-idp.${data.aws_region.current.name}.amazonaws.com/${local.user_pool_id}" : var.jwt_issuer
  jwt_audience     = local.create_user_pool ? [aws_cognito_user_pool_client.analyst_client[0].id, aws_cognito_user_pool_client.kestra_client[0].id] : var.jwt_audience
  domain_prefix    = var.cognito_domain_prefix != "" ? var.cognito_domain_prefix : "${var.name}-${data.aws_caller_identity.current.account_id}"

  # Keys are the snake_case of the SAM event names (ListVerdicts -> list_verdicts).
  routes = {
    list_verdicts     = { method = "GET", path = "/verdicts", function = "list_pending" }
    get_verdict       = { method = "GET", path = "/verdicts/{id}", function = "list_pending" }
    approve_verdict   = { method = "POST", path = "/verdicts/{id}/approve", function = "approve" }
    reject_verdict    = { method = "POST", path = "/verdicts/{id}/reject", function = "approve" }
    report_outcome    = { method = "POST", path = "/verdicts/{id}/outcome", function = "approve" }
    lift_suppressions = { method = "POST", path = "/verdicts/{id}/unsuppress", function = "approve" }
  }

  api_functions = {
    list_pending = aws_lambda_alias.function_alias["list_pending"]
    approve      = aws_lambda_alias.function_alias["approve"]
  }
}

resource "aws_cloudwatch_log_group" "http_api_access_log_group" {
  name              = "/aws/apigateway/${var.name}-http-api"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_api" "http_api" {
  name             = var.name
  protocol_type    = "HTTP"
  fail_on_warnings = true
}

resource "aws_apigatewayv2_authorizer" "http_api_cognito_jwt" {
  api_id           = aws_apigatewayv2_api.http_api.id
  name             = "CognitoJwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = local.jwt_issuer
    audience = local.jwt_audience
  }

  lifecycle {
    precondition {
      condition     = local.create_user_pool || length(var.jwt_audience) > 0
      error_message = "jwt_audience must list the client ids accepted with jwt_issuer."
    }
  }
}

resource "aws_apigatewayv2_integration" "http_api" {
  for_each               = local.api_functions
  api_id                 = aws_apigatewayv2_api.http_api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = each.value.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "http_api" {
  for_each           = local.routes
  api_id             = aws_apigatewayv2_api.http_api.id
  route_key          = "${each.value.method} ${each.value.path}"
  target             = "integrations/${aws_apigatewayv2_integration.http_api[each.value.function].id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.http_api_cognito_jwt.id
}

resource "aws_lambda_permission" "http_api" {
  for_each      = local.routes
  action        = "lambda:InvokeFunction"
  function_name = local.api_functions[each.value.function].function_name
  qualifier     = local.api_functions[each.value.function].name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http_api.execution_arn}/*/${each.value.method}${replace(each.value.path, "{id}", "*")}"
}

resource "aws_apigatewayv2_stage" "http_api" {
  api_id      = aws_apigatewayv2_api.http_api.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.http_api_access_log_group.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      ip                 = "$context.identity.sourceIp"
      requestTime        = "$context.requestTime"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      integrationLatency = "$context.integrationLatency"
      sub                = "$context.authorizer.claims.sub"
      authorizerError    = "$context.authorizer.error"
      integrationError   = "$context.integrationErrorMessage"
    })
  }
}

# ------------------------------------------------------------------ Cognito (when no jwt_issuer)
resource "aws_cognito_user_pool" "user_pool" {
  count                    = local.create_user_pool ? 1 : 0
  name                     = var.name
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  # analysts can block addresses and disable users: MFA is required, and the pool outlives a destroy
  mfa_configuration   = "ON"
  deletion_protection = "ACTIVE"

  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  software_token_mfa_configuration {
    enabled = true
  }

  password_policy {
    minimum_length                   = 14
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 3
  }
}

resource "aws_cognito_user_group" "analyst_user_group" {
  count        = local.create_user_pool ? 1 : 0
  user_pool_id = local.user_pool_id
  name         = var.analyst_group
  description  = "May list, approve and reject verdicts"
}

resource "aws_cognito_user_group" "remediation_user_group" {
  count        = local.create_user_pool ? 1 : 0
  user_pool_id = local.user_pool_id
  name         = var.remediation_group
  description  = "May report remediation outcomes"
}

resource "aws_cognito_resource_server" "soc_resource_server" {
  count        = local.create_user_pool ? 1 : 0
  user_pool_id = local.user_pool_id
  identifier   = "soc"
  name         = "soc-triage"

  scope {
    scope_name        = "remediation"
    scope_description = "Report remediation outcomes"
  }
}

resource "aws_cognito_user_pool_domain" "user_pool_domain" {
  count        = local.create_user_pool ? 1 : 0
  user_pool_id = local.user_pool_id
  domain       = local.domain_prefix
}

resource "aws_cognito_user_pool_client" "analyst_client" {
  count                                = local.create_user_pool ? 1 : 0
  name                                 = "${var.name}-analysts"
  user_pool_id                         = local.user_pool_id
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  callback_urls                        = concat([local.console_url], var.analyst_callback_urls) # console.tf
  logout_urls                          = [local.console_url]
  supported_identity_providers         = ["COGNITO"]
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  access_token_validity                = 60
  id_token_validity                    = 60
  refresh_token_validity               = 12

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "hours"
  }
}

resource "aws_cognito_user_pool_client" "kestra_client" {
  count                                = local.create_user_pool ? 1 : 0
  name                                 = "${var.name}-kestra"
  user_pool_id                         = local.user_pool_id
  generate_secret                      = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_scopes                 = ["soc/remediation"]
  supported_identity_providers         = ["COGNITO"]
  prevent_user_existence_errors        = "ENABLED"
  access_token_validity                = 60

  token_validity_units {
    access_token = "minutes"
  }

  depends_on = [aws_cognito_resource_server.soc_resource_server]
}
