#!/usr/bin/python3
"""A notification server for the tests: owns org.freedesktop.Notifications on
the session bus and appends each Notify call to a file as one JSON line
(app_name, replaces_id, app_icon, summary, body, actions, hints, timeout).

Usage: /usr/bin/python3 Tests/Python/notify_server.py RECORD_FILE READY_FILE
Writes READY_FILE once it owns the name; runs until killed. Needs Debian's
python3-dbus and python3-gi (run it with /usr/bin/python3).
"""
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Server(dbus.service.Object):
    def __init__(self, bus, record):
        super().__init__(bus, PATH)
        self.record = record
        self.next_id = 1

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, timeout):
        entry = {
            "app_name": str(app_name), "replaces_id": int(replaces_id), "app_icon": str(app_icon),
            "summary": str(summary), "body": str(body), "actions": [str(a) for a in actions],
            "hints": {str(k): (str(v) if isinstance(v, dbus.String) else int(v)) for k, v in hints.items()},
            "timeout": int(timeout),
        }
        with open(self.record, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")
        self.next_id += 1
        return dbus.UInt32(self.next_id - 1)

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("casevault-test", "casevault", "1", "1.2")

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["body"]


def main():
    record, ready = sys.argv[1], sys.argv[2]
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    server = Server(bus, record)
    with open(ready, "w", encoding="utf-8") as f:
        f.write("ready\n")
    GLib.MainLoop().run()
    del name, server


if __name__ == "__main__":
    main()
