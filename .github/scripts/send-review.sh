#!/usr/bin/env bash
# Sends one review round (a /ai-task comment or a changes-requested review on an ai-task/issue-N
# pull request) to the CodingWorker queue. Events that are not rounds end here, successfully.
#
#   send-review.sh [event.json]     default: $GITHUB_EVENT_PATH
#
# Needs SQS_QUEUE_URL, AWS credentials (configure-aws-credentials) and GH_TOKEN; aws, gh and jq on PATH.
set -euo pipefail

event_path=${1:-${GITHUB_EVENT_PATH:-}}
: "${SQS_QUEUE_URL:?SQS_QUEUE_URL is not set: add the repository variable SQS_QUEUE_URL (terraform output queue_url)}"

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
work_dir=$(mktemp -d)
trap 'rm -rf -- "$work_dir"' EXIT

# A comment event does not say which branch the pull request is from: ask GitHub. The repository
# and number are checked for their shape first, so nothing from the event reaches gh unchecked.
pull_args=()
if jq -e '.comment != null and .review == null' "$event_path" >/dev/null; then
  repository=$(jq -r '.repository.full_name // ""' "$event_path")
  number=$(jq -r '.issue.number // ""' "$event_path")
  if [[ ! $repository =~ ^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$ || ! $number =~ ^[1-9][0-9]{0,9}$ ]]; then
    echo "send-review.sh: the event names no valid repository and issue number" >&2
    exit 65
  fi
  if jq -e '.issue.pull_request != null' "$event_path" >/dev/null; then
    gh api "repos/$repository/pulls/$number" >"$work_dir/pull.json"
    pull_args=("$work_dir/pull.json")
  fi
fi

message_file="$work_dir/review-message.json"
set +e
bash "$script_dir/build-review-message.sh" "$event_path" "${pull_args[@]}" >"$message_file"
status=$?
set -e
if [[ $status -eq 3 ]]; then
  exit 0
fi
if [[ $status -ne 0 ]]; then
  exit "$status"
fi

# file:// rather than the JSON itself as the argument: see send-task.sh.
message_id=$(aws sqs send-message \
  --queue-url "$SQS_QUEUE_URL" \
  --message-body "file://$message_file" \
  --query MessageId \
  --output text)

if [[ ! $message_id =~ ^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$ ]]; then
  echo "send-review.sh: SQS returned no message ID (got: $message_id)" >&2
  exit 1
fi

pull_number=$(jq -r '.pull_number' "$message_file")
repository=$(jq -r '.repository' "$message_file")
echo "Queued a review round for pull request #$pull_number of $repository as SQS message $message_id"
