#!/usr/bin/env bash
# Prints the CodingWorker task message for an `issues` event as one line of ASCII-only JSON
# (the format in shared/task-message.ts). Runs anywhere with bash and jq; needs no AWS.
#
#   build-task-message.sh [event.json]     default: $GITHUB_EVENT_PATH
#
# Issue text is read by jq from the event file the runner writes, never from an expression or an
# environment variable: nothing the author typed passes through the shell, and a 65,536-
# character body cannot exceed the kernel's 128 KiB limit on one environment string.
# --ascii-output escapes every non-ASCII character, so emoji and the like survive any SQS
# implementation (some emulators reject characters outside the Basic Multilingual Plane).
set -euo pipefail

event_path=${1:-${GITHUB_EVENT_PATH:-}}
if [[ -z $event_path ]]; then
  echo "usage: build-task-message.sh <event.json> (or set GITHUB_EVENT_PATH)" >&2
  exit 64
fi
if [[ ! -r $event_path ]]; then
  echo "build-task-message.sh: cannot read event file: $event_path" >&2
  exit 66
fi

jq --compact-output --ascii-output '
  def need(test; what): if test then . else error("event \(what)") end;

  .repository.full_name as $repository
  | .issue
  | need(type == "object"; "has no issue")
  | {
      issue_number: (.number | need(type == "number" and . > 0 and . == floor; "issue.number is not a positive integer")),
      repository: ($repository | need(type == "string"; "repository.full_name is missing")),
      title: (.title | need(type == "string"; "issue.title is missing")),
      body: (.body // "" | need(type == "string"; "issue.body is not text")),
      labels: [(.labels // [])[] | .name | need(type == "string"; "has a label without a name")],
      created_at: (.created_at | need(type == "string"; "issue.created_at is missing"))
    }
' "$event_path"
