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
  description = "java21/java25 for the JVM build; provided.al2023 for the native build (java17 creation is disabled since 2026-07-31)."
  type        = string
  default     = "java21"
  validation {
    condition     = contains(["java21", "java25", "provided.al2023"], var.runtime)
    error_message = "runtime must be java21, java25 or provided.al2023."
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
  description = "SnapStart on published versions (JVM runtimes only; ignored for provided.al2023)."
  type        = bool
  default     = true
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS for the JVM runtimes; ignored by a native build."
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
  description = "Customer managed KMS key for the functions' environment variables (which hold the resolved secrets); empty uses Lambda's AWS managed key."
  type        = string
  default     = ""
}

variable "groq_api_key_secret" {
  description = "Secrets Manager secret (name or ARN) whose SecretString is the Groq API key; empty leaves GROQ_API_KEY unset (rules engine only)."
  type        = string
  default     = ""
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

variable "kestra_secret" {
  description = "Secrets Manager secret (name or ARN) holding JSON {\"username\",\"password\"} (kestra_auth = basic) or {\"apiToken\"} (token); empty sends no credentials."
  type        = string
  default     = ""
}

variable "kestra_auth" {
  type    = string
  default = "basic"
  validation {
    condition     = contains(["basic", "token"], var.kestra_auth)
    error_message = "kestra_auth must be basic or token."
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
  description = "SNS topic notified when ingest events land in the dead-letter queue; empty records the alarm state only."
  type        = string
  default     = ""
}

variable "console_dir" {
  description = "The built analyst console to upload (make build writes it); empty means target/webui. config.json there is ignored: console.tf writes its own."
  type        = string
  default     = ""
}
