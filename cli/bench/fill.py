#!/usr/bin/env python3
"""Writes RESP commands for redis-cli --pipe: N keys under a prefix, values of 100-1000 random
bytes, one key in four with a one-hour TTL. Usage: fill.py N PREFIX > fill.resp"""
import os
import random
import sys

def command(*parts):
    out = [b"*%d\r\n" % len(parts)]
    for part in parts:
        out.append(b"$%d\r\n%s\r\n" % (len(part), part))
    return b"".join(out)

count, prefix = int(sys.argv[1]), sys.argv[2].encode()
rng = random.Random(7)
sink = sys.stdout.buffer
for i in range(count):
    value = os.urandom(rng.randint(100, 1000))
    key = prefix + str(i).encode()
    if i % 4 == 0:
        sink.write(command(b"SET", key, value, b"PX", b"3600000"))
    else:
        sink.write(command(b"SET", key, value))
