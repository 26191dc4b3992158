#!/bin/sh
# /usr/bin/coopguide: starts the copy installed in /opt/coopguide (read-only).
# The user's data go to ~/.local/share/Coopguide, never beside the program.
exec /opt/coopguide/coopguide "$@"
