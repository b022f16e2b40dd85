"""A delaying proxy in front of libvirtd's unix socket, standing in for a remote host: every
chunk a client sends reaches the daemon DELAY_MS later (replies pass at once), so each RPC
costs one added round trip while calls in flight stay in flight. It also counts the RPC
messages clients send (libvirt's wire format: each message starts with its 4-byte big-endian
length) and writes `messages=N` to COUNT_FILE on SIGTERM and after each client leaves.

Usage: python3 bench/delay-proxy.py LISTEN_SOCKET [DELAY_MS] [COUNT_FILE] [TARGET_SOCKET]
Then: hvharden plan --connect 'qemu+unix:///system?socket=LISTEN_SOCKET'
"""
import asyncio
import os
import signal
import struct
import sys

listen = sys.argv[1]
delay = float(sys.argv[2] if len(sys.argv) > 2 else 5) / 1000
count_file = sys.argv[3] if len(sys.argv) > 3 else None
target = sys.argv[4] if len(sys.argv) > 4 else "/var/run/libvirt/libvirt-sock"
messages = 0


def save():
    if count_file:
        with open(count_file + ".tmp", "w") as f:
            f.write(f"messages={messages}\n")
        os.replace(count_file + ".tmp", count_file)


async def client(reader, writer):
    upstream_reader, upstream_writer = await asyncio.open_unix_connection(target)
    loop = asyncio.get_running_loop()

    async def replies():
        while data := await upstream_reader.read(1 << 16):
            writer.write(data)
        writer.close()

    back = asyncio.create_task(replies())
    try:
        await forward(reader, upstream_writer, loop)
        await asyncio.sleep(delay)
        upstream_writer.close()
        await back
    finally:
        save()


async def forward(reader, upstream_writer, loop):
    global messages
    pending = b""
    while data := await reader.read(1 << 16):
        pending += data
        while len(pending) >= 4:
            length = struct.unpack(">I", pending[:4])[0]
            if len(pending) < length:
                break
            messages += 1
            pending = pending[length:]
        # Same delay for every chunk, scheduled in arrival order: order kept, nothing serialized.
        loop.call_later(delay, upstream_writer.write, data)


async def main():
    if os.path.exists(listen):
        os.unlink(listen)
    server = await asyncio.start_unix_server(client, listen)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()
    save()
    os.unlink(listen)


asyncio.run(main())
