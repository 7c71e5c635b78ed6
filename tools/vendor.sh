#!/usr/bin/env bash
# Refreshes src/impsmart/static/vendor/ (and the browser tests' axe-core) from the npm registry
# (pinned versions; no CDN).
set -euo pipefail
HTMX=2.0.11
LEAFLET=1.9.4
AXE=4.14.1  # only for the accessibility checks of tests/browser
TEST_VENDOR=tests/browser/vendor
VENDOR=src/impsmart/static/vendor
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "htmx.org@$HTMX" "leaflet@$LEAFLET" "axe-core@$AXE" >/dev/null)
mkdir -p "$tmp/htmx" "$tmp/leaflet" "$tmp/axe" "$VENDOR/leaflet-$LEAFLET/images" "$TEST_VENDOR"
tar xzf "$tmp/htmx.org-$HTMX.tgz" -C "$tmp/htmx"
tar xzf "$tmp/leaflet-$LEAFLET.tgz" -C "$tmp/leaflet"
tar xzf "$tmp/axe-core-$AXE.tgz" -C "$tmp/axe"
cp "$tmp/htmx/package/dist/htmx.min.js" "$VENDOR/htmx-$HTMX.min.js"
cp "$tmp/htmx/package/LICENSE" "$VENDOR/htmx-$HTMX.LICENSE"
cp "$tmp/leaflet/package/dist/leaflet.css" "$tmp/leaflet/package/LICENSE" "$VENDOR/leaflet-$LEAFLET/"
cp "$tmp/leaflet/package/dist/images/"* "$VENDOR/leaflet-$LEAFLET/images/"
# The source map is not shipped, so its comment would only cause a failed request.
sed 's#//\# sourceMappingURL=leaflet.js.map##' "$tmp/leaflet/package/dist/leaflet.js" \
  > "$VENDOR/leaflet-$LEAFLET/leaflet.js"
cp "$tmp/axe/package/axe.min.js" "$TEST_VENDOR/axe-core-$AXE.min.js"
cp "$tmp/axe/package/LICENSE" "$TEST_VENDOR/axe-core-$AXE.LICENSE"
echo "vendored htmx $HTMX and leaflet $LEAFLET into $VENDOR, axe-core $AXE into $TEST_VENDOR"
