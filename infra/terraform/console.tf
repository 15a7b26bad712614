# The analyst console (docs/console.md): a private bucket behind CloudFront with origin access
# control, the HTTP API as the distribution's second origin for /verdicts* (one origin for page and
# API: no CORS), config.json written here, and the page's built files (target/webui) uploaded when
# present. Names follow infra/sam/template.yaml; SAM writes config.json through a custom resource
# (ConsoleConfig) because its HttpApi embeds the authorizer, which would make a cycle with the
# client's callback URLs; here the authorizer is its own resource and plain references suffice.

locals {
  console_url = "https://${aws_cloudfront_distribution.console_distribution.domain_name}/"
  console_dir = coalesce(var.console_dir, "${path.module}/../../target/webui")
  # config.json is the template's, never the build's
  console_files = toset([for f in fileset(local.console_dir, "**") : f if f != "config.json"])
  console_types = {
    html = "text/html; charset=utf-8", js = "text/javascript; charset=utf-8", css = "text/css; charset=utf-8",
    json = "application/json", svg = "image/svg+xml", png = "image/png", ico = "image/x-icon", txt = "text/plain"
  }
  console_connect_src = local.create_user_pool ? "https://cognito-idp.${data.aws_region.current.name}.amazonaws.com https://${local.domain_prefix}.auth.${data.aws_region.current.name}.amazoncognito.com" : "https:"
}

resource "aws_s3_bucket" "console_bucket" {
  bucket_prefix = "${var.name}-console-"
}

resource "aws_s3_bucket_public_access_block" "console_bucket" {
  bucket                  = aws_s3_bucket.console_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "console_bucket" {
  bucket = aws_s3_bucket.console_bucket.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "console_bucket" {
  bucket = aws_s3_bucket.console_bucket.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "console_bucket_policy" {
  statement {
    sid       = "CloudFrontReadsThroughOriginAccessControl"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.console_bucket.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.console_distribution.arn]
    }
  }
  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.console_bucket.arn, "${aws_s3_bucket.console_bucket.arn}/*"]
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

resource "aws_s3_bucket_policy" "console_bucket_policy" {
  bucket = aws_s3_bucket.console_bucket.id
  policy = data.aws_iam_policy_document.console_bucket_policy.json
}

resource "aws_cloudfront_origin_access_control" "console_origin_access_control" {
  name                              = "${var.name}-console"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# The page's own policy: scripts and styles from this origin only; the sign-in talks to Cognito.
resource "aws_cloudfront_response_headers_policy" "console_response_headers_policy" {
  name = "${var.name}-console"

  security_headers_config {
    content_security_policy {
      override                = true
      content_security_policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${local.console_connect_src}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "no-referrer"
      override        = true
    }
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      override                   = true
    }
  }
}

resource "aws_cloudfront_distribution" "console_distribution" {
  enabled             = true
  comment             = "soc-triage analyst console and API"
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = "PriceClass_100"

  origin {
    origin_id                = "console"
    domain_name              = aws_s3_bucket.console_bucket.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.console_origin_access_control.id
  }

  origin {
    origin_id   = "api"
    domain_name = replace(aws_apigatewayv2_api.http_api.api_endpoint, "https://", "")
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id           = "console"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = "658327ea-f89d-4fab-a63d-7e88639e58f6" # Managed-CachingOptimized
    response_headers_policy_id = aws_cloudfront_response_headers_policy.console_response_headers_policy.id
  }

  # never cached; every viewer header but Host (API Gateway's own host name must reach it),
  # Authorization included: with caching disabled the managed policy forwards it
  ordered_cache_behavior {
    path_pattern             = "/verdicts*"
    target_origin_id         = "api"
    viewer_protocol_policy   = "https-only"
    allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    cached_methods           = ["GET", "HEAD"]
    compress                 = true
    cache_policy_id          = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" # Managed-CachingDisabled
    origin_request_policy_id = "b689b0a8-53d0-40ab-baf2-68738e2966ac" # Managed-AllViewerExceptHostHeader
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

# config.json beside the page: what the sign-in needs (src/main/webui/src/auth.js reads it)
resource "aws_s3_object" "console_config" {
  bucket        = aws_s3_bucket.console_bucket.id
  key           = "config.json"
  content_type  = "application/json"
  cache_control = "no-cache"
  content = jsonencode({
    mode          = "oidc"
    issuer        = local.jwt_issuer
    clientId      = local.create_user_pool ? aws_cognito_user_pool_client.analyst_client[0].id : one(slice(var.jwt_audience, 0, min(1, length(var.jwt_audience))))
    cognitoDomain = local.create_user_pool ? "${local.domain_prefix}.auth.${data.aws_region.current.name}.amazoncognito.com" : ""
    redirectUrl   = local.console_url
    signOutUrl    = local.console_url
    scope         = "openid email profile"
    groupsClaim   = var.analyst_groups_claim
  })
}

# the built page (make build writes target/webui); nothing when it has not been built
resource "aws_s3_object" "console_files" {
  for_each      = local.console_files
  bucket        = aws_s3_bucket.console_bucket.id
  key           = each.value
  source        = "${local.console_dir}/${each.value}"
  etag          = filemd5("${local.console_dir}/${each.value}")
  content_type  = lookup(local.console_types, reverse(split(".", each.value))[0], "application/octet-stream")
  cache_control = endswith(each.value, ".html") ? "no-cache" : "max-age=300"
}
