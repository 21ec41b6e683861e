# GitHub's OIDC issuer. AWS verifies it against its own trusted CAs, so no thumbprint is configured.
# An account can hold only one provider per URL: reuse an existing one through existing_oidc_provider_arn.
resource "aws_iam_openid_connect_provider" "github" {
  count = var.existing_oidc_provider_arn == null ? 1 : 0

  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

locals {
  github_oidc_provider_arn = var.existing_oidc_provider_arn != null ? var.existing_oidc_provider_arn : aws_iam_openid_connect_provider.github[0].arn

  # An `issues` event runs on the default branch, so its token's subject ends in that branch's ref.
  github_default_ref = "ref:refs/heads/${var.github_default_branch}"

  # Name-only subjects, for repositories that still receive the older claim format.
  github_subjects_by_name = [
    for repo in var.github_repos : "repo:${var.github_org}/${repo}:${local.github_default_ref}"
    if !contains(keys(var.github_repo_ids), repo)
  ]

  # Immutable subjects: owner and repository IDs survive renames and are never reused.
  github_subjects_by_id = [
    for repo, repo_id in var.github_repo_ids : "repo:${var.github_org}@${var.github_owner_id}/${repo}@${repo_id}:${local.github_default_ref}"
  ]

  # A `pull_request_review` event (a review round) runs in the pull request's context: its token's
  # subject ends in "pull_request" instead of a branch. GitHub gives no OIDC token to runs for pull
  # requests from forks, so only branches of the repository itself (pushed by writers) get here;
  # the role can only send messages, and the worker verifies each one on GitHub before any work.
  github_pull_request_subjects = concat(
    [for repo in var.github_repos : "repo:${var.github_org}/${repo}:pull_request" if !contains(keys(var.github_repo_ids), repo)],
    [for repo, repo_id in var.github_repo_ids : "repo:${var.github_org}@${var.github_owner_id}/${repo}@${repo_id}:pull_request"],
  )

  github_oidc_subjects = concat(local.github_subjects_by_name, local.github_subjects_by_id, local.github_pull_request_subjects)
}

# Two condition blocks with the same test render as ONE "StringEquals" object holding both keys.
# A hand-written JSON policy with two "StringEquals" keys would keep only the last one, and if
# that is `aud`, any repository on GitHub could assume the role.
data "aws_iam_policy_document" "github_actions_trust" {
  statement {
    sid     = "GitHubActionsDefaultBranchAndReviews"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = local.github_oidc_subjects
    }
  }
}

resource "aws_iam_role" "github_actions" {
  name                 = "codingworker-github-actions"
  description          = "Assumed by the send-to-sqs workflow (GitHub OIDC) to queue issues for CodingWorker."
  assume_role_policy   = data.aws_iam_policy_document.github_actions_trust.json
  max_session_duration = 3600
}
