#!/usr/bin/python3
"""A D-Bus service that owns a bus name and never answers: a hung Secret Service.

Usage: scripts/hung-secret-service.py [BUS_NAME]   (default org.freedesktop.secrets)

It takes the name on the session bus, prints "ready" on stdout, then sleeps
without ever reading its connection, so every method call sent to it waits
for a reply that never comes. Tests use it to check that casevault cuts a
keyring call off at its own timeout instead of libsecret's ~50 s.
Runs with Debian's python3 and python3-dbus (scripts/setup.sh test).
"""
import signal
import sys

import dbus

name = sys.argv[1] if len(sys.argv) > 1 else "org.freedesktop.secrets"
bus = dbus.SessionBus()
reply = bus.request_name(name, dbus.bus.NAME_FLAG_DO_NOT_QUEUE)
if reply != dbus.bus.REQUEST_NAME_REPLY_PRIMARY_OWNER:
    sys.exit(f"hung-secret-service: cannot own {name} (reply {reply})")
print("ready", flush=True)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
while True:
    signal.pause()
