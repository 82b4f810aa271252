#!/usr/bin/env python3
"""Writes a large synthetic assessment model (for timing `ensuresec assess`; see docs/BENCHMARKS.md).

usage: generate-model.py ASSETS SEED > model.yaml
Each asset gets a random type and zone and 2 network connections to earlier assets; every 20th asset is a
crown jewel. Deterministic for a given seed.
"""
import random
import sys

types = ["web-app", "api", "app-server", "database", "plugin", "staff-role", "customer", "payment-gateway",
         "admin-console", "parcel", "delivery-van", "atm", "sensor", "iot-gateway"]
data = ["card-data", "credentials", "payments", "personal-data", "cold-chain"]
n, seed = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(seed)
print("name: synthetic")
print("zones: [{ name: out, trust: untrusted }, { name: in, trust: internal }]")
print("assets:")
for i in range(n):
    zone = "out" if r.random() < 0.2 else "in"
    jewel = "true" if i % 20 == 19 else "false"
    d = ", ".join(x for x in data if r.random() < 0.25)
    print(f"  - {{ name: a{i}, type: {r.choice(types)}, zone: {zone}, crown_jewel: {jewel}, data: [{d}] }}")
print("connections:")
for i in range(1, n):
    for _ in range(2):
        j = r.randrange(i)
        enc = "true" if r.random() < 0.5 else "false"
        print(f"  - {{ from: a{j}, to: a{i}, encrypted: {enc} }}")
