# The same parameters as infra/sam/template.yaml, in snake_case. `name` stands in for the stack name:
# every resource name derives from it.

variable "name" {
  description = "Prefix of every resource name (the SAM stack name's role)."
  type        = string
  default     = "soc-triage"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "name: lower-case letters, digits and hyphens, 2-31 characters (it also prefixes the Cognito domain)."
  }
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = { app = "soc-triage" }
}

variable "function_zip" {
  description = "The build output; null means ../../target/function.zip (mvn -B package, or mvn -B -Pnative package)."
  type        = string
  default     = null
}

variable "runtime" {
  description = "How the functions start: image (the container image of infra/image/Dockerfile, each function from its own start-up cache; the fastest measured, docs/benchmarks.md), java21/java25 (target/function.zip on the managed runtime, with SnapStart), provided.al2023 (the native build). java17 creation is disabled since 2026-07-31."
  type        = string
  default     = "image"
  validation {
    condition     = contains(["image", "java21", "java25", "provided.al2023"], var.runtime)
    error_message = "runtime must be image, java21, java25 or provided.al2023."
  }
}

variable "image_uri" {
  description = "runtime = image: the ECR image built from infra/image/Dockerfile (make build && docker build -f infra/image/Dockerfile .), by digest or tag; its architecture must be var.architecture."
  type        = string
  default     = ""
  validation {
    condition     = var.runtime != "image" || can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$", var.image_uri))
    error_message = "runtime = image needs image_uri: an ECR image (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>) built from infra/image/Dockerfile; or choose runtime = java25/java21 (target/function.zip)."
  }
}

variable "architecture" {
  description = "A native build must match the architecture it was compiled for."
  type        = string
  default     = "x86_64"
  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "snap_start" {
  description = "SnapStart on published versions (the managed JVM runtimes only; ignored for image and provided.al2023)."
  type        = bool
  default     = true
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS for the managed JVM runtimes; ignored by image (the bootstrap's flags are those its caches were trained with) and by a native build."
  type        = string
  default     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}

variable "log_retention_days" {
  description = "Retention of the function log groups and the API access log group."
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the functions' environment variables; empty uses Lambda's AWS managed key."
  type        = string
  default     = ""
}

# ---- secrets: read at run time by ARN (GROQ_API_KEY_SECRET_ARN, KESTRA_SECRET_ARN); nothing secret in the state
variable "groq_api_key_secret_arn" {
  description = "ARN of the Secrets Manager secret whose SecretString is the Groq API key (read at run time, cached); empty means no model (rules engine only)."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.groq_api_key_secret_arn))
    error_message = "groq_api_key_secret_arn must be a Secrets Manager secret ARN (or empty)."
  }
}

variable "groq_base_url" {
  type    = string
  default = "https://api.groq.com/openai/v1"
}

variable "groq_model" {
  type    = string
  default = "openai/gpt-oss-120b"
}

variable "groq_response_format" {
  type    = string
  default = "json_schema"
  validation {
    condition     = contains(["json_schema", "json_object"], var.groq_response_format)
    error_message = "groq_response_format must be json_schema or json_object."
  }
}

variable "kestra_url" {
  description = "Kestra base URL reachable from Lambda, e.g. https://kestra.example.com"
  type        = string
  default     = ""
}

variable "kestra_tenant" {
  type    = string
  default = "main"
}

variable "kestra_namespace" {
  type    = string
  default = "soc.remediation"
}

variable "kestra_secret_arn" {
  description = "ARN of the Secrets Manager secret holding JSON {\"username\",\"password\"} (basic auth) or {\"apiToken\"} (bearer), read at run time and cached; empty sends no credentials."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.kestra_secret_arn))
    error_message = "kestra_secret_arn must be a Secrets Manager secret ARN (or empty)."
  }
}

variable "allowlist_cidrs" {
  description = "Comma-separated CIDRs never to block (ALLOWLIST_CIDRS)."
  type        = string
  default     = ""
}

variable "analyst_group" {
  type    = string
  default = "soc-analysts"
}

variable "analyst_groups_claim" {
  type    = string
  default = "cognito:groups"
}

variable "remediation_group" {
  type    = string
  default = "soc-remediation"
}

variable "log_group_names" {
  description = "CloudWatch Logs groups to subscribe to ingest-triage; never include ingest-triage's own log group."
  type        = list(string)
  default     = []
}

variable "log_filter_pattern" {
  description = "Subscription filter pattern; empty forwards every event."
  type        = string
  default     = ""
}

variable "log_bucket_name" {
  description = "Existing bucket whose new objects are triaged (enable its EventBridge notifications yourself); empty creates one."
  type        = string
  default     = ""
}

variable "log_bucket_kms_key_arn" {
  description = "KMS key of an existing bucket encrypted with SSE-KMS (CloudTrail often is); ingest-triage may decrypt with it through S3 only."
  type        = string
  default     = ""
}

variable "log_key_prefix" {
  description = "Only objects under this key prefix are triaged (e.g. AWSLogs/); empty means all."
  type        = string
  default     = ""
}

variable "jwt_issuer" {
  description = "Issuer of an existing OIDC provider; empty creates a Cognito user pool."
  type        = string
  default     = ""
}

variable "jwt_audience" {
  description = "Audiences (client ids) accepted with jwt_issuer; ignored when the user pool is created here."
  type        = list(string)
  default     = []
}

variable "cognito_domain_prefix" {
  description = "Hosted-UI/token domain prefix; empty means <name>-<account id>."
  type        = string
  default     = ""
}

variable "analyst_callback_urls" {
  description = "Further OAuth callback URLs of the analyst app client (authorization code flow), e.g. a developer's page; the console's CloudFront address is always added."
  type        = list(string)
  default     = ["http://localhost:3000/callback"]
}

variable "throttling_rate_limit" {
  type    = number
  default = 50
}

variable "throttling_burst_limit" {
  type    = number
  default = 100
}

variable "alarm_topic_arn" {
  description = "SNS topic every alarm notifies (dead letters, function errors and throttles, API 5xx, failed dispatches, model fallbacks); empty records the alarm state only."
  type        = string
  default     = ""
}

# ---- watched (docs/deployment.md, "Watching it")
variable "ingest_reserved_concurrency" {
  description = "Reserved concurrency of ingest-triage, so a log burst can neither starve the API functions nor burn the model quota."
  type        = number
  default     = 10
  validation {
    condition     = var.ingest_reserved_concurrency >= 1
    error_message = "ingest_reserved_concurrency must be at least 1."
  }
}

variable "model_fallback_rate_percent" {
  description = "Alarm when more than this share of the groups sent to the model were judged by the rules instead (over 15 minutes)."
  type        = number
  default     = 50
  validation {
    condition     = var.model_fallback_rate_percent >= 1 && var.model_fallback_rate_percent <= 100
    error_message = "model_fallback_rate_percent must be 1..100."
  }
}

variable "log_object_expiration_days" {
  description = "Objects in the created log bucket expire after this many days (the verdicts keep their evidence)."
  type        = number
  default     = 90
  validation {
    condition     = var.log_object_expiration_days >= 1
    error_message = "log_object_expiration_days must be at least 1."
  }
}

variable "console_dir" {
  description = "The built analyst console to upload (make build writes it); empty means target/webui. config.json there is ignored: console.tf writes its own."
  type        = string
  default     = ""
}
