terraform {
  # 1.11 for the S3 backend's use_lockfile; 1.9+ also lets a variable's validation read other variables.
  required_version = ">= 1.11.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.81 made thumbprint_list optional on aws_iam_openid_connect_provider.
      version = ">= 5.81, < 7.0"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = "codingworker"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
