resource "aws_sqs_queue" "tasks" {
  name                       = "codingworker-tasks"
  visibility_timeout_seconds = var.sqs_visibility_timeout
  message_retention_seconds  = var.sqs_message_retention
  # Long polling: an idle worker makes ~3 requests a minute instead of a stream of empty receives.
  receive_wait_time_seconds = 20
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "tasks_dlq" {
  name = "codingworker-tasks-dlq"
  # The maximum, and longer than the main queue's: a dead-lettered message keeps its original
  # enqueue time, so with equal retention it could expire moments after reaching the DLQ.
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

# The redrive policies are separate resources: inline, each queue would reference the other's ARN
# (main -> DLQ target, DLQ -> allowed source) and Terraform would reject the cycle.
resource "aws_sqs_queue_redrive_policy" "tasks" {
  queue_url = aws_sqs_queue.tasks.id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.tasks_dlq.arn
    maxReceiveCount     = var.sqs_max_receive_count
  })
}

resource "aws_sqs_queue_redrive_allow_policy" "tasks_dlq" {
  queue_url = aws_sqs_queue.tasks_dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.tasks.arn]
  })
}

# Refuse plain-HTTP access to either queue, whoever asks and whatever their IAM policy allows.
data "aws_iam_policy_document" "tasks_tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.tasks.arn]

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

data "aws_iam_policy_document" "tasks_dlq_tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.tasks_dlq.arn]

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

resource "aws_sqs_queue_policy" "tasks" {
  queue_url = aws_sqs_queue.tasks.id
  policy    = data.aws_iam_policy_document.tasks_tls_only.json
}

resource "aws_sqs_queue_policy" "tasks_dlq" {
  queue_url = aws_sqs_queue.tasks_dlq.id
  policy    = data.aws_iam_policy_document.tasks_dlq_tls_only.json
}
