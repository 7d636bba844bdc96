#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by udev (rules.d/91-ifreg-sample.rules) once per matching uevent:
# logs the action, the interface device's name, its symbolic link and the
# uevent's sequence number, from the environment udev gives RUN programs.
printf '%s %s %s %s\n' "$ACTION" "${DEVPATH##*/}" "$IFREG_SYMBOLIC_LINK" "$SEQNUM" \
	>>/run/ifreg-iface.log
