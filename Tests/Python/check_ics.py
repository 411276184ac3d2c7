"""Parses a calendar file written by `casevault remind --ics` with the
`icalendar` package (PyPI, pinned in requirements.txt) and prints what it
found as JSON: one object per event (uid, summary, start date, whether the
start is a date, alarm triggers), plus the calendar's version and prodid.

Usage: $(scripts/python-env.sh) Tests/Python/check_ics.py FILE
"""
import json
import sys

import icalendar


def main():
    raw = open(sys.argv[1], "rb").read()
    cal = icalendar.Calendar.from_ical(raw)
    events = []
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("DTSTART")
        events.append({
            "uid": str(ev.get("UID")),
            "summary": str(ev.get("SUMMARY")),
            "start": start.isoformat(),
            "allDay": type(start).__name__ == "date",
            "end": ev.decoded("DTEND").isoformat(),
            "stamp": ev.decoded("DTSTAMP").isoformat(),
            "alarms": [str(a.get("TRIGGER").to_ical(), "ascii") for a in ev.walk("VALARM")],
        })
    print(json.dumps({
        "version": str(cal.get("VERSION")), "prodid": str(cal.get("PRODID")),
        "events": events, "crlfOnly": b"\n" not in raw.replace(b"\r\n", b""),
        "longestLine": max(len(line) for line in raw.split(b"\r\n")),
    }))


if __name__ == "__main__":
    main()
