#!/usr/bin/env bash
# Fails if a tracked file cites a file that a clone of this repository does not have:
#   - a path into the workspace the project was written in (/work/…, shared/spec|bench|research|papers/…);
#   - `methods.md` other than the repository's own docs/methods.md;
#   - a relative path (../…) that climbs out of the repository from the file citing it;
#   - a docs/*.md page or a scripts/ file that does not exist.
# Run by `make test` (and so by .ci/run). Prints each offending line and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)
status=0

report() { # file:line:text, why
    echo "$1"
    echo "    ^ $2"
    status=1
}

# git grep over tracked text files (-I skips binaries); the checker itself is exempt.
search() { git grep -I -n -P "$@" -- . ':!scripts/check-references.sh' || true; }

while IFS= read -r hit; do report "$hit" "cites the workspace outside the repository"
done < <(search '(^|[^A-Za-z0-9_.~$-])/work/|\bshared/(spec|bench|research|papers)\b')

while IFS= read -r hit; do report "$hit" "cites a methods.md that is not docs/methods.md"
done < <(search '(?<!docs/)(?<![A-Za-z0-9_-])methods\.md')

# Relative paths: resolved from the citing file's folder, they must stay inside the repository.
while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}; rest=${rest#*:}
    for path in $(grep -oE '(\.\./)+[A-Za-z0-9_.-][A-Za-z0-9_./-]*' <<<"$rest"); do
        resolved=$(realpath -m "$(dirname "$file")/$path")
        case "$resolved/" in
            "$root"/*) ;;
            *) report "$hit" "$path leaves the repository" ;;
        esac
    done
done < <(search '\.\./')

# Pages and scripts named by their repository path must exist (sentence punctuation stripped).
while IFS= read -r hit; do
    rest=${hit#*:}; rest=${rest#*:}
    for path in $(grep -oE '\b(docs/[A-Za-z0-9_.-]+\.md|scripts/[A-Za-z0-9_.-]+\.(py|sh|json))' <<<"$rest"); do
        [ -e "$path" ] || report "$hit" "$path does not exist"
    done
done < <(search '\b(docs/[A-Za-z0-9_.-]+\.md|scripts/[A-Za-z0-9_.-]+\.(py|sh|json))')

if [ "$status" -eq 0 ]; then echo "check-references: every cited path is inside the repository"; fi
exit "$status"
