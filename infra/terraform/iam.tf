# ---------------------------------------------------------------------------------------------
# Producer: the send-to-sqs workflow may only put messages on the main queue.
# ---------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "producer" {
  statement {
    sid       = "SendTasks"
    effect    = "Allow"
    actions   = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"]
    resources = [aws_sqs_queue.tasks.arn]
  }
}

resource "aws_iam_role_policy" "producer" {
  name   = "codingworker-send-tasks"
  role   = aws_iam_role.github_actions.id
  policy = data.aws_iam_policy_document.producer.json
}

# ---------------------------------------------------------------------------------------------
# Worker: the app on the developer's Mac. No purge, no queue management, nothing but these two queues.
# ---------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "worker" {
  statement {
    sid     = "ConsumeTasks"
    effect  = "Allow"
    actions = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"]
    # ChangeMessageVisibility is the lease: heartbeats extend it, release sets it to 0.
    resources = [aws_sqs_queue.tasks.arn]
  }

  statement {
    # The DLQ panel's manual "send back" re-sends a dead letter to the main queue.
    sid       = "RedriveToTasks"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.tasks.arn]
  }

  statement {
    # SendMessage: the worker quarantines malformed or disallowed messages straight into the DLQ.
    # GetQueueUrl: the app finds the DLQ from the main queue's RedrivePolicy ARN.
    sid       = "ManageDeadLetters"
    effect    = "Allow"
    actions   = ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:SendMessage"]
    resources = [aws_sqs_queue.tasks_dlq.arn]
  }

  statement {
    # SQS's native redrive is authorised on the source of the move, which is the DLQ. It also needs
    # ReceiveMessage, DeleteMessage and GetQueueAttributes there and SendMessage on the destination,
    # all granted above.
    sid       = "MoveDeadLetters"
    effect    = "Allow"
    actions   = ["sqs:CancelMessageMoveTask", "sqs:ListMessageMoveTasks", "sqs:StartMessageMoveTask"]
    resources = [aws_sqs_queue.tasks_dlq.arn]
  }
}

# A managed policy rather than an inline one, so an IAM Identity Center permission set can attach
# the same policy by name when the worker signs in with SSO instead of the user below.
resource "aws_iam_policy" "worker" {
  name        = "codingworker-worker"
  description = "What the CodingWorker app may do on its task queue and DLQ."
  policy      = data.aws_iam_policy_document.worker.json
}

# Access keys for this user are created outside Terraform (console or `aws iam create-access-key`)
# so the secret never lands in the state file.
resource "aws_iam_user" "worker" {
  count = var.create_worker_user ? 1 : 0
  name  = var.worker_user_name
}

resource "aws_iam_user_policy_attachment" "worker" {
  count      = var.create_worker_user ? 1 : 0
  user       = aws_iam_user.worker[0].name
  policy_arn = aws_iam_policy.worker.arn
}
