#!/usr/bin/env python3
"""Reads every key matching PATTERN from a Redis (SCAN, then PTTL and DUMP pipelined per page)
and writes RESTORE key ttl payload REPLACE commands for redis-cli --pipe, the way a hand-made
replication would. Usage: dump_to_restore.py HOST PORT PATTERN > restore.resp"""
import socket
import sys

def command(*parts):
    out = [b"*%d\r\n" % len(parts)]
    for part in parts:
        out.append(b"$%d\r\n%s\r\n" % (len(part), part))
    return b"".join(out)

class Replies:
    def __init__(self, sock):
        self.file = sock.makefile("rb", buffering=1 << 20)

    def read(self):
        line = self.file.readline()
        kind, rest = line[:1], line[1:-2]
        if kind in (b"+", b":"):
            return int(rest) if kind == b":" else rest
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            data = self.file.read(size + 2)
            return data[:-2]
        if kind == b"*":
            return [self.read() for _ in range(int(rest))]
        raise RuntimeError(line)

host, port, pattern = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
sock = socket.create_connection((host, port))
replies = Replies(sock)
sink = sys.stdout.buffer
cursor = b"0"
while True:
    sock.sendall(command(b"SCAN", cursor, b"MATCH", pattern, b"COUNT", b"500"))
    cursor, keys = replies.read()
    if keys:
        sock.sendall(b"".join(command(b"PTTL", k) + command(b"DUMP", k) for k in keys))
        for key in keys:
            ttl, payload = replies.read(), replies.read()
            if payload is None or ttl == -2:
                continue
            sink.write(command(b"RESTORE", key, b"0" if ttl == -1 else str(ttl).encode(),
                               payload, b"REPLACE"))
    if cursor == b"0":
        break
