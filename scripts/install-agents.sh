#!/usr/bin/env bash
# Installs the pinned Aider (requirements-agents.txt) into the project's own virtual environment,
# .venv-agents/ (git-ignored), for the agent contract tests and the benchmarks. Claude Code and
# Codex come from npm (package.json devDependencies). Production uses the user's own agents on PATH.
# Usage: scripts/install-agents.sh   (run again to update; it skips a venv that already matches)
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-agents
requirements="requirements-agents.txt"
stamp="$venv/.requirements"

python=""
for candidate in python3.12 python3.11 python3.10 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "install-agents: Aider needs Python 3.10 to 3.12 (e.g. apt-get install python3 python3-venv)." >&2
  exit 1
fi

if [ -x "$venv/bin/aider" ] && [ -f "$stamp" ] && cmp -s "$requirements" "$stamp"; then
  echo "install-agents: $("$venv/bin/aider" --version) already in $venv"
  exit 0
fi

echo "install-agents: creating $venv with $("$python" --version)"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
cp "$requirements" "$stamp"
echo "install-agents: $("$venv/bin/aider" --version) in $venv"
