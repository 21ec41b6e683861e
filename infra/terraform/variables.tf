variable "aws_region" {
  description = "Region for the queues. The worker and the workflow must use the same one."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Environment tag on every resource (e.g. prod, dev). Names stay fixed: one deployment per account."
  type        = string
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,31}$", var.environment))
    error_message = "environment must be lowercase letters, digits and dashes, starting with a letter."
  }
}

# ---------------------------------------------------------------------------------------------
# Who may send tasks
# ---------------------------------------------------------------------------------------------

variable "github_org" {
  description = "GitHub owner (organisation or user) of the repositories that may send tasks."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$", var.github_org))
    error_message = "github_org must be a GitHub owner name such as octo-org."
  }
}

variable "github_repos" {
  description = "Repository names (without the owner) whose default-branch workflow may send tasks."
  type        = list(string)

  validation {
    condition     = length(var.github_repos) > 0 && alltrue([for repo in var.github_repos : can(regex("^[A-Za-z0-9._-]{1,100}$", repo))])
    error_message = "github_repos must list at least one repository name, without the owner and without wildcards."
  }
}

variable "github_default_branch" {
  description = "Branch the issues event runs on: the repositories' default branch. Only this branch may assume the role."
  type        = string
  default     = "main"

  validation {
    # A wildcard here would not widen StringEquals, but it would say something the policy does not do.
    condition     = can(regex("^[A-Za-z0-9._/-]+$", var.github_default_branch))
    error_message = "github_default_branch must be a plain branch name (no wildcards)."
  }
}

variable "github_owner_id" {
  description = <<-EOT
    Numeric ID of the GitHub owner. Needed only with github_repo_ids (immutable subject claims): repositories
    created or renamed since mid-2026, or opted in, send `repo:OWNER@OWNER_ID/REPO@REPO_ID:ref:refs/heads/BRANCH`.
  EOT
  type        = number
  default     = null
}

variable "github_repo_ids" {
  description = <<-EOT
    Repositories (name => numeric repository ID) whose OIDC tokens use immutable subject claims. Each must also be
    in github_repos; for these the name-only subject is NOT trusted, so a recycled name cannot assume the role.
  EOT
  type        = map(number)
  default     = {}

  validation {
    condition     = length(var.github_repo_ids) == 0 || var.github_owner_id != null
    error_message = "github_repo_ids needs github_owner_id as well."
  }

  validation {
    condition     = alltrue([for repo in keys(var.github_repo_ids) : contains(var.github_repos, repo)])
    error_message = "Every repository in github_repo_ids must also be listed in github_repos."
  }
}

variable "existing_oidc_provider_arn" {
  description = "ARN of an existing token.actions.githubusercontent.com OIDC provider. An account may hold only one, so reuse it when it exists; null creates it."
  type        = string
  default     = null
}

# ---------------------------------------------------------------------------------------------
# Queue settings
# ---------------------------------------------------------------------------------------------

variable "sqs_visibility_timeout" {
  description = "Queue default visibility timeout in seconds. The worker receives with its own short lease; this is the fallback for consumers that do not."
  type        = number
  default     = 10800

  validation {
    condition     = var.sqs_visibility_timeout >= 0 && var.sqs_visibility_timeout <= 43200
    error_message = "sqs_visibility_timeout must be between 0 and 43200 seconds (SQS's 12 h limit)."
  }
}

variable "sqs_message_retention" {
  description = "How long a task waits on the main queue, in seconds."
  type        = number
  default     = 604800

  validation {
    # A dead-lettered message keeps its original enqueue time, so the DLQ's 14 days must outlast this.
    condition     = var.sqs_message_retention >= 60 && var.sqs_message_retention < 1209600
    error_message = "sqs_message_retention must be at least 60 seconds and shorter than the DLQ's 1209600 (14 days)."
  }
}

variable "sqs_max_receive_count" {
  description = "Receives before SQS moves a message to the DLQ."
  type        = number
  default     = 3

  validation {
    condition     = var.sqs_max_receive_count >= 1 && var.sqs_max_receive_count <= 1000
    error_message = "sqs_max_receive_count must be between 1 and 1000."
  }
}

# ---------------------------------------------------------------------------------------------
# Worker identity
# ---------------------------------------------------------------------------------------------

variable "create_worker_user" {
  description = "Create the IAM user for the worker. Set false when the worker signs in through IAM Identity Center and only the policy is wanted."
  type        = bool
  default     = true
}

variable "worker_user_name" {
  description = "Name of the worker's IAM user. Its access keys are created outside Terraform so they never enter the state."
  type        = string
  default     = "codingworker-worker"
}
