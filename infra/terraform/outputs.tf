output "queue_url" {
  description = "Main task queue URL: the worker's CODINGWORKER_QUEUE_URL and the workflow's SQS_QUEUE_URL."
  value       = aws_sqs_queue.tasks.url
}

output "queue_arn" {
  description = "Main task queue ARN."
  value       = aws_sqs_queue.tasks.arn
}

output "dlq_url" {
  description = "Dead-letter queue URL."
  value       = aws_sqs_queue.tasks_dlq.url
}

output "dlq_arn" {
  description = "Dead-letter queue ARN (the SourceArn of a native redrive)."
  value       = aws_sqs_queue.tasks_dlq.arn
}

output "github_actions_role_arn" {
  description = "Role the send-to-sqs workflow assumes: the repository variable AWS_ROLE_ARN."
  value       = aws_iam_role.github_actions.arn
}

output "oidc_provider_arn" {
  description = "GitHub OIDC provider ARN (created here or passed in)."
  value       = local.github_oidc_provider_arn
}

output "github_oidc_subjects" {
  description = "Exact `sub` claims the role trusts. Compare with a workflow run's token if AssumeRole is denied."
  value       = local.github_oidc_subjects
}

output "worker_user_name" {
  description = "IAM user for the worker (null when create_worker_user is false). Create its access keys yourself."
  value       = one(aws_iam_user.worker[*].name)
}

output "worker_policy_arn" {
  description = "Managed policy with the worker's permissions; attach it to an Identity Center permission set to use SSO instead of the user."
  value       = aws_iam_policy.worker.arn
}

output "github_repository_variables" {
  description = "Repository variables (Settings > Secrets and variables > Actions > Variables) for each repository in github_repos."
  value = {
    ENABLE_SQS_WORKFLOW = "true"
    AWS_ROLE_ARN        = aws_iam_role.github_actions.arn
    SQS_QUEUE_URL       = aws_sqs_queue.tasks.url
    AWS_REGION          = var.aws_region
  }
}

output "worker_environment" {
  description = "Settings for the CodingWorker app (add AWS_PROFILE for the profile that holds the worker's credentials)."
  value = {
    CODINGWORKER_QUEUE_URL = aws_sqs_queue.tasks.url
    AWS_REGION             = var.aws_region
  }
}
