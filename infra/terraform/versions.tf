terraform {
  # mock_provider and override_during in the tests need 1.11
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # logging_config on aws_lambda_function needs >= 5.27; 6.x renames aws_region.name
      version = ">= 5.60, < 6.0"
    }
  }
}

provider "aws" {
  default_tags {
    tags = var.tags
  }
}
