#!/bin/sh
":" /*
# This file is POSIX shell and JavaScript at once. Run as a program (`npx hetsim`, a PATH link,
# ./bin/hetsim.js), /bin/sh reads these lines and starts node on this same file; `node bin/hetsim.js`
# reads a string and a comment. Two start-up costs are cut this way:
# - Node 20 reads NODE_EXTRA_CA_CERTS eagerly at start-up (≈ 80 ms for a system CA bundle on the CI
#   machine kind, twice `node -e 0`). hetsim opens no TLS connection, so the variable is dropped.
# - `roofline … --input` starts from a heap snapshot of the batch path (dist/snapshot/, made by
#   `npm run build`: see src/cli/roofline-snapshot.ts), if it was built by this same Node binary
#   (path and mtime) and NODE_OPTIONS is empty (V8 flags must match the snapshot's). Exit status 14
#   is Node refusing the snapshot before running anything: then the normal start follows.
#   That process gets 2 V8 platform threads instead of Node's fixed 4: on the 2-core machine kind,
#   4 threads of TurboFan and GC work crowd the main thread (grid median 126-136 vs 138-141 ms
#   in alternating series of 41 runs; a 10x grid 552 vs 602 ms).
# HETSIM_NO_SNAPSHOT=1 turns the snapshot off.
unset NODE_EXTRA_CA_CERTS
self=$0
[ -L "$self" ] && self=$(readlink -f "$self")
snap=${self%/*}/../dist/snapshot/roofline-batch
case "$1: $* " in
  "roofline: "*" --input "* | "roofline: "*" --input="*)
    if [ -z "$NODE_OPTIONS$HETSIM_NO_SNAPSHOT" ] && [ -f "$snap.blob" ] && [ -f "$snap.node" ] && read -r built_by < "$snap.node" \
      && [ "$built_by" -ef "$(command -v node)" ] && [ ! "$built_by" -nt "$snap.node" ] && [ ! "$built_by" -ot "$snap.node" ]; then
      node --v8-pool-size=2 --snapshot-blob "$snap.blob" "$self" "$@"
      status=$?
      [ "$status" -eq 14 ] || exit "$status"
    fi
    ;;
esac
exec node "$self" "$@"
*/

// Thin launcher: the CLI is compiled to dist/ by `npm ci` (prepare) or `npm run build`.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err); process.exitCode = 1; },
);
