# What every `terraform test` of this module (and the tests infra/check.sh generates) mocks of the AWS
# provider: the account, region and partition, and the policy documents (their JSON is not what the
# tests read). Used as `mock_provider "aws" { source = "./tests/mocks" }`; a test adds its own
# mock_resource blocks inside that block.

mock_data "aws_caller_identity" {
  defaults = { account_id = "111122223333" }
}

mock_data "aws_region" {
  defaults = { name = "eu-west-1" }
}

mock_data "aws_partition" {
  defaults = { partition = "aws" }
}

mock_data "aws_iam_policy_document" {
  defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
}
