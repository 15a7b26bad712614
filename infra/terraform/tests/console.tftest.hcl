# The analyst console's hosting (console.tf), planned against a mocked AWS provider: a private
# bucket read only by the distribution, the API as the origin of /verdicts*, config.json for the
# sign-in, and the analyst client's URLs set to the CloudFront address.

mock_provider "aws" {
  source = "./tests/mocks" # the account, region, partition and policy documents
  mock_data "aws_secretsmanager_secret_version" {
    defaults = { secret_string = "{\"username\":\"u\",\"password\":\"p\",\"apiToken\":\"t\"}" }
  }
  # known at plan time so the URLs built from them can be checked
  mock_resource "aws_cloudfront_distribution" {
    override_during = plan
    defaults = {
      domain_name = "d111111abcdef8.cloudfront.net"
      arn         = "arn:aws:cloudfront::111122223333:distribution/E111111ABCDEF8"
    }
  }
  mock_resource "aws_cognito_user_pool_client" {
    override_during = plan
    defaults        = { id = "analystclientid" }
  }
  mock_resource "aws_cognito_user_pool" {
    override_during = plan
    defaults        = { id = "eu-west-1_pool" }
  }
  mock_resource "aws_apigatewayv2_api" {
    override_during = plan
    defaults = {
      api_endpoint  = "https://abc123.execute-api.eu-west-1.amazonaws.com"
      execution_arn = "arn:aws:execute-api:eu-west-1:111122223333:abc123"
    }
  }
}

variables {
  function_zip = "versions.tf"
  image_uri    = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/soc-triage:1"
  # no built page here: nothing to upload
  console_dir = "not-built"
}

run "console_hosting" {
  command = plan

  assert {
    condition     = aws_s3_bucket_public_access_block.console_bucket.block_public_acls && aws_s3_bucket_public_access_block.console_bucket.block_public_policy && aws_s3_bucket_public_access_block.console_bucket.ignore_public_acls && aws_s3_bucket_public_access_block.console_bucket.restrict_public_buckets
    error_message = "the console bucket is private"
  }
  assert {
    condition     = aws_cloudfront_origin_access_control.console_origin_access_control.origin_access_control_origin_type == "s3" && aws_cloudfront_origin_access_control.console_origin_access_control.signing_behavior == "always"
    error_message = "CloudFront signs every request to the bucket (origin access control)"
  }
  assert {
    condition     = one([for o in aws_cloudfront_distribution.console_distribution.origin : o if o.origin_id == "api"]).domain_name == "abc123.execute-api.eu-west-1.amazonaws.com"
    error_message = "the HTTP API is the distribution's second origin"
  }
  assert {
    condition     = one(aws_cloudfront_distribution.console_distribution.ordered_cache_behavior).path_pattern == "/verdicts*" && one(aws_cloudfront_distribution.console_distribution.ordered_cache_behavior).target_origin_id == "api" && one(aws_cloudfront_distribution.console_distribution.ordered_cache_behavior).cache_policy_id == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" && contains(one(aws_cloudfront_distribution.console_distribution.ordered_cache_behavior).allowed_methods, "POST")
    error_message = "/verdicts* goes to the API, uncached, POST allowed"
  }
  assert {
    condition     = one(aws_cloudfront_distribution.console_distribution.default_cache_behavior).target_origin_id == "console" && one(aws_cloudfront_distribution.console_distribution.default_cache_behavior).viewer_protocol_policy == "redirect-to-https" && aws_cloudfront_distribution.console_distribution.default_root_object == "index.html"
    error_message = "everything else is the page, over HTTPS"
  }
  assert {
    condition     = strcontains(aws_cloudfront_response_headers_policy.console_response_headers_policy.security_headers_config[0].content_security_policy[0].content_security_policy, "script-src 'self';")
    error_message = "the page is served with a CSP that allows only its own scripts"
  }
  assert {
    condition = jsondecode(aws_s3_object.console_config.content) == {
      mode          = "oidc"
      issuer        = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool"
      clientId      = "analystclientid"
      cognitoDomain = "soc-triage-111122223333.auth.eu-west-1.amazoncognito.com"
      redirectUrl   = "https://d111111abcdef8.cloudfront.net/"
      signOutUrl    = "https://d111111abcdef8.cloudfront.net/"
      scope         = "openid email profile"
      groupsClaim   = "cognito:groups"
    }
    error_message = "config.json names the issuer, the client, the Cognito domain and the CloudFront address"
  }
  assert {
    condition     = contains(aws_cognito_user_pool_client.analyst_client[0].callback_urls, "https://d111111abcdef8.cloudfront.net/") && aws_cognito_user_pool_client.analyst_client[0].logout_urls == toset(["https://d111111abcdef8.cloudfront.net/"])
    error_message = "the analyst client's callback and sign-out URLs are the CloudFront address"
  }
  assert {
    condition     = length(aws_s3_object.console_files) == 0
    error_message = "no page files when none are built"
  }
}

run "console_with_an_existing_issuer" {
  command = plan
  variables {
    jwt_issuer   = "https://login.example.com/realms/soc"
    jwt_audience = ["soc-console"]
  }

  assert {
    condition     = jsondecode(aws_s3_object.console_config.content).issuer == "https://login.example.com/realms/soc" && jsondecode(aws_s3_object.console_config.content).clientId == "soc-console" && jsondecode(aws_s3_object.console_config.content).cognitoDomain == ""
    error_message = "with jwt_issuer, config.json names that issuer and the first audience"
  }
}
