#!/usr/bin/env bash
# eval.sh: score the quote extractor on the PolNeAR development set.
#
# Runs `embedarchive extract --json` over ../shared/quotes/polnear-dev/text,
# writes one <id>.json per article into a temporary directory and scores it
# with ../shared/quotes/score.py --split-fragments (F1 at T = 0.3 and 0.8,
# speaker accuracy). Skips with a message when ../shared is absent.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$root/../shared}
set_dir=$shared/quotes/polnear-dev
if [[ ! -d $set_dir/text || ! -f $shared/quotes/score.py ]]; then
	echo "eval: $set_dir is absent (the dev set lives in ../shared beside the repository): skipping"
	exit 0
fi
command -v python3 >/dev/null || { echo "eval: python3 is needed to run score.py" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go=${GO:-go}
(cd "$root" && CGO_ENABLED=0 "$go" build -trimpath -o "$work/embedarchive" ./cmd/embedarchive)

mkdir -p "$work/pred"
"$work/embedarchive" extract --json "$set_dir"/text/*.txt >"$work/out.jsonl"
python3 - "$work/out.jsonl" "$work/pred" <<'PY'
import json, os, sys
out, dest = sys.argv[1], sys.argv[2]
n = 0
with open(out, encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        if "error" in d:
            print(f"eval: {d['source']}: {d['error']}", file=sys.stderr)
            continue
        base = os.path.basename(d["source"])
        stem = base[:-4] if base.endswith(".txt") else base
        with open(os.path.join(dest, stem + ".json"), "w", encoding="utf-8") as g:
            json.dump({"quotes": d["quotes"]}, g, ensure_ascii=False)
        n += 1
print(f"eval: {n} articles extracted")
PY
python3 "$shared/quotes/score.py" "$set_dir/gold.jsonl" "$work/pred" --split-fragments
