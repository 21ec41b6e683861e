#!/usr/bin/env bash
# Prints the CodingWorker review-round message for an `issue_comment` or `pull_request_review`
# event as one line of ASCII-only JSON (kind "review" in shared/task-message.ts), or nothing and
# exit code 3 with the reason on stderr when the event is not a round. Runs anywhere with bash
# and jq; needs no AWS and no network.
#
#   build-review-message.sh <event.json> [pull.json]
#
# A round is: a comment starting with /ai-task on a pull request, or a review submitted with
# state changes_requested; by an OWNER, MEMBER or COLLABORATOR; on a pull request whose head is
# a branch ai-task/issue-N of the same repository (not a fork). An issue_comment event does not
# carry the pull request's head, so the caller passes the pull request as GitHub's API returns it
# (pull.json). All text is read by jq from the files, never from the shell; --ascii-output
# escapes every non-ASCII character.
set -euo pipefail

event_path=${1:-${GITHUB_EVENT_PATH:-}}
pull_path=${2:-}
if [[ -z $event_path ]]; then
  echo "usage: build-review-message.sh <event.json> [pull.json]" >&2
  exit 64
fi
for file in "$event_path" ${pull_path:+"$pull_path"}; do
  if [[ ! -r $file ]]; then
    echo "build-review-message.sh: cannot read file: $file" >&2
    exit 66
  fi
done

# jq's --slurpfile needs a file; without pull.json the pull request comes from the event itself.
pull_source=${pull_path:-/dev/null}

set +e
output=$(jq --compact-output --ascii-output --slurpfile pull_file "$pull_source" '
  def need(test; what): if test then . else error("event \(what)") end;
  def skip(reason): {skip: reason};
  def writer: . as $a | ["OWNER", "MEMBER", "COLLABORATOR"] | index($a) != null;

  (.repository.full_name | need(type == "string"; "repository.full_name is missing")) as $repository
  | (if .review != null then "review" elif .comment != null then "issue_comment" else "other" end) as $type
  | if $type == "other" then skip("not a comment or review event")
    else
      (if $type == "review" then .review else .comment end) as $request
      | (if $type == "review" then .pull_request else ($pull_file[0] // null) end) as $pull
      | (if $type == "review" then .pull_request.number else .issue.number end) as $pull_number
      | if $type == "issue_comment" and (.action != "created") then skip("the comment was \(.action // "changed"), not created")
        elif $type == "review" and (.action != "submitted") then skip("the review was \(.action // "changed"), not submitted")
        elif $type == "issue_comment" and (.issue.pull_request == null) then skip("the comment is on an issue, not a pull request")
        elif $type == "issue_comment" and ((($request.body // "") | test("^/ai-task(\\s|$)")) | not) then skip("the comment does not start with /ai-task")
        elif $type == "review" and ((($request.state // "") | ascii_downcase) != "changes_requested") then skip("the review does not request changes")
        elif (($request.author_association // "NONE") | writer | not) then skip("the author is \($request.author_association // "NONE"), not an owner, member or collaborator")
        elif $pull == null then error("no pull request to read the head branch from (pass pull.json)")
        elif (($pull.head.ref // "") | test("^ai-task/issue-[1-9][0-9]{0,9}$") | not) then skip("the pull request is from \($pull.head.ref // "an unknown branch"), not an ai-task/issue-N branch")
        elif ($pull.head.repo.full_name // "") != $repository then skip("the pull request comes from a fork")
        elif $type == "issue_comment" and ($pull.number != $pull_number) then error("pull.json is not pull request #\($pull_number)")
        else {
          kind: "review",
          repository: $repository,
          issue_number: ($pull.head.ref | ltrimstr("ai-task/issue-") | tonumber),
          pull_number: ($pull_number | need(type == "number" and . > 0 and . == floor; "pull request number is not a positive integer")),
          comment_type: $type,
          comment_id: ($request.id | need(type == "number" and . > 0 and . == floor; "comment id is not a positive integer")),
          body: ($request.body // "" | need(type == "string"; "comment body is not text")),
          created_at: ((if $type == "review" then $request.submitted_at else $request.created_at end) | need(type == "string"; "has no creation time"))
        }
        end
    end
' "$event_path")
status=$?
set -e
if [[ $status -ne 0 ]]; then
  exit "$status"
fi
if jq -e 'has("skip")' <<<"$output" >/dev/null; then
  echo "Not a review round: $(jq -r '.skip' <<<"$output")" >&2
  exit 3
fi
printf '%s\n' "$output"
