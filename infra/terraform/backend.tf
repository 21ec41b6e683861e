terraform {
  # Partial configuration: the state bucket and its region are given at `terraform init`
  # (see README.md), so the same code serves any account without editing it.
  backend "s3" {
    key = "codingworker/terraform.tfstate"

    # Server-side encryption for the state object: it holds ARNs, URLs and policy JSON.
    encrypt = true

    # S3-native state locking (Terraform >= 1.11): no DynamoDB table to create or pay for.
    use_lockfile = true
  }
}
