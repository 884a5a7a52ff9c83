#!/bin/sh
# Install MLPrep Desktop's launcher entry, icons and AppStream metainfo for the current user,
# under ${XDG_DATA_HOME:-~/.local/share}. uninstall-desktop.sh removes exactly these files.
#
#   install-desktop.sh [--exec PROGRAM]
#
# PROGRAM is what the launcher starts. Default: the `mlprep` next to this script (the frozen
# folder, dist/mlprep/), else the `mlprep` on PATH (pip or pipx install). The script works from
# a source checkout (packaging/linux/) and from the frozen folder, where it sits beside the
# program. Run it again after moving the program; it replaces the previous entry.
set -eu

APP_ID=io.github.mlprep.MLPrepDesktop
here=$(cd "$(dirname "$0")" && pwd)

die() {
    echo "install-desktop: $*" >&2
    exit 1
}

program=
while [ $# -gt 0 ]; do
    case $1 in
        --exec) [ $# -ge 2 ] || die "--exec needs the path of the mlprep program"; program=$2; shift 2 ;;
        --exec=*) program=${1#--exec=}; shift ;;
        -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

if [ -z "$program" ]; then
    if [ -x "$here/mlprep" ] && [ ! -d "$here/mlprep" ]; then
        program=$here/mlprep
    elif command -v mlprep >/dev/null 2>&1; then
        program=$(command -v mlprep)
    else
        die "no mlprep program found next to this script or on PATH; pass --exec PROGRAM"
    fi
fi
case $program in
    /*) ;;
    *) program=$(cd "$(dirname "$program")" 2>/dev/null && pwd)/$(basename "$program") ;;
esac
[ -f "$program" ] && [ -x "$program" ] || die "$program is not an executable program"
case $program in
    *[\"\`\$\\%]* | *"
"*) die "the path $program has characters a launcher entry cannot hold; move the program" ;;
esac

desktop=$here/$APP_ID.desktop
metainfo=$here/$APP_ID.metainfo.xml
icons=
for candidate in "$here/../../resources/icons" "$here/_internal/mlprep_desktop/_bundle/resources/icons"; do
    if [ -f "$candidate/mlprep.svg" ]; then
        icons=$(cd "$candidate" && pwd)
        break
    fi
done
[ -f "$desktop" ] || die "missing $desktop"
[ -f "$metainfo" ] || die "missing $metainfo"
[ -n "$icons" ] || die "the app icon (resources/icons/mlprep.svg) was not found near $here"

data=${XDG_DATA_HOME:-$HOME/.local/share}
apps=$data/applications
hicolor=$data/icons/hicolor
meta=$data/metainfo
mkdir -p "$apps" "$hicolor/scalable/apps" "$meta"

# The entry starts this program by its absolute path (quoted: it may contain spaces), and
# TryExec hides the entry if the program is removed without uninstalling.
tmp=$apps/.$APP_ID.desktop.tmp
awk -v program="$program" '
    /^Exec=/ { print "Exec=\"" program "\""; next }
    /^TryExec=/ { print "TryExec=" program; next }
    { print }
' "$desktop" >"$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$apps/$APP_ID.desktop"

cp -f "$metainfo" "$meta/$APP_ID.metainfo.xml"
cp -f "$icons/mlprep.svg" "$hicolor/scalable/apps/$APP_ID.svg"
for png in "$icons"/mlprep-*.png; do
    [ -f "$png" ] || continue
    size=${png##*/mlprep-}
    size=${size%.png}
    mkdir -p "$hicolor/${size}x${size}/apps"
    cp -f "$png" "$hicolor/${size}x${size}/apps/$APP_ID.png"
done
chmod 644 "$meta/$APP_ID.metainfo.xml" "$hicolor"/*/apps/"$APP_ID".*

# Tell menus and icon caches; both are optional and only speed things up.
touch "$hicolor"
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$apps" 2>/dev/null || true
fi

echo "Installed the MLPrep Desktop launcher for $(id -un 2>/dev/null || echo you): $apps/$APP_ID.desktop"
echo "It starts $program"
echo "Remove it with uninstall-desktop.sh (make uninstall-desktop in a source checkout)."
