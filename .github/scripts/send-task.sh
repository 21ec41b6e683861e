#!/usr/bin/env bash
# Sends one labelled issue to the CodingWorker queue, then says so on the issue.
#
#   send-task.sh [event.json]     default: $GITHUB_EVENT_PATH
#
# Needs SQS_QUEUE_URL, AWS credentials (configure-aws-credentials) and GH_TOKEN; aws, gh and jq on PATH.
set -euo pipefail

event_path=${1:-${GITHUB_EVENT_PATH:-}}
: "${SQS_QUEUE_URL:?SQS_QUEUE_URL is not set: add the repository variable SQS_QUEUE_URL (terraform output queue_url)}"

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
work_dir=$(mktemp -d)
trap 'rm -rf -- "$work_dir"' EXIT

message_file="$work_dir/task-message.json"
bash "$script_dir/build-task-message.sh" "$event_path" >"$message_file"

# file:// rather than the JSON itself as the argument: escaped, a long body can pass the kernel's
# 128 KiB limit on a single argument, and exec would fail before aws even started.
message_id=$(aws sqs send-message \
  --queue-url "$SQS_QUEUE_URL" \
  --message-body "file://$message_file" \
  --query MessageId \
  --output text)

# SQS message IDs are UUIDs; the CLI prints "None" when the field is missing.
if [[ ! $message_id =~ ^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$ ]]; then
  echo "send-task.sh: SQS returned no message ID (got: $message_id)" >&2
  exit 1
fi

issue_number=$(jq -r '.issue_number' "$message_file")
repository=$(jq -r '.repository' "$message_file")
echo "Queued issue #$issue_number of $repository as SQS message $message_id"

gh issue comment "$issue_number" \
  --repo "$repository" \
  --body "Queued for CodingWorker (SQS message ID: \`$message_id\`)."
