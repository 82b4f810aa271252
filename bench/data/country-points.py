#!/usr/bin/python3
"""Writes src/Ensuresec.Detection/Fraud/country-points.tsv from the tz database's zone.tab (public domain).

Usage: /usr/bin/python3 bench/data/country-points.py /usr/share/zoneinfo/zone.tab > src/Ensuresec.Detection/Fraud/country-points.tsv

One point per ISO 3166-1 alpha-2 code: the principal city of the country's time zone (for most countries the
capital). Where a country has several zones, the zone of its capital or largest city is chosen (PREFERRED).
"""
import re
import sys

PREFERRED = {
    "AR": "America/Argentina/Buenos_Aires", "AU": "Australia/Sydney", "BR": "America/Sao_Paulo", "CA": "America/Toronto",
    "CD": "Africa/Kinshasa", "CL": "America/Santiago", "CN": "Asia/Shanghai", "CY": "Asia/Nicosia", "DE": "Europe/Berlin",
    "EC": "America/Guayaquil", "ES": "Europe/Madrid", "FM": "Pacific/Pohnpei", "GL": "America/Nuuk", "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa", "KZ": "Asia/Almaty", "MH": "Pacific/Majuro", "MN": "Asia/Ulaanbaatar", "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur", "NZ": "Pacific/Auckland", "PF": "Pacific/Tahiti", "PG": "Pacific/Port_Moresby", "PS": "Asia/Hebron",
    "PT": "Europe/Lisbon", "RU": "Europe/Moscow", "UA": "Europe/Kyiv", "US": "America/New_York", "UZ": "Asia/Tashkent",
}


def degrees(text, width):
    """ISO 6709 +DDMM, +DDMMSS (width 2 for latitude, 3 for longitude) to decimal degrees."""
    sign = -1 if text[0] == "-" else 1
    digits = text[1:]
    d, m, s = int(digits[:width]), int(digits[width:width + 2]), int(digits[width + 2:] or 0)
    return sign * (d + m / 60 + s / 3600)


def main(path):
    zones = {}
    for line in open(path, encoding="ascii"):
        if line.startswith("#") or not line.strip():
            continue
        code, coordinates, zone = line.rstrip("\n").split("\t")[:3]
        lat, lon = re.fullmatch(r"([+-]\d+)([+-]\d+)", coordinates).groups()
        zones.setdefault(code, []).append((zone, degrees(lat, 2), degrees(lon, 3)))
    print("# ISO 3166-1 alpha-2 country code, latitude, longitude (decimal degrees, WGS 84), and the place: the principal")
    print("# city of the country's time zone in the tz database (zone.tab, tzdata 2025b; public domain, https://www.iana.org/time-zones),")
    print("# the capital's or largest city's zone where a country has several. Written by bench/data/country-points.py.")
    print("# Used for the distance between a payment's billing and address countries (docs/LEARNING.md).")
    for code in sorted(zones):
        choices = zones[code]
        chosen = next((c for c in choices if c[0] == PREFERRED.get(code)), choices[0])
        if code in PREFERRED and chosen[0] != PREFERRED[code]:
            sys.exit(f"{code}: preferred zone {PREFERRED[code]} not in {path}")
        print(f"{code}\t{chosen[1]:.4f}\t{chosen[2]:.4f}\t{chosen[0]}")


main(sys.argv[1])
