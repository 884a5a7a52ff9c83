#!/bin/sh
# Remove the launcher entry, icons and metainfo that install-desktop.sh put under
# ${XDG_DATA_HOME:-~/.local/share}. The program itself and your data are left alone.
#
#   uninstall-desktop.sh
set -eu

APP_ID=io.github.mlprep.MLPrepDesktop

case ${1:-} in
    "") ;;
    -h | --help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "uninstall-desktop: unknown argument: $1 (see --help)" >&2; exit 1 ;;
esac

data=${XDG_DATA_HOME:-$HOME/.local/share}
apps=$data/applications
hicolor=$data/icons/hicolor

removed=0
for file in "$apps/$APP_ID.desktop" "$data/metainfo/$APP_ID.metainfo.xml" \
    "$hicolor/scalable/apps/$APP_ID.svg" "$hicolor"/*/apps/"$APP_ID".png; do
    if [ -f "$file" ]; then
        rm -f "$file"
        removed=$((removed + 1))
    fi
done

if [ -d "$hicolor" ]; then
    touch "$hicolor"
fi
if [ -d "$apps" ] && command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$apps" 2>/dev/null || true
fi

if [ "$removed" -eq 0 ]; then
    echo "The MLPrep Desktop launcher was not installed under $data; nothing to remove."
else
    echo "Removed the MLPrep Desktop launcher and icons ($removed files under $data)."
fi
echo "Your questions database and notes are kept in $data/MLPrep/mlprep-desktop/ (delete that folder to remove them too)."
